"""First paint per page in a real browser, for a first-time viewer (a fresh browser context each time).

Usage: .venv/bin/python -m bench.first_paint [--repeats 5]

From navigation until the page's heading (h1) is visible, and until its first plotly chart is drawn
(an SVG inside the chart). Floors, measured in the same run: an empty app (a title only) for the
heading, an app with one small plotly chart for the chart. The server is warmed first (one visit per
page), so the figures are what a new viewer sees on a running server; each visit starts with an empty
browser cache, so plotly.js and Streamlit's bundle are fetched every time. Floors and pages are visited
in turn, round after round, so that drift on a shared machine touches all of them alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/<name>.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import APP, EMPTY, ONE_CHART, ONE_CHART_IN_APP, PAGES, Server, machine, median, ms, ratio  # noqa: E402

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "tests"))
from browser_support import CHROMIUM_ARGS  # noqa: E402

NO_CHART = ("country", "data_sources")
CHART = "[data-testid='stPlotlyChart'] .main-svg"
DESKTOP = {"width": 1280, "height": 720}


def visit(browser, url: str, want_chart: bool) -> tuple[float, float | None]:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector("h1", state="visible", timeout=60_000)
        heading = time.perf_counter() - start
        chart = None
        if want_chart:
            page.wait_for_selector(CHART, state="attached", timeout=60_000)
            chart = time.perf_counter() - start
        return heading, chart
    finally:
        context.close()


def measure(repeats: int = 5) -> tuple[tuple, tuple, dict]:
    """Floors and pages visited in turn, round after round, all three servers up at once.

    Measured one server after another, the floors drifted by up to 40% between runs on this shared
    machine (bench/RESULTS.md, 1b); taken alternately, every figure meets the same conditions.
    """
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, ExitStack() as stack:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        stack.callback(browser.close)
        empty, one, framed, app = (stack.enter_context(Server(path)) for path in (EMPTY, ONE_CHART, ONE_CHART_IN_APP, APP))
        # name -> (address, whether it has a chart to wait for)
        targets = {"empty": (empty.url, False), "one_chart": (one.url, True), "one_chart_in_app": (framed.url, True)}
        targets |= {path: (f"{app.url}/{path}", path not in NO_CHART) for path in PAGES}
        for url, chart in targets.values():  # warm the servers: data loaded, figures built
            visit(browser, url, chart)
        runs = {name: [] for name in targets}
        for _ in range(repeats):
            for name, (url, chart) in targets.items():
                runs[name].append(visit(browser, url, chart))
    out = {
        name: (median([h for h, _ in r]), median([c for _, c in r]) if targets[name][1] else None)
        for name, r in runs.items()
    }
    return out.pop("empty"), out.pop("one_chart"), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"# First paint, fresh browser context, floors and pages in turn, median of {args.repeats} ({machine()})")
    empty, one, pages = measure(args.repeats)
    print(f"Floors: empty app heading {ms(empty[0])}; one-chart app heading {ms(one[0])}, chart {ms(one[1])}")
    print("| page | heading | vs empty app | first chart | vs one-chart app |")
    print("|---|---:|---:|---:|---:|")
    for path, (heading, chart) in pages.items():  # the framed one-chart app first: what the frame alone costs
        chart_cells = f"{ms(chart)} | {ratio(chart, one[1])}" if chart else "no chart | –"
        print(f"| {path} | {ms(heading)} | {ratio(heading, empty[0])} | {chart_cells} |")


if __name__ == "__main__":
    main()
