"""Sessies in the store (both backends): the default sessie, create/rename/add/edit/reorder/delete,
Dutch messages for bad input, one transaction per write, an audit row with the real user, and
no write without a beheerder."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util

import pytest
import sqlalchemy as sa

from ijmond_dash.store import db, loader, models, sessies
from ijmond_dash.ui import auth
from tests.conftest import ROOT

BEHEERDER = auth.Gebruiker("beheer@ijmondwerkt.nl", "beheerder", ingelogd=True)
KIJKER = auth.Gebruiker("a.de.vries@velsen.nl", "kijker", ingelogd=True)

# The default sessie as the task describes it (data/sessies.csv): literal, not read from the code.
STANDAARD = [
    ("overzicht", {}, "Overzicht"),
    ("uitkeringen", {}, "Uitkeringen per gemeente"),
    ("aanmeldingen", {}, "Aanmeldingen-trend"),
    ("fasen", {}, "Fasen re-integratie"),
    ("scenario", {"sc_scenario": "Scenario 2"}, "Scenario 2 per gemeente"),
]


def tabellen(engine) -> tuple:
    """Everything the sessies write, to compare before and after a refused write."""
    with engine.connect() as conn:
        return tuple(
            sorted(tuple(str(v) for v in r) for r in conn.execute(sa.select(t)))
            for t in (models.sessies, models.sessie_stappen, models.sessie_wijziging)
        ) + (loader.store_version(engine),)


def test_the_default_dataset_ships_the_standaard_sessie(engine):
    s = sessies.sessie(engine, "standaard")
    assert s.titel == "Standaard rondgang"
    assert [(st.pagina, st.parameters, st.titel) for st in s.stappen] == STANDAARD
    assert all(st.notitie for st in s.stappen)
    # the interface for handouts: a list of steps with pagina, parameters, notitie, titel
    stappen = sessies.stappen(engine, "standaard")
    assert [x.pagina for x in stappen] == [p for p, _, _ in STANDAARD]
    assert stappen[4].parameters == {"sc_scenario": "Scenario 2"}
    assert isinstance(stappen[0].notitie, str) and stappen[0].titel == "Overzicht"
    assert sessies.stappen(engine, "bestaat-niet") == []


def test_the_page_keys_are_the_apps_pages():
    from ijmond_dash import ui

    verwacht = {k: s.title for k, s in ui.PAGES.items() if k not in ("beheer", "sessies")}
    assert sessies.PAGINAS == verwacht
    assert list(sessies.PAGINAS) == [k for k in ui.PAGES if k in verwacht]  # navigation order
    assert all(sessies.url_pad(k) == ui.PAGES[k].url_path for k in sessies.PAGINAS)


def test_create_add_edit_reorder_delete_with_audit(fresh_engine):
    e = fresh_engine
    assert sessies.maak(e, BEHEERDER, "raad-velsen", "Raad Velsen, april") == "raad-velsen"
    assert sessies.voeg_stap_toe(e, BEHEERDER, "raad-velsen", "overzicht", "", "Begin hier.") == 1
    assert (
        sessies.voeg_stap_toe(
            e,
            BEHEERDER,
            "raad-velsen",
            "scenario",
            "sc_scenario=Scenario 3&sc_gemeente=Velsen",
            "Scenario 3.",
            "Scenario 3",
        )
        == 2
    )
    assert sessies.voeg_stap_toe(e, BEHEERDER, "raad-velsen", "fasen", {}, "") == 3
    s = sessies.sessie(e, "raad-velsen")
    assert [(x.pagina, x.titel) for x in s.stappen] == [
        ("overzicht", "Overzicht"),
        ("scenario", "Scenario 3"),
        ("fasen", "Fasen re-integratie"),
    ]
    assert s.stappen[1].parameters == {"sc_scenario": "Scenario 3", "sc_gemeente": "Velsen"}

    assert sessies.verplaats_stap(e, BEHEERDER, "raad-velsen", 3, -1) == 2
    assert [x.pagina for x in sessies.stappen(e, "raad-velsen")] == ["overzicht", "fasen", "scenario"]
    assert sessies.verplaats_stap(e, BEHEERDER, "raad-velsen", 1, 1) == 2
    assert [x.pagina for x in sessies.stappen(e, "raad-velsen")] == ["fasen", "overzicht", "scenario"]

    sessies.wijzig_stap(e, BEHEERDER, "raad-velsen", 3, "uitkeringen", "uitk_maat=per_1000", "Per 1.000.", "")
    assert sessies.stappen(e, "raad-velsen")[2] == sessies.Stap(
        "uitkeringen", {"uitk_maat": "per_1000"}, "Per 1.000.", "Uitkeringen per gemeente"
    )

    sessies.verwijder_stap(e, BEHEERDER, "raad-velsen", 1)
    assert [x.pagina for x in sessies.stappen(e, "raad-velsen")] == ["overzicht", "uitkeringen"]
    assert sessies.hernoem(e, BEHEERDER, "raad-velsen", "raad", "Raad, april") == "raad"
    assert sessies.sessie(e, "raad-velsen") is None and sessies.sessie(e, "raad").titel == "Raad, april"
    sessies.verwijder(e, BEHEERDER, "raad")
    assert sessies.sessie(e, "raad") is None
    with e.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(models.sessie_stappen)).scalar() == 5  # standaard's

    log = sessies.wijzigingen(e)
    assert [r["actie"] for r in reversed(log)] == [
        "aangemaakt",
        "stap toegevoegd",
        "stap toegevoegd",
        "stap toegevoegd",
        "volgorde gewijzigd",
        "volgorde gewijzigd",
        "stap gewijzigd",
        "stap verwijderd",
        "gewijzigd",
        "verwijderd",
    ]
    assert {r["gebruiker"] for r in log} == {"beheer@ijmondwerkt.nl"}
    assert log[-1]["omschrijving"] == "Sessie 'Raad Velsen, april' aangemaakt"
    assert log[0]["sessie"] == "raad" and log[0]["omschrijving"] == "Sessie verwijderd (2 stappen)"
    nu = dt.datetime.now(dt.UTC)
    for r in log:
        t = r["tijdstip"] if r["tijdstip"].tzinfo else r["tijdstip"].replace(tzinfo=dt.UTC)
        assert abs((nu - t).total_seconds()) < 120


@pytest.mark.parametrize(
    ("actie", "melding"),
    [
        (lambda e: sessies.maak(e, BEHEERDER, "", "Titel"), "Geef de sessie een naam; er is niets gewijzigd."),
        (lambda e: sessies.maak(e, BEHEERDER, "   ", "Titel"), "Geef de sessie een naam; er is niets gewijzigd."),
        (
            lambda e: sessies.maak(e, BEHEERDER, "Raad Velsen", "Titel"),
            "De naam 'Raad Velsen' kan niet: gebruik alleen kleine letters, cijfers, - en _",
        ),
        (
            lambda e: sessies.maak(e, BEHEERDER, "standaard", "Nog een"),
            "Er is al een sessie met de naam 'standaard'; kies een andere naam. Er is niets gewijzigd.",
        ),
        (lambda e: sessies.maak(e, BEHEERDER, "nieuw", " "), "Vul de titel in; er is niets gewijzigd."),
        (lambda e: sessies.voeg_stap_toe(e, BEHEERDER, "standaard", "geheim", ""), "Onbekende pagina 'geheim'."),
        (lambda e: sessies.voeg_stap_toe(e, BEHEERDER, "standaard", "beheer", ""), "Onbekende pagina 'beheer'."),
        (
            lambda e: sessies.voeg_stap_toe(e, BEHEERDER, "standaard", "scenario", "sc_scenario"),
            "De instellingen 'sc_scenario' zijn niet te lezen",
        ),
        (
            lambda e: sessies.voeg_stap_toe(e, BEHEERDER, "standaard", "scenario", "Sc-Scenario=2"),
            "Ongeldige instelling 'Sc-Scenario'",
        ),
        (
            lambda e: sessies.voeg_stap_toe(e, BEHEERDER, "standaard", "scenario", "presentatie=1"),
            "De instelling 'presentatie' hoort niet bij een weergave",
        ),
        (
            lambda e: sessies.voeg_stap_toe(e, BEHEERDER, "standaard", "scenario", "a=1&a=2"),
            "De instelling 'a' staat er twee keer in.",
        ),
        (
            lambda e: sessies.voeg_stap_toe(e, BEHEERDER, "onbekend", "overzicht", ""),
            "De sessie 'onbekend' bestaat niet (meer); er is niets gewijzigd.",
        ),
        (
            lambda e: sessies.wijzig_stap(e, BEHEERDER, "standaard", 6, "overzicht", ""),
            "Stap 6 bestaat niet (de sessie heeft 5 stappen); er is niets gewijzigd.",
        ),
        (
            lambda e: sessies.verplaats_stap(e, BEHEERDER, "standaard", 1, -1),
            "Stap 1 staat al bovenaan; er is niets gewijzigd.",
        ),
        (
            lambda e: sessies.verplaats_stap(e, BEHEERDER, "standaard", 5, 1),
            "Stap 5 staat al onderaan; er is niets gewijzigd.",
        ),
        (lambda e: sessies.hernoem(e, BEHEERDER, "standaard", "standaard", ""), "Vul de titel in"),
        (
            lambda e: sessies.voeg_stap_toe(e, BEHEERDER, "standaard", "overzicht", "", "x" * 2001),
            "De notitie is te lang (2001 tekens; hoogstens 2000).",
        ),
        (
            lambda e: sessies.voeg_stap_toe(e, BEHEERDER, "standaard", "overzicht", "", "a\x07b"),
            "De notitie bevat een onzichtbaar stuurteken",
        ),
    ],
)
def test_bad_input_gets_a_dutch_message_and_changes_nothing(fresh_engine, actie, melding):
    voor = tabellen(fresh_engine)
    with pytest.raises(sessies.SessieFout) as fout:
        actie(fresh_engine)
    assert str(fout.value).startswith(melding)
    assert tabellen(fresh_engine) == voor


def test_a_duplicate_name_on_rename_is_refused(fresh_engine):
    sessies.maak(fresh_engine, BEHEERDER, "tweede", "Tweede")
    voor = tabellen(fresh_engine)
    with pytest.raises(sessies.SessieFout, match="Er is al een sessie met de naam 'standaard'"):
        sessies.hernoem(fresh_engine, BEHEERDER, "tweede", "standaard", "Tweede")
    assert tabellen(fresh_engine) == voor


def test_without_a_beheerder_nothing_is_written(fresh_engine):
    voor = tabellen(fresh_engine)
    for actie in (
        lambda g: sessies.maak(fresh_engine, g, "nieuw", "Nieuw"),
        lambda g: sessies.verwijder(fresh_engine, g, "standaard"),
        lambda g: sessies.verplaats_stap(fresh_engine, g, "standaard", 2, -1),
        lambda g: sessies.wijzig_stap(fresh_engine, g, "standaard", 1, "fasen", ""),
        lambda g: sessies.verwijder_stap(fresh_engine, g, "standaard", 1),
        lambda g: sessies.voeg_stap_toe(fresh_engine, g, "standaard", "fasen", ""),
    ):
        with pytest.raises(sessies.SessieFout, match="Alleen beheerders kunnen sessies wijzigen"):
            actie(KIJKER)
    assert tabellen(fresh_engine) == voor


def test_a_write_that_fails_halfway_leaves_everything_as_it_was(fresh_engine, monkeypatch):
    """The audit row is written after the change; when it fails, the change is rolled back too."""
    voor = tabellen(fresh_engine)

    def kapot(*_a, **_k):
        raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(sessies, "_audit", kapot)
    for actie in (
        lambda: sessies.verplaats_stap(fresh_engine, BEHEERDER, "standaard", 2, -1),
        lambda: sessies.verwijder(fresh_engine, BEHEERDER, "standaard"),
        lambda: sessies.verwijder_stap(fresh_engine, BEHEERDER, "standaard", 3),
    ):
        with pytest.raises(sa.exc.OperationalError):
            actie()
        assert tabellen(fresh_engine) == voor


def test_a_write_bumps_the_store_version(fresh_engine):
    voor = loader.store_version(fresh_engine)
    sessies.verplaats_stap(fresh_engine, BEHEERDER, "standaard", 2, -1)
    assert loader.store_version(fresh_engine) == voor + 1


@pytest.mark.parametrize(
    ("link", "verwacht"),
    [
        (
            "http://127.0.0.1:8501/scenario?sc_scenario=Scenario+2&presentatie=1",
            ("scenario", {"sc_scenario": "Scenario 2"}),
        ),
        ("http://127.0.0.1:8501/", ("overzicht", {})),
        (
            "http://127.0.0.1:8501/?overzicht_scenario=Scenario%201&sessie=standaard&stap=2",
            ("overzicht", {"overzicht_scenario": "Scenario 1"}),
        ),
        (
            "https://dashboard.ijmond.nl/basis/uitkeringen?uitk_maat=per_1000",
            ("uitkeringen", {"uitk_maat": "per_1000"}),
        ),
    ],
)
def test_a_copied_link_gives_page_and_settings(link, verwacht):
    assert sessies.uit_link(link) == verwacht


def test_a_link_to_another_page_is_refused():
    with pytest.raises(sessies.SessieFout, match="Deze link hoort niet bij een pagina die een sessie kan tonen"):
        sessies.uit_link("http://127.0.0.1:8501/beheer")


def test_settings_read_with_spaces_as_shown_in_the_edit_field():
    tekst = sessies.instellingen_als_tekst({"sc_scenario": "Scenario 2", "sc_gemeente": "Velsen"})
    assert tekst == "sc_scenario=Scenario 2&sc_gemeente=Velsen"
    assert sessies.parameters_uit_tekst(tekst) == {"sc_scenario": "Scenario 2", "sc_gemeente": "Velsen"}
    assert sessies.parameters_uit_tekst("?sc_scenario=Scenario+2") == {"sc_scenario": "Scenario 2"}


def test_the_migration_copy_of_the_standaard_sessie_is_data_sessies_csv():
    pad = ROOT / "ijmond_dash" / "store" / "migrations" / "versions" / "0005_sessies.py"
    spec = importlib.util.spec_from_file_location("m0005", pad)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    with (ROOT / "data" / "sessies.csv").open(encoding="utf-8") as f:
        rijen = list(csv.DictReader(f))
    assert m.STANDAARD == (rijen[0]["sessie"], rijen[0]["sessie_titel"])
    assert m.STAPPEN == [(int(r["stap"]), r["pagina"], r["parameters"], r["titel"], r["notitie"]) for r in rijen]


def test_upgrade_from_0004_adds_the_tables_and_the_standaard_sessie(stores):
    """A store with data at 0004 gets the tables and the default sessie from migration 0005."""
    from alembic import command

    engine = db.create_engine(stores.empty_url())
    command.upgrade(db.alembic_config(engine), "0004")
    # the default dataset as a 0004 store held it: every table of the catalog
    frames, problems = loader.read_default()
    assert not problems
    from ijmond_dash.store import catalog

    with engine.begin() as conn:
        for ds in catalog.DATASETS:
            rows = loader.records(ds, frames[ds.name])
            if rows:
                conn.execute(models.DATASET_TABLES[ds.name].insert(), rows)
        conn.execute(models.store_meta.insert().values(sleutel="versie", waarde=1))
    assert db.revisie(engine) == "0004"
    db.upgrade(engine)
    assert db.revisie(engine) == db.HEAD == "0005"
    assert [(x.pagina, x.parameters, x.titel) for x in sessies.stappen(engine, "standaard")] == STANDAARD
    assert loader.store_version(engine) == 2
    assert not loader.init_store(engine)  # the store holds data: nothing loaded again
    assert len(sessies.lijst(engine)) == 1
    command.downgrade(db.alembic_config(engine), "0004")
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("sessies")
    engine.dispose()
