"""The Streamlit glue of the handouts (``handouts``): two download buttons that make a PDF or
a PowerPoint file of one or more views, only when clicked.

``knoppen(stappen, bestandsnaam)`` takes steps as a sessie gives them (``.pagina``,
``.parameters``, ``.notitie``, ``.titel``); ``huidige_pagina_knoppen()`` makes the handout of the
page on screen with its current URL settings (``ui.afronden`` calls it).

The file is built in Streamlit's download request, outside the script run: everything it needs
(the store's engine, the steps) is taken along here. A failure never ends in a traceback: a
chart that cannot be drawn (no chromium) leaves a Dutch note in its place, and when the data
cannot be read the file holds a Dutch message.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from ijmond_dash import ui
from ijmond_dash.server import streamlit_intern
from ijmond_dash.store import queries
from ijmond_dash.ui import handouts

_LOG = logging.getLogger(__name__)
PDF_MIME = "application/pdf"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
GEEN_BROWSER = (
    "De grafieken in een handout worden gemaakt met de browser chromium op deze machine; die is niet "
    "gevonden. De handout bevat dan alleen tekst."
)


@dataclass(frozen=True)
class Stap:
    """One view of a handout (a sessie step has the same fields)."""

    pagina: str
    parameters: Mapping[str, object] = field(default_factory=dict)
    notitie: str = ""
    titel: str = ""


def browser_aanwezig() -> bool:
    pad = os.environ.get("BROWSER_PATH") or handouts.BROWSER
    return Path(pad).is_file() and os.access(pad, os.X_OK)


def _foutblad(tekst: str) -> handouts.Blad:
    return handouts.Blad("", "Handout", tekst)


def maak(engine, stappen: Iterable, soort: str) -> bytes:
    """The handout file (``soort`` 'pdf' or 'pptx') of ``stappen``, read from ``engine``."""
    stappen = list(stappen)
    try:
        bladen = handouts.uit_stappen(stappen, queries.lezer(engine))
    except handouts.HandoutFout as exc:
        bladen = [_foutblad(str(exc))]
    except Exception:  # noqa: BLE001 - the file says so in Dutch; the log has the details
        _LOG.exception("handout data could not be read")
        bladen = [
            _foutblad(
                "De handout kon niet worden gemaakt: de gegevens konden niet worden gelezen. Probeer het later opnieuw."
            )
        ]
    try:
        handouts.beelden(bladen)
    except handouts.HandoutFout as exc:
        _LOG.exception("handout charts could not be rendered")
        for b in bladen:
            if b.figuur is not None and b.beeld is None:
                b.melding = f"{exc} De grafiek staat in het dashboard."
    return handouts.pdf(bladen) if soort == "pdf" else handouts.pptx(bladen)


def knoppen(stappen: Iterable, bestandsnaam: str, key: str = "ijw_handout") -> None:
    """'Handout (PDF)' and 'Handout (PowerPoint)': the file of ``stappen`` (one page or slide per
    step), built on click. ``bestandsnaam`` without extension."""
    stappen = list(stappen)
    engine = ui.engine()
    rij = st.container(horizontal=True, gap="small")  # side by side where they fit, else stacked
    rij.download_button(
        "Handout (PDF)",
        lambda: maak(engine, stappen, "pdf"),
        f"{bestandsnaam}.pdf",
        PDF_MIME,
        key=f"{key}_pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )
    rij.download_button(
        "Handout (PowerPoint)",
        lambda: maak(engine, stappen, "pptx"),
        f"{bestandsnaam}.pptx",
        PPTX_MIME,
        key=f"{key}_pptx",
        icon=":material/slideshow:",
        on_click="ignore",
    )
    if not browser_aanwezig():
        st.caption(GEEN_BROWSER)


_HASHES: dict[str, str] = {}  # page script hash -> page key, per process


def huidige_pagina() -> str | None:
    """The page key (ui.PAGES) of the page this run shows; None outside a page run."""
    hashes = streamlit_intern.page_hashes()
    if not hashes:
        return None
    if not _HASHES:
        for spec in ui.PAGES.values():
            pagina = st.Page(spec.path, title=spec.title, default=spec.default)
            _HASHES[streamlit_intern.page_script_hash(pagina)] = spec.key
    return _HASHES.get(hashes[0])


def huidige_pagina_knoppen() -> None:
    """The handout buttons of the page on screen, with its current settings (nothing on a page
    without a handout, such as Gegevens beheren)."""
    pagina = huidige_pagina()
    if pagina not in handouts.BLADEN:
        return
    st.caption("Handout van deze pagina, met precies deze instellingen:")
    knoppen([Stap(pagina, ui.link_parameters())], f"handout-{pagina}", key="ijw_handout_pagina")
