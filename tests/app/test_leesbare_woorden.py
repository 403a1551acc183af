"""What a person reads on the pages has names and words, no codes: no seed file name, no GM or
regio code, no bron code and no snake_case identifier in the text, the tables and the headers
and cells of the downloads (a download may keep codes in its technical columns '… (code)' and
'Bestand (herkomst)'). The one place a file name may appear is the Bronnen page's 'Herkomst'
detail. Store text reaches Markdown escaped."""

from __future__ import annotations

import csv
import io
import re

import pytest

from ijmond_dash import formatting
from ijmond_dash.store import catalog, db, loader, models, queries
from tests.conftest import ROOT

from .helpers import Downloads, markdown_text, no_exception, open_page

FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
CODE = re.compile(r"\bGM\d{4}\b|\bIJMOND\d?\b|\bZKL\b")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
TECHNISCH = ("(code)", "(herkomst)")

# Every page of this issue with every section that builds something opened (the scenario page and
# Beheer are other issues' pages).
PAGINAS = {
    "pages/overzicht.py": {},
    "pages/uitkeringen.py": {"uitk_reeks_open": "true", "uitk_split_open": "true", "uitk_bereik_open": "true"},
    "pages/aanmeldingen.py": {"aanm_tabel_open": "true", "aanm_methode_open": "true"},
    "pages/cijfers.py": {},
    "pages/fasen.py": {},
    "pages/bronnen.py": {},
}


def _zonder_escapes(text: str) -> str:
    """Markdown source as the browser shows it: '\\_' is '_'."""
    return re.sub(r"\\(.)", r"\1", text)


def zichtbaar(at) -> list[tuple[str, str]]:
    """(where, text) of everything the page shows as text, tables included."""
    uit: list[tuple[str, str]] = []
    for soort in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        for el in getattr(at, soort):
            if soort == "markdown" and el.value.lstrip().startswith("<style>"):
                continue
            uit.append((soort, _zonder_escapes(str(el.value))))
    for m in at.metric:
        uit += [("metric", _zonder_escapes(m.label)), ("metric", str(m.value)), ("metric", str(m.proto.delta))]
    for e in at.expander:
        uit.append(("expander", e.label))
    for t in at.tabs:
        uit.append(("tab", t.label))
    for w in [*at.selectbox, *at.radio, *at.multiselect]:
        uit.append(("widget", w.label))
        uit += [("widget-optie", str(o)) for o in w.options]
    for df in at.dataframe:
        v = df.value
        uit += [("tabelkop", str(c)) for c in v.columns]
        for c in v.columns:
            uit += [(f"tabel[{c}]", str(x)) for x in v[c].astype(str).unique()]
    return uit


def download_inhoud(at, downloads: Downloads) -> list[tuple[str, str]]:
    """(where, text) of every CSV download's header and its non-technical cells."""
    uit = []
    for knop in at.get("download_button"):
        key = knop.proto.id.rsplit("-", 1)[-1]
        if not key.endswith("_csv"):
            continue
        rijen = list(csv.reader(io.StringIO(downloads.click(at, key).decode("utf-8-sig")), delimiter=";"))
        kop = rijen[0]
        uit += [(f"download {key} kop", k) for k in kop]
        for i, k in enumerate(kop):
            if k.endswith(TECHNISCH):
                continue
            uit += [(f"download {key}[{k}]", r[i]) for r in rijen[1:]]
    return uit


def codes_in(teksten: list[tuple[str, str]], broncodes: set[str]) -> list[tuple[str, str]]:
    gevonden = []
    for waar, tekst in teksten:
        for pat in (FILE, CODE, SNAKE):
            gevonden += [(waar, m) for m in pat.findall(tekst)]
        gevonden += [(waar, c) for c in broncodes if re.search(rf"\b{re.escape(c)}\b", tekst)]
    return gevonden


@pytest.fixture
def broncodes(store) -> set[str]:
    return set(queries.bronnen(store)["code"])


@pytest.mark.parametrize("pagina", list(PAGINAS))
def test_pages_show_names_not_codes(store, monkeypatch, broncodes, pagina):
    downloads = Downloads().install(monkeypatch)
    at = open_page(pagina, PAGINAS[pagina])
    teksten = zichtbaar(at) + download_inhoud(at, downloads)
    assert teksten
    assert codes_in(teksten, broncodes) == []


@pytest.mark.parametrize("naam", [ds.name for ds in catalog.DATASETS])
def test_every_dataset_on_the_bronnen_page_reads_in_words(store, monkeypatch, broncodes, naam):
    """Each dataset's table and download: Dutch headers, names and words; the codes only in the
    download's technical columns."""
    downloads = Downloads().install(monkeypatch)
    at = open_page("pages/bronnen.py", {"dataset": catalog.dataset(naam).title})
    assert at.selectbox(key="dataset").value == naam
    inhoud = download_inhoud(at, downloads)
    assert codes_in(zichtbaar(at) + inhoud, broncodes) == []
    kop = [t for waar, t in inhoud if waar == f"download dl_{naam}_csv kop"]
    ds = catalog.dataset(naam)
    if any(c.ref == "bronnen" for c in ds.columns):
        assert {"Bron", "Tabel of paragraaf in de bron", "Bron (code)"} <= set(kop)
    if any(c.ref == "gebieden" for c in ds.columns):
        assert any(k.endswith("(code)") for k in kop)


def test_the_file_names_are_only_in_the_herkomst_detail(store):
    """Closed, the Bronnen page names no file; opened, the detail lists each document's file."""
    at = open_page("pages/bronnen.py")
    assert not FILE.findall("\n".join(t for _, t in zichtbaar(at)))
    at = open_page("pages/bronnen.py", {"bronnen_herkomst_open": "true"})
    [detail] = [df.value for df in at.dataframe if "Bestand" in df.value.columns]
    assert (
        dict(zip(detail["Document"], detail["Bestand"], strict=True))[
            "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening"
        ]
        == "002_1ffd1c96ac75314c.txt"
    )
    buiten = [t for w, t in zichtbaar(at) if not w.startswith("tabel[Bestand]")]
    assert not FILE.findall("\n".join(buiten))


def test_store_text_cannot_make_links_or_html(fresh_store_url, monkeypatch):
    """An imported bron whose tabel holds Markdown and HTML shows it literally on every caption."""
    monkeypatch.setenv("DATABASE_URL", fresh_store_url)
    monkeypatch.chdir(ROOT)
    engine = db.create_engine(fresh_store_url)
    kwaad = "[klik hier](https://example.org) ![x](https://example.org/x.png) <b>vet</b> :red[rood]"
    with engine.begin() as conn:
        b = models.DATASET_TABLES["bronnen"]
        conn.execute(b.update().where(b.c.code == "rv2025_tabel").values(tabel=kwaad))
        loader.bump_version(conn)
    engine.dispose()
    at = open_page("pages/overzicht.py")
    no_exception(at)
    captions = [c.value for c in at.caption if "klik hier" in c.value]
    assert captions and all(formatting.md_escape(kwaad) in c for c in captions)
    # escaped: no unescaped Markdown link, image or HTML tag is left in what Streamlit renders
    for c in captions:
        assert not re.search(r"(?<!\\)\[klik hier(?<!\\)\]\(", c) and "<b>" not in c
    assert "klik hier" in markdown_text(at)


def test_the_fasen_page_with_trajectory_events_reads_in_words(fresh_store_url, monkeypatch):
    """With (synthetic) trajectory events the Fasen page shows another diagram, table and download:
    words there too."""
    from ijmond_dash.imports import synthetic

    monkeypatch.setenv("DATABASE_URL", fresh_store_url)
    monkeypatch.chdir(ROOT)
    engine = db.create_engine(fresh_store_url)
    synthetic.load(engine, 1_000, seed=3)
    broncodes = set(queries.bronnen(engine)["code"])
    engine.dispose()
    downloads = Downloads().install(monkeypatch)
    at = open_page("pages/fasen.py")
    teksten = zichtbaar(at) + download_inhoud(at, downloads)
    assert any("synthetisch" in t for _, t in teksten)
    assert codes_in(teksten, broncodes) == []
