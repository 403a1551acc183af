"""The store's engine and every query through the process-wide cache, keyed by store version."""

from __future__ import annotations

import copy
import importlib
import logging
from collections.abc import Callable
from typing import Any

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from ijmond_dash import formatting, settings
from ijmond_dash.store import db, loader, queries
from ijmond_dash.store.validation import ValidationFailed
from ijmond_dash.ui.toegang import _vereis_toegang

_LOG = logging.getLogger(__name__)

PAKKET = __name__.partition(".")[0]  # ijmond_dash


@st.cache_resource(show_spinner="De gegevens worden voorbereid…")
def _engine(*, url: str):
    engine = db.create_engine(url)
    loader.init_store(engine)
    return engine


def _stop_with(message: str, details: list[str] | None = None) -> None:
    """Show a Dutch error (as text: paths and values in it stay literal) and stop the run."""
    st.error(formatting.md_escape(message), icon=":material/error:")
    if details:
        with st.expander("Details"):
            st.markdown("\n".join(f"- {formatting.md_escape(d)}" for d in details))
    st.stop()


def engine():
    """The store's engine, created, upgraded and filled once per URL and process.

    Every data access of every page passes here, so access is checked here too: a page
    that Streamlit runs without app.py (its pages/-folder fallback for the first request
    after a restart) still reads nothing for a user without access.
    """
    _vereis_toegang()
    try:
        settings.controleer()
    except settings.OngeldigeInstelling as exc:
        _stop_with(f"Het dashboard start niet: {exc}")
    url = settings.database_url()
    try:
        return _engine(url=url)
    except db.StoreUnavailable as exc:
        _stop_with(str(exc))
    except ValidationFailed as exc:
        _stop_with(
            "De standaarddataset bevat fouten en is niet geladen; er is niets gewijzigd.",
            [str(p) for p in exc.problems],
        )
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        _LOG.exception("store %s could not be prepared", db.instelling())
        _stop_with(f"De database kon niet worden voorbereid: {db.oorzaak(exc)}. Controleer {db.instelling()}.")


# Query results and what pages derive from them are cached once per process and handed out
# as copies (``_kopie``), as st.cache_data would, but without its pickle round trip: a
# DataFrame hit cost about 450 µs, mostly unpickling; a deep copy of the same frame about 30.
# The cached object itself is never handed out, so no page or session can change it.
# The functions take their whole key as one keyword argument: Streamlit looks up the
# function's signature for every positional argument of every call (hits included).
_ONVERANDERLIJK = (str, bytes, int, float, bool, type(None))


def _kopie(waarde):
    """An independent copy of a cached result (immutable values as they are)."""
    if isinstance(waarde, _ONVERANDERLIJK):
        return waarde
    if isinstance(waarde, (pd.DataFrame, pd.Series)):
        return waarde.copy(deep=True)
    return copy.deepcopy(waarde)


@st.cache_resource(show_spinner=False, max_entries=512)
def _cached(*, sleutel: tuple):
    url, _versie, fn_name, args, kwargs = sleutel
    return getattr(queries, fn_name)(_engine(url=url), *args, **dict(kwargs))


def _uit_cache(cache, url: str, versie: int, naam: str, args: tuple, kwargs: dict):
    """``cache``'s result for this key (built as ``_cached`` and ``_berekend`` take it), as a copy."""
    return _kopie(cache(sleutel=(url, versie, naam, args, tuple(sorted(kwargs.items())))))


_VERSIE = "ijw_store_versie"


def _lees_versie() -> int:
    try:
        return loader.store_version(engine())
    except sa.exc.SQLAlchemyError:
        _stop_with("De database is niet bereikbaar. Controleer of de database draait.")


def versie() -> int:
    """The store's version; part of every cache key, so an import shows at once.

    Read from the database once per script run, in ``shell()``; a page that writes (the
    Beheer page) reruns the script afterwards, so the next run reads the new version. A page
    that runs without the shell (the pages/ fallback before ``ensure_navigation``) reads it.
    """
    v = st.session_state.get(_VERSIE)
    return _lees_versie() if v is None else v


def query(fn: Callable[..., Any], *args, **kwargs):
    """Run a query of ``store.queries`` through the cache, keyed by URL and store version:
    ``ui.query(queries.dataset, "kengetallen")`` (the function itself, so an editor goes from
    the page to its SQL; a name as a string is refused)."""
    naam = getattr(fn, "__name__", None)
    if isinstance(fn, str) or naam is None or getattr(queries, naam, None) is not fn:
        raise TypeError(f"ui.query takes a function of {queries.__name__}, not {fn!r}")
    url = settings.database_url()
    v = versie()
    try:
        return _uit_cache(_cached, url, v, naam, args, kwargs)
    except sa.exc.SQLAlchemyError:
        _stop_with("De database is niet bereikbaar of gaf een fout. Probeer het later opnieuw.")


@st.cache_resource(show_spinner=False, max_entries=512)
def _berekend(*, sleutel: tuple):
    url, versie, naam, args, kwargs = sleutel
    module, _, fn = naam.rpartition(".")
    if not module.startswith(f"{PAKKET}."):
        raise ValueError(f"not a function of {PAKKET}: {naam}")

    def lees(fn_name: str, *a, **k):
        return _uit_cache(_cached, url, versie, fn_name, a, k)

    return getattr(importlib.import_module(module), fn)(lees, *args, **dict(kwargs))


def berekend(fn, *args, **kwargs):
    """``fn(lees, *args, **kwargs)`` through the cache, keyed by URL and store version.

    For what a page derives from query results and shows as is (kerncijfers, formatted
    tables, the source index): it only changes when the store does, so a rerun takes the
    result instead of filtering and formatting the same frames again. ``fn`` is a module-level
    function of this package; ``lees(fn_name, *args)`` runs a query (cached as ``query``).
    Tests call ``fn(queries.lezer(engine), ...)`` without Streamlit.
    """
    url = settings.database_url()
    v = versie()
    try:
        return _uit_cache(_berekend, url, v, f"{fn.__module__}.{fn.__qualname__}", args, kwargs)
    except sa.exc.SQLAlchemyError:
        _stop_with("De database is niet bereikbaar of gaf een fout. Probeer het later opnieuw.")
