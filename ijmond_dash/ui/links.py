"""Deep links: every setting in the URL, 'Link kopiëren', and the notice for a link with unknown settings."""

from __future__ import annotations

import datetime as dt
import math
from urllib.parse import urlencode

import streamlit as st

from ijmond_dash import formatting
from ijmond_dash.server import streamlit_intern
from ijmond_dash.ui.stappen import sessie_parameters
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


def _instelling_tekst(meta, waarde) -> str | None:
    """A widget's value in words for the settings line: the option as the page names it (its
    ``format_func``), numbers and dates the Dutch way, a range as 'van–tot'; an empty choice as
    'geen keuze'; None for an empty number (an assumption not filled in)."""
    if waarde is None or (isinstance(waarde, (list, tuple)) and not waarde):
        return None if meta.value_type in NUMMER_TYPES else "geen keuze"
    if isinstance(waarde, bool):
        return "aan" if waarde else "uit"
    reeks = list(waarde) if isinstance(waarde, (list, tuple)) else [waarde]
    scheiding = "–" if isinstance(waarde, tuple) and len(waarde) == 2 else ", "
    if all(isinstance(w, dt.date) for w in reeks):
        return scheiding.join(formatting.datum(w) for w in reeks)
    if meta.value_type in NUMMER_TYPES:
        return scheiding.join(formatting.getal(w, 0 if float(w).is_integer() else 2) for w in reeks)
    url = streamlit_intern.url_value(meta, waarde)
    return scheiding.join(url) if isinstance(url, list) else str(url)


def instellingen_regel(labels: dict[str, str]) -> str:
    """'Instellingen: Gemeenten: Beverwijk, Velsen · Periode (lijngrafiek): 2015–2022 · …': every
    widget of this page bound to the URL, by its label (``labels``: widget id -> label, as
    ``streamlit_intern.record_widget_labels`` collected them this run) and its value in words.
    '' when the page has none."""
    hashes = set(streamlit_intern.page_hashes() or ())
    delen = []
    for key, (widget_id, script_hash) in streamlit_intern.url_bound_widgets().items():
        label = labels.get(widget_id)
        meta = streamlit_intern.widget_metadata(widget_id)
        if not label or meta is None or key not in st.session_state or (hashes and script_hash not in hashes):
            continue
        tekst = _instelling_tekst(meta, st.session_state[key])
        if tekst:
            delen.append(f"{label.strip().rstrip(':')}: {tekst}")
    return ("Instellingen: " + " · ".join(delen) + ".") if delen else ""


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
    params.update(sessie_parameters())
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


def onjuiste_parameters(
    url: dict[str, tuple[str, ...]],
    geaccepteerd: dict[str, tuple[str, ...]],
    getallen: frozenset[str] | set[str] = frozenset(),
) -> list[str]:
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
