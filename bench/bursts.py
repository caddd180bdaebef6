"""Viewers arriving at once: bursts of N sessions that each load a page and change a widget.

Usage:
  .venv/bin/python -m bench.bursts [--sizes 10 30 100] [--page overview]
  .venv/bin/python -m bench.bursts --url http://127.0.0.1:8080 --pids 123 456   # an already running target

Each simulated viewer GETs the page, opens Streamlit's websocket, runs the page, then changes one widget
(the page's first control) and waits for that run to finish. Latency is from the GET to the end of the
widget's run. All N start together; each burst is bounded (N sessions, two runs each, a timeout) and
stops by itself. Memory is the server's resident set with all N sessions still open, minus the resident
set before the burst, divided by N. The floor is an empty app (a title only) at the same N, whose viewers
run it twice (it has no widget), measured twice: as Streamlit ships it, and under this app's config.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/<name>.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import APP, EMPTY, PAGES, STREAMLIT_DEFAULT, Server, Session, change_for, machine, ms, pct, ratio, rss_mb  # noqa: E402

TIMEOUT = 300
WARM_SESSIONS = 6


async def _viewer(url: str, page: str, ready: asyncio.Event, results: list, sessions: list) -> None:
    await ready.wait()
    start = time.perf_counter()
    session = Session(url, page)
    sessions.append(session)
    try:
        status = await session.fetch_page()
        if status != 200:
            raise RuntimeError(f"GET returned {status}")
        await session.connect()
        first = await session.run(timeout=TIMEOUT)
        change = change_for(session, page)
        second = await session.run(change, timeout=TIMEOUT)
        bad = [r.status for r in (first, second) if r.status != "FINISHED_SUCCESSFULLY"]
        if bad or first.exceptions or second.exceptions:
            raise RuntimeError(f"run ended {bad or 'with an exception on the page'}")
        if PAGES.get(page) and change is None:
            raise RuntimeError("the page's widget was not found")
        results.append((time.perf_counter() - start, None))
    except Exception as err:  # noqa: BLE001 - every failure counts as an error of the burst
        results.append((time.perf_counter() - start, f"{type(err).__name__}: {err}"))


async def burst(url: str, page: str, n: int, pids: list[int]) -> dict:
    before = sum(rss_mb(p) for p in pids)
    ready, results, sessions = asyncio.Event(), [], []
    tasks = [asyncio.create_task(_viewer(url, page, ready, results, sessions)) for _ in range(n)]
    ready.set()
    await asyncio.wait_for(asyncio.gather(*tasks), TIMEOUT * 2)
    after = sum(rss_mb(p) for p in pids)
    await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    times = [t for t, err in results if err is None]
    errors = [err for _, err in results if err]
    return {"n": n, "p50": pct(times, 50), "p95": pct(times, 95), "errors": len(errors),
            "first_error": errors[0] if errors else "", "mb_per_session": (after - before) / n,
            "rss_mb": after}


async def _warm(url: str, page: str) -> None:
    session = Session(url, page)
    await session.fetch_page()
    await session.connect()
    await session.run()
    change = change_for(session, page)
    await session.run(change)
    await session.close()


def run_target(url: str, page: str, sizes: list[int], pids: list[int]) -> list[dict]:
    rows = []
    for n in sizes:
        for _ in range(WARM_SESSIONS):  # behind a load balancer, enough to reach every process
            asyncio.run(_warm(url, page))
        time.sleep(1)
        rows.append(asyncio.run(burst(url, page, n, pids)))
        time.sleep(2)  # let closed sessions go before the next burst
    return rows


def measure(page: str, sizes: list[int]) -> tuple[dict[str, list[dict]], list[dict]]:
    floors = {}
    for label, flags in FLOORS.items():
        with Server(EMPTY, flags=flags) as floor:
            floors[label] = run_target(floor.url, "", sizes, [floor.pid])
    with Server(APP) as app:
        app_rows = run_target(app.url, page, sizes, [app.pid])
    return floors, app_rows


FLOORS = {"empty app as shipped": STREAMLIT_DEFAULT, "empty app, this config": ()}


def table(page: str, floors: dict[str, list[dict]], app_rows: list[dict], label: str = "app") -> str:
    shipped, own = (floors[k] for k in FLOORS)
    lines = [f"| N | {label} p50 | {label} p95 | empty app p95 as shipped | vs it | empty app p95, this config | vs it "
             "| errors | MB per added session (floor) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for a, f, g in zip(app_rows, shipped, own, strict=True):
        lines.append(f"| {a['n']} | {ms(a['p50'])} | {ms(a['p95'])} | {ms(f['p95'])} | {ratio(a['p95'], f['p95'])} | "
                     f"{ms(g['p95'])} | {ratio(a['p95'], g['p95'])} | {a['errors']} (floors {f['errors']}, {g['errors']}) "
                     f"| {a['mb_per_session']:.2f} ({g['mb_per_session']:.2f}) |")
    errors = [r["first_error"] for r in (*shipped, *own, *app_rows) if r["first_error"]]
    if errors:
        lines.append(f"\nFirst error: {errors[0]}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 30, 100])
    parser.add_argument("--page", default="overview", choices=list(PAGES))
    parser.add_argument("--url", help="measure an already running target (say nginx in front of two processes)")
    parser.add_argument("--pids", type=int, nargs="*", default=[], help="the target's server processes, for memory")
    args = parser.parse_args()
    print(f"# Bursts on the {args.page} page ({machine()})")
    if args.url:
        rows = run_target(args.url, args.page, args.sizes, args.pids)
        for r in rows:
            print(f"N={r['n']}: p50 {ms(r['p50'])}, p95 {ms(r['p95'])}, errors {r['errors']}, "
                  f"MB per added session {r['mb_per_session']:.2f}, RSS {r['rss_mb']:.0f} MB {r['first_error']}")
        return
    floors, app_rows = measure(args.page, args.sizes)
    print(table(args.page, floors, app_rows))


if __name__ == "__main__":
    main()
