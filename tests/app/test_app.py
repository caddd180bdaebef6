"""The app's frame driven headless through AppTest: it opens, and the Data & sources page lists everything."""

from conftest import open_app

from lib import data


def test_the_app_opens_on_a_page_without_an_exception():
    assert not open_app().exception


def test_data_page_lists_every_dataset_with_its_title():
    at = open_app("data_sources")
    assert not at.exception
    assert {r["title"] for r in data.descriptor()["resources"]} <= {h.value for h in at.header}
    assert not at.error


def test_data_page_offers_a_download_of_every_dataset():
    keys = {b.key for b in open_app("data_sources").get("download_button")}
    assert {f"download_{n}" for n in data.names()} <= keys
