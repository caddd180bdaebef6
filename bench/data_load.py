"""Data load: a cold load and validation of every dataset (a new process), and a warm one (the same process again).

Usage: .venv/bin/python -m bench.data_load [--repeats 5]

Cold: a fresh Python process imports lib.data and loads all datasets; the figure excludes the imports.
Warm: the same process loads them all again (lib.data keeps the parsed descriptor and the frictionless
Package, not the tables; the app's own per-process cache, st.cache_data, sits on top of that).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/<name>.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import APP, machine, median, ms  # noqa: E402

_PROBE = """
import json, time
t0 = time.perf_counter()
from lib import data
t1 = time.perf_counter()
for n in data.names(): data.load(n)
t2 = time.perf_counter()
for n in data.names(): data.load(n)
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "cold": t2 - t1, "warm": t3 - t2, "n": len(data.names())}))
"""


def measure(repeats: int = 5) -> dict:
    runs = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", _PROBE], cwd=APP.parent, capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONPATH": str(APP.parent)})
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {k: median([r[k] for r in runs]) for k in ("import", "cold", "warm", "n")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    r = measure(args.repeats)
    print(f"# Data load ({machine()}); median of {args.repeats} processes, {int(r['n'])} datasets")
    print(f"import lib.data: {ms(r['import'])}; cold load + validation of all: {ms(r['cold'])}; warm: {ms(r['warm'])}")


if __name__ == "__main__":
    main()
