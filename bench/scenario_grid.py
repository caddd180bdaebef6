"""Scenario model: the time of one run and of the cut x cover sensitivity grid, against one small plotly figure.

Usage: .venv/bin/python -m bench.scenario_grid [--repeats 21]

In-process, no server: what the scenario page would spend in lib.domain.scenario on each rerun. The floor is
the cost, in the same run, of building the one-chart app's figure (go.Figure(go.Bar(...)), bench/apps/one_chart.py)
and of serialising it to JSON as st.plotly_chart does. "Cell loop" runs the model once per cell, for comparison
with the broadcast grid; it is measured at the two small grids only. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/<name>.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import plotly.graph_objects as go  # noqa: E402

from bench.common import machine  # noqa: E402
from lib.domain.scenario import (  # noqa: E402
    Baseline,
    Restriction,
    Scenario,
    Stocks,
    Substitution,
    run,
    sensitivity_grid,
    shortfall_grid_t,
)

HORIZONS = (24, 60, 120)
GRIDS = (10, 50, 200)
LOOPED = (10, 50)


def scenario(horizon: int) -> Scenario:
    # Synthetic tonnages, for timing only: nothing here is a figure from the data.
    base = Baseline("Importer", "Magnets", {"A": 900.0, "B": 80.0, "C": 20.0}, "2024-01", "2024-12", "synthetic", ("bench",))
    return Scenario(base, Restriction("A", 60, "2025-03", 3, 2), Substitution({"B": 50.0, "C": 30.0}, lag_months=2,
                    bound_t={"B": 200.0}, bound_basis="synthetic", bound_source_ids=("bench",)), Stocks(1.5),
                    horizon_months=horizon)


def timed(fn, repeats: int) -> tuple[float, float]:
    """Median wall and CPU seconds of one call."""
    fn()  # warm
    walls, cpus = [], []
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return statistics.median(walls), statistics.median(cpus)


def one_run(horizon: int):
    # What a rerun does: validate the inputs the controls give, then run.
    return lambda: run(scenario(horizon))


def grid(horizon: int, n: int, frame: bool):
    sc = scenario(horizon)
    cuts, covers = np.linspace(0, 100, n), np.linspace(0, 6, n)
    return (lambda: sensitivity_grid(sc, cuts, covers)) if frame else (lambda: shortfall_grid_t(sc, cuts, covers))


def cell_loop(horizon: int, n: int):
    sc = scenario(horizon)
    cuts, covers = np.linspace(0, 100, n), np.linspace(0, 6, n)

    def loop():
        return [[run(Scenario(sc.baseline, Restriction("A", c, "2025-03", 3, 2), sc.substitution, Stocks(m),
                              horizon_months=horizon)).summary.cumulative_shortfall_t for m in covers] for c in cuts]
    return loop


def figure():
    return go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 4]))


def ms(s: float) -> str:
    return f"{s * 1000:,.3f} ms" if s < 0.01 else f"{s * 1000:,.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    r = args.repeats
    fig_wall, fig_cpu = timed(figure, r)
    json_wall, json_cpu = timed(lambda: figure().to_json(), r)
    print(f"Machine: {machine()}; numpy {np.__version__}; median of {r}")
    print(f"Floor: one small plotly figure built {ms(fig_wall)} (CPU {ms(fig_cpu)}); built and to_json {ms(json_wall)} "
          f"(CPU {ms(json_cpu)})\n")
    print("| what | horizon | wall | CPU | vs figure built | vs built + JSON |")
    print("|---|---:|---:|---:|---:|---:|")

    def line(what: str, horizon: int, wall: float, cpu: float) -> None:
        print(f"| {what} | {horizon} | {ms(wall)} | {ms(cpu)} | {wall / fig_wall:.2f}x | {wall / json_wall:.2f}x |")

    for h in HORIZONS:
        line("one run (validate + run)", h, *timed(one_run(h), r))
    for h in HORIZONS:
        for n in GRIDS:
            line(f"grid {n}x{n}, array", h, *timed(grid(h, n, frame=False), r))
            line(f"grid {n}x{n}, frame", h, *timed(grid(h, n, frame=True), r))
    for h in HORIZONS:
        for n in LOOPED:
            line(f"grid {n}x{n}, cell loop (run per cell)", h, *timed(cell_loop(h, n), max(3, r // 7)))


if __name__ == "__main__":
    main()
