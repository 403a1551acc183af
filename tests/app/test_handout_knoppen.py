"""AppTest: every page with a handout offers 'Handout (PDF)' and 'Handout (PowerPoint)' beside
its link; the file, built only on click, is that page with the settings on screen."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from . import helpers
from .helpers import Downloads, no_exception

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
