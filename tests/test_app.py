"""The app driven headless through Streamlit's AppTest."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(path) if path else None
    return at.run()


def test_the_app_opens_on_a_page_without_an_exception():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception


def test_data_page_lists_every_dataset_with_its_title():
    from lib import data

    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/data_sources.py")
    at.run()
    assert not at.exception
    titles = {h.value for h in at.header}
    assert {r["title"] for r in data.descriptor()["resources"]} <= titles
    assert not at.error


def test_data_page_offers_a_download_of_every_dataset():
    from lib import data

    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/data_sources.py")
    at.run()
    keys = {b.key for b in at.get("download_button")}
    assert {f"download_{n}" for n in data.names()} <= keys
