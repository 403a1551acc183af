"""The Gegevens beheren page as its user meets it: who may import, and undo only after the
confirmation (issue 20: bugs that survived the pure-function tests). Both backends."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ijmond_dash.imports import importers
from ijmond_dash.store import loader, queries

from .helpers import APP, no_exception, run_page
from .test_beheer import NIEUW


def server_address(monkeypatch, adres: str) -> None:
    """The address the server listens on, as ``st.get_option`` reports it to the app."""
    echt = st.get_option
    monkeypatch.setattr(st, "get_option", lambda key: adres if key == "server.address" else echt(key))


@pytest.mark.parametrize("adres", ["0.0.0.0", "192.168.1.20", "", None])
def test_no_local_beheer_when_the_server_listens_beyond_loopback(app_env, monkeypatch, adres):
    """Bug: the UI passed '127.0.0.1' to auth.configuratie whatever the real address."""
    server_address(monkeypatch, adres)
    at = run_page()
    no_exception(at)
    with pytest.raises(ValueError):  # not in the navigation for a non-beheerder
        at.switch_page("pages/beheer.py")
    page = AppTest.from_file(APP.replace("app.py", "pages/beheer.py"), default_timeout=60)
    page.run()
    assert any("Alleen beheerders" in e.value for e in page.error)
    assert not page.get("file_uploader")


@pytest.mark.parametrize("adres", ["127.0.0.1", "localhost", "::1"])
def test_local_beheer_on_a_loopback_server(app_env, monkeypatch, adres):
    server_address(monkeypatch, adres)
    at = run_page("pages/beheer.py")
    no_exception(at)
    assert at.get("file_uploader") and not at.error


@pytest.fixture
def clicks(monkeypatch):
    """Clicks that survive, as in a running server.

    AppTest resets Streamlit's "pages/ folder mode" flag before every run, so every run would
    start in that mode and ``ui.ensure_navigation`` would rerun it through app.py, dropping the
    click of that run (a real server leaves the mode once, after its first run). Here each
    run's PagesManager starts in navigation mode, as a server's does after its first run; the
    app itself is unchanged (app.py, its shell and st.navigation run every time).
    """
    from streamlit.testing.v1 import app_test

    class NavigatieModus(app_test.PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            app_test.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", NavigatieModus)


def beheer_pagina(**kwargs) -> AppTest:
    at = run_page("pages/beheer.py", query_params={"beheer_dataset": "Uitkeringen per gemeente"}, **kwargs)
    no_exception(at)
    return at


def test_import_page_as_a_user_drives_it(fresh_app, clicks):
    """Upload, preview, Importeren, audit row, undo with its confirmation, uploader reset."""
    e = fresh_app
    at = beheer_pagina()
    at.file_uploader[0].upload("kwartaal.csv", NIEUW, "text/csv").run()
    no_exception(at)
    assert {m.label: m.value for m in at.metric} == {"Nieuwe rijen": "4", "Gewijzigde rijen": "0", "Ongewijzigd": "0"}
    voorbeeld = at.dataframe[0].value
    # the new rows as the pages show them: names and words, the source by title and table
    definitie, bron = (
        "uitkeringen P-wet, personen (medio 2024)",
        "Raadsvoorstel Scenariokeuze herontwerp re-integratiedienstverlening, 2025",
    )
    assert voorbeeld.astype(str).values.tolist() == [
        ["31-12-2024", "Beverwijk", definitie, "1.000", bron, "Data medio 2024: Omvang"],
        ["31-12-2024", "Heemskerk", definitie, "900", bron, "Data medio 2024: Omvang"],
        ["31-12-2024", "Velsen", definitie, "1.700", bron, "Data medio 2024: Omvang"],
        ["31-12-2024", "IJmond (3 gemeenten)", definitie, "3.600", bron, "Data medio 2024: Omvang"],
    ]
    assert "GM0375" not in voorbeeld.to_string() and "rv2025_omvang" not in voorbeeld.to_string()
    assert "Het bestand is gecontroleerd en kan worden geïmporteerd." in [s.value for s in at.success]
    assert queries.import_log(e).empty  # a preview writes nothing

    at.button(key="beheer_importeren").click().run()
    no_exception(at)
    assert [s.value for s in at.success] == [
        "Import #1 is opgeslagen: 4 rijen toegevoegd, 0 gewijzigd. Alle pagina's tonen nu de nieuwe cijfers."
    ]
    # the uploader is empty again (a new widget), so the same file is not offered twice
    assert [u.key for u in at.file_uploader] == ["beheer_bestand_1"] and at.file_uploader[0].value is None
    assert not at.get("metric")
    log = at.dataframe[-1].value
    assert log[["Import", "Door", "Dataset", "Bestand", "Toegevoegd", "Gewijzigd", "Status"]].values.tolist() == [
        ["#1", "lokale beheerder", "Uitkeringen per gemeente", "kwartaal.csv", "4", "0", "actief"]
    ]
    assert log["SHA-256"].item() == hashlib.sha256(NIEUW).hexdigest()
    uitk = queries.dataset(e, "uitkeringen")
    nieuw = uitk[uitk["peildatum"] == dt.date(2024, 12, 31)].sort_values("gebied")
    assert nieuw[["gebied", "aantal"]].values.tolist() == [
        ["GM0375", 1000],
        ["GM0396", 900],
        ["GM0453", 1700],
        ["IJMOND", 3600],
    ]
    # every page shows the new figure: the Overzicht's P-wet card
    assert {m.label: m.value for m in run_page().metric}["Uitkeringen P-wet (personen)"] == "3.600"

    # undo: only after the confirmation
    at = beheer_pagina()
    knop = at.button(key="beheer_ongedaan_knop")
    assert knop.disabled and at.checkbox(key="beheer_zeker").value is False
    with pytest.raises(Exception, match="disabled"):  # AppTest, as a browser, cannot click it
        knop.click()
    at.checkbox(key="beheer_zeker").check().run()
    assert not at.button(key="beheer_ongedaan_knop").disabled
    at.button(key="beheer_ongedaan_knop").click().run()
    no_exception(at)
    assert [s.value for s in at.success] == ["Import #1 is ongedaan gemaakt."]
    status = at.dataframe[-1].value["Status"].item()
    assert status.startswith("ongedaan gemaakt ") and status.endswith(" door lokale beheerder")
    assert queries.import_log(e)["ongedaan_gemaakt_door"].tolist() == ["lokale beheerder"]
    uitk = queries.dataset(e, "uitkeringen")
    assert not (uitk["peildatum"] == dt.date(2024, 12, 31)).any()
    assert {m.label: m.value for m in run_page().metric}["Uitkeringen P-wet (personen)"] == "3.681"


def test_import_page_shows_row_messages_and_imports_nothing(fresh_app, clicks):
    e = fresh_app
    voor = (queries.row_counts(e), loader.store_version(e))
    at = beheer_pagina()
    at.file_uploader[0].upload("fout.csv", NIEUW.replace(b"GM0396", b"GM9999"), "text/csv").run()
    assert [x.value for x in at.error] == ["Dit bestand wordt niet geïmporteerd: 1 probleem. Er is niets opgeslagen."]
    assert "**fout.csv, rij 3** — onbekende gemeente of regio" in at.markdown[-1].value
    assert at.button(key="beheer_importeren").disabled
    assert (queries.row_counts(e), loader.store_version(e)) == voor


def test_a_failing_write_shows_a_dutch_message_and_keeps_the_file(fresh_app, clicks, monkeypatch):
    e = fresh_app
    at = beheer_pagina()
    at.file_uploader[0].upload("kwartaal.csv", NIEUW, "text/csv").run()
    voor = (queries.row_counts(e), loader.store_version(e))

    def stroomstoring(conn):
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(importers.loader, "bump_version", stroomstoring)
    at.button(key="beheer_importeren").click().run()
    monkeypatch.undo()
    no_exception(at)
    assert [x.value for x in at.error] == [
        "De import is mislukt door een onverwachte fout; er is niets geïmporteerd. Probeer het opnieuw of neem "
        "contact op met de beheerder van het dashboard (de fout staat in het logboek van de server)."
    ]
    assert (queries.row_counts(e), loader.store_version(e)) == voor
    assert [u.key for u in at.file_uploader] == ["beheer_bestand_0"]  # the file stays for another try
    assert queries.import_log(e).empty


def test_audit_names_the_logged_in_beheerder(fresh_app, clicks):
    """Bug: the page recorded the user as 'onbekend'. With a login, the beheerder's e-mail."""
    from .test_access import BEHEERDER, SECRETS

    e = fresh_app
    at = beheer_pagina(secrets=SECRETS, user=BEHEERDER)
    at.file_uploader[0].upload("kwartaal.csv", NIEUW, "text/csv").run()
    at.button(key="beheer_importeren").click().run()
    no_exception(at)
    assert at.dataframe[-1].value["Door"].tolist() == ["beheer@ijmondwerkt.nl"]
    at.checkbox(key="beheer_zeker").check().run()
    at.button(key="beheer_ongedaan_knop").click().run()
    assert queries.import_log(e)[["gebruiker", "ongedaan_gemaakt_door"]].values.tolist() == [
        ["beheer@ijmondwerkt.nl", "beheer@ijmondwerkt.nl"]
    ]
