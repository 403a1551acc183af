"""From stored rows to the model's inputs: verdeelsleutels, fasering and dekking."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ijmond_dash.analysis.scenario.basis import KOSTEN_2011, SLEUTELS, ScenarioFout
from ijmond_dash.analysis.scenario.geld import _fractie, _geheel_bedrag, verdeel
from ijmond_dash.formatting import procent

if TYPE_CHECKING:
    from ijmond_dash.analysis.scenario.basis import Getal


def _leeg(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _als_datum(value: Any) -> dt.date | None:
    if _leeg(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date"):  # pandas Timestamp
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _als_int(value: Any) -> int | None:
    if _leeg(value):
        return None
    return int(_fractie(value.item() if hasattr(value, "item") else value))


def _int(value: Any, wat: str) -> int:
    """A whole number the stukken must give (``wat`` names it in the message)."""
    getal = _als_int(value)
    if getal is None:
        raise ScenarioFout(f"In de gegevens ontbreekt {wat}.")
    return getal


def _datum(value: Any, wat: str) -> dt.date:
    """A date the stukken must give (``wat`` names it in the message)."""
    d = _als_datum(value)
    if d is None:
        raise ScenarioFout(f"In de gegevens ontbreekt {wat}.")
    return d


def leden(gebied_leden: Iterable[Mapping], regio: str) -> list[str]:
    """The gemeenten of a regio, in the order of the dataset."""
    return [r["gemeente"] for r in gebied_leden if r["regio"] == regio]


@dataclass(frozen=True)
class Verdeelsleutel:
    """Weights per gemeente; only their ratios matter."""

    code: str
    gewichten: dict[str, Fraction]
    peildatum: dt.date | None = None
    bron: str | None = None  # bron code
    aanname: bool = False

    @property
    def naam(self) -> str:
        return SLEUTELS.get(self.code, self.code)

    @property
    def aandelen(self) -> dict[str, Fraction]:
        som = sum(self.gewichten.values(), Fraction(0))
        return {k: (w / som if som else Fraction(0)) for k, w in self.gewichten.items()}

    def met_gewicht(self, gemeente: str, factor: Fraction) -> Verdeelsleutel:
        gewichten = dict(self.gewichten)
        gewichten[gemeente] = gewichten[gemeente] * factor
        return replace(self, gewichten=gewichten)


def sleutel_uit_rijen(
    code: str, rijen: Iterable[Mapping], gemeenten: Sequence[str], peildatum: dt.date | None = None
) -> Verdeelsleutel:
    """A verdeelsleutel from counts (rows with sleutel, peildatum, gebied, aantal, bron).

    Uses the gemeenten's own counts, never a regio total; takes the latest peildatum on
    which every gemeente has a count, unless ``peildatum`` is given.
    """
    if code not in SLEUTELS or code in ("eigen", KOSTEN_2011):
        raise ScenarioFout(f"Onbekende verdeelsleutel '{code}'.")
    per_datum: dict[dt.date, dict[str, tuple[int, str | None]]] = {}
    for r in rijen:
        if r.get("sleutel", code) != code or r["gebied"] not in gemeenten:
            continue
        per_datum.setdefault(_datum(r["peildatum"], "een peildatum"), {})[r["gebied"]] = (
            _int(r["aantal"], f"het aantal van {r['gebied']}"),
            r.get("bron"),
        )
    volledig = sorted(d for d, per in per_datum.items() if all(g in per for g in gemeenten))
    if peildatum is not None:
        volledig = [d for d in volledig if d == peildatum]
    if not volledig:
        raise ScenarioFout(f"Voor de verdeelsleutel '{SLEUTELS[code]}' ontbreekt een aantal voor een van de gemeenten.")
    d = volledig[-1]
    per = per_datum[d]
    return Verdeelsleutel(code, {g: Fraction(per[g][0]) for g in gemeenten}, d, per[gemeenten[0]][1])


def sleutel_uit_kostenverdeling(rijen: Iterable[Mapping], gemeenten: Sequence[str]) -> Verdeelsleutel:
    """The key of the projectopdracht 2011: its amounts per gemeente (rows with gebied,
    bedrag_per_jaar, bron) as weights, for ``gemeenten`` only.

    The 2011 split was over four gemeenten (Uitgeest too) by inwoners on 1-1-2011; for the
    three gemeenten of today only their ratio to each other counts.
    """
    per = {r["gebied"]: r for r in rijen if r["gebied"] in gemeenten}
    ontbreekt = [g for g in gemeenten if g not in per or _leeg(per[g]["bedrag_per_jaar"])]
    if ontbreekt:
        raise ScenarioFout("Voor de kostenverdeling 2011 ontbreekt een bedrag voor een van de gemeenten.")
    return Verdeelsleutel(
        KOSTEN_2011,
        {g: Fraction(_int(per[g]["bedrag_per_jaar"], "een bedrag")) for g in gemeenten},
        None,
        per[gemeenten[0]].get("bron"),
    )


def eigen_sleutel(percentages: Mapping[str, Getal]) -> Verdeelsleutel:
    """Own percentages per gemeente; they must each be 0-100 and sum to exactly 100."""
    pct = {g: _fractie(p) for g, p in percentages.items()}
    if not pct:
        raise ScenarioFout("Vul voor elke gemeente een percentage in.")
    if any(p < 0 or p > 100 for p in pct.values()):
        raise ScenarioFout("Elk percentage moet tussen 0% en 100% liggen.")
    som = sum(pct.values(), Fraction(0))
    if som != 100:
        raise ScenarioFout(
            f"De eigen percentages tellen op tot {procent(Decimal(som.numerator) / Decimal(som.denominator), 1)} "
            "in plaats van 100%. Pas ze aan zodat ze samen precies 100% zijn; tot dan is er geen uitkomst."
        )
    return Verdeelsleutel("eigen", pct, aanname=True)


def percentages_van(sleutel: Verdeelsleutel, decimalen: int = 1) -> dict[str, Decimal]:
    """The key's shares as percentages with ``decimalen`` decimals that sum to exactly 100."""
    eenheden = 100 * 10**decimalen
    delen = verdeel(eenheden, sleutel.gewichten)
    return {g: Decimal(v).scaleb(-decimalen) for g, v in delen.items()}


def regio_verschil(
    rijen: Iterable[Mapping], code: str, regio: str, gemeenten: Sequence[str], peildatum: dt.date
) -> tuple[int, int] | None:
    """(the regio total the document gives, the sum of its gemeenten) if they differ."""
    totaal, som = None, 0
    for r in rijen:
        if r.get("sleutel", code) != code or _als_datum(r["peildatum"]) != peildatum:
            continue
        if r["gebied"] == regio:
            totaal = _als_int(r["aantal"])
        elif r["gebied"] in gemeenten:
            som += _int(r["aantal"], f"het aantal van {r['gebied']}")
    if totaal is None or totaal == som:
        return None
    return totaal, som


@dataclass(frozen=True)
class Fasering:
    """From the ingangsdatum on, calendar years with a share (percent, exact) each."""

    ingangsdatum: dt.date
    aandelen: tuple[Fraction, ...]

    @property
    def startjaar(self) -> int:
        return self.ingangsdatum.year

    @property
    def jaren(self) -> list[int]:
        return [self.startjaar + i for i in range(len(self.aandelen))]

    @property
    def gewichten(self) -> dict[int, Fraction]:
        return dict(zip(self.jaren, self.aandelen, strict=True))


def fasering(ingangsdatum: dt.date, jaren: int, eerste_jaar_pct: Getal) -> Fasering:
    """``eerste_jaar_pct`` in the first year, the rest in equal shares over the other years."""
    if isinstance(jaren, bool) or not isinstance(jaren, int) or not 1 <= jaren <= 20:
        raise ScenarioFout("De fasering moet over 1 tot 20 jaar lopen.")
    eerste = _fractie(eerste_jaar_pct)
    if not 0 <= eerste <= 100:
        raise ScenarioFout("Het aandeel van het eerste jaar moet tussen 0% en 100% liggen.")
    if jaren == 1:
        return Fasering(ingangsdatum, (Fraction(100),))
    rest = (100 - eerste) / (jaren - 1)
    return Fasering(ingangsdatum, (eerste, *([rest] * (jaren - 1))))


@dataclass(frozen=True)
class Dekking:
    """Dekking of one gemeente; all amounts whole euros."""

    reserve: int = 0
    impuls_per_jaar: int = 0
    impuls_jaren: int = 0
    herstructurering_pct: Fraction = Fraction(0)

    def __post_init__(self):
        for naam, v in (
            ("De onttrekking aan de reserve", self.reserve),
            ("Het impulsbudget per jaar", self.impuls_per_jaar),
        ):
            if _geheel_bedrag(v, naam) < 0:
                raise ScenarioFout(f"{naam} kan niet negatief zijn.")
        if isinstance(self.impuls_jaren, bool) or not isinstance(self.impuls_jaren, int) or self.impuls_jaren < 0:
            raise ScenarioFout("Het aantal jaren impulsbudget moet een heel getal van 0 of meer zijn.")
        pct = _fractie(self.herstructurering_pct)
        if not 0 <= pct <= 100:
            raise ScenarioFout("De compensatie uit herstructureringsmiddelen moet tussen 0% en 100% liggen.")
        object.__setattr__(self, "herstructurering_pct", pct)

    @property
    def is_leeg(self) -> bool:
        return not (self.reserve or (self.impuls_per_jaar and self.impuls_jaren) or self.herstructurering_pct)
