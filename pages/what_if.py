"""What if? A supplier restricts its exports to an importer: supply by source month by month, the shortfall over
cut x cover, and the 2025 restriction replayed. Every control is in the address; bad input is said, not drawn."""

import streamlit as st

from lib.app import components as c
from lib.app import page, site, state
from lib.app.presentation import presenting
from lib.app.scenario_controls import FIELDS, restriction, subject
from lib.app.text import plain
from lib.domain.baselines import SHARES_EXAMPLE
from lib.specs import scenario as sc
from lib.specs import words


def what_if() -> None:
    heading = st.empty()
    options = page.from_data(sc.choices, sc.NEEDS)  # sources too: the first view cites them
    if not options:
        heading.title(site.QUESTIONS["what_if"].format(country=sc.DEFAULT_IMPORTER))
        if options is not None:
            st.info("No importer in the data has a baseline to run a scenario on.", icon=":material/info:")
        return
    importer, product, basis, box = subject(options)
    heading.title(site.QUESTIONS["what_if"].format(country=plain(words.the(importer))))
    option = options[importer][product][basis]
    if not presenting():
        st.caption(f"{plain(product)} · " + plain(sc.baseline_words(option)))
        c.source_note(c.sources_in_full(ids=option.source_ids))
    split = ""
    if not option.split:
        split = state.text("Shares by supplier, % of the importer's supply (your assumption, not data)", "split",
                           placeholder=SHARES_EXAMPLE, help="Labelled as your assumption under the chart and on the slide")
    suppliers = sc.suppliers(option, split)
    with box:
        supplier = state.choice("Supplier", suppliers, key="supplier", default="China", dropdown=True) if suppliers else None
    params = {"importer": importer, "product": product, "basis": basis, "split": split, "supplier": supplier,
              **restriction(importer)}
    if option.needs_shares and not split.strip():
        st.info(f"The data gives {plain(importer)}'s total only, with no split by supplier: type the shares you assume "
                f"(for example “{SHARES_EXAMPLE}”) to run the scenario.", icon=":material/info:")
        return
    stem = f"what-if-{importer}".lower().replace(" ", "-")
    page.chart_tabs({
        "Supply by month": lambda: c.chart("scenario", name=stem, field_names=FIELDS, **params),
        "Shortfall by cut and cover": lambda: c.chart("scenario-grid", name=f"{stem}-grid", field_names=FIELDS, **params),
        "The 2025 restriction replayed": lambda: replayed(importer),
    })


def replayed(importer: str) -> None:
    c.chart("scenario-replay")
    notes = page.from_data(sc.preset_notes, sc.NEEDS, importer)
    if notes and not presenting():
        st.caption("What the preset rests on: " + " ".join(plain(n) for n in notes))


what_if()
