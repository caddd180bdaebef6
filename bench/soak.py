"""Memory as viewers try ever more country sets: does a process grow without bound?

Usage: .venv/bin/python -m bench.soak [--sets 2500]

Two ways, each in a fresh process: (1) the Mining chart built through the app's cache for N distinct country
sets, (2) the Mining page driven through AppTest, one distinct set per run. The cache keeps at most
lib.app.cache.MAX_ENTRIES parameter sets, so past that many the resident set should level off. Printed, never
asserted: resident set size (after a garbage collection) at each checkpoint.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKPOINTS = (1, 250, 500, 1000, 1500, 2000, 2500, 3000)


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def country_sets(countries: list[str], n: int) -> list[tuple[str, ...]]:
    sets = itertools.chain.from_iterable(itertools.combinations(countries, k) for k in range(2, 6))
    return list(itertools.islice(sets, n))


def _through_cache(n: int) -> dict[int, float]:
    from lib.app import cache
    from lib.specs import mining

    countries = mining.country_choices(cache.datasets(mining.NEEDS))
    out = {}
    for i, chosen in enumerate(country_sets(countries, n), start=1):
        cache.finding("mining", countries=chosen, mode="absolute")
        if i in CHECKPOINTS:
            gc.collect()
            out[i] = rss_mb()
    return out


def _through_app(n: int) -> dict[int, float]:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import open_app

    from lib.app import cache
    from lib.specs import mining

    countries = mining.country_choices(cache.datasets(mining.NEEDS))
    at = open_app("mining")
    out = {}
    for i, chosen in enumerate(country_sets(countries, n), start=1):
        at.button_group(key="countries").set_value(list(chosen)).run()
        if i in CHECKPOINTS:
            gc.collect()
            out[i] = rss_mb()
    return out


def _child(mode: str, n: int) -> None:
    import logging

    logging.disable(logging.WARNING)  # Streamlit's "no runtime" notices, outside a server
    result = (_through_cache if mode == "cache" else _through_app)(n)
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=2500)
    parser.add_argument("--child", choices=["cache", "app"])
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.sets)
        return
    from bench.common import machine

    print(f"# Memory soak ({machine()}): resident set, MB, after N distinct country sets")
    rows = {}
    for mode in ("cache", "app"):
        done = subprocess.run([sys.executable, "-m", "bench.soak", "--child", mode, "--sets", str(args.sets)],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        rows[mode] = {int(k): v for k, v in json.loads(done.stdout.strip().splitlines()[-1]).items()}
    points = sorted(set(rows["cache"]) | set(rows["app"]))
    print("| country sets | " + " | ".join(str(p) for p in points) + " |")
    print("|---|" + "---:|" * len(points))
    for mode, label in (("cache", "Mining chart through the cache"), ("app", "Mining page through AppTest")):
        print(f"| {label} | " + " | ".join(f"{rows[mode].get(p, float('nan')):.0f}" for p in points) + " |")


if __name__ == "__main__":
    main()
