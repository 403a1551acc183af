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
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from ijmond_dash.analysis import woorden, kerncijfers, reeksen
from ijmond_dash import formatting, settings
from ijmond_dash.imports import trajecten
from ijmond_dash.analysis import scenario as model
from ijmond_dash.store.catalog import TOTAAL
from ijmond_dash.charts import aanmeldingen as aanmeldingen_charts
from ijmond_dash.charts import common as chart_common
from ijmond_dash.charts import fasen as fasen_charts
from ijmond_dash.charts import scenario as scenario_charts
from ijmond_dash.charts import uitkeringen as uitkeringen_charts

REGIO = "IJMOND"
# The page titles of ui.PAGES (ui imports Streamlit; tests/unit/test_handouts.py keeps them equal).
PAGINA_TITELS = {
    "overzicht": "Overzicht",
    "uitkeringen": "Uitkeringen per gemeente",
    "aanmeldingen": "Aanmeldingen-trend",
    "cijfers": "IJmond Werkt! in cijfers",
    "fasen": "Fasen re-integratie",
    "scenario": "Scenario's herontwerp",
    "bronnen": "Bronnen en datakwaliteit",
    "beheer": "Gegevens beheren",  # no handout
}
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


# ---------------------------------------------------------------- URL settings


def _waarden(parameters: Mapping[str, object], key: str) -> list[str]:
    """The URL values of ``key`` as strings (a link may repeat a key: multiselect, range)."""
    v = parameters.get(key)
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v]
    return [str(v)]


def _een(parameters: Mapping[str, object], key: str) -> str | None:
    w = _waarden(parameters, key)
    return w[0] if w else None


def _keuze(parameters, key: str, opties: Mapping, standaard):
    """The option whose label (as the widget's format_func writes it into the URL) or value is
    the URL value; ``standaard`` for a missing or unknown one (as Streamlit does)."""
    ruw = _een(parameters, key)
    if ruw is None:
        return standaard
    for waarde, label in opties.items():
        if ruw == str(label) or ruw == str(waarde):
            return waarde
    return standaard


def _aan(parameters, key: str, standaard: bool = False) -> bool:
    ruw = _een(parameters, key)
    if ruw is None:
        return standaard
    return ruw.strip().lower() in ("1", "true", "ja", "aan")


def _bron(lees, codes, peildatum: str | None = None) -> str:
    return woorden.bronregel(woorden.bronnen_index(lees), list(codes), peildatum)


def _tekst(figuurtekst: str) -> str:
    """A chart's title, subtitle or source as plain text: its ``<br>`` a space, no ``<b>``/``<i>``."""
    return " ".join(re.sub(r"<(/?)(b|i)\s*/?>", "", re.sub(r"<br\s*/?>", " ", figuurtekst)).split())


def _met_figuur(b: Blad, fig: go.Figure) -> Blad:
    fig = chart_common.huisregels(go.Figure(fig))
    titel, ondertitel, bron = (_tekst(t) for t in chart_common.kop(fig))
    b.figuur, b.grafiek_titel, b.grafiek_ondertitel = fig, titel, ondertitel
    b.bron = b.bron or bron
    return b


def _kerncijfer(k: kerncijfers.Kerncijfer) -> tuple[str, str]:
    return k.label, k.waarde + (f" ({k.delta})" if k.delta else "")


def _van_tot(data) -> str:
    return f"{formatting.datum(min(data))} t/m {formatting.datum(max(data))}"


# ---------------------------------------------------------------- one view per page


def _overzicht(lees, p) -> Blad:
    scenarios = lees("dataset", "scenarios")
    nummers = [int(n) for n in scenarios["nr"]]
    scenario = _keuze(p, "overzicht_scenario", {n: f"Scenario {n}" for n in nummers}, 2 if 2 in nummers else
                      nummers[0])
    cijfers = kerncijfers.overzicht(lees, int(scenario))
    b = Blad("overzicht", PAGINA_TITELS["overzicht"], kerncijfers.boodschap(lees),
             kerncijfers=[_kerncijfer(k) for k in cijfers],
             instellingen=f"Frictiekosten van scenario {scenario}")
    gegevens = reeksen.aanmeldingen(lees, REGIO)
    part, uitk = gegevens.participanten, gegevens.uitkeringen
    uitk = uitk[uitk["gebied"] == REGIO]
    codes = [c for k in cijfers for c in ([k.bron] if isinstance(k.bron, str) else k.bron)]
    if len(part) and len(uitk):
        bron = _bron(lees, list(part["bron"]) + list(uitk["bron"]),
                     _van_tot(list(part["peildatum"]) + list(uitk["peildatum"])))
        basisjaar = min(d.year for d in part["peildatum"])
        _met_figuur(b, aanmeldingen_charts.geindexeerd(part, uitk, basisjaar, False, bron))
        codes = list(part["bron"]) + list(uitk["bron"]) + codes
    b.bron = _bron(lees, codes)  # the chart's documents and those of the kerncijfers
    return b


def _uitkeringen(lees, p) -> Blad:
    uitk = lees("uitkeringen")
    b = Blad("uitkeringen", PAGINA_TITELS["uitkeringen"], reeksen.uitkeringen_boodschap(uitk))
    if uitk.empty:
        return b
    namen = dict(zip(uitk["gebied"], uitk["naam"], strict=False))
    gebieden = ([g for g in chart_common.GEMEENTE_VOLGORDE if g in namen]
                + sorted(set(namen) - set(chart_common.GEMEENTE_VOLGORDE)))
    jaren = sorted({d.year for d in uitk["peildatum"]})
    gekozen = _waarden(p, "uitk_gemeenten")
    keuze = [g for g in gebieden if g in gekozen or namen[g] in gekozen] if gekozen else gebieden
    keuze = keuze or gebieden
    periode = [int(x) for x in _waarden(p, "uitk_periode") if x.strip().isdigit() and int(x) in jaren]
    van, tot = (min(periode), max(periode)) if periode else (jaren[0], jaren[-1])
    maten = {uitkeringen_charts.ABSOLUUT: "Absoluut", uitkeringen_charts.PER_1000: "Per 1.000 inwoners"}
    maat = _keuze(p, "uitk_maat", maten, uitkeringen_charts.ABSOLUUT)
    reeks = uitk[uitk["gebied"].isin(keuze) & uitk["peildatum"].map(lambda d: van <= d.year <= tot)]
    codes = list(reeks["bron"])
    if maat == uitkeringen_charts.PER_1000:
        inwoners = lees("inwoners")
        reeks = reeksen.per_1000(reeks, inwoners, lees("regio_leden"))
        codes += list(inwoners["bron"])
    peil = None
    if len(reeks):
        v, t = reeks["peildatum"].min(), reeks["peildatum"].max()
        peil = formatting.datum(v) if v == t else f"{formatting.datum(v)} t/m {formatting.datum(t)}"
    b.bron = _bron(lees, codes, peil)
    _met_figuur(b, uitkeringen_charts.reeks(reeks, maat, b.bron))
    cbs = reeks[reeks["definitie"] == kerncijfers.CBS]
    if len(cbs):
        laatste = cbs["peildatum"].max()
        for r in cbs[cbs["peildatum"] == laatste].itertuples():
            waarde = (formatting.getal(r.per_1000, 1) + " per 1.000 inwoners" if maat == uitkeringen_charts.PER_1000
                      else formatting.getal(r.aantal))
            b.kerncijfers.append((f"{r.naam}, {formatting.datum(laatste)}", waarde))
    if maat == uitkeringen_charts.ABSOLUUT and (uitk["definitie"] == kerncijfers.PWET).any():
        b.kerncijfers.append(_kerncijfer(kerncijfers.uitkeringen_pwet(uitk)))
    b.instellingen = (f"Gemeenten: {', '.join(namen[g] for g in keuze)} · periode {van}–{tot} · "
                      f"maat: {maten[maat].lower()}")
    return b


def _aanmeldingen(lees, p) -> Blad:
    gegevens = reeksen.aanmeldingen(lees, REGIO)
    part, uitk, trend = gegevens.participanten, gegevens.uitkeringen, gegevens.trend
    b = Blad("aanmeldingen", PAGINA_TITELS["aanmeldingen"], gegevens.zin)
    if part.empty:
        return b
    b.kerncijfers = [_kerncijfer(k) for k in kerncijfers.aanmeldingen(lees)]
    basisjaar = min(d.year for d in part["peildatum"])
    weergaven = {aanmeldingen_charts.PANELEN: "Twee panelen", aanmeldingen_charts.INDEX: f"Index {basisjaar} = 100"}
    weergave = _keuze(p, "aanm_weergave", weergaven, aanmeldingen_charts.PANELEN)
    jaarbasis = _aan(p, "aanm_jaarbasis") and bool((part["periode"] == "halfjaar").any())
    u = uitk[uitk["gebied"] == REGIO][["peildatum", "aantal", "bron"]]
    b.bron = _bron(lees, list(part["bron"]) + list(u["bron"]),
                   _van_tot(list(part["peildatum"]) + list(u["peildatum"])))
    if weergave == aanmeldingen_charts.INDEX:
        fig = aanmeldingen_charts.geindexeerd(part, u, basisjaar, jaarbasis, b.bron)
    else:
        fig = aanmeldingen_charts.panelen(part, u, trend, jaarbasis, b.bron)
    _met_figuur(b, fig)
    if trend is not None:
        jaren = f"{formatting.datum(trend.van)} t/m {formatting.datum(trend.tot)}"
        b.kerncijfers.append(("Trend participanten", f"{formatting.procent(trend.pct_per_jaar)} per jaar ({jaren})"))
    b.instellingen = (f"Weergave: {weergaven[weergave].lower()} · half jaar "
                      + ("omgerekend naar een heel jaar (schatting)" if jaarbasis else "niet omgerekend"))
    return b


def _som_overgangen(stromen: pd.DataFrame, richting: str) -> str:
    """A total of flows as the page's message says it: a sum that holds a suppressed flow is
    'ten minste' the flows that are not small, never the exact count."""
    vals = stromen.loc[stromen["richting"] == richting, "aantal"]
    if vals.empty:
        return "0"
    if any(isinstance(v, str) for v in vals):
        exact = sum(int(v) for v in vals if not isinstance(v, str))
        return f"ten minste {formatting.getal(exact)}" if exact else trajecten.klein_label()
    return formatting.getal(int(vals.sum()))


def _fasen(lees, p) -> Blad:
    drempel = settings.kleine_aantallen_drempel()
    klein = trajecten.klein_label(drempel)
    titel = PAGINA_TITELS["fasen"]
    bereik = lees("trajectevent_bereik")
    soorten = {bool(s): r for s, r in zip(bereik["synthetisch"], bereik.to_dict("records"), strict=True)}
    if len(soorten) > 1:
        synthetisch = _keuze(p, "fasen_gegevens", {False: "echt", True: "synthetisch"}, False)
    else:
        synthetisch = next(iter(soorten), False)
    gegevens = soorten.get(synthetisch)
    event_perioden = trajecten.halfjaren(gegevens["eerste"], gegevens["laatste"]) if gegevens else []
    tabel_perioden = [tuple(x) for x in lees("fasen_perioden").itertuples(index=False, name=None)]
    perioden = sorted(set(tabel_perioden) | set(event_perioden))
    if not perioden:
        return Blad("fasen", titel, "Er zijn nog geen cijfers over de fasen opgeslagen.")
    periode = _keuze(p, "fasen_periode", {x: formatting.periode(*x) for x in perioden}, perioden[-1])
    begin, eind = periode
    periode_tekst = formatting.periode(begin, eind)
    overgangen = lees("fase_overgangen", begin, eind, synthetisch=synthetisch) if gegevens else None
    label_synth = " (synthetisch)" if synthetisch else ""
    instellingen = [f"Periode: {periode_tekst}"]
    if len(soorten) > 1 or synthetisch:
        instellingen.append("synthetische trajectgegevens" if synthetisch else "echte trajectgegevens")
    if overgangen is not None and not overgangen.empty:
        namen = lees("gebied_namen")
        leden = lees("dataset", "gebied_leden")
        opties = [REGIO, *sorted(leden.loc[leden["regio"] == REGIO, "gemeente"])]
        gebied = _keuze(p, "fasen_gemeente", {g: namen.get(g, g) for g in opties}, REGIO)
        gemeente = namen.get(gebied, gebied)
        instellingen.append(f"gemeente: {gemeente}")
        stromen = trajecten.overgangen_selectie(overgangen, None if gebied == REGIO else gebied, drempel)
        b = Blad("fasen", titel + label_synth, fasen_charts.boodschap_overgangen(stromen, periode_tekst, gemeente),
                 instellingen=" · ".join(instellingen))
        bron = ("Bron: synthetische trajectgebeurtenissen, gegenereerd — geen echte personen" if synthetisch
                else "Bron: geïmporteerde trajectgebeurtenissen (gepseudonimiseerd)")
        b.bron = bron + f" — periode {formatting.datum(begin)} t/m {formatting.datum(eind)}"
        if not stromen.empty:
            _met_figuur(b, fasen_charts.overgangen_sankey(
                stromen, drempel, f"Overgangen tussen fasen{label_synth}, {gemeente}, {periode_tekst}",
                f"Links: instroom en de fase waaruit iemand vertrekt; rechts: de fase waarin iemand komt of de "
                f"reden van uitstroom. Stromen van minder dan {drempel} personen: '{klein}'.", b.bron))
        b.kerncijfers = [("Instroom", _som_overgangen(stromen, "instroom")),
                         ("Stap vooruit", _som_overgangen(stromen, "vooruit")),
                         ("Terug naar een eerdere fase", _som_overgangen(stromen, "terug")),
                         ("Uitstroom", _som_overgangen(stromen, "uitstroom")),
                         ("Kleine aantallen", f"minder dan {drempel} personen: '{klein}'".replace("< ", "<\xa0"))]
        return b
    if periode in tabel_perioden:
        fasen = lees("fasen_periode", "fasen", begin, eind)
        uitsplitsing = lees("fasen_periode", "fasen_uitstroom", begin, eind)
        b = Blad("fasen", titel, fasen_charts.boodschap_tabel(fasen, periode_tekst),
                 instellingen=" · ".join(instellingen))
        b.bron = _bron(lees, [*fasen["bron"], *uitsplitsing["bron"]], formatting.datum(eind))
        _met_figuur(b, fasen_charts.tabel_sankey(
            fasen, uitsplitsing, f"Instroom en uitstroom per fase, {periode_tekst}",
            "Per fase hoeveel inwoners er in kwamen en uit gingen; wie een fase uit ging, naar de reden waar de "
            "rapportage die geeft. De rest ging door naar een andere fase of is niet uitgesplitst.", b.bron))
        f = fasen.set_index("fase")
        if TOTAAL in f.index:
            t = f.loc[TOTAAL]
            b.kerncijfers = [("In traject, begin periode", formatting.getal(int(t["stand_begin"]))),
                             ("Een fase in", formatting.getal(int(t["bij"]))),
                             ("Een fase uit", formatting.getal(int(t["af"]))),
                             ("In traject, eind periode", formatting.getal(int(t["stand_eind"])))]
        return b
    return Blad("fasen", titel, f"Voor {periode_tekst} zijn geen cijfers over de fasen opgeslagen.",
                instellingen=" · ".join(instellingen))


def _scenario_waarde(veld: model.Veld, ruw: str | None):
    """The widget value the page would get for URL value ``ruw`` (the default when it is
    missing or invalid, as Streamlit drops an invalid URL value)."""
    if ruw is None or veld.controleer(ruw) is not None:
        return veld.standaard
    if veld.soort == "keuze":
        return next(w for w, label in veld.opties if label == ruw)
    if veld.soort == "datum":
        return dt.date.fromisoformat(ruw.replace("/", "-"))
    if ruw == "":
        return None
    x = float(ruw)
    return int(x) if isinstance(veld.standaard, int) and x.is_integer() else x


def _scenario(lees, p) -> Blad:
    titel = PAGINA_TITELS["scenario"]
    scenarios = lees("dataset", "scenarios")
    frictie = lees("frictiekosten")
    aantallen = lees("verdeelsleutel_aantallen").to_dict("records")
    kosten_2011 = lees("dataset", "kostenverdeling_2011")
    namen = lees("gebied_namen")
    gemeenten = {g: namen[g] for g in model.leden(lees("dataset", "gebied_leden").to_dict("records"), REGIO)}
    try:
        std = model.standaarden(scenarios.to_dict("records"), frictie.to_dict("records"),
                                lees("dataset", "kengetallen").to_dict("records"), REGIO)
        inwoners = model.sleutel_uit_rijen("inwoners", aantallen, list(gemeenten))
    except model.ScenarioFout as exc:
        return Blad("scenario", titel, f"De scenario's kunnen niet worden doorgerekend: {exc}")
    velden = model.velden(std, gemeenten, model.percentages_van(inwoners))
    waarden = {k: _scenario_waarde(v, _een(p, k)) for k, v in velden.items()}
    mijn, nr = waarden["sc_gemeente"], waarden["sc_scenario"]
    orde = model.volgorde(gemeenten, mijn)
    scenario_label = velden["sc_scenario"].labels[nr]
    fase = model.fasering(waarden["sc_ingang"], int(waarden["sc_jaren"]), waarden["sc_eerste"])
    code = waarden["sc_sleutel"]
    sleutel, fout = None, None
    try:
        if code == "eigen":
            sleutel = model.eigen_sleutel({g: waarden[f"sc_pct_{model.slug(gemeenten[g])}"] for g in orde})
        elif code == model.KOSTEN_2011:
            sleutel = model.sleutel_uit_kostenverdeling(kosten_2011.to_dict("records"), list(gemeenten))
        else:
            sleutel = model.sleutel_uit_rijen(code, aantallen, list(gemeenten))
    except model.ScenarioFout as exc:
        fout = str(exc)
    dekking = {}
    for g in orde:
        s = model.slug(gemeenten[g])
        dekking[g] = model.dekking_uit(waarden[f"sc_reserve_{s}"], waarden[f"sc_impuls_{s}"],
                                       int(waarden["sc_impulsjaren"]), waarden[f"sc_herstr_{s}"])
    totaal = model.euro_geheel(waarden[f"sc_totaal_{nr}"])
    status = model.status(nr, totaal, std)
    resultaat, afgerond, fout = model.doorrekenen(totaal, sleutel, fase, dekking, scenario_label, fout)
    b = Blad("scenario", titel, model.kernboodschap(scenario_label, resultaat, afgerond, status, gemeenten, mijn,
                                                    fout))
    aannames = model.afwijkingen(waarden, velden)
    codes = [c for c in (std.totaal_bron.get(nr), sleutel.bron if sleutel else None) if c]
    peil = formatting.datum(sleutel.peildatum) if sleutel and sleutel.peildatum else None
    b.bron = (_bron(lees, codes, peil) + ("; met aannames" if aannames else "")) if codes else ""
    jaren = int(waarden["sc_jaren"])
    fase_tekst = (f"{jaren} jaar vanaf {formatting.datum(waarden['sc_ingang'])}"
                  + (f", eerste jaar {formatting.getal(waarden['sc_eerste'])}%" if jaren > 1 else ""))
    delen = [f"{scenario_label}: {std.scenario_namen[nr]}",
             f"frictiekosten {formatting.euro(totaal) if totaal is not None else 'leeg'} ({status})",
             f"verdeelsleutel: {velden['sc_sleutel'].labels.get(code, code).lower()}",
             f"fasering: {fase_tekst}", f"mijn gemeente: {gemeenten[mijn]}"]
    if aannames:
        delen.append("aannames: " + ", ".join(aannames))
    b.instellingen = " · ".join(delen)
    if resultaat is not None:
        b.kerncijfers = [(f"{gemeenten[g]}, netto alle jaren", formatting.euro(afgerond.rijen[g])) for g in orde]
        b.kerncijfers.append(("Frictiekosten totaal", f"{formatting.euro(resultaat.totaal)} ({status})"))
        per_jaar = pd.DataFrame(model.netto_per_jaar_rijen(resultaat, afgerond, gemeenten))
        _met_figuur(b, scenario_charts.netto_per_jaar(per_jaar, scenario_label, b.bron, mijn))
    return b


def _cijfers(lees, p) -> Blad:
    b = Blad("cijfers", PAGINA_TITELS["cijfers"],
             "De rapportage van IJmond Werkt! als cijfers: per onderdeel wat op koers ligt en wat niet.")
    k = kerncijfers.uitstroom_werk(lees("dataset", "uitstroom"))
    b.kerncijfers = [_kerncijfer(k)]
    b.bron = _bron(lees, [k.bron], k.peildatum)
    return b


def _bronnen(lees, p) -> Blad:
    docs = woorden.brondocumenten(lees)
    b = Blad("bronnen", PAGINA_TITELS["bronnen"],
             f"Alle cijfers komen uit {formatting.getal(len(docs))} brondocumenten; elk cijfer noemt zijn bron.")
    b.kerncijfers = [(f"{d['datum']} · {d['organisatie']}", d["titel"]) for d in docs]
    b.bron = "Bron: de documenten hierboven, met titel en datum"
    return b


BLADEN: dict[str, Callable] = {
    "overzicht": _overzicht, "uitkeringen": _uitkeringen, "aanmeldingen": _aanmeldingen, "cijfers": _cijfers,
    "fasen": _fasen, "scenario": _scenario, "bronnen": _bronnen,
}


def blad(pagina: str, parameters: Mapping[str, object] | None, lees) -> Blad:
    """One view as its page shows it with these URL settings (``parameters``: key -> value or
    values, as ``ui.link_parameters`` or a sessie step gives them)."""
    maak = BLADEN.get(pagina)
    if maak is None:
        naam = f"de pagina '{PAGINA_TITELS[pagina]}'" if pagina in PAGINA_TITELS else "deze pagina"
        raise HandoutFout(f"Van {naam} kan geen handout worden gemaakt.")
    return maak(lees, dict(parameters or {}))


# ---------------------------------------------------------------- chart images


_EEN_BROWSER = threading.Lock()  # one handout's browser at a time per process: a server has few cores


def _render(figuren: list[go.Figure]) -> list[bytes]:
    """PNG bytes of every figure, rendered by one kaleido browser (offline: the plotly.js that
    comes with plotly, no MathJax). Handouts asked for at the same time take turns."""
    import kaleido

    os.environ.setdefault("BROWSER_PATH", BROWSER)

    async def alles() -> list[bytes]:
        uit = []
        async with kaleido.Kaleido(n=1, mathjax=False) as k:
            for fig in figuren:
                hoogte = int(fig.layout.height or 560)
                opts = {"format": "png", "width": BEELD_BREEDTE, "height": hoogte, "scale": BEELD_SCHAAL}
                uit.append(await k.calc_fig(fig, opts=opts))
        return uit

    resultaat: dict = {}

    def draai() -> None:
        try:
            resultaat["ok"] = asyncio.run(alles())
        except BaseException as exc:  # noqa: BLE001 - reported below, in Dutch
            resultaat["fout"] = exc

    # its own thread: a running event loop (Streamlit's, a test's) must not be re-entered
    with _EEN_BROWSER:
        t = threading.Thread(target=draai, name="handout-kaleido", daemon=True)
        t.start()
        t.join()
    if "fout" in resultaat:
        raise HandoutFout("De grafieken konden niet als afbeelding worden gemaakt (de browser chromium is nodig: "
                          f"{BROWSER}).") from resultaat["fout"]
    return resultaat["ok"]


def beelden(bladen: Sequence[Blad]) -> list[Blad]:
    """The views with their charts rendered as PNG (``Blad.beeld``)."""
    bladen = list(bladen)
    te_doen = [b for b in bladen if b.figuur is not None and b.beeld is None and not b.melding]
    if te_doen:
        for b, png in zip(te_doen, _render([b.figuur for b in te_doen]), strict=True):
            b.beeld = png
    return bladen


def _png_maat(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _gemaakt(nu: dt.datetime | None = None) -> str:
    nu = nu or dt.datetime.now()
    return f"Gemaakt op {formatting.datum(nu.date())} om {nu:%H:%M} met het IJmond Werkt! dashboard"


def _kopregel(b: Blad) -> str:
    return b.titel or b.paginatitel


# ---------------------------------------------------------------- PDF


def pdf(bladen: Iterable[Blad], nu: dt.datetime | None = None) -> bytes:
    """A4 landscape, one page per view: page title, message, chart title, chart image, key
    figures, settings, source and the date of making."""
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue

    bladen = beelden(list(bladen))
    doc = FPDF(orientation="L", unit="mm", format="A4")
    doc.set_auto_page_break(False)
    doc.set_margins(14, 12, 14)
    doc.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    doc.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    doc.set_title("Handout IJmond Werkt! dashboard")
    doc.set_lang("nl-NL")
    doc.set_creator("IJmond Werkt! dashboard")
    breedte = doc.w - doc.l_margin - doc.r_margin
    gemaakt = _gemaakt(nu)

    def hoogte(tekst: str, grootte: float, stijl: str = "", w: float = breedte, regel: float = 1.35) -> float:
        doc.set_font("DejaVu", stijl, grootte)
        return doc.multi_cell(w, grootte * 0.3528 * regel, tekst, dry_run=True, output=MethodReturnValue.HEIGHT)

    def schrijf(tekst: str, grootte: float, stijl: str = "", kleur=(26, 26, 26), w: float = breedte,
                regel: float = 1.35, x: float | None = None) -> None:
        doc.set_font("DejaVu", stijl, grootte)
        doc.set_text_color(*kleur)
        if x is not None:
            doc.set_x(x)
        doc.multi_cell(w, grootte * 0.3528 * regel, tekst, new_x="LMARGIN", new_y="NEXT", align="L")

    def kern_rijen(b: Blad) -> list[list[tuple[str, str]]]:
        per_rij = 4 if len(b.kerncijfers) in (4, 7, 8) else 3
        return [b.kerncijfers[j:j + per_rij] for j in range(0, len(b.kerncijfers), per_rij)]

    def kern_hoogte(rij: list[tuple[str, str]], w: float) -> float:
        return max(hoogte(label, 8.5, w=w - 3) + hoogte(waarde, 11.5, "B", w=w - 3) for label, waarde in rij) + 2

    def kern_schrijf(rij: list[tuple[str, str]], w: float) -> None:
        y0 = doc.get_y()
        h = kern_hoogte(rij, w)
        for j, (label, waarde) in enumerate(rij):
            x = doc.l_margin + j * w
            doc.set_draw_color(200, 200, 200)
            doc.line(x, y0, x, y0 + h - 1)  # a thin rule before each figure
            doc.set_xy(x + 2, y0)
            schrijf(label, 8.5, "", (68, 68, 68), w=w - 3, x=x + 2)
            schrijf(waarde, 11.5, "B", w=w - 3, x=x + 2)
        doc.set_y(y0 + h)

    for i, b in enumerate(bladen, 1):
        doc.add_page()
        schrijf(_kopregel(b).upper(), 9, "B", (92, 94, 102))
        doc.ln(1)
        schrijf(b.kop, 15 if len(b.kop) < 220 else 13, "B")
        doc.ln(2)
        # the bottom block, measured first: key figures, note, settings, source, date
        onder = []
        if b.notitie:
            onder.append(("Notitie: " + b.notitie, 10, "", (26, 26, 26)))
        if b.instellingen:
            onder.append(("Instellingen: " + b.instellingen, 9, "", (68, 68, 68)))
        if b.bron:
            onder.append((b.bron, 9, "", (68, 68, 68)))
        onder.append((f"{gemaakt} · pagina {i} van {len(bladen)}", 8, "", (92, 94, 102)))
        rijen = kern_rijen(b)
        kern_h = sum(kern_hoogte(r, breedte / len(rijen[0])) for r in rijen) + (2 if rijen else 0)
        met_beeld = bool(b.beeld or b.melding)  # without a chart the key figures follow the headline
        onder_h = (kern_h if met_beeld else 0) + sum(hoogte(t, g, s) + 1.2 for t, g, s, _ in onder)
        y_onder = doc.h - doc.b_margin - onder_h
        if b.grafiek_titel:
            schrijf(b.grafiek_titel, 11, "B")
        if b.grafiek_ondertitel:
            schrijf(b.grafiek_ondertitel, 9, "", (68, 68, 68))
        if b.beeld:
            doc.ln(1)
            ruimte_h = y_onder - doc.get_y() - 2
            pw, ph = _png_maat(b.beeld)
            w = breedte
            h = w * ph / pw
            if h > ruimte_h:
                h = max(ruimte_h, 20)
                w = h * pw / ph
            doc.image(io.BytesIO(b.beeld), x=doc.l_margin + (breedte - w) / 2, y=doc.get_y(), w=w, h=h,
                      alt_text=b.grafiek_titel or b.kop)
        elif b.melding:
            doc.ln(3)
            schrijf(b.melding, 11, "", (68, 68, 68))
        else:
            doc.ln(3)
        if not met_beeld:
            for rij in rijen:
                kern_schrijf(rij, breedte / len(rijen[0]))
        doc.set_y(max(y_onder, doc.get_y()))
        if met_beeld:
            for rij in rijen:
                kern_schrijf(rij, breedte / len(rijen[0]))
            if rijen:
                doc.ln(2)
        for tekst, grootte, stijl, kleur in onder:
            schrijf(tekst, grootte, stijl, kleur)
            doc.ln(1.2)
    return bytes(doc.output())


# ---------------------------------------------------------------- PowerPoint


def pptx(bladen: Iterable[Blad], nu: dt.datetime | None = None) -> bytes:
    """16:9, one slide per view: the message in the title placeholder, the chart image with its
    title, the key figures beside it, settings, source and date below; the note in the notes."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    bladen = beelden(list(bladen))
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12_192_000), Emu(6_858_000)  # 16:9, 13,33 × 7,5 inch
    prs.core_properties.title = "Handout IJmond Werkt! dashboard"
    prs.core_properties.language = "nl-NL"
    layout = prs.slide_layouts[5]  # "Title Only"
    gemaakt = _gemaakt(nu)
    marge = Inches(0.45)
    breedte = prs.slide_width - 2 * marge

    def tekstvak(slide, x, y, w, h, alinea: list[tuple[str, float, bool, RGBColor]]):
        vak = slide.shapes.add_textbox(x, y, w, h)
        tf = vak.text_frame
        tf.word_wrap = True
        for j, (tekst, grootte, vet, kleur) in enumerate(alinea):
            par = tf.paragraphs[0] if j == 0 else tf.add_paragraph()
            run = par.add_run()
            run.text = tekst
            run.font.size = Pt(grootte)
            run.font.bold = vet
            run.font.color.rgb = kleur
            par.space_after = Pt(3)
        return vak

    zwart, grijs = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x44, 0x44, 0x44)
    for i, b in enumerate(bladen, 1):
        slide = prs.slides.add_slide(layout)
        titel = slide.shapes.title
        titel.left, titel.top, titel.width, titel.height = marge, Inches(0.55), breedte, Inches(1.25)
        titel.text = b.kop
        tf = titel.text_frame
        tf.word_wrap = True
        tf.vertical_anchor = MSO_ANCHOR.TOP
        grootte = 24 if len(b.kop) <= 120 else 20 if len(b.kop) <= 200 else 16
        for par in tf.paragraphs:
            par.alignment = PP_ALIGN.LEFT
            for run in par.runs:
                run.font.size = Pt(grootte)
                run.font.bold = True
                run.font.color.rgb = zwart
        tekstvak(slide, marge, Inches(0.2), breedte, Inches(0.35), [(_kopregel(b).upper(), 11, True, grijs)])

        met_beeld = bool(b.beeld or b.melding)
        kolom_links = Inches(8.9) if b.kerncijfers and met_beeld else breedte
        y = Inches(1.85)
        kop_regels = [(t, g, v, k) for t, g, v, k in ((b.grafiek_titel, 14, True, zwart),
                                                       (b.grafiek_ondertitel, 11, False, grijs)) if t]
        if kop_regels:
            # 14 pt title on a line of its own; about 100 characters of 11 pt subtitle a line
            h_kop = Inches(0.3 + (0.21 * -(-len(b.grafiek_ondertitel) // 100) if b.grafiek_ondertitel else 0))
            tekstvak(slide, marge, y, kolom_links, h_kop, kop_regels)
            y += h_kop + Inches(0.1)
        onder = []
        if b.instellingen:
            onder.append(("Instellingen: " + b.instellingen, 10, False, grijs))
        if b.bron:
            onder.append((b.bron, 10, False, grijs))
        onder.append((f"{gemaakt} · dia {i} van {len(bladen)}", 9, False, grijs))
        # about 170 characters of 10 pt on a line of the slide's width; 0,19 inch a line
        regels = sum(-(-len(t) // 170) for t, *_ in onder)
        onder_y = prs.slide_height - Inches(0.15 + 0.19 * regels + 0.1)
        if b.beeld:
            pw, ph = _png_maat(b.beeld)
            max_w, max_h = kolom_links, onder_y - y - Inches(0.1)
            w = max_w
            h = Emu(int(w * ph / pw))
            if h > max_h:
                h = max_h
                w = Emu(int(h * pw / ph))
            slide.shapes.add_picture(io.BytesIO(b.beeld), marge, y, w, h)
        elif b.melding:
            tekstvak(slide, marge, y, kolom_links, Inches(1), [(b.melding, 14, False, grijs)])
        if b.kerncijfers:
            x = marge + kolom_links + Inches(0.25) if met_beeld else marge
            regels = [("Kerncijfers", 14, True, zwart)] if met_beeld else []
            for label, waarde in b.kerncijfers:
                regels += [(label, 11, False, grijs), (waarde, 13 if len(waarde) < 40 else 11, True, zwart)]
            tekstvak(slide, x, y, prs.slide_width - x - marge, onder_y - y, regels)
        tekstvak(slide, marge, onder_y, breedte, prs.slide_height - onder_y - Inches(0.1), onder)
        if b.notitie:
            slide.notes_slide.notes_text_frame.text = b.notitie
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def uit_stappen(stappen: Iterable, lees) -> list[Blad]:
    """The views of a sessie's steps (``.pagina``, ``.parameters``, ``.notitie``, ``.titel``)."""
    uit = []
    for s in stappen:
        b = blad(s.pagina, getattr(s, "parameters", {}) or {}, lees)
        uit.append(replace(b, notitie=getattr(s, "notitie", "") or "", titel=getattr(s, "titel", "") or ""))
    return uit
