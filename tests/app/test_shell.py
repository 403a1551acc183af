"""The shared app shell: page registry and navigation, page links, the tab icon, lazy downloads."""

from __future__ import annotations

import base64
import io
import sys
import textwrap
from pathlib import Path

import openpyxl
import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.testing.v1 import AppTest

from ijmond_dash import ui
from ijmond_dash.analysis import woorden
from ijmond_dash.store import catalog, db, queries
from ijmond_dash.ui import export

from .helpers import APP, Downloads, no_exception, run_page
from .test_access import KIJKER, ONBEKEND, SECRETS

ROOT = Path(APP).parent


def _record_navigation(monkeypatch) -> list[list[StreamlitPage]]:
    """Every call of st.navigation: the page objects it got, one list per script run."""
    runs: list[list[StreamlitPage]] = []
    real = st.navigation

    def navigation(pages, **kwargs):
        groups = pages.values() if isinstance(pages, dict) else [pages]
        runs.append([p for group in groups for p in group])
        return real(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", navigation)
    return runs


def _module_level_pages() -> list[str]:
    """st.Page objects reachable from the globals of our modules (two levels deep)."""
    found = []
    for name, module in list(sys.modules.items()):
        if not (name == "ijmond_dash" or name.startswith("ijmond_dash.")):
            continue
        for attr, value in vars(module).items():
            values = [value]
            if isinstance(value, dict):
                values += list(value.values())
            elif isinstance(value, (list, tuple, set)):
                values += list(value)
            if any(isinstance(v, StreamlitPage) for v in values):
                found.append(f"{name}.{attr}")
    return found


def test_two_sessions_never_share_page_objects(app_env, monkeypatch):
    """st.Page objects belong to one session: a process-wide registry of them let one session
    navigate with another session's pages ('This page cannot be called directly'). Within a
    session they are made once and reused (ui.pagina_objecten)."""
    runs = _record_navigation(monkeypatch)
    a = run_page()
    b = run_page("pages/bronnen.py")  # a second session, on another page (two runs)
    a.run()  # and the first session again
    no_exception(a)
    no_exception(b)
    assert len(runs) == 4
    sessie_a, sessie_b = runs[0] + runs[3], runs[1] + runs[2]
    assert not any(p is q for p in sessie_a for q in sessie_b), "a page object was used by two sessions"
    assert all(p is q for p, q in zip(runs[0], runs[3], strict=True))  # made once per session
    assert all(p is q for p, q in zip(runs[1], runs[2], strict=True))
    assert _module_level_pages() == []  # nothing a concurrent session could pick up
    assert all(isinstance(s, ui.PageSpec) for s in ui.PAGES.values())


def test_page_objects_are_made_again_when_the_role_changes(app_env, tmp_path):
    (tmp_path / "pages").symlink_to(ROOT / "pages")  # st.Page resolves paths next to the main script
    (tmp_path / "rol.py").write_text(
        textwrap.dedent("""
        import streamlit as st

        from ijmond_dash import ui

        beheerder = ui.pagina_objecten(True)
        again = ui.pagina_objecten(True)
        kijker = ui.pagina_objecten(False)
        st.write(f"zelfde={again is beheerder}")
        st.write(f"groepen={','.join(kijker)}")
        st.write(f"gedeeld={any(p is q for g in kijker.values() for p in g for q in beheerder['Dashboard'])}")
        st.write(f"terug={ui.pagina_objecten(True) is kijker}")
    """)
    )
    at = AppTest.from_file(str(tmp_path / "rol.py"), default_timeout=60)
    at.run()
    no_exception(at)
    assert [m.value for m in at.markdown] == [
        "zelfde=True",
        "groepen=Dashboard,Herontwerp,Verantwoording,Presenteren",
        "gedeeld=False",
        "terug=False",
    ]


def test_registry_matches_the_navigation_and_the_pages_folder(app_env, monkeypatch):
    runs = _record_navigation(monkeypatch)
    no_exception(run_page())
    shown = {p.url_path: p.title for p in runs[-1]}
    assert shown == {s.url_path: s.title for s in ui.PAGES.values()}  # laptop default: beheerder, all pages
    assert sorted(s.path for s in ui.PAGES.values()) == sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")
    )
    assert [s.key for s in ui.PAGES.values() if s.default] == ["overzicht"]
    assert list(ui.navigatie(False)) == ["Dashboard", "Herontwerp", "Verantwoording", "Presenteren"]
    assert list(ui.navigatie(True)) == list(ui.GROUPS)


def test_page_links_point_at_registered_pages(app_env):
    at = run_page()
    no_exception(at)
    links = at.get("page_link")
    # every kerncijfer links to its page, and the index chart to the Aanmeldingen page (a bad key shows no link)
    assert len(links) == len(at.metric) + 1 == 7
    assert links[-1].proto.page == ui.PAGES["aanmeldingen"].url_path
    paths = {s.url_path for s in ui.PAGES.values()}
    assert all(link.proto.page in paths and link.proto.page_script_hash for link in links)
    at = run_page("pages/uitkeringen.py")
    assert [link.proto.page for link in at.get("page_link")] == [ui.PAGES["bronnen"].url_path]


def test_link_to_a_page_outside_the_navigation_shows_nothing(app_env, monkeypatch):
    """Beheer is only in a beheerder's navigation; a link to it shows nothing for a kijker."""
    real = ui.afronden

    def afronden():  # links at the end of every run, after the page
        ui.link("beheer", "Gegevens beheren")
        ui.link("bestaat_niet", "Niets")
        ui.link("bronnen", "Bronnen")
        real()

    monkeypatch.setattr(ui, "afronden", afronden)

    def labels(at) -> list[str]:
        return [link.proto.label for link in at.get("page_link") if link.proto.label != "Meer hierover"]

    at = run_page("pages/bronnen.py", secrets=SECRETS, user=KIJKER)
    no_exception(at)
    assert labels(at) == ["Bronnen"]
    at = run_page("pages/bronnen.py")  # laptop default: the local beheerder
    no_exception(at)
    assert labels(at) == ["Gegevens beheren", "Bronnen"]


def test_tab_icon_is_a_local_png(app_env, monkeypatch):
    icon = Path(ui.ICON)
    assert icon.is_file() and icon.is_relative_to(ROOT)
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    gevraagd = []
    echt = st.set_page_config
    monkeypatch.setattr(st, "set_page_config", lambda **k: gevraagd.append(k) or echt(**k))
    no_exception(run_page())
    assert [(k["page_title"], k["page_icon"]) for k in gevraagd] == [("IJmond Werkt! dashboard", ui.ICON_URL)]
    assert ui.ICON_URL.startswith("data:image/png;base64,")
    assert base64.b64decode(ui.ICON_URL.split(",", 1)[1]) == icon.read_bytes()


def test_downloads_are_built_only_on_click(app_env, monkeypatch):
    built: list[str] = []
    real_csv = export.csv_bytes
    for name in ("csv_bytes", "excel_bytes"):
        real = getattr(export, name)
        monkeypatch.setattr(export, name, lambda *a, _real=real, _name=name, **k: built.append(_name) or _real(*a, **k))
    downloads = Downloads().install(monkeypatch)
    at = run_page("pages/bronnen.py", query_params={"dataset": catalog.dataset("uitkeringen").title})
    no_exception(at)
    buttons = at.get("download_button")
    assert len(buttons) == 2 * 2 + 2  # the notes, the chosen dataset, the handout of the page (PDF, PowerPoint)
    assert all(b.proto.deferred_file_id and not b.proto.url for b in buttons)
    at.run()
    assert built == [] and downloads.built == 0  # showing and rerunning the page built no file

    engine = db.create_engine(app_env)
    try:
        notities = woorden.notities(queries.lezer(engine))
        uitkeringen = woorden.dataset_download(queries.lezer(engine), "uitkeringen")
    finally:
        engine.dispose()
    csv = downloads.click(at, "dq_csv")
    assert built == ["csv_bytes"]
    assert csv == real_csv(notities)  # exactly the table of the page
    assert csv.decode("utf-8-sig").count("\r\n") == len(notities) + 1
    xlsx = openpyxl.load_workbook(io.BytesIO(downloads.click(at, "dl_uitkeringen_xlsx")))
    assert built == ["csv_bytes", "excel_bytes"] and downloads.built == 2
    assert xlsx.sheetnames == ["uitkeringen"]
    rows = list(xlsx.active.iter_rows(values_only=True))
    assert list(rows[0]) == list(uitkeringen.columns) and len(rows) == len(uitkeringen) + 1
    # Dutch headers, the codes in the technical columns at the end
    assert list(rows[0]) == [
        "Peildatum",
        "Gebied",
        "Definitie",
        "Aantal",
        "Bron",
        "Tabel of paragraaf in de bron",
        "Gebied (code)",
        "Definitie (code)",
        "Bron (code)",
    ]


def test_store_version_is_read_once_per_run_and_follows_a_write(app_env, monkeypatch):
    """The cache key's store version costs one query per run, not one per ui.query call,
    and a write between runs is seen by the next run."""
    from ijmond_dash.store import loader

    calls = []
    real = loader.store_version
    monkeypatch.setattr(loader, "store_version", lambda engine: calls.append(1) or real(engine))
    at = run_page("pages/bronnen.py")
    no_exception(at)
    assert len(calls) == 2  # the home run and the Bronnen run, each once
    before = at.session_state["ijw_store_versie"]

    engine = db.create_engine(app_env)
    with engine.begin() as conn:
        loader.bump_version(conn)
    engine.dispose()
    at.run()
    no_exception(at)
    assert at.session_state["ijw_store_versie"] == before + 1


def test_cached_results_are_handed_out_as_independent_copies(app_env):
    """ui.query and ui.berekend keep one object per key and hand out copies: what one page or
    session does to its frame never reaches the cache or another caller."""

    def script():
        import streamlit as st

        from ijmond_dash import ui
        from ijmond_dash.analysis import woorden
        from ijmond_dash.store import queries

        ui.begin()
        eerste = ui.query(queries.datakwaliteit)
        origineel = eerste.copy(deep=True)
        eerste.iloc[0, 0] = "veranderd"
        eerste["extra"] = 1
        del eerste["bron"]
        tweede = ui.query(queries.datakwaliteit)
        st.write(f"query={tweede.equals(origineel)}")
        tabel = ui.berekend(woorden.datasets_overzicht)
        tabel.loc[:, "Rijen"] = "0"
        st.write(f"berekend={ui.berekend(woorden.datasets_overzicht)['Rijen'].ne('0').all()}")
        st.write(f"tekst={ui.berekend(woorden.notities_markdown) is ui.berekend(woorden.notities_markdown)}")

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    no_exception(at)
    assert [m.value for m in at.markdown] == ["query=True", "berekend=True", "tekst=True"]


def test_kopie_copies_what_can_change_and_keeps_what_cannot():
    import pandas as pd

    df = pd.DataFrame({"a": [1, 2]})
    k = ui.cache._kopie(df)
    k.iloc[0, 0] = 9
    assert df["a"].tolist() == [1, 2]
    nested = {"frames": [df], "n": 1}
    kn = ui.cache._kopie(nested)
    kn["frames"][0].iloc[1, 0] = 9
    kn["n"] = 2
    assert df["a"].tolist() == [1, 2] and nested["n"] == 1
    tekst = "x" * 10
    assert ui.cache._kopie(tekst) is tekst and ui.cache._kopie(None) is None


def test_a_stopped_run_gives_its_turn_back(app_env, monkeypatch):
    """With one run at a time, a run that st.stop() ends (a user without access) and a run
    that an exception ends must not keep the turn: the next sessions still run."""
    monkeypatch.setenv("IJMOND_GELIJKTIJDIGE_RUNS", "1")
    geweigerd = run_page(secrets=SECRETS, user=ONBEKEND, timeout=20)
    no_exception(geweigerd)
    assert "geen toegang" in " ".join(e.value for e in geweigerd.error)
    monkeypatch.setattr(ui, "afronden", lambda: 1 / 0)
    fout = run_page(timeout=20)
    assert fout.exception  # the run ended with an exception box
    monkeypatch.undo()
    monkeypatch.setenv("IJMOND_GELIJKTIJDIGE_RUNS", "1")
    at = run_page("pages/bronnen.py", timeout=20)  # would time out if a turn were still held
    no_exception(at)
