"""Moving on without the sidebar: a sessie (?sessie=naam&stap=n), Vorige/Volgende, the
keys of a presentation clicker, and the presenter's note (never on the projector)."""

from __future__ import annotations

import html
import json
from urllib.parse import urlencode

import streamlit as st

from ijmond_dash import formatting
from ijmond_dash.store import queries, sessies
from ijmond_dash.ui.cache import query
from ijmond_dash.ui.paginas import PAGES, PageSpec, navigatie
from ijmond_dash.ui.toegang import gebruiker
from ijmond_dash.ui.weergave import _AAN, MODI, presentatie

SESSIE, STAP, PRESENTATOR = "sessie", "stap", "presentator"  # URL parameters: ?sessie=<naam>&stap=<n>


_SESSIE, _STAP, _NOTITIES = "ijw_sessie", "ijw_stap", "ijw_notities"


CSS_NAVIGATIE = """
<style>
/* Vorige/Volgende stay visible in presentation mode, which hides every other button */
.st-key-ijw_navigatie [data-testid="stButton"] { display: flex !important; }
.st-key-ijw_navigatie p.ijw-stap { margin: 0; font-weight: 600; line-height: 1.3; }
.st-key-ijw_toetsen, [data-testid="stLayoutWrapper"]:has(> .st-key-ijw_toetsen) { display: none; }
@media (max-width: 640px) {
  /* a phone: Vorige/Volgende on a row of their own, the step line above them */
  [data-testid="stLayoutWrapper"]:has(> .st-key-ijw_navigatie) { flex: 1 1 100%; }
  .st-key-ijw_balk:has(.st-key-ijw_navigatie) { flex-wrap: wrap !important; }
  .st-key-ijw_navigatie { flex-wrap: wrap !important; width: 100% !important; }
  .st-key-ijw_navigatie [data-testid="stElementContainer"]:has(p.ijw-stap) { flex: 1 1 100%; order: -1; }
}
@media print { .st-key-ijw_navigatie, .st-key-ijw_notitie { display: none !important; } }
</style>
"""


# On a screen (not the projector) a sessie's navigation is the first row of the bar, on the left.
CSS_NAVIGATIE_SESSIE = """
<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-ijw_navigatie) { flex: 1 1 100%; }
.st-key-ijw_navigatie { justify-content: flex-start !important; }
</style>
"""


# The keys a presentation clicker sends (and a keyboard's arrows) click Volgende or Vorige; never
# while the focus is in a control (a text field, a select box, a slider), nor with a modifier.
TOETSEN_JS = """<style>.st-key-ijw_toetsen{display:none}</style><script>(function(){
if (window.ijwToetsen) { return; }
window.ijwToetsen = true;
var knop = {ArrowRight: 'volgende', PageDown: 'volgende', ArrowLeft: 'vorige', PageUp: 'vorige'};
document.addEventListener('keydown', function (e) {
  var doel = knop[e.key];
  if (!doel || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) { return; }
  var t = e.target;
  if (t && t.closest && (t.isContentEditable || t.closest('input, textarea, select, [contenteditable], '
      + '[role="slider"], [role="combobox"], [role="listbox"], [role="radiogroup"], [role="tablist"], '
      + '[role="spinbutton"], .js-plotly-plot'))) { return; }
  var b = Array.prototype.find.call(document.querySelectorAll('.st-key-ijw_' + doel + ' button'),
    function (k) { return k.offsetWidth > 0; });  // not the hidden copy Streamlit measures with
  if (!b || b.disabled) { return; }
  e.preventDefault();
  b.click();
}, true);
})();</script>"""


# A new view starts at its top: the projector's scroll snapping (CSS_PRESENTATIE) would otherwise
# keep the previous view's position or snap to the first chart, hiding title and buttons. Runs
# when the view's marker changes (a rerun of the same view keeps its position).
BOVENAAN_JS = """<script>(function(){
var m = %s, snap = %s;
if (window.ijwWeergave === m) { return; }
var eerste = window.ijwWeergave === undefined;
window.ijwWeergave = m;
var main = document.querySelector('[data-testid="stMain"]');
if (eerste || !main) { return; }
main.scrollTop = 0;
if (!snap) { return; }
main.style.scrollSnapType = 'none';
var t0 = Date.now();
(function boven() {
  if (Date.now() - t0 < 1500) { main.scrollTop = 0; requestAnimationFrame(boven); }
  else { main.style.scrollSnapType = ''; }
})();
})();</script>"""


def sessie_parameters() -> dict[str, tuple[str, ...]]:
    """The URL parameters of the active sessie and step (part of 'Link kopiëren')."""
    naam = st.session_state.get(_SESSIE)
    if not naam:
        return {}
    return {SESSIE: (naam,), STAP: (str(st.session_state.get(_STAP, 1)),)}


def _pagina_key(pagina) -> str | None:
    pad = getattr(pagina, "url_path", None)
    return next((k for k, s in PAGES.items() if s.url_path == pad), None)


def _weergave_url(params: dict[str, str], naam: str | None, n: int | None) -> dict[str, str]:
    """The query parameters of a view: its settings, the view mode, the sessie and step."""
    qp = dict(params)
    for m in MODI:
        if st.session_state.get(f"ijw_{m}"):
            qp[m] = "1"
    if naam:
        qp[SESSIE], qp[STAP] = naam, str(n)
        if st.session_state.get(_NOTITIES):
            qp[PRESENTATOR] = "1"
    return qp


def _ga_naar(pagina: str, params: dict[str, str], naam: str | None = None, n: int | None = None) -> None:
    """Open ``pagina`` with ``params`` (and the sessie's step): the URL follows."""
    for key in params:  # the link, not an earlier choice in this session, sets these controls
        st.session_state.pop(key, None)
    if naam:
        st.session_state[_SESSIE], st.session_state[_STAP] = naam, n
    st.switch_page(PAGES[pagina].path, query_params=_weergave_url(params, naam, n))


def _stop_sessie() -> None:
    for key in (_SESSIE, _STAP):
        st.session_state.pop(key, None)
    for key in (SESSIE, STAP, PRESENTATOR):
        if key in st.query_params:
            del st.query_params[key]


def _sessie_melding(tekst: str) -> None:
    plek = st.session_state.get("ijw_melding_plek")
    (plek if plek is not None else st).warning(tekst, icon=":material/slideshow:")


def _sessie_uit_url(hier: str | None) -> tuple[sessies.Sessie, int] | None:
    """?sessie=<naam>&stap=<n> -> the active sessie and step; a new one opens the step's view."""
    url_start = st.session_state.get("ijw_url_bij_start", {})
    for key in (SESSIE, STAP, PRESENTATOR):
        url_start.pop(key, None)  # checked here, not by afronden()
    if PRESENTATOR in st.query_params:
        st.session_state[_NOTITIES] = st.query_params.get(PRESENTATOR, "").strip().lower() in _AAN
    if SESSIE in st.query_params:
        naam = st.query_params.get(SESSIE, "").strip()
        s = query(queries.sessie, naam) if naam else None
        if s is None or not s.stappen:
            _stop_sessie()
            _sessie_melding(
                f"De sessie '{formatting.md_escape(naam)}' bestaat niet of heeft geen stappen; u ziet "
                "deze pagina zonder sessie. Kies een sessie op de pagina Sessies."
            )
            return None
        tekst = st.query_params.get(STAP, "1").strip()
        n = int(tekst) if tekst.isdigit() else 1
        n = min(max(n, 1), len(s.stappen))
        nieuw = (naam, n) != (st.session_state.get(_SESSIE), st.session_state.get(_STAP))
        st.session_state[_SESSIE], st.session_state[_STAP] = naam, n
        if STAP not in st.query_params or tekst != str(n):
            st.query_params[STAP] = str(n)  # the URL always names the step
        stap = s.stappen[n - 1]
        if nieuw and (hier != stap.pagina or any(k not in st.query_params for k in stap.parameters)):
            params = dict(stap.parameters)
            if hier == stap.pagina:  # the link's own settings of this page win (a shared view)
                params.update({k: st.query_params.get(k) for k in st.query_params if k not in sessies.SHELL_PARAMETERS})
            _ga_naar(stap.pagina, params, naam, n)
    elif st.session_state.get(_SESSIE):  # after a page switch from the sidebar: back into the URL
        naam = st.session_state[_SESSIE]
        s = query(queries.sessie, naam)
        if s is None or not s.stappen:
            _stop_sessie()
            return None
        n = min(max(int(st.session_state.get(_STAP, 1)), 1), len(s.stappen))
        st.session_state[_STAP] = n
        st.query_params[SESSIE], st.query_params[STAP] = naam, str(n)
    else:
        return None
    if st.session_state.get(_NOTITIES) and not presentatie() and st.query_params.get(PRESENTATOR) != "1":
        st.query_params[PRESENTATOR] = "1"
    return s, n


def _wissel_notities() -> None:
    if st.session_state.get(_NOTITIES):
        st.query_params[PRESENTATOR] = "1"
    elif PRESENTATOR in st.query_params:
        del st.query_params[PRESENTATOR]


_DOEL = "ijw_doel"


def _kies(doel) -> None:
    """Vorige/Volgende: the view to open (``_ga_naar``'s arguments); the next run opens it."""
    if doel is not None:
        st.session_state[_DOEL] = doel


def _sessie_sluiten() -> None:
    _stop_sessie()
    st.session_state.pop(_NOTITIES, None)


def bladeren(pagina) -> None:
    """Vorige/Volgende in the top bar, the keys that click them, the step line and the presenter's
    note. With a sessie active (``?sessie=<naam>``) they walk through its views, otherwise through
    the pages in navigation order. Call after ``shell()`` with the page ``st.navigation`` chose."""
    st.markdown(CSS_NAVIGATIE, unsafe_allow_html=True)
    hier = _pagina_key(pagina)
    doel = st.session_state.pop(_DOEL, None)
    if doel is not None:  # Vorige or Volgende was clicked (_kies): open that view
        _ga_naar(*doel)
    actief = _sessie_uit_url(hier)
    if actief and not presentatie():
        st.markdown(CSS_NAVIGATIE_SESSIE, unsafe_allow_html=True)
    plek = st.session_state.pop("ijw_navigatie_plek", None)
    balk = (plek if plek is not None else st).container(
        horizontal=True, key="ijw_navigatie", gap="small", vertical_alignment="center", width="content"
    )
    if actief:
        s, n = actief
        vorige = n - 1 if n > 1 else None
        volgende = n + 1 if n < len(s.stappen) else None
        hulp_v = f"Stap {vorige}: {s.stappen[vorige - 1].titel} (toets ← of PageUp)" if vorige else None
        hulp_w = f"Stap {volgende}: {s.stappen[volgende - 1].titel} (toets → of PageDown)" if volgende else None
    else:
        volgorde = [spec.key for specs in navigatie_specs() for spec in specs]
        i = volgorde.index(hier) if hier in volgorde else None
        vorige = volgorde[i - 1] if i else None
        volgende = volgorde[i + 1] if i is not None and i + 1 < len(volgorde) else None
        hulp_v = f"{PAGES[vorige].title} (toets ← of PageUp)" if vorige else None
        hulp_w = f"{PAGES[volgende].title} (toets → of PageDown)" if volgende else None

    def doel_van(positie):
        if positie is None:
            return None
        if actief:
            stap = s.stappen[positie - 1]
            return stap.pagina, dict(stap.parameters), s.naam, positie
        return positie, {}

    with balk:
        st.button(
            "Vorige",
            key="ijw_vorige",
            icon=":material/arrow_back:",
            disabled=vorige is None,
            help=hulp_v,
            on_click=_kies,
            args=(doel_van(vorige),),
        )
        if actief:
            st.markdown(
                f"<p class='ijw-stap'>Stap {n} van {len(s.stappen)} — {html.escape(s.stappen[n - 1].titel)}</p>",
                unsafe_allow_html=True,
            )
        st.button(
            "Volgende",
            key="ijw_volgende",
            icon=":material/arrow_forward:",
            icon_position="right",
            disabled=volgende is None,
            help=hulp_w,
            on_click=_kies,
            args=(doel_van(volgende),),
        )
        if actief and not presentatie():
            st.toggle(
                "Notities",
                key=_NOTITIES,
                on_change=_wissel_notities,
                help="Toon de notitie voor de presentator bij deze stap. Nooit in de presentatieweergave; "
                "open voor de beamer een tweede venster met de presentatieweergave.",
            )
            st.button("Sessie sluiten", key="ijw_sessie_sluiten", icon=":material/close:", on_click=_sessie_sluiten)
    with st.container(key="ijw_toetsen"):
        st.html(TOETSEN_JS, unsafe_allow_javascript=True)
        weergave = f"{s.naam}:{n}" if actief else str(hier)
        st.html(
            BOVENAAN_JS % (json.dumps(weergave), "true" if presentatie() else "false"), unsafe_allow_javascript=True
        )
    if actief and not presentatie() and st.session_state.get(_NOTITIES):
        stap = s.stappen[n - 1]
        with st.container(key="ijw_notitie", border=True):
            st.markdown(
                f"**Notitie bij stap {n}:** "
                + (formatting.md_escape(stap.notitie) if stap.notitie else "(geen notitie)")
            )
            st.caption(
                f"Hierna: {formatting.md_escape(s.stappen[n].titel)}"
                if n < len(s.stappen)
                else "Dit is de laatste stap van de sessie."
            )


def navigatie_specs() -> list[list[PageSpec]]:
    """The pages of this user's navigation, per group, in sidebar order."""
    return list(navigatie(gebruiker().mag_beheren).values())


def start_sessie(naam: str) -> None:
    """A button's callback: the next run opens the first view of sessie ``naam``."""
    s = query(queries.sessie, naam)
    if s is not None and s.stappen:
        _kies((s.stappen[0].pagina, dict(s.stappen[0].parameters), s.naam, 1))


def sessie_link(naam: str) -> str:
    """The link that opens sessie ``naam`` at its first view, on this server."""
    basis = (st.context.url or "").split("?", 1)[0]
    pad = PAGES["sessies"].url_path
    if basis.rstrip("/").endswith("/" + pad):
        basis = basis.rstrip("/")[: -len(pad)]
    return f"{basis}?{urlencode({SESSIE: naam})}"
