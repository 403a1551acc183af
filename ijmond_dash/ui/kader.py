"""What runs around every page: CSS, view mode, the top bar, the link control and URL checks."""

from __future__ import annotations

import html

import sqlalchemy as sa
import streamlit as st

from ijmond_dash import formatting, settings
from ijmond_dash.server import streamlit_intern
from ijmond_dash.ui.cache import _VERSIE, _lees_versie
from ijmond_dash.ui.links import _gebonden, deellink, instellingen_regel, onjuiste_parameters
from ijmond_dash.ui.stijl import CSS, CSS_AFDRUK, CSS_PRESENTATIE
from ijmond_dash.ui.weergave import (
    _INSTELLINGEN,
    AFDRUK,
    PRESENTATIE,
    SCHERM,
    _modus_uit_url,
    _wissel,
    modus,
    presentatie,
)


def shell() -> None:
    """What every page shares: CSS, view mode, the link/presentation bar, the sidebar note.

    Call before ``navigation.run()``; call ``afronden()`` after it.
    """
    st.session_state[_VERSIE] = _lees_versie()  # once per run; see versie()
    st.session_state["ijw_url_bij_start"] = {k: tuple(st.query_params.get_all(k)) for k in st.query_params}
    st.session_state["ijw_aanvaard"] = {}
    _modus_uit_url()
    st.markdown(CSS, unsafe_allow_html=True)
    if presentatie():
        st.markdown(CSS_PRESENTATIE, unsafe_allow_html=True)
    elif modus() == AFDRUK:
        st.markdown(CSS_AFDRUK, unsafe_allow_html=True)
    balk = st.container(horizontal=True, horizontal_alignment="right", key="ijw_balk", gap="medium")
    with balk:
        st.session_state["ijw_navigatie_plek"] = st.empty()  # Vorige/Volgende: bladeren(), after the shell
        st.session_state["ijw_link_plek"] = st.empty()
        st.session_state[_INSTELLINGEN] = st.empty() if modus() != SCHERM else None
        st.toggle(
            "Presentatie",
            key="ijw_presentatie",
            on_change=_wissel,
            args=(PRESENTATIE,),
            help="Grote letters, één grafiek per scherm, zonder zijbalk en knoppen.",
        )
        st.toggle(
            "Afdrukweergave",
            key="ijw_afdruk",
            on_change=_wissel,
            args=(AFDRUK,),
            help="Grafieken op papierbreedte; druk daarna af met Ctrl+P (liggend A4).",
        )
    st.session_state["ijw_melding_plek"] = st.empty()
    if modus() == AFDRUK:
        with st.container(key="ijw_afdrukhint"):
            st.caption(
                "Afdrukweergave: druk af met Ctrl+P (liggend A4). De keuzes staan onder 'Instellingen'; "
                "zet de schakelaar uit om terug te gaan."
            )
        st.session_state["ijw_instellingen_regel"] = st.empty()
        st.session_state["ijw_labels"] = streamlit_intern.record_widget_labels()
    url = sa.engine.make_url(settings.database_url())
    soort = "SQLite (lokaal bestand)" if url.get_backend_name() == "sqlite" else "PostgreSQL"
    st.sidebar.caption(f"Gegevens: {soort}. Alle cijfers komen uit de brondocumenten; zie 'Bronnen en datakwaliteit'.")


def afronden() -> None:
    """After the page ran: fill in the link control and report URL parameters it did not accept."""
    plek = st.session_state.pop("ijw_link_plek", None)
    if plek is not None and not presentatie():
        with plek.container():
            with st.popover("Link kopiëren", icon=":material/link:"):
                st.caption(
                    "Deze link opent deze pagina met precies deze instellingen. Kopieer hem met "
                    "het knopje rechtsboven in het vak."
                )
                st.code(deellink(), language=None, wrap_lines=True)
                from ijmond_dash.ui import handout_knoppen  # imports ui: only here, after both are loaded

                handout_knoppen.huidige_pagina_knoppen()
    regel_plek = st.session_state.pop("ijw_instellingen_regel", None)
    if regel_plek is not None and modus() == AFDRUK:
        try:
            regel = instellingen_regel(st.session_state.pop("ijw_labels", None) or {})
        except Exception:  # noqa: BLE001 - Streamlit internals moved: no line rather than an error
            regel = ""
        if regel:
            regel_plek.markdown(f"<p class='ijw-instellingen'>{html.escape(regel)}</p>", unsafe_allow_html=True)
    hashes = streamlit_intern.page_hashes()
    pagina = hashes[0] if hashes else ""
    url = st.session_state.pop("ijw_url_bij_start", {})
    aanvaard = st.session_state.pop("ijw_aanvaard", {})
    if st.session_state.get("ijw_gecontroleerd") == pagina:
        return  # same page as the last run: Streamlit's copy of the URL may lag behind
    st.session_state["ijw_gecontroleerd"] = pagina
    try:
        getallen: set[str] = set()
        fout = onjuiste_parameters(url, {**aanvaard, **_gebonden(met_standaard=True, getallen=getallen)}, getallen)
    except Exception:  # noqa: BLE001 - Streamlit internals moved: no notice rather than an error
        return
    melding = st.session_state.get("ijw_melding_plek")
    if fout and melding is not None:
        melding.info(
            "De link bevatte onbekende of ongeldige instellingen ("
            + ", ".join(formatting.md_escape(k) for k in sorted(fout))
            + "); de pagina toont daarvoor de standaardinstelling.",
            icon=":material/info:",
        )
