"""Data & sources: every dataset with its description, coverage, units, sources, licence and a download."""

import streamlit as st

from lib import data, provenance, ui

st.title("Data & sources: where every number comes from")
st.caption(
    "Every value in this dashboard comes from one of the datasets below, and every row names its source. "
    "Shares, changes and concentration indices are computed from these values, never typed in."
)

sources = ui.dataset("sources")
package = data.descriptor()

st.download_button(
    "Download the data package descriptor (datapackage.json)",
    data=data.descriptor_bytes(),
    file_name="datapackage.json",
    mime="application/json",
    key="download_descriptor",
)

for res in package["resources"]:
    name = res["name"]
    st.header(res["title"], anchor=name)
    st.text(res["description"])
    frame = ui.try_dataset(name)
    if isinstance(frame, data.DataError):
        ui.show_data_error(frame)
        continue
    entry = ui.cached(provenance.catalogue_entry, {name: frame, "sources": sources, "resource": res}, name)
    st.caption(
        f"Coverage: {ui.plain(entry['coverage'])}  \nLicence: {ui.plain(entry['licence'])}  \n"
        f"Data published up to {ui.plain(entry['published'] or '—')}; last read {ui.plain(entry['accessed'] or '—')}  \n"
        f"File: {ui.plain('data/' + res['path'])}"
    )
    # Three grids per dataset would be drawn (and sent) on every run, open or not: each waits to be opened.
    for label, part, options in (
        ("Columns, units and definitions", "units", {}),
        (f"Sources ({len(entry['sources'])})", "sources", {"column_config": {"url": st.column_config.LinkColumn("url")}}),
        ("Preview (first 20 rows)", "preview", {}),
    ):
        box = ui.on_request(label, key=f"{part}_{name}")
        if box.open:
            with box:
                st.dataframe(entry[part], hide_index=True, width="stretch", **options)
    st.download_button(
        f"Download {res['path']}",
        data=data.read_bytes(name),
        file_name=res["path"],
        mime="text/csv",
        key=f"download_{name}",
    )

st.header("Check a CSV before it goes in", anchor="check-upload")
st.caption(
    "For the staff who maintain the data: choose the dataset a file is meant to replace and upload it. "
    "It is checked against that dataset's schema, its sources and its rules, exactly as the dashboard loads "
    f"data, and every problem is listed. Nothing is saved. Limit: {data.MAX_UPLOAD_BYTES // 1024 // 1024} MB, "
    "CSV saved as UTF-8."
)
target = st.selectbox("Dataset the file would replace", data.names(), key="upload_dataset",
                      format_func=lambda n: f"{data.resource(n)['title']} ({data.resource(n)['path']})")
upload = st.file_uploader("CSV file", type=["csv"], key="upload_file")
if upload is not None:
    problems = data.check_upload(target, upload.getvalue())
    if problems:
        st.error(f"{ui.plain(upload.name)}: {len(problems)} problem(s); fix them before the file goes into data/.",
                 icon=":material/error:")
        st.dataframe(data.problems_frame(problems), hide_index=True, width="stretch")
    else:
        st.success(f"{ui.plain(upload.name)} passes every check for {target}: "
                   f"it can replace {ui.plain('data/' + data.resource(target)['path'])}.",
                   icon=":material/check_circle:")
