"""Script runs take turns: at most a few of this process's runs execute at the same moment.

Streamlit starts a script thread per session and lets all of them run at once. One process
executes Python on one thread at a time (the GIL), so when a whole council opens the link
together, fifty runs share one core in 5 ms slices: every one of them finishes near the end
of the burst, and all fifty keep their working sets (frames, figures, protobuf messages) in
memory at the same moment. Python's small-object allocator then spreads the few objects that
outlive the burst over many more 1 MiB arenas than a calm server needs, and those arenas stay
(docs/PERFORMANCE.md: memory after the first burst on a fresh server).

``beurt()`` around app.py's body lets ``IJMOND_GELIJKTIJDIGE_RUNS`` runs execute at once (the
others wait, without using CPU, in arrival order as the OS wakes them). The total work is the
same, so the last run of a burst finishes no later; the others finish as soon as their own
work is done instead of at the end. A run that is asked to stop or rerun while it waits does
so as soon as it has its turn (Streamlit checks at the first ``st`` call). Fragment reruns
(which run without app.py) do not wait; this app has none.

A worker that stops (a rolling restart, ``systemctl stop``) lets the runs that hold a turn
finish first, for at most ``STOP_WACHTTIJD`` seconds (``wacht_op_lopende_runs``, at exit):
Streamlit runs scripts in daemon threads, which the interpreter would otherwise cut off at
exit, and an import in progress would be rolled back instead of saved.
"""

from __future__ import annotations

import atexit
import contextlib
import threading

from ijmond_dash import settings
from ijmond_dash.server import geheugen

_LOCK = threading.Lock()
_POORT: threading.BoundedSemaphore | None = None
_AANTAL = 0
_BEZIG = 0  # runs that hold a turn now
_RUST = threading.Condition()  # notified when a run gives its turn back
STOP_WACHTTIJD = 60.0  # seconds a stopping process waits for its runs (systemd: TimeoutStopSec=90)


def _poort() -> threading.BoundedSemaphore:
    global _POORT, _AANTAL  # noqa: PLW0603 - one gate per process
    aantal = settings.gelijktijdige_runs()
    with _LOCK:
        if _POORT is None or _AANTAL != aantal:  # a changed setting (tests) makes a new gate
            _AANTAL, _POORT = aantal, threading.BoundedSemaphore(aantal)
        return _POORT


@contextlib.contextmanager
def beurt():
    """Wait for a turn, run the body, give the turn back (also when the body raises, as
    Streamlit's stop and rerun do)."""
    global _BEZIG  # noqa: PLW0603 - one count per process
    poort = _poort()
    poort.acquire()
    with _RUST:
        _BEZIG += 1
    try:
        yield
    finally:
        with _RUST:
            _BEZIG -= 1
            _RUST.notify_all()
        poort.release()
        geheugen.RUN_KLAAR.set()  # its garbage is collected within a second (geheugen.verzamelen)


def wacht_op_lopende_runs(max_seconden: float | None = None) -> bool:
    """Wait until no run holds a turn (at most ``max_seconden``, default ``STOP_WACHTTIJD``);
    True when none does. Registered to run at exit: daemon threads still run meanwhile."""
    with _RUST:
        return _RUST.wait_for(lambda: _BEZIG == 0, STOP_WACHTTIJD if max_seconden is None else max_seconden)


atexit.register(wacht_op_lopende_runs)
