#!/usr/bin/env python3
"""Zones from the official files as an analyst would build them without Appraise: pandas and
pyproj, against `appraise import-zones` (benches/import_zones_national.rs runs this on the same
generated files, in the same run, and prints both).

    python3 benches/import_zones_pandas.py DIR [--icbs E54000001,E54000002,...]

DIR holds the files the bench writes: the population-weighted centroids, Census TS001 and
TS045, IoD2025 File 7 and the postcode directory. Two cases, each timed from reading the files to
writing the zones as CSV:
- all England by its local authorities (every English LSOA in File 7);
- the ICBs given, through the postcode directory (each LSOA in the ICB most of its postcodes
  name; a tie goes to the lower code, as Appraise does).
Coordinates: British National Grid to WGS84 with pyproj (EPSG:27700 to EPSG:4326; PROJ's
Helmert fallback unless the OSTN15 grid is installed, so up to a few metres off where Appraise
applies OSTN15). Prints one JSON line per case: name, zones, seconds, peak memory (MB, the
process's VmHWM so far). Needs pandas and pyproj (pip install pandas pyproj).
"""

import argparse
import json
import os
import sys
import time

import pandas as pd
from pyproj import Transformer

from peak_memory import peak_mb

CENTROIDS = "LLSOA_Dec_2021_PWC_for_England_and_Wales_2022.csv"
RESIDENTS = "census2021-ts001-lsoa.csv"
CARS = "census2021-ts045-lsoa.csv"
DEPRIVATION = "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv"
DIRECTORY = "NSPL_AUG_2025_UK.csv"

TOTAL = "Residence type: Total; measures: Value"
HOUSEHOLDS = "Number of cars or vans: Total: All households"
NO_CAR = "Number of cars or vans: No cars or vans in household"


def build(folder, codes, out):
    """The zones `codes` (LSOA codes) with position, population, decile and households."""
    centroids = pd.read_csv(os.path.join(folder, CENTROIDS), usecols=["LSOA21CD", "x", "y"])
    deprivation = pd.read_csv(os.path.join(folder, DEPRIVATION), usecols=[0, 1, 6])
    deprivation.columns = ["code", "name", "imd_decile"]
    residents = pd.read_csv(os.path.join(folder, RESIDENTS), usecols=["geography code", TOTAL])
    cars = pd.read_csv(os.path.join(folder, CARS), usecols=["geography code", HOUSEHOLDS, NO_CAR])
    zones = deprivation[deprivation["code"].isin(codes)]
    zones = zones.merge(centroids, left_on="code", right_on="LSOA21CD", how="inner")
    zones = zones.merge(residents, left_on="code", right_on="geography code", how="inner")
    zones = zones.merge(cars, left_on="code", right_on="geography code", how="left")
    to_wgs84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    zones["longitude"], zones["latitude"] = to_wgs84.transform(zones["x"].values, zones["y"].values)
    zones = zones.rename(columns={TOTAL: "population", HOUSEHOLDS: "households", NO_CAR: "households_without_car"})
    zones = zones[["code", "name", "latitude", "longitude", "population", "imd_decile", "households", "households_without_car"]]
    zones.sort_values("code").to_csv(out, index=False)
    return len(zones)


def by_authorities(folder):
    deprivation = pd.read_csv(os.path.join(folder, DEPRIVATION), usecols=[0, 2])
    deprivation.columns = ["code", "authority"]
    return set(deprivation[deprivation["authority"].str.startswith("E")]["code"])


def by_icbs(folder, icbs):
    directory = pd.read_csv(os.path.join(folder, DIRECTORY), usecols=["lsoa21cd", "icb23cd"], dtype=str)
    directory = directory.dropna()
    counts = directory.groupby(["lsoa21cd", "icb23cd"]).size().reset_index(name="n")
    # Most postcodes first, then the lower ICB code: the first row of each LSOA is its ICB.
    counts = counts.sort_values(["lsoa21cd", "n", "icb23cd"], ascending=[True, False, True])
    majority = counts.drop_duplicates("lsoa21cd")
    return set(majority[majority["icb23cd"].isin(icbs)]["lsoa21cd"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--icbs", default="", help="ICB codes, comma-separated")
    args = parser.parse_args()
    cases = [("all England by its local authorities", lambda: by_authorities(args.dir))]
    if args.icbs:
        icbs = set(args.icbs.split(","))
        cases.append((f"{len(icbs)} ICBs through the postcode directory", lambda: by_icbs(args.dir, icbs)))
    for name, select in cases:
        started = time.perf_counter()
        zones = build(args.dir, select(), os.path.join(args.dir, "zones-pandas.csv"))
        seconds = time.perf_counter() - started
        print(json.dumps({"case": name, "zones": zones, "seconds": round(seconds, 3), "peak_mb": round(peak_mb())}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
