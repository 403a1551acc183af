"""Deep links: every setting in the URL, 'Link kopiëren', and the notice for a link with unknown settings."""

from __future__ import annotations

import math
from urllib.parse import urlencode

import streamlit as st

from ijmond_dash.server import streamlit_intern
from ijmond_dash.ui.weergave import _AAN, _UIT, MODI

NUMMER_TYPES = ("double_value", "int_value", "double_array_value", "int_array_value")


def _gebonden(met_standaard: bool = False, getallen: set[str] | None = None) -> dict[str, tuple[str, ...]]:
    """URL form of every widget of this page bound to the URL, as Streamlit would write it.

    ``getallen``, when given, receives the keys of the numeric widgets (number input, slider).
    """
    hashes = set(streamlit_intern.page_hashes() or ())
    out: dict[str, tuple[str, ...]] = {}
    for key, (widget_id, script_hash) in streamlit_intern.url_bound_widgets().items():
        if hashes and script_hash not in hashes:
            continue
        meta = streamlit_intern.widget_metadata(widget_id)
        if meta is None or key not in st.session_state:
            continue
        value = st.session_state[key]
        if not met_standaard and value == meta.deserializer(None):
            continue  # Streamlit keeps default values out of the URL
        if getallen is not None and meta.value_type in NUMMER_TYPES:
            getallen.add(key)
        url = streamlit_intern.url_value(meta, value)  # as Streamlit writes it (3000000.0 -> "3000000")
        out[key] = tuple(url) if isinstance(url, list) else (url,)
    return out


def aanvaard_parameter(key: str, waarde: str) -> None:
    """A setting the page shows without a widget (one option only): a link that names it
    with this value is valid, no 'ongeldige link' notice. It stays out of 'Link kopiëren',
    like a widget at its default value."""
    st.session_state.setdefault("ijw_aanvaard", {})[key] = (waarde,)


def link_parameters() -> dict[str, tuple[str, ...]]:
    """The query parameters that reproduce the current view (widgets and view mode)."""
    try:
        params = _gebonden()
    except Exception:  # noqa: BLE001 - Streamlit internals moved: fall back to the URL as it is
        params = {k: tuple(st.query_params.get_all(k)) for k in st.query_params}
    for naam in MODI:
        if st.session_state.get(f"ijw_{naam}"):
            params[naam] = ("1",)
    return params


def deellink() -> str:
    """The full link of this view: the page URL and every setting."""
    base = st.context.url or ""
    query = urlencode([(k, v) for k, vs in link_parameters().items() for v in vs])
    return f"{base}?{query}" if query else (base or "?")


def _norm_een(v, getal: bool) -> str:
    tekst = str(v).strip()
    if tekst.lower() in ("true", "false"):
        return tekst.lower()
    if getal:  # a number input: '3000000.0' in a link is the 3000000 it shows
        try:
            x = float(tekst)
        except ValueError:
            return str(v)
        return repr(x) if math.isfinite(x) else str(v)
    return str(v)


def _norm(values, getal: bool = False) -> tuple[str, ...]:
    values = values if isinstance(values, (list, tuple)) else (values,)
    return tuple(_norm_een(v, getal) for v in values)


def onjuiste_parameters(url: dict[str, tuple[str, ...]], geaccepteerd: dict[str, tuple[str, ...]],
                        getallen: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """URL parameters that the page did not accept as given (unknown, invalid or corrected).

    ``getallen``: keys of number inputs, whose values compare as numbers.
    """
    fout = []
    for key, values in url.items():
        if key in MODI:
            if not (len(values) == 1 and values[0].strip().lower() in _AAN + _UIT):
                fout.append(key)
        elif key not in geaccepteerd or _norm(values, key in getallen) != _norm(geaccepteerd[key], key in getallen):
            fout.append(key)
    return fout
