"""The Country profile's dependence section: the country's official import records as charts, with a product line
and a measure in the share link, and the viewer's own upload drawn by the same charts beside them.

The published records' charts are built once per process (cache.finding). A viewer's upload is drawn from what its
Upload keeps for that viewer's session (Upload.memo): its rows never enter a cache that other sessions read.
"""

from __future__ import annotations

import streamlit as st

from lib.app import cache, page, state, uploads
from lib.app import components as c
from lib.app.text import plain
from lib.domain import official_trade as ot
from lib.specs import dependence
from lib.specs.registry import SPECS

NEEDS = dependence.NEEDS
# Each chart's tab, in the order of the tabs.
TABS = {
    dependence.PARTNERS.key: "Imports by partner",
    dependence.CHINA_SHARE.key: "China's share",
    dependence.CONCENTRATION.key: "Supplier concentration",
    dependence.MIRROR.key: "Both sides of a flow",
}


def _uploaded(name: str) -> tuple[uploads.Upload, dict] | None:
    """The viewer's upload and its rows as datasets for the charts, where it holds records of `name` as reporter."""
    upload = uploads.current()
    if upload is None or not (upload.records["reporter"] == name).any():
        return None
    typed = upload.memo("typed", lambda: ot.typed(upload.records))
    return upload, {"trade_records": typed, "sources": cache.dataset("sources")}


def _elsewhere(name: str) -> None:
    """Say so where the viewer's upload holds records, but of other reporters than the country shown."""
    upload = uploads.current()
    if upload is None or (upload.records["reporter"] == name).any():
        return
    others = ", ".join(sorted(upload.records["reporter"].dropna().astype(str).unique())) or "no reporter"
    st.info(f"Your upload ({plain(upload.name)}) holds records of {plain(others)}, not of {plain(name)}: choose that "
            "country to see them.", icon=":material/upload_file:")


def dependence_section(name: str) -> None:
    """The section: its controls, one chart a tab, and what the records lack for the country."""
    st.header("Dependence on suppliers, from official trade records")
    d = c.loaded(NEEDS)
    if d is None:
        return
    mine = _uploaded(name)
    published = cache.derived(dependence.product_choices, NEEDS, name)
    theirs = mine[0].memo(("lines", name), lambda: ot.lines_of(mine[1]["trade_records"], name)) if mine else []
    products = [line.label for line in ot.PRODUCT_LINES if line.label in published or line.label in theirs]
    _elsewhere(name)
    if not products:
        st.info(cache.derived(dependence.record_gap, NEEDS, name), icon=":material/info:")
        return
    col1, col2 = st.columns(2)
    with col1:
        product = state.choice("Product line", products, key="product",
                               help="Each line is the commodity code its records are published in; the chart's "
                                    "subtitle says how much wider than the product that code is.")
    with col2:
        default = cache.derived(dependence.default_measure, NEEDS, name, product) if product in published else "US$"
        measure = state.choice("Measure", list(ot.MEASURES), key="measure", default=default,
                               help="t: net mass in tonnes; US$: value as the reporter publishes it (CIF, customs "
                                    "value, FAS or FOB).")
    params = dict(country=name, product=product, measure=measure)
    ours = cache.derived(dependence.profile_charts, NEEDS, name, product) if product in published else ()
    yours = mine[0].memo(("charts", name, product), lambda: dependence.profile_charts(mine[1], name, product)) if mine else ()
    if not ours:
        st.info(cache.derived(dependence.record_gap, NEEDS, name)
                or f"The published records of {plain(name)} hold no {plain(product.lower())}: only your upload does.",
                icon=":material/info:")

    def tab(key: str):
        def draw() -> None:
            if key in ours:
                c.chart(key, **params)
            if key in yours:
                upload, records = mine
                st.subheader(f"The same chart from {plain(upload.name)} ({uploads.LABEL})")
                found = upload.memo((key, *params.values()), lambda: SPECS[key].build(
                    records, **params, upload=uploads.LABEL, upload_file=upload.name))
                c.show(found, key=f"upload-{key}-{product}-{measure}")
        return draw

    page.chart_tabs({TABS[k]: tab(k) for k in TABS if k in ours or k in yours})
