"""Role x page matrix: with [auth] configured nobody sees data before login and authorisation.

The denial must come before any query: for the denied roles the app points at a database
that cannot be reached and counts engine creation; a query would show the database error
(or create an engine), so a clean login/denial screen proves nothing was read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ijmond_dash.store import db

from .helpers import APP, markdown_text, no_exception, run_page

ROOT = Path(APP).parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
VIEW_PAGES = [p for p in PAGES if p != "pages/beheer.py"]
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "geheim",
    "client_id": "id",
    "client_secret": "geheim",
    "server_metadata_url": "https://login.example.nl/.well-known/openid-configuration",
}
SECRETS = {"auth": AUTH, "toegang": {"kijkers": ["@velsen.nl"], "beheerders": ["beheer@ijmondwerkt.nl"]}}
KIJKER = {"is_logged_in": True, "email": "a.de.vries@velsen.nl", "name": "A. de Vries"}
BEHEERDER = {"is_logged_in": True, "email": "beheer@ijmondwerkt.nl", "name": "Beheer"}
ONBEKEND = {"is_logged_in": True, "email": "iemand@example.com", "name": "Iemand"}
ANONIEM = {"is_logged_in": False}
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/geen"


@pytest.fixture
def no_store(monkeypatch):
    """An unreachable store, and a count of every engine the app tries to create."""
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE)
    monkeypatch.chdir(ROOT)
    calls = []
    real = db.create_engine
    monkeypatch.setattr(db, "create_engine", lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


def open_page(page: str, user: dict, secrets: dict = SECRETS) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(secrets)
    at.user = user
    at.run()
    at.switch_page(page).run()
    return at


def deep_link(page: str, user: dict) -> AppTest:
    """A link straight to ``page`` as the first request of a fresh server process.

    Streamlit then runs a file from pages/ without app.py (its pages-folder fallback);
    the page must still read nothing.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(SECRETS)
    at.user = user
    at.switch_page(page)
    at.run()
    return at


def assert_no_data(at: AppTest) -> None:
    no_exception(at)
    assert not at.metric and not at.dataframe and not at.get("plotly_chart") and not at.get("file_uploader")
    assert [t.value for t in at.title] == ["IJmond Werkt! dashboard"]
    assert "niet bereikbaar" not in markdown_text(at)


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_sees_only_login(no_store, page):
    at = deep_link(page, ANONIEM)
    assert_no_data(at)
    assert [b.label for b in at.button] == ["Inloggen"]
    assert "Log in met je account" in markdown_text(at)
    assert no_store == []


def test_anonymous_cannot_switch_to_a_page(no_store):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(SECRETS)
    at.user = ANONIEM
    at.run()
    assert_no_data(at)
    for page in PAGES:
        with pytest.raises(ValueError):  # only the login page is in the navigation
            at.switch_page(page)
    assert no_store == []


def test_default_testuser_without_login_claim_is_anonymous(no_store):
    at = deep_link("pages/overzicht.py", {"email": "beheer@ijmondwerkt.nl"})
    assert [b.label for b in at.button] == ["Inloggen"] and no_store == []


@pytest.mark.parametrize("page", PAGES)
def test_unknown_user_gets_clear_message_and_no_data(no_store, page):
    at = deep_link(page, ONBEKEND)
    assert_no_data(at)
    assert any("geen toegang" in e.value and "iemand@example.com" in e.value for e in at.error)
    assert [b.label for b in at.button] == ["Uitloggen"]
    assert no_store == []


@pytest.mark.parametrize("page", VIEW_PAGES)
def test_viewer_sees_every_page(app_env, page):
    at = open_page(page, KIJKER)
    no_exception(at)
    assert at.title and not any("geen toegang" in e.value for e in at.error)
    assert "Ingelogd als a.de.vries@velsen.nl (kijker)." in [c.value for c in at.sidebar.caption]


def test_viewer_cannot_reach_beheer(app_env):
    at = open_page("pages/overzicht.py", KIJKER)
    with pytest.raises(ValueError):  # not in the navigation at all
        at.switch_page("pages/beheer.py")
    # and the page itself refuses when run on its own
    page = AppTest.from_file(str(ROOT / "pages" / "beheer.py"), default_timeout=60)
    page.secrets.update(SECRETS)
    page.user = KIJKER
    page.run()
    assert any("Alleen beheerders" in e.value for e in page.error)
    assert not page.get("file_uploader")


@pytest.mark.parametrize("page", PAGES)
def test_beheerder_sees_every_page(app_env, page):
    at = open_page(page, BEHEERDER)
    no_exception(at)
    assert at.title and not any("geen toegang" in e.value or "Alleen beheerders" in e.value for e in at.error)


def test_beheer_page_has_uploader_for_beheerder(app_env):
    at = open_page("pages/beheer.py", BEHEERDER)
    assert at.get("file_uploader") and at.title[0].value == "Gegevens beheren"


def test_laptop_default_no_login_and_local_beheer(app_env):
    at = run_page("pages/beheer.py")
    no_exception(at)
    assert not any(b.label == "Inloggen" for b in at.button)
    assert at.get("file_uploader")
