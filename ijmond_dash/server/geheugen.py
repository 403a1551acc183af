"""Memory of ended sessions goes when their time is up, not at the next disconnect.

Streamlit keeps a disconnected session for ``server.disconnectedSessionTTL`` seconds, so a
browser that lost its connection can resume it. It keeps them in a TTL cache that removes
expired entries only when it stores the next one (at the next disconnect), and it does not shut
a session down when it expires. So after a council session ends, the last burst of sessions —
their state, page objects, DataFrames and registered tables — stays in memory until somebody
else disconnects, and with ``runner.postScriptGC = false`` the reference cycles they form are
collected only by a full garbage collection, which an idle server does not run.

``start()`` starts one daemon thread per process. Every few seconds it asks the server's event
loop to remove the expired disconnected sessions (under the session manager's own lock) and
shut each down as Streamlit shuts down a closed session (its uploaded and media files and
table sources go); only when something was removed does it run a full collection and hand
freed heap back to the operating system (glibc ``malloc_trim``). And once a second, if script
runs ended since, it collects their garbage (``verzamelen``; the first time it also freezes the
imported program for the collector, ``bevriezen``), instead of Streamlit doing so inside
every run (``runner.postScriptGC``). Measured with
``benchmarks/loadtest.py`` (docs/PERFORMANCE.md); the Streamlit internals this relies on are in
``streamlit_intern``, whose tests fail when an upgrade moves them.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import logging
import platform
import threading
import time

from ijmond_dash.server import streamlit_intern

_LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_THREAD: threading.Thread | None = None
STOP = threading.Event()  # set in tests to end the thread
RUN_KLAAR = threading.Event()  # set at the end of every script run (beurten.beurt)
TIK = 1.0  # seconds: at most one collection per tick, and only after runs ended


def verlopen_opruimen(mgr) -> int:
    """Remove and shut down the expired disconnected sessions of ``mgr``; how many.

    Run it on the server's event loop (AppSession.shutdown is not thread-safe)."""
    weg = streamlit_intern.expire_disconnected_sessions(mgr)
    for info in weg:
        try:
            info.session.shutdown()
        except Exception:  # noqa: BLE001 - one session that fails to shut down must not stop the rest
            _LOG.exception("shutting down an expired session failed")
    return len(weg)


def geheugen_teruggeven() -> None:
    """A full collection, then glibc's free heap back to the OS (nothing elsewhere)."""
    gc.collect()
    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        try:
            ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass


_BEVROREN = False


def bevriezen() -> bool:
    """Once per process, after the first script run (so after every import): collect, then
    move every object alive now (modules, classes, functions, the libraries' tables) out of
    the garbage collector's view (``gc.freeze``). A full collection then looks only at what
    runs made since: milliseconds instead of about a hundred. Frozen objects are still freed
    by reference counting; only cycles among them would stay, and at this point they are the
    program itself (and the first session's state). Runs on this module's thread, off the
    first run's path, so a cold start does not wait for it. True the first time."""
    global _BEVROREN  # noqa: PLW0603 - once per process
    with _LOCK:
        if _BEVROREN:
            return False
        _BEVROREN = True
    gc.collect()
    gc.freeze()
    return True


def interval() -> float:
    """Seconds between checks: a quarter of the TTL, between 1 and 30 seconds."""
    from streamlit import config

    ttl = float(config.get_option("server.disconnectedSessionTTL") or 120)
    return min(30.0, max(1.0, ttl / 4))


async def _opruimen(mgr) -> int:
    return verlopen_opruimen(mgr)


def verzamelen() -> bool:
    """One full collection if a script run ended since the last one; True if it ran.

    Instead of Streamlit's collection after every run (``runner.postScriptGC``): that one
    runs in the run's own thread before its messages reach the browser, and in a burst of
    fifty sessions it runs 150 times over a population that grows with the sessions. Here
    the garbage of the runs that ended in the last second is collected once, off the runs'
    path; an idle server collects nothing.
    """
    if not RUN_KLAAR.is_set():
        return False
    RUN_KLAAR.clear()
    if not bevriezen():  # the first time: collect and freeze, after the first run
        gc.collect()
    return True


def _loop() -> None:
    volgende = time.monotonic() + interval()
    while not STOP.wait(TIK):
        verzamelen()
        if time.monotonic() < volgende:
            continue
        volgende = time.monotonic() + interval()
        try:
            server = streamlit_intern.runtime_loop_and_sessions()
            if server is None:
                continue
            loop, mgr = server
            if asyncio.run_coroutine_threadsafe(_opruimen(mgr), loop).result(30):
                geheugen_teruggeven()
        except Exception:  # noqa: BLE001 - never take the server down; try again next time
            _LOG.exception("cleaning up expired sessions failed")


def start() -> bool:
    """Start the cleaning thread once per process (from app.py); True if it runs."""
    global _THREAD  # noqa: PLW0603 - one thread per process
    with _LOCK:
        if _THREAD is None or not _THREAD.is_alive():
            STOP.clear()
            _THREAD = threading.Thread(target=_loop, name="ijw-sessies-opruimen", daemon=True)
            _THREAD.start()
    return True
