#!/usr/bin/env python3
"""The national travel matrix CSV read by pandas, against `appraise import-matrix`
(benches/import_matrix.rs runs this on the same generated file, in the same run, and prints
both).

    python3 benches/import_matrix_pandas.py CSV

Only reading: `pd.read_csv` with its C parser into a DataFrame (zone, site and mode as text,
minutes as float64), what an analyst's script would do before anything else; no checks, no
matrix, nothing written. Prints one JSON line: rows, seconds, peak memory (MB, the process's
VmHWM). Needs pandas (pip install pandas).
"""

import json
import sys
import time

import pandas as pd

from peak_memory import peak_mb


def main():
    path = sys.argv[1]
    started = time.perf_counter()
    frame = pd.read_csv(path)
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": len(frame), "seconds": round(seconds, 3), "peak_mb": round(peak_mb())}))


if __name__ == "__main__":
    main()
