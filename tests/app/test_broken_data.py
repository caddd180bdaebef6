"""One broken file costs only what reads it: every page still opens, with its navigation and share link,
and shows the file's problems (file, row, column) only where that file is needed."""

import shutil
from contextlib import contextmanager

import pytest
from conftest import DATA, open_app, texts

from lib import data
from lib.app import cache, site
from lib.data import catalog

# What each page, opened on its first tab for India, reads. A page shows a broken file's problems exactly
# when the file is among these; it never stops whole.
PAGE_NEEDS = {
    "overview": {"reserves", "production", "stage_shares", "trade_flows", "editions", "sources", "claims", "release_rhythm",
                 "capacity"},
    "reserves": {"reserves", "editions", "sources"},
    "mining": {"production", "editions", "sources"},
    "supply_chain": {"stage_shares", "editions", "sources"},
    "capacity": {"capacity", "sources"},
    "trade": {"trade_flows", "events", "claims", "sources"},
    "what_if": {"trade_flows", "sources"},
    "country": {"reserves", "production", "stage_shares", "trade_flows", "editions", "sources", "claims", "events",
                "trade_records", "capacity"},
    "briefing": {"reserves", "production", "stage_shares", "trade_flows", "events", "editions", "sources"},
    "data_sources": set(data.names()),
}
QUESTIONS = {name: question.format(country="India") for name, question in site.QUESTIONS.items()}
# A file Frictionless reads but whose header names none of the dataset's columns.
BROKEN = "garbage,columns\n1,2\n"


@contextmanager
def broken_copy(name: str, folder):
    """A copy of data/ in which one dataset's file is broken, read by the app in place of data/."""
    copy = folder / "data"
    shutil.copytree(DATA, copy)
    (copy / data.resource(name)["path"]).write_text(BROKEN, encoding="utf-8")
    real = catalog.DATA_DIR
    catalog.DATA_DIR = copy
    cache.swap(name)
    try:
        yield name
    finally:
        catalog.DATA_DIR = real
        cache.swap(name)


@pytest.fixture(scope="module", params=data.names())
def broken(request, tmp_path_factory):
    with broken_copy(request.param, tmp_path_factory.mktemp(f"broken-{request.param}")) as name:
        yield name


@pytest.mark.parametrize("page", QUESTIONS)
def test_a_broken_file_shows_its_problems_only_where_it_is_needed(broken, page):
    at = open_app(page)
    assert not at.exception
    assert at.title[0].value == QUESTIONS[page]
    assert at.sidebar.code, "the share link is drawn whatever the data"
    named = data.label(broken) in texts(at.error) + texts(at.code)
    assert named == (broken in PAGE_NEEDS[page])


def test_the_data_page_flags_the_broken_file_at_the_top_with_its_problems(broken):
    at = open_app("data_sources")
    assert data.label(broken) in at.error[0].value.replace("\\", "")
    assert at.code[0].value.startswith(data.label(broken))


def test_the_data_page_still_lists_every_dataset_and_marks_the_broken_one(broken):
    table = open_app("data_sources").table[0].value
    assert [r["title"] for r in data.descriptor()["resources"]] == table.index.tolist()
    status = table.set_index("file")["status"]
    assert status[data.resource(broken)["path"]].startswith(f"cannot be used: {data.label(broken)}")


@pytest.mark.parametrize("broken", ["reserves"], indirect=True)
def test_with_reserves_broken_the_overview_still_shows_the_other_figures(broken):
    at = open_app("overview")
    labels = [m.label for m in at.metric]
    assert any(label.startswith("Mine production") for label in labels)
    assert not any(label.startswith("Reserves") for label in labels)
