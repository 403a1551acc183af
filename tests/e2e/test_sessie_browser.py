"""A sessie in a real browser, as a presenter with a clicker runs it on the projector.

At 1920×1080 with ``?presentatie=1&sessie=standaard``: → and PageDown go to the next view, ← and
PageUp back, and the URL follows (page path and stap); Vorige/Volgende are visible although the
projector view hides every other button; the presenter's note is nowhere in the page. With
``presentator=1`` (a second window, not presenting) the note is shown. Screenshots of the Sessies
page and a sessie view at 1366×768, 1920×1080 presentatie and 390×844.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .browser import exceptions, open_page, page_url, wait_idle
from .conftest import screenshot_dir
from .test_browser import console_errors

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 768}
TELEFOON = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
NOTITIE = "Begin bij de zin bovenaan"  # data/sessies.csv, stap 1
NOTITIE_2 = "Volg de lijnen per gemeente"  # stap 2
TITELS = {1: "IJmond Werkt! in één oogopslag", 2: "Uitkeringen per gemeente", 3: "Aanmeldingen-trend"}
PADEN = {1: "", 2: "uitkeringen", 3: "aanmeldingen"}


def waar(page) -> tuple[str, dict]:
    url = urlsplit(page.url)
    return url.path.strip("/"), {k: v[0] for k, v in parse_qs(url.query).items()}


def wacht_op_stap(page, n: int) -> None:
    """Wait until the browser shows step ``n`` of the standaard sessie: URL and title."""
    page.wait_for_function(
        "([pad, n]) => location.pathname.replace(/^\\/+|\\/+$/g, '') === pad"
        " && new URLSearchParams(location.search).get('stap') === String(n)",
        arg=[PADEN[n], n],
        timeout=60_000,
    )
    page.wait_for_function(
        "(t) => { const h = document.querySelector(\"[data-testid='stMain'] h1\");"
        " return h && h.innerText.trim() === t; }",
        arg=TITELS[n],
        timeout=60_000,
    )
    wait_idle(page)
    # a new view starts at its top (title and buttons in view), also on the snapping projector
    page.wait_for_function(
        "() => { const h = document.querySelector(\"[data-testid='stMain'] h1\");"
        " return h.getBoundingClientRect().top >= 0; }",
        timeout=10_000,
    )


def toets(page, key: str, n: int) -> None:
    page.keyboard.press(key)
    wacht_op_stap(page, n)
    pad, params = waar(page)
    assert (pad, params.get("sessie"), params.get("stap"), params.get("presentatie")) == (
        PADEN[n],
        "standaard",
        str(n),
        "1",
    ), page.url
    assert not exceptions(page)


def test_clicker_keys_walk_through_the_sessie_on_the_projector(sqlite_server, page):
    base = sqlite_server.base_url
    page.set_viewport_size(PROJECTOR)
    open_page(page, page_url(base, "", "presentatie=1&sessie=standaard"))
    wacht_op_stap(page, 1)
    assert page.locator(".st-key-ijw_volgende button >> visible=true").is_visible()
    assert page.locator(".st-key-ijw_vorige button >> visible=true").is_visible()
    assert "Stap 1 van 5 — Overzicht" in page.locator(".st-key-ijw_navigatie").inner_text()
    assert NOTITIE not in page.content()  # the note is not in the DOM at all
    page.screenshot(path=str(screenshot_dir() / "sessie-stap1-presentatie.png"))

    toets(page, "ArrowRight", 2)
    assert NOTITIE_2 not in page.content()
    assert "Stap 2 van 5 — Uitkeringen per gemeente" in page.locator(".st-key-ijw_navigatie").inner_text()
    page.screenshot(path=str(screenshot_dir() / "sessie-stap2-presentatie.png"))
    toets(page, "ArrowLeft", 1)
    toets(page, "PageDown", 2)
    toets(page, "PageDown", 3)
    toets(page, "PageUp", 2)
    # the Volgende button itself (a mouse click) does the same
    page.locator(".st-key-ijw_volgende button >> visible=true").click()
    wacht_op_stap(page, 3)
    assert not console_errors(page)


def test_keys_in_a_text_field_do_not_change_the_view(sqlite_server, page):
    page.set_viewport_size(LAPTOP)
    open_page(page, page_url(sqlite_server.base_url, "sessies"))
    veld = page.locator(".st-key-sessies_nieuw_naam input")
    page.locator("[data-testid='stExpander'] summary").first.click()
    veld.wait_for(state="visible")
    veld.fill("abc")
    veld.press("ArrowLeft")
    veld.press("ArrowRight")
    page.wait_for_timeout(500)
    assert waar(page)[0] == "sessies"


def test_the_presenter_window_shows_the_note_and_screenshots(sqlite_server, page):
    base = sqlite_server.base_url
    page.set_viewport_size(LAPTOP)
    open_page(page, page_url(base, "", "sessie=standaard&presentator=1"))
    wacht_op_stap(page, 1)
    notitie = page.locator(".st-key-ijw_notitie")
    assert NOTITIE in notitie.inner_text() and "Hierna: Uitkeringen per gemeente" in notitie.inner_text()
    page.screenshot(path=str(screenshot_dir() / "sessie-presentator-laptop.png"))

    page.set_viewport_size(TELEFOON)
    open_page(page, page_url(base, "", "sessie=standaard"))
    wacht_op_stap(page, 1)
    assert page.locator(".st-key-ijw_volgende button >> visible=true").is_visible()
    page.screenshot(path=str(screenshot_dir() / "sessie-stap1-telefoon.png"))

    for naam, maat in (("laptop", LAPTOP), ("telefoon", TELEFOON)):
        page.set_viewport_size(maat)
        open_page(page, page_url(base, "sessies"))
        assert not exceptions(page)
        page.screenshot(path=str(screenshot_dir() / f"sessies-{naam}.png"))
        page.locator(".st-key-sessies_bewerken").scroll_into_view_if_needed()  # a beheerder composes
        page.screenshot(path=str(screenshot_dir() / f"sessies-samenstellen-{naam}.png"))
    page.set_viewport_size(PROJECTOR)
    open_page(page, page_url(base, "sessies", "presentatie=1"))
    page.screenshot(path=str(screenshot_dir() / "sessies-presentatie.png"))
    assert not console_errors(page)
