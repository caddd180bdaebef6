"""First paint per page in a real browser, for a first-time viewer (a fresh browser context each time).

Usage: .venv/bin/python -m bench.first_paint [--repeats 5] [--pages capacity data_sources]

From navigation until the page's heading (h1) is visible, and until its first plotly chart is drawn
(an SVG inside the chart). Floors, measured in the same run: an empty app (a title only) for the
heading, an app with one small plotly chart for the chart. The server is warmed first (one visit per
page), so the figures are what a new viewer sees on a running server; each visit starts with an empty
browser cache, so plotly.js and Streamlit's bundle are fetched every time. Floors and pages are visited
in turn, round after round, so that drift on a shared machine touches all of them alike.

Each time is taken two ways. "Polled" is Playwright's: Python's clock from `goto` until a
`wait_for_selector` returns. Playwright checks by polling inside the page, and a long task holds the
polling up: plotly.js takes about 0.6 s of the main thread to evaluate, so a heading painted just before
it is reported after it. "Painted" is the page's own clock (from navigation start): a script added before
the app's stamps the first animation frame in which the heading is visible, and the first in which a
chart's SVG is in the page, which is the frame that shows it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import NamedTuple

if __package__ in (None, ""):  # run as `python bench/<name>.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import APP, EMPTY, ONE_CHART, ONE_CHART_IN_APP, PAGES, Server, address, machine, median, ms, ratio  # noqa: E402

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "tests"))
from browser_support import CHROMIUM_ARGS  # noqa: E402

NO_CHART = ("overview", "country", "data_sources")  # pages that open on no chart
# The Overview opens on its headline figures; its chart is a tab away, timed through a link straight to it
# (the address *Link to this view* gives).
OVERVIEW_CHART = "?view=Concentration+by+stage"
CHART = "[data-testid='stPlotlyChart'] .main-svg"
DESKTOP = {"width": 1280, "height": 720}
PAINT_STAMPS = r"""
window.__painted = {};
(function stamp() {
  const p = window.__painted, now = performance.now();
  const h1 = document.querySelector("h1");
  if (!p.heading && h1 && h1.checkVisibility() && h1.getBoundingClientRect().height > 0) p.heading = now;
  if (!p.chart && document.querySelector(CHART)) p.chart = now;
  if (!(p.heading && p.chart)) requestAnimationFrame(stamp);
})();
""".replace("CHART", json.dumps(CHART))


class Visit(NamedTuple):
    heading: float  # seconds, polled
    chart: float | None  # None: no chart waited for
    heading_painted: float
    chart_painted: float | None
    mb: float  # transferred until the last of these


def visit(browser, url: str, want_chart: bool, line: dict | None = None) -> Visit:
    """One first-time viewer's visit; `line` is Chromium's network emulation (None: loopback as is)."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(PAINT_STAMPS)
    page = context.new_page()
    try:
        if line:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", line)
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector("h1", state="visible", timeout=120_000)
        heading = time.perf_counter() - start
        chart = None
        if want_chart:
            page.wait_for_selector(CHART, state="attached", timeout=120_000)
            chart = time.perf_counter() - start
        painted = page.evaluate("window.__painted")
        sent = page.evaluate(
            "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            ".reduce((n, r) => n + (r.transferSize || 0), 0)"
        )
        chart_painted = painted["chart"] / 1000 if want_chart else None
        return Visit(heading, chart, painted["heading"] / 1000, chart_painted, sent / 1e6)
    finally:
        context.close()


def medians(visits: list[Visit]) -> Visit:
    return Visit(*(median([v[i] for v in visits]) if visits[0][i] is not None else None for i in range(5)))


def measure(repeats: int = 5, pages=PAGES) -> tuple[Visit, Visit, dict[str, Visit]]:
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
        targets |= {path: (f"{app.url}/{address(path)}", path not in NO_CHART) for path in pages}
        if "overview" in pages:
            targets["overview" + OVERVIEW_CHART] = (f"{app.url}/{OVERVIEW_CHART}", True)
        for url, chart in targets.values():  # warm the servers: data loaded, figures built
            visit(browser, url, chart)
        runs = {name: [] for name in targets}
        for _ in range(repeats):
            for name, (url, chart) in targets.items():
                runs[name].append(visit(browser, url, chart))
    out = {name: medians(r) for name, r in runs.items()}
    return out.pop("empty"), out.pop("one_chart"), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES),
                        help="only these pages (the floors are always measured)")
    args = parser.parse_args()
    print(f"# First paint, fresh browser context, floors and pages in turn, median of {args.repeats} ({machine()})")
    empty, one, pages = measure(args.repeats, args.pages)
    print(
        f"Floors: empty app heading {ms(empty.heading)} polled, {ms(empty.heading_painted)} painted; "
        f"one-chart app chart {ms(one.chart)} polled, {ms(one.chart_painted)} painted "
        # Its own heading shows what polling does on a page with a chart: painted with the empty app's, polled
        # after plotly.js has evaluated.
        f"(its heading {ms(one.heading)} polled, {ms(one.heading_painted)} painted)"
    )
    print(
        "| page | heading polled | vs empty app | heading painted | vs empty app "
        "| first chart polled | vs one-chart app | first chart painted | vs one-chart app |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for path, v in pages.items():  # the framed one-chart app first: what the frame alone costs
        cells = [
            ms(v.heading),
            ratio(v.heading, empty.heading),
            ms(v.heading_painted),
            ratio(v.heading_painted, empty.heading_painted),
        ]
        if v.chart:
            cells += [ms(v.chart), ratio(v.chart, one.chart), ms(v.chart_painted), ratio(v.chart_painted, one.chart_painted)]
        else:
            cells += ["no chart", "–", "no chart", "–"]
        print(f"| {path} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
