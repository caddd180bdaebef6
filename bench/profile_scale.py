"""The Country profile's dependence charts at scale: the rerun cost of the profile on the real trade_records and on a
synthetic one of about a million records, against the one-chart app; the rerun after a viewer changes the product line
and the measure (the first build of that combination, and the same combination again, cached); memory per added
viewer, without an upload and with one at the upload's row limit (bench.upload_viewers); and, in-process, the cost of
building the profile's charts for a new parameter set at both sizes.

Usage: .venv/bin/python -m bench.profile_scale [--repeats 20] [--copies 83] [--viewers 10] [--upload-viewers 5]

The synthetic table is made for this benchmark only, in a temporary copy of data/ named SYNTHETIC-… that the app
reads through DASHBOARD_DATA and that is deleted afterwards; it never enters data/. It holds the real records plus
`copies` copies of them under made-up reporters ('SYNTHETIC reporter 001', ISO3 codes from the user-assigned range
XAA–XZZ), so that every copy passes the same schema and invariants as the real table and the profiles of the
United States and China read their own rows out of a million. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import shutil
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/<name>.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from bench import common, upload_viewers  # noqa: E402
from bench.common import APP, ONE_CHART, ROOT, Server, Session, cpu_seconds, machine, median, ms, ratio, rss_mb  # noqa: E402

# The profiles measured: (label, query string). India has no records of its own (a gap, no chart).
PROFILES = (("United States", "country=United+States"), ("China", "country=China"), ("India (no records)", "country=India"))
FIRST_RUN_TIMEOUT = 1800  # the first run loads and validates the table: minutes for a million records


def synthetic_copy(copies: int) -> Path:
    """A copy of data/ whose trade_records holds the real records and `copies` synthetic copies of them."""
    folder = Path(tempfile.mkdtemp(prefix="SYNTHETIC-trade-records-"))
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("raw"))
    real = pd.read_csv(ROOT / "data" / "trade_records.csv", dtype=str, keep_default_na=False)
    codes = ("X" + a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2))
    frames = [real]
    for i, code in zip(range(1, copies + 1), codes, strict=False):
        frames.append(real.assign(reporter=f"SYNTHETIC reporter {i:03d}", reporter_iso3=code, reporter_code=""))
    pd.concat(frames, ignore_index=True).to_csv(data / "trade_records.csv", index=False)
    return folder


def rows_of(folder: Path) -> int:
    with open(folder / "data" / "trade_records.csv", "rb") as f:
        return sum(1 for _ in f) - 1


async def _reruns(url: str, pid: int, page: str, query: str, repeats: int) -> tuple[float, float, float]:
    """(first run's wall time, median rerun wall time, server CPU per rerun) of one session."""
    session = Session(url, page, query)
    await session.connect()
    try:
        first = (await session.run(timeout=FIRST_RUN_TIMEOUT)).seconds
        await session.run()
        cpu0 = cpu_seconds(pid)
        times = [(await session.run()).seconds for _ in range(repeats)]
        cpu = (cpu_seconds(pid) - cpu0) / repeats
    finally:
        await session.close()
    return first, median(times), cpu


async def _per_viewer(url: str, pid: int, query: str, n: int) -> float:
    """MB of resident memory each of n more open sessions on the profile adds."""
    before = rss_mb(pid)
    sessions = [Session(url, "country", query) for _ in range(n)]
    for s in sessions:
        await s.connect()
        await s.run()
    after = rss_mb(pid)
    for s in sessions:
        await s.close()
    return (after - before) / n


def _opening(products: list[str]) -> tuple[str, str]:
    """The combination the U.S. profile opens on (its idle reruns have built it): the first product line, at its
    default measure."""
    from lib import data
    from lib.specs import dependence

    d = {name: data.load(name) for name in dependence.NEEDS}
    return products[0], dependence.default_measure(d, "United States", products[0])


async def _changes(url: str, pid: int, query: str, repeats: int) -> dict:
    """Server CPU of a rerun after the viewer changes the product line and the measure: each combination the first
    time the process draws it (its chart built), then `repeats` changes among the same combinations (cached)."""
    session = Session(url, "country", query)
    await session.connect()
    try:
        await session.run(timeout=FIRST_RUN_TIMEOUT)
        await session.run()
        products = session.options["product"]
        opening = _opening(products)
        combos = [(p, m) for p in products for m in session.options["measure"] if (p, m) != opening]

        async def change(combo) -> tuple[float, float]:
            cpu0 = cpu_seconds(pid)
            result = await session.run({"product": combo[0], "measure": combo[1]}, timeout=FIRST_RUN_TIMEOUT)
            if result.exceptions:
                raise RuntimeError(f"the profile failed after a change: {session.exception_texts[:1]}")
            return result.seconds, cpu_seconds(pid) - cpu0

        first = [await change(c) for c in combos]
        again = [await change(combos[i % len(combos)]) for i in range(repeats)]
    finally:
        await session.close()
    return {"combos": len(combos), "first_cpu": median([c for _, c in first]), "first_max": max(c for _, c in first),
            "first_wall": median([w for w, _ in first]), "again_cpu": sum(c for _, c in again) / len(again),
            "again_wall": median([w for w, _ in again])}


def measure_server(env: dict, repeats: int, viewers: int, upload: tuple[bytes, int] | None = None,
                   upload_viewers_n: int = 0) -> dict:
    results = {}
    with Server(APP, env=env) as app:
        for label, query in PROFILES:
            results[label] = asyncio.run(_reruns(app.url, app.pid, "country", query, repeats))
        results["changes"] = asyncio.run(_changes(app.url, app.pid, PROFILES[0][1], repeats))
        results["rss_mb"] = rss_mb(app.pid)
        results["per_viewer_mb"] = asyncio.run(_per_viewer(app.url, app.pid, PROFILES[0][1], viewers))
        if upload is not None and upload_viewers_n:
            results["upload"] = asyncio.run(upload_viewers.per_viewer(app.url, app.pid, upload[0], upload_viewers_n,
                                                                      PROFILES[0][1], repeats))
    return results


def measure_in_process(folder: Path, copies: int, repeats: int = 5) -> dict[str, float]:
    """Median CPU seconds to build the U.S. profile's four charts (a new parameter set) on the real table and on the
    synthetic one (the real typed frame concatenated, so that only the charts are timed, not the validation)."""
    from lib import data
    from lib.specs import dependence

    d = {name: data.load(name) for name in ("trade_records", "sources")}
    big = pd.concat([d["trade_records"]] + [d["trade_records"].assign(reporter=f"SYNTHETIC reporter {i:03d}")
                                            for i in range(1, copies + 1)], ignore_index=True)
    out = {}
    for label, records in (("real", d["trade_records"]), ("synthetic", big)):
        ds = {"trade_records": records, "sources": d["sources"]}
        times = []
        for _ in range(repeats):
            t0 = time.process_time()
            for spec in dependence.PROFILE:
                spec.build(ds, country="United States", product="Rare-earth compounds", measure="US$")
            times.append(time.process_time() - t0)
        out[label] = statistics.median(times)
    out["rows_real"], out["rows_synthetic"] = len(d["trade_records"]), len(big)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--copies", type=int, default=83, help="synthetic copies of the real table (83: ~1 M rows)")
    parser.add_argument("--viewers", type=int, default=10)
    parser.add_argument("--upload-viewers", type=int, default=5,
                        help="viewers who each upload a workbook at the row limit (on the real table only; 0: none)")
    args = parser.parse_args()
    print(f"# Country profile at scale ({machine()}); median of {args.repeats} reruns per profile")
    floors = {}
    from bench.reruns import _rerun_cost

    with Server(ONE_CHART, flags=common.STREAMLIT_DEFAULT) as floor:
        floors["as shipped"] = asyncio.run(_rerun_cost(floor.url, floor.pid, "", args.repeats))
    with Server(ONE_CHART) as floor:
        floors["this config"] = asyncio.run(_rerun_cost(floor.url, floor.pid, "", args.repeats))
    shipped, own = floors["as shipped"][1], floors["this config"][1]
    print(f"Floor, one-chart app: {ms(shipped)} CPU per rerun as Streamlit ships it; {ms(own)} under this app's config")
    folder = synthetic_copy(args.copies)
    try:
        tables = {"real": {}, f"SYNTHETIC, {rows_of(folder):,} records": {"DASHBOARD_DATA": str(folder / "data")}}
        print("| trade_records | profile | first run (wall) | median rerun (wall) | server CPU per rerun "
              "| vs floor as shipped | vs floor, this config |")
        print("|---|---|---:|---:|---:|---:|---:|")
        memory, changes = [], []
        upload = upload_viewers.at_the_row_limit() if args.upload_viewers else None
        for i, (table, env) in enumerate(tables.items()):
            r = measure_server(env, args.repeats, args.viewers, upload if i == 0 else None, args.upload_viewers)
            for label, _ in PROFILES:
                first, wall, cpu = r[label]
                print(f"| {table} | {label} | {ms(first)} | {ms(wall)} | {ms(cpu)} | {ratio(cpu, shipped)} "
                      f"| {ratio(cpu, own)} |")
            c = r["changes"]
            changes.append(f"| {table} | first build ({c['combos']} combinations) | {ms(c['first_wall'])} "
                           f"| {ms(c['first_cpu'])} (max {ms(c['first_max'])}) | {ratio(c['first_cpu'], shipped)} "
                           f"| {ratio(c['first_cpu'], own)} |")
            changes.append(f"| {table} | cached repeat ({args.repeats} changes) | {ms(c['again_wall'])} "
                           f"| {ms(c['again_cpu'])} | {ratio(c['again_cpu'], shipped)} | {ratio(c['again_cpu'], own)} |")
            memory.append(f"{table}: server {r['rss_mb']:,.0f} MB resident; {r['per_viewer_mb']:.2f} MB per added viewer "
                          f"({args.viewers} sessions on the U.S. profile)")
            if "upload" in r:
                memory.append(upload_viewers.describe(r["upload"], upload, shipped, own))
        print("\nU.S. profile, a rerun after changing the product line and the measure (server CPU: median of the "
              "first builds; mean of the cached changes)")
        print("| trade_records | rerun | wall (median) | server CPU | vs floor as shipped | vs floor, this config |")
        print("|---|---|---:|---:|---:|---:|")
        print("\n".join(changes))
        print("\n".join(memory))
        built = measure_in_process(folder, args.copies)
        print(f"New parameter set, in-process (the U.S. profile's four charts, built): {ms(built['real'])} CPU on "
              f"{built['rows_real']:,} records; {ms(built['synthetic'])} on {built['rows_synthetic']:,}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
