import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

RESERVES_HEADER = (
    "edition,country,iso3,entity_type,reserves_t_reo,value_status,value_as_published,note,correction,source_id\n"
)
RESERVES_ROWS = (
    "MCS2025,China,CHN,country,44000000,value,\"44,000,000\",,,usgs-mcs2025\n"
    "MCS2025,India,IND,country,6900000,value,\"6,900,000\",,,usgs-mcs2025\n"
    "MCS2025,World,,world,,lower_bound,\">90,000,000\",,,usgs-mcs2025\n"
)


class PackageDir:
    """A copy of the real descriptor and sources in a temp dir, to write small test files into."""

    def __init__(self, path: Path):
        self.path = path
        shutil.copy(DATA / "datapackage.json", path / "datapackage.json")
        shutil.copy(DATA / "sources.csv", path / "sources.csv")

    def write(self, name: str, content: str | bytes) -> Path:
        target = self.path / f"{name}.csv"
        if isinstance(content, str):
            content = content.encode("utf-8")
        target.write_bytes(content)
        return target


@pytest.fixture
def package_dir(tmp_path) -> PackageDir:
    return PackageDir(tmp_path)


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
