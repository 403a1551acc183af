"""The Streamlit glue: the only layer that imports Streamlit (with ``server``, which tunes the
process). Pages import this package and use its names as ``ui.<name>``; the modules by concern:

- ``paginas``: The page registry (keys, paths, titles, groups), the sidebar navigation and links between pages.
- ``memo``: A memo for one script run: what several places of one run ask for is computed once.
- ``toegang``: Access: who the user is, which role, the login gate and the 'no access' page.
- ``cache``: The store's engine and every query through the process-wide cache, keyed by store version.
- ``stijl``: The house CSS: the screen, the phone, print, and the projector (presentation mode).
- ``weergave``: View modes (screen, presentation, print) and how a chart is shown in each.
- ``links``: Deep links: every setting in the URL, 'Link kopiëren', and the notice for a link with unknown settings.
- ``onderdelen``: Parts every page uses: title and message, source lines, tables with downloads, sections.
- ``stappen``: Moving on without the sidebar: a sessie (?sessie=naam&stap=n), Vorige/Volgende, the
- ``kader``: What runs around every page: CSS, view mode, the top bar, the link control and URL checks.
- ``export``, ``auth``, ``handouts``: download files, access rules and handouts, pure Python
  (the figures themselves come from ``ijmond_dash.charts``).
"""

from ijmond_dash.ui import cache, kader, links, memo, onderdelen, paginas, stappen, stijl, toegang, weergave  # noqa: F401 - ui.cache, ui.weergave, ... for tests
from ijmond_dash.ui.cache import PAKKET, berekend, engine, query, versie  # noqa: F401
from ijmond_dash.ui.kader import afronden, shell  # noqa: F401
from ijmond_dash.ui.links import (  # noqa: F401
    NUMMER_TYPES,
    aanvaard_parameter,
    deellink,
    instellingen_regel,
    link_parameters,
    onjuiste_parameters,
)
from ijmond_dash.ui.memo import begin, per_run  # noqa: F401
from ijmond_dash.ui.onderdelen import (  # noqa: F401
    bron,
    bron_caption,
    bronnen_index,
    downloads,
    kop,
    resultaat_eerst,
    tabel_en_download,
    uitklapvak,
)
from ijmond_dash.ui.paginas import (  # noqa: F401
    GROUPS,
    ICON,
    ICON_URL,
    PAGES,
    PageSpec,
    ensure_navigation,
    link,
    navigatie,
    pagina_objecten,
)
from ijmond_dash.ui.stappen import (  # noqa: F401
    BOVENAAN_JS,
    CSS_NAVIGATIE,
    CSS_NAVIGATIE_SESSIE,
    PRESENTATOR,
    SESSIE,
    STAP,
    TOETSEN_JS,
    bladeren,
    navigatie_specs,
    sessie_link,
    sessie_parameters,
    start_sessie,
)
from ijmond_dash.ui.stijl import CSS, CSS_AFDRUK, CSS_PRESENTATIE  # noqa: F401
from ijmond_dash.ui.toegang import (  # noqa: F401
    TOEGANG_ONLEESBAAR,
    ToegangOnleesbaar,
    gebruiker,
    toegang_configuratie,
    toegangspoort,
    vereis_beheerder,
)
from ijmond_dash.ui.weergave import (  # noqa: F401
    AFDRUK,
    AFDRUK_BREEDTE,
    AFDRUK_HOOGTE_SCHAAL,
    AFDRUK_MIN_HOOGTE,
    MODI,
    PRESENTATIE,
    SCHERM,
    bediening,
    grafiek,
    modus,
    plotly,
    presentatie,
)
