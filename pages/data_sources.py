"""Data & sources: every dataset with its description, coverage, units, sources, licence and a download."""

import functools
from datetime import date

import streamlit as st

from lib import data
from lib.app import cache, official, site
from lib.app import components as c
from lib.app.text import plain

st.title(site.QUESTIONS["data_sources"])
st.caption("Every value in this dashboard comes from one of the datasets below, and every row names its source. "
           "Shares, changes and concentration indices are computed from these values, never typed in.")

_, broken = cache.available(data.names())
if broken:
    st.error(f"{len(broken)} dataset(s) cannot be used: " + plain(", ".join(e.file for e in broken))
             + ". Their problems are listed below, in their place; everything else still works.", icon=":material/error:")

# Callables as data: a file is read when its button is clicked, not on every run.
st.download_button("Download the data package descriptor (datapackage.json)", data=data.descriptor_bytes,
                   file_name="datapackage.json", mime="application/json", key="download_descriptor", on_click="ignore")

st.header("How current each series is", anchor="freshness")
st.caption(f"As of {date.today():%-d %B %Y}: each series' latest period, and how many releases the publisher's usual "
           "rhythm says have come out since. Where no source states a rhythm, nothing is computed.")
c.freshness_table()

for res in data.descriptor()["resources"]:
    name = res["name"]
    st.header(res["title"], anchor=name)
    st.text(res["description"])
    if c.loaded((name, "sources")) is None:
        continue
    entry = c.catalogue_entry(name)
    st.caption(
        f"Coverage: {plain(entry['coverage'])}  \nLicence: {plain(entry['licence'])}  \n"
        f"Data published up to {plain(entry['published'] or '—')}; last read {plain(entry['accessed'] or '—')}  \n"
        f"File: {plain(data.label(name))}"
    )
    if name == official.DATASET:
        official.coverage_table()
    # Three grids per dataset would be drawn (and sent) on every run, open or not: each waits to be opened.
    for label, part, options in (
        ("Columns, units and definitions", "units", {}),
        (f"Sources ({len(entry['sources'])})", "sources", {"column_config": {"url": st.column_config.LinkColumn("url")}}),
        ("Preview (first 20 rows)", "preview", {}),
    ):
        box = c.on_request(label, key=f"{part}_{name}")
        if box.open:
            with box:
                st.dataframe(entry[part], hide_index=True, width="stretch", **options)
    st.download_button(f"Download {res['path']}", data=functools.partial(data.read_bytes, name), file_name=res["path"],
                       mime="text/csv",
                       key=f"download_{name}", on_click="ignore")

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
        st.error(f"{plain(upload.name)}: {len(problems)} problem(s); fix them before the file goes into data/.",
                 icon=":material/error:")
        st.dataframe(data.problems_frame(problems), hide_index=True, width="stretch")
    else:
        st.success(f"{plain(upload.name)} passes every check for {target}: it can replace {plain(data.label(target))}.",
                   icon=":material/check_circle:")

official.upload_section()
