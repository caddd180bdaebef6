"""First paint through nginx against Streamlit alone, for a first-time viewer, on loopback and on emulated lines.

Usage:
    deploy/two_processes.sh start
    .venv/bin/python -m bench.proxy_paint [--repeats 5]
    deploy/two_processes.sh stop

The same app, served two ways: by one Streamlit process directly (127.0.0.1:8511), and by nginx
(127.0.0.1:8080), which serves Streamlit's bundles itself, gzip-compressed ahead of time, and passes the
rest to the processes (deploy/nginx.conf). Each visit is a fresh browser context (an empty cache), so
every bundle is fetched, as for a colleague opening a shared link for the first time. Chromium's own
network emulation (DevTools protocol) stands in for the viewer's line; the bytes are what crossed it.
Direct and proxied visits alternate, so drift on this shared machine touches both alike.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/<name>.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, ms, ratio  # noqa: E402
from bench.first_paint import medians, visit  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import CHROMIUM_ARGS  # noqa: E402

SERVED = {"Streamlit alone": "http://127.0.0.1:8511", "nginx": "http://127.0.0.1:8080"}
# address -> whether it has a chart to wait for ("?view=…": the Overview's chart tab, at the root)
PAGES = {"?view=Concentration+by+stage": True, "trade": True, "country": False}


def _line(mbit_down: float, mbit_up: float, rtt_ms: float) -> dict:
    return {
        "offline": False,
        "latency": rtt_ms,
        "downloadThroughput": mbit_down * 1e6 / 8,
        "uploadThroughput": mbit_up * 1e6 / 8,
    }


LINES = {
    "loopback": None,
    "office line, 20 Mbit/s, 20 ms": _line(20, 5, 20),
    "busy Wi-Fi, 5 Mbit/s, 50 ms": _line(5, 2, 50),
}


def measure(repeats: int) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        try:
            for base in (*SERVED.values(), "http://127.0.0.1:8512"):  # warm both processes: data, figures
                for path, chart in PAGES.items():
                    visit(browser, f"{base}/{path}", chart, None)
            for line_name, line in LINES.items():
                for path, chart in PAGES.items():
                    runs = {name: [] for name in SERVED}
                    for _ in range(repeats):
                        for name, base in SERVED.items():
                            runs[name].append(visit(browser, f"{base}/{path}", chart, line))
                    for name, r in runs.items():
                        results[line_name, path, name] = medians(r)
        finally:
            browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"# First paint through nginx vs Streamlit alone, fresh context, median of {args.repeats} ({machine()})")
    results = measure(args.repeats)
    print("Times are painted (the page's own clock, see bench.first_paint); MB crossed the line until then.")
    print("| line | page | served by | heading | first chart | MB transferred | first chart vs Streamlit alone |")
    print("|---|---|---|---:|---:|---:|---:|")
    for (line_name, path, name), v in results.items():
        alone = results[line_name, path, "Streamlit alone"].chart_painted
        chart = f"{ms(v.chart_painted)} | {v.mb:.2f} | {ratio(v.chart_painted, alone)}" if v.chart else None
        chart = chart or f"no chart | {v.mb:.2f} | –"
        print(f"| {line_name} | {path} | {name} | {ms(v.heading_painted)} | {chart} |")


if __name__ == "__main__":
    main()
