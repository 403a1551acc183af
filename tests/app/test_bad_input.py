"""Bad input through the app: every case is refused with a Dutch message, writes nothing and
shows no traceback (no exception element). Both backends where the store is involved.

AppTest runs a page of pages/ once on its own before app.py (it resets Streamlit's pages-folder
flag on every run), and ``ui.ensure_navigation`` reruns that first pass, which drops a button
click; ``klik`` clicks as the browser does, with that rerun left out for the one run.
"""

from __future__ import annotations

import io
import logging
import re

import openpyxl
import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit import config as st_config
from streamlit.runtime.context import ContextProxy

from ijmond_dash import ui
from ijmond_dash.imports import importers
from ijmond_dash.store import db, loader, models, queries
from ijmond_dash.store.validation import GRENS

from .helpers import APP, markdown_text, no_exception, run_page
from .test_access import assert_no_data, no_store  # noqa: F401 - fixture
from .test_beheer import NIEUW

# an unescaped Markdown link or image: '[..](' or '![' without a backslash before the bracket
LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(|(?<!\\)!(?<!\\)\[")
ZV = b"periode_begin,periode_eind,groep,realisatie,target,afwijking,landelijk,bron\n"
TRAJECT = b"client_pseudoniem,gemeente,fase,startdatum,einddatum,uitstroomreden\n"


def beheer(dataset: str | None = None):
    at = run_page("pages/beheer.py", query_params={"beheer_dataset": dataset} if dataset else None)
    no_exception(at)
    return at


def upload(at, naam: str, data: bytes):
    at.file_uploader[0].upload(naam, data, "text/csv").run()
    no_exception(at)
    return at


def klik(at, key: str, monkeypatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(ui.paginas, "ensure_navigation", lambda: None)
        at.button(key=key).click().run()
    no_exception(at)


def fouten(at) -> str:
    return "\n".join(e.value for e in at.error).replace("\\", "")  # messages are Markdown-escaped


def store(engine) -> tuple:
    with engine.connect() as conn:
        batches = conn.execute(models.import_batch.select()).all()
    return queries.row_counts(engine), loader.store_version(engine), len(batches)


def importknop(at):
    return at.button(key="beheer_importeren")


# ---------------------------------------------------------------- limits


def test_three_decimals_are_refused_on_the_page_and_the_next_import_goes_ahead(fresh_app, monkeypatch):
    voor = store(fresh_app)
    at = upload(
        beheer("Ziekteverzuim"),
        "ziekteverzuim.csv",
        ZV + b"2024-01-01,2024-06-30,sw,2.126,1.124,1.002,,hjr2023_verzuim\n",
    )
    assert "niet geïmporteerd" in fouten(at)
    problemen = at.dataframe[0].value
    assert set(problemen["Regel"]) == {GRENS} and set(problemen["Rij"].astype(str)) == {"2"}
    assert set(problemen["Bestand"]) == {"ziekteverzuim.csv"}
    assert any("kolom 'realisatie': 2,126 heeft meer dan 2 decimalen" in m for m in problemen["Melding"])
    assert importknop(at).disabled
    assert store(fresh_app) == voor
    # the next file, another dataset, is judged on its own rows and imported
    bron = queries.dataset(fresh_app, "participanten")["bron"].iloc[0]
    at = upload(
        beheer("Participanten (aanmeldingen) bij IJmond Werkt!"),
        "p.csv",
        f"peildatum,aantal,periode,bron\n2025-06-30,300,halfjaar,{bron}\n".encode(),
    )
    assert not importknop(at).disabled
    klik(at, "beheer_importeren", monkeypatch)
    assert any("is opgeslagen" in s.value for s in at.success), [e.value for e in at.error]
    assert queries.import_log(fresh_app)["dataset"].tolist() == ["participanten"]


@pytest.mark.parametrize(
    "dataset, regel, kolom",
    [
        ("Uitkeringen per gemeente", b"2024-12-31,GM0375,pwet_personen,9223372036854775808,rv2025_omvang", "aantal"),
        (
            "Percentages uit de documenten",
            b"2024-06-30,GM0375,uitkeringen_per_inwoners,10000000,rv2025_omvang",
            "percentage",
        ),
        (
            "WerkgeversServicepunt: realisatie en afspraak",
            b"2025-01-01,2025-06-30," + b"x" * 201 + b",1,5,10,50,hjr2023_wsp",
            "indicator",
        ),
    ],
)
def test_values_beyond_a_column_are_refused_before_the_click(fresh_app, dataset, regel, kolom):
    ds = next(d for d in importers.importeerbaar() if d.title == dataset)
    voor = store(fresh_app)
    at = upload(beheer(dataset), "f.csv", ",".join(ds.column_names).encode() + b"\n" + regel + b"\n")
    problemen = at.dataframe[0].value
    assert GRENS in set(problemen["Regel"]) and any(f"kolom '{kolom}'" in m for m in problemen["Melding"])
    assert importknop(at).disabled and store(fresh_app) == voor


def test_formula_cell_without_value_is_refused_on_the_page(fresh_app):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["peildatum", "gebied", "definitie", "aantal", "bron"])
    ws.append(["2024-12-31", "GM0375", "pwet_personen", "=1000", "rv2025_omvang"])
    buf = io.BytesIO()
    wb.save(buf)
    at = upload(beheer("Uitkeringen per gemeente"), "k.xlsx", buf.getvalue())
    problemen = at.dataframe[0].value
    assert problemen["Regel"].tolist() == ["formule zonder waarde"]
    assert "cel D2 bevat een formule" in problemen["Melding"].item()
    assert importknop(at).disabled


# ---------------------------------------------------------------- personal data


def test_personal_data_in_the_pseudonym_is_refused_and_never_shown(fresh_app):
    waarden = ["Jan de Vries", "jan.devries@velsen.nl", "06-12345678", "1971 AB 12", "12-03-1985"]
    data = TRAJECT + b"".join(f"{w},GM0453,Kennismaking,2023-0{i + 1}-01,,\n".encode() for i, w in enumerate(waarden))
    voor = store(fresh_app)
    at = upload(beheer("Trajecten per cliënt (gepseudonimiseerd)"), "t.csv", data)
    assert "niet geïmporteerd" in fouten(at)
    assert "Nieuwe rijen" not in markdown_text(at) and importknop(at).disabled
    getoond = markdown_text(at) + "".join(df.value.to_csv() for df in at.dataframe)
    assert "persoonsgegevens" in getoond
    for w in waarden:
        assert w not in getoond.replace("\\", ""), w
    assert store(fresh_app) == voor


# ---------------------------------------------------------------- Markdown from URLs and imports


def test_link_notice_shows_url_keys_literally(app_env):
    at = run_page("pages/bronnen.py", {"[Klik hier](https://evil.example)": "1", "![x](http://host/p.png)": "1"})
    no_exception(at)
    [notice] = [i.value for i in at.info if "De link bevatte" in i.value]
    assert "Klik hier" in notice and "evil" in notice
    assert not LINK.search(notice), notice


def test_bronnen_page_shows_an_imported_tabel_literally(fresh_app):
    payload = "[Klik](https://evil.example) ![x](http://host/p.png) <img src=x onerror=alert(1)>"
    # a new document (its title a payload too), then a bron citing it with a payload as its tabel
    doc = (
        "bestand,titel,soort,organisatie,jaar,datum,datering\n"
        f'"rapport [x](https://evil.example).pdf","Rapport {payload}",rapport,IJmond Werkt!,2025,,\n'
    ).encode()
    importers.importeren(fresh_app, importers.voorbereiden(fresh_app, "documenten", "d.csv", doc), doc, "beheer@test")
    data = (
        f'code,document,tabel,toelichting\nnieuw2025,"rapport [x](https://evil.example).pdf","{payload}",\n'
    ).encode()
    v = importers.voorbereiden(fresh_app, "bronnen", "b.csv", data)
    assert v.geldig, v.problemen
    importers.importeren(fresh_app, v, data, "beheer@test")
    at = run_page("pages/bronnen.py")
    no_exception(at)
    tekst = "\n".join(m.value for m in at.markdown)
    assert "Klik" in tekst and "evil" in tekst
    assert not LINK.search(tekst), [m for m in tekst.splitlines() if "evil" in m]
    assert "<img" not in tekst


def test_beheer_page_shows_file_names_and_messages_literally(fresh_app):
    at = upload(
        beheer("Uitkeringen per gemeente"),
        "[klik](https://evil.example).csv",
        NIEUW.replace(b"pwet_personen", b"[x](https://evil.example)"),
    )
    getoond = markdown_text(at)
    assert "evil" in getoond and not LINK.search(getoond), [r for r in getoond.splitlines() if "evil" in r]


# ---------------------------------------------------------------- preview warning


def test_notes_warning_only_when_there_is_a_note_for_this_file(fresh_app):
    at = upload(beheer("Uitkeringen per gemeente"), "u.csv", NIEUW)
    assert not at.warning  # a valid file without notes: no empty list
    at = upload(beheer("Uitkeringen per gemeente"), "u.csv", NIEUW.replace(b"GM0396", b"GM9999"))
    assert not at.warning  # a refused file: nothing is stored, so no notes either
    data = (
        b"peildatum,gebied,aantal,bron\n2025-01-01,GM0375,40000,rv2025_omvang\n2025-01-01,GM0396,39000,"
        b"rv2025_omvang\n2025-01-01,GM0453,68000,rv2025_omvang\n2025-01-01,IJMOND,147010,rv2025_omvang\n"
    )
    at = upload(beheer("Inwoners"), "i.csv", data)
    [waarschuwing] = [w.value for w in at.warning]
    regels = [r for r in waarschuwing.splitlines() if r.startswith("- ")]
    assert regels and any("147" in r for r in regels)


# ---------------------------------------------------------------- writes that meet each other


def test_second_import_while_one_holds_the_lock_gets_the_dutch_message(fresh_app, monkeypatch):
    at = upload(beheer("Uitkeringen per gemeente"), "u.csv", NIEUW)
    voor = store(fresh_app)
    conn = fresh_app.connect()
    trans = conn.begin()
    t = models.store_meta
    conn.execute(t.update().where(t.c.sleutel == "versie").values(waarde=t.c.waarde))
    try:
        klik(at, "beheer_importeren", monkeypatch)
    finally:
        trans.rollback()
        conn.close()
    assert "Er loopt al een import" in fouten(at) and "Er is niets geïmporteerd." in fouten(at)
    assert "locked" not in markdown_text(at) and "OperationalError" not in markdown_text(at)
    assert store(fresh_app) == voor


def test_undo_that_would_break_citations_is_refused_on_the_page(fresh_app, monkeypatch):
    doc = (
        b"bestand,titel,soort,organisatie,jaar,datum,datering\n"
        b"halfjaarrapportage_2024.pdf,Halfjaarrapportage IJmond Werkt! 2024,rapportage,IJmond Werkt!,2024,,\n"
    )
    importers.importeren(fresh_app, importers.voorbereiden(fresh_app, "documenten", "d.csv", doc), doc, "b")
    bron = b"code,document,tabel,toelichting\nhjr2024,halfjaarrapportage_2024.pdf,Fasen,\n"
    citeert = (
        "peildatum,gebied,definitie,aantal,bron\n"
        + "".join(
            f"2023-12-31,{g},bijstand_excl_aow,{n},hjr2024\n"
            for g, n in (("GM0375", 830), ("GM0396", 700), ("GM0453", 1250), ("IJMOND", 2780))
        )
    ).encode()
    b1 = importers.importeren(fresh_app, importers.voorbereiden(fresh_app, "bronnen", "b.csv", bron), bron, "b")
    b2 = importers.importeren(
        fresh_app, importers.voorbereiden(fresh_app, "uitkeringen", "u.csv", citeert), citeert, "b"
    )
    voor = store(fresh_app)
    at = beheer()
    at.selectbox(key="beheer_ongedaan").set_value(b1).run()
    at.checkbox(key="beheer_zeker").check().run()
    klik(at, "beheer_ongedaan_knop", monkeypatch)
    assert f"Import #{b1} kan niet ongedaan worden gemaakt" in fouten(at)
    assert f"Maak eerst import #{b2} ongedaan" in fouten(at)
    assert store(fresh_app) == voor


# ---------------------------------------------------------------- start-up errors


@pytest.fixture
def sqlite_env(monkeypatch, tmp_path):
    from tests.conftest import ROOT

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(ROOT)
    return tmp_path


def startfout(at) -> str:
    no_exception(at)
    assert not at.metric and not at.get("plotly_chart")
    return fouten(at)


def test_corrupt_sqlite_file_names_the_file_and_the_setting(sqlite_env, monkeypatch):
    pad = sqlite_env / "ijmond.sqlite"
    pad.write_bytes(b"kapot " * 1000)
    monkeypatch.setenv("IJMOND_SQLITE_PATH", str(pad))
    melding = startfout(run_page())
    assert "beschadigd" in melding and "IJMOND_SQLITE_PATH" in melding and "DATABASE_URL" not in melding


def test_read_only_checkout_names_the_setting(sqlite_env, monkeypatch):
    from pathlib import Path

    monkeypatch.setenv("IJMOND_SQLITE_PATH", str(sqlite_env / "nieuw" / "ijmond.sqlite"))
    echt = Path.mkdir

    def mkdir(self, *a, **k):
        if "nieuw" in str(self):
            raise OSError(30, "Read-only file system", str(self))
        return echt(self, *a, **k)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    melding = startfout(run_page())
    assert "alleen-lezen bestandssysteem" in melding and "IJMOND_SQLITE_PATH" in melding


def test_unknown_migration_revision_in_the_app(stores, monkeypatch):
    from tests.conftest import ROOT

    url = stores.loaded_url()
    engine = db.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    melding = startfout(run_page())
    assert "schemaversie '0099'" in melding and "DATABASE_URL" in melding


def test_small_number_threshold_below_minimum_stops_the_app(app_env, monkeypatch):
    for waarde in ("0", "1", "3"):
        monkeypatch.setenv("IJMOND_KLEINE_AANTALLEN", waarde)
        melding = startfout(run_page("pages/fasen.py"))
        assert "IJMOND_KLEINE_AANTALLEN" in melding and "minstens 5" in melding


# ---------------------------------------------------------------- who is beheerder without login


def nav_heeft_beheer(at) -> bool:
    try:
        at.switch_page("pages/beheer.py")
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("verzoek", ["proxy", "forwarded", "adres", "luisteradres", "instelling"])
def test_local_beheer_is_off_behind_a_proxy_or_off_loopback(app_env, monkeypatch, verzoek):
    """The UI path decides from the real request: a forwarded header, a client that is not on
    this machine, a server that listens elsewhere or the setting switches local beheer off."""
    if verzoek == "proxy":
        monkeypatch.setattr(ContextProxy, "headers", property(lambda self: {"X-Forwarded-For": "203.0.113.9"}))
    elif verzoek == "forwarded":
        monkeypatch.setattr(ContextProxy, "headers", property(lambda self: {"Forwarded": "for=203.0.113.9"}))
    elif verzoek == "adres":
        monkeypatch.setattr(ContextProxy, "ip_address", property(lambda self: "203.0.113.9"))
    elif verzoek == "luisteradres":
        echt = st.get_option
        monkeypatch.setattr(st, "get_option", lambda k: "0.0.0.0" if k == "server.address" else echt(k))
    else:
        monkeypatch.setenv("IJMOND_LOKAAL_BEHEER", "uit")
    at = run_page()
    no_exception(at)
    assert not nav_heeft_beheer(at)
    # and the page itself, run on its own, refuses
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    page = AppTest.from_file(str(ROOT / "pages" / "beheer.py"), default_timeout=60)
    page.run()
    assert any("Alleen beheerders" in e.value for e in page.error) and not page.get("file_uploader")


def test_local_beheer_on_a_laptop(app_env):
    at = run_page()
    assert nav_heeft_beheer(at)


# ---------------------------------------------------------------- a broken secrets file


def test_broken_secrets_file_fails_closed(no_store, tmp_path, caplog):  # noqa: F811 - fixture
    kapot = tmp_path / "secrets.toml"
    kapot.write_text('[auth]\nredirect_uri = "https://x/oauth2callback"\ncookie_secret = \n')
    echt = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(kapot)])
    st.secrets._reset()
    try:
        with caplog.at_level(logging.ERROR, logger="ijmond_dash.ui"):
            from streamlit.testing.v1 import AppTest

            at = AppTest.from_file(APP, default_timeout=60)
            at.run()
            assert_no_data(at)
            for page in ("pages/overzicht.py", "pages/beheer.py", "pages/bronnen.py"):
                with pytest.raises(ValueError):
                    at.switch_page(page)
    finally:
        st_config.set_option("secrets.files", echt)
        st.secrets._reset()
    assert "toegangsinstellingen" in fouten(at) and not at.button
    assert no_store == []  # no engine, so no query
    assert any(str(kapot) in r.getMessage() for r in caplog.records)


def test_no_secrets_file_is_the_laptop_default(app_env, tmp_path):
    echt = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(tmp_path / "bestaat-niet.toml")])
    st.secrets._reset()
    try:
        at = run_page()
    finally:
        st_config.set_option("secrets.files", echt)
        st.secrets._reset()
    no_exception(at)
    assert at.metric and nav_heeft_beheer(at)


def test_error_details_are_hidden_in_the_laptop_default_too():
    import tomllib

    from tests.conftest import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
