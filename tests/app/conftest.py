"""Fixtures for the AppTests."""

import pytest


@pytest.fixture
def store(app_env, engine):
    """The engine of the store the app under test reads (the same URL as ``app_env``)."""
    return engine
