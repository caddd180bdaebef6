"""The dependence charts' words: each title says what a share is of, and a viewer's upload says it is theirs."""

import pytest

from lib.domain import official_trade as ot
from lib.specs import dependence, official, registry
from lib.specs.words import whose


@pytest.fixture(scope="module")
def d(bundled):
    return bundled


def test_chinas_feedstock_title_names_its_three_neighbours_and_the_world_total(d):
    assert dependence.feedstock(d).title == ("Myanmar, Malaysia and Laos supplied 93% of the 77,025 t of rare-earth "
                                             "compounds China imported in 2024")


def test_chinas_feedstock_draws_no_world_bar(d):
    frame = dependence.feedstock(d).frame
    assert "World" not in set(frame["partner"]) and {"Myanmar", "Laos", "Malaysia"} <= set(frame["partner"])


def test_the_us_share_of_china_by_value_is_titled_as_a_share_of_the_18_partners(d):
    found = dependence.china_share(d, "United States", "Magnets", "US$")
    assert found.title.startswith("China's share of the 18 partners queried, not of all trade, in the United States' "
                                  "imports of magnets by value, rose from 5% in 1993 to 60% in 2025")


def test_chinas_share_title_names_the_peak_between_the_first_and_the_last_year(d):
    assert dependence.china_share(d, "United States", "Magnets", "US$").title.endswith(", peaking at 69% in 2023")


def test_the_us_imports_by_partner_are_titled_by_the_amount_from_the_18_partners_and_the_largest_supplier(d):
    title = dependence.partners(d, "United States", "Magnets", "US$").title
    assert title.startswith("The United States imported US$702 million of magnets from the 18 partners queried in "
                            "2025 (US$232 million in 1993), China the largest supplier at 60% by value")
    assert title.endswith("(share of the 18 partners queried, not of all trade)")


def test_a_world_total_is_not_said_to_come_from_partners_queried(d):
    title = dependence.partners(d, "China", "Rare-earth compounds", "t").title
    assert title.startswith("China imported 77,025 t of rare-earth compounds in 2024") and "queried" not in title


def test_the_partner_and_china_share_titles_of_every_reporter_say_different_things(d):
    from lib.domain import official_trade as ot

    for country in ot.reporters(d["trade_records"]):
        if country == "China":
            continue
        for product in dependence.product_choices(d, country):
            for measure in ot.MEASURES:
                by_partner = dependence.partners(d, country, product, measure).title
                share = dependence.china_share(d, country, product, measure).title
                assert by_partner.split(" (")[0] != share.split(" (")[0]
                assert not share.startswith("China supplied")


def test_concentration_uses_the_supply_chain_pages_hhi(d):
    found = dependence.concentration(d, "China", "Rare-earth compounds", "t")
    assert "HHI 3,981" in found.title and "top 3 suppliers of rare-earth compounds held 93%" in found.title


def test_a_countrys_chart_from_an_upload_says_so_in_its_title_and_source_line(d):
    found = dependence.partners(d, "China", "Rare-earth compounds", "t", upload="your upload", upload_file="x.csv")
    assert found.title.endswith("(your upload)")
    assert found.source.startswith("Source: your upload: x.csv, records of UN Comtrade")


def test_a_deck_about_a_country_without_records_still_draws_real_records(d):
    assert dependence.latest_params(d, "India")["country"] == "United States"


def test_every_dependence_chart_is_in_the_registry_with_its_deck_label(d):
    for key in ("dependence-partners", "dependence-china-share", "dependence-concentration", "dependence-mirror",
                "china-feedstock"):
        assert key in registry.SPECS and registry.LABELS[key]


def _words(found) -> list[str]:
    """The chart's title and subtitle as drawn."""
    notes = {a.name: a.text for a in found.figure.layout.annotations}
    return [found.title, notes.get("subtitle", "").replace("<br>", " ")]


@pytest.fixture(scope="module")
def every_chart(d):
    return list(_every_chart(d))


def _every_chart(d):
    """Every dependence and official-statistics chart the bundled records draw: each reporter, line and measure."""
    for country in ot.reporters(d["trade_records"]):
        for product in dependence.product_choices(d, country):
            for measure in ot.MEASURES:
                for build in (dependence.partners, dependence.china_share, dependence.concentration,
                              dependence.mirror):
                    yield country, build(d, country, product, measure)
    yield dependence.FEEDSTOCK["country"], dependence.feedstock(d)
    for measure in ot.MEASURES:
        yield official.REPORTER, official.official_imports(d, measure)


def test_no_title_of_a_queried_selection_calls_a_share_a_share_of_the_reporters_imports(d, every_chart):
    checked = 0
    for country, found in every_chart:
        of = ot.denominator(d["trade_records"][d["trade_records"]["reporter"] == country])
        if of == ot.WORLD_DENOMINATOR:
            continue
        for text in _words(found):
            checked += 1
            assert f"% of {whose(country)}" not in text and "share of U.S. imports" not in text, text
            assert "%" not in text or of in text, text
    assert checked >= 30


def test_building_every_chart_leaves_the_shared_supplier_tables_as_derived(d, every_chart):
    # ot.suppliers is derived once per loaded table and shared by every chart: none may write to it.
    for (_, args, kwargs), kept in list(ot.suppliers.results.items()):
        assert kept.equals(ot.suppliers.__wrapped__(d["trade_records"], *args, **dict(kwargs))), args
