"""Fetch Comtrade records with comtradeapicall (the UN's own client), keep the raw responses, then rebuild the table.

    COMTRADE_API_KEY=... python -m lib.etl.trade fetch --reporter IND --partners all \\
        --codes 850511,2846,280530 --years 2019-2025 [--monthly]

Writes data/raw/trade/comtrade_<reporter>_<codes>_<years>_<annual|monthly>/: one JSON file per request in the API's
record format, rebuilt from the client's DataFrame (the client does not hand back the response bytes: REBUILT),
manifest.json (the query, the client, start and end time, records and sha256 per file) and import.json,
adds the source to data/sources.csv and the files to data/raw/datapackage.json, then imports every folder under
data/raw/trade/ into data/trade_records.csv. The folder appears whole or not at all: it is written beside its final
place and renamed when every request has succeeded.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import os
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from . import importer
from .records import ROOT, write_atomic

KEY_VARIABLE = "COMTRADE_API_KEY"
NO_KEY = f"""{KEY_VARIABLE} is not set, so nothing was fetched.

Get a key (free): create a UN Comtrade account, sign in to Comtrade's developer portal,
https://comtradedeveloper.un.org/, open Products, subscribe to the free APIs product (approved at once) and copy
its primary key from your profile. Then:

    export {KEY_VARIABLE}=your-key
    python -m lib.etl.trade fetch --reporter IND --partners all --codes 850511,2846,280530 --years 2019-2025

Without a key: download the records as CSV from https://comtradeplus.un.org/ (Trade data, then Download) and import
the file: python -m lib.etl.trade FILE.csv --source-id ID --retrieved YYYY-MM-DD --out data
(see docs/official-trade-data.md)."""
MAX_RECORDS = 100_000
# comtradeapicall's getFinalData parses the response itself and returns only pandas.json_normalize(response['data']):
# the bytes, and the response's other fields, never reach the caller (a failed request is printed, and None
# returned). So the files are not the bytes Comtrade sent, and the manifest says so.
REBUILT = ("Not the response bytes: comtradeapicall's getFinalData returns a DataFrame of the response's 'data' and "
           "discards the bytes and the response's other fields, so each file is rebuilt from that frame, one per "
           "request, in the API's record format {count, data, error} (null where the frame has NaN; a numeric "
           "field with a null in some record comes back as a float, e.g. 12.0). The sha256 is of the file as written.")
FLOW_NAMES = {"M": "imports", "X": "exports", "RX": "re-exports", "RM": "re-imports"}


class FetchError(Exception):
    pass


def load_client():
    import comtradeapicall

    return comtradeapicall


def years(text: str) -> list[int]:
    match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", text.strip())
    if match:
        first, last = int(match[1]), int(match[2] or match[1])
        if last < first:
            raise argparse.ArgumentTypeError(f"{text}: the last year comes before the first")
        return list(range(first, last + 1))
    try:
        return sorted({int(y) for y in text.split(",")})
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text}: expected YYYY, YYYY-YYYY or YYYY,YYYY,…") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lib.etl.trade fetch", description="Fetch UN Comtrade records.")
    p.add_argument("--reporter", required=True, help="reporting country, ISO3 (e.g. IND)")
    p.add_argument("--partners", default="all", help="'all' (World and every partner) or ISO3 codes, comma-separated")
    p.add_argument("--codes", required=True, help="HS codes, comma-separated (e.g. 850511,2846,280530)")
    p.add_argument("--years", required=True, type=years, help="YYYY-YYYY or YYYY,YYYY")
    p.add_argument("--monthly", action="store_true", help="monthly records instead of annual")
    p.add_argument("--flows", default="M,X", help="Comtrade flow codes, comma-separated (default M,X)")
    p.add_argument("--max-records", type=int, default=MAX_RECORDS, help="records asked for per request")
    p.add_argument("--raw", type=Path, default=ROOT / "data" / "raw" / "trade", help="where raw folders go")
    p.add_argument("--out", type=Path, default=ROOT / "data", help="data directory (trade_records.csv, sources.csv)")
    return p


def main(argv: list[str], client=None, environ=None, clock=None) -> int:
    args = parser().parse_args(argv)
    environ = os.environ if environ is None else environ
    key = environ.get(KEY_VARIABLE, "").strip()
    if not key:
        print(NO_KEY, file=sys.stderr)
        return 2
    client = client or load_client()
    clock = clock or (lambda: datetime.now(UTC))
    try:
        folder = fetch(client, key, args, clock)
    except FetchError as err:
        print(f"fetch failed, nothing written: {err}", file=sys.stderr)
        return 1
    print(f"wrote {folder}")
    return rebuild(args.raw, args.out)


def rebuild(raw: Path, out: Path) -> int:
    not_imported: list[str] = []
    # A hidden folder is a fetch that never finished (see _swap_in): never imported.
    folders = sorted(p for p in raw.iterdir()
                     if p.is_dir() and not p.name.startswith(".") and (p / importer.IMPORT_FILE).exists())
    jobs = importer.jobs_for(folders, None, None, (), None, not_imported)
    outcome = importer.run(jobs, outcome=importer.Outcome(not_imported=not_imported))
    for line in importer.summary(outcome):
        print(line)
    if outcome.errors:
        for err in outcome.errors:
            print(err, file=sys.stderr)
        print(f"{len(outcome.errors)} file(s) rejected: {out / 'trade_records.csv'} left as it was", file=sys.stderr)
        return 1
    target = importer.write(outcome, out)
    print(f"wrote {target}: {len(outcome.rows)} rows from {len(outcome.results)} files")
    return 0


def _codes_for(client, iso3s: list[str], what: str) -> str:
    codes = client.convertCountryIso3ToCode(",".join(iso3s))
    found = [c for c in str(codes or "").split(",") if c]
    if len(found) != len(iso3s):
        raise FetchError(f"Comtrade's reference gave {found or 'nothing'} for {what} {', '.join(iso3s)}: check the ISO3 codes")
    return ",".join(found)


def _periods(args) -> list[str]:
    if args.monthly:
        return [",".join(f"{y}{m:02d}" for m in range(1, 13)) for y in args.years]
    return [str(y) for y in args.years]


def _records(frame) -> list[dict]:
    """comtradeapicall's DataFrame back to the API's records: pandas writes a JSON null as NaN."""
    rows = frame.to_dict(orient="records")
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()} for row in rows]


def folder_name(args) -> str:
    codes = "-".join(c.strip() for c in args.codes.split(","))
    span = f"{args.years[0]}-{args.years[-1]}" if len(args.years) > 1 else str(args.years[0])
    return f"comtrade_{args.reporter.lower()}_{codes}_{span}_{'monthly' if args.monthly else 'annual'}"


def fetch(client, key: str, args, clock) -> Path:
    started = clock()
    reporter = args.reporter.strip().upper()
    reporter_code = _codes_for(client, [reporter], "reporter")
    partner_iso3 = [] if args.partners.strip().lower() == "all" else [p.strip().upper() for p in args.partners.split(",")]
    partner_code = _codes_for(client, partner_iso3, "partners") if partner_iso3 else None
    codes = ",".join(c.strip().replace(".", "") for c in args.codes.split(","))
    freq = "M" if args.monthly else "A"
    query = {
        "typeCode": "C", "freqCode": freq, "clCode": "HS", "reporterCode": reporter_code, "cmdCode": codes,
        "flowCode": args.flows, "partnerCode": partner_code, "partner2Code": "0", "customsCode": "C00", "motCode": "0",
        "maxRecords": args.max_records, "format_output": "JSON", "breakdownMode": "classic", "includeDesc": True,
    }
    name = folder_name(args)
    args.raw.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=args.raw))
    try:
        files = []
        for period in _periods(args):
            frame = client.getFinalData(key, period=period, **query)
            if frame is None:
                raise FetchError(f"Comtrade gave no response for period {period} (comtradeapicall printed the reason above)")
            records = _records(frame)
            if len(records) >= args.max_records:
                raise FetchError(f"period {period}: {len(records)} records, the most one request returns: the answer is "
                                 "probably cut off; ask for fewer codes or years per run")
            payload = json.dumps({"count": len(records), "data": records, "error": ""}, ensure_ascii=False, indent=1,
                                 default=str).encode("utf-8") + b"\n"
            file = f"{period.split(',')[0][:4]}.json"
            (staging / file).write_bytes(payload)
            files.append({"file": file, "period": period, "records": len(records), "bytes": len(payload),
                          "sha256": hashlib.sha256(payload).hexdigest()})
        completed = clock()
        retrieved = completed.date().isoformat()
        source_id = re.sub(r"[^a-z0-9-]+", "-", f"un-comtrade-{name.removeprefix('comtrade_')}").strip("-")
        manifest = {
            "query": {**query, "periods": _periods(args), "reporterISO": reporter, "partnersISO": partner_iso3 or "all"},
            "client": f"comtradeapicall {_version()} getFinalData (subscription key; key not recorded)",
            "started_at": started.isoformat(timespec="seconds"), "completed_at": completed.isoformat(timespec="seconds"),
            "files": files, "total_records": sum(f["records"] for f in files),
            "rebuilt_from_client_frame": True,
            "note": REBUILT,
        }
        imports = {"source_id": source_id, "files": [{"file": f["file"], "retrieved": retrieved} for f in files]}
        if partner_iso3:
            imports["partners_queried"] = len(partner_iso3)
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (staging / importer.IMPORT_FILE).write_text(json.dumps(imports, indent=2) + "\n", encoding="utf-8")
        target = args.raw / name
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _register(args, name, source_id, manifest, retrieved)
    return target


def _swap_in(staging: Path, target: Path) -> None:
    """Replace an earlier fetch of the same query as a whole: old folder out of the way, new one in, old one gone."""
    os.chmod(staging, 0o755)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staging.rename(target)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _version() -> str:
    try:
        return metadata.version("comtradeapicall")
    except metadata.PackageNotFoundError:
        return "(version unknown)"


def _register(args, name: str, source_id: str, manifest: dict, retrieved: str) -> None:
    """Name the source in sources.csv and the raw files in raw/datapackage.json, as every other input is."""
    flows = ", ".join(FLOW_NAMES.get(f.strip(), f.strip()) for f in args.flows.split(","))
    span = f"{args.years[0]}–{args.years[-1]}" if len(args.years) > 1 else str(args.years[0])
    asked = manifest["query"]["partnersISO"]
    partners = "World and every partner" if asked == "all" else ", ".join(asked)
    title = (f"UN Comtrade Database: {args.reporter.upper()}, {flows} of HS {args.codes} from/to {partners}, "
             f"{'monthly' if args.monthly else 'annual'} {span}")
    sources = args.out / "sources.csv"
    if sources.exists():
        text = sources.read_text(encoding="utf-8")
        known = {row["source_id"] for row in csv.DictReader(io.StringIO(text))}
        if source_id not in known:
            line = io.StringIO()
            csv.writer(line, lineterminator="\n").writerow([
                source_id, title, "United Nations Statistics Division (UN Comtrade Database)", retrieved,
                "https://comtradeplus.un.org/", "UN Comtrade terms of use; attribution 'UN Comtrade Database, United Nations'",
                retrieved, f"Fetched with comtradeapicall on {retrieved}; raw responses and manifest in data/raw/trade/{name}/",
                "Fetched by python -m lib.etl.trade fetch; 'published' is the retrieval date (Comtrade is a database).",
            ])
            text = text if text.endswith("\n") else text + "\n"
            write_atomic(sources, (text + line.getvalue()).encode("utf-8"))
    descriptor = args.raw.parent / "datapackage.json"
    if descriptor.exists():
        package = json.loads(descriptor.read_text(encoding="utf-8"))
        rel = args.raw.name
        resource = {
            "name": f"comtrade-{name.removeprefix('comtrade_')}".replace("_", "-"),
            "path": [f"{rel}/{name}/{f['file']}" for f in manifest["files"]] + [f"{rel}/{name}/manifest.json",
                                                                                f"{rel}/{name}/{importer.IMPORT_FILE}"],
            "title": title, "format": "json",
            "sources": [{"title": "UN Comtrade Database, United Nations", "path": "https://comtradeplus.un.org/"}],
            "licenses": [{"name": "UN-Comtrade-terms", "title": "UN Comtrade terms of use",
                          "path": "https://comtradeplus.un.org/"}],
            "description": f"Fetched {retrieved} by python -m lib.etl.trade fetch; query, times and sha256 in manifest.json.",
            "encoding": "utf-8",
        }
        package["resources"] = [r for r in package["resources"] if r["name"] != resource["name"]] + [resource]
        write_atomic(descriptor, (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
