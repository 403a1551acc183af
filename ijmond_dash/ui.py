"""The Streamlit glue: cached engine and queries, page registry, shared headers and captions.

Pages import this module and ``queries``/``charts``; nothing else in the package imports
Streamlit.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import html
import importlib
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import sqlalchemy as sa
import streamlit as st

from . import auth, db, export, formatting, loader, queries, settings, streamlit_intern
from .charts import common as chart_common
from .validation import ValidationFailed

_LOG = logging.getLogger(__name__)

# The browser-tab icon: a local PNG (assets/make_icon.py). A Material icon here would make
# every browser fetch an SVG from fonts.gstatic.com. app.py passes it as a data URL (362
# bytes), read once per process: a file path makes Streamlit read the file and register it
# with its media manager again on every run of every session.
ICON = str(Path(__file__).resolve().parent / "assets" / "icon.png")
ICON_URL = "data:image/png;base64," + base64.b64encode(Path(ICON).read_bytes()).decode("ascii")


@dataclass(frozen=True)
class PageSpec:
    """One page of the app, as data. ``pagina_objecten`` turns the specs into ``st.Page``
    objects once per session: ``st.navigation`` marks the chosen page object as callable and
    its ``run()`` unmarks it, so a page object must never be shared by sessions through a
    module-level registry (two sessions running the same page at once would collide)."""

    key: str
    path: str  # relative to the project root, as st.Page and st.page_link take it
    title: str
    icon: str
    group: str  # section of the sidebar navigation
    beheer: bool = False  # only in the navigation of beheerders
    default: bool = False  # the home page

    @property
    def url_path(self) -> str:
        """The URL path Streamlit gives the page ('' for the home page)."""
        return "" if self.default else Path(self.path).stem


GROUPS = ("Dashboard", "Herontwerp", "Verantwoording", "Beheer")  # order of the sidebar sections

# Every page of the app: key -> spec, in navigation order within each group.
PAGES: dict[str, PageSpec] = {s.key: s for s in (
    PageSpec("overzicht", "pages/overzicht.py", "Overzicht", ":material/dashboard:", "Dashboard", default=True),
    PageSpec("uitkeringen", "pages/uitkeringen.py", "Uitkeringen per gemeente", ":material/groups:", "Dashboard"),
    PageSpec("aanmeldingen", "pages/aanmeldingen.py", "Aanmeldingen-trend", ":material/trending_down:", "Dashboard"),
    PageSpec("cijfers", "pages/cijfers.py", "IJmond Werkt! in cijfers", ":material/monitoring:", "Dashboard"),
    PageSpec("fasen", "pages/fasen.py", "Fasen re-integratie", ":material/account_tree:", "Dashboard"),
    PageSpec("scenario", "pages/scenario.py", "Scenario's herontwerp", ":material/alt_route:", "Herontwerp"),
    PageSpec("bronnen", "pages/bronnen.py", "Bronnen en datakwaliteit", ":material/menu_book:", "Verantwoording"),
    PageSpec("beheer", "pages/beheer.py", "Gegevens beheren", ":material/upload_file:", "Beheer", beheer=True),
)}


def navigatie(mag_beheren: bool) -> dict[str, list[PageSpec]]:
    """The pages a user gets, per group in sidebar order (Beheer only for beheerders)."""
    groepen: dict[str, list[PageSpec]] = {}
    for groep in GROUPS:
        specs = [s for s in PAGES.values() if s.group == groep and (mag_beheren or not s.beheer)]
        if specs:
            groepen[groep] = specs
    return groepen


_PAGINAS = "ijw_paginas"


def pagina_objecten(mag_beheren: bool) -> dict[str, list]:
    """``st.navigation``'s input: the ``st.Page`` objects of ``navigatie(mag_beheren)``.

    Made once per session and kept in its session state (building nine pages resolves nine
    paths, about a millisecond of every run): a session runs one script at a time, so its
    page objects are never used by two runs at once; they are never shared between sessions
    (see ``PageSpec``). Made again when the user's role or the registry changes.
    """
    groepen = navigatie(mag_beheren)
    sleutel = tuple((groep, tuple(specs)) for groep, specs in groepen.items())
    bewaard = st.session_state.get(_PAGINAS)
    if bewaard is None or bewaard[0] != sleutel:
        bewaard = (sleutel, {groep: [st.Page(s.path, title=s.title, icon=s.icon, default=s.default) for s in specs]
                             for groep, specs in groepen.items()})
        st.session_state[_PAGINAS] = bewaard
    return bewaard[1]


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


def _vereis_toegang() -> None:
    if not gebruiker().mag_kijken:
        _geweigerd()
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
        _stop_with("De standaarddataset bevat fouten en is niet geladen; er is niets gewijzigd.",
                   [str(p) for p in exc.problems])
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
_PER_RUN = "ijw_per_run"


def begin() -> None:
    """The start of every script run (in app.py, before anything asks per_run): forget the
    previous run's memo."""
    st.session_state[_PER_RUN] = {}


def per_run(naam: str, maak):
    """``maak()``, computed once per script run: for what several places of one run ask for
    (the user, the source index). A page run without app.py (the pages/ fallback before
    ``ensure_navigation``) has no memo and computes every time."""
    memo = st.session_state.get(_PER_RUN)
    if memo is None:
        return maak()
    if naam not in memo:
        memo[naam] = maak()
    return memo[naam]


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


def query(fn_name: str, *args, **kwargs):
    """Run ``queries.<fn_name>`` through the cache, keyed by URL and store version."""
    url = settings.database_url()
    v = versie()
    try:
        return _uit_cache(_cached, url, v, fn_name, args, kwargs)
    except sa.exc.SQLAlchemyError:
        _stop_with("De database is niet bereikbaar of gaf een fout. Probeer het later opnieuw.")


@st.cache_resource(show_spinner=False, max_entries=512)
def _berekend(*, sleutel: tuple):
    url, versie, naam, args, kwargs = sleutel
    module, _, fn = naam.rpartition(".")
    if not module.startswith(f"{__package__}."):
        raise ValueError(f"not a function of {__package__}: {naam}")

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


def ensure_navigation() -> None:
    """Leave Streamlit's legacy pages/ mode if this process is still in it.

    Streamlit switches a process to st.navigation only once app.py has called it. Because
    our pages live in ``pages/``, the first session after a server start that opens a deep
    link (e.g. ``/bronnen``) runs that page file on its own, without app.py and its
    navigation. Flip the process to navigation mode and rerun, so app.py runs first.
    """
    if streamlit_intern.uses_pages_directory():
        streamlit_intern.leave_pages_directory()
        st.rerun()


def kop(titel: str, boodschap: str | None = None) -> None:
    """Page title and the one message of the screen (only for users with access). The message
    is plain text (it names stored names and figures): shown literally, never as HTML."""
    _vereis_toegang()
    ensure_navigation()
    st.title(titel, anchor=False)  # no link icon: on a phone it would wrap onto a line of its own
    if boodschap:
        st.markdown(f"<p class='ijw-boodschap'>{html.escape(boodschap)}</p>", unsafe_allow_html=True)


def bronnen_index() -> dict[str, tuple[str, str]]:
    """bron code -> (document title and date, tabel), once per run."""
    return per_run("bronnen_index", lambda: berekend(formatting.bronnen_index))


def tabel_en_download(df: pd.DataFrame, naam: str, key: str, units: dict | None = None, kolom: str = "bron") -> None:
    """A page table whose bron codes (``kolom``) read as document title, date and tabel, with
    CSV and Excel downloads of the same rows (the codes in a last, technical column)."""
    index = bronnen_index()
    st.dataframe(formatting.tabel(formatting.met_bron(df, index, kolom), units), hide_index=True, width="stretch")
    downloads(formatting.met_bron(df, index, kolom, technisch=True), naam, key=key)


def bron(codes: list[str] | str, peildatum: str | None = None) -> str:
    """A Dutch source line for one or more bron codes: per document its title and date (never
    the file name) and the tabel, then the peildatum. Plain text, also for charts; show it in
    Streamlit with ``bron_caption`` (escaped: titles and tables are store text)."""
    return formatting.bronregel(bronnen_index(), codes, peildatum)


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


def link(page_key: str, label: str, icon: str | None = None) -> None:
    """A link to another page of the app, by key; nothing when that page is not in this
    user's navigation (e.g. Beheer for a kijker)."""
    spec = PAGES.get(page_key)
    if spec is None:
        return
    try:
        st.page_link(spec.path, label=label, icon=icon)
    except streamlit_intern.page_not_found_error():
        pass


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
    c1.download_button("Download CSV", lambda: export.csv_bytes(df), f"{naam}.csv", "text/csv",
                       key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    c2.download_button("Download Excel", lambda: export.excel_bytes(df, naam), f"{naam}.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", icon=":material/download:", on_click="ignore")


CSS = """
<style>
.ijw-boodschap { font-size: 1.45rem; line-height: 1.4; margin: 0 0 1rem 0; }
/* Metric, widget and toggle labels and metric values wrap between words instead of ending in an
   ellipsis (Streamlit cuts them off on one line). */
[data-testid="stMain"] .stMarkdownEllipsis, [data-testid="stMain"] .stMarkdownEllipsis p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: normal; word-break: normal; }
[data-testid="stMain"] [data-testid="stWidgetLabel"] div:has(> span > .stMarkdownEllipsis) { overflow: visible; }
[data-testid="stMetricValue"] { font-size: 2.6rem; line-height: 1.15; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: inherit !important;
  line-height: inherit; }
[data-testid="stMetricLabel"] p { font-size: 1.1rem; line-height: 1.3; }
/* Headings break between words, never inside one. */
h1, h2, h3, h4 { overflow-wrap: normal !important; word-break: normal !important; hyphens: manual; }
/* A chart's title, subtitle and source line: page text around the figure (ui.plotly), so they
   wrap at any width; a long word (a file name) breaks rather than running out of the column. */
[data-testid="stMarkdownContainer"] p.ijw-grafiek-titel { font-size: 1.25rem; font-weight: 600; line-height: 1.3;
  margin: 0 0 0.15rem 0; color: #1a1a1a; overflow-wrap: break-word; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-ondertitel { font-size: 1rem; line-height: 1.4; margin: 0;
  color: #444; overflow-wrap: break-word; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-bron { font-size: 0.875rem; line-height: 1.4; margin: 0;
  color: #5c5e66; overflow-wrap: break-word; }
[class*="st-key-ijw_grafiek_"] { margin-bottom: 0.75rem; }
/* Streamlit greys captions with opacity 0.6 (4.43:1 on the sidebar, and 3:1 for code in a caption):
   a solid grey instead, at least 5.8:1 on white and on the sidebar. */
[data-testid="stCaptionContainer"] { color: #5c5e66; opacity: 1; }
/* A compact top: the control bar right under Streamlit's header (3.75rem), the title right
   after it; elements that only carry CSS or a script take no room. */
[data-testid="stMainBlockContainer"] { padding-top: 4.25rem !important; }
[data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] style),
[data-testid="stLayoutWrapper"]:has(> .st-key-ijw_voorladen) { display: none; }
.st-key-ijw_balk { gap: 0.75rem 1.25rem !important; }
[data-testid="stMain"] h1 { padding-top: 0.5rem; }
@media (max-width: 640px) {
  /* a phone: the bar stays one row (printing from a phone is not a use), results before controls */
  .st-key-ijw_afdruk, .st-key-ijw_balk [data-testid="stTooltipIcon"] { display: none !important; }
  .st-key-ijw_balk { flex-wrap: nowrap !important; }
  [class*="st-key-ijw_bediening_"] { order: 1; }
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-ijw_bediening_"]) { order: 1; }
  h1 { font-size: 2rem !important; }
  h2 { font-size: 1.6rem !important; }
  h3 { font-size: 1.3rem !important; }
  /* no link icon beside a heading: on a phone it wraps onto a line of its own (and there is no hover) */
  [data-testid="stHeaderActionElements"] { display: none !important; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stExpandSidebarButton"], [data-testid="stDecoration"], .st-key-ijw_balk,
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stPopover"],
  [data-testid="stPageLink"], [data-testid="stFileUploader"], .modebar-container { display: none !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: visible !important; }
  [data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stDataFrame"],
  [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; page-break-inside: avoid; }
  [data-testid="stPlotlyChart"] { overflow: visible !important; max-width: 100% !important; }
  h1, h2, h3 { break-after: avoid; }
  /* paper shows results: no inputs (their settings are one line of words, ui.instellingen_regel),
     no closed sections, no hint; a chart with its title and source on one page */
  html { zoom: 0.72; }
  [data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stRadio"],
  [data-testid="stSlider"], [data-testid="stNumberInput"], [data-testid="stTextInput"],
  [data-testid="stTextArea"], [data-testid="stDateInput"], [data-testid="stTimeInput"],
  [data-testid="stCheckbox"], [data-testid="stButtonGroup"], [data-testid="stColorPicker"],
  [data-testid="stExpander"]:has(details:not([open])), .st-key-ijw_afdrukhint,
  [data-testid="stElementContainer"]:has(> [data-testid="stEmpty"]) { display: none !important; }
  [class*="st-key-ijw_grafiek_"], [data-testid="stTable"], [data-testid="stAlert"] {
    break-inside: avoid; page-break-inside: avoid; }
  /* long lists of notes (Bronnen: the data-quality notes) in two columns */
  [data-testid="stMarkdownContainer"]:has(> ul ~ ul ~ ul) { column-count: 2; column-gap: 2rem; }
  [data-testid="stMarkdownContainer"]:has(> ul ~ ul ~ ul) :is(p, li) { font-size: 0.85rem; }
  /* columns stay side by side on paper (Streamlit would stack those holding a chart) */
  [data-testid="stHorizontalBlock"] { display: flex !important; flex-wrap: nowrap !important; }
  [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] { min-width: 0 !important; }
}
p.ijw-instellingen { font-size: 1rem; line-height: 1.4; margin: 0 0 0.5rem 0; color: #1a1a1a; }
</style>
"""

# Presentation mode: no sidebar, no controls, large type, one chart per screen.
CSS_PRESENTATIE = """
<style>
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0.5rem 2.5rem 2rem 2.5rem !important; }
html, body, [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 26px; }
/* A compact title: the message and the chart fill the first screen (1920×1080). */
[data-testid="stMain"] h1 { font-size: 2.3rem !important; padding: 0 0 0.2rem 0 !important; line-height: 1.15; }
h2 { font-size: 1.9rem !important; }
h3 { font-size: 1.6rem !important; }
.ijw-boodschap { font-size: 1.35rem !important; font-weight: 600; color: #000; line-height: 1.3 !important;
  margin: 0 0 0.5rem 0 !important; }
/* html is 26px here, so rem is 26px: label 30px, value 83px (presentation draws a value at
   least 1,5 times its label; the label's rule must not reach the value's paragraph). */
[data-testid="stMetricValue"] { font-size: 3.2rem !important; color: #000; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: inherit !important; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem !important; color: #000; }
[data-testid="stCaptionContainer"] { color: #222 !important; }
/* Tables, alerts, tabs and sections at projector size too. */
[data-testid="stTable"] th, [data-testid="stTable"] td, [data-testid="stTable"] th p,
[data-testid="stTable"] td p { font-size: 26px !important; color: #000; padding: 0.4rem 0.8rem !important; }
[data-testid="stAlert"] [data-testid="stMarkdownContainer"] p,
[data-testid="stAlert"] li { font-size: 26px !important; }
[data-testid="stTab"] p, [data-baseweb="tab"] p { font-size: 26px !important; }
[data-testid="stExpander"] summary p { font-size: 26px !important; }
/* Inputs are hidden: the page's controls are behind the one 'Instellingen' popover in the top
   bar (ui.bediening), whose content is shown; so is the bar itself. */
[data-testid="stMain"] :is([data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stRadio"],
[data-testid="stSlider"], [data-testid="stNumberInput"], [data-testid="stTextInput"],
[data-testid="stTextArea"], [data-testid="stDateInput"], [data-testid="stTimeInput"],
[data-testid="stCheckbox"], [data-testid="stButtonGroup"], [data-testid="stButton"],
[data-testid="stDownloadButton"], [data-testid="stPopover"], [data-testid="stPageLink"],
[data-testid="stFileUploader"], [data-testid="stColorPicker"]):not(.st-key-ijw_balk *):not(
[data-testid="stPopoverBody"] *), .modebar-container { display: none !important; }
[data-testid="stPopoverBody"] { font-size: 18px; }
[data-testid="stPopoverBody"] [data-testid="stMarkdownContainer"] p,
[data-testid="stPopoverBody"] [data-testid="stCaptionContainer"] { font-size: 18px !important; }
.st-key-ijw_balk [data-testid="stPopover"] button p { font-size: 20px; }
.st-key-ijw_afdruk { display: none !important; }
/* One chart per screen: title, figure (charts.common.presentatie) and source line fill it;
   charts side by side are stacked. Spacing goes on the chart's block, never inside it: a chart
   taller than its container would make the container a scrollable region that a keyboard
   cannot reach. */
[class*="st-key-ijw_grafiek_"] { scroll-snap-align: start; margin-bottom: 4vh; }
[data-testid="stHorizontalBlock"]:has([data-testid="stPlotlyChart"]) { flex-wrap: wrap !important; }
[data-testid="stHorizontalBlock"]:has([data-testid="stPlotlyChart"]) > [data-testid="stColumn"] {
  min-width: 100% !important; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-titel { font-size: 36px; color: #000; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-ondertitel { font-size: 26px; color: #222; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-bron { font-size: 22px; color: #222; }
</style>
"""

# Print view: the page as wide as the paper (A4 landscape, 12 mm margins, zoom 0.72), so a
# chart drawn on screen fits the paper; printing is CSS's @media print.
CSS_AFDRUK = """
<style>
[data-testid="stMainBlockContainer"] { max-width: 1400px; }
</style>
"""

PRESENTATIE, AFDRUK, SCHERM = "presentatie", "afdruk", "scherm"
MODI = (PRESENTATIE, AFDRUK)  # URL parameters of the shell itself: ?presentatie=1, ?afdruk=1
_AAN, _UIT = ("1", "true", "ja", "aan"), ("0", "false", "nee", "uit")
AFDRUK_BREEDTE = 1400  # px: the page's width in the print view, A4 landscape at the print CSS's zoom 0.72
AFDRUK_HOOGTE_SCHAAL, AFDRUK_MIN_HOOGTE = 0.7, 320  # a printed chart's height: its screen height × 0.7


# ---------------------------------------------------------------- access


class ToegangOnleesbaar(RuntimeError):
    """The secrets file exists but cannot be read: nobody gets in until it can."""


TOEGANG_ONLEESBAAR = ("De toegangsinstellingen van deze server (secrets.toml) kunnen niet worden gelezen. "
                      "Het dashboard blijft dicht tot ze in orde zijn; vraag de beheerder van de server het bestand "
                      "te herstellen.")
_GEMELD: set[tuple[str, str]] = set()  # (file, error) already logged by this process


def _secrets() -> dict:
    """The [auth] and [toegang] sections; {} when there is no secrets file at all (the laptop
    default). A file that exists but does not read raises ``ToegangOnleesbaar`` (fail closed)
    and is logged once per process with its path."""
    try:
        return {k: st.secrets[k] for k in ("auth", "toegang") if k in st.secrets}
    except Exception as exc:  # noqa: BLE001 - Streamlit raises its own types for a missing or broken file
        bestanden = [Path(p) for p in st.get_option("secrets.files")]
        aanwezig = [p for p in bestanden if p.exists()]
        if not aanwezig and isinstance(exc, FileNotFoundError):
            return {}
        sleutel = (", ".join(str(p) for p in aanwezig), str(exc))
        if sleutel not in _GEMELD:
            _GEMELD.add(sleutel)
            _LOG.error("Access configuration %s cannot be read; every page stays closed: %s", sleutel[0], exc)
        raise ToegangOnleesbaar(sleutel[0]) from exc


def _verzoek() -> tuple[dict[str, str], str | None]:
    """This request's headers and its client's address (None for a loopback client, as
    st.context.ip_address reports it; AppTest, which has no client, gives a stand-in object)."""
    try:
        headers, adres = dict(st.context.headers), st.context.ip_address
    except Exception:  # noqa: BLE001 - no session context: nothing says it came from elsewhere
        return {}, None
    return headers, adres if isinstance(adres, str) else None


def toegang_configuratie() -> auth.Toegang:
    """This deployment's access configuration for the current request (``auth.configuratie``)."""
    try:
        lokaal = settings.lokaal_beheer()
    except settings.OngeldigeInstelling:
        lokaal = False  # engine() stops the run with the message
    headers, adres = _verzoek()
    return auth.configuratie(_secrets(), st.get_option("server.address"), lokaal_toegestaan=lokaal,
                             headers=headers, client_adres=adres)


def _gebruiker_nu() -> auth.Gebruiker:
    try:
        toegang = toegang_configuratie()
    except ToegangOnleesbaar:
        st.session_state["ijw_toegangsfout"] = True
        return auth.Gebruiker("onbekend", "geen", ingelogd=False)
    st.session_state.pop("ijw_toegangsfout", None)
    try:
        user = st.user.to_dict()
    except Exception:  # noqa: BLE001 - no session context
        user = {}
    return auth.gebruiker(toegang, user)


def gebruiker() -> auth.Gebruiker:
    """The current user and role (laptop default: the local beheerder); decided once per run."""
    return per_run("gebruiker", _gebruiker_nu)


def _inloggen() -> None:
    try:
        st.login()
    except Exception:  # noqa: BLE001 - a misconfigured [auth] section
        st.session_state["ijw_loginfout"] = True


def _geweigerd() -> None:
    """The only page a user without access gets: login, or a clear 'no access' message."""
    g = gebruiker()
    st.title("IJmond Werkt! dashboard")
    if st.session_state.get("ijw_toegangsfout"):
        st.error(TOEGANG_ONLEESBAAR, icon=":material/lock:")
    elif not g.ingelogd:
        st.markdown("<p class='ijw-boodschap'>Log in met je account van de organisatie om het dashboard "
                    "te bekijken.</p>", unsafe_allow_html=True)
        st.button("Inloggen", key="ijw_inloggen", on_click=_inloggen, type="primary", icon=":material/login:")
        if st.session_state.get("ijw_loginfout"):
            st.error("Inloggen is op deze server niet goed ingesteld. Neem contact op met de beheerder.")
    else:
        st.error(f"Je bent ingelogd als {g.naam}, maar dit account heeft geen toegang tot het dashboard. "
                 "Vraag de beheerder van het dashboard om toegang.", icon=":material/block:")
        st.button("Uitloggen", key="ijw_uitloggen", on_click=st.logout, icon=":material/logout:")


def toegangspoort() -> auth.Gebruiker:
    """Check access before any page runs and before any data is read; stop when denied.

    A denied user gets a navigation with one hidden page (login or the 'no access'
    message), so whatever page the link asked for, only that page runs.
    """
    g = gebruiker()
    if g.mag_kijken:
        if g.ingelogd:
            st.sidebar.caption(f"Ingelogd als {g.naam} ({g.rol}).")
            st.sidebar.button("Uitloggen", key="ijw_uitloggen", on_click=st.logout, icon=":material/logout:")
        return g
    st.navigation([st.Page(_geweigerd, title="Inloggen", url_path="inloggen", default=True)],
                  position="hidden").run()
    st.stop()
    return g  # pragma: no cover - st.stop() raises


def vereis_beheerder() -> auth.Gebruiker:
    """For pages that change data: stop with a Dutch message unless the user is beheerder."""
    _vereis_toegang()
    g = gebruiker()
    if not g.mag_beheren:
        st.error("Alleen beheerders kunnen gegevens beheren.", icon=":material/block:")
        st.stop()
    return g


# ---------------------------------------------------------------- presentation and print


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
    if not module.startswith(f"{__package__}.charts."):
        raise ValueError(f"not a chart function of {__package__}.charts: {naam}")
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
        "toImageButtonOptions": {"format": "png", "filename": naam or key, "width": breedte,
                                 "height": hoogte, "scale": 1 if m == PRESENTATIE else 2},
    }
    config.update(kwargs.pop("config", {}) or {})
    kwargs.setdefault("width", "stretch")
    kwargs.setdefault("theme", None)  # the house style's own colours and type, not Streamlit's chart theme
    with st.container(key=f"ijw_grafiek_{key}", gap="small"):
        if titel or ondertitel:
            st.markdown("<div class='ijw-grafiek-kop'>" + (_alinea("ijw-grafiek-titel", titel) if titel else "")
                        + (_alinea("ijw-grafiek-ondertitel", ondertitel) if ondertitel else "") + "</div>",
                        unsafe_allow_html=True)
        st.plotly_chart(fig, key=key, config=config, **kwargs)
        if bron_tekst:
            st.markdown(_alinea("ijw-grafiek-bron", bron_tekst), unsafe_allow_html=True)


# ---------------------------------------------------------------- deep links


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


# ---------------------------------------------------------------- shell


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
        st.session_state["ijw_link_plek"] = st.empty()
        st.session_state[_INSTELLINGEN] = st.empty() if modus() != SCHERM else None
        st.toggle("Presentatie", key="ijw_presentatie", on_change=_wissel, args=(PRESENTATIE,),
                  help="Grote letters, één grafiek per scherm, zonder zijbalk en knoppen.")
        st.toggle("Afdrukweergave", key="ijw_afdruk", on_change=_wissel, args=(AFDRUK,),
                  help="Grafieken op papierbreedte; druk daarna af met Ctrl+P (liggend A4).")
    st.session_state["ijw_melding_plek"] = st.empty()
    if modus() == AFDRUK:
        with st.container(key="ijw_afdrukhint"):
            st.caption("Afdrukweergave: druk af met Ctrl+P (liggend A4). De keuzes staan onder 'Instellingen'; "
                       "zet de schakelaar uit om terug te gaan.")
        st.session_state["ijw_instellingen_regel"] = st.empty()
        st.session_state["ijw_labels"] = streamlit_intern.record_widget_labels()
    url = sa.engine.make_url(settings.database_url())
    soort = "SQLite (lokaal bestand)" if url.get_backend_name() == "sqlite" else "PostgreSQL"
    st.sidebar.caption(f"Gegevens: {soort}. Alle cijfers komen uit de brondocumenten; zie "
                       "'Bronnen en datakwaliteit'.")


def afronden() -> None:
    """After the page ran: fill in the link control and report URL parameters it did not accept."""
    plek = st.session_state.pop("ijw_link_plek", None)
    if plek is not None and not presentatie():
        with plek.container():
            with st.popover("Link kopiëren", icon=":material/link:"):
                st.caption("Deze link opent deze pagina met precies deze instellingen. Kopieer hem met "
                           "het knopje rechtsboven in het vak.")
                st.code(deellink(), language=None, wrap_lines=True)
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
        melding.info("De link bevatte onbekende of ongeldige instellingen ("
                     + ", ".join(formatting.md_escape(k) for k in sorted(fout))
                     + "); de pagina toont daarvoor de standaardinstelling.", icon=":material/info:")
