"""Charts as plotly.js lays them out in a real Chromium: each one is laid out once, not twice."""

import json
from pathlib import Path

import plotly
import pytest

from lib import data
from lib.figures.layout import empty_figure
from lib.specs import capacity, mining, registry, reserves, supply_chain

pytestmark = pytest.mark.browser

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@pytest.fixture(scope="module")
def d():
    return {name: data.load(name) for name in data.names()}


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_content("<div id='chart' style='width:1000px'></div>")
    page.add_script_tag(path=str(PLOTLY_JS))
    yield page
    context.close()


def every_figure(d) -> dict:
    """Each chart of the app with each of its choices (editions, years, modes), except the map, which has no axes."""
    figures = {key: spec.build(d, **registry.latest_params(d, key, "India")).figure
               for key, spec in registry.SPECS.items() if key != "reserves-map"}
    for edition in reserves.edition_choices(d):
        figures[f"reserves {edition}"] = reserves.BAR.build(d, edition=edition).figure
    for edition in supply_chain.edition_choices(d):
        for year in supply_chain.year_choices(d, edition):
            figures[f"concentration {edition} {year}"] = supply_chain.concentration(d, edition, int(year)).figure
            figures[f"stage-shares {edition} {year}"] = supply_chain.country_shares(d, edition, int(year)).figure
    figures["mining, every country, as shares"] = mining.mining(d, mining.country_choices(d), mode="share").figure
    for label in capacity.stage_choices(d):
        stage = capacity.stage_of(label)
        for unit in capacity.unit_choices(d, stage):
            figures[f"capacity {stage} {unit}"] = capacity.by_country(d, stage, unit).figure
        figures[f"capacity-starts {stage}"] = capacity.starts(d, stage).figure
    figures["no data"] = empty_figure(title="t", subtitle="s", source="src")
    return figures


def test_every_chart_reserves_the_room_its_axis_labels_need(page, d):
    # When the labels need more room than the margin left for them, plotly's automargin widens it and
    # draws the whole chart a second time, in every viewer's browser (bench/RESULTS.md, 1f).
    widened = {}
    for name, figure in every_figure(d).items():
        got = page.evaluate(
            """async fig => {
                const el = document.getElementById('chart');
                await Plotly.newPlot(el, fig.data, fig.layout);
                const size = el._fullLayout._size;
                Plotly.purge(el);
                return [size.l, size.r, size.t, size.b];
            }""",
            json.loads(figure.to_json()),
        )
        margin = figure.layout.margin
        if [round(x) for x in got] != [margin.l, margin.r, margin.t, margin.b]:
            widened[name] = (got, (margin.l, margin.r, margin.t, margin.b))
    assert widened == {}
