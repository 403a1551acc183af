"""Handouts: the default sessie's five views as PDF (read back with pypdf, one page rendered by
pdftoppm) and as PowerPoint (read back with python-pptx), on SQLite and Postgres; small numbers
of trajectory events never appear in them. The charts are rendered by kaleido with Debian's
chromium, as in the app."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from ijmond_dash.imports import trajecten
from ijmond_dash.store import db, queries
from ijmond_dash.ui import handout_knoppen, handouts

NU = dt.datetime(2026, 1, 1, 10, 0)
RAADSVOORSTEL = "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening"  # data/documenten.csv
HALFJAAR = "Raadsinformatie en Halfjaarrapportage IJmond Werkt! 2023"  # data/documenten.csv
# The default sessie: (page, URL settings, literal parts of its headline, its source documents)
SESSIE = [
    ("overzicht", {}, ["Het aantal bijstandsuitkeringen bleef sinds 2015 vrijwel gelijk"], [RAADSVOORSTEL, HALFJAAR]),
    ("uitkeringen", {}, ["lag van 2015 tot en met 2022 steeds tussen 2.710 en 3.010"], [RAADSVOORSTEL]),
    ("aanmeldingen", {}, ["van 1.972 naar 552 in 2021"], [RAADSVOORSTEL]),
    ("fasen", {}, ["451 inwoners een fase in en 433 een fase uit"], [HALFJAAR]),
    ("scenario", {"sc_scenario": "Scenario 2"}, ["Scenario 2 kost Velsen netto € 528.000 in 2027"], [RAADSVOORSTEL]),
]


# what a person must never read (as tests/app/test_leesbare_woorden.py): file names, codes, snake_case
FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
CODE = re.compile(r"\bGM\d{4}\b|\bIJMOND\d?\b|\bZKL\b")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def _plat(tekst: str) -> str:
    """Text as one line with plain spaces (a PDF breaks lines where it likes)."""
    return " ".join(tekst.replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def sessie(store_url):
    engine = db.create_engine(store_url)
    lees = queries.lezer(engine)
    bladen = [handouts.blad(p, par, lees) for p, par, _, _ in SESSIE]
    uit = bladen, handouts.pdf(bladen, nu=NU), handouts.pptx(bladen, nu=NU)
    engine.dispose()
    return uit


def test_the_views_are_those_of_the_pages(sessie):
    bladen, _, _ = sessie
    assert [b.pagina for b in bladen] == [p for p, *_ in SESSIE]
    for b, (_, _, kop, documenten) in zip(bladen, SESSIE, strict=True):
        for deel in kop:
            assert deel in _plat(b.kop)
        for doc in documenten:
            assert doc in b.bron
        assert b.figuur is not None and b.grafiek_titel and b.kerncijfers
        assert b.figuur.layout.separators == ",."  # Dutch numbers in the image too
        assert not b.figuur.layout.title.text  # the title is text on the page, not in the picture
        assert ".txt" not in b.bron and "rv2025" not in b.bron  # no file names, no codes
    assert ("Uitkeringen P-wet (personen)", "3.681") in bladen[0].kerncijfers
    assert "mijn gemeente: Velsen" in bladen[4].instellingen and "Scenario 2" in bladen[4].instellingen


def test_the_pdf_has_one_page_per_view_with_headline_source_and_image(sessie, engine, tmp_path):
    bladen, pdf, _ = sessie
    broncodes = set(queries.bronnen(engine)["code"])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 5
    for page, b, (_, _, kop, documenten) in zip(reader.pages, bladen, SESSIE, strict=True):
        tekst = _plat(page.extract_text())
        assert _plat(b.kop) in tekst
        for deel in kop:
            assert deel in tekst
        for doc in documenten:
            assert doc in tekst
        assert "Bron:" in tekst and "Instellingen:" in tekst and "Gemaakt op 01-01-2026" in tekst
        assert len(page.images) >= 1
        assert "<br>" not in tekst and "<b>" not in tekst  # chart texts as plain text
        assert not FILE.search(tekst) and not CODE.search(tekst) and not SNAKE.search(tekst), tekst
        assert not set(re.findall(r"\b\w+\b", tekst)) & broncodes
        assert page.mediabox.width > page.mediabox.height  # landscape
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-", str(tmp_path / "blad")], input=pdf, check=True
        )
        png = next(tmp_path.glob("blad*.png")).read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_the_pptx_has_one_slide_per_view_with_headline_source_and_picture(sessie):
    bladen, _, pptx = sessie
    prs = Presentation(io.BytesIO(pptx))
    assert len(prs.slides) == 5
    assert prs.slide_width * 9 == prs.slide_height * 16
    for slide, b, (_, _, kop, documenten) in zip(prs.slides, bladen, SESSIE, strict=True):
        assert _plat(slide.shapes.title.text) == _plat(b.kop)
        for deel in kop:
            assert deel in _plat(slide.shapes.title.text)
        tekst = _plat(" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame))
        for doc in documenten:
            assert doc in tekst
        assert [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        for s in slide.shapes:  # everything on the slide
            assert s.left >= 0 and s.top >= 0
            assert s.left + s.width <= prs.slide_width and s.top + s.height <= prs.slide_height


def test_settings_from_the_url_change_the_view(engine):
    lees = queries.lezer(engine)
    b = handouts.blad("scenario", {"sc_scenario": "Scenario 2", "sc_gemeente": "Heemskerk"}, lees)
    assert _plat(b.kop).startswith("Scenario 2 kost Heemskerk netto € 302.000 per jaar")
    assert "mijn gemeente: Heemskerk" in b.instellingen
    ongeldig = handouts.blad("scenario", {"sc_scenario": "Scenario 9", "sc_jaren": "abc"}, lees)
    assert "mijn gemeente: Velsen" in ongeldig.instellingen  # invalid values: the documented defaults
    u = handouts.blad(
        "uitkeringen",
        {"uitk_gemeenten": ("Velsen",), "uitk_maat": "Per 1.000 inwoners", "uitk_periode": ("2018", "2022")},
        lees,
    )
    assert u.instellingen == "Gemeenten: Velsen · periode 2018–2022 · maat: per 1.000 inwoners"
    assert [label for label, _ in u.kerncijfers] == ["Velsen, 30-06-2022"]
    assert u.kerncijfers[0][1].endswith("per 1.000 inwoners")
    a = handouts.blad("aanmeldingen", {"aanm_weergave": "Index 2015 = 100"}, lees)
    assert "index 2015 = 100" in a.instellingen and "index" in a.grafiek_titel.lower()
    with pytest.raises(handouts.HandoutFout, match="Gegevens beheren"):
        handouts.blad("beheer", {}, lees)
    with pytest.raises(handouts.HandoutFout, match="^Van deze pagina kan geen handout"):
        handouts.blad("bestaat_niet", {}, lees)


def test_text_only_pages(engine):
    lees = queries.lezer(engine)
    bronnen = handouts.blad("bronnen", {}, lees)
    assert bronnen.figuur is None and RAADSVOORSTEL in [titel for _, titel in bronnen.kerncijfers]
    cijfers = handouts.blad("cijfers", {}, lees)
    assert ("Uitstroom naar werk", "48 (plus 14 met parttime werk)") in cijfers.kerncijfers
    reader = PdfReader(io.BytesIO(handouts.pdf([bronnen, cijfers], nu=NU)))
    assert len(reader.pages) == 2 and RAADSVOORSTEL in _plat(reader.pages[0].extract_text())


def test_page_titles_are_those_of_the_app():
    from ijmond_dash import ui

    assert handouts.PAGINA_TITELS == {k: s.title for k, s in ui.PAGES.items() if k in handouts.PAGINA_TITELS}
    assert set(handouts.BLADEN) == set(handouts.PAGINA_TITELS) - {"beheer"}


# ---------------------------------------------------------------- small numbers


@pytest.fixture
def events_engine(fresh_engine):
    """Velsen 12 clients (Kennismaking -> Persoonlijke ontwikkeling), Beverwijk 2 (uitstroom
    werk), as tests/app/test_fasen.py."""
    rows = ["client_pseudoniem,gemeente,fase,startdatum,einddatum,uitstroomreden"]
    rows += [f"v{i},Velsen,Kennismaking,2023-01-10,2023-03-01," for i in range(12)]
    rows += [f"v{i},Velsen,Persoonlijke ontwikkeling,2023-03-01,," for i in range(12)]
    rows += [f"b{i},GM0375,Kennismaking,2023-02-01,2023-04-01,werk" for i in range(2)]
    assert trajecten.importeer(fresh_engine, "events.csv", "\n".join(rows).encode(), "test") == 26
    return fresh_engine


TWEE = re.compile(r"(?<![\d.,:\-])2(?![\d.,:])")  # the count 2 on its own (not in 2023, 12 or 01-02)


def _alle_tekst_pptx(data: bytes) -> str:
    prs = Presentation(io.BytesIO(data))
    delen = []
    for slide in prs.slides:
        delen += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        if slide.has_notes_slide:
            delen.append(slide.notes_slide.notes_text_frame.text)
    return _plat(" ".join(delen))


def test_a_small_number_never_appears_in_a_handout(events_engine):
    lees = queries.lezer(events_engine)
    b = handouts.blad("fasen", {"fasen_periode": "1e halfjaar 2023", "fasen_gemeente": "Beverwijk"}, lees)
    assert b.figuur is not None and "Beverwijk" in b.grafiek_titel
    # the figure the image is drawn from holds no 2: not in its words, not as a flow's width
    fig = b.figuur.to_plotly_json()
    woorden = [str(a.get("text", "")) for a in fig["layout"].get("annotations", [])]
    woorden += [str(x) for x in fig["data"][0]["node"].get("label", []) or []]
    woorden += [str(x) for x in fig["data"][0]["link"].get("customdata", []) or []]
    assert not [w for w in woorden if TWEE.search(w)], woorden
    assert 2.0 not in list(fig["data"][0]["link"]["value"])
    pdf = handouts.pdf([b], nu=NU)
    tekst = _plat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "< 5" in tekst
    assert not TWEE.search(tekst), tekst
    pptx = _alle_tekst_pptx(handouts.pptx([b], nu=NU))
    assert "< 5" in pptx and not TWEE.search(pptx), pptx
    # the whole region: Velsen's 12 are shown, Beverwijk's 2 uitstroom stays '< 5'
    regio = handouts.blad("fasen", {"fasen_periode": "1e halfjaar 2023"}, lees)
    assert ("Stap vooruit", "12") in regio.kerncijfers and ("Uitstroom", "< 5") in regio.kerncijfers
    assert ("Kleine aantallen", "minder dan 5 personen: '<\xa05'") in regio.kerncijfers
    assert not TWEE.search(_plat(PdfReader(io.BytesIO(handouts.pdf([regio], nu=NU))).pages[0].extract_text()))


# ---------------------------------------------------------------- without a browser


def test_without_chromium_the_handout_says_so_in_dutch(engine, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/bestaat/niet/chromium")
    assert not handout_knoppen.browser_aanwezig()
    pdf = handout_knoppen.maak(engine, [handout_knoppen.Stap("aanmeldingen")], "pdf")
    tekst = _plat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "De grafieken konden niet als afbeelding worden gemaakt" in tekst and "chromium" in tekst
    assert "Traceback" not in tekst
    pptx = handout_knoppen.maak(engine, [handout_knoppen.Stap("aanmeldingen")], "pptx")
    assert "De grafieken konden niet als afbeelding worden gemaakt" in _alle_tekst_pptx(pptx)


def test_unreadable_data_give_a_dutch_message(monkeypatch, tmp_path):
    kapot = db.create_engine(f"sqlite:///{tmp_path / 'leeg.sqlite'}")  # no tables
    pdf = handout_knoppen.maak(kapot, [handout_knoppen.Stap("overzicht")], "pdf")
    tekst = _plat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "De handout kon niet worden gemaakt" in tekst
