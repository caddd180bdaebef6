"""Official trade records on the Data & sources page: what the published table covers, and a viewer's own extract,
checked in memory by the importers, previewed, kept for that viewer's session (lib.app.uploads) and offered back as
trade_records rows. Nothing is written on the server.
"""

from __future__ import annotations

import functools

import streamlit as st

from lib.app import cache, isolated, uploads
from lib.app import components as c
from lib.app.text import plain
from lib.domain import official_trade as ot
from lib.etl.trade import upload as trade_upload

DATASET = "trade_records"
# The last file checked (its id and what was found), so that a rerun of the page does not import it again.
_CHECKED = "_trade_upload_checked"
# Bumped by "Forget": the uploader gets a new key, and so comes back empty.
_ROUND = "_trade_upload_round"
PREVIEW_ROWS = 20
# A DataWeb workbook at the upload's limits is read in a few seconds; a file that takes this long is not one.
CHECK_SECONDS = 120


def _coverage(d: dict):
    return ot.coverage(d[DATASET])


def coverage_table() -> None:
    """The published records' coverage by reporter, code and period, with what a share of each is a share of."""
    if c.loaded((DATASET,)) is None:
        return
    st.subheader("Coverage by reporter, code and period")
    st.caption("One line per reporter, flow, commodity code and kind of period. A code's scope is the code's own, at "
               "its number of digits; 'partner_scope selected' means the query named its partners, so a share of "
               "those rows is a share of the partners queried, never of all trade.")
    st.dataframe(cache.derived(_coverage, (DATASET,)), hide_index=True, width="stretch")


def uploader_key() -> str:
    return f"trade_upload_{st.session_state.get(_ROUND, 0)}"


def _forget() -> None:
    uploads.clear()
    st.session_state.pop(_CHECKED, None)
    st.session_state[_ROUND] = st.session_state.get(_ROUND, 0) + 1


def _checked_apart(name: str, raw: bytes) -> trade_upload.Checked:
    """The importers' check of the file, run in a child process: what reading it allocates is the child's, and goes
    with it (lib.app.isolated)."""
    try:
        return isolated.run(trade_upload.check, name, raw, timeout=CHECK_SECONDS)
    except isolated.Failed as err:
        return trade_upload.unreadable(name, f"the file could not be checked ({err})")


def _check(file) -> trade_upload.Checked:
    """The file's check, once per file the viewer gives; a file that passes replaces the upload kept before."""
    seen = st.session_state.get(_CHECKED)
    if seen is not None and seen[0] == file.file_id:
        return seen[1]
    # A DataWeb workbook takes some seconds to read: say what is happening meanwhile.
    with st.spinner(f"Checking {plain(file.name)} with the importer…"):
        checked = _checked_apart(file.name, file.getvalue())
    st.session_state[_CHECKED] = (file.file_id, checked)
    if checked.ok:
        uploads.keep(file.name, checked.records)
    return checked


def upload_section() -> None:
    st.header("Preview your own trade extract", anchor="trade-upload")
    st.caption(
        "Upload a UN Comtrade download (CSV or the API's JSON) or a USITC DataWeb workbook (.xlsx). It is checked by "
        "the same importer that builds the published records, in memory, and every problem is listed. A file that "
        f"passes is {uploads.LABEL}: the Country profile draws it beside the published records, for this browser "
        "session only, and you can download it as rows of trade_records for a maintainer to add. Nothing is written on "
        f"the server. Limits: {trade_upload.MAX_UPLOAD_BYTES // 1024 // 1024} MB and "
        f"{trade_upload.MAX_UPLOAD_ROWS:,} rows. A Comtrade file does not say when it was downloaded: its rows give "
        "today as the date retrieved."
    )
    file = st.file_uploader("Comtrade CSV or JSON, or DataWeb workbook", type=["csv", "json", "xlsx"],
                            key=uploader_key())
    if file is not None:
        checked = _check(file)
        if not checked.ok:
            first = checked.error.problems[0]
            st.error(f"{plain(file.name)} was rejected: {len(checked.error.problems)} problem(s). Nothing from it is "
                     f"kept. The first: {plain(str(first))}", icon=":material/error:")
            st.dataframe(trade_upload.problems(checked.error), hide_index=True, width="stretch")
    kept = uploads.current()
    if kept is not None:
        _preview(kept)


def _preview(kept: uploads.Upload) -> None:
    records = kept.records
    reporters = ", ".join(sorted(records["reporter"].dropna().astype(str).unique()))
    st.success(f"{plain(kept.name)}: {len(records):,} rows of trade_records, {uploads.LABEL}. The Country profile "
               f"draws it for this session only (choose {plain(reporters)} there); nothing is written on the server.",
               icon=":material/check_circle:")
    seen = st.session_state.get(_CHECKED)
    checked = seen[1] if seen is not None and seen[1].ok and seen[1].name == kept.name else None
    if checked is not None and not checked.skipped.empty:
        st.caption(f"Read as {checked.format}; {int(checked.skipped['rows'].sum()):,} row(s) or block(s) of the file "
                   "are not kept, for these reasons:")
        st.dataframe(checked.skipped, hide_index=True, width="stretch")
    st.subheader("Your upload: counts by reporter, code and period")
    st.dataframe(kept.memo("coverage", lambda: ot.coverage(records)), hide_index=True, width="stretch")
    st.subheader(f"Your upload: the first {min(PREVIEW_ROWS, len(records))} rows")
    st.dataframe(records.head(PREVIEW_ROWS), hide_index=True, width="stretch")
    with st.container(horizontal=True):
        st.download_button("Download your upload as trade_records CSV",
                           data=functools.partial(trade_upload.csv_bytes, records),
                           file_name=f"trade_records-{_stem(kept.name)}.csv", mime="text/csv",
                           key="download_trade_upload", on_click="ignore", icon=":material/table:")
        st.button("Forget my upload", key="forget_trade_upload", on_click=_forget, icon=":material/delete:")


def _stem(name: str) -> str:
    """A file name of the viewer's own, as a safe part of the download's name."""
    stem = name.rsplit(".", 1)[0]
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem)[:60] or "upload"
