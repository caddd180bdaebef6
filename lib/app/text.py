"""Text from data files or a URL, made safe to show: Streamlit renders markdown, so escape it."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def plain(text) -> str:
    """Text from data or a URL, escaped so that Streamlit's markdown shows it literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def safe_url(url: str) -> str:
    # The schema only admits http(s) addresses; encoding brackets and spaces keeps the markdown link whole.
    return str(url).replace(" ", "%20").replace("(", "%28").replace(")", "%29")
