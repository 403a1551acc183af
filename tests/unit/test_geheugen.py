"""Ended sessions are removed and shut down when their TTL is up (ijmond_dash/server/geheugen.py).
The Streamlit internals that relies on are tested in test_streamlit_intern.py."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace

import pytest
from streamlit.runtime import Runtime
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.session_manager import SessionInfo

from ijmond_dash.server import geheugen


class FakeSession:
    def __init__(self, sid: str, fails: bool = False):
        self.id, self.fails, self.shut_down = sid, fails, False

    def shutdown(self):
        self.shut_down = True
        if self.fails:
            raise RuntimeError("boom")


def _manager(ttl: float) -> SimpleNamespace:
    return SimpleNamespace(
        _session_storage=MemorySessionStorage(maxsize=128, ttl_seconds=ttl), _storage_lock=threading.Lock()
    )


def _store(mgr, session) -> None:
    mgr._session_storage.save(SessionInfo(client=None, session=session, script_run_count=1))


def test_expired_sessions_are_removed_and_shut_down_live_ones_stay():
    mgr = _manager(ttl=60)
    oud, kapot, nieuw = FakeSession("oud"), FakeSession("kapot", fails=True), FakeSession("nieuw")
    for sessie in (oud, kapot, nieuw):
        _store(mgr, sessie)
    cache = mgr._session_storage._cache
    for sid in ("oud", "kapot"):  # their TTL has passed; "nieuw" disconnected just now
        cache._expirations[sid] = 0.0
    assert geheugen.verlopen_opruimen(mgr) == 2
    assert oud.shut_down and kapot.shut_down  # a failing shutdown does not stop the others
    assert not nieuw.shut_down
    assert [i.session.id for i in mgr._session_storage.list()] == ["nieuw"]
    assert list(cache._data) == ["nieuw"]
    assert geheugen.verlopen_opruimen(mgr) == 0


def test_interval_is_a_quarter_of_the_ttl_within_bounds(monkeypatch):
    from streamlit import config

    for ttl, verwacht in ((2, 1.0), (10, 2.5), (120, 30.0), (600, 30.0)):
        monkeypatch.setattr(config, "get_option", lambda name, ttl=ttl: ttl)
        assert geheugen.interval() == verwacht


def test_the_thread_cleans_up_on_the_event_loop(monkeypatch):
    """The whole path: the thread asks the server's event loop, the loop reaps and shuts down,
    the thread then collects and trims."""
    loop = asyncio.new_event_loop()
    loop_thread = threading.Thread(target=loop.run_forever, daemon=True)
    loop_thread.start()
    mgr = _manager(ttl=0.05)
    sessie = FakeSession("weg")
    _store(mgr, sessie)
    threads_seen = []
    real = geheugen.verlopen_opruimen

    def on_loop(m):
        threads_seen.append(threading.current_thread())
        return real(m)

    teruggegeven = threading.Event()
    fake_rt = SimpleNamespace(_session_mgr=mgr, _get_async_objs=lambda: SimpleNamespace(eventloop=loop))
    monkeypatch.setattr(Runtime, "exists", staticmethod(lambda: True))
    monkeypatch.setattr(Runtime, "instance", staticmethod(lambda: fake_rt))
    monkeypatch.setattr(geheugen, "interval", lambda: 0.05)
    monkeypatch.setattr(geheugen, "TIK", 0.02)
    monkeypatch.setattr(geheugen, "verlopen_opruimen", on_loop)
    monkeypatch.setattr(geheugen, "geheugen_teruggeven", teruggegeven.set)
    monkeypatch.setattr(geheugen, "_THREAD", None)
    try:
        assert geheugen.start()
        assert teruggegeven.wait(5), "the thread never collected after removing a session"
        assert sessie.shut_down
        assert threads_seen and threads_seen[0] is loop_thread  # shut down on the event loop
    finally:
        geheugen.STOP.set()
        geheugen._THREAD.join(5)
        geheugen.STOP.clear()
        loop.call_soon_threadsafe(loop.stop)
        loop_thread.join(5)
        loop.close()


@pytest.mark.parametrize("libc", ["glibc", ""])
def test_give_back_collects_and_trims_only_on_glibc(monkeypatch, libc):
    calls = []
    monkeypatch.setattr(geheugen.gc, "collect", lambda: calls.append("gc"))
    monkeypatch.setattr(geheugen.platform, "libc_ver", lambda: (libc, ""))
    monkeypatch.setattr(geheugen.platform, "system", lambda: "Linux")
    monkeypatch.setattr(
        geheugen.ctypes, "CDLL", lambda name: SimpleNamespace(malloc_trim=lambda n: calls.append("trim"))
    )
    geheugen.geheugen_teruggeven()
    assert calls == (["gc", "trim"] if libc else ["gc"])


def test_freezing_happens_once_and_leaves_new_garbage_collectable(monkeypatch):
    import gc
    import weakref

    monkeypatch.setattr(geheugen, "_BEVROREN", False)
    assert geheugen.bevriezen() is True
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert geheugen.bevriezen() is False  # once per process
    assert gc.get_freeze_count() == frozen

    class Knoop:
        pass

    a, b = Knoop(), Knoop()
    a.b, b.a = b, a  # a cycle made after the freeze, as every script run makes
    dood = weakref.ref(a)
    del a, b
    gc.collect()
    assert dood() is None, "a cycle made after the freeze was not collected"


def test_garbage_is_collected_once_after_runs_ended_and_never_when_idle(monkeypatch):
    calls = []
    monkeypatch.setattr(geheugen.gc, "collect", lambda *a: calls.append(a) or 0)
    monkeypatch.setattr(geheugen, "_BEVROREN", True)  # not the first collection of the process
    geheugen.RUN_KLAAR.clear()
    assert geheugen.verzamelen() is False and calls == []  # idle: nothing
    geheugen.RUN_KLAAR.set()
    geheugen.RUN_KLAAR.set()  # two runs ended within one tick
    assert geheugen.verzamelen() is True and len(calls) == 1
    assert geheugen.verzamelen() is False and len(calls) == 1


def test_the_thread_collects_after_a_run_ended(monkeypatch):
    collected = threading.Event()
    monkeypatch.setattr(geheugen.gc, "collect", lambda *a: collected.set() or 0)
    monkeypatch.setattr(geheugen, "TIK", 0.02)
    monkeypatch.setattr(geheugen, "interval", lambda: 3600)
    monkeypatch.setattr(geheugen, "_THREAD", None)
    monkeypatch.setattr(geheugen, "_BEVROREN", True)
    geheugen.RUN_KLAAR.clear()
    try:
        assert geheugen.start()
        assert not collected.wait(0.2), "collected while no run had ended"
        from ijmond_dash.server import beurten

        with beurten.beurt():
            pass
        assert collected.wait(5), "no collection after a run ended"
    finally:
        geheugen.STOP.set()
        geheugen._THREAD.join(5)
        geheugen.STOP.clear()


def test_the_first_collection_after_a_run_freezes_the_program(monkeypatch):
    frozen = []
    monkeypatch.setattr(geheugen.gc, "freeze", lambda: frozen.append(1))
    monkeypatch.setattr(geheugen.gc, "collect", lambda *a: 0)
    monkeypatch.setattr(geheugen, "_BEVROREN", False)
    geheugen.RUN_KLAAR.set()
    assert geheugen.verzamelen() and frozen == [1]
    geheugen.RUN_KLAAR.set()
    assert geheugen.verzamelen() and frozen == [1]  # once per process
