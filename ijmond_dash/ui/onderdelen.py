"""Parts every page uses: title and message, source lines, tables with downloads, sections."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from ijmond_dash import formatting
from ijmond_dash.analysis import woorden
from ijmond_dash.ui import export, paginas
from ijmond_dash.ui.cache import berekend
from ijmond_dash.ui.memo import per_run
from ijmond_dash.ui.toegang import _vereis_toegang
from ijmond_dash.ui.weergave import SCHERM, _BijGebruik, bediening, modus


def kop(titel: str, boodschap: str | None = None) -> None:
    """Page title and the one message of the screen (only for users with access). The message
    is plain text (it names stored names and figures): shown literally, never as HTML."""
    _vereis_toegang()
    paginas.ensure_navigation()
    st.title(titel, anchor=False)  # no link icon: on a phone it would wrap onto a line of its own
    if boodschap:
        st.markdown(f"<p class='ijw-boodschap'>{html.escape(boodschap)}</p>", unsafe_allow_html=True)


def bronnen_index() -> dict[str, tuple[str, str]]:
    """bron code -> (document title and date, tabel), once per run."""
    return per_run("bronnen_index", lambda: berekend(woorden.bronnen_index))


def tabel_en_download(df: pd.DataFrame, naam: str, key: str, units: dict | None = None, kolom: str = "bron") -> None:
    """A page table whose bron codes (``kolom``) read as document title, date and tabel, with
    CSV and Excel downloads of the same rows (the codes in a last, technical column)."""
    index = bronnen_index()
    st.dataframe(formatting.tabel(woorden.met_bron(df, index, kolom), units), hide_index=True, width="stretch")
    downloads(woorden.met_bron(df, index, kolom, technisch=True), naam, key=key)


def bron(codes: list[str] | str, peildatum: str | None = None) -> str:
    """A Dutch source line for one or more bron codes: per document its title and date (never
    the file name) and the tabel, then the peildatum. Plain text, also for charts; show it in
    Streamlit with ``bron_caption`` (escaped: titles and tables are store text)."""
    return woorden.bronregel(bronnen_index(), codes, peildatum)


def bron_caption(codes: list[str] | str, peildatum: str | None = None) -> None:
    st.caption(formatting.md_escape(bron(codes, peildatum)))


def resultaat_eerst(key: str):
    """A block whose controls come after its result on a phone, and before it elsewhere.

    Returns ``(bediening, resultaat)``: two containers in this order on a wide screen; below
    640 px the CSS (``CSS``, ``ijw_bediening_``) moves the controls under the result, so a phone
    shows the figure first. Create the widgets in ``bediening``, then fill ``resultaat``.
    When presenting or printing the controls go behind 'Instellingen' (``bediening``)."""
    blok = st.container(key=f"ijw_blok_{key}")
    if modus() != SCHERM:  # made on first use: no empty 'Instellingen' on a page with nothing to choose
        return _BijGebruik(lambda: bediening(key)), blok.container(key=f"ijw_resultaat_{key}")
    return blok.container(key=f"ijw_bediening_{key}"), blok.container(key=f"ijw_resultaat_{key}")


def uitklapvak(label: str, key: str):
    """An expander whose content only runs while it is open (Streamlit's lazy expander), and
    whose state is in the URL, so a copied link opens the same sections. Use as
    ``vak = ui.uitklapvak(...)`` then ``if vak.open: with vak: ...``."""
    return st.expander(label, key=key, on_change="rerun", bind="query-params")


def downloads(df: pd.DataFrame, naam: str, key: str) -> None:
    """CSV and Excel download buttons for exactly the table shown.

    The files are built only when the user clicks (Streamlit calls ``data`` then), not on
    every rerun of the page; ``df`` is a snapshot of the table shown in this run.
    """
    df = df.copy()
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download CSV",
        lambda: export.csv_bytes(df),
        f"{naam}.csv",
        "text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
        on_click="ignore",
    )
    c2.download_button(
        "Download Excel",
        lambda: export.excel_bytes(df, naam),
        f"{naam}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/download:",
        on_click="ignore",
    )
