"""Optional sign-in: with OIDC settings in .streamlit/secrets.toml every page asks for it; without, the app is open.

Streamlit's own `st.login` does the OpenID Connect flow (it needs the `Authlib` package). The settings
take the form Streamlit documents:

    [auth]
    redirect_uri = "https://dashboard.example.org/oauth2callback"
    cookie_secret = "a long random string"
    client_id = "…"
    client_secret = "…"
    server_metadata_url = "https://login.example.org/.well-known/openid-configuration"

or, with a named provider, the last three under `[auth.<name>]` (say `[auth.microsoft]`).
"""

from __future__ import annotations

import streamlit as st

from lib.app.text import plain as _plain

PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
GENERAL_KEYS = ("redirect_uri", "cookie_secret")


def _auth_section() -> dict:
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, OSError, ValueError):  # no secrets.toml, or one that does not parse
        return {}
    return dict(section) if hasattr(section, "keys") else {}


def provider() -> str | None:
    """The provider to sign in with, or None when the app is open. "default" means the settings sit in [auth]."""
    section = _auth_section()
    if not all(section.get(k) for k in GENERAL_KEYS):
        return None
    if all(section.get(k) for k in PROVIDER_KEYS):
        return "default"
    for name, value in section.items():
        if hasattr(value, "keys") and all(value.get(k) for k in PROVIDER_KEYS):
            return name
    return None


def required() -> bool:
    return provider() is not None


def require_login() -> None:
    """Stop the page at a sign-in screen until the viewer is signed in; do nothing when sign-in is not set up."""
    name = provider()
    if name is None:
        return
    if st.user.get("is_logged_in", False):
        with st.sidebar:
            st.caption("Signed in" + (f" as {_plain(st.user.get('email') or st.user.get('name'))}"
                                      if st.user.get("email") or st.user.get("name") else ""))
            st.button("Sign out", on_click=st.logout, key="auth_sign_out")
        return
    st.title("Rare-earth supply dependence")
    st.info("This dashboard is for signed-in staff. Sign in with your organisation's account to continue.",
            icon=":material/lock:")
    st.button("Sign in", on_click=st.login, args=() if name == "default" else (name,), type="primary",
              key="auth_sign_in")
    st.stop()

