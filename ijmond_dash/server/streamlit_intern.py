"""Every use of Streamlit's private names, in one place.

The app needs a few things Streamlit has no public API for. Each one is a small function here,
and tests/unit/test_streamlit_intern.py has a test per name: a Streamlit upgrade (needed for its
security fixes) that moves or renames one fails that file, not a page in production. Nothing
else in the package imports ``streamlit.runtime`` or touches an underscore name of Streamlit
(a test checks that too). Imports only the standard library and Streamlit at module level, so
``voorladen`` can use it before the slow imports of a run.

What is used, by whom, and why it stays (docs/PERFORMANCE.md, "Streamlit internals", has the
measurements):

* **Expired disconnected sessions** (``Runtime._get_async_objs``, ``Runtime._session_mgr``,
  the session manager's ``_storage_lock`` and ``_session_storage._cache``): ``geheugen``
  removes and shuts down sessions whose TTL passed; Streamlit keeps them until the next
  disconnect. Measured again with two workers behind the proxy: still pays (memory per worker
  after a burst).
* **Legacy pages/ mode** (``streamlit.runtime.pages_manager.PagesManager.uses_pages_directory``):
  ``ui.ensure_navigation`` leaves it when a worker's first request is a deep link. Correctness,
  not speed; with several workers and rolling restarts every restarted worker meets it.
* **URL-bound widgets** (the session state's ``_state``, the query parameters'
  ``_bindings_by_param``, ``_coerce_value_for_query_url`` and ``_format_number_for_query_url``,
  the script run context): ``ui`` writes the link of the current view ("Link kopiëren") and
  finds the URL parameters a page did not accept, exactly as Streamlit writes them.
* **The frontend's chunk directory** (``streamlit/static/static/js``): ``voorladen`` lets the
  browser load the chart library early (cold start).
* **StreamlitPageNotFoundError** (``streamlit.errors``, not documented): ``ui.link`` shows no
  link to a page outside the user's navigation.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import streamlit as st

# ---------------------------------------------------------------- sessions of the server


def runtime_loop_and_sessions() -> tuple[Any, Any] | None:
    """The running server's event loop and session manager; None outside a server."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return None
    rt = Runtime.instance()
    return rt._get_async_objs().eventloop, rt._session_mgr  # noqa: SLF001


def expire_disconnected_sessions(mgr) -> list:
    """Remove the disconnected sessions whose TTL passed from ``mgr``'s storage; their
    ``SessionInfo`` objects (not yet shut down). Run it on the server's event loop.

    Streamlit's TTL cache drops expired entries only when the next one is stored; this takes
    them out under the lock Streamlit itself holds around that cache."""
    with mgr._storage_lock:  # noqa: SLF001
        return [info for _sid, info in mgr._session_storage._cache.expire()]  # noqa: SLF001


# ---------------------------------------------------------------- pages/ mode


def uses_pages_directory() -> bool:
    """Is this process still in Streamlit's legacy pages/ mode (before app.py's st.navigation)?"""
    from streamlit.runtime.pages_manager import PagesManager

    return bool(PagesManager.uses_pages_directory)


def leave_pages_directory() -> None:
    """Switch the process to st.navigation mode (Streamlit does so only after app.py ran)."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


# ---------------------------------------------------------------- the current run


def page_hashes() -> tuple[str, str] | None:
    """(page script hash, main script hash) of the current script run; None outside a run."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    return ctx.page_script_hash, ctx.pages_manager.main_script_hash


def url_bound_widgets() -> dict[str, tuple[str, str]]:
    """Every widget bound to the URL (``bind="query-params"``) in this session:
    parameter key -> (widget id, script hash of the page that made it)."""
    from streamlit.runtime.state.session_state_proxy import get_session_state

    with get_session_state().query_params() as qp:
        return {k: (b.widget_id, b.script_hash) for k, b in qp._bindings_by_param.items()}  # noqa: SLF001


def widget_metadata(widget_id: str):
    """Streamlit's metadata of a widget (``value_type``, ``serializer``, ``deserializer``), or None."""
    from streamlit.runtime.state.session_state_proxy import get_session_state

    return get_session_state()._state.get_widget_metadata(widget_id)  # noqa: SLF001


def url_value(meta, value) -> str | list[str]:
    """``value`` of the widget described by ``meta`` as Streamlit writes it into the URL
    (a float input's 3000000.0 as "3000000")."""
    from streamlit.runtime.state.query_params import _coerce_value_for_query_url, _format_number_for_query_url

    if meta.value_type == "double_value" and isinstance(value, (int, float)):
        return _format_number_for_query_url(float(value))
    return _coerce_value_for_query_url(meta.serializer(value), meta.value_type)


def page_not_found_error() -> type[Exception]:
    """What ``st.page_link`` raises for a page that is not in the navigation."""
    from streamlit.errors import StreamlitPageNotFoundError

    return StreamlitPageNotFoundError


# ---------------------------------------------------------------- the frontend build

FRONTEND_JS = Path(st.__file__).parent / "static" / "static" / "js"


@functools.cache
def frontend_chunk(pattern: str, folder: Path = FRONTEND_JS) -> str | None:
    """File name of the one frontend script chunk matching ``pattern``; None if not exactly one."""
    names = sorted(p.name for p in folder.glob(pattern))
    return names[0] if len(names) == 1 else None
