"""The briefing deck of chosen charts for a country, as PowerPoint or PDF, built from the cached findings."""

from __future__ import annotations

from lib.app import cache
from lib.exports import pdf, pptx
from lib.specs import registry

FORMATS = {"pptx": pptx.deck, "pdf": pdf.deck_pdf}


def findings(keys, country: str) -> list:
    """The charts `keys` on the latest data, for a deck about `country`."""
    d = cache.datasets(registry.needs(keys))
    return [cache.finding(key, **registry.latest_params(d, key, country)) for key in keys]


def build(kind: str, keys: tuple[str, ...], country: str) -> bytes:
    return FORMATS[kind](findings(keys, country), country, cache.dataset("sources"))


def key_charts(country: str) -> list[str]:
    """The key set of charts for the country (the chain from reserves to magnets and its own trade)."""
    d, _ = cache.available(registry.needs(registry.SPECS))
    return list(registry.key_charts(d, country))
