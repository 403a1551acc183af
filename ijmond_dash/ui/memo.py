"""A memo for one script run: what several places of one run ask for is computed once."""

from __future__ import annotations

import streamlit as st

_PER_RUN = "ijw_per_run"


def begin() -> None:
    """The start of every script run (in app.py, before anything asks per_run): forget the
    previous run's memo."""
    st.session_state[_PER_RUN] = {}


def per_run(naam: str, maak):
    """``maak()``, computed once per script run: for what several places of one run ask for
    (the user, the source index). A page run without app.py (the pages/ fallback before
    ``ensure_navigation``) has no memo and computes every time."""
    memo = st.session_state.get(_PER_RUN)
    if memo is None:
        return maak()
    if naam not in memo:
        memo[naam] = maak()
    return memo[naam]
