"""Where a scenario's baseline comes from (lib.domain.baselines): read from trade_flows rows, split by supplier as
the rows give it, or by shares the user types and flagged as the user's assumption."""

import pandas as pd
import pytest

from lib.domain import baselines as bl
from lib.domain import trade
from lib.domain.scenario import InputError

COLUMNS = ["reporter", "flow", "partner", "period", "period_type", "period_start", "period_end", "product_scope", "mass_t",
           "partner_share_pct", "approximate", "value_as_published", "status", "source_id"]
MAGNETS = "Permanent magnets, all types (as reported by a paper)"
FY = ("FY2024-25", "fiscal_year", "2024-04-01", "2025-03-31")


def row(partner, mass_t=None, share=None, *, period=FY, scope=MAGNETS, source="paper-a", status="secondary",
        reporter="India", flow="import", approx=False, words=None):
    name, kind, start, end = period
    return (reporter, flow, partner, name, kind, pd.Timestamp(start), pd.Timestamp(end), scope, mass_t, share, approx,
            words, status, source)


def month(partner, ym, mass_t, **kw):
    start = pd.Timestamp(f"{ym}-01")
    return row(partner, mass_t, period=(ym, "month", str(start.date()), str((start + pd.offsets.MonthEnd(0)).date())), **kw)


def flows(*rows):
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    return frame.astype({"mass_t": "Float64", "partner_share_pct": "Float64", "approximate": "boolean"})


def only(found, importer="India"):
    (product,) = found[importer].values()
    (option,) = product.values()
    return option


def test_a_years_split_gives_each_partner_its_tonnage_a_month_and_the_rest_to_other_suppliers():
    o = only(bl.options(flows(row("World", 1200), row("China", 1080))))
    assert dict(o.supply_t) == {"China": 90, "Other suppliers": 10}
    assert (o.start, o.end) == ("2024-04", "2025-03")
    assert o.split and not o.needs_shares
    assert "Other suppliers: the total less the suppliers listed" in o.basis


def test_a_partners_share_of_the_total_gives_its_tonnage():
    o = only(bl.options(flows(row("World", 1200), row("China", share=75))))
    assert dict(o.supply_t) == {"China": 75, "Other suppliers": 25}
    assert "China 75 % of the total" in o.basis


def test_partners_that_make_up_the_total_leave_no_remainder():
    o = only(bl.options(flows(row("World", 120), row("China", 72), row("Japan", 48))))
    assert dict(o.supply_t) == {"China": 6, "Japan": 4}


def test_a_total_without_partners_asks_for_the_shares_the_user_assumes():
    o = only(bl.options(flows(row("World", 1200))))
    assert o.needs_shares and o.suppliers == ()
    with pytest.raises(InputError, match="the data gives India's total only"):
        bl.baseline(o)


def test_typed_shares_spread_a_total_and_are_flagged_as_the_users_assumption():
    b = bl.baseline(only(bl.options(flows(row("World", 1200)))), "China 90, Japan 10")
    assert dict(b.supply_t) == {"China": 90, "Japan": 10}
    assert b.split_assumed and b.split_note == "China 90 %, Japan 10 %"


def test_typed_shares_are_ignored_where_the_data_gives_the_split():
    b = bl.baseline(only(bl.options(flows(row("World", 1200), row("China", 1080)))), "China 50, Japan 50")
    assert dict(b.supply_t) == {"China": 90, "Other suppliers": 10}
    assert not b.split_assumed


def test_two_publications_giving_one_year_are_two_readings_never_averaged():
    found = bl.options(flows(row("World", 1200, source="paper-a"), row("World", 2400, source="paper-b")))
    readings = list(found["India"][trade.series(MAGNETS)].values())
    assert sorted(dict(o.supply_t)["World"] for o in readings) == [100, 200]


def test_the_reading_with_a_split_comes_before_a_total_of_the_same_year():
    found = bl.options(flows(row("World", 2400, source="paper-b"), row("World", 1200, source="paper-a"),
                             row("China", 600, source="paper-a")))
    first = next(iter(found["India"][trade.series(MAGNETS)].values()))
    assert first.split and first.source_ids == ("paper-a",)


def test_a_year_ending_after_the_2025_window_opens_is_not_offered():
    late = ("FY2025-26", "fiscal_year", "2025-04-01", "2026-03-31")
    assert bl.options(flows(row("World", 1200, period=late))) == {}


def test_unverified_figures_are_never_read():
    assert bl.options(flows(row("World", 1200, status="unverified"))) == {}


def test_an_approximate_figure_is_used_with_the_sources_words():
    o = only(bl.options(flows(row("World", 1200, approx=True, words="nearly 1,200 tonnes"))))
    assert "approximate as the source gives it: 'nearly 1,200 tonnes'" in o.basis


def test_the_importers_own_2024_months_give_a_monthly_mean_saying_how_many_months():
    o = only(bl.options(flows(month("China", "2024-01", 100), month("China", "2024-02", 80),
                              month("Japan", "2024-01", 10), month("Japan", "2024-02", 20))))
    assert o.kind == "months"
    assert dict(o.supply_t) == {"China": 90, "Japan": 15}
    assert o.label == "mean of 2 monthly figures of 2024 (2024-01, 2024-02)"


def test_chinas_reported_exports_give_a_china_only_baseline_from_the_2024_months():
    series = f"{trade.CHINA_MAGNET_SERIES}, as reported by Reuters"
    tf = flows(month("United States", "2024-05", 600, reporter="China", flow="export", scope=series),
               month("United States", "2025-05", 60, reporter="China", flow="export", scope=series))
    o = only(bl.options(tf), "United States")
    assert o.kind == "exports" and dict(o.supply_t) == {"China": 600}
    assert "in 1 month of 2024 (2024-05)" in o.basis
    assert o.known == "China" and not o.needs_shares


def test_shares_typed_beside_chinas_known_tonnage_give_the_others_from_it():
    series = f"{trade.CHINA_MAGNET_SERIES}, as reported by Reuters"
    o = only(bl.options(flows(month("United States", "2024-05", 600, reporter="China", flow="export", scope=series))),
             "United States")
    b = bl.baseline(o, "China 60, Japan 40")
    assert dict(b.supply_t) == pytest.approx({"China": 600, "Japan": 400})
    assert b.split_assumed and "China's tonnage is data" in b.basis


def test_magnet_products_come_before_raw_materials():
    found = bl.options(flows(row("World", 10, scope="Rare-earth metals, as reported by a paper"), row("World", 1200)))
    assert list(found["India"]) == ["Permanent magnets, all types", "Rare-earth metals"]


@pytest.mark.parametrize("text, pairs", [
    ("China 90, Japan 10", (("China", 90), ("Japan", 10))),
    ("China: 90 %; Other suppliers: 10", (("China", 90), ("Other suppliers", 10))),
    ("", ()),
])
def test_shares_are_read_as_a_supplier_then_its_percent(text, pairs):
    assert bl.parse_shares(text) == pairs


def test_shares_that_are_not_a_supplier_and_a_number_are_refused_with_an_example():
    with pytest.raises(InputError, match="shares written as 'China 90, Other suppliers 10'"):
        bl.parse_shares("China ninety")
