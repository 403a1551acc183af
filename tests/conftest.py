"""Fixtures shared by unit, app and browser tests.

Every store test runs on both backends: SQLite (a temporary file) and the real Postgres
(``TEST_DATABASE_URL``, default the local server's ``test`` database). Each test session
works in its own Postgres schema, so parallel runs do not meet. With ``CI=true`` a
Postgres that cannot be reached fails the run instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
import streamlit as st

from ijmond_dash.store import db, loader

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _pg_base_url() -> str:
    return os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG


def _pg_available(url: str) -> str | None:
    try:
        with sa.create_engine(url, connect_args={"connect_timeout": 3}).connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return None
    except Exception as exc:  # noqa: BLE001 - any driver error means unavailable
        return str(exc).splitlines()[0]


class StoreFactory:
    """Creates empty stores for one backend and removes them at the end."""

    def __init__(self, backend: str, tmp_path_factory):
        self.backend = backend
        self.tmp = tmp_path_factory
        self.schemas: list[str] = []
        if backend == "postgres":
            self.base = _pg_base_url()
            why = _pg_available(self.base)
            if why:
                if IN_CI:
                    pytest.fail(f"Postgres is required in CI but not reachable: {why}")
                pytest.skip(f"Postgres not reachable: {why}")

    def empty_url(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.tmp.mktemp('store') / 'ijmond.sqlite'}"
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with sa.create_engine(self.base).begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        self.schemas.append(schema)
        sep = "&" if "?" in self.base else "?"
        return f"{self.base}{sep}options=-csearch_path%3D{schema}"

    def loaded_url(self) -> str:
        url = self.empty_url()
        engine = db.create_engine(url)
        loader.init_store(engine)
        engine.dispose()
        return url

    def drop(self, schemas: list[str]) -> None:
        """Drop Postgres schemas, one transaction each: dropping dozens in one transaction
        exhausts Postgres' lock table."""
        if self.backend != "postgres" or not schemas:
            return
        eng = sa.create_engine(self.base)
        for s in list(schemas):
            with eng.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{s}" CASCADE'))
            self.schemas.remove(s)
        eng.dispose()

    def cleanup(self) -> None:
        self.drop(list(self.schemas))


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def stores(request, tmp_path_factory):
    factory = StoreFactory(request.param, tmp_path_factory)
    yield factory
    factory.cleanup()


@pytest.fixture(scope="session")
def store_url(stores) -> str:
    """A store with the default dataset, shared by the tests that only read."""
    return stores.loaded_url()


@pytest.fixture
def fresh_store_url(stores):
    """A store with the default dataset, for one test that writes; dropped afterwards
    together with any other store the test created."""
    before = list(stores.schemas)
    yield stores.loaded_url()
    stores.drop([s for s in stores.schemas if s not in before])


@pytest.fixture
def engine(store_url):
    eng = db.create_engine(store_url)
    yield eng
    eng.dispose()


@pytest.fixture
def fresh_engine(fresh_store_url):
    eng = db.create_engine(fresh_store_url)
    yield eng
    eng.dispose()


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Streamlit caches are process-wide; every test starts without them."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app_env(store_url, monkeypatch):
    """Point the app at the shared store; yields the URL."""
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.chdir(ROOT)
    return store_url
