"""Sign-in for real: Chromium, the app with [auth] settings, and a mock OpenID Connect provider on loopback
(oidc-provider-mock), so st.login's whole round trip runs. Once against `streamlit run app.py`, and once
through the deployment (two processes behind nginx, with its Content-Security-Policy)."""

import pytest
from browser_support import Server, behind_nginx, chromium_or_skip, free_port, http_url, script_finished

pytestmark = pytest.mark.browser

ALICE = {"email": "alice@example.org", "name": "Alice Analyst"}


@pytest.fixture(scope="module")
def provider():
    mock = pytest.importorskip("oidc_provider_mock")
    with mock.run_server_in_thread(user_claims=[mock.User(sub="alice", claims=ALICE)]) as server:
        yield f"http://localhost:{server.server_port}"


def auth_settings(app_url: str, provider: str) -> str:
    return (
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        'cookie_secret = "a-test-secret-that-is-long-enough-to-sign-cookies"\n'
        'client_id = "dashboard"\n'
        'client_secret = "dashboard-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )


@pytest.fixture(scope="module", params=["app.py", "behind nginx"])
def app_url(request, provider, tmp_path_factory):
    chromium_or_skip()
    secrets = tmp_path_factory.mktemp("auth") / "secrets.toml"
    if request.param == "app.py":
        port = free_port()
        secrets.write_text(auth_settings(f"http://127.0.0.1:{port}", provider))
        with Server(port=port, flags=("--secrets.files", str(secrets))) as server:
            yield server.url
    else:
        port = free_port()
        secrets.write_text(auth_settings(http_url(port), provider))
        with behind_nginx(http_port=port, STREAMLIT_SECRETS_FILES=str(secrets)) as deployment:
            yield deployment.url


@pytest.fixture
def page(browser):
    """A fresh browser context; the test fails if the page's Content-Security-Policy blocked anything."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    blocked = []
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    yield page
    context.close()
    assert blocked == []


def sign_in(page, app_url):
    page.goto(app_url)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Authorize").wait_for(timeout=30_000)  # the provider's own form
    page.get_by_placeholder("sub").fill("alice")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app_url}/**", timeout=30_000)


def test_a_viewer_who_is_not_signed_in_sees_only_the_sign_in_screen(page, app_url):
    page.goto(f"{app_url}/trade")
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    # The script has finished (the run stopped at the gate): a chart behind it would have been sent by now.
    script_finished(page)
    assert page.locator(".js-plotly-plot").count() == 0
    assert page.get_by_text("Who ships rare-earth magnets").count() == 0


def test_signing_in_at_the_provider_brings_the_viewer_back_to_the_dashboard(page, app_url):
    sign_in(page, app_url)
    page.get_by_text("Signed in as alice@example.org").wait_for(timeout=30_000)
    page.get_by_role("heading", level=1).filter(has_text="How exposed is").wait_for(timeout=30_000)
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Trade flows").click()
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
    assert page.get_by_text("Signed in as alice@example.org").is_visible()


def test_signing_out_ends_the_session_at_the_provider_and_shows_the_sign_in_screen(page, app_url):
    sign_in(page, app_url)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()  # the provider asks before it signs out
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    assert page.get_by_text("Signed in as").count() == 0
