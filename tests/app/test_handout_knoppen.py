"""AppTest: every page with a handout offers 'Handout (PDF)' and 'Handout (PowerPoint)' beside
its link; the file, built only on click, is that page with the settings on screen."""

from __future__ import annotations

import html
import io
import re

import pytest
from pptx import Presentation
from pypdf import PdfReader

from ijmond_dash.store import db, queries
from ijmond_dash.ui import handouts

from . import helpers
from .helpers import Downloads, bron, figures, no_exception, titel

RAADSVOORSTEL = "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening"  # data/documenten.csv


def _plat(tekst: str) -> str:
    return " ".join(tekst.replace("\xa0", " ").split())


@pytest.fixture
def downloads(app_env, monkeypatch):
    return Downloads().install(monkeypatch)


def _labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_the_scenario_page_hands_out_what_it_shows(downloads):
    at = helpers.open_page("pages/scenario.py", {"sc_gemeente": "Heemskerk"})
    assert "Handout (PDF)" in _labels(at) and "Handout (PowerPoint)" in _labels(at)
    gebouwd = downloads.built
    pdf = downloads.click(at, "ijw_handout_pagina_pdf")
    assert downloads.built == gebouwd + 1  # built on the click, not before
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    tekst = _plat(reader.pages[0].extract_text())
    assert "Scenario 2 kost Heemskerk netto € 302.000 per jaar" in tekst
    assert "mijn gemeente: Heemskerk" in tekst and RAADSVOORSTEL in tekst
    assert reader.pages[0].images
    prs = Presentation(io.BytesIO(downloads.click(at, "ijw_handout_pagina_pptx")))
    assert len(prs.slides) == 1
    assert _plat(prs.slides[0].shapes.title.text).startswith("Scenario 2 kost Heemskerk")


def test_every_dashboard_page_has_the_buttons_but_not_on_the_projector(downloads):
    for pagina in ("pages/overzicht.py", "pages/bronnen.py"):
        at = helpers.open_page(pagina)
        assert "Handout (PDF)" in _labels(at), pagina
    at = helpers.open_page("pages/overzicht.py", {"presentatie": "1"})
    no_exception(at)
    assert "Handout (PDF)" not in _labels(at)


def test_no_buttons_on_the_beheer_page(downloads):
    at = helpers.open_page("pages/beheer.py")
    assert "Handout (PDF)" not in _labels(at)


# The handout computes a view without the page script: it must say what the page says, for the
# page's defaults and for settings from a link (the pages are the reference).
VIEWS = [
    ("overzicht", {"overzicht_scenario": "Scenario 1"}, "Frictiekosten van scenario 1"),
    (
        "uitkeringen",
        {
            "uitk_maat": "Per 1.000 inwoners",
            "uitk_gemeenten": ["Velsen", "Heemskerk"],
            "uitk_periode": ["2017", "2021"],
        },
        "Gemeenten: Heemskerk, Velsen · periode 2017–2021",
    ),
    (
        "aanmeldingen",
        {"aanm_weergave": "Index 2015 = 100", "aanm_jaarbasis": "true"},
        "index 2015 = 100 · half jaar omgerekend",
    ),
    ("fasen", {}, "Periode: 1e halfjaar 2023"),
    ("scenario", {}, "mijn gemeente: Velsen"),
    (
        "scenario",
        {
            "sc_gemeente": "Beverwijk",
            "sc_sleutel": "Uitkeringen P-wet",
            "sc_jaren": "3",
            "sc_totaal_2": "3000000",
            "sc_reserve_velsen": "100000",
            "sc_ingang": "2028-01-01",
        },
        "verdeelsleutel: uitkeringen p-wet · fasering: 3 jaar vanaf 01-01-2028",
    ),
    ("scenario", {"sc_scenario": "Scenario 1"}, "Scenario 1"),
]


def _boodschap(at) -> str:
    for m in at.markdown:
        treffer = re.fullmatch(r"<p class='ijw-boodschap'>(.*)</p>", m.value, re.S)
        if treffer:
            return html.unescape(treffer.group(1))
    return ""


@pytest.mark.parametrize(
    ("pagina", "parameters", "instelling"), VIEWS, ids=[f"{p}-{i}" for i, (p, *_) in enumerate(VIEWS)]
)
def test_the_handout_says_what_the_page_says(app_env, pagina, parameters, instelling):
    at = helpers.open_page(f"pages/{pagina}.py", parameters)
    engine = db.create_engine(app_env)
    try:
        b = handouts.blad(pagina, parameters, queries.lezer(engine))
    finally:
        engine.dispose()
    assert _boodschap(at) == b.kop
    assert instelling in b.instellingen
    figuren = {titel(f): f for f in figures(at)}
    if b.figuur is None:
        assert "niet gekwantificeerd" in b.kop
        return
    figuren = {" ".join(t.replace("<br>", " ").split()): f for t, f in figuren.items()}  # as plain text
    assert b.grafiek_titel in figuren  # the page's own chart, by its title
    f = figuren[b.grafiek_titel]
    assert [t.get("name") for t in f["data"]] == [t.name for t in b.figuur.data]
    if pagina != "overzicht":  # the Overzicht's handout names the kerncijfers' documents too
        assert " ".join(bron(f).replace("<br>", " ").split()) == b.bron


@pytest.fixture
def events_url(fresh_store_url, monkeypatch):
    """Trajectory events (as tests/app/test_fasen.py): Velsen 12 clients, Beverwijk 2."""
    from ijmond_dash.imports import trajecten

    rows = ["client_pseudoniem,gemeente,fase,startdatum,einddatum,uitstroomreden"]
    rows += [f"v{i},Velsen,Kennismaking,2023-01-10,2023-03-01," for i in range(12)]
    rows += [f"v{i},Velsen,Persoonlijke ontwikkeling,2023-03-01,," for i in range(12)]
    rows += [f"b{i},GM0375,Kennismaking,2023-02-01,2023-04-01,werk" for i in range(2)]
    engine = db.create_engine(fresh_store_url)
    assert trajecten.importeer(engine, "events.csv", "\n".join(rows).encode(), "test") == 26
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", fresh_store_url)
    monkeypatch.chdir(helpers.APP.rsplit("/", 1)[0])
    return fresh_store_url


@pytest.mark.parametrize("gemeente", [None, "Beverwijk"])
def test_the_fasen_handout_with_events_says_what_the_page_says(events_url, gemeente):
    parameters = {"fasen_periode": "1e halfjaar 2023", **({"fasen_gemeente": gemeente} if gemeente else {})}
    at = helpers.open_page("pages/fasen.py", parameters)
    engine = db.create_engine(events_url)
    try:
        b = handouts.blad("fasen", parameters, queries.lezer(engine))
    finally:
        engine.dispose()
    assert _boodschap(at) == b.kop
    assert b.grafiek_titel in [titel(f) for f in figures(at)]
    assert "< 5" in b.kop or "klein aantal" in b.kop
