"""The layout's rules that import-linter (pyproject.toml, .ci/checks) cannot see: pages are
scripts, not a package, and a query is passed as the function itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ijmond_dash import ui
from ijmond_dash.store import queries

ROOT = Path(__file__).resolve().parents[2]
PAGINAS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
# What a page may not reach past the ui layer: the engine, the loader, the table models.
VERBODEN = ("ijmond_dash.store.db", "ijmond_dash.store.loader", "ijmond_dash.store.models", "sqlalchemy")
MAX_REGELS = 500
# One concept each that reads top to bottom (README, "Layout"): the catalog of every dataset,
# the sessies store (its checks, writes and audit), the launcher of workers and proxy, the two
# importers, and the charts of the Cijfers and Fasen pages. Migrations are frozen history.
LANGER_TOEGESTAAN = {
    "ijmond_dash/store/catalog.py",
    "ijmond_dash/store/sessies.py",
    "ijmond_dash/server/serve.py",
    "ijmond_dash/imports/importers.py",
    "ijmond_dash/imports/trajecten.py",
    "ijmond_dash/charts/cijfers.py",
    "ijmond_dash/charts/fasen.py",
}


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return out


@pytest.mark.parametrize("pagina", PAGINAS, ids=lambda p: p.name)
def test_a_page_reads_the_store_only_through_ui(pagina):
    verboden = sorted(m for m in _imports(pagina) if m.startswith(VERBODEN))
    assert not verboden, f"{pagina.name} imports {verboden}: use ui.query(queries.…) or ui.engine()"


def test_a_query_is_passed_as_the_function_not_its_name():
    with pytest.raises(TypeError, match="store.queries"):
        ui.query("dataset", "kengetallen")
    with pytest.raises(TypeError):
        ui.query(len)  # a function, but not a query


def test_every_query_a_page_calls_exists_in_queries():
    """A page's ``ui.query(queries.x, …)`` names a function of the queries module (go to definition)."""
    for pagina in PAGINAS:
        for node in ast.walk(ast.parse(pagina.read_text())):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "ui.query":
                eerste = node.args[0]
                assert isinstance(eerste, ast.Attribute) and ast.unparse(eerste.value) == "queries", (
                    f"{pagina.name}:{node.lineno}: {ast.unparse(node)}"
                )
                assert callable(getattr(queries, eerste.attr, None)), f"{pagina.name}: queries.{eerste.attr}"


def test_modules_stay_short_unless_one_concept():
    lang = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "ijmond_dash").rglob("*.py")
        if "migrations" not in p.parts and (n := len(p.read_text().splitlines())) > MAX_REGELS
    }
    assert set(lang) <= LANGER_TOEGESTAAN, {k: v for k, v in lang.items() if k not in LANGER_TOEGESTAAN}


def test_every_module_says_what_it_is():
    zonder = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "ijmond_dash").rglob("*.py")
        if "migrations" not in p.parts and not ast.get_docstring(ast.parse(p.read_text()))
    ]
    assert not zonder
