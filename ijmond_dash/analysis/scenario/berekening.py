"""The computation: net frictiekosten per gemeente per year, and its sensitivity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING

from ijmond_dash.analysis.scenario.basis import GEVOELIGHEID_STAP, NIET_GEKWANTIFICEERD, ScenarioFout
from ijmond_dash.analysis.scenario.geld import (
    _afronden,
    _geheel_bedrag,
    afronden_tabel,
    afrondingseenheid,
    invoerbedragen,
    verdeel,
)
from ijmond_dash.analysis.scenario.sleutels import Dekking

if TYPE_CHECKING:
    from ijmond_dash.analysis.scenario.geld import Afgerond
    from ijmond_dash.analysis.scenario.sleutels import Fasering, Verdeelsleutel


@dataclass(frozen=True)
class Regel:
    """One gemeente in one year."""

    gemeente: str
    jaar: int
    kosten: int
    reserve: int
    impuls: int
    herstructurering: int

    @property
    def dekking(self) -> int:
        return self.reserve + self.impuls + self.herstructurering

    @property
    def netto(self) -> int:
        return self.kosten - self.dekking


def saldo_tekst(netto: int) -> str:
    """Dutch word for a net cost: still to be covered, surplus, or exactly covered."""
    if netto > 0:
        return "tekort (nog te dekken)"
    if netto < 0:
        return "overschot"
    return "gedekt"


@dataclass(frozen=True)
class Resultaat:
    totaal: int
    sleutel: Verdeelsleutel
    fasering: Fasering
    aandeel: dict[str, int]  # frictiekosten per gemeente, all years
    regels: tuple[Regel, ...]

    @property
    def gemeenten(self) -> list[str]:
        return list(self.aandeel)

    @property
    def jaren(self) -> list[int]:
        return sorted({r.jaar for r in self.regels})

    def _som(self, gemeente: str | None, veld: str) -> int:
        return sum(getattr(r, veld) for r in self.regels if gemeente is None or r.gemeente == gemeente)

    def kosten(self, gemeente: str | None = None) -> int:
        return self._som(gemeente, "kosten")

    def dekking(self, gemeente: str | None = None) -> int:
        return self._som(gemeente, "dekking")

    def netto(self, gemeente: str | None = None) -> int:
        return self._som(gemeente, "netto")

    def kosten_in(self, gemeente: str, jaar: int) -> int:
        return sum(r.kosten for r in self.regels if r.gemeente == gemeente and r.jaar == jaar)

    def netto_in(self, gemeente: str, jaar: int) -> int:
        return sum(r.netto for r in self.regels if r.gemeente == gemeente and r.jaar == jaar)

    def afgerond(self, eenheid: int) -> Afgerond:
        """Net cost per (gemeente, jaar), rounded to ``eenheid`` so that it all adds up."""
        return afronden_tabel({(g, j): self.netto_in(g, j) for g in self.gemeenten for j in self.jaren}, eenheid)

    def rijen(
        self, namen: Mapping[str, str] | None = None, regio_naam: str = "IJmond", afgerond: Afgerond | None = None
    ) -> list[dict]:
        """Every number: one row per gemeente and year, a total per gemeente, and the grand total.

        With ``afgerond``, each row also has the net cost as shown on the page (``netto_afgerond``).
        """
        namen = namen or {}
        uit: list[dict] = []

        def rij(gemeente, naam, jaar, regels):
            kosten = sum(r.kosten for r in regels)
            reserve = sum(r.reserve for r in regels)
            impuls = sum(r.impuls for r in regels)
            herstr = sum(r.herstructurering for r in regels)
            netto = kosten - reserve - impuls - herstr
            return {
                "gemeente": gemeente,
                "naam": naam,
                "jaar": jaar,
                "frictiekosten": kosten,
                "reserve": reserve,
                "impulsbudget": impuls,
                "herstructureringsmiddelen": herstr,
                "netto": netto,
                "saldo": saldo_tekst(netto),
            }

        for g in self.gemeenten:
            eigen = [r for r in self.regels if r.gemeente == g]
            for j in self.jaren:
                uit.append(rij(g, namen.get(g, g), str(j), [r for r in eigen if r.jaar == j]))
                if afgerond:
                    uit[-1]["netto_afgerond"] = afgerond.cellen[g, j]
            uit.append(rij(g, namen.get(g, g), "totaal", eigen))
            if afgerond:
                uit[-1]["netto_afgerond"] = afgerond.rijen[g]
        for j in self.jaren:
            uit.append(rij("", regio_naam, str(j), [r for r in self.regels if r.jaar == j]))
            if afgerond:
                uit[-1]["netto_afgerond"] = afgerond.kolommen[j]
        uit.append(rij("", regio_naam, "totaal", list(self.regels)))
        if afgerond:
            uit[-1]["netto_afgerond"] = afgerond.totaal
        return uit


def bereken(
    totaal: int | None,
    sleutel: Verdeelsleutel,
    fase: Fasering,
    dekking: Mapping[str, Dekking] | None = None,
    scenario_naam: str = "Dit scenario",
) -> Resultaat:
    """Net frictiekosten per gemeente per year under the given assumptions.

    The total is split over the gemeenten by the key, each gemeente's part over the years
    by the fasering. The reserve and the compensation (a percentage of the gemeente's
    frictiekosten, half up to whole euros) follow the same fasering; the impulsbudget is
    an amount per year from the first year on, for its number of years, so it may run on
    after the costs stop. Net = kosten − dekking per year; a negative net (surplus) or a
    positive net (shortfall) is reported as is.
    """
    if totaal is None:
        raise ScenarioFout(
            f"{scenario_naam} is {NIET_GEKWANTIFICEERD}: vul zelf een bedrag in "
            "(een aanname) om de gevolgen per gemeente te zien."
        )
    totaal = _geheel_bedrag(totaal, "Het totaal van de frictiekosten")
    if totaal < 0:
        raise ScenarioFout("De frictiekosten kunnen niet negatief zijn.")
    dekking = dict(dekking or {})
    onbekend = [g for g in dekking if g not in sleutel.gewichten]
    if onbekend:
        raise ScenarioFout(f"Dekking opgegeven voor een gemeente buiten de verdeelsleutel: {', '.join(onbekend)}.")
    aandeel = verdeel(totaal, sleutel.gewichten)
    regels: list[Regel] = []
    for g, bedrag in aandeel.items():
        d = dekking.get(g, Dekking())
        kosten = verdeel(bedrag, fase.gewichten)
        reserve = verdeel(d.reserve, fase.gewichten)
        herstr = verdeel(_afronden(bedrag * d.herstructurering_pct / 100), fase.gewichten)
        impuls_jaren = {fase.startjaar + i for i in range(d.impuls_jaren)} if d.impuls_per_jaar else set()
        for j in sorted(set(fase.jaren) | impuls_jaren):
            regels.append(
                Regel(
                    g,
                    j,
                    kosten.get(j, 0),
                    reserve.get(j, 0),
                    d.impuls_per_jaar if j in impuls_jaren else 0,
                    herstr.get(j, 0),
                )
            )
    # every gemeente gets a row for every year, so tables and charts line up
    alle_jaren = sorted({r.jaar for r in regels})
    bestaand = {(r.gemeente, r.jaar) for r in regels}
    regels += [Regel(g, j, 0, 0, 0, 0) for g in aandeel for j in alle_jaren if (g, j) not in bestaand]
    regels.sort(key=lambda r: (list(aandeel).index(r.gemeente), r.jaar))
    return Resultaat(totaal, sleutel, fase, aandeel, tuple(regels))


def doorrekenen(
    totaal: int | None,
    sleutel: Verdeelsleutel | None,
    fase: Fasering,
    dekking: Mapping[str, Dekking] | None = None,
    scenario_naam: str = "Dit scenario",
    fout: str | None = None,
) -> tuple[Resultaat | None, Afgerond | None, str | None]:
    """What the scenario page shows as its answer (and its handout): the result, its table
    rounded to the precision of the inputs, or the reason there is none (``fout``: the
    verdeelsleutel's own error when there is no key)."""
    if sleutel is None:
        return None, None, fout
    try:
        resultaat = bereken(totaal, sleutel, fase, dekking, scenario_naam)
    except ScenarioFout as exc:
        return None, None, str(exc)
    return resultaat, resultaat.afgerond(afrondingseenheid(invoerbedragen(resultaat.totaal, dekking))), fout


def netto_per_jaar_rijen(resultaat: Resultaat, afgerond: Afgerond, namen: Mapping[str, str]) -> list[dict]:
    """The rows of the chart 'Netto kosten per jaar' (``charts.scenario.netto_per_jaar``)."""
    return [
        {
            "gemeente": g,
            "naam": namen[g],
            "jaar": str(j),
            "netto": afgerond.cellen[g, j],
            "exact": resultaat.netto_in(g, j),
            "frictiekosten": resultaat.kosten_in(g, j),
            "dekking": resultaat.kosten_in(g, j) - resultaat.netto_in(g, j),
            "saldo": saldo_tekst(resultaat.netto_in(g, j)),
        }
        for g in resultaat.gemeenten
        for j in resultaat.jaren
    ]


@dataclass(frozen=True)
class Gevoeligheid:
    aanname: str
    laag: int  # net cost of the gemeente with the assumption 20% lower
    hoog: int  # ... 20% higher
    basis: int

    @property
    def bereik(self) -> int:
        return abs(self.hoog - self.laag)


def gevoeligheid(
    totaal: int,
    sleutel: Verdeelsleutel,
    fase: Fasering,
    dekking: Mapping[str, Dekking],
    gemeente: str,
    stap: Fraction = GEVOELIGHEID_STAP,
) -> list[Gevoeligheid]:
    """For each assumption, ``gemeente``'s total net cost when it moves by ±``stap``.

    Amounts are rounded half up to whole euros and the number of years to whole years; the
    compensation percentage is capped at 100%. The fasering changes only the timing, not
    the total, so it is not in the list. Sorted by effect, largest first.
    """
    if gemeente not in sleutel.gewichten:
        raise ScenarioFout("Kies een gemeente uit de verdeelsleutel.")
    dekking = dict(dekking)
    eigen = dekking.get(gemeente, Dekking())
    basis = bereken(totaal, sleutel, fase, dekking).netto(gemeente)

    def met(d: Dekking) -> dict[str, Dekking]:
        return {**dekking, gemeente: d}

    def netto(factor: Fraction, wat: str) -> int:
        if wat == "totaal":
            return bereken(_afronden(totaal * factor), sleutel, fase, dekking).netto(gemeente)
        if wat == "sleutel":
            return bereken(totaal, sleutel.met_gewicht(gemeente, factor), fase, dekking).netto(gemeente)
        if wat == "reserve":
            d = replace(eigen, reserve=_afronden(eigen.reserve * factor))
        elif wat == "impuls":
            d = replace(eigen, impuls_per_jaar=_afronden(eigen.impuls_per_jaar * factor))
        elif wat == "impuls_jaren":
            d = replace(eigen, impuls_jaren=_afronden(eigen.impuls_jaren * factor))
        else:
            d = replace(eigen, herstructurering_pct=min(Fraction(100), eigen.herstructurering_pct * factor))
        return bereken(totaal, sleutel, fase, met(d)).netto(gemeente)

    aannames = (
        ("totaal", "Frictiekosten totaal"),
        ("sleutel", "Gewicht in de verdeelsleutel"),
        ("reserve", "Uit de reserve"),
        ("impuls", "Impulsbudget per jaar"),
        ("impuls_jaren", "Jaren impulsbudget"),
        ("herstructurering", "Compensatie herstructurering"),
    )
    uit = [Gevoeligheid(label, netto(1 - stap, wat), netto(1 + stap, wat), basis) for wat, label in aannames]
    return sorted(uit, key=lambda g: -g.bereik)
