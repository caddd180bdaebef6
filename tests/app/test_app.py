"""The app's frame driven headless through AppTest: it opens, and the Data & sources page lists everything."""

import pytest
from conftest import open_app

from lib import data


def test_the_app_opens_on_a_page_without_an_exception():
    assert not open_app().exception


def test_data_page_lists_every_dataset_with_its_title_in_one_table():
    at = open_app("data_sources")
    assert not at.exception
    assert [r["title"] for r in data.descriptor()["resources"]] == at.table[0].value.index.tolist()
    assert not at.error


def test_data_page_says_every_dataset_is_in_use_when_all_load():
    assert set(open_app("data_sources").table[0].value["status"]) == {"in use"}


def test_data_page_offers_the_whole_package_in_one_download():
    assert "download_package" in {b.key for b in open_app("data_sources").get("download_button")}


def test_data_page_shows_the_first_dataset_in_full_by_default():
    at = open_app("data_sources")
    first = data.descriptor()["resources"][0]
    assert first["title"] in {h.value for h in at.subheader}
    assert f"download_{first['name']}" in {b.key for b in at.get("download_button")}


@pytest.mark.parametrize("name", data.names())
def test_a_link_to_a_dataset_opens_the_data_page_on_it_with_its_download(name):
    at = open_app("data_sources", dataset=data.resource(name)["path"])
    assert data.resource(name)["title"] in {h.value for h in at.subheader}
    assert f"download_{name}" in {b.key for b in at.get("download_button")}
