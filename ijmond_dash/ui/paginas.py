"""The page registry (keys, paths, titles, groups), the sidebar navigation and links between pages."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ijmond_dash.server import streamlit_intern

# The browser-tab icon: a local PNG (assets/make_icon.py). A Material icon here would make
# every browser fetch an SVG from fonts.gstatic.com. app.py passes it as a data URL (362
# bytes), read once per process: a file path makes Streamlit read the file and register it
# with its media manager again on every run of every session.
ICON = str(Path(__file__).resolve().parents[1] / "assets" / "icon.png")


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


GROUPS = ("Dashboard", "Herontwerp", "Verantwoording", "Presenteren", "Beheer")  # order of the sidebar sections


# Every page of the app: key -> spec, in navigation order within each group.
PAGES: dict[str, PageSpec] = {
    s.key: s
    for s in (
        PageSpec("overzicht", "pages/overzicht.py", "Overzicht", ":material/dashboard:", "Dashboard", default=True),
        PageSpec("uitkeringen", "pages/uitkeringen.py", "Uitkeringen per gemeente", ":material/groups:", "Dashboard"),
        PageSpec(
            "aanmeldingen", "pages/aanmeldingen.py", "Aanmeldingen-trend", ":material/trending_down:", "Dashboard"
        ),
        PageSpec("cijfers", "pages/cijfers.py", "IJmond Werkt! in cijfers", ":material/monitoring:", "Dashboard"),
        PageSpec("fasen", "pages/fasen.py", "Fasen re-integratie", ":material/account_tree:", "Dashboard"),
        PageSpec("scenario", "pages/scenario.py", "Scenario's herontwerp", ":material/alt_route:", "Herontwerp"),
        PageSpec("bronnen", "pages/bronnen.py", "Bronnen en datakwaliteit", ":material/menu_book:", "Verantwoording"),
        PageSpec("sessies", "pages/sessies.py", "Sessies", ":material/slideshow:", "Presenteren"),
        PageSpec("beheer", "pages/beheer.py", "Gegevens beheren", ":material/upload_file:", "Beheer", beheer=True),
    )
}


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
        bewaard = (
            sleutel,
            {
                groep: [st.Page(s.path, title=s.title, icon=s.icon, default=s.default) for s in specs]
                for groep, specs in groepen.items()
            },
        )
        st.session_state[_PAGINAS] = bewaard
    return bewaard[1]


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
