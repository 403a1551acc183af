"""The kerncijfers, each defined once (pure, no Streamlit): every page that shows one calls
its function here, so the value, the peildatum and the rounding are the same everywhere.

- ``uitkeringen_cbs``: bijstandsuitkeringen excl. AOW (CBS), IJmond total, on the latest
  peildatum, with the change since the first peildatum (Overzicht, Aanmeldingen).
- ``participanten``: participanten in the latest full year, with the change since the first
  full year (Overzicht, Aanmeldingen; the half year is never compared with whole years).
- ``frictiekosten``: the raadsvoorstel's total for a scenario, and the share of the gemeente
  the raadsvoorstel names, computed exactly as the scenario page computes it on its documented
  defaults (``ijmond_dash.analysis.scenario``), next to the raadsvoorstel's own rounded words.
- ``overzicht_boodschap``: the Overzicht headline, from the same two changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ijmond_dash.analysis import scenario as model
from ijmond_dash.formatting import datum, euro, euro_kort, euro_mln, getal, periode, procent

REGIO = "IJMOND"
CBS = "bijstand_excl_aow"
PWET = "pwet_personen"
STABIEL_PCT = 10  # a change smaller than this (in %) is called "vrijwel gelijk" (as reeksen.trendzin)


@dataclass(frozen=True)
class Kerncijfer:
    label: str
    waarde: str
    delta: str | None
    toelichting: str
    bron: str | list[str]  # bron code(s)
    peildatum: str
    pagina: str  # page key in ui.PAGES
    is_verandering: bool = False  # True: the delta is a change over time (show an arrow)


@dataclass(frozen=True)
class Verandering:
    """A count on two peildata: the basis of a kerncijfer and of the sentences that use it."""

    van: dt.date
    tot: dt.date
    eerste: int
    laatste: int

    @property
    def verschil(self) -> int:
        return self.laatste - self.eerste

    @property
    def pct(self) -> float:
        return 100 * self.verschil / self.eerste if self.eerste else 0.0

    @property
    def richting(self) -> str:
        """'gelijk' (less than STABIEL_PCT), 'stijgt' or 'daalt'."""
        if abs(self.pct) < STABIEL_PCT:
            return "gelijk"
        return "stijgt" if self.pct > 0 else "daalt"


def _teken(x: float | int, tekst: str) -> str:
    return ("+" if x > 0 else "") + tekst


def _ijmond(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["gebied"] == REGIO].sort_values("peildatum")


def bijstand_reeks(uitkeringen: pd.DataFrame) -> pd.DataFrame:
    """The CBS series of the IJmond total, oldest first (columns of ``queries.uitkeringen``)."""
    return _ijmond(uitkeringen[uitkeringen["definitie"] == CBS])


def bijstand_verandering(uitkeringen: pd.DataFrame) -> Verandering | None:
    """Bijstandsuitkeringen IJmond: the first and the latest peildatum of the CBS series."""
    reeks = bijstand_reeks(uitkeringen)
    if len(reeks) < 1:
        return None
    eerste, laatste = reeks.iloc[0], reeks.iloc[-1]
    return Verandering(eerste["peildatum"], laatste["peildatum"], int(eerste["aantal"]), int(laatste["aantal"]))


def participanten_jaren(part: pd.DataFrame) -> pd.DataFrame:
    """The full-year participanten, oldest first (a half year is never compared with whole years)."""
    return part[part["periode"] == "jaar"].sort_values("peildatum")


def participanten_verandering(part: pd.DataFrame) -> Verandering | None:
    """Participanten: the first and the latest full year."""
    jaren = participanten_jaren(part)
    if len(jaren) < 1:
        return None
    eerste, laatste = jaren.iloc[0], jaren.iloc[-1]
    return Verandering(eerste["peildatum"], laatste["peildatum"], int(eerste["aantal"]), int(laatste["aantal"]))


def uitkeringen_cbs(uitkeringen: pd.DataFrame) -> Kerncijfer:
    """Bijstandsuitkeringen IJmond on the latest CBS peildatum, change since the first."""
    v = bijstand_verandering(uitkeringen)
    if v is None:
        raise ValueError("Te weinig peildata voor een verandering van de bijstandsuitkeringen.")
    laatste = bijstand_reeks(uitkeringen).iloc[-1]
    return Kerncijfer(
        "Bijstandsuitkeringen IJmond",
        getal(v.laatste),
        f"{_teken(v.verschil, getal(v.verschil))} ({_teken(v.pct, procent(v.pct))}) sinds {datum(v.van)}",
        "Bijstand excl. AOW (CBS), Beverwijk, Heemskerk en Velsen samen, op de laatste peildatum.",
        laatste["bron"],
        datum(v.tot),
        "uitkeringen",
        is_verandering=True,
    )


def uitkeringen_pwet(uitkeringen: pd.DataFrame) -> Kerncijfer:
    rij = _ijmond(uitkeringen[uitkeringen["definitie"] == PWET]).iloc[-1]
    return Kerncijfer(
        "Uitkeringen P-wet (personen)",
        getal(rij["aantal"]),
        None,
        "Medio 2024; andere definitie en bron dan de CBS-reeks, dus niet te vergelijken.",
        rij["bron"],
        "medio 2024",
        "uitkeringen",
    )


def in_traject(traject: pd.DataFrame, percentages: pd.DataFrame) -> Kerncijfer:
    rij = _ijmond(traject).iloc[-1]
    pct = percentages[(percentages["gebied"] == REGIO) & (percentages["kengetal"] == "in_traject_per_uitkeringen")]
    deel = f"{procent(pct.iloc[0]['percentage'], 2)} van de uitkeringen P-wet" if len(pct) else None
    return Kerncijfer(
        "In lopend traject bij IJmond Werkt!",
        getal(rij["aantal"]),
        deel,
        "Inwoners met een uitkering die in traject zijn bij IJmond Werkt!",
        rij["bron"],
        "medio 2024",
        "uitkeringen",
    )


def participanten(part: pd.DataFrame) -> Kerncijfer:
    """Participanten in the latest full year, change since the first full year."""
    v = participanten_verandering(part)
    if v is None:
        raise ValueError("Te weinig jaren voor een verandering van de participanten.")
    laatste = participanten_jaren(part).iloc[-1]
    halfjaar = part[part["periode"] == "halfjaar"]
    noot = (
        f" De waarde op {', '.join(datum(d) for d in halfjaar['peildatum'])} betreft een half jaar en telt niet mee."
        if len(halfjaar)
        else ""
    )
    return Kerncijfer(
        "Participanten bij IJmond Werkt!",
        getal(v.laatste),
        f"{_teken(v.pct, procent(v.pct))} sinds {datum(v.van)}",
        "Aanmeldingen in het laatste volledige jaar." + noot,
        laatste["bron"],
        datum(v.tot),
        "aanmeldingen",
        is_verandering=True,
    )


# ---------------------------------------------------------------- frictiekosten


@dataclass(frozen=True)
class Aandeel:
    """One gemeente's frictiekosten as the scenario page computes them on its documented defaults."""

    gemeente: str  # code
    naam: str
    berekend: int  # exact, whole euros
    afgerond: int  # as the scenario page shows it: its rounded table's row total
    eenheid: int  # the unit of that rounding (scenario.afrondingseenheid)
    sleutel: str  # the verdeelsleutel's Dutch name
    peildatum: dt.date | None  # of the verdeelsleutel's counts
    bron: str | None  # bron code of those counts


def frictiekosten_aandeel(lees, scenario: int) -> Aandeel | None:
    """The share of the gemeente the raadsvoorstel names (Velsen), computed with
    ``ijmond_dash.analysis.scenario`` on the scenario page's documented defaults (every input at its
    ``velden`` standard: verdeelsleutel, fasering, no dekking). None when the scenario has no
    documented total or the documents name no gemeente."""
    scenarios = lees("dataset", "scenarios").to_dict("records")
    frictie = lees("frictiekosten").to_dict("records")
    kengetallen = lees("dataset", "kengetallen").to_dict("records")
    aantallen = lees("verdeelsleutel_aantallen").to_dict("records")
    namen = lees("gebied_namen")
    try:
        std = model.standaarden(scenarios, frictie, kengetallen, REGIO)
        gemeenten = {g: namen[g] for g in model.leden(lees("dataset", "gebied_leden").to_dict("records"), REGIO)}
        inwoners = model.sleutel_uit_rijen("inwoners", aantallen, list(gemeenten))
        velden = model.velden(std, gemeenten, model.percentages_van(inwoners))
        totaal = velden[f"sc_totaal_{scenario}"].standaard if f"sc_totaal_{scenario}" in velden else None
        if totaal is None or std.gemeente is None:
            return None
        sleutel = model.sleutel_uit_rijen(velden["sc_sleutel"].standaard, aantallen, list(gemeenten))
        fase = model.fasering(
            velden["sc_ingang"].standaard, int(velden["sc_jaren"].standaard), velden["sc_eerste"].standaard
        )
        dekking = {}
        for g, naam in gemeenten.items():
            s = model.slug(naam)
            dekking[g] = model.dekking_uit(
                velden[f"sc_reserve_{s}"].standaard,
                velden[f"sc_impuls_{s}"].standaard,
                int(velden["sc_impulsjaren"].standaard),
                velden[f"sc_herstr_{s}"].standaard,
            )
        resultaat = model.bereken(model.euro_geheel(totaal), sleutel, fase, dekking)
    except model.ScenarioFout:
        return None
    g = std.gemeente
    # the same rounding as the scenario page's table (rows and columns add up there)
    eenheid = model.afrondingseenheid(model.invoerbedragen(resultaat.totaal, dekking))
    return Aandeel(
        g,
        namen.get(g, g),
        resultaat.netto(g),
        resultaat.afgerond(eenheid).rijen[g],
        eenheid,
        sleutel.naam,
        sleutel.peildatum,
        sleutel.bron,
    )


def _zoals_document(bedrag: int, benadering: str) -> str:
    """An amount in the document's own words: 'ongeveer € 1 mln' for its round million."""
    tekst = euro_mln(bedrag, 0) if bedrag % 1_000_000 == 0 else euro_kort(bedrag)
    return f"{benadering} {tekst}" if benadering and benadering != "exact" else tekst


def frictiekosten(frictie: pd.DataFrame, scenario: int, aandeel: Aandeel | None = None) -> Kerncijfer:
    """The raadsvoorstel's frictiekosten of a scenario; with ``aandeel`` (``frictiekosten_aandeel``)
    the named gemeente's share as the scenario page computes it, beside the raadsvoorstel's words."""
    rijen = frictie[(frictie["scenario"] == scenario) & (frictie["gebied"] == REGIO) & frictie["jaar"].isna()]
    if rijen.empty:
        return Kerncijfer(
            f"Frictiekosten scenario {scenario}",
            "niet gekwantificeerd",
            None,
            "De stukken noemen voor dit scenario geen bedrag; op de scenariopagina kunt u een aanname invullen.",
            "rv2025_financieel",
            "",
            "scenario",
        )
    rij = rijen.iloc[0]
    jaren = frictie[(frictie["scenario"] == scenario) & frictie["jaar"].notna()]["jaar"]
    wanneer = f"incidenteel, {int(jaren.min())}–{int(jaren.max())}" if len(jaren) else "incidenteel"
    toelichting = f"Volgens het raadsvoorstel; {wanneer}."
    delta, bron, peildatum = None, [rij["bron"]], ""
    if aandeel is not None:
        doc = frictie[
            (frictie["scenario"] == scenario) & (frictie["gebied"] == aandeel.gemeente) & frictie["jaar"].isna()
        ]
        delta = f"{aandeel.naam}: {euro(aandeel.afgerond)}"
        toelichting += (
            f" {aandeel.naam}: berekend als op de scenariopagina, naar {aandeel.sleutel.lower()} op "
            f"{datum(aandeel.peildatum)}" + (f" (afgerond op {euro(aandeel.eenheid)})." if aandeel.eenheid > 1 else ".")
        )
        if len(doc):
            d = doc.iloc[0]
            toelichting += (
                f" Het raadsvoorstel zegt '{_zoals_document(int(d['bedrag']), d['benadering'])}', naar "
                "'de huidige verdeelsleutel' zonder te zeggen welke."
            )
        if aandeel.bron:
            bron.append(aandeel.bron)
        peildatum = f"inwoners {datum(aandeel.peildatum)}" if aandeel.peildatum else ""
    return Kerncijfer(
        f"Frictiekosten scenario {scenario}",
        euro_kort(rij["bedrag"]),
        delta,
        toelichting,
        bron,
        peildatum,
        "scenario",
    )


def uitstroom_werk(uitstroom: pd.DataFrame) -> Kerncijfer:
    """Werkaanvaardingen in the latest reported period, IJmond total."""
    rijen = uitstroom[(uitstroom["gebied"] == REGIO) & (uitstroom["soort"] == "werkaanvaarding")]
    rij = rijen.sort_values("periode_eind").iloc[-1]
    parttime = uitstroom[
        (uitstroom["gebied"] == REGIO)
        & (uitstroom["soort"] == "parttime_werk")
        & (uitstroom["periode_eind"] == rij["periode_eind"])
    ]
    delta = f"plus {getal(parttime.iloc[0]['aantal'])} met parttime werk" if len(parttime) else None
    return Kerncijfer(
        "Uitstroom naar werk",
        getal(rij["aantal"]),
        delta,
        "Inwoners die via werkaanvaarding uit een traject bij IJmond Werkt! en uit de uitkering stroomden.",
        rij["bron"],
        periode(rij["periode_begin"], rij["periode_eind"]),
        "cijfers",
    )


# ---------------------------------------------------------------- the Overzicht headline


def _steeds(part: pd.DataFrame, richting: str) -> str:
    """'steeds ' when every full year moved in ``richting`` (or stayed), else ''."""
    waarden = list(participanten_jaren(part)["aantal"])
    paren = list(zip(waarden, waarden[1:], strict=False))
    if len(paren) < 2:
        return ""
    if richting == "daalt" and all(b <= a for a, b in paren):
        return "steeds "
    if richting == "stijgt" and all(b >= a for a, b in paren):
        return "steeds "
    return ""


def overzicht_boodschap(uitkeringen: pd.DataFrame, part: pd.DataFrame) -> str:
    """The Overzicht's one message, from the same changes as the kerncijfers: bijstandsuitkeringen
    (first to latest CBS peildatum) against participanten (first to latest full year)."""
    u = bijstand_verandering(uitkeringen)
    p = participanten_verandering(part)
    if u is None or p is None or u.van == u.tot or p.van == p.tot:
        return "Er zijn te weinig peildata om een ontwikkeling te beschrijven; zie de kerncijfers hieronder."
    u_pct, p_pct = _teken(u.pct, procent(u.pct)), _teken(p.pct, procent(p.pct))
    eerste = {
        "gelijk": f"Het aantal bijstandsuitkeringen bleef sinds {u.van.year} vrijwel gelijk ({u_pct})",
        "stijgt": f"Het aantal bijstandsuitkeringen steeg sinds {u.van.year} ({u_pct})",
        "daalt": f"Het aantal bijstandsuitkeringen daalde sinds {u.van.year} ({u_pct})",
    }[u.richting]
    sinds = "" if p.van.year == u.van.year else f" sinds {p.van.year}"
    hoeveel = {"daalt": "minder", "stijgt": "meer", "gelijk": "ongeveer even veel"}[p.richting]
    if p.richting == u.richting:
        tweede = (
            "en ook het aantal inwoners dat bij IJmond Werkt! instroomde bleef vrijwel gelijk"
            if p.richting == "gelijk"
            else f"en ook bij IJmond Werkt! stroomden {_steeds(part, p.richting)}{hoeveel} inwoners in"
        )
    else:
        tweede = f"terwijl {_steeds(part, p.richting)}{hoeveel} inwoners bij IJmond Werkt! instroomden"
    return f"{eerste}, {tweede} ({p_pct}{sinds})."


def overzicht(lees, scenario: int) -> list[Kerncijfer]:
    """The six kerncijfers of the Overzicht page in screen order; ``lees`` runs a query
    (``ui.berekend`` caches the result per store version, ``queries.lezer`` for tests)."""
    uitkeringen = lees("uitkeringen")
    return [
        uitkeringen_cbs(uitkeringen),
        uitkeringen_pwet(uitkeringen),
        in_traject(lees("dataset", "in_traject"), lees("dataset", "percentages")),
        participanten(lees("participanten")),
        frictiekosten(lees("frictiekosten"), scenario, frictiekosten_aandeel(lees, scenario)),
        uitstroom_werk(lees("dataset", "uitstroom")),
    ]


def boodschap(lees) -> str:
    """The Overzicht headline from the store (``overzicht_boodschap``), for ``ui.berekend``."""
    return overzicht_boodschap(lees("uitkeringen"), lees("participanten"))


def aanmeldingen(lees) -> list[Kerncijfer]:
    """The kerncijfers the Aanmeldingen page shows: the same two as on the Overzicht."""
    return [participanten(lees("participanten")), uitkeringen_cbs(lees("uitkeringen"))]
