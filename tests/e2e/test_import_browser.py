"""The Gegevens beheren page driven in chromium as a beheerder drives it: upload, preview,
Importeren, the audit row with the real user, undo with its confirmation, the uploader empty
again, and the message for a refused file. Its own server per backend (these tests write)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from ijmond_dash.store import db, loader, queries
from tests.conftest import StoreFactory

from .browser import open_page, wait_idle
from .conftest import START_TIMEOUT_S, start_streamlit, stop_streamlit, wait_healthy

NIEUW = (
    "peildatum,gebied,definitie,aantal,bron\n"
    "2024-12-31,GM0375,pwet_personen,1000,rv2025_omvang\n"
    "2024-12-31,GM0396,pwet_personen,900,rv2025_omvang\n"
    "2024-12-31,GM0453,pwet_personen,1700,rv2025_omvang\n"
    "2024-12-31,IJMOND,pwet_personen,3600,rv2025_omvang\n"
)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def import_server(request, tmp_path_factory, chromium_path):
    factory = StoreFactory(request.param, tmp_path_factory)
    url = factory.empty_url()
    engine = db.create_engine(url)
    loader.init_store(engine)
    log = tmp_path_factory.mktemp(f"import_{request.param}") / "server.log"
    proc, base = start_streamlit("app.py", {"DATABASE_URL": url}, log)
    try:
        wait_healthy(base, proc, START_TIMEOUT_S, log)
        yield base, engine
    finally:
        stop_streamlit(proc)
        engine.dispose()
        factory.cleanup()


def upload(page, pad: Path) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(pad))


def metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(has_text=label)
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def importgeschiedenis(page) -> list[dict[str, str]]:
    """The audit log as its own CSV download gives it (the table on screen is a canvas)."""
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").last.click()
    data = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data), delimiter=";"))


def test_import_and_undo_in_the_browser(import_server, page, tmp_path):
    base, engine = import_server
    open_page(page, f"{base}/beheer?beheer_dataset=Uitkeringen+per+gemeente")
    bestand = tmp_path / "kwartaal.csv"
    bestand.write_text(NIEUW, encoding="utf-8")

    # a refused file first: the reasons, nothing to import, nothing written
    fout = tmp_path / "fout.csv"
    fout.write_text(NIEUW.replace("GM0396", "GM9999"), encoding="utf-8")
    upload(page, fout)
    page.wait_for_selector("text=Dit bestand wordt niet geïmporteerd: 1 probleem", timeout=30_000)
    wait_idle(page)
    assert "onbekende gemeente of regio" in page.locator("[data-testid='stMain']").inner_text()
    assert page.get_by_role("button", name="Importeren").is_disabled()
    assert queries.import_log(engine).empty

    # the good file: preview, then Importeren
    upload(page, bestand)
    page.wait_for_selector("text=Het bestand is gecontroleerd en kan worden geïmporteerd.", timeout=30_000)
    wait_idle(page)
    assert (metric(page, "Nieuwe rijen"), metric(page, "Gewijzigde rijen"), metric(page, "Ongewijzigd")) == (
        "4",
        "0",
        "0",
    )
    page.get_by_role("button", name="Importeren").click()
    page.wait_for_selector("text=Import #1 is opgeslagen: 4 rijen toegevoegd, 0 gewijzigd.", timeout=60_000)
    wait_idle(page)
    # the uploader is empty again: no file listed, no preview
    assert not page.locator("[data-testid='stFileUploaderFile']").count()
    assert not page.locator("text=Voorvertoning").count()
    rijen = importgeschiedenis(page)
    assert [(r["Import"], r["Door"], r["Dataset"], r["Bestand"], r["Toegevoegd"], r["Status"]) for r in rijen] == [
        ("#1", "lokale beheerder", "Uitkeringen per gemeente", "kwartaal.csv", "4", "actief")
    ]
    log = queries.import_log(engine)
    assert log["gebruiker"].tolist() == ["lokale beheerder"]
    uitk = queries.dataset(engine, "uitkeringen")
    assert sorted(uitk[uitk["peildatum"].astype(str) == "2024-12-31"]["aantal"].tolist()) == [900, 1000, 1700, 3600]

    # undo: the button waits for the confirmation
    knop = page.get_by_role("button", name="Ongedaan maken")
    assert knop.is_disabled()
    page.get_by_text("Ja, maak deze import in zijn geheel ongedaan").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some(b => b.innerText.includes('Ongedaan maken') && !b.disabled)"
    )
    knop.click()
    page.wait_for_selector("text=Import #1 is ongedaan gemaakt.", timeout=60_000)
    wait_idle(page)
    status = importgeschiedenis(page)[0]["Status"]
    assert status.startswith("ongedaan gemaakt ") and status.endswith(" door lokale beheerder")
    assert queries.import_log(engine)["ongedaan_gemaakt_door"].tolist() == ["lokale beheerder"]
    uitk = queries.dataset(engine, "uitkeringen")
    assert not (uitk["peildatum"].astype(str) == "2024-12-31").any()
    assert not page.locator("[data-testid='stException']").count()
