"""Optional sign-in: open without OIDC settings, gated with them."""


import pytest
from conftest import FRAME, ROOT
from streamlit.testing.v1 import AppTest

from lib.app import auth

WRAPPER = str(ROOT / "tests" / "apps" / "auth_wrapper.py")
APP = FRAME
GENERAL = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret-not-used"}
PROVIDER = {"client_id": "id", "client_secret": "secret",
            "server_metadata_url": "https://login.example.org/.well-known/openid-configuration"}


def run(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(WRAPPER, default_timeout=30)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    return at.run()


def test_without_secrets_the_app_is_open():
    at = run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Content behind the gate"]
    assert not at.button


def test_without_secrets_the_real_app_runs_without_error():
    assert not AppTest.from_file(APP, default_timeout=60).run().exception


def test_incomplete_settings_leave_the_app_open():
    at = run({"auth": {"redirect_uri": GENERAL["redirect_uri"]}})
    assert [t.value for t in at.title] == ["Content behind the gate"]


@pytest.mark.parametrize("section, expected", [
    ({**GENERAL, **PROVIDER}, "default"),
    ({**GENERAL, "microsoft": PROVIDER}, "microsoft"),
])
def test_with_oidc_settings_a_signed_out_viewer_sees_only_the_sign_in_screen(section, expected):
    at = run({"auth": section})
    assert not at.exception
    assert "Content behind the gate" not in [t.value for t in at.title]
    assert at.button(key="auth_sign_in").label == "Sign in"
    assert "signed-in staff" in at.info[0].value


def test_with_oidc_settings_a_signed_in_viewer_sees_the_page():
    at = run({"auth": {**GENERAL, **PROVIDER}}, user={"is_logged_in": True, "email": "analyst@example.org"})
    assert not at.exception
    assert [t.value for t in at.title] == ["Content behind the gate"]
    assert at.sidebar.button(key="auth_sign_out").label == "Sign out"


def test_provider_is_read_from_the_secrets(monkeypatch):
    class Secrets(dict):
        pass

    monkeypatch.setattr(auth.st, "secrets", Secrets(auth={**GENERAL, "okta": PROVIDER}))
    assert auth.provider() == "okta" and auth.required()
    monkeypatch.setattr(auth.st, "secrets", Secrets())
    assert auth.provider() is None and not auth.required()


def test_a_missing_secrets_file_means_open(monkeypatch):
    class NoFile:
        def get(self, key, default=None):
            raise FileNotFoundError("no secrets.toml")

    monkeypatch.setattr(auth.st, "secrets", NoFile())
    assert auth.provider() is None
