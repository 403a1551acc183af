"""Handouts: a page of the dashboard, or a whole sessie, as a PDF and as a PowerPoint file,
made on this machine (no network).

``blad(pagina, parameters, lees)`` computes one view as its page does: the same message
sentence (``kerncijfers``, ``reeksen``, the scenario model, ``charts.fasen``), the same main
chart function after ``charts.common.huisregels``, its key figures, its settings in words and
its source line (document title, tabel, peildatum; never a file name). ``pdf(bladen)`` and
``pptx(bladen)`` lay the views out one per page or slide, each chart a static PNG from
Plotly's own renderer (kaleido with Debian's chromium; one browser for all charts of a file).

Small numbers: the Fasen view is built from ``trajecten.overgangen_selectie`` exactly as the
page is, so every count below the threshold is already the text '< N' before any sentence,
key figure or image is made.

``lees(fn_name, *args, **kwargs)`` runs a query: ``queries.lezer(engine)`` (the buttons of
``handout_knoppen`` take the app's engine along into the download request), or the cached reader
``ui.berekend`` gives. No Streamlit here.

The parts, in the order of the computation: ``basis``, ``bladen``, ``bestanden``.
"""

from ijmond_dash.ui.handouts.basis import (  # noqa: F401
    BEELD_BREEDTE,
    BEELD_SCHAAL,
    BROWSER,
    FONT_DIR,
    PAGINA_TITELS,
    REGIO,
    Blad,
    HandoutFout,
)
from ijmond_dash.ui.handouts.bestanden import (  # noqa: F401
    _EEN_BROWSER,
    _gemaakt,
    _kopregel,
    _png_maat,
    _render,
    beelden,
    pdf,
    pptx,
    uit_stappen,
)
from ijmond_dash.ui.handouts.bladen import (  # noqa: F401
    BLADEN,
    _aan,
    _aanmeldingen,
    _bron,
    _bronnen,
    _cijfers,
    _een,
    _fasen,
    _kerncijfer,
    _keuze,
    _met_figuur,
    _overzicht,
    _scenario,
    _scenario_waarde,
    _som_overgangen,
    _tekst,
    _uitkeringen,
    _van_tot,
    _waarden,
    blad,
)
