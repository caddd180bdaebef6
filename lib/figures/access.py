"""Readable by everyone: text contrast (WCAG 2.1) and colours told apart under colour-vision deficiency.

Colours are compared in CAM02-UCS (colorspacious) as a viewer with normal vision and with full deuteranomaly,
protanomaly and tritanomaly would see them. Where two series of one chart come too close for someone, a second
channel (a line's dash, a marker's shape, a bar's pattern) tells them apart; the country keeps its colour.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np
from colorspacious import cspace_convert, deltaE

# Below this difference (CAM02-UCS ΔE') two lines or bars of one chart need a second channel. About ten times a
# just-noticeable difference: thin lines and small bar segments need more than large patches.
MIN_DELTA_E = 15
VISIONS = {
    "normal": None,
    "deuteranomaly": {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100},
    "protanomaly": {"name": "sRGB1+CVD", "cvd_type": "protanomaly", "severity": 100},
    "tritanomaly": {"name": "sRGB1+CVD", "cvd_type": "tritanomaly", "severity": 100},
}
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
PATTERNS = ("", "x", "-", "|", "+", ".")
AA_TEXT = 4.5  # WCAG 2.1 AA, normal text
NAMED = {"white": "#FFFFFF", "black": "#000000"}  # the colour names the figures use


def rgb(colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' or 'rgb(r, g, b)' / 'rgba(r, g, b, a)' as sRGB in 0–1 (alpha ignored)."""
    c = NAMED.get(colour.strip().lower(), colour.strip())
    if c.startswith("#"):
        c = c.lstrip("#")
        if len(c) == 3:
            c = "".join(ch * 2 for ch in c)
        return tuple(int(c[i : i + 2], 16) / 255 for i in (0, 2, 4))
    inside = c[c.index("(") + 1 : c.index(")")].split(",")
    return tuple(float(v) / 255 for v in inside[:3])


def _luminance(colour: str) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def ink_on(background: str) -> str:
    """Black or white, whichever reads better on `background` (text inside a bar)."""
    return "#000000" if contrast("#000000", background) >= contrast("#FFFFFF", background) else "#FFFFFF"


@lru_cache(maxsize=4096)
def difference(a: str, b: str) -> float:
    """The smallest colour difference between a and b for any of the four kinds of vision."""
    out = []
    for vision in VISIONS.values():
        x, y = np.array(rgb(a)), np.array(rgb(b))
        if vision is not None:
            x = np.clip(cspace_convert(x, vision, "sRGB1"), 0, 1)
            y = np.clip(cspace_convert(y, vision, "sRGB1"), 0, 1)
        out.append(float(deltaE(x, y, input_space="sRGB1")))
    return min(out)


def second_channel(colours: list[str]) -> list[int]:
    """For each series, in order, the index of a second channel (0: none needed) such that any two series whose
    colours come too close (`difference` < MIN_DELTA_E) differ in it. Greedy, so the first series stay plain."""
    chosen: list[int] = []
    for i, colour in enumerate(colours):
        taken = {chosen[j] for j in range(i) if difference(colour, colours[j]) < MIN_DELTA_E}
        chosen.append(next(k for k in itertools.count() if k not in taken))
    return chosen


def dashes(colours: list[str]) -> list[str]:
    return [DASHES[k % len(DASHES)] for k in second_channel(colours)]


def symbols(colours: list[str]) -> list[str]:
    return [SYMBOLS[k % len(SYMBOLS)] for k in second_channel(colours)]


def patterns(colours: list[str]) -> list[str]:
    return [PATTERNS[k % len(PATTERNS)] for k in second_channel(colours)]
