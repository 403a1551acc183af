"""View modes (screen, presentation, print) and how a chart is shown in each."""

from __future__ import annotations

import importlib

import plotly.graph_objects as go
import streamlit as st

from ijmond_dash.charts import common as chart_common

_INSTELLINGEN = "ijw_instellingen_plek"


class _BijGebruik:
    """A container made when first used (an attribute or ``with``), not before."""

    def __init__(self, maak):
        self._maak, self._dg = maak, None

    def _echt(self):
        if self._dg is None:
            self._dg = self._maak()
        return self._dg

    def __getattr__(self, naam):
        return getattr(self._echt(), naam)

    def __enter__(self):
        return self._echt().__enter__()

    def __exit__(self, *exc):
        return self._echt().__exit__(*exc)


def bediening(key: str, plek=None):
    """Where a page puts the controls of one part: on screen ``plek`` (or a container here);
    when presenting or printing a part of the page's one 'Instellingen' popover in the top
    bar, so that the projector and the paper show results, not inputs (the settings are
    printed as one line of words, ``instellingen_regel``). Use as ``with ui.bediening(...):``
    or ``ui.bediening(...).selectbox(...)``."""
    if modus() == SCHERM:
        return plek if plek is not None else st.container(key=f"ijw_bediening_{key}")
    plaats = st.session_state.get(_INSTELLINGEN)
    if plaats is None:  # a page run without the shell
        return st.container(key=f"ijw_bediening_{key}")
    if not isinstance(plaats, tuple):
        popover = plaats.container().popover("Instellingen", icon=":material/tune:")
        plaats = st.session_state[_INSTELLINGEN] = (popover,)
    return plaats[0].container(key=f"ijw_bediening_{key}")


PRESENTATIE, AFDRUK, SCHERM = "presentatie", "afdruk", "scherm"


MODI = (PRESENTATIE, AFDRUK)  # URL parameters of the shell itself: ?presentatie=1, ?afdruk=1


_AAN, _UIT = ("1", "true", "ja", "aan"), ("0", "false", "nee", "uit")


AFDRUK_BREEDTE = 1400  # px: the page's width in the print view, A4 landscape at the print CSS's zoom 0.72


AFDRUK_HOOGTE_SCHAAL, AFDRUK_MIN_HOOGTE = 0.7, 320  # a printed chart's height: its screen height × 0.7


def modus() -> str:
    """'presentatie', 'afdruk' or 'scherm', as the shell decided for this run."""
    for naam in MODI:
        if st.session_state.get(f"ijw_{naam}"):
            return naam
    return SCHERM


def presentatie() -> bool:
    return modus() == PRESENTATIE


def _wissel(naam: str) -> None:
    if st.session_state.get(f"ijw_{naam}"):
        st.query_params[naam] = "1"
        for ander in MODI:
            if ander != naam:
                st.session_state[f"ijw_{ander}"] = False
                if ander in st.query_params:
                    del st.query_params[ander]
    elif naam in st.query_params:
        del st.query_params[naam]


def _modus_uit_url() -> None:
    """?presentatie=1 / ?afdruk=1 -> session state; put them back after a page switch.

    Streamlit drops every query parameter on a page switch and restores only those of
    widgets bound with ``bind="query-params"``; the view mode is kept in session state.
    """
    for naam in MODI:
        key = f"ijw_{naam}"
        if naam in st.query_params:
            waarde = st.query_params.get(naam, "").strip().lower()
            st.session_state[key] = waarde in _AAN
            if waarde not in _AAN:
                del st.query_params[naam]
        elif st.session_state.get(key):
            st.query_params[naam] = "1"
    if st.session_state.get(f"ijw_{PRESENTATIE}") and st.session_state.get(f"ijw_{AFDRUK}"):
        st.session_state[f"ijw_{AFDRUK}"] = False
        if AFDRUK in st.query_params:
            del st.query_params[AFDRUK]


@st.cache_resource(show_spinner=False, max_entries=64, ttl=3600)
def _figuur(*, naam: str, args: tuple, kwargs: tuple) -> go.Figure:
    module, _, fn = naam.rpartition(".")
    if not module.startswith(f"{chart_common.__package__}."):
        raise ValueError(f"not a chart function of {chart_common.__package__}: {naam}")
    return chart_common.huisregels(getattr(importlib.import_module(module), fn)(*args, **dict(kwargs)))


def grafiek(fn, args: tuple, key: str, naam: str | None = None, **kwargs) -> None:
    """``plotly(fn(*args), ...)`` with the figure kept for equal arguments.

    For charts whose arguments repeat across reruns and sessions (a whole council opening one
    scenario link): the figure is built once per distinct input (Streamlit hashes the
    arguments, frames by content) and shared, read-only; ``plotly`` copies it before the
    presentation or print style changes it. ``fn`` is a chart function of ``charts``.
    """
    plotly(_figuur(naam=f"{fn.__module__}.{fn.__qualname__}", args=args, kwargs=()), key, naam, **kwargs)


def _alinea(klasse: str, tekst: str) -> str:
    return f"<p class='{klasse}'>{chart_common.tekst_html(tekst)}</p>"


def plotly(fig: go.Figure, key: str, naam: str | None = None, **kwargs) -> None:
    """Show a figure with its title and subtitle above it and its source line below it.

    The words are text on the page (from ``charts.common.kop``), so they wrap at any width
    and are never cut off; the figure follows the house rules (``charts.common.huisregels``).
    Presentation style when presenting, fixed width for print. ``fig`` itself is never
    changed (it may be shared, see ``grafiek``): a view mode restyles a copy.

    Plotly's own 'Download als PNG' in the chart's toolbar saves the drawing only: title and
    source are page text, outside the figure (a picture with them needs a server-side image
    renderer such as kaleido).
    """
    m = modus()
    if m != SCHERM or fig.layout.legend.yref != "container" or (fig.layout.title and fig.layout.title.text):
        fig = chart_common.huisregels(go.Figure(fig))  # a copy: ``fig`` may be shared
    titel, ondertitel, bron_tekst = chart_common.kop(fig)
    hoogte = fig.layout.height or 560
    if m == PRESENTATIE:
        chart_common.presentatie(fig)
        breedte, hoogte = 1920, fig.layout.height
    elif m == AFDRUK:  # the paper's width; lower, so that a page prints on at most three sheets
        meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
        if not (meta.get(chart_common.MEESCHALEN) or meta.get(chart_common.VASTE_HOOGTE)):  # placed for their height
            hoogte = max(AFDRUK_MIN_HOOGTE, round(hoogte * AFDRUK_HOOGTE_SCHAAL))
        fig.update_layout(height=hoogte)  # as wide as its column of the paper-wide page (CSS_AFDRUK)
        breedte = AFDRUK_BREEDTE
    else:
        breedte = 1600
    config = {
        "displaylogo": False,
        "displayModeBar": True,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": naam or key,
            "width": breedte,
            "height": hoogte,
            "scale": 1 if m == PRESENTATIE else 2,
        },
    }
    config.update(kwargs.pop("config", {}) or {})
    kwargs.setdefault("width", "stretch")
    kwargs.setdefault("theme", None)  # the house style's own colours and type, not Streamlit's chart theme
    with st.container(key=f"ijw_grafiek_{key}", gap="small"):
        if titel or ondertitel:
            st.markdown(
                "<div class='ijw-grafiek-kop'>"
                + (_alinea("ijw-grafiek-titel", titel) if titel else "")
                + (_alinea("ijw-grafiek-ondertitel", ondertitel) if ondertitel else "")
                + "</div>",
                unsafe_allow_html=True,
            )
        st.plotly_chart(fig, key=key, config=config, **kwargs)
        if bron_tekst:
            st.markdown(_alinea("ijw-grafiek-bron", bron_tekst), unsafe_allow_html=True)
