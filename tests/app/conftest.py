"""Fixtures for the AppTests."""

import pytest

from ijmond_dash.store import db


@pytest.fixture
def store(app_env, engine):
    """The engine of the store the app under test reads (the same URL as ``app_env``)."""
    return engine


@pytest.fixture
def fresh_app(fresh_store_url, monkeypatch):
    """The app under test on a store of its own (imports and undo change it), as an engine."""
    from tests.conftest import ROOT

    monkeypatch.setenv("DATABASE_URL", fresh_store_url)
    monkeypatch.chdir(ROOT)
    engine = db.create_engine(fresh_store_url)
    yield engine
    engine.dispose()
