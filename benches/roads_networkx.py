#!/usr/bin/env python3
"""Road times by an independent implementation, against `appraise roads`.

Reads the same OpenStreetMap extract through another parser (`osmium cat` to OSM XML, read
with Python's ElementTree), applies the car rules documented in docs/travel.md written again
in Python, finds shortest times with networkx's Dijkstra, and compares the off-peak drive time
of every zone x site cell with the times `appraise roads` stores (run with no allowances, so
both are the drive alone). Prints the median and worst difference.

    python3 benches/roads_networkx.py [EXTRACT.osm.pbf] [--appraise target/debug/appraise]
    python3 benches/roads_networkx.py --grid GRAPH.txt TIMES.u32

The second form is the timing beside ours on a generated grid (benches/roads.rs writes the
graph): every node's off-peak and peak milliseconds to each source by networkx's Dijkstra over
the reversed graph, written as little-endian u32s (off-peak then peak, each source by source), and the
seconds the searches took printed.

Default extract: tests/fixtures/osm/Helsinki.osm.pbf (ODbL, see its ATTRIBUTION.md). Needs
networkx and osmium-tool. Zones are a 10 x 10 grid over the extract's bounding box (inset by
10%), sites three of them.
"""

import argparse
import array
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import networkx as nx

R = 6_371_008.8
KMH_PER_MPH = 1.609344
DEFAULT_KMH = {
    "motorway": 90, "motorway_link": 45, "trunk": 85, "trunk_link": 40,
    "primary": 65, "primary_link": 30, "secondary": 55, "secondary_link": 25,
    "tertiary": 40, "tertiary_link": 20, "unclassified": 25, "residential": 25,
    "living_street": 10, "service": 15,
}
REFUSING = {"no", "private", "agricultural", "forestry", "emergency", "psv", "bus",
            "military", "delivery"}
ALLOWING = {"yes", "permissive", "destination", "designated"}
BLOCKING = {"bollard", "block", "jersey_barrier", "chain", "log", "debris", "fence", "wall",
            "kerb", "planter", "bus_trap", "sump_buster", "stile", "kissing_gate", "turnstile",
            "full-height_turnstile", "cycle_barrier", "motorcycle_barrier", "horse_stile"}
JOIN_MPS = 15 / 3.6


def haversine(a, b):
    la1, la2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * R * math.asin(min(1.0, math.sqrt(h)))


def car_access(tags):
    for key in ("motorcar", "motor_vehicle", "vehicle", "access"):
        if key in tags:
            return tags[key]
    return None


def maxspeed(value):
    value = value.split(";")[0].strip()
    low = value.lower()
    if low in ("gb:nsl_single", "uk:nsl_single"):
        return 60 * KMH_PER_MPH
    if low in ("gb:nsl_dual", "uk:nsl_dual", "gb:motorway", "uk:motorway"):
        return 70 * KMH_PER_MPH
    digits = ""
    for c in value:
        if c.isdigit() or c == ".":
            digits += c
        else:
            break
    unit = value[len(digits):].strip().lower()
    try:
        number = float(digits)
    except ValueError:
        return None
    if unit in ("", "km/h", "kmh", "kph"):
        kmh = number
    elif unit == "mph":
        kmh = number * KMH_PER_MPH
    else:
        return None
    return kmh if kmh > 0 else None


def graph(osm_xml):
    coords, blocked, ways = {}, set(), []
    for _, el in ET.iterparse(osm_xml):
        tags = {t.get("k"): t.get("v") for t in el.findall("tag")}
        if el.tag == "node":
            coords[int(el.get("id"))] = (float(el.get("lat")), float(el.get("lon")))
            barrier = tags.get("barrier")
            if barrier:
                access = car_access(tags)
                if (barrier in BLOCKING and access not in ALLOWING) or (
                        barrier not in BLOCKING and access in REFUSING):
                    blocked.add(int(el.get("id")))
        elif el.tag == "way":
            highway = tags.get("highway")
            if highway in DEFAULT_KMH and car_access(tags) not in REFUSING:
                oneway = tags.get("oneway")
                if oneway in ("yes", "1", "true"):
                    direction = 1
                elif oneway in ("-1", "reverse"):
                    direction = -1
                elif oneway in ("no", "false", "0", "alternating"):
                    direction = 0
                elif oneway == "reversible":
                    direction = None
                elif tags.get("junction") in ("roundabout", "circular") or highway in (
                        "motorway", "motorway_link"):
                    direction = 1
                else:
                    direction = 0
                if direction is not None:
                    kmh = maxspeed(tags["maxspeed"]) if "maxspeed" in tags else None
                    kmh = kmh or DEFAULT_KMH[highway]
                    refs = [int(n.get("ref")) for n in el.findall("nd")]
                    ways.append((refs, kmh, direction))
        if el.tag in ("node", "way", "relation"):
            el.clear()
    g = nx.DiGraph()
    for refs, kmh, direction in ways:
        for a, b in zip(refs, refs[1:]):
            if a == b or a in blocked or b in blocked or a not in coords or b not in coords:
                continue
            seconds = haversine(coords[a], coords[b]) / (kmh / 3.6)
            for u, v in ([(a, b)] if direction == 1 else [(b, a)] if direction == -1
                         else [(a, b), (b, a)]):
                if not g.has_edge(u, v) or g[u][v]["s"] > seconds:
                    g.add_edge(u, v, s=seconds)
    largest = max(nx.strongly_connected_components(g), key=len)
    g = g.subgraph(largest).copy()
    return g, {n: coords[n] for n in g.nodes}


def nearest(points, at):
    node = min(points, key=lambda n: haversine(points[n], at))
    return node, haversine(points[node], at)


def grid(graph_path, times_path):
    with open(graph_path) as f:
        lines = f.read().split("\n")
    n = int(lines[0])
    sources = [int(x) for x in lines[-1].split()]
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for line in lines[1:-1]:
        tail, head, offpeak, peak = map(int, line.split())
        # Reversed: a search from a source finds every node's time to it.
        g.add_edge(head, tail, o=offpeak, p=peak)
    out = array.array("I")
    started = time.perf_counter()
    for weight in ("o", "p"):
        for s in sources:
            lengths = nx.single_source_dijkstra_path_length(g, s, weight=weight)
            out.extend(lengths.get(v, 0xFFFFFFFF) for v in range(n))
    seconds = time.perf_counter() - started
    if sys.byteorder != "little":
        out.byteswap()
    with open(times_path, "wb") as f:
        out.tofile(f)
    print(f"{seconds:.3f}")
    return 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--grid":
        return grid(sys.argv[2], sys.argv[3])
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(here)
    parser = argparse.ArgumentParser()
    parser.add_argument("pbf", nargs="?",
                        default=os.path.join(top, "tests/fixtures/osm/Helsinki.osm.pbf"))
    parser.add_argument("--appraise", default=os.path.join(top, "target/debug/appraise"))
    args = parser.parse_args()
    work = tempfile.mkdtemp()
    osm = os.path.join(work, "extract.osm")
    subprocess.run(["osmium", "cat", "--overwrite", args.pbf, "-o", osm], check=True)
    info = subprocess.run(["osmium", "fileinfo", "-g", "header.boxes", args.pbf],
                          check=True, capture_output=True, text=True).stdout
    box = [float(x) for x in info.strip().strip("()").replace("(", "").replace(")", "")
           .split(",")[:4]]
    (lon0, lat0, lon1, lat1) = box
    inset = lambda lo, hi, f: lo + (hi - lo) * (0.1 + 0.8 * f)
    zones = [(f"Z{r}{c}", inset(lat0, lat1, r / 9), inset(lon0, lon1, c / 9))
             for r in range(10) for c in range(10)]
    sites = [zones[11], zones[55], zones[88]]

    started = time.perf_counter()
    g, points = graph(osm)
    reversed_g = g.reverse(copy=True)
    joined = {code: nearest(points, (lat, lon)) for code, lat, lon in zones}
    python_minutes = {}
    for scode, _, _ in sites:
        snode, sleg = joined[scode]
        lengths = nx.single_source_dijkstra_path_length(reversed_g, snode, weight="s")
        for zcode, _, _ in zones:
            znode, zleg = joined[zcode]
            python_minutes[(zcode, scode)] = (lengths[znode] + (zleg + sleg) / JOIN_MPS) / 60
    python_s = time.perf_counter() - started
    print(f"networkx: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges in the largest "
          f"strongly connected part; {len(python_minutes)} cells in {python_s:.2f} s")

    # The same with `appraise roads` on an appraisal holding only these zones and sites.
    demo, text = os.path.join(work, "demo.appraisal"), os.path.join(work, "demo.json")
    subprocess.run([args.appraise, "demo", demo], check=True, capture_output=True)
    subprocess.run([args.appraise, "export", demo, text], check=True, capture_output=True)
    doc = json.load(open(text))
    a = doc["appraisal"]
    org = a["organisations"][0]["code"]
    for key in ("services", "options", "criteria", "weightings", "weight_sets", "scorers",
                "scores", "performances", "audit", "exports"):
        a[key] = []
    a["zones"] = [{"code": c, "name": c, "latitude": la, "longitude": lo, "population": 100.0,
                   "imd_decile": 5} for c, la, lo in zones]
    a["sites"] = [{"code": c, "name": c, "organisation": org, "latitude": la, "longitude": lo,
                   "services": []} for c, la, lo in sites]
    json.dump(doc, open(text, "w"))
    mine = os.path.join(work, "roads.appraisal")
    subprocess.run([args.appraise, "import", text, mine], check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run([args.appraise, "roads", mine, args.pbf, "--junction-allowance", "0",
                    "--parking-seconds", "0"], check=True, capture_output=True)
    rust_s = time.perf_counter() - started
    subprocess.run([args.appraise, "export", mine, text], check=True, capture_output=True)
    m = json.load(open(text))["appraisal"]["travel_matrix"]
    diffs = []
    for column in m["times"]:
        if column["mode"] != "car":
            continue
        for zcode, minutes in zip(m["zones"], column["minutes"]):
            diffs.append((abs(minutes - python_minutes[(zcode, column["site"])]) * 60,
                          zcode, column["site"], minutes))
    diffs.sort()
    worst = diffs[-1]
    print(f"appraise roads: {len(diffs)} cells in {rust_s:.2f} s (the whole command)")
    print(f"difference: median {statistics.median(d[0] for d in diffs):.4f} s, worst "
          f"{worst[0]:.4f} s ({worst[1]} -> {worst[2]}, {worst[3]:.3f} min)")
    return 0 if worst[0] < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
