"""The What if? page's controls: who and what the scenario is about (in a popover), and the restriction (the
preset's values from the data, or the viewer's own), each bound to the address through lib.app.state."""

from __future__ import annotations

import contextlib

import streamlit as st

from lib.app import page, state
from lib.app.presentation import presenting
from lib.specs import scenario as sc

# The model's fields, as the controls below name them, for the message that replaces a chart.
FIELDS = {
    "importer": "Importer", "product": "Product", "basis": "Baseline", "preset": "Scenario",
    "split": "Shares by supplier", "split_pct": "Shares by supplier", "Restriction.supplier": "Supplier",
    "Restriction.cut_pct": "Cut (%)", "Restriction.start": "Start", "Scenario.horizon_start": "Start",
    "Restriction.length_months": "Months cut", "Restriction.ramp_months": "Ramp back (months)",
    "Stocks.cover_months": "Cover (months)", "Substitution.extra_t": "Others can add (t a month)",
    f"Substitution.extra_t['{sc.SUBSTITUTE}']": "Others can add (t a month)",
    "Substitution.lag_months": "From (months after the cut starts)",
}


def show_preset(values: dict) -> None:
    """The preset's cut, start and length, shown where the custom controls go, greyed: they are the data's."""
    for label, value in (("Cut (%)", values["cut"]), ("Start", values["start"]), ("Months cut", values["length"])):
        if isinstance(value, str):
            st.text_input(label, value=value, disabled=True, help="From the data: choose Custom to set it")
        else:
            st.number_input(label, value=value, disabled=True, help="From the data: choose Custom to set it",
                            format="%.1f" if isinstance(value, float) else "%d")


def restriction(importer: str) -> dict:
    """The scenario's restriction: the preset, or the custom cut, start and length, then ramp, cover, substitution.

    The numbers sit in a popover, whose content the browser draws only when it is opened: drawn on the page, their
    seven inputs held the first chart back by about 130 ms (bench/RESULTS.md, 13). Their values are stated under
    the tabs and under the chart either way."""
    values = page.from_data(sc.preset_values, sc.NEEDS, importer) or {}
    left, right = st.columns([5, 8], vertical_alignment="bottom")
    with left:
        preset = state.choice("Scenario", sc.PRESETS, key="preset",
                              help="A repeat of April–June 2025 takes the depth and length of the cut from China's "
                                   "reported exports; Custom lets you set them")
    params = {"preset": preset}
    with right:
        box = contextlib.nullcontext() if presenting() else st.popover(
            "Cut, cover and other suppliers", icon=":material/tune:", key="assumptions")
    with box:
        cut, others = st.columns(2) if not presenting() else (contextlib.nullcontext(),) * 2
        with cut:
            if preset == sc.CUSTOM:
                params["cut"] = state.number("Cut (%)", "cut", float(values.get("cut", 50.0)), step=5.0, format="%.1f",
                                             help="How much of the supplier's shipments to the importer stop, 0 to 100")
                params["start"] = state.text("Start", "start", values.get("start", "2025-04"),
                                             help="The first month of the cut, YYYY-MM, after the baseline's period")
                params["length"] = state.number("Months cut", "length", int(values.get("length", 3)),
                                                help="How many months the full cut lasts, before any ramp back")
            elif values and not presenting():
                show_preset(values)
            params["ramp"] = state.number("Ramp back (months)", "ramp", 0,
                                          help="Months over which shipments come back in equal steps after the cut")
        with others:
            params["cover"] = state.number("Cover (months)", "cover", 0.0, step=0.5, format="%.1f",
                                           help="The importer's stock at the start, in months of its baseline demand")
            params["extra"] = state.number("Others can add (t a month)", "extra", 0.0, step=10.0, format="%.0f",
                                           help="What other suppliers can ship on top, at most; 0 (none) is the worst case")
            params["lag"] = state.number("From (months after the cut starts)", "lag", 0,
                                         help="When the other suppliers' extra tonnage starts to arrive")
    return params


def defaults_after(changed: str) -> None:
    """A new importer (or product, or reading) brings its own first product, reading and supplier: set them, so that
    the address does not keep a product the new importer has not (which would show as a link's unknown value)."""
    options = page.from_data(sc.choices, sc.NEEDS) or {}
    importer = st.session_state.get("importer", sc.DEFAULT_IMPORTER)
    products = options.get(importer, {})
    if changed == "importer" or st.session_state.get("product") not in products:
        st.session_state["product"] = next(iter(products), None)
    readings = products.get(st.session_state["product"], {})
    if changed in ("importer", "product") or st.session_state.get("basis") not in readings:
        st.session_state["basis"] = next(iter(readings), None)
    option = readings.get(st.session_state["basis"])
    names = sc.suppliers(option) if option is not None else []
    if names and st.session_state.get("supplier") not in names:
        st.session_state["supplier"] = "China" if "China" in names else names[0]


def subject(options: dict) -> tuple[str, str, str, str]:
    """Importer, product, reading of the baseline and the shares typed where the data gives no split, chosen in a
    popover: the heading names the importer and the caption under it the baseline, so the choice is in view."""
    box = contextlib.nullcontext() if presenting() else st.popover(
        "Importer, product, baseline, supplier", icon=":material/tune:")
    with box:
        importer = state.choice("Importer", sorted(options, key=lambda n: n != sc.DEFAULT_IMPORTER), key="importer",
                                default=sc.DEFAULT_IMPORTER, dropdown=True, on_change=defaults_after, args=("importer",))
        products = options[importer]
        product = state.choice("Product", list(products), key="product", dropdown=True, on_change=defaults_after,
                               args=("product",))
        basis = state.choice("Baseline", list(products[product]), key="basis", dropdown=True, on_change=defaults_after,
                             args=("basis",), help="Which figures the importer's monthly supply is read from")
    return importer, product, basis, box
