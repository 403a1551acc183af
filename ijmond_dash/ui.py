"""The Streamlit glue: cached engine and queries, page registry, shared headers and captions.

Pages import this module and ``queries``/``charts``; nothing else in the package imports
Streamlit.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from . import db, export, loader, queries, settings
from .validation import ValidationFailed

# Filled by app.py: page key -> st.Page, so pages can link to each other without
# linking to a page that is not in the navigation.
PAGES: dict[str, st.Page] = {}


@st.cache_resource(show_spinner="De gegevens worden voorbereid…")
def _engine(url: str):
    engine = db.create_engine(url)
    loader.init_store(engine)
    return engine


def _stop_with(message: str, details: list[str] | None = None) -> None:
    st.error(message, icon=":material/error:")
    if details:
        with st.expander("Details"):
            st.markdown("\n".join(f"- {d}" for d in details))
    st.stop()


def engine():
    """The store's engine, created, upgraded and filled once per URL and process."""
    url = settings.database_url()
    try:
        return _engine(url)
    except db.StoreUnavailable as exc:
        _stop_with(str(exc))
    except ValidationFailed as exc:
        _stop_with("De standaarddataset bevat fouten en is niet geladen; er is niets gewijzigd.",
                   [str(p) for p in exc.problems])
    except sa.exc.SQLAlchemyError:
        _stop_with("De database is niet bereikbaar of gaf een fout. Probeer het later opnieuw.")


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(url: str, versie: int, fn_name: str, args: tuple, kwargs: tuple):
    return getattr(queries, fn_name)(_engine(url), *args, **dict(kwargs))


def versie() -> int:
    """The store's version; part of every cache key, so an import shows at once."""
    try:
        return loader.store_version(engine())
    except sa.exc.SQLAlchemyError:
        _stop_with("De database is niet bereikbaar. Controleer of de database draait.")


def query(fn_name: str, *args, **kwargs):
    """Run ``queries.<fn_name>`` through the cache, keyed by URL and store version."""
    url = settings.database_url()
    v = versie()
    try:
        return _cached(url, v, fn_name, args, tuple(sorted(kwargs.items())))
    except sa.exc.SQLAlchemyError:
        _stop_with("De database is niet bereikbaar of gaf een fout. Probeer het later opnieuw.")


def ensure_navigation() -> None:
    """Leave Streamlit's legacy pages/ mode if this process is still in it.

    Streamlit switches a process to st.navigation only once app.py has called it. Because
    our pages live in ``pages/``, the first session after a server start that opens a deep
    link (e.g. ``/bronnen``) runs that page file on its own, without app.py and its
    navigation. Flip the process to navigation mode and rerun, so app.py runs first.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def kop(titel: str, boodschap: str | None = None) -> None:
    """Page title and the one message of the screen."""
    ensure_navigation()
    st.title(titel)
    if boodschap:
        st.markdown(f"<p class='ijw-boodschap'>{boodschap}</p>", unsafe_allow_html=True)


def bron(codes: list[str] | str, peildatum: str | None = None) -> str:
    """A Dutch source line for one or more bron codes: document, tabel and peildatum."""
    codes = [codes] if isinstance(codes, str) else list(dict.fromkeys(codes))
    df = query("bronnen").set_index("code")
    parts = [f"{df.at[c, 'document']} ({df.at[c, 'tabel']})" for c in codes if c in df.index]
    text = "Bron: " + "; ".join(parts)
    if peildatum:
        text += f" — peildatum {peildatum}"
    return text


def bron_caption(codes: list[str] | str, peildatum: str | None = None) -> None:
    st.caption(bron(codes, peildatum))


def link(page_key: str, label: str, icon: str | None = None) -> None:
    page = PAGES.get(page_key)
    if page is not None:
        st.page_link(page, label=label, icon=icon)


def downloads(df: pd.DataFrame, naam: str, key: str) -> None:
    """CSV and Excel download buttons for exactly the table shown."""
    c1, c2 = st.columns(2)
    c1.download_button("Download CSV", export.csv_bytes(df), f"{naam}.csv", "text/csv",
                       key=f"{key}_csv", icon=":material/download:")
    c2.download_button("Download Excel", export.excel_bytes(df, naam), f"{naam}.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", icon=":material/download:")


CSS = """
<style>
.ijw-boodschap { font-size: 1.45rem; line-height: 1.4; margin: 0 0 1rem 0; }
[data-testid="stMetricValue"] { font-size: 2.6rem; }
[data-testid="stMetricLabel"] p { font-size: 1.1rem; }
</style>
"""


def shell() -> None:
    """What every page shares: CSS and the sidebar note about the store."""
    st.markdown(CSS, unsafe_allow_html=True)
    url = sa.engine.make_url(settings.database_url())
    soort = "SQLite (lokaal bestand)" if url.get_backend_name() == "sqlite" else "PostgreSQL"
    st.sidebar.caption(f"Gegevens: {soort}. Alle cijfers komen uit de brondocumenten; zie "
                       "'Bronnen en datakwaliteit'.")
