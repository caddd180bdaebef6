"""What the app relies on in Streamlit that no supported API states: each test fails loudly, naming what
changed, if a Streamlit release stops doing it. The workaround itself lives in lib/app/serving.py."""

import re
from pathlib import Path

import streamlit

from lib.app import serving

STATIC = Path(streamlit.__file__).parent / "static"


def _frontend() -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (STATIC / "static" / "js").glob("*.js"))


def test_streamlits_frontend_still_takes_the_apps_root_from_window_streamlit():
    js = _frontend()
    assert re.search(r"window\.__streamlit\b", js), (
        f"Streamlit {streamlit.__version__}'s frontend no longer reads window.__streamlit: lib/app/serving.py's "
        "root script does nothing. Check the release notes for the supported way to set the app's root."
    )
    for key in ("BACKEND_BASE_URL", "MAIN_PAGE_BASE_URL"):
        assert key in js, f"Streamlit {streamlit.__version__}'s frontend no longer reads window.__streamlit.{key}"


def test_the_page_streamlit_sends_has_a_head_for_the_root_script():
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert html.count("<head>") == 1, "Streamlit's index.html no longer has one plain <head>: AppRoot cannot insert"


def test_the_root_script_names_the_root_and_keeps_a_hosting_pages_own_values():
    script = serving.root_script("dash").decode()
    assert '"/dash/"' in script and "window.__streamlit" in script
    assert script.index("Object.assign(") < script.index("window.__streamlit);")  # the host's values win


def test_apptest_still_finds_components_through_the_scanner_the_tests_make_scan_once():
    import component_scan
    from streamlit.components.v2 import component_manager, manifest_scanner
    from streamlit.testing.v1 import app_test

    scan = getattr(manifest_scanner, component_scan.SCANNER, None)
    assert scan is not None and hasattr(scan, "cache_info"), (
        f"Streamlit {streamlit.__version__} has no manifest_scanner.{component_scan.SCANNER}: tests/component_scan.py "
        "no longer saves AppTest's scan of installed packages, and every AppTest is slower.")
    for module in (component_manager, app_test):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "discover_and_register_components" in source and (
            module is app_test or component_scan.SCANNER in source), (
            f"Streamlit {streamlit.__version__} finds components another way: check tests/component_scan.py")
