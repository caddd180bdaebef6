"""Server cost of a run: the median of repeated reruns of each page, against the one-chart app.

Usage: .venv/bin/python -m bench.reruns [--repeats 20]

One websocket session per page: a first run (not counted), then `repeats` reruns with the same
widget state, each a `rerun_script` BackMsg answered by `script_finished`. Wall time is measured by
the client; server CPU is the process's user+system time over the reruns, divided by their number.

The floor is the one-chart app twice: as Streamlit ships it (a full garbage collection after every run,
runner.postScriptGC) and under this app's own configuration (which turns that collection off). The app's
pages are compared with both.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/<name>.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    APP,
    ONE_CHART,
    ONE_CHART_IN_APP,
    PAGES,
    STREAMLIT_DEFAULT,
    Server,
    Session,
    cpu_seconds,
    machine,
    median,
    ms,
    ratio,
)


async def _rerun_cost(url: str, pid: int, page: str, repeats: int) -> tuple[float, float]:
    session = Session(url, page)
    await session.connect()
    try:
        await session.run()
        await session.run()
        cpu0 = cpu_seconds(pid)
        times = [(await session.run()).seconds for _ in range(repeats)]
        cpu = (cpu_seconds(pid) - cpu0) / repeats
    finally:
        await session.close()
    return median(times), cpu


FLOOR_AS_SHIPPED = "one-chart app, Streamlit's default (floor)"
FLOOR_OWN_CONFIG = "one-chart app, this app's config (floor)"


def measure(repeats: int = 20) -> dict[str, tuple[float, float]]:
    results = {}
    with Server(ONE_CHART, flags=STREAMLIT_DEFAULT) as floor:
        results[FLOOR_AS_SHIPPED] = asyncio.run(_rerun_cost(floor.url, floor.pid, "", repeats))
    with Server(ONE_CHART) as floor:
        results[FLOOR_OWN_CONFIG] = asyncio.run(_rerun_cost(floor.url, floor.pid, "", repeats))
    with Server(ONE_CHART_IN_APP) as floor:
        results["one chart in the app's frame"] = asyncio.run(_rerun_cost(floor.url, floor.pid, "", repeats))
    with Server(APP) as app:
        for page in PAGES:
            results[page] = asyncio.run(_rerun_cost(app.url, app.pid, page, repeats))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    print(f"# Rerun cost ({machine()}); median of {args.repeats} reruns per page")
    results = measure(args.repeats)
    shipped_wall, shipped_cpu = results[FLOOR_AS_SHIPPED]
    own_wall, own_cpu = results[FLOOR_OWN_CONFIG]
    print("| page | median rerun (wall) | vs floor as shipped | server CPU per rerun | vs floor as shipped "
          "| vs floor, this config |")
    print("|---|---:|---:|---:|---:|---:|")
    for page, (wall, cpu) in results.items():
        print(f"| {page} | {ms(wall)} | {ratio(wall, shipped_wall)} | {ms(cpu)} | {ratio(cpu, shipped_cpu)} "
              f"| {ratio(cpu, own_cpu)} |")


if __name__ == "__main__":
    main()
