"""The documented defaults, the comparisons the page shows, and the sentences that say them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from ijmond_dash.analysis.scenario.basis import (
    AANNAME,
    BRON,
    DOCUMENTSLEUTEL,
    NIET_GEKWANTIFICEERD,
    SLEUTEL_UITLEG,
    SLEUTELS,
    ScenarioFout,
)
from ijmond_dash.analysis.scenario.berekening import bereken
from ijmond_dash.analysis.scenario.geld import _afronden, afronden_lijst, afrondingseenheid, invoerbedragen
from ijmond_dash.analysis.scenario.sleutels import _als_int, _datum, _int, _leeg
from ijmond_dash.formatting import euro

if TYPE_CHECKING:
    from ijmond_dash.analysis.scenario.berekening import Resultaat
    from ijmond_dash.analysis.scenario.geld import Afgerond
    from ijmond_dash.analysis.scenario.sleutels import Dekking, Fasering, Verdeelsleutel


@dataclass(frozen=True)
class Standaarden:
    """The documented defaults, all read from the stored dataset."""

    scenario_namen: dict[int, str]
    totalen: dict[int, int | None]  # documented total per scenario; None: not quantified
    totaal_bron: dict[int, str]  # bron code per documented total
    scenario: int  # the scenario the documents quantify (first one with a total)
    ingangsdatum: dt.date
    ingangsdatum_scenario: int
    fase_jaren: int
    eerste_jaar_pct: int
    fase_gemeente: str | None  # whose yearly figures the fasering comes from
    impuls_jaren: int
    gemeente: str | None  # the gemeente the documents give a share for


def standaarden(
    scenarios: Iterable[Mapping],
    frictiekosten: Iterable[Mapping],
    kengetallen: Iterable[Mapping],
    regio: str = "IJMOND",
) -> Standaarden:
    scenarios, frictiekosten = list(scenarios), list(frictiekosten)
    namen = {int(s["nr"]): s["naam"] for s in scenarios}
    totalen: dict[int, int | None] = dict.fromkeys(namen)
    bron: dict[int, str] = {}
    for r in frictiekosten:
        if r["gebied"] == regio and _leeg(r["jaar"]):
            totalen[int(r["scenario"])] = _als_int(r["bedrag"])
            bron[int(r["scenario"])] = r["bron"]
    gekwantificeerd = [nr for nr, t in totalen.items() if t is not None]
    if not gekwantificeerd:
        raise ScenarioFout("De stukken kwantificeren geen enkel scenario.")
    scenario = gekwantificeerd[0]
    data = [
        (int(s["nr"]), _datum(s["ingangsdatum"], "een ingangsdatum")) for s in scenarios if not _leeg(s["ingangsdatum"])
    ]
    if not data:
        raise ScenarioFout("De stukken noemen geen ingangsdatum.")
    ingang_nr, ingang = next(((nr, d) for nr, d in data if nr == scenario), data[0])

    per_jaar: dict[str, dict[int, int]] = {}
    for r in frictiekosten:
        if int(r["scenario"]) == scenario and not _leeg(r["jaar"]):
            per_jaar.setdefault(r["gebied"], {})[_int(r["jaar"], "een jaar")] = _int(r["bedrag"], "een bedrag")
    fase_gemeente, fase_jaren, eerste = None, 1, 100
    if per_jaar:
        fase_gemeente, bedragen = next(iter(per_jaar.items()))
        jaren = sorted(bedragen)
        fase_jaren = jaren[-1] - ingang.year + 1 if jaren[0] >= ingang.year else len(jaren)
        som = sum(bedragen.values())
        eerste = _afronden(Fraction(100 * bedragen[jaren[0]], som)) if som else 100
    impuls = next(
        (_int(k["waarde"], "het aantal jaren impulsbudget") for k in kengetallen if k["code"] == "impulsbudget_jaren"),
        0,
    )
    aandeel = [
        r["gebied"]
        for r in frictiekosten
        if int(r["scenario"]) == scenario and r["gebied"] != regio and _leeg(r["jaar"])
    ]
    return Standaarden(
        namen,
        totalen,
        bron,
        scenario,
        ingang,
        ingang_nr,
        fase_jaren,
        eerste,
        fase_gemeente,
        impuls,
        aandeel[0] if aandeel else None,
    )


def status(nr: int, bedrag: int | None, std: Standaarden) -> str:
    """How a scenario total is labelled wherever it appears."""
    if bedrag is None:
        return NIET_GEKWANTIFICEERD
    if std.totalen.get(nr) is not None and bedrag == std.totalen[nr]:
        return BRON
    return AANNAME


def volgorde(gemeenten: Iterable[str], mijn: str | None) -> list[str]:
    """The gemeenten with ``mijn`` (the reader's own gemeente) first, the rest as given."""
    gemeenten = list(gemeenten)
    return ([mijn] if mijn in gemeenten else []) + [g for g in gemeenten if g != mijn]


def scenario_vergelijking(
    totalen: Mapping[int, int | None],
    std: Standaarden,
    sleutel: Verdeelsleutel,
    fase: Fasering,
    dekking: Mapping[str, Dekking] | None = None,
    namen: Mapping[str, str] | None = None,
) -> list[dict]:
    """Every scenario's net cost per gemeente (all years), under the same key, fasering and
    dekking, rounded as the page rounds it; a scenario the stukken do not quantify and the
    user gave no amount stays empty (``netto`` None), never 0."""
    namen = namen or {}
    uit = []
    for nr in std.scenario_namen:
        bedrag = totalen.get(nr)
        if bedrag is None:
            delen: dict[str, int | None] = dict.fromkeys(sleutel.gewichten)
            eenheid = None
        else:
            r = bereken(bedrag, sleutel, fase, dekking)
            eenheid = afrondingseenheid(invoerbedragen(bedrag, dekking))
            delen = dict(afronden_lijst({g: r.netto(g) for g in r.gemeenten}, eenheid).items())
        for g, deel in delen.items():
            uit.append(
                {
                    "scenario": nr,
                    "scenario_label": f"Scenario {nr}",
                    "scenario_naam": std.scenario_namen[nr],
                    "status": status(nr, bedrag, std),
                    "totaal": bedrag,
                    "gemeente": g,
                    "naam": namen.get(g, g),
                    "netto": deel,
                    "eenheid": eenheid,
                }
            )
    return uit


def verschil_tekst(verschil: int) -> str:
    """A difference in words, on one line: "€ 22.000 meer", "€ 19.000 minder" or "gelijk"."""
    if verschil == 0:
        return "gelijk"
    return f"{euro(abs(verschil))}\xa0{'meer' if verschil > 0 else 'minder'}"


def verschil_kort(verschil: int) -> str:
    """A difference as a change, for a narrow table cell: "+€ 22.000", "−€ 19.000", "€ 0"; a
    word joiner keeps the sign with the amount when the cell wraps."""
    if verschil == 0:
        return euro(0)
    return f"{'+' if verschil > 0 else '−'}\u2060{euro(abs(verschil))}"


def sleutel_vergelijking(
    totaal: int,
    sleutels: Mapping[str, Verdeelsleutel],
    fase: Fasering,
    dekking: Mapping[str, Dekking] | None = None,
    basis: str = DOCUMENTSLEUTEL,
) -> list[dict]:
    """The net cost per gemeente (all years) under each verdeelsleutel, and its difference with
    the key of the documents (``basis``), all rounded as the page rounds them."""
    if basis not in sleutels:
        raise ScenarioFout("De verdeelsleutel van de stukken ontbreekt in de vergelijking.")
    eenheid = afrondingseenheid(invoerbedragen(totaal, dekking))
    netto = {}
    for code, sleutel in sleutels.items():
        r = bereken(totaal, sleutel, fase, dekking)
        netto[code] = afronden_lijst({g: r.netto(g) for g in r.gemeenten}, eenheid)
    uit = []
    for code, per in netto.items():
        for g, bedrag in per.items():
            uit.append(
                {
                    "sleutel": code,
                    "sleutel_naam": SLEUTELS.get(code, code),
                    "gemeente": g,
                    "netto": bedrag,
                    "verschil": bedrag - netto[basis][g],
                    "eenheid": eenheid,
                }
            )
    return uit


def vergelijking(
    resultaat: Resultaat, frictiekosten: Iterable[Mapping], scenario: int, regio: str = "IJMOND"
) -> list[dict]:
    """The documents' own figures for a scenario beside what the model computes for them."""
    uit = []
    for r in frictiekosten:
        if int(r["scenario"]) != scenario:
            continue
        jaar = _als_int(r["jaar"])
        g = r["gebied"]
        if g == regio:
            berekend = (
                resultaat.totaal if jaar is None else sum(resultaat.kosten_in(x, jaar) for x in resultaat.gemeenten)
            )
        elif g in resultaat.aandeel:
            berekend = resultaat.aandeel[g] if jaar is None else resultaat.kosten_in(g, jaar)
        else:
            continue
        stukken = _als_int(r["bedrag"])
        uit.append(
            {
                "gebied": g,
                "jaar": "alle jaren" if jaar is None else str(jaar),
                "omschrijving": r["omschrijving"],
                "benadering": r["benadering"],
                "in_de_stukken": stukken,
                "berekend": berekend,
                "verschil": None if stukken is None else berekend - stukken,
                "bron": r["bron"],
            }
        )
    return uit


JAREN_IN_KOLOMMEN = 3  # up to this many years the table has a column per year, else a row per year


SAMEN, TOTAAL = "samen", "totaal"


def jaartabel(afgerond: Afgerond, orde: Sequence[str]) -> list[dict]:
    """The page's answer as rows, every row and column adding up (``afronden_tabel``).

    Up to ``JAREN_IN_KOLOMMEN`` years: a row per gemeente (in ``orde``) and a "samen" row, a
    column per year and a "totaal" column (``{"gemeente": ..., 2027: ..., "totaal": ...}``).
    More years: a row per year and a "totaal" row, a column per gemeente and "samen"
    (``{"jaar": ..., gemeente: ..., "samen": ...}``), so the table never gets wider than a
    phone for a long fasering.
    """
    jaren = list(afgerond.kolommen)
    if len(jaren) <= JAREN_IN_KOLOMMEN:
        rijen = [{"gemeente": g, **{j: afgerond.cellen[g, j] for j in jaren}, TOTAAL: afgerond.rijen[g]} for g in orde]
        rijen.append({"gemeente": SAMEN, **afgerond.kolommen, TOTAAL: afgerond.totaal})
        return rijen
    rijen = [{"jaar": j, **{g: afgerond.cellen[g, j] for g in orde}, SAMEN: afgerond.kolommen[j]} for j in jaren]
    rijen.append({"jaar": TOTAAL, **{g: afgerond.rijen[g] for g in orde}, SAMEN: afgerond.totaal})
    return rijen


def stukken_tekst(
    vergelijk: Sequence[Mapping], resultaat: Resultaat, eenheid: int, namen: Mapping[str, str], regio: str = "IJMOND"
) -> str | None:
    """One sentence: what the stukken say per gemeente for this scenario, and what this page
    computes for the same thing (the frictiekosten share, before dekking, rounded as shown)."""
    per: dict[str, list[Mapping]] = {}
    for v in vergelijk:
        if v["gebied"] != regio:
            per.setdefault(v["gebied"], []).append(v)
    if not per:
        return None
    berekend = afronden_lijst(resultaat.aandeel, eenheid)
    delen = []
    for g, rijen in per.items():
        geheel = [v for v in rijen if v["jaar"] == "alle jaren"]
        jaarlijks = [v for v in rijen if v["jaar"] != "alle jaren"]
        tekst = f"noemen voor {namen.get(g, g)} "
        if geheel:
            tekst += f"{geheel[0]['benadering']} {euro(geheel[0]['in_de_stukken'])}"
        if jaarlijks:
            bedragen = {v["in_de_stukken"] for v in jaarlijks}
            jaren = [int(v["jaar"]) for v in jaarlijks]
            per_jaar = (
                f"{euro(bedragen.pop())} per jaar in {_jaren_tekst(jaren)}"
                if len(bedragen) == 1
                else _opsomming([f"{euro(v['in_de_stukken'])} in {v['jaar']}" for v in jaarlijks])
            )
            tekst += f" ({per_jaar})" if geheel else per_jaar
        delen.append(
            tekst + f"; deze pagina berekent {euro(berekend[g])} frictiekosten {SLEUTEL_UITLEG[resultaat.sleutel.code]}"
        )
    return "De stukken " + "; ".join(delen) + "."


def _decimaal(f: Fraction, decimalen: int) -> Decimal:
    """An exact fraction as a Decimal with ``decimalen`` decimals (half away from zero)."""
    return Decimal(_afronden(f * 10**decimalen)).scaleb(-decimalen)


def verdeling_uitleg(resultaat: Resultaat) -> list[dict]:
    """How the total was split, per gemeente: weight, share, exact quota and the whole euros
    it got (largest remainder), for the page's "Hoe berekend?"."""
    gewichten = resultaat.sleutel.gewichten
    som = sum(gewichten.values(), Fraction(0))
    return [
        {
            "gemeente": g,
            "gewicht": gewichten[g],
            "aandeel_pct": _decimaal(100 * gewichten[g] / som, 2),
            "exact": _decimaal(resultaat.totaal * gewichten[g] / som, 2),
            "bedrag": resultaat.aandeel[g],
        }
        for g in resultaat.gemeenten
    ]


def _opsomming(delen: Sequence[str]) -> str:
    return ", ".join(delen[:-1]) + f" en {delen[-1]}" if len(delen) > 1 else delen[0]


def _jaren_tekst(jaren: Sequence[int]) -> str:
    if len(jaren) <= 2:
        return " en ".join(map(str, jaren))
    return f"{jaren[0]}–{jaren[-1]}"


def per_jaar_tekst(bedragen: Sequence[int], jaren: Sequence[int], met_jaren: bool = True) -> str:
    """One gemeente's amounts per year in words: "€ 302.000 per jaar in 2027 en 2028",
    "€ 529.000 in 2027 en € 528.000 in 2028", or for many years a range."""
    if len(set(bedragen)) == 1:
        b = euro(bedragen[0])
        if len(jaren) == 1:
            return f"{b} in {jaren[0]}" if met_jaren else b
        return f"{b} per jaar" + (f" in {_jaren_tekst(jaren)}" if met_jaren else "")
    if len(jaren) <= 3:
        return _opsomming([f"{euro(b)} in {j}" if met_jaren else euro(b) for b, j in zip(bedragen, jaren, strict=True)])
    return f"{euro(min(bedragen))} tot {euro(max(bedragen))} per jaar" + (
        f" in {_jaren_tekst(jaren)}" if met_jaren else ""
    )


def kernboodschap(
    scenario_label: str,
    resultaat: Resultaat | None,
    afgerond: Afgerond | None,
    status_tekst: str,
    namen: Mapping[str, str],
    mijn: str | None = None,
    fout: str | None = None,
) -> str:
    """The page's one message: what the scenario costs each gemeente per year, ``mijn`` first,
    in the rounded figures of the page's table."""
    if resultaat is None or afgerond is None:
        if status_tekst == NIET_GEKWANTIFICEERD:
            return f"{scenario_label} is {NIET_GEKWANTIFICEERD}: er is nog geen bedrag per gemeente of per jaar."
        return fout or f"{scenario_label}: geen uitkomst."
    jaren = resultaat.jaren
    orde = volgorde(resultaat.gemeenten, mijn)

    def bedragen(g):
        return [afgerond.cellen[g, j] for j in jaren]

    eerste = f"{scenario_label} kost {namen.get(orde[0], orde[0])} netto {per_jaar_tekst(bedragen(orde[0]), jaren)}"
    anderen = [f"{namen.get(g, g)}: {per_jaar_tekst(bedragen(g), jaren, met_jaren=False)}" for g in orde[1:]]
    tekst = eerste + "." + (" " + "; ".join(anderen) + "." if anderen else "")
    return f"{tekst} Frictiekosten {euro(resultaat.totaal)} ({status_tekst}), {SLEUTEL_UITLEG[resultaat.sleutel.code]}."
