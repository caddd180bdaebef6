import functools
import os
import shutil
from pathlib import Path

import component_scan
import pytest
from hypothesis import settings

# Property tests (tests/unit/test_scenario.py): 50 examples each keeps the quick loop under a minute;
# HYPOTHESIS_PROFILE=thorough draws ten times as many when the model changes. No deadline: the machine is shared.
settings.register_profile("quick", max_examples=50, deadline=None)
settings.register_profile("thorough", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
component_scan.scan_once()

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# What Streamlit runs per session (app.py serves it): the script AppTest starts from.
FRAME = str(ROOT / "lib" / "app" / "frame.py")

RESERVES_HEADER = (
    "edition,country,iso3,entity_type,reserves_t_reo,value_status,value_as_published,note,correction,source_id\n"
)
RESERVES_ROWS = (
    "MCS2025,China,CHN,country,44000000,value,\"44,000,000\",,,usgs-mcs2025\n"
    "MCS2025,India,IND,country,6900000,value,\"6,900,000\",,,usgs-mcs2025\n"
    "MCS2025,World,,world,,lower_bound,\">90,000,000\",,,usgs-mcs2025\n"
)


def page_path(name: str) -> str:
    """A page's script as AppTest.switch_page takes it."""
    return str(ROOT / "pages" / f"{name}.py")


def open_app(page: str | None = None, **params):
    """The app run headless through AppTest, on `page` (a file name in pages/; the default page if None),
    with the link's query parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(FRAME, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(page_path(page))
    return at.run()


def opened(at, expander_key: str):
    """The page run again with one of its on-request expanders open, as a click on it does."""
    at.session_state[expander_key] = True
    return at.run()


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


class PackageDir:
    """A copy of the real descriptor and sources in a temp dir, to write small test files into."""

    def __init__(self, path: Path):
        self.path = path
        shutil.copy(DATA / "datapackage.json", path / "datapackage.json")
        for reference in ("sources.csv", "editions.csv"):
            shutil.copy(DATA / reference, path / reference)

    def write(self, name: str, content: str | bytes) -> Path:
        target = self.path / f"{name}.csv"
        if isinstance(content, str):
            content = content.encode("utf-8")
        target.write_bytes(content)
        return target


@pytest.fixture
def package_dir(tmp_path) -> PackageDir:
    return PackageDir(tmp_path)


@functools.cache
def loaded(name: str):
    """A dataset of data/, loaded once for the whole run: tests read it and never write to it, as the app's
    sessions share one loaded frame per dataset (validating trade_records alone takes about a second)."""
    from lib import data

    return data.load(name)


@pytest.fixture(scope="session")
def bundled() -> dict:
    """Every dataset of data/, each loaded once for the whole run (see `loaded`)."""
    from lib import data

    return {name: loaded(name) for name in data.names()}


@pytest.fixture(scope="module")
def server():
    """The app under `streamlit run`, one per test module (browser tests)."""
    from browser_support import Server, chromium_or_skip

    chromium_or_skip()
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module (browser tests)."""
    from browser_support import CHROMIUM_ARGS, chromium_or_skip
    from playwright.sync_api import sync_playwright

    path = chromium_or_skip()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
