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
    published, accessed = provenance.vintage(frame, sources)
    licence = "; ".join(lic.get("title", lic["name"]) for lic in res.get("licenses", []))
    st.caption(
        f"Coverage: {provenance.coverage(frame)}  \nLicence: {licence}  \n"
        f"Data published up to {published or '—'}; last read {accessed or '—'}  \nFile: data/{res['path']}"
    )
    with st.expander("Columns, units and definitions"):
        st.dataframe(provenance.units(res), hide_index=True, width="stretch")
    used = provenance.cited(frame, sources)
    with st.expander(f"Sources ({len(used)})"):
        st.dataframe(
            used[["title", "publisher", "published", "url", "licence", "accessed"]],
            hide_index=True,
            width="stretch",
            column_config={"url": st.column_config.LinkColumn("url")},
        )
    with st.expander("Preview (first 20 rows)"):
        st.dataframe(frame.head(20), hide_index=True, width="stretch")
    st.download_button(
        f"Download {res['path']}",
        data=data.read_bytes(name),
        file_name=res["path"],
        mime="text/csv",
        key=f"download_{name}",
    )
