"""How a sentence names a country: 'the United States runs short', 'India's imports', 'exports to the Netherlands'."""

from __future__ import annotations

# Names that a sentence gives an article, as their starts.
_WITH_THE = ("United ", "Netherlands", "Philippines", "European Union", "Czech Republic", "DR Congo", "Republic of ")


def the(name: str, *, start: bool = False) -> str:
    """'the United States', 'India'; 'The United States' to start a sentence."""
    if not str(name).startswith(_WITH_THE):
        return str(name)
    return f"{'The' if start else 'the'} {name}"


def whose(name: str, *, start: bool = False) -> str:
    """'India's', 'the United States''."""
    named = the(name, start=start)
    return f"{named}'" if named.endswith("s") else f"{named}'s"
