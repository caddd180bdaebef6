"""Each new AppTest scans every installed package's metadata for Streamlit components before it runs the script:
about 0.25 s here, most of a page's run, and the quick loop opens some 300 AppTests. What is installed cannot
change during a test session, so the scan is made once per process. No supported API skips or shares it; if a
Streamlit release moves the scanner, tests/unit/test_streamlit_contract.py fails and says so (the tests would
still pass, only slower)."""

import functools

from streamlit.components.v2 import manifest_scanner

SCANNER = "scan_component_manifests"


def scan_once() -> None:
    scan = getattr(manifest_scanner, SCANNER, None)
    if scan is not None and not hasattr(scan, "cache_info"):
        setattr(manifest_scanner, SCANNER, functools.cache(scan))
