"""Shared by the worker tests."""

from __future__ import annotations

import asyncio
import threading


def run_async(coro):
    """``asyncio.run(coro)`` in a thread of its own: a Playwright browser (the e2e tests, earlier
    in the same pytest session) keeps an event loop running in the main thread, where
    ``asyncio.run`` refuses to start another."""
    out = {}

    def target():
        try:
            out["ok"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001 - raised again below, in the caller's thread
            out["err"] = exc

    t = threading.Thread(target=target)
    t.start()
    t.join()
    if "err" in out:
        raise out["err"]
    return out["ok"]
