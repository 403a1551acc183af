"""Script runs take turns (ijmond_dash/server/beurten.py): at most IJMOND_GELIJKTIJDIGE_RUNS bodies at
once, every turn given back (also when the body raises), and app.py's whole body inside one."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from ijmond_dash.server import beurten

APP = Path(__file__).resolve().parents[2] / "app.py"


def _run_concurrently(n: int, body_seconds: float) -> int:
    """n threads each take a turn and hold it for body_seconds; the most that ran at once."""
    lock = threading.Lock()
    state = {"now": 0, "max": 0, "done": 0}

    def work():
        with beurten.beurt():
            with lock:
                state["now"] += 1
                state["max"] = max(state["max"], state["now"])
            time.sleep(body_seconds)
            with lock:
                state["now"] -= 1
                state["done"] += 1

    threads = [threading.Thread(target=work) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert state["done"] == n, "not every run got its turn"
    return state["max"]


@pytest.mark.parametrize("aantal", ["1", "2", "3"])
def test_no_more_runs_at_once_than_the_setting(monkeypatch, aantal):
    monkeypatch.setenv("IJMOND_GELIJKTIJDIGE_RUNS", aantal)
    assert _run_concurrently(8, 0.05) == int(aantal)


def test_the_default_lets_two_runs_at_once_and_a_bad_value_falls_back(monkeypatch):
    from ijmond_dash import settings

    monkeypatch.delenv("IJMOND_GELIJKTIJDIGE_RUNS", raising=False)
    assert settings.gelijktijdige_runs() == 2
    assert _run_concurrently(6, 0.05) == 2
    monkeypatch.setenv("IJMOND_GELIJKTIJDIGE_RUNS", "veel")
    assert settings.gelijktijdige_runs() == 2
    monkeypatch.setenv("IJMOND_GELIJKTIJDIGE_RUNS", "0")
    assert settings.gelijktijdige_runs() == 1


def test_a_body_that_raises_gives_its_turn_back(monkeypatch):
    """Streamlit stops and reruns a script by raising inside it."""
    monkeypatch.setenv("IJMOND_GELIJKTIJDIGE_RUNS", "1")
    for _ in range(3):
        with pytest.raises(RuntimeError), beurten.beurt():
            raise RuntimeError("st.stop()")
    got = threading.Event()

    def next_run():
        with beurten.beurt():
            got.set()

    t = threading.Thread(target=next_run)
    t.start()
    t.join(timeout=5)
    assert got.is_set(), "the turn was not given back"


def test_app_runs_everything_after_the_preload_inside_one_turn(store_url, monkeypatch):
    """A real run of app.py: access, navigation, the page and the end of the run all happen while
    the run holds its turn, and the turn is given back at the end."""
    import contextlib

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from ijmond_dash import ui

    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.chdir(APP.parent)
    state = {"in_turn": False, "turns": 0}
    seen: list[tuple[str, bool]] = []
    echte_beurt = beurten.beurt

    @contextlib.contextmanager
    def beurt():
        with echte_beurt():
            state["in_turn"], state["turns"] = True, state["turns"] + 1
            try:
                yield
            finally:
                state["in_turn"] = False

    def observe(owner, name):
        real = getattr(owner, name)

        def wrapper(*a, **k):
            seen.append((name, state["in_turn"]))
            return real(*a, **k)

        monkeypatch.setattr(owner, name, wrapper)

    monkeypatch.setattr(beurten, "beurt", beurt)
    for name in ("toegangspoort", "shell", "afronden", "kop"):
        observe(ui, name)
    observe(st, "navigation")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    assert state["turns"] >= 1 and not state["in_turn"]
    names = [n for n, _ in seen]
    for name in ("toegangspoort", "navigation", "shell", "kop", "afronden"):
        assert name in names, names
    assert all(inside for _, inside in seen), seen
    assert names.index("afronden") > names.index("kop") > names.index("navigation") > names.index("toegangspoort")


def test_a_stopping_process_lets_a_run_in_progress_finish(tmp_path):
    """Streamlit runs scripts in daemon threads; without the wait at exit the interpreter
    would cut a run off (an import in progress would be rolled back)."""
    import subprocess
    import sys

    klaar = tmp_path / "klaar"
    script = f"""
import threading, time
from ijmond_dash.server import beurten
bezig = threading.Event()
def run():
    with beurten.beurt():
        bezig.set()
        time.sleep(1.5)
        open({str(klaar)!r}, "w").write("ok")
threading.Thread(target=run, daemon=True).start()
bezig.wait(10)
"""  # the main thread ends at once, with the run still in its turn
    r = subprocess.run([sys.executable, "-c", script], cwd=APP.parent, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert klaar.exists(), "the process exited before its run had finished"


def test_the_wait_at_exit_is_bounded(monkeypatch):
    monkeypatch.setenv("IJMOND_GELIJKTIJDIGE_RUNS", "1")
    vrij = threading.Event()

    def run():
        with beurten.beurt():
            vrij.wait(10)

    t = threading.Thread(target=run)
    t.start()
    try:
        time.sleep(0.1)
        t0 = time.monotonic()
        assert beurten.wacht_op_lopende_runs(0.3) is False  # gives up after its limit
        assert 0.25 < time.monotonic() - t0 < 2
    finally:
        vrij.set()
        t.join(5)
    assert beurten.wacht_op_lopende_runs(1) is True
