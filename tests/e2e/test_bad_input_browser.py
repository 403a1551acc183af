"""Bad input as the browser renders it: Markdown from a URL or an import shows as text (no link
to another site, no image fetched), local beheer is off for a request that passed a proxy, and
the upload limit the server enforces is the one the page states.

Its own server on its own SQLite store: these tests import into it.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from ijmond_dash import limieten
from ijmond_dash.imports import importers
from ijmond_dash.store import db, loader

from .browser import nav_links, open_page, wait_idle
from .conftest import START_TIMEOUT_S, start_streamlit, stop_streamlit, track_console, wait_healthy

EVIL = "evil.example"


@pytest.fixture(scope="module")
def eigen_server(tmp_path_factory, chromium_path):
    map_ = tmp_path_factory.mktemp("bad_input")
    url = f"sqlite:///{map_ / 'ijmond.sqlite'}"
    engine = db.create_engine(url)
    loader.init_store(engine)
    proc, base = start_streamlit("app.py", {"DATABASE_URL": url}, map_ / "server.log")
    try:
        wait_healthy(base, proc, START_TIMEOUT_S, map_ / "server.log")
        yield base, engine
    finally:
        stop_streamlit(proc)
        engine.dispose()


def links_naar_buiten(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-testid='stMain'] a[href]", "els => els.map(e => e.href).filter(h => !h.startsWith(location.origin))"
    )


def afbeeldingen(page) -> list[str]:
    return page.eval_on_selector_all("[data-testid='stMain'] img", "els => els.map(e => e.src)")


def buiten_verzoeken(page) -> list[str]:
    """Requests to the attacker's host (the page's own URL holds its name in the query)."""
    return [u for u in page.requests if EVIL in (urlsplit(u).hostname or "")]


def test_link_notice_renders_url_keys_as_text(eigen_server, page):
    base, _ = eigen_server
    sleutels = [
        "[Klik hier](https://evil.example)",
        "![x](http://evil.example/p.png)",
        "www.evil.example",
        "<img src=http://evil.example/p.png>",
    ]
    query = "&".join(f"{quote(k, safe='')}=1" for k in sleutels)
    open_page(page, f"{base}/bronnen?{query}")
    page.wait_for_selector("text=De link bevatte", timeout=30_000)
    melding = page.locator("[data-testid='stAlertContentInfo']").filter(has_text="De link bevatte").inner_text()
    melding = melding.replace("\u2060", "")  # the invisible word joiners of formatting.md_escape
    assert "[Klik hier](https://evil.example)" in melding and "![x](http://evil.example/p.png)" in melding
    assert not links_naar_buiten(page), links_naar_buiten(page)
    assert not [s for s in afbeeldingen(page) if EVIL in s or "p.png" in s]
    assert not buiten_verzoeken(page)


def test_imported_bron_renders_as_text_on_the_bronnen_page(eigen_server, page):
    base, engine = eigen_server
    payload = (
        "[Klik](https://evil.example) ![x](http://evil.example/p.png) www.evil.example "
        "jan@evil.example <b>vet</b> :red[rood] :material/home: $x^2$"
    )
    doc = (
        "bestand,titel,soort,organisatie,jaar,datum,datering\n"
        f'rapport_2025.pdf,"Rapport {payload}",rapport,IJmond Werkt!,2025,,\n'
    ).encode()
    data = (f'code,document,tabel,toelichting\nnieuw2025,rapport_2025.pdf,"{payload}",\n').encode()
    d = importers.voorbereiden(engine, "documenten", "d.csv", doc)
    assert d.geldig, d.problemen
    doc_batch = importers.importeren(engine, d, doc, "e2e")
    v = importers.voorbereiden(engine, "bronnen", "b.csv", data)
    assert v.geldig, v.problemen
    batch = importers.importeren(engine, v, data, "e2e")
    try:
        open_page(page, f"{base}/bronnen")
        page.wait_for_selector("text=vet", timeout=30_000)
        tekst = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
        for letterlijk in ("[Klik](https://evil.example)", "<b>vet</b>", ":red[rood]", ":material/home:", "$x^2$"):
            assert letterlijk in tekst, letterlijk
        assert not links_naar_buiten(page), links_naar_buiten(page)
        assert not [s for s in afbeeldingen(page) if EVIL in s or "p.png" in s]
        assert not buiten_verzoeken(page)
    finally:
        importers.ongedaan_maken(engine, batch, "e2e")
        importers.ongedaan_maken(engine, doc_batch, "e2e")


def test_local_beheer_is_off_for_a_request_through_a_proxy(eigen_server, browser):
    base, _ = eigen_server
    for headers, beheer in (
        ({}, True),
        ({"X-Forwarded-For": "203.0.113.9"}, False),
        ({"Forwarded": "for=203.0.113.9;proto=https"}, False),
    ):
        context = browser.new_context(
            viewport={"width": 1366, "height": 768}, locale="nl-NL", extra_http_headers=headers
        )
        pg = track_console(context.new_page())
        try:
            open_page(pg, base)
            assert ("beheer" in nav_links(pg)) is beheer, headers
            if not beheer:  # also not by typing the page's address
                open_page(pg, f"{base}/beheer")
                assert not pg.locator("[data-testid='stFileUploader']").count()
        finally:
            context.close()


def test_upload_limit_is_the_one_the_page_states(eigen_server, page):
    base, _ = eigen_server
    open_page(page, f"{base}/beheer")
    uploader = page.locator("[data-testid='stFileUploader']")
    tekst = uploader.inner_text()
    assert f"hoogstens {limieten.BESTAND_MB} MB" in tekst
    assert f"{limieten.BESTAND_MB}MB" in tekst.replace(" ", "")  # Streamlit's own "Limit 5MB per file"
    assert "200MB" not in tekst.replace(" ", "")


def test_refused_file_on_the_page_shows_no_traceback(eigen_server, page, tmp_path):
    base, engine = eigen_server
    open_page(page, f"{base}/beheer?beheer_dataset=Ziekteverzuim")
    bestand = tmp_path / "ziekteverzuim.csv"
    bestand.write_text(
        "periode_begin,periode_eind,groep,realisatie,target,afwijking,landelijk,bron\n"
        "2024-01-01,2024-06-30,sw,2.126,1.124,1.002,,hjr2023_verzuim\n"
    )
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bestand))
    page.wait_for_selector("text=Dit bestand wordt niet geïmporteerd", timeout=30_000)
    wait_idle(page)
    assert not page.locator("[data-testid='stException']").count()
    assert page.get_by_role("button", name="Importeren").is_disabled()
    assert not page.locator("[data-testid='stAlertContentWarning']").count()  # no empty notes list
