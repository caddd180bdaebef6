"""The supply-restriction model (lib.domain.scenario): named examples, then the invariants as properties
(examples drawn per property: the hypothesis profile in tests/conftest.py)."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.domain.scenario import (
    Baseline,
    InputError,
    Restriction,
    Scenario,
    Stocks,
    Substitution,
    assumptions,
    baseline_from_monthly,
    baseline_from_records,
    baseline_from_total,
    baseline_from_year,
    baseline_with_split,
    cut_profile,
    data_basis,
    run,
    sensitivity_grid,
    shortfall_grid_t,
)


def baseline(**supply):
    return Baseline("India", "Magnets", supply or {"China": 90, "Japan": 10}, "2024-01", "2024-12",
                    "mean of 12 monthly figures, 2024-01 to 2024-12", ("src-a",))


def scenario(cut=100, start="2025-01", length=2, ramp=0, cover=0, extra=None, lag=0, months=6, **kw):
    return Scenario(baseline(), Restriction("China", cut, start, length, ramp),
                    Substitution(extra or {}, lag_months=lag, **kw), Stocks(cover), horizon_months=months)


def col(result, name):
    return result.monthly[name].round(9).tolist()


# --- named examples ---------------------------------------------------------------------------------------------

def test_a_full_cut_without_cover_or_substitution_leaves_the_restricted_tonnage_unmet():
    r = run(scenario(cut=100, length=2))
    assert col(r, "unmet_t") == [90, 90, 0, 0, 0, 0]
    assert r.summary.cumulative_shortfall_t == pytest.approx(180)


def test_a_zero_cut_gives_no_shortfall():
    r = run(scenario(cut=0, length=6))
    assert r.summary.cumulative_shortfall_t == 0
    assert r.summary.first_shortfall is None


def test_the_horizon_starts_the_month_after_the_baseline_by_default():
    r = run(scenario())
    assert r.monthly["month"].iloc[0] == pd.Timestamp("2025-01-01")
    assert len(r.monthly) == 6


def test_cover_is_drawn_before_any_shortfall():
    r = run(scenario(cut=100, length=3, cover=1.5))  # 150 t in stock, 90 t lost a month
    assert col(r, "stock_draw_t") == [90, 60, 0, 0, 0, 0]
    assert col(r, "unmet_t") == [0, 30, 90, 0, 0, 0]
    assert col(r, "stock_t") == [60, 0, 0, 0, 0, 0]


def test_the_first_month_of_shortfall_comes_once_cover_runs_out():
    assert run(scenario(cut=100, length=3, cover=1.5)).summary.first_shortfall == "2025-02"


def test_the_ramp_restores_supply_in_equal_steps_and_in_full_the_month_after():
    assert cut_profile(7, 1, 2, 2).round(9).tolist() == [0, 1, 1, round(2 / 3, 9), round(1 / 3, 9), 0, 0]


def test_a_ramp_of_zero_restores_supply_at_once():
    assert cut_profile(5, 0, 2, 0).tolist() == [1, 1, 0, 0, 0]


def test_the_cut_applies_to_the_restricted_supplier_only():
    r = run(scenario(cut=50, length=1))
    assert col(r, "restricted_supply_t")[:2] == [45, 90]
    assert col(r, "other_supply_t")[:2] == [10, 10]
    assert col(r, "cut_pct")[:2] == [50, 0]


def test_substitution_arrives_only_after_the_lag():
    r = run(scenario(cut=100, length=3, extra={"Japan": 40}, lag=1))
    assert col(r, "substitution_t") == [0, 40, 40, 0, 0, 0]


def test_substitution_never_exceeds_the_tonnage_lost():
    r = run(scenario(cut=10, length=2, extra={"Japan": 500}))
    assert col(r, "substitution_t")[:2] == [9, 9]
    assert r.summary.cumulative_shortfall_t == 0


def test_world_exports_bound_what_a_substitute_adds_less_what_it_already_ships():
    # Japan already ships 10 t a month; world exports of 30 t a month leave 20 t it could divert.
    sc = scenario(cut=100, length=1, extra={"Japan": 500}, bound_t={"Japan": 30}, bound_basis="2024 / 12",
                  bound_source_ids=("src-b",))
    assert sc.substitute_caps_t() == {"Japan": 20}
    assert col(run(sc), "substitution_t")[0] == 20


def test_a_substitute_without_a_bound_adds_its_whole_extra_tonnage():
    sc = scenario(extra={"Vietnam": 25}, bound_t={"Japan": 30}, bound_basis="2024 / 12", bound_source_ids=("src-b",))
    assert sc.substitute_caps_t() == {"Vietnam": 25}


def test_the_shortfall_share_is_of_baseline_demand_over_the_horizon():
    s = run(scenario(cut=100, length=2, months=6)).summary
    assert s.horizon_demand_t == 600
    assert s.shortfall_share_pct == pytest.approx(30)


def test_the_frame_by_source_adds_up_to_demand_each_month():
    r = run(scenario(cut=100, length=3, cover=1, extra={"Japan": 20}, lag=1))
    sums = r.by_source.groupby("month")["mass_t"].sum()
    assert np.allclose(sums, 100)
    assert set(r.by_source["kind"]) == {"supplier", "substitution", "stock", "unmet"}


def test_the_summary_counts_what_was_lost_substituted_and_drawn():
    s = run(scenario(cut=100, length=2, cover=0.5, extra={"Japan": 30})).summary
    assert (s.lost_t, s.substituted_t, s.stock_drawn_t, s.cumulative_shortfall_t) == pytest.approx((180, 60, 50, 70))


def test_the_grid_holds_cumulative_shortfall_by_cut_and_cover():
    grid = sensitivity_grid(scenario(length=2), [0, 50, 100], [0, 1])
    assert grid.index.name == "cut_pct" and grid.columns.name == "cover_months"
    assert grid.to_numpy().tolist() == [[0, 0], [90, 0], [180, 80]]


def test_the_grid_can_give_shares_of_baseline_demand():
    assert sensitivity_grid(scenario(length=2), [100], [0], share=True).iloc[0, 0] == pytest.approx(30)


def test_the_grid_agrees_with_single_runs():
    sc = scenario(length=3, ramp=2, extra={"Japan": 15}, lag=1, months=12)
    cuts, covers = [0, 20, 55, 100], [0, 0.4, 2]
    grid = shortfall_grid_t(sc, cuts, covers)
    for i, c in enumerate(cuts):
        for j, m in enumerate(covers):
            one = replace(sc, restriction=replace(sc.restriction, cut_pct=c), stocks=Stocks(m))
            assert grid[i, j] == pytest.approx(run(one).summary.cumulative_shortfall_t)


def test_the_grid_does_not_run_the_model_cell_by_cell(monkeypatch):
    import lib.domain.scenario as model

    monkeypatch.setattr(model, "run", lambda *_: pytest.fail("the grid called run()"))
    assert model.shortfall_grid_t(scenario(), np.linspace(0, 100, 50), np.linspace(0, 6, 40)).shape == (50, 40)


# --- bad input: a message naming the field and what it expects ---------------------------------------------------

@pytest.mark.parametrize("make, field, words", [
    (lambda: Restriction("China", 120, "2025-01", 1), "Restriction.cut_pct", "0 to 100"),
    (lambda: Restriction("China", -5, "2025-01", 1), "Restriction.cut_pct", "0 to 100"),
    (lambda: Restriction("China", float("nan"), "2025-01", 1), "Restriction.cut_pct", "0 to 100"),
    (lambda: Restriction("China", True, "2025-01", 1), "Restriction.cut_pct", "0 to 100"),
    (lambda: Restriction("China", 50, "2025-13", 1), "Restriction.start", "YYYY-MM"),
    (lambda: Restriction("China", 50, "2025-01", 2.5), "Restriction.length_months", "whole number"),
    (lambda: Restriction("China", 50, "2025-01", 2, -1), "Restriction.ramp_months", "from 0"),
    (lambda: Restriction("", 50, "2025-01", 2), "Restriction.supplier", "non-empty"),
    (lambda: Stocks(-1), "Stocks.cover_months", "at least 0"),
    (lambda: Substitution({"Japan": -10}), "Substitution.extra_t['Japan']", "at least 0"),
    (lambda: Substitution(lag_months=-1), "Substitution.lag_months", "from 0"),
    (lambda: Substitution({"Japan": 5}, bound_t={"Japan": 9}, bound_basis="x"), "Substitution.bound_source_ids", "source"),
    (lambda: baseline(China=-3), "Baseline.supply_t['China']", "at least 0"),
    (lambda: baseline(China=0), "Baseline.supply_t", "above 0"),
    (lambda: Baseline("India", "M", {"China": 1}, "2024-01", "2024-12", "x", ()), "Baseline.source_ids", "source id"),
    (lambda: Baseline("India", "M", {"China": 1}, "2024-12", "2024-01", "x", "s"), "Baseline.reference_end", "no earlier"),
    (lambda: scenario(start="2024-06"), "Restriction.start", "after the baseline"),
    (lambda: scenario(start="2026-01", months=6), "Restriction.start", "within the horizon"),
    (lambda: scenario(months=0), "Scenario.horizon_months", "from 1"),
    (lambda: scenario(extra={"China": 5}), "Substitution.extra_t", "other than the restricted"),
    (lambda: Scenario(baseline(), Restriction("Laos", 50, "2025-01", 1)), "Restriction.supplier", "China, Japan"),
    (lambda: Scenario(baseline(), Restriction("China", 50, "2025-01", 1), horizon_start="2024-12"),
     "Scenario.horizon_start", "after the baseline"),
    (lambda: shortfall_grid_t(scenario(), [50, 101], [0]), "cuts_pct", "0 to 100"),
    (lambda: shortfall_grid_t(scenario(), [50], [-1]), "covers_months", "at least 0"),
    (lambda: shortfall_grid_t(scenario(), [], [1]), "cuts_pct", "non-empty"),
])
def test_bad_input_raises_a_message_naming_the_field(make, field, words):
    with pytest.raises(ValueError) as err:
        make()
    assert isinstance(err.value, InputError)
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}: expected")
    assert words in str(err.value)


def test_inputs_are_frozen_and_hashable():
    sc = scenario(extra={"Japan": 5})
    with pytest.raises(AttributeError):
        sc.stocks.cover_months = 3
    assert hash(sc) == hash(scenario(extra={"Japan": 5}))


# --- assumptions, in words --------------------------------------------------------------------------------------

def test_assumptions_name_the_cut_its_length_and_the_ramp():
    text = assumptions(scenario(cut=50, length=2, ramp=3))[0]
    assert text == ("Assumption: China cuts its shipments to India by 50 % from Jan 2025 for 2 months, "
                    "then restores them in 3 equal monthly steps (in full from Jun 2025).")


def test_assumptions_say_no_substitution_is_the_worst_case():
    assert "no other supplier makes up any of the loss (the worst case)" in " ".join(assumptions(scenario()))


def test_assumptions_give_substitution_its_lag_and_bound():
    text = " ".join(assumptions(scenario(extra={"Japan": 500}, lag=2, bound_t={"Japan": 30}, bound_basis="2024 / 12",
                                          bound_source_ids=("src-b",))))
    assert "Japan up to 500 t a month" in text and "2 months after the cut starts (Mar 2025)" in text
    assert "Japan 20 t a month at most" in text


def test_assumptions_give_cover_in_months_and_tonnes():
    assert "India holds 1.5 months of cover at the start (150 t)" in " ".join(assumptions(scenario(cover=1.5)))


def test_assumptions_state_the_model_limits():
    assert "no prices, no demand response, no re-exports through third countries" in assumptions(scenario())[-1]


def test_a_split_typed_by_the_user_is_listed_as_an_assumption():
    b = baseline_with_split(baseline(World=100), {"China": 80, "Japan": 20})
    sc = Scenario(b, Restriction("China", 50, "2025-01", 1))
    assert assumptions(sc)[0] == ("Assumption (typed by the user, not data): India's 100 t a month split by supplier "
                                  "as China 80 %, Japan 20 %.")


def test_the_data_basis_names_the_baseline_and_its_sources():
    assert data_basis(scenario()) == [
        "Baseline, India, Magnets: China 90 t, Japan 10 t a month (mean of 12 monthly figures, 2024-01 to 2024-12; "
        "sources: src-a)."]


# --- baselines from data -----------------------------------------------------------------------------------------

MONTHLY = pd.DataFrame({
    "partner": ["China", "China", "Japan", "Japan", "World", "China"],
    "period_start": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-01", "2024-02-01", "2024-01-01", "2024-03-01"]),
    "mass_t": [100.0, 80.0, 10.0, 20.0, 130.0, 5.0],
    "status": ["confirmed", "secondary", "confirmed", "confirmed", "confirmed", "unverified"],
    "source_id": ["a", "b", "a", "a", "a", "c"],
})


def test_a_monthly_baseline_is_the_mean_of_the_chosen_months_per_supplier():
    b = baseline_from_monthly(MONTHLY, importer="India", product="Magnets", months=["2024-01", "2024-02"])
    assert dict(b.supply_t) == {"China": 90, "Japan": 15}
    assert (b.reference_start, b.reference_end) == ("2024-01", "2024-02")
    assert b.basis == "mean of 2 monthly figures, 2024-01 to 2024-02"
    assert b.source_ids == ("a", "b")


def test_a_monthly_baseline_leaves_out_totals_and_unverified_figures():
    with pytest.raises(InputError, match="China has none in 2024-03"):
        baseline_from_monthly(MONTHLY, importer="India", product="Magnets", months=["2024-02", "2024-03"])


def test_a_monthly_baseline_does_not_read_a_missing_month_as_zero():
    rows = MONTHLY.iloc[[0, 1, 2]]
    with pytest.raises(InputError, match="Japan has none in 2024-02"):
        baseline_from_monthly(rows, importer="India", product="Magnets", months=["2024-01", "2024-02"])


def test_a_monthly_baseline_refuses_two_figures_for_one_supplier_and_month():
    rows = pd.concat([MONTHLY.iloc[[0]], MONTHLY.iloc[[0]].assign(source_id="z", mass_t=99.0)])
    with pytest.raises(InputError, match="China has several in 2024-01"):
        baseline_from_monthly(rows, importer="India", product="Magnets", months=["2024-01"])


def test_a_baseline_from_records_takes_the_importers_monthly_imports_of_the_product():
    table = MONTHLY.assign(reporter="India", flow="import", period_type="month", product_scope="Magnets")
    table = pd.concat([table, table.iloc[[0]].assign(flow="export", mass_t=1e6),
                       table.iloc[[0]].assign(product_scope="Other", mass_t=1e6)])
    b = baseline_from_records(table, importer="India", product="Magnets", months=["2024-01"])
    assert dict(b.supply_t) == {"China": 100, "Japan": 10}


def test_a_baseline_from_records_reads_a_table_naming_products_in_another_column_and_without_statuses():
    table = MONTHLY.drop(columns="status").assign(reporter="India", flow="import", period_type="month",
                                                  commodity_code="850511")
    b = baseline_from_records(table, importer="India", product="850511", months=["2024-01"], product_col="commodity_code")
    assert dict(b.supply_t) == {"China": 100, "Japan": 10}


def test_a_years_figure_is_divided_by_twelve():
    b = baseline_from_year({"China": 1200, "Japan": 120}, importer="India", product="Magnets", year=2024,
                           source_ids=["s"])
    assert dict(b.supply_t) == {"China": 100, "Japan": 10}
    assert b.basis == "2024 figure / 12 months"
    assert (b.reference_start, b.reference_end) == ("2024-01", "2024-12")


def test_a_fiscal_years_figure_keeps_its_own_months():
    b = baseline_from_total({"China": 600}, importer="India", product="Magnets", start="2024-04", end="2025-03",
                            label="FY2024-25", source_ids=["s"])
    assert dict(b.supply_t) == {"China": 50}
    assert b.basis == "FY2024-25 figure / 12 months"


def test_a_typed_split_keeps_the_total_and_is_flagged_as_the_users_assumption():
    b = baseline_with_split(baseline(World=100), {"China": 75, "Japan": 25})
    assert dict(b.supply_t) == {"China": 75, "Japan": 25}
    assert b.split_assumed
    assert "split by supplier as typed by the user (China 75 %, Japan 25 %)" in b.basis
    assert b.source_ids == ("src-a",)


def test_a_typed_split_must_add_up_to_100_pct():
    with pytest.raises(InputError, match="split_pct: expected shares adding up to 100"):
        baseline_with_split(baseline(World=100), {"China": 75, "Japan": 20})


# --- the invariants, as properties -------------------------------------------------------------------------------

tonnes = st.floats(0, 1e4, allow_nan=False, allow_infinity=False)


@st.composite
def scenarios(draw):
    months = draw(st.integers(1, 30))
    supply = {"China": draw(tonnes), "Japan": draw(tonnes), "Korea": draw(tonnes)}
    if sum(supply.values()) == 0:
        supply["China"] = 1.0
    base = Baseline("India", "Magnets", supply, "2024-01", "2024-12", "test", ("s",))
    start = str(pd.Period("2025-01", "M") + draw(st.integers(0, months - 1)))
    restriction = Restriction("China", draw(st.floats(0, 100)), start, draw(st.integers(0, 24)), draw(st.integers(0, 12)))
    bound = draw(st.none() | tonnes)
    substitution = Substitution({"Japan": draw(tonnes), "Laos": draw(tonnes)}, draw(st.integers(0, 12)),
                                bound_t={} if bound is None else {"Japan": bound}, bound_basis="test",
                                bound_source_ids=("s",))
    return Scenario(base, restriction, substitution, Stocks(draw(st.floats(0, 12))), horizon_months=months)


@given(scenarios())
def test_supply_plus_shortfall_equals_demand_each_month(sc):
    m = run(sc).monthly
    assert np.allclose(m["supply_t"] + m["unmet_t"], m["demand_t"], rtol=1e-9, atol=1e-9)


@given(scenarios())
def test_the_sources_add_up_to_demand_each_month(sc):
    r = run(sc)
    assert np.allclose(r.by_source.groupby("month")["mass_t"].sum().to_numpy(), r.monthly["demand_t"], rtol=1e-9, atol=1e-9)


@given(scenarios())
def test_stock_never_goes_below_zero(sc):
    m = run(sc).monthly
    assert (m["stock_t"] >= 0).all()
    assert (m[["stock_draw_t", "unmet_t", "substitution_t", "restricted_supply_t"]] >= 0).all().all()


@given(scenarios())
def test_a_zero_cut_never_gives_a_shortfall(sc):
    s = run(replace(sc, restriction=replace(sc.restriction, cut_pct=0))).summary
    assert s.cumulative_shortfall_t == 0 and s.first_shortfall is None and s.months_short == 0


@given(scenarios(), st.floats(0, 12))
def test_more_cover_never_gives_more_shortfall(sc, more):
    more_cover = replace(sc, stocks=Stocks(sc.stocks.cover_months + more))
    assert run(more_cover).summary.cumulative_shortfall_t <= run(sc).summary.cumulative_shortfall_t


@given(scenarios(), tonnes)
def test_more_substitution_never_gives_more_shortfall(sc, more):
    extra = {name: t + more for name, t in sc.substitution.extra_t}
    more_sub = replace(sc, substitution=replace(sc.substitution, extra_t=extra))
    assert run(more_sub).summary.cumulative_shortfall_t <= run(sc).summary.cumulative_shortfall_t


@given(scenarios())
def test_substitution_arriving_sooner_never_gives_more_shortfall(sc):
    sooner = replace(sc, substitution=replace(sc.substitution, lag_months=max(sc.substitution.lag_months - 1, 0)))
    assert run(sooner).summary.cumulative_shortfall_t <= run(sc).summary.cumulative_shortfall_t


@given(scenarios(), st.integers(1, 12))
def test_a_longer_cut_never_gives_less_shortfall(sc, more):
    longer = replace(sc, restriction=replace(sc.restriction, length_months=sc.restriction.length_months + more))
    assert run(longer).summary.cumulative_shortfall_t >= run(sc).summary.cumulative_shortfall_t


@given(scenarios(), st.floats(0, 100))
def test_a_deeper_cut_never_gives_less_shortfall(sc, more):
    deeper = replace(sc, restriction=replace(sc.restriction, cut_pct=min(sc.restriction.cut_pct + more, 100)))
    assert run(deeper).summary.cumulative_shortfall_t >= run(sc).summary.cumulative_shortfall_t


@given(scenarios())
def test_the_cumulative_shortfall_is_the_sum_of_the_months(sc):
    r = run(sc)
    assert r.summary.cumulative_shortfall_t == pytest.approx(r.monthly["unmet_t"].sum(), rel=1e-9, abs=1e-6)


@given(scenarios(), st.lists(st.floats(0, 100), min_size=1, max_size=4), st.lists(st.floats(0, 12), min_size=1, max_size=4))
def test_every_grid_cell_equals_its_own_run(sc, cuts, covers):
    grid = shortfall_grid_t(sc, cuts, covers)
    for i, c in enumerate(cuts):
        for j, m in enumerate(covers):
            one = replace(sc, restriction=replace(sc.restriction, cut_pct=c), stocks=Stocks(m))
            assert grid[i, j] == pytest.approx(run(one).summary.cumulative_shortfall_t, rel=1e-9, abs=1e-6)


@given(scenarios())
def test_the_grid_never_falls_as_the_cut_deepens_nor_rises_as_cover_grows(sc):
    grid = shortfall_grid_t(sc, np.linspace(0, 100, 11), np.linspace(0, 6, 7))
    assert (np.diff(grid, axis=0) >= 0).all() and (np.diff(grid, axis=1) <= 0).all()
