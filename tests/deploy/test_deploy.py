"""The deployment guide, run for real: two Streamlit processes behind Debian's nginx (deploy/)."""

import urllib.request
from pathlib import Path

import pytest
from browser_support import behind_nginx as two_processes_behind_nginx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def deployment():
    with two_processes_behind_nginx() as running:
        yield running


@pytest.fixture(scope="module")
def behind_nginx(deployment):
    return deployment.url


@pytest.fixture(scope="module")
def copy(deployment) -> Path:
    return deployment.run / "www" / "static" / "js"  # where two_processes.sh puts Streamlit's bundles


def get(url: str, **headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        return r.status, r.headers, r.read()


def test_nginx_serves_streamlits_bundles_gzipped_as_javascript(behind_nginx, copy):
    plotly_bundle = next(copy.glob("PlotlyChart.*.js")).name
    status, headers, body = get(f"{behind_nginx}/static/js/{plotly_bundle}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"] == "application/javascript"
    assert len(body) < 2_000_000  # 4.7 MB as Streamlit sends it
    assert "immutable" in headers["Cache-Control"]


def test_a_bundle_missing_from_nginxs_copy_is_still_served_by_streamlit(behind_nginx, copy):
    # As after an upgrade of Streamlit without remaking the copy: slower, not broken.
    stale = next(p for p in sorted(copy.glob("*.js")) if not p.name.startswith("PlotlyChart"))
    original = stale.read_bytes()
    stale.unlink()
    Path(f"{stale}.gz").unlink()
    status, headers, body = get(f"{behind_nginx}/static/js/{stale.name}")
    assert status == 200 and headers["Content-Type"].startswith("application/javascript")
    assert body == original


def test_the_first_response_sets_the_sticky_route_and_the_security_headers(behind_nginx):
    _, headers, _ = get(f"{behind_nginx}/")
    assert "st_route=" in headers["Set-Cookie"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"] == "nginx"  # no version to look up vulnerabilities by


def test_a_page_draws_its_chart_through_nginx_with_no_policy_violation(behind_nginx, browser):
    page = browser.new_page()
    complaints = []
    page.on("console", lambda m: m.type == "error" and "Content Security Policy" in m.text and complaints.append(m.text))
    try:
        page.goto(f"{behind_nginx}/reserves?view=World+map")
        page.locator(".js-plotly-plot .geo").first.wait_for(timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
    assert complaints == []


def test_the_app_runs_over_tls_and_http2(deployment, browser):
    context = browser.new_context(ignore_https_errors=True)  # the demo's certificate is self-signed
    page = context.new_page()
    complaints = []
    page.on("console", lambda m: m.type == "error" and "Content Security Policy" in m.text and complaints.append(m.text))
    try:
        page.goto(f"{deployment.tls_url}/trade")
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)  # its data came over the websocket
        protocol = page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()
    assert protocol == "h2"
    assert complaints == []
