"""Every country the Country profile offers, built as the page builds it but without a page (one AppTest per country
would cost the quick loop a minute): its facts, gaps and tables, and its dependence charts where its official records
allow, or the plain words that it has none."""

import pytest
from conftest import loaded

from lib import data
from lib.domain import country
from lib.domain import official_trade as ot
from lib.specs import dependence
from lib.specs.registry import SPECS

EVERY = {name: loaded(name) for name in data.names()}
COUNTRIES = country.countries(EVERY)


@pytest.mark.parametrize("name", COUNTRIES)
def test_every_countrys_facts_gaps_and_tables_build(name):
    country.headline(EVERY, name)
    assert all(isinstance(g, str) and g for g in country.gaps(EVERY, name))
    for _, part in country.TABLES:
        if part.applies(name):
            part.build(EVERY, name)
    country.events(EVERY, name)
    country.claims(EVERY, name)


@pytest.mark.parametrize("name", COUNTRIES)
def test_every_countrys_dependence_section_draws_charts_or_says_it_has_no_records(name):
    keys = dependence.profile_charts(EVERY, name)
    if not keys:
        assert dependence.record_gap(EVERY, name).startswith(f"No official trade record in the data has {name}")
        return
    assert dependence.record_gap(EVERY, name) is None
    for product in dependence.product_choices(EVERY, name):
        for measure in ot.MEASURES:
            for key in dependence.profile_charts(EVERY, name, product):
                found = SPECS[key].build(EVERY, country=name, product=product, measure=measure)
                assert found.title and found.source.startswith(("Source: ", "Sources: ")) and found.figure.layout.annotations


def test_every_reporter_of_the_official_records_is_a_country_the_profile_offers():
    assert set(ot.reporters(EVERY["trade_records"])) <= set(COUNTRIES)


def test_the_profiles_include_countries_with_charts_and_countries_without():
    drawn = [name for name in COUNTRIES if dependence.profile_charts(EVERY, name)]
    assert {"United States", "China"} <= set(drawn) and len(drawn) < len(COUNTRIES)
