"""In the browser: the handout buttons sit in the link popover, and a click downloads the page
with the settings on screen as a PDF and a PowerPoint file (built by the server, offline)."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader

from .browser import open_page, page_url, wait_idle
from .conftest import screenshot_dir


def _plat(tekst: str) -> str:
    return " ".join(tekst.replace("\xa0", " ").split())


def _open_popover(page) -> None:
    page.get_by_role("button", name="Link kopiëren").click()
    page.get_by_role("button", name="Handout (PDF)").wait_for()


def test_the_handout_of_the_page_on_screen(sqlite_server, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, page_url(sqlite_server.base_url, "scenario", "sc_gemeente=Heemskerk"))
    _open_popover(page)
    page.screenshot(path=str(screenshot_dir() / "handout-knoppen-laptop.png"))
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Handout (PDF)").click()
    download = info.value
    assert download.suggested_filename == "handout-scenario.pdf"
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    assert len(reader.pages) == 1 and reader.pages[0].images
    tekst = _plat(reader.pages[0].extract_text())
    assert "Scenario 2 kost Heemskerk netto € 302.000 per jaar" in tekst and "mijn gemeente: Heemskerk" in tekst
    wait_idle(page)
    if not page.get_by_role("button", name="Handout (PowerPoint)").is_visible():
        _open_popover(page)
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Handout (PowerPoint)").click()
    prs = Presentation(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert len(prs.slides) == 1 and "Heemskerk" in prs.slides[0].shapes.title.text


def test_the_buttons_on_a_phone(sqlite_server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, page_url(sqlite_server.base_url, "aanmeldingen"))
    _open_popover(page)
    page.screenshot(path=str(screenshot_dir() / "handout-knoppen-telefoon.png"))
    for naam in ("Handout (PDF)", "Handout (PowerPoint)"):
        vak = page.get_by_role("button", name=naam).bounding_box()
        assert vak and vak["x"] >= 0 and vak["x"] + vak["width"] <= 390, naam
