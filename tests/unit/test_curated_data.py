"""The curated tables (stage_shares, trade_flows, claims, events, release_rhythm) say what they are and no more.

Each test states one rule of the curation: every figure keeps its product scope and its status, a status
follows from who published the text that was read, the IEA rows are the workbook's own cells, and the −58%
China→India figure stays an attributed claim with the period its source states.
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
MAGNETS = "Rare-earth permanent magnets (China customs magnet line within HS 8505.11)"
RARE_EARTHS = "Rare earths, 17-element group (China customs headline rare-earth export line)"
REUTERS_SCOPE = MAGNETS + ", as reported by Reuters"
ADAMAS_SCOPE = "Rare-earth permanent magnets and magnet alloys (Adamas Intelligence from GACC data)"


@pytest.fixture(scope="module")
def trade() -> pd.DataFrame:
    return data.load("trade_flows")


@pytest.fixture(scope="module")
def stages() -> pd.DataFrame:
    return data.load("stage_shares")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return data.load("sources")


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


def test_may_and_june_india_figures_rest_on_two_independent_secondary_sources(trade):
    india = trade[(trade["reporter"] == "China") & (trade["partner"] == "India") & trade["period"].isin(["2025-05", "2025-06"])]
    for period, tonnes in (("2025-05", 150.0), ("2025-06", 172.0)):
        rows = india[india["period"] == period]
        assert set(rows["mass_t"].astype(float)) == {tonnes}
        assert rows["source_id"].nunique() == 2 and (rows["status"] == "secondary").all(), period


def test_a_figure_whose_text_names_no_origin_is_unverified(trade):
    row = trade[trade["source_id"] == "enodoworks-2025-10"].iloc[0]
    assert row["status"] == "unverified" and row["note"].startswith("UNVERIFIED")


def test_no_china_to_india_2025_tonnage_is_confirmed(trade):
    rows = trade[(trade["reporter"] == "China") & (trade["partner"] == "India")]
    in_2025 = rows[rows["period_start"].map(_day) >= "2025-01-01"]
    assert not (in_2025["status"] == "confirmed").any()


def test_every_indian_row_says_what_it_covers(trade):
    india = trade[trade["reporter"] == "India"]
    assert (india["flow"] == "import").all()
    assert india["product_scope"].str.contains(r"as reported|via Reuters", regex=True).all()
    covers = (r"^(?:Permanent magnets, all types|Rare-earth magnets|Rare-earth metals"
              r"|Organic and inorganic compounds of rare-earth metals|Rare-earth elements and compounds"
              r"|Rare earths \(scope as stated)")
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


def test_broader_series_never_enter_the_magnet_series(trade):
    """Bloomberg's 'rare-earth products' is not kept; the 17-element rare-earths line is its own series, never a magnet row."""
    assert not trade["product_scope"].str.contains("products|raw material", case=False, regex=True).any()
    magnets = trade[trade["product_scope"].str.startswith(MAGNETS)]
    assert not magnets["mass_t"].isin([2117, 3808, 7336, 6958, 55431, 62585, 4343.5]).any()


def test_the_october_2025_figure_of_4343_t_belongs_to_the_rare_earths_series(trade):
    row = trade[(trade["mass_t"] == 4343.5)].iloc[0]
    assert row["product_scope"].startswith(RARE_EARTHS) and row["period"] == "2025-10"


def test_rare_earths_series_runs_monthly_from_2023_with_january_and_february_combined(trade):
    rows = trade[trade["product_scope"].str.startswith(RARE_EARTHS)]
    months = set(rows.loc[rows["period_type"] == "month", "period"])
    assert {"2023-03", "2024-05", "2025-06", "2025-11", "2025-12"} <= months
    combined = rows[rows["period"] == "2026-01..02"].iloc[0]
    assert combined["period_type"] == "cumulative" and float(combined["mass_t"]) == 10460


def test_magnets_alone_and_magnets_with_powder_and_alloys_are_different_series(trade):
    japan = trade[(trade["partner"] == "Japan") & (trade["period"] == "2025-10")]
    by_scope = {views_series(s): float(m) for s, m in zip(japan["product_scope"], japan["mass_t"], strict=True)}
    assert by_scope[MAGNETS] == 226
    assert [v for k, v in by_scope.items() if k != MAGNETS] == [538]


def test_us_may_2025_figure_cites_wire_text_and_august_is_reuters_590(trade, sources):
    us = trade[(trade["partner"] == "United States") & trade["product_scope"].str.startswith(MAGNETS)]
    may = us[us["period"] == "2025-05"].iloc[0]
    assert float(may["mass_t"]) == 46 and may["status"] == "confirmed"
    assert sources.set_index("source_id").loc[may["source_id"], "publisher"].startswith("Bloomberg")
    august = us[us["period"] == "2025-08"]
    assert list(august["mass_t"].astype(float)) == [590.0] and august["source_id"].iloc[0].startswith("reuters-")


def test_approximate_figures_are_flagged_with_the_words_of_the_source(trade):
    approx = trade[trade["approximate"]]
    words = dict(zip(approx["mass_t"].astype(float), approx["value_as_published"], strict=True))
    assert words[53000.0] == "nearly 53,000 tonnes" and words[2850.0] == "nearly 2,850 tonnes"
    assert not trade.loc[~trade["approximate"], "value_as_published"].fillna("").str.contains("nearly|around").any()


def views_series(scope: str) -> str:
    return scope.split(", as reported")[0].split(" (as reported")[0]


# --- statuses follow the publisher ----------------------------------------------------------------

# Publishers whose text is never wire or official text: data vendors, blogs, newspapers' own analysis, law firms, rewrites.
SECONDARY_DOMAINS = {
    "adamasintel.com", "asiacity.news", "atechmagnet.cn", "brecorder.com", "business-standard.com", "chinastrategy.org",
    "daily8.com/en/article/9b0de0b97383ac8434ecfd5a5274b0f0", "devdiscourse.com", "econotimes.com", "greenergydaily.com",
    "hklaw.com", "hotcopper.co.nz", "ibnews.com", "ind24.tv", "insidelooknews.com", "livemint.com", "magzter.com",
    "meilu1.jpshuntong.com", "metalnomist.com", "myglobalnews.net", "ndtv.com", "news.metal.com", "oedigital.com",
    "pillsburylaw.com", "rareearthexchanges.com", "rareearths.com", "rawmaterials.net", "sputniknews.in", "swarajyamag.com",
    "thompsonhinesmartrade.com", "voice.lapaas.com", "world-economist.com"
}
WIRE_OR_OFFICIAL = re.compile(
    r"^(Reuters|Bloomberg|TASS|Jiji Press|Kyodo|PTI|Central News Agency"
    r"|Press Information Bureau|Gazette of India|The White House)\b")


def _publisher(sources: pd.DataFrame) -> pd.Series:
    """Who wrote the text that was read: the publisher field up to its first ',' or ' ('."""
    return sources.set_index("source_id")["publisher"].str.split(r",| \(", regex=True).str[0].str.strip()


def _rows_with_status() -> pd.DataFrame:
    frames = [data.load(name)[["status", "source_id"]].assign(dataset=name) for name in ("trade_flows", "events")]
    return pd.concat(frames, ignore_index=True)


def test_no_row_read_at_a_secondary_publisher_is_confirmed(sources):
    rows = _rows_with_status().merge(sources[["source_id", "url"]], on="source_id")
    at_secondary = rows[rows["url"].map(lambda u: any(d in u for d in SECONDARY_DOMAINS))]
    assert not at_secondary.empty
    assert (at_secondary["status"] != "confirmed").all(), at_secondary[at_secondary["status"] == "confirmed"]


def test_every_confirmed_row_was_read_in_wire_or_official_text(sources):
    rows = _rows_with_status()
    confirmed = rows[rows["status"] == "confirmed"]
    who = _publisher(sources).loc[confirmed["source_id"]]
    assert who.str.match(WIRE_OR_OFFICIAL).all(), sorted(set(who[~who.str.match(WIRE_OR_OFFICIAL)]))


def test_the_same_publisher_has_the_same_status_throughout(sources):
    rows = _rows_with_status()
    rows["publisher"] = _publisher(sources).loc[rows["source_id"]].to_numpy()
    statuses = rows.groupby("publisher")["status"].nunique()
    assert (statuses == 1).all(), statuses[statuses > 1]


def test_rewrites_of_wire_stories_are_secondary(trade):
    rewrites = trade[trade["product_scope"].str.contains("rewriting Reuters")]
    assert len(rewrites) >= 4 and (rewrites["status"] == "secondary").all()


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
    assert "No source read gives the tonnages" in claim["verification"]


def test_the_58_percent_compares_an_unnamed_month_with_january_not_january_to_june():
    claims = data.load("claims").set_index("claim_id")
    for claim_id in ("china-india-magnets-h1-2025-minus-58", "china-india-magnets-jun-vs-jan-2025-reuters"):
        claim = claims.loc[claim_id]
        assert pd.isna(claim["period_start"]) and pd.isna(claim["period_end"]), claim_id
        assert (_day(claim["base_period_start"]), _day(claim["base_period_end"])) == ("2025-01-01", "2025-01-31")
        assert "not name" in claim["period_description"]
        assert "January–June" not in claim["supported_reading"].replace("not a fall over January–June", "")


def test_the_143_percent_is_july_against_june():
    claim = data.load("claims").set_index("claim_id").loc["china-india-magnets-jul-2025-plus-143"]
    assert (_day(claim["period_start"]), _day(claim["base_period_start"])) == ("2025-07-01", "2025-06-01")


def test_event_titles_fit_a_chart_label_and_countries_are_iso3_lists():
    events = data.load("events")
    assert (events["title"].str.len() <= 40).all()
    assert events["countries"].str.fullmatch(r"[A-Z]{3}(;[A-Z]{3})*").all()
    month_only = events[events["date_precision"] == "month"]
    assert month_only["event_date"].map(_day).str.endswith("-01").all()


def test_wang_yi_assurance_is_dated_the_day_given_and_the_day_reported():
    events = data.load("events")
    wang = events[events["title"] == "China pledges rare earths to India"].iloc[0]
    assert (_day(wang["event_date"]), _day(wang["reported_on"])) == ("2025-08-18", "2025-08-19")


def test_mofcom_announcement_1_of_2026_covers_japanese_military_users_and_uses_only():
    events = data.load("events")
    row = events[events["description"].str.contains("Announcement No. 1 of 2026")].iloc[0]
    assert _day(row["event_date"]) == "2026-01-06" and row["date_precision"] == "day"
    assert "military users" in row["description"] and "all dual-use exports to Japan" not in row["description"]


def test_a_scheduled_event_says_so_and_that_what_followed_was_not_read():
    events = data.load("events")
    scheduled = events[events["timing"] == "scheduled"]
    assert list(scheduled["event_date"].map(_day)) == ["2026-11-10"]
    assert scheduled["description"].str.contains("No report of what followed").all()


# --- release_rhythm --------------------------------------------------------------------------------


def test_every_charted_series_has_a_release_rhythm_that_selects_rows():
    rhythm = data.load("release_rhythm")
    frames = {name: data.load(name) for name in set(rhythm["dataset"])}
    for r in rhythm.itertuples():
        frame = frames[r.dataset]
        assert frame[r.filter_column].astype(str).str.startswith(r.filter_prefix).any(), r.series_id
    ids = set(rhythm["series_id"])
    assert {"china-customs-magnets", "china-customs-rare-earths", "usgs-mcs-reserves", "iea-gcmo", "usgs-myb-production"} <= ids


def test_a_rhythm_is_quoted_from_a_source_or_the_note_says_none_was_found():
    rhythm = data.load("release_rhythm")
    stated = rhythm["rhythm_as_stated"].notna()
    assert rhythm.loc[stated, "source_id"].notna().all()
    assert rhythm.loc[~stated, "source_id"].isna().all()
    assert rhythm.loc[~stated, "note"].str.contains(r"[Nn]o (?:source|IEA statement|release rhythm|rhythm)", regex=True).all()


def test_monthly_series_carry_a_lag_and_annual_ones_a_release_month_where_known():
    rhythm = data.load("release_rhythm").set_index("series_id")
    assert int(rhythm.loc["china-customs-magnets", "typical_lag_days"]) == 20
    assert rhythm.loc["usgs-mcs-reserves", "usual_release_months"] == "1;2"
    assert rhythm.loc["iea-gcmo", "usual_release_months"] == "5"
