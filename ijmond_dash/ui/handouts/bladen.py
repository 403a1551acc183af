"""One view (a page and its URL settings) as a handout page: headline, chart, key figures, source."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go

from ijmond_dash import formatting, settings
from ijmond_dash.analysis import kerncijfers, reeksen, woorden
from ijmond_dash.analysis import scenario as model
from ijmond_dash.charts import aanmeldingen as aanmeldingen_charts
from ijmond_dash.charts import common as chart_common
from ijmond_dash.charts import fasen as fasen_charts
from ijmond_dash.charts import scenario as scenario_charts
from ijmond_dash.charts import uitkeringen as uitkeringen_charts
from ijmond_dash.imports import trajecten
from ijmond_dash.store.catalog import TOTAAL
from ijmond_dash.ui.handouts.basis import PAGINA_TITELS, REGIO, Blad, HandoutFout


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


def _overzicht(lees, p) -> Blad:
    scenarios = lees("dataset", "scenarios")
    nummers = [int(n) for n in scenarios["nr"]]
    scenario = _keuze(p, "overzicht_scenario", {n: f"Scenario {n}" for n in nummers}, 2 if 2 in nummers else nummers[0])
    cijfers = kerncijfers.overzicht(lees, int(scenario))
    b = Blad(
        "overzicht",
        PAGINA_TITELS["overzicht"],
        kerncijfers.boodschap(lees),
        kerncijfers=[_kerncijfer(k) for k in cijfers],
        instellingen=f"Frictiekosten van scenario {scenario}",
    )
    gegevens = reeksen.aanmeldingen(lees, REGIO)
    part, uitk = gegevens.participanten, gegevens.uitkeringen
    uitk = uitk[uitk["gebied"] == REGIO]
    codes = [c for k in cijfers for c in ([k.bron] if isinstance(k.bron, str) else k.bron)]
    if len(part) and len(uitk):
        bron = _bron(
            lees, list(part["bron"]) + list(uitk["bron"]), _van_tot(list(part["peildatum"]) + list(uitk["peildatum"]))
        )
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
    gebieden = [g for g in chart_common.GEMEENTE_VOLGORDE if g in namen] + sorted(
        set(namen) - set(chart_common.GEMEENTE_VOLGORDE)
    )
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
            waarde = (
                formatting.getal(r.per_1000, 1) + " per 1.000 inwoners"
                if maat == uitkeringen_charts.PER_1000
                else formatting.getal(r.aantal)
            )
            b.kerncijfers.append((f"{r.naam}, {formatting.datum(laatste)}", waarde))
    if maat == uitkeringen_charts.ABSOLUUT and (uitk["definitie"] == kerncijfers.PWET).any():
        b.kerncijfers.append(_kerncijfer(kerncijfers.uitkeringen_pwet(uitk)))
    b.instellingen = (
        f"Gemeenten: {', '.join(namen[g] for g in keuze)} · periode {van}–{tot} · maat: {maten[maat].lower()}"
    )
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
    b.bron = _bron(lees, list(part["bron"]) + list(u["bron"]), _van_tot(list(part["peildatum"]) + list(u["peildatum"])))
    if weergave == aanmeldingen_charts.INDEX:
        fig = aanmeldingen_charts.geindexeerd(part, u, basisjaar, jaarbasis, b.bron)
    else:
        fig = aanmeldingen_charts.panelen(part, u, trend, jaarbasis, b.bron)
    _met_figuur(b, fig)
    if trend is not None:
        jaren = f"{formatting.datum(trend.van)} t/m {formatting.datum(trend.tot)}"
        b.kerncijfers.append(("Trend participanten", f"{formatting.procent(trend.pct_per_jaar)} per jaar ({jaren})"))
    b.instellingen = f"Weergave: {weergaven[weergave].lower()} · half jaar " + (
        "omgerekend naar een heel jaar (schatting)" if jaarbasis else "niet omgerekend"
    )
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
        b = Blad(
            "fasen",
            titel + label_synth,
            fasen_charts.boodschap_overgangen(stromen, periode_tekst, gemeente),
            instellingen=" · ".join(instellingen),
        )
        bron = (
            "Bron: synthetische trajectgebeurtenissen, gegenereerd — geen echte personen"
            if synthetisch
            else "Bron: geïmporteerde trajectgebeurtenissen (gepseudonimiseerd)"
        )
        b.bron = bron + f" — periode {formatting.datum(begin)} t/m {formatting.datum(eind)}"
        if not stromen.empty:
            _met_figuur(
                b,
                fasen_charts.overgangen_sankey(
                    stromen,
                    drempel,
                    f"Overgangen tussen fasen{label_synth}, {gemeente}, {periode_tekst}",
                    f"Links: instroom en de fase waaruit iemand vertrekt; rechts: de fase waarin iemand komt of de "
                    f"reden van uitstroom. Stromen van minder dan {drempel} personen: '{klein}'.",
                    b.bron,
                ),
            )
        b.kerncijfers = [
            ("Instroom", _som_overgangen(stromen, "instroom")),
            ("Stap vooruit", _som_overgangen(stromen, "vooruit")),
            ("Terug naar een eerdere fase", _som_overgangen(stromen, "terug")),
            ("Uitstroom", _som_overgangen(stromen, "uitstroom")),
            ("Kleine aantallen", f"minder dan {drempel} personen: '{klein}'".replace("< ", "<\xa0")),
        ]
        return b
    if periode in tabel_perioden:
        fasen = lees("fasen_periode", "fasen", begin, eind)
        uitsplitsing = lees("fasen_periode", "fasen_uitstroom", begin, eind)
        b = Blad(
            "fasen", titel, fasen_charts.boodschap_tabel(fasen, periode_tekst), instellingen=" · ".join(instellingen)
        )
        b.bron = _bron(lees, [*fasen["bron"], *uitsplitsing["bron"]], formatting.datum(eind))
        _met_figuur(
            b,
            fasen_charts.tabel_sankey(
                fasen,
                uitsplitsing,
                f"Instroom en uitstroom per fase, {periode_tekst}",
                "Per fase hoeveel inwoners er in kwamen en uit gingen; wie een fase uit ging, naar de reden waar de "
                "rapportage die geeft. De rest ging door naar een andere fase of is niet uitgesplitst.",
                b.bron,
            ),
        )
        f = fasen.set_index("fase")
        if TOTAAL in f.index:
            t = f.loc[TOTAAL]
            b.kerncijfers = [
                ("In traject, begin periode", formatting.getal(int(t["stand_begin"]))),
                ("Een fase in", formatting.getal(int(t["bij"]))),
                ("Een fase uit", formatting.getal(int(t["af"]))),
                ("In traject, eind periode", formatting.getal(int(t["stand_eind"]))),
            ]
        return b
    return Blad(
        "fasen",
        titel,
        f"Voor {periode_tekst} zijn geen cijfers over de fasen opgeslagen.",
        instellingen=" · ".join(instellingen),
    )


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
        std = model.standaarden(
            scenarios.to_dict("records"),
            frictie.to_dict("records"),
            lees("dataset", "kengetallen").to_dict("records"),
            REGIO,
        )
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
        dekking[g] = model.dekking_uit(
            waarden[f"sc_reserve_{s}"],
            waarden[f"sc_impuls_{s}"],
            int(waarden["sc_impulsjaren"]),
            waarden[f"sc_herstr_{s}"],
        )
    totaal = model.euro_geheel(waarden[f"sc_totaal_{nr}"])
    status = model.status(nr, totaal, std)
    resultaat, afgerond, fout = model.doorrekenen(totaal, sleutel, fase, dekking, scenario_label, fout)
    b = Blad("scenario", titel, model.kernboodschap(scenario_label, resultaat, afgerond, status, gemeenten, mijn, fout))
    aannames = model.afwijkingen(waarden, velden)
    codes = [c for c in (std.totaal_bron.get(nr), sleutel.bron if sleutel else None) if c]
    peil = formatting.datum(sleutel.peildatum) if sleutel and sleutel.peildatum else None
    b.bron = (_bron(lees, codes, peil) + ("; met aannames" if aannames else "")) if codes else ""
    jaren = int(waarden["sc_jaren"])
    fase_tekst = f"{jaren} jaar vanaf {formatting.datum(waarden['sc_ingang'])}" + (
        f", eerste jaar {formatting.getal(waarden['sc_eerste'])}%" if jaren > 1 else ""
    )
    delen = [
        f"{scenario_label}: {std.scenario_namen[nr]}",
        f"frictiekosten {formatting.euro(totaal) if totaal is not None else 'leeg'} ({status})",
        f"verdeelsleutel: {velden['sc_sleutel'].labels.get(code, code).lower()}",
        f"fasering: {fase_tekst}",
        f"mijn gemeente: {gemeenten[mijn]}",
    ]
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
    b = Blad(
        "cijfers",
        PAGINA_TITELS["cijfers"],
        "De rapportage van IJmond Werkt! als cijfers: per onderdeel wat op koers ligt en wat niet.",
    )
    k = kerncijfers.uitstroom_werk(lees("dataset", "uitstroom"))
    b.kerncijfers = [_kerncijfer(k)]
    b.bron = _bron(lees, [k.bron], k.peildatum)
    return b


def _bronnen(lees, p) -> Blad:
    docs = woorden.brondocumenten(lees)
    b = Blad(
        "bronnen",
        PAGINA_TITELS["bronnen"],
        f"Alle cijfers komen uit {formatting.getal(len(docs))} brondocumenten; elk cijfer noemt zijn bron.",
    )
    b.kerncijfers = [(f"{d['datum']} · {d['organisatie']}", d["titel"]) for d in docs]
    b.bron = "Bron: de documenten hierboven, met titel en datum"
    return b


BLADEN: dict[str, Callable] = {
    "overzicht": _overzicht,
    "uitkeringen": _uitkeringen,
    "aanmeldingen": _aanmeldingen,
    "cijfers": _cijfers,
    "fasen": _fasen,
    "scenario": _scenario,
    "bronnen": _bronnen,
}


def blad(pagina: str, parameters: Mapping[str, object] | None, lees) -> Blad:
    """One view as its page shows it with these URL settings (``parameters``: key -> value or
    values, as ``ui.link_parameters`` or a sessie step gives them)."""
    maak = BLADEN.get(pagina)
    if maak is None:
        naam = f"de pagina '{PAGINA_TITELS[pagina]}'" if pagina in PAGINA_TITELS else "deze pagina"
        raise HandoutFout(f"Van {naam} kan geen handout worden gemaakt.")
    return maak(lees, dict(parameters or {}))
