"""Charts as plotly.js lays them out in a real Chromium: each one is laid out once, not twice."""

import json
from pathlib import Path

import plotly
import pytest

from lib import charts, data, views

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
    figures = {key: make().figure for key, make in views.all_views(d, "India").items() if key != "reserves-map"}
    for edition in views.reserve_editions(d):
        figures[f"reserves {edition}"] = views.reserves(d, edition).figure
    for edition in views.stage_editions(d):
        for year in views.stage_years(d, edition):
            figures[f"concentration {edition} {year}"] = views.concentration(d, edition, int(year)).figure
            figures[f"stage-shares {edition} {year}"] = views.stage_shares(d, edition, int(year)).figure
    countries = views.production_countries(d)
    figures["mining, every country, as shares"] = views.mining(d, countries, mode="share").figure
    figures["no data"] = charts.empty_figure(title="t", subtitle="s", source="src")
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
