"""Official trade statistics in: UN Comtrade and USITC DataWeb records -> data/trade_records.csv.

    python -m lib.etl.trade data/raw/trade/* --out data          rebuild the table from the raw folders
    python -m lib.etl.trade fetch --reporter IND --codes … --years …   fetch from Comtrade (COMTRADE_API_KEY)
    python -m lib.etl.trade bulk BULK_FILE --out DIR                   a bulk file's rare-earth lines, streamed

One module per job: detect (which format, from the bytes), comtrade (API JSON and website CSV), dataweb (the DataWeb
workbook), partners (codes and names to ISO3 through lib.data.countries), records (the row model, its fields from
lib.data.catalog, and the deterministic writer), importer (files and raw folders to one table, all or nothing), fetch
(comtradeapicall), bulk (streaming extraction from bulk files). The table's invariants are in
lib/data/rules_trade.py (lib.data never imports the ETL): every load checks them, and the importer applies them to the
rows it would write (or preview) first, so that no table the dashboard would refuse is ever written. The guide for
analysts is docs/official-trade-data.md.
"""
