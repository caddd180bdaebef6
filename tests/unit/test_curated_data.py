"""The curated tables (stage_shares, trade_flows, claims, events) say what they are and no more.

Each test states one rule of the curation: every figure keeps its product scope and its status, the IEA
rows are the workbook's own cells, and the −58% China→India figure stays an attributed claim.
"""

import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lib import data

RAW = Path(data.DATA_DIR) / "raw"
IEA_XLSX = RAW / "iea_critical_minerals_data_explorer_2024.xlsx"
IEA_SHEET = "2 Total supply for key minerals"
# Block title -> (label column, value columns for 2023, 2030, 2035, 2040)
IEA_BLOCKS = {
    "mining": ("Magnet rare earth elements - Mining", "A", "BCDE"),
    "refining": ("Magnet rare earth elements - Refining", "G", "HIJK"),
}
REUTERS_SCOPE = "Rare-earth permanent magnets (China customs magnet line within HS 8505.11), as reported by Reuters"
ADAMAS_SCOPE = "Rare-earth permanent magnets and magnet alloys (Adamas Intelligence from GACC data)"


@pytest.fixture(scope="module")
def trade() -> pd.DataFrame:
    return data.load("trade_flows")


@pytest.fixture(scope="module")
def stages() -> pd.DataFrame:
    return data.load("stage_shares")


def _workbook_block(stage: str) -> dict[tuple[str, int], float]:
    """{(row label, year): kt} for one IEA block, read from the workbook cells."""
    title, label_col, value_cols = IEA_BLOCKS[stage]
    ws = openpyxl.load_workbook(IEA_XLSX, data_only=True)[IEA_SHEET]
    start = next(r for r in range(1, ws.max_row + 1) if ws[f"{label_col}{r}"].value == title)
    years = [ws[f"{c}4"].value for c in value_cols]
    out, r = {}, start + 1
    while ws[f"{label_col}{r}"].value not in (None, "Top 3 share"):
        label = ws[f"{label_col}{r}"].value
        for c, year in zip(value_cols, years, strict=True):
            out[(label, year)] = float(ws[f"{c}{r}"].value)
        r += 1
    return out


def _day(value) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _csv_label(country: str) -> str:
    return "Total" if country == "World" else country


# --- trade_flows --------------------------------------------------------------------------------


def test_every_trade_row_names_a_product_scope(trade):
    assert trade["product_scope"].notna().all()
    assert (trade["product_scope"].str.strip().str.len() > 20).all()


def test_reuters_monthly_series_and_adamas_annual_figure_are_kept_apart(trade):
    adamas = trade[trade["source_id"] == "adamas-2024-record-magnet-exports"]
    assert set(adamas["product_scope"]) == {ADAMAS_SCOPE}
    reuters = trade[trade["product_scope"] == REUTERS_SCOPE]
    assert reuters["source_id"].str.startswith("reuters-").all()
    assert not ((reuters["period"] == "2024") & (reuters["partner"] == "World")).any()


def test_unverified_rows_are_marked_unverified_not_confirmed(trade):
    blog = trade[trade["source_id"] == "lapaas-2025-07"]
    india = blog[blog["partner"] == "India"]
    assert sorted(india["mass_t"].astype(float)) == [150.0, 172.0]
    assert (india["status"] == "unverified").all()
    assert india["note"].str.contains("UNVERIFIED").all()


def test_no_china_to_india_2025_tonnage_is_confirmed(trade):
    rows = trade[(trade["reporter"] == "China") & (trade["partner"] == "India")]
    in_2025 = rows[rows["period_start"].map(_day) >= "2025-01-01"]
    assert not (in_2025["status"] == "confirmed").any()


def test_every_indian_row_says_what_it_covers(trade):
    india = trade[trade["reporter"] == "India"]
    assert (india["flow"] == "import").all()
    assert india["product_scope"].str.contains(r"as reported|via Reuters", regex=True).all()
    covers = r"^(?:Permanent magnets, all types|Rare-earth magnets)"
    assert india["product_scope"].str.contains(covers, regex=True).all()


def test_period_dates_match_the_period_label(trade):
    for row in trade.itertuples():
        start, end = _day(row.period_start), _day(row.period_end)
        assert start <= end, row.period
        if row.period_type == "month":
            assert start[:7] == row.period == end[:7]
        elif row.period_type == "fiscal_year":
            first = int(row.period[2:6])
            assert (start, end) == (f"{first}-04-01", f"{first + 1}-03-31")
        elif row.period_type in ("cumulative", "fiscal_half"):
            assert re.fullmatch(r"\d{4}-\d{2}\.\.\d{2}", row.period)
            assert start.endswith("-01") and end[5:7] == row.period[-2:]


def test_broader_series_are_left_out(trade):
    """Bloomberg's 'rare-earth products' and the raw-material (17 elements) series are not magnets."""
    assert not trade["product_scope"].str.contains("products|raw material", case=False, regex=True).any()
    assert not trade["mass_t"].isin([2117, 3808, 7336, 6958, 55431, 62585]).any()


# --- stage_shares -------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["mining", "refining"])
def test_iea_2023_rows_match_the_workbook(stages, stage):
    cells = _workbook_block(stage)
    rows = stages[(stages["edition"] == "IEA GCMO 2024") & (stages["stage"] == stage)]
    got = {(_csv_label(r.country), int(r.year)): float(r.supply_kt) for r in rows.itertuples()}
    assert got.keys() == cells.keys()
    for key, value in cells.items():
        assert got[key] == pytest.approx(value, abs=1e-4), key


def test_iea_2023_mining_rows_match_the_workbook(stages):
    cells = _workbook_block("mining")
    rows = stages[(stages["edition"] == "IEA GCMO 2024") & (stages["stage"] == "mining") & (stages["year"] == 2023)]
    assert {_csv_label(r.country): float(r.supply_kt) for r in rows.itertuples()} == pytest.approx(
        {label: v for (label, year), v in cells.items() if year == 2023}, abs=1e-4
    )


def test_iea_rows_state_the_magnet_rare_earth_scope(stages):
    iea = stages[stages["edition"].str.startswith("IEA GCMO")]
    assert (iea["scope"] == "Magnet rare earth elements (Nd, Pr, Dy, Tb)").all()
    assert (iea.loc[iea["case"] == "projection", "scenario"] == "base case").all()


def test_each_iea_block_has_one_world_total_and_a_rest_of_world(stages):
    iea = stages[stages["edition"].str.startswith("IEA GCMO")]
    for _, block in iea.groupby(["edition", "stage", "year"]):
        assert (block["entity_type"] == "world").sum() == 1
        assert (block["entity_type"] == "other").sum() == 1


def test_gcmo_2025_values_are_labelled_secondary_and_2024_primary(stages):
    assert set(stages.loc[stages["edition"] == "IEA GCMO 2024", "status"]) == {"primary"}
    assert set(stages.loc[stages["edition"] == "IEA GCMO 2025", "status"]) == {"secondary"}


def test_a_share_is_typed_only_where_the_source_gives_no_tonnage(stages):
    typed = stages[stages["share_pct"].notna()]
    assert typed["supply_kt"].isna().all()
    assert list(typed["stage"]) == ["magnet_manufacturing"]
    assert typed["scope"].str.contains("permanent-magnet manufacturing").all()
    assert typed["note"].str.contains("gave no year").all()


# --- claims and events --------------------------------------------------------------------------


def test_the_58_percent_claim_is_an_attributed_claim_not_data():
    claims = data.load("claims")
    claim = claims[claims["claim_id"] == "china-india-magnets-h1-2025-minus-58"].iloc[0]
    assert claim["claim_text"].startswith("Customs data show Chinese rare earth magnet exports to India fell 58")
    assert float(claim["change_pct"]) == -58
    assert (_day(claim["period_start"]), _day(claim["period_end"])) == ("2025-01-01", "2025-06-30")
    assert "No source read gives the tonnages" in claim["verification"]


def test_event_titles_fit_a_chart_label_and_countries_are_iso3_lists():
    events = data.load("events")
    assert (events["title"].str.len() <= 40).all()
    assert events["countries"].str.fullmatch(r"[A-Z]{3}(;[A-Z]{3})*").all()
    month_only = events[events["date_precision"] == "month"]
    assert month_only["event_date"].map(_day).str.endswith("-01").all()
