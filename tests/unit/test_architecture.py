"""The house runs one way: read and check → derive → draw → specify a chart → image or slide → page. Each package
of lib/ imports only those before it; pages lay out what lib/ gives them; only lib/app speaks Streamlit, and only
through its public API; no module grows past what one reader can hold."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The packages of lib/, in the order data flows through them (lib/etl: the maintainers' importers, which write
# data/ and read the curated tables through lib/data and lib/domain like any other code).
ORDER = ("data", "domain", "etl", "figures", "specs", "exports", "app")
# Streamlit's public modules: `st`, its exception type, and the testing harness (tests only).
PUBLIC_STREAMLIT = {"streamlit", "streamlit.errors"}
MAX_LINES = 400


def modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module that `path` imports, as dotted names (`from lib import data` gives lib.data)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return names


def lib_packages(names: set[str]) -> set[str]:
    return {n.split(".")[1] for n in names if n.startswith("lib.") and n.split(".")[1] in ORDER}


LIB_MODULES = [(package, path) for package in ORDER for path in modules(ROOT / "lib" / package)]
PAGES = modules(ROOT / "pages") + [ROOT / "app.py"]


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_a_lib_module_imports_only_the_packages_before_its_own():
    upward = {name(path): sorted(lib_packages(imported(path)) - set(ORDER[: ORDER.index(package) + 1]))
              for package, path in LIB_MODULES}
    assert {m: p for m, p in upward.items() if p} == {}


def test_a_page_never_runs_an_importer():
    assert [name(p) for p in PAGES if "etl" in lib_packages(imported(p))] == []


def test_only_lib_app_speaks_streamlit_and_only_through_its_public_modules():
    found = {name(path): {n for n in imported(path) if n.split(".")[0] == "streamlit"} for _, path in LIB_MODULES}
    assert {m: s for m, s in found.items() if s and not m.startswith("lib/app/")} == {}
    # `from streamlit.errors import X` names streamlit.errors.X too: compare the modules only.
    private = {m: s for m, s in found.items() if {n for n in s if not n.rsplit(".", 1)[-1][:1].isupper()} - PUBLIC_STREAMLIT}
    assert private == {}


def test_no_module_in_lib_passes_400_lines():
    lines = {name(p): len(p.read_text(encoding="utf-8").splitlines()) for _, p in LIB_MODULES}
    assert {m: n for m, n in lines.items() if n > MAX_LINES} == {}
