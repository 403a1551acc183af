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
"""

from __future__ import annotations

import contextlib
import threading

from . import geheugen, settings

_LOCK = threading.Lock()
_POORT: threading.BoundedSemaphore | None = None
_AANTAL = 0


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
    poort = _poort()
    poort.acquire()
    try:
        yield
    finally:
        poort.release()
        geheugen.RUN_KLAAR.set()  # its garbage is collected within a second (geheugen.verzamelen)
