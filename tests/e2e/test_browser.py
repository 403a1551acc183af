"""The app in a real browser: every page from the navigation renders, draws its charts, shows
the same figures as the server computed from the store, survives a copied URL, reacts to a
scenario slider, and logs no browser error and no Streamlit exception.

Pages are discovered from the running app (the sidebar navigation, mapped to files through the
page registry ``ui.PAGES``), so pages added later are covered without editing this file.
Screenshots of every page at three screen sizes are written by test_leesbaarheid.py.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.app.helpers import figures, run_page

from .browser import (
    browser_summary,
    exceptions,
    figure_summary,
    metrics,
    nav_links,
    open_page,
    page_url,
    plot_data,
    result_snapshot,
    wait_idle,
    wait_result_change,
)
from .conftest import ROOT, track_console

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class PageInfo:
    key: str  # key in ui.PAGES
    title: str
    file: str  # relative to the project root
    url_path: str


def registry() -> dict[str, PageInfo]:
    """url_path -> page, from the static page registry app.py builds its navigation from."""
    from ijmond_dash import ui

    return {s.url_path: PageInfo(s.key, s.title, s.path, s.url_path) for s in ui.PAGES.values()}


def slug(info: PageInfo) -> str:
    return info.key or "home"


# Streamlit's frontend, opened on a page URL such as /bronnen, first probes
# /bronnen/_stcore/health and /bronnen/_stcore/host-config to find the app's base path and
# gets a 404 before it tries the root. That is how Streamlit finds its base URL, not an
# error of this app; every other console error fails the test.
BASE_PATH_PROBE = re.compile(r"status of 404 .*'url': 'http://127\.0\.0\.1:\d+/[^']+/_stcore/(health|host-config)'")


def console_errors(page) -> list[str]:
    errors = [e for e in page.console_errors if not BASE_PATH_PROBE.search(e)]
    page.console_errors.clear()
    return errors


def external_requests(page) -> list[str]:
    """Requests that left the app's own server (the app must work offline, leak nothing)."""
    out = [
        u
        for u in page.requests
        if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).hostname != "127.0.0.1"
    ]
    page.requests.clear()
    return out


def assert_clean(page, where: str) -> None:
    exc = exceptions(page)
    assert not exc, f"{where}: Streamlit exception box: {exc}"
    errors = console_errors(page)
    assert not errors, f"{where}: browser console errors: {errors}"
    external = external_requests(page)
    assert not external, f"{where}: requests to other hosts than the app: {external}"


def discovered_pages(page, server, monkeypatch) -> tuple[list[str], dict[str, PageInfo]]:
    open_page(page, server.base_url)
    paths = nav_links(page)
    reg = registry()
    monkeypatch.setenv("DATABASE_URL", server.database_url)  # for the AppTest runs compared with
    monkeypatch.chdir(ROOT)
    assert paths, "the sidebar shows no pages"
    unknown = [p for p in paths if p not in reg]
    assert not unknown, f"sidebar links without a page in ui.PAGES: {unknown}"
    return paths, reg


# ---------------------------------------------------------------- every page


def test_every_page_renders_like_the_server_computed_it(app_server, page, monkeypatch):
    """Each page: no error, all charts drawn, metrics and chart numbers equal to AppTest's
    (which the page's own tests check against the store); in presentation mode too, on SQLite."""
    paths, reg = discovered_pages(page, app_server, monkeypatch)
    presenting = app_server.backend == "sqlite"
    problems: list[str] = []
    for path in paths:
        info = reg[path]
        at = run_page(None if path == "" else info.file)
        if at.exception:
            problems.append(f"{info.key}: AppTest exception {[e.value for e in at.exception]}")
            continue
        expected_figs = figures(at)
        open_page(page, page_url(app_server.base_url, path), charts=len(expected_figs))
        try:
            assert_clean(page, info.key)
        except AssertionError as exc:
            problems.append(str(exc))
        # key figures: what the browser shows is what the script computed
        shown = metrics(page)
        # (a label from the store is Markdown-escaped on the server: '\\!' shows as '!')
        expected = [(re.sub(r"\\(.)", r"\1", m.label), m.value) for m in at.metric]
        if shown != expected:
            problems.append(f"{info.key}: metrics in browser {shown} != server {expected}")
        charts = plot_data(page)
        if len(charts) != len(expected_figs):
            problems.append(f"{info.key}: {len(charts)} charts drawn, script made {len(expected_figs)}")
        for i, (chart, fig) in enumerate(zip(charts, expected_figs, strict=False)):
            if browser_summary(chart) != figure_summary(fig):
                problems.append(f"{info.key}: chart {i} ({chart['title']!r}) data differs from the figure sent")
        if presenting:
            open_page(page, page_url(app_server.base_url, path, "presentatie=1"), charts=len(expected_figs))
            try:
                assert_clean(page, f"{info.key} (presentatie)")
            except AssertionError as exc:
                problems.append(str(exc))
    assert not problems, "\n".join(problems)


# The Overzicht's kerncijfers as the documents give them (the dataset is fixed): Raadsvoorstel
# Velsen 2025, table "Bijstand uitkering (excl. AOW)" (30-06-2022: 2.800; 31-12-2021: 552
# participanten) and "Data medio 2024" (Uitkeringen P-wet 3.681; In lopend traject 738);
# "Financiële consequenties" (scenario 2: € 2,3 mln frictiekosten).
KERNCIJFERS = {
    "Bijstandsuitkeringen IJmond": "2.800",
    "Uitkeringen P-wet (personen)": "3.681",
    "In lopend traject bij IJmond Werkt!": "738",
    "Participanten bij IJmond Werkt!": "552",
    "Frictiekosten scenario 2": "€\xa02,3 mln",
}


def test_home_key_figures_are_the_documents_figures(app_server, page):
    """The Overzicht metrics in the browser are the documents' figures, in nl-NL notation."""
    open_page(page, app_server.base_url)  # the first visit fills the fresh store
    assert_clean(page, "home")
    shown = dict(metrics(page))
    assert {k: shown.get(k) for k in KERNCIJFERS} == KERNCIJFERS, shown
    assert [label for label in shown if label.startswith("Frictiekosten")] == ["Frictiekosten scenario 2"]


# ---------------------------------------------------------------- scenario: slider and deep link


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _scenario_path(reg: dict[str, PageInfo]) -> str | None:
    return next((p for p, i in reg.items() if i.key == "scenario"), None)


def test_scenario_slider_changes_result_and_url_restores_it(sqlite_server, page, browser, monkeypatch):
    """Move a slider on the scenario page with the keyboard: the result changes and the URL
    records it; opening that URL in a new browser restores the slider and the result."""
    _paths, reg = discovered_pages(page, sqlite_server, monkeypatch)
    path = _scenario_path(reg)
    if path is None:
        pytest.fail("the app has no page with key 'scenario' (pages/scenario.py)")
    open_page(page, page_url(sqlite_server.base_url, path))
    assert_clean(page, "scenario")
    sliders = page.locator("[data-testid='stSlider'] input[type='range']")
    assert sliders.count() > 0, "the scenario page shows no slider"
    before, query_before = result_snapshot(page), _query(page)
    search_before = page.evaluate("window.location.search")
    thumb = sliders.first
    value_before = thumb.input_value()
    thumb.focus()
    thumb.press("ArrowRight")
    if thumb.input_value() == value_before:  # at the maximum: go the other way
        thumb.press("ArrowLeft")
    value_after = thumb.input_value()
    assert value_after != value_before
    assert wait_result_change(page, before), "moving the slider did not change any metric or chart"
    page.wait_for_function("q => window.location.search !== q", arg=search_before)
    wait_idle(page)
    assert_clean(page, "scenario after slider")
    after, query_after = result_snapshot(page), _query(page)
    assert query_after != query_before, "the slider is not bound to the URL"

    # a copied link in a fresh browser context shows the same state
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    try:
        other = track_console(context.new_page())
        open_page(other, page.url, charts=len(plot_data(page)))
        assert_clean(other, "scenario deep link")
        assert other.locator("[data-testid='stSlider'] input[type='range']").first.input_value() == value_after
        assert result_snapshot(other) == after
    finally:
        context.close()


def test_deep_link_restores_selection(sqlite_server, page):
    """A link with a bound selectbox value opens with that value selected and its result shown
    (Overzicht: scenario 1 has no quantified frictiekosten)."""
    open_page(page, page_url(sqlite_server.base_url, "", "overzicht_scenario=Scenario+1"))
    assert_clean(page, "home deep link")
    assert page.locator("[data-testid='stSelectbox'] input").first.input_value() == "Scenario 1"
    shown = dict(metrics(page))
    assert shown["Frictiekosten scenario 1"] == "niet gekwantificeerd"  # the raadsvoorstel gives no amount
    assert "Frictiekosten scenario 2" not in shown


def test_download_builds_the_file_on_click(sqlite_server, page):
    """Download buttons build their file only when clicked; the file is the table shown."""
    open_page(page, page_url(sqlite_server.base_url, "bronnen"))
    assert_clean(page, "bronnen")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").first.click()
    download = info.value
    assert download.suggested_filename == "datakwaliteit.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the accents
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Dataset",
        "Soort",
        "Notitie",
        "Verschil",
        "Bron",
        "Tabel of paragraaf in de bron",
        "Dataset (code)",
        "Bron (code)",
    ]
    assert len(rows) == 1 + 27  # every note of the default dataset
    berekend = {
        (r[0], r[2], float(r[3].replace(".", "").replace(",", ".")))
        for r in rows[1:]
        if r[1] == "verschil, berekend bij het inlezen"
    }
    # the documents' own arithmetic: medio 2024 inwoners 41.863 + 39.542 + 69.238 = 150.643, printed 150.533
    assert (
        "Inwoners",
        "Totaal IJmond (3 gemeenten) (150.533) is niet gelijk aan de som van de gemeenten "
        "(150.643), verschil -110 bij peildatum 30-06-2024",
        -110.0,
    ) in berekend
    assert (
        "Uitkeringen naar leeftijd en duur",
        "De uitsplitsing naar duur voor Velsen telt op tot 1.308, het "
        "aantal uitkeringen is 1.727 (niet uitgesplitst: 419)",
        -419.0,
    ) in berekend
    assert len(berekend) == 10
    assert [
        "Financieel overzicht per programma",
        "zo gelezen",
        "Het document geeft de regels over reserves twee keer, tegenstrijdig: eenmaal 'Onttrekking aan "
        "reserves 14' en eenmaal 'Toevoeging aan reserves 14'. Vastgelegd is de onttrekking, omdat alleen "
        "die lezing tot het resultaat van 123 leidt (109 + 14).",
        "",
        "Raadsinformatie en Halfjaarrapportage IJmond Werkt! 2023",
        "Overzicht baten en lasten 1e halfjaar 2023",
        "financien",
        "hjr2023_financieel",
    ] in rows
    wait_idle(page)
    assert_clean(page, "bronnen after download")


def test_chart_library_is_loaded_before_any_chart(sqlite_server, page):
    """The preload (ijmond_dash/server/voorladen.py) really runs in the browser: on a page without a
    chart (Bronnen en datakwaliteit), Plotly's chunk is fetched from the app's own server, the
    preload element takes no space, nothing is logged, and the tab title is still the app's."""
    from ijmond_dash.server import voorladen

    chunk = voorladen.plotly_chunk()
    assert chunk is not None
    open_page(page, page_url(sqlite_server.base_url, "bronnen"))
    page.wait_for_function(
        "name => performance.getEntriesByType('resource').some(e => e.name.endsWith('/static/js/' + name))",
        arg=chunk,
        timeout=30_000,
    )
    assert page.locator("[data-testid='stPlotlyChart']").count() == 0
    box = page.locator(f".st-key-{voorladen.KEY}").bounding_box()
    assert box is None  # display:none: not laid out, no gap above the title
    assert page.title() == "IJmond Werkt! dashboard"
    assert_clean(page, "bronnen with the preload")
