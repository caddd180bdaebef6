"""The app's pages and settings: one list, read by the frame, the tests and the benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES_DIR = ROOT / "pages"
STATIC_DIR = ROOT / "static"
TITLE = "Rare-earth supply dependence"
# The browser tab's icon is a file of our own: a Material icon name would have every viewer's browser fetch
# it from fonts.gstatic.com, a request to a third party that locked-down networks block. Read once per process.
ICON = (STATIC_DIR / "app_icon.png").read_bytes()


@dataclass(frozen=True)
class PageInfo:
    name: str  # the file in pages/, and the page's address (/reserves), except the default page's (/)
    title: str
    icon: str
    question: str  # the page's title: the question it answers ({country} where it names one)


PAGES = (
    PageInfo("overview", "Overview", ":material/explore:", "How exposed is {country} to one supplier of rare earths?"),
    PageInfo("reserves", "Reserves", ":material/landscape:", "Who holds the world's rare-earth reserves?"),
    PageInfo("mining", "Mining", ":material/hardware:", "Who mines rare earths?"),
    PageInfo("supply_chain", "Refining and magnets", ":material/factory:",
             "How concentrated is each stage, from mine to magnet?"),
    PageInfo("capacity", "Refining and magnet capacity", ":material/precision_manufacturing:",
             "Who can refine rare earths and make magnets, now and announced?"),
    PageInfo("trade", "Trade flows", ":material/directions_boat:", "Who ships rare-earth magnets to whom?"),
    PageInfo("what_if", "What if?", ":material/warning:", "What if a supplier cuts exports to {country}?"),
    PageInfo("country", "Country profile", ":material/flag:", "What do we know about {country}, and what is missing?"),
    PageInfo("briefing", "Briefing deck", ":material/slideshow:", "Briefing deck: {country}"),
    PageInfo("data_sources", "Data & sources", ":material/menu_book:", "Data & sources: where every number comes from"),
)
DEFAULT_PAGE = PAGES[0].name
# The Refining and magnets page's tab of China's imports of rare-earth compounds by origin, which the Overview links to.
FEEDSTOCK_TAB = "China's feedstock"
QUESTIONS = {p.name: p.question for p in PAGES}
