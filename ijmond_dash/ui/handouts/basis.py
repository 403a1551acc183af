"""What a handout page is (Blad), the page titles, and where fonts and the browser are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go

from ijmond_dash.store import sessies

REGIO = "IJMOND"


# The page titles of ui.PAGES (ui imports Streamlit; tests/unit/test_handouts.py keeps them equal):
# the pages a sessie may show, and Gegevens beheren (no handout).
PAGINA_TITELS = {**sessies.PAGINAS, "beheer": "Gegevens beheren"}


BROWSER = "/usr/bin/chromium"  # Debian's chromium: kaleido's own download needs the internet


BEELD_BREEDTE = 1200  # px of the chart image (about the width of a chart on a laptop screen)


BEELD_SCHAAL = 2  # pixels per CSS pixel: sharp on paper and on a projector


FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class HandoutFout(RuntimeError):
    """A handout could not be made; the message is Dutch and may be shown as is."""


@dataclass
class Blad:
    """One view of a handout: a page of the PDF, a slide of the PowerPoint."""

    pagina: str  # page key (ui.PAGES)
    paginatitel: str
    kop: str  # the page's message sentence
    figuur: go.Figure | None = None  # after huisregels: no title or source drawn in it
    grafiek_titel: str = ""
    grafiek_ondertitel: str = ""
    kerncijfers: list[tuple[str, str]] = field(default_factory=list)
    instellingen: str = ""
    bron: str = ""  # "Bron: <document> — <tabel> — peildatum <...>"
    notitie: str = ""  # the sessie's note for this step
    titel: str = ""  # the sessie's own title for this step, if any
    beeld: bytes | None = None  # the PNG, once rendered
    melding: str = ""  # in place of the chart when it could not be drawn
