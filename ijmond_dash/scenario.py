"""The frictiekosten scenario model (pure Python, no Streamlit, no pandas).

The raadsvoorstel quantifies only scenario 2: € 2,3 mln frictiekosten, "ongeveer € 1 miljoen"
for Velsen "volgens de huidige verdeelsleutel", € 500.000 in 2027 and 2028, start 1-1-2027.
This module lets a user move every assumption behind such a statement:

- the total per scenario (documented, or the user's own "aanname"; never invented),
- the verdeelsleutel (inwoners, uitkeringen P-wet, in traject bij IJW, the cost split of the
  projectopdracht 2011, or own percentages),
- the fasering (ingangsdatum, number of years, share of the first year),
- the dekking per gemeente (reserve, impulsbudget per year over N years, a percentage
  compensation from herstructureringsmiddelen),

and computes the net cost per gemeente per year. Money is whole euros (``int``) throughout;
shares are exact fractions; every split is a largest-remainder allocation, so the parts
always add up to the whole. What the page shows is rounded to the precision of the inputs
(``afrondingseenheid``) by a controlled rounding (``afronden_tabel``): every shown figure is
within one unit of the exact one and the rounded parts add up to the rounded totals, per
gemeente and per year. Defaults come from the stored dataset (``standaarden``), never from
constants here. Errors are ``ScenarioFout`` with a Dutch message for the user.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from .formatting import datum, euro, euro_kort, getal, procent

Getal = int | Decimal | Fraction | float | str

BRON = "bron: raadsvoorstel"
AANNAME = "aanname"
NIET_GEKWANTIFICEERD = "niet gekwantificeerd in de stukken"

SLEUTELS: dict[str, str] = {
    "inwoners": "Inwoners",
    "uitkeringen": "Uitkeringen P-wet",
    "in_traject": "In traject bij IJW",
    "kosten2011": "Kostenverdeling 2011",
    "eigen": "Eigen percentages",
}
SLEUTEL_UITLEG: dict[str, str] = {
    "inwoners": "naar aantal inwoners",
    "uitkeringen": "naar aantal uitkeringen P-wet (personen)",
    "in_traject": "naar aantal inwoners in lopend traject bij IJmond Werkt!",
    "kosten2011": "naar de verhouding van de kostenverdeling uit de projectopdracht van 2011",
    "eigen": "naar eigen percentages (aanname)",
}
DOCUMENTSLEUTEL = "inwoners"  # the key the raadsvoorstel's figures follow
KOSTEN_2011 = "kosten2011"
EENHEID_AFGEROND = 1000  # euros: the precision of a total the documents give rounded
GEVOELIGHEID_STAP = Fraction(1, 5)  # ±20%


class ScenarioFout(ValueError):
    """Input the model cannot compute with; ``str(exc)`` is a Dutch message for the user."""


# ---------------------------------------------------------------- numbers


def _fractie(value: Getal) -> Fraction:
    """An exact fraction; floats go through their shortest decimal form (no binary drift)."""
    if isinstance(value, bool):
        raise ScenarioFout("Een gewicht moet een getal zijn, geen ja/nee.")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ScenarioFout(f"'{value}' is geen getal.") from exc
    if not d.is_finite():
        raise ScenarioFout(f"'{value}' is geen eindig getal.")
    return Fraction(d)


def euro_geheel(value: Getal | None) -> int | None:
    """A widget amount (possibly a float) as whole euros, half up; ``None`` stays ``None``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    f = _fractie(value)
    return int(_afronden(f))


def _afronden(f: Fraction) -> int:
    """Round half away from zero to a whole number, exactly."""
    teken = -1 if f < 0 else 1
    a = abs(f)
    heel = a.numerator // a.denominator
    if a - heel >= Fraction(1, 2):
        heel += 1
    return teken * heel


def _geheel_bedrag(totaal: Any, wat: str = "Het bedrag") -> int:
    if isinstance(totaal, bool) or not isinstance(totaal, (int, Decimal, Fraction)):
        raise ScenarioFout(f"{wat} moet een bedrag in hele euro's zijn.")
    if _fractie(totaal).denominator != 1:
        raise ScenarioFout(f"{wat} moet een bedrag in hele euro's zijn, zonder centen.")
    return int(totaal)


def verdeel(totaal: int, gewichten: Mapping[Any, Getal]) -> dict[Any, int]:
    """Split ``totaal`` whole euros over the keys of ``gewichten`` by largest remainder.

    Each key first gets the whole part of its exact quota ``totaal × gewicht / som``; the
    euros left over go one each to the keys with the largest remainders (ties: larger
    weight, then input order). The parts always sum to ``totaal`` exactly, are never
    negative for a non-negative total, and never differ from the exact quota by a euro or
    more. A negative total is split as the mirror image of the positive one.
    """
    totaal = _geheel_bedrag(totaal)
    if not gewichten:
        raise ScenarioFout("Er is niets om over te verdelen: de verdeelsleutel heeft geen gemeenten.")
    fr = {k: _fractie(w) for k, w in gewichten.items()}
    negatief = [k for k, w in fr.items() if w < 0]
    if negatief:
        raise ScenarioFout(f"Een verdeelsleutel kan geen negatief gewicht hebben ({', '.join(map(str, negatief))}).")
    som = sum(fr.values(), Fraction(0))
    if som == 0:
        if totaal == 0:
            return dict.fromkeys(fr, 0)
        raise ScenarioFout("De verdeelsleutel is overal nul; er valt niets te verdelen.")
    teken = -1 if totaal < 0 else 1
    rest = abs(totaal)
    quota = {k: rest * w / som for k, w in fr.items()}
    delen = {k: q.numerator // q.denominator for k, q in quota.items()}
    over = rest - sum(delen.values())
    volgorde = {k: i for i, k in enumerate(fr)}
    for k in sorted(fr, key=lambda k: (-(quota[k] - delen[k]), -fr[k], volgorde[k]))[:over]:
        delen[k] += 1
    return {k: teken * v for k, v in delen.items()}


# ---------------------------------------------------------------- rounding for display


def afrondingseenheid(bedragen: Iterable[int | None]) -> int:
    """The unit the page rounds to: € 1.000 when every amount entered is whole thousands
    (as the raadsvoorstel's "€ 2,3 miljoen" is), otherwise whole euros.

    An amount given in thousands is an estimate; figures derived from it are shown no more
    precisely than that. An amount typed to the euro is taken as exact.
    """
    return EENHEID_AFGEROND if all(b % EENHEID_AFGEROND == 0 for b in bedragen if b) else 1


def invoerbedragen(totaal: int | None, dekking: Mapping[str, Dekking] | None = None) -> list[int | None]:
    """The amounts a result rests on that come from a person (the stukken or the user):
    the total and every gemeente's reserve and impulsbudget."""
    return [totaal, *(b for d in (dekking or {}).values() for b in (d.reserve, d.impuls_per_jaar))]


def afrondingsregel(eenheid: int, uit_de_stukken: bool) -> str:
    """The rounding rule in words, for the page."""
    if eenheid > 1:
        waarom = ("zoals het raadsvoorstel de frictiekosten afrondt" if uit_de_stukken else
                  "want de ingevulde bedragen zijn hele duizenden")
        return (f"Afgerond op {euro(eenheid)}, {waarom}; rijen en kolommen tellen op. Exact: onder 'Hoe berekend?' "
                "en in de download. Een ingevuld bedrag dat niet op duizenden eindigt, geeft hele euro's.")
    return ("In hele euro's, want een ingevuld bedrag eindigt niet op duizenden. Zijn alle bedragen hele "
            f"duizenden, dan rondt de pagina af op {euro(EENHEID_AFGEROND)}.")


@dataclass(frozen=True)
class Afgerond:
    """A table of amounts rounded to ``eenheid`` so that everything adds up.

    ``cellen[(rij, kolom)]``, ``rijen[rij]`` (the row totals), ``kolommen[kolom]`` and
    ``totaal`` are multiples of ``eenheid``, each less than one unit from its exact value;
    the cells add up to their row and column totals and both to ``totaal``, which is the
    exact total rounded to the nearest unit (half away from zero).
    """

    eenheid: int
    cellen: dict[tuple[Any, Any], int]
    rijen: dict[Any, int]
    kolommen: dict[Any, int]
    totaal: int


def _voorkeur(som: int, eenheid: int) -> int:
    """> 0 when rounding ``som`` up is the nearest rounding (ties away from zero), < 0 when down."""
    v = 2 * (som % eenheid) - eenheid
    return v if v else (1 if som > 0 else -1)


def _min_kosten_stroom(n: int, bogen: list[tuple[int, int, int, int]], bron: int, put: int,
                       hoeveel: int) -> list[int]:
    """The flow on each arc of a cheapest flow of ``hoeveel`` units from ``bron`` to ``put``.

    Successive shortest paths (Bellman-Ford, so arcs may cost less than nothing; the graph
    given has no cycles). Integer capacities and costs, so the flow is integral.
    """
    van, naar, cap, kost = [], [], [], []
    for a, b, c, k in bogen:
        van += [a, b]
        naar += [b, a]
        cap += [c, 0]
        kost += [k, -k]
    for _ in range(hoeveel):
        afstand: list[int | None] = [None] * n
        afstand[bron] = 0
        via = [-1] * n
        for _ in range(n - 1):
            veranderd = False
            for e in range(len(van)):
                d = afstand[van[e]]
                if cap[e] > 0 and d is not None and (afstand[naar[e]] is None or d + kost[e] < afstand[naar[e]]):
                    afstand[naar[e]] = d + kost[e]
                    via[naar[e]] = e
                    veranderd = True
            if not veranderd:
                break
        if afstand[put] is None:
            raise ArithmeticError("no rounding with these totals")  # impossible: see afronden_tabel
        knoop = put
        while knoop != bron:
            e = via[knoop]
            cap[e] -= 1
            cap[e ^ 1] += 1
            knoop = van[e]
    return [cap[2 * i + 1] for i in range(len(bogen))]


def afronden_tabel(waarden: Mapping[tuple[Any, Any], int], eenheid: int) -> Afgerond:
    """Round a table of whole euros (``(rij, kolom) -> bedrag``) to multiples of ``eenheid``
    so that the rounded cells add up to the rounded row totals, column totals and total.

    Every cell and every row and column total is its exact value rounded down or up to a
    multiple of ``eenheid`` (never further off); the grand total is the nearest multiple.
    Among the roundings that add up, the one chosen rounds the row totals (the gemeenten)
    to their nearest multiple where it can, then the column totals (the years), then rounds
    up the cells with the largest remainders: the largest-remainder rule of ``verdeel``,
    extended to a table. Such a rounding always exists (the fractional parts are a flow in
    a network with integral bounds, so an integral one exists: controlled rounding, as
    statistical offices round published tables); it is found as a minimum-cost flow.
    Missing cells count as 0. Negative amounts are rounded the same way (floor or ceiling).
    """
    eenheid = int(eenheid)
    if eenheid < 1:
        raise ScenarioFout("De afrondingseenheid moet een positief aantal euro's zijn.")
    rijen = list(dict.fromkeys(r for r, _ in waarden))
    kolommen = list(dict.fromkeys(k for _, k in waarden))
    x = {(r, k): _geheel_bedrag(waarden.get((r, k), 0)) for r in rijen for k in kolommen}
    exact_r = {r: sum(x[r, k] for k in kolommen) for r in rijen}
    exact_k = {k: sum(x[r, k] for r in rijen) for k in kolommen}
    exact = sum(x.values())
    if eenheid == 1:
        return Afgerond(1, x, exact_r, exact_k, exact)

    vloer = {c: v // eenheid for c, v in x.items()}  # in units, rounded down
    rest = {c: v - vloer[c] * eenheid for c, v in x.items()}  # 0 <= rest < eenheid
    # per row and column: how many of its cells go up (at least lo, at most lo + 1)
    lo_r = {r: exact_r[r] // eenheid - sum(vloer[r, k] for k in kolommen) for r in rijen}
    lo_k = {k: exact_k[k] // eenheid - sum(vloer[r, k] for r in rijen) for k in kolommen}
    omhoog = _afronden(Fraction(exact, eenheid)) - sum(vloer.values())

    # network: bron -> row -> cell (row, column) -> column -> put; one unit = one cell rounded up
    bron, put = 0, 1
    nr = {r: 2 + i for i, r in enumerate(rijen)}
    nk = {k: 2 + len(rijen) + j for j, k in enumerate(kolommen)}
    cellen_op = [c for c in x if rest[c]]
    n = len(cellen_op) + 1
    # a cell's preference: its remainder, ties to the earlier cell (as verdeel's input order)
    cel = {c: rest[c] * n + (n - i) for i, c in enumerate(cellen_op)}
    w_kolom = len(cellen_op) * (eenheid + 1) * n + 1  # a column's preference outweighs all cells
    w_rij = len(kolommen) * (eenheid + 1) * w_kolom + 1  # a row's outweighs all columns
    verplicht = -(len(rijen) * (eenheid + 1) * w_rij + w_rij)  # the lower bounds outweigh everything
    bogen: list[tuple[int, int, int, int]] = []
    for r in rijen:
        bogen.append((bron, nr[r], lo_r[r], verplicht))
        if exact_r[r] % eenheid:
            bogen.append((bron, nr[r], 1, -_voorkeur(exact_r[r], eenheid) * w_rij))
    for k in kolommen:
        bogen.append((nk[k], put, lo_k[k], verplicht))
        if exact_k[k] % eenheid:
            bogen.append((nk[k], put, 1, -_voorkeur(exact_k[k], eenheid) * w_kolom))
    eerste_cel = len(bogen)
    for r, k in cellen_op:
        bogen.append((nr[r], nk[k], 1, -cel[r, k]))
    stroom = _min_kosten_stroom(2 + len(rijen) + len(kolommen), bogen, bron, put, omhoog)
    op = dict.fromkeys(x, 0)
    for c, f in zip(cellen_op, stroom[eerste_cel:], strict=True):
        op[c] = f

    cellen = {c: (vloer[c] + op[c]) * eenheid for c in x}
    rij_tot = {r: sum(cellen[r, k] for k in kolommen) for r in rijen}
    kol_tot = {k: sum(cellen[r, k] for r in rijen) for k in kolommen}
    totaal = sum(cellen.values())
    # what the docstring promises; a failure here is a bug, never the user's input
    grenzen = [(cellen[c], x[c]) for c in x] + [(rij_tot[r], exact_r[r]) for r in rijen] + [
        (kol_tot[k], exact_k[k]) for k in kolommen]
    if totaal != _afronden(Fraction(exact, eenheid)) * eenheid or any(abs(a - b) >= eenheid for a, b in grenzen):
        raise ArithmeticError("controlled rounding broke its bounds")
    return Afgerond(eenheid, cellen, rij_tot, kol_tot, totaal)


def afronden_lijst(waarden: Mapping[Any, int], eenheid: int) -> dict[Any, int]:
    """Amounts rounded to ``eenheid`` so that they add up to their total rounded to the nearest
    unit (largest remainder): ``afronden_tabel`` with one column."""
    return afronden_tabel({(k, 0): v for k, v in waarden.items()}, eenheid).rijen


# ---------------------------------------------------------------- rows from the store


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


def leden(gebied_leden: Iterable[Mapping], regio: str) -> list[str]:
    """The gemeenten of a regio, in the order of the dataset."""
    return [r["gemeente"] for r in gebied_leden if r["regio"] == regio]


# ---------------------------------------------------------------- verdeelsleutels


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


def sleutel_uit_rijen(code: str, rijen: Iterable[Mapping], gemeenten: Sequence[str],
                      peildatum: dt.date | None = None) -> Verdeelsleutel:
    """A verdeelsleutel from counts (rows with sleutel, peildatum, gebied, aantal, bron).

    Uses the gemeenten's own counts, never a regio total; takes the latest peildatum on
    which every gemeente has a count, unless ``peildatum`` is given.
    """
    if code not in SLEUTELS or code in ("eigen", KOSTEN_2011):
        raise ScenarioFout(f"Onbekende verdeelsleutel '{code}'.")
    per_datum: dict[dt.date, dict[str, tuple[int, str]]] = {}
    for r in rijen:
        if r.get("sleutel", code) != code or r["gebied"] not in gemeenten:
            continue
        per_datum.setdefault(_als_datum(r["peildatum"]), {})[r["gebied"]] = (_als_int(r["aantal"]), r.get("bron"))
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
    return Verdeelsleutel(KOSTEN_2011, {g: Fraction(_als_int(per[g]["bedrag_per_jaar"])) for g in gemeenten},
                          None, per[gemeenten[0]].get("bron"))


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


def regio_verschil(rijen: Iterable[Mapping], code: str, regio: str, gemeenten: Sequence[str],
                   peildatum: dt.date) -> tuple[int, int] | None:
    """(the regio total the document gives, the sum of its gemeenten) if they differ."""
    totaal, som = None, 0
    for r in rijen:
        if r.get("sleutel", code) != code or _als_datum(r["peildatum"]) != peildatum:
            continue
        if r["gebied"] == regio:
            totaal = _als_int(r["aantal"])
        elif r["gebied"] in gemeenten:
            som += _als_int(r["aantal"])
    if totaal is None or totaal == som:
        return None
    return totaal, som


# ---------------------------------------------------------------- fasering and dekking


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
        for naam, v in (("De onttrekking aan de reserve", self.reserve),
                        ("Het impulsbudget per jaar", self.impuls_per_jaar)):
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


# ---------------------------------------------------------------- the computation


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

    def rijen(self, namen: Mapping[str, str] | None = None, regio_naam: str = "IJmond",
              afgerond: Afgerond | None = None) -> list[dict]:
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
            return {"gemeente": gemeente, "naam": naam, "jaar": jaar, "frictiekosten": kosten,
                    "reserve": reserve, "impulsbudget": impuls, "herstructureringsmiddelen": herstr,
                    "netto": netto, "saldo": saldo_tekst(netto)}

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


def bereken(totaal: int | None, sleutel: Verdeelsleutel, fase: Fasering,
            dekking: Mapping[str, Dekking] | None = None, scenario_naam: str = "Dit scenario") -> Resultaat:
    """Net frictiekosten per gemeente per year under the given assumptions.

    The total is split over the gemeenten by the key, each gemeente's part over the years
    by the fasering. The reserve and the compensation (a percentage of the gemeente's
    frictiekosten, half up to whole euros) follow the same fasering; the impulsbudget is
    an amount per year from the first year on, for its number of years, so it may run on
    after the costs stop. Net = kosten − dekking per year; a negative net (surplus) or a
    positive net (shortfall) is reported as is.
    """
    if totaal is None:
        raise ScenarioFout(f"{scenario_naam} is {NIET_GEKWANTIFICEERD}: vul zelf een bedrag in "
                           "(een aanname) om de gevolgen per gemeente te zien.")
    totaal = _geheel_bedrag(totaal, "De frictiekosten")
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
            regels.append(Regel(g, j, kosten.get(j, 0), reserve.get(j, 0),
                                d.impuls_per_jaar if j in impuls_jaren else 0, herstr.get(j, 0)))
    # every gemeente gets a row for every year, so tables and charts line up
    alle_jaren = sorted({r.jaar for r in regels})
    bestaand = {(r.gemeente, r.jaar) for r in regels}
    regels += [Regel(g, j, 0, 0, 0, 0) for g in aandeel for j in alle_jaren if (g, j) not in bestaand]
    regels.sort(key=lambda r: (list(aandeel).index(r.gemeente), r.jaar))
    return Resultaat(totaal, sleutel, fase, aandeel, tuple(regels))


def doorrekenen(totaal: int | None, sleutel: Verdeelsleutel | None, fase: Fasering,
                dekking: Mapping[str, Dekking] | None = None, scenario_naam: str = "Dit scenario",
                fout: str | None = None) -> tuple[Resultaat | None, Afgerond | None, str | None]:
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
    return [{"gemeente": g, "naam": namen[g], "jaar": str(j), "netto": afgerond.cellen[g, j],
             "exact": resultaat.netto_in(g, j), "frictiekosten": resultaat.kosten_in(g, j),
             "dekking": resultaat.kosten_in(g, j) - resultaat.netto_in(g, j),
             "saldo": saldo_tekst(resultaat.netto_in(g, j))}
            for g in resultaat.gemeenten for j in resultaat.jaren]


# ---------------------------------------------------------------- sensitivity


@dataclass(frozen=True)
class Gevoeligheid:
    aanname: str
    laag: int  # net cost of the gemeente with the assumption 20% lower
    hoog: int  # ... 20% higher
    basis: int

    @property
    def bereik(self) -> int:
        return abs(self.hoog - self.laag)


def gevoeligheid(totaal: int, sleutel: Verdeelsleutel, fase: Fasering, dekking: Mapping[str, Dekking],
                 gemeente: str, stap: Fraction = GEVOELIGHEID_STAP) -> list[Gevoeligheid]:
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


# ---------------------------------------------------------------- defaults from the store


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


def standaarden(scenarios: Iterable[Mapping], frictiekosten: Iterable[Mapping], kengetallen: Iterable[Mapping],
                regio: str = "IJMOND") -> Standaarden:
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
    data = [(int(s["nr"]), _als_datum(s["ingangsdatum"])) for s in scenarios if not _leeg(s["ingangsdatum"])]
    if not data:
        raise ScenarioFout("De stukken noemen geen ingangsdatum.")
    ingang_nr, ingang = next(((nr, d) for nr, d in data if nr == scenario), data[0])

    per_jaar: dict[str, dict[int, int]] = {}
    for r in frictiekosten:
        if int(r["scenario"]) == scenario and not _leeg(r["jaar"]):
            per_jaar.setdefault(r["gebied"], {})[_als_int(r["jaar"])] = _als_int(r["bedrag"])
    fase_gemeente, fase_jaren, eerste = None, 1, 100
    if per_jaar:
        fase_gemeente, bedragen = next(iter(per_jaar.items()))
        jaren = sorted(bedragen)
        fase_jaren = jaren[-1] - ingang.year + 1 if jaren[0] >= ingang.year else len(jaren)
        som = sum(bedragen.values())
        eerste = _afronden(Fraction(100 * bedragen[jaren[0]], som)) if som else 100
    impuls = next((_als_int(k["waarde"]) for k in kengetallen if k["code"] == "impulsbudget_jaren"), 0)
    aandeel = [r["gebied"] for r in frictiekosten
               if int(r["scenario"]) == scenario and r["gebied"] != regio and _leeg(r["jaar"])]
    return Standaarden(namen, totalen, bron, scenario, ingang, ingang_nr, fase_jaren, eerste,
                       fase_gemeente, impuls, aandeel[0] if aandeel else None)


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


def scenario_vergelijking(totalen: Mapping[int, int | None], std: Standaarden, sleutel: Verdeelsleutel,
                          fase: Fasering, dekking: Mapping[str, Dekking] | None = None,
                          namen: Mapping[str, str] | None = None) -> list[dict]:
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
            delen = afronden_lijst({g: r.netto(g) for g in r.gemeenten}, eenheid)
        for g, deel in delen.items():
            uit.append({"scenario": nr, "scenario_label": f"Scenario {nr}", "scenario_naam": std.scenario_namen[nr],
                        "status": status(nr, bedrag, std), "totaal": bedrag, "gemeente": g,
                        "naam": namen.get(g, g), "netto": deel, "eenheid": eenheid})
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


def sleutel_vergelijking(totaal: int, sleutels: Mapping[str, Verdeelsleutel], fase: Fasering,
                         dekking: Mapping[str, Dekking] | None = None,
                         basis: str = DOCUMENTSLEUTEL) -> list[dict]:
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
            uit.append({"sleutel": code, "sleutel_naam": SLEUTELS.get(code, code), "gemeente": g, "netto": bedrag,
                        "verschil": bedrag - netto[basis][g], "eenheid": eenheid})
    return uit


def vergelijking(resultaat: Resultaat, frictiekosten: Iterable[Mapping], scenario: int,
                 regio: str = "IJMOND") -> list[dict]:
    """The documents' own figures for a scenario beside what the model computes for them."""
    uit = []
    for r in frictiekosten:
        if int(r["scenario"]) != scenario:
            continue
        jaar = _als_int(r["jaar"])
        g = r["gebied"]
        if g == regio:
            berekend = resultaat.totaal if jaar is None else sum(resultaat.kosten_in(x, jaar) for x in resultaat.gemeenten)
        elif g in resultaat.aandeel:
            berekend = resultaat.aandeel[g] if jaar is None else resultaat.kosten_in(g, jaar)
        else:
            continue
        stukken = _als_int(r["bedrag"])
        uit.append({"gebied": g, "jaar": "alle jaren" if jaar is None else str(jaar), "omschrijving": r["omschrijving"],
                    "benadering": r["benadering"], "in_de_stukken": stukken, "berekend": berekend,
                    "verschil": berekend - stukken, "bron": r["bron"]})
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
        rijen = [{"gemeente": g, **{j: afgerond.cellen[g, j] for j in jaren}, TOTAAL: afgerond.rijen[g]}
                 for g in orde]
        rijen.append({"gemeente": SAMEN, **afgerond.kolommen, TOTAAL: afgerond.totaal})
        return rijen
    rijen = [{"jaar": j, **{g: afgerond.cellen[g, j] for g in orde}, SAMEN: afgerond.kolommen[j]} for j in jaren]
    rijen.append({"jaar": TOTAAL, **{g: afgerond.rijen[g] for g in orde}, SAMEN: afgerond.totaal})
    return rijen


def stukken_tekst(vergelijk: Sequence[Mapping], resultaat: Resultaat, eenheid: int, namen: Mapping[str, str],
                  regio: str = "IJMOND") -> str | None:
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
            per_jaar = (f"{euro(bedragen.pop())} per jaar in {_jaren_tekst(jaren)}" if len(bedragen) == 1 else
                        _opsomming([f"{euro(v['in_de_stukken'])} in {v['jaar']}" for v in jaarlijks]))
            tekst += f" ({per_jaar})" if geheel else per_jaar
        delen.append(tekst + f"; deze pagina berekent {euro(berekend[g])} frictiekosten "
                     f"{SLEUTEL_UITLEG[resultaat.sleutel.code]}")
    return "De stukken " + "; ".join(delen) + "."


def _decimaal(f: Fraction, decimalen: int) -> Decimal:
    """An exact fraction as a Decimal with ``decimalen`` decimals (half away from zero)."""
    return Decimal(_afronden(f * 10**decimalen)).scaleb(-decimalen)


def verdeling_uitleg(resultaat: Resultaat) -> list[dict]:
    """How the total was split, per gemeente: weight, share, exact quota and the whole euros
    it got (largest remainder), for the page's "Hoe berekend?"."""
    gewichten = resultaat.sleutel.gewichten
    som = sum(gewichten.values(), Fraction(0))
    return [{"gemeente": g, "gewicht": gewichten[g], "aandeel_pct": _decimaal(100 * gewichten[g] / som, 2),
             "exact": _decimaal(resultaat.totaal * gewichten[g] / som, 2), "bedrag": resultaat.aandeel[g]}
            for g in resultaat.gemeenten]


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
    return (f"{euro(min(bedragen))} tot {euro(max(bedragen))} per jaar"
            + (f" in {_jaren_tekst(jaren)}" if met_jaren else ""))


def kernboodschap(scenario_label: str, resultaat: Resultaat | None, afgerond: Afgerond | None, status_tekst: str,
                  namen: Mapping[str, str], mijn: str | None = None, fout: str | None = None) -> str:
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
    return (f"{tekst} Frictiekosten {euro(resultaat.totaal)} ({status_tekst}), "
            f"{SLEUTEL_UITLEG[resultaat.sleutel.code]}.")


# ---------------------------------------------------------------- inputs and the URL


Soort = Literal["bedrag", "getal", "datum", "keuze"]


@dataclass(frozen=True)
class Veld:
    """One input of the page: widget bounds, documented default and how it reads in the URL.

    ``bedrag`` is a number input (float in the widget, whole euros in the model), ``getal`` a
    slider, ``datum`` a date input, ``keuze`` a selectbox whose URL value is its label.
    """

    key: str
    label: str
    soort: Soort
    standaard: Any
    min: Any = None
    max: Any = None
    stap: Any = None
    opties: tuple[tuple[Any, str], ...] = ()
    herkomst: str = ""

    @property
    def labels(self) -> dict[Any, str]:
        return dict(self.opties)

    def controleer(self, ruw: str) -> str | None:
        """A Dutch reason if Streamlit would drop this URL value, else ``None``."""
        if ruw == "":
            return None if (self.soort == "bedrag" and self.standaard is None) else "leeg"
        if self.soort == "keuze":
            return None if ruw in self.labels.values() else "geen van de keuzes"
        if self.soort == "datum":
            for fmt in ("%Y-%m-%d", "%Y/%m/%d"):
                try:
                    d = dt.datetime.strptime(ruw, fmt).date()
                    break
                except ValueError:
                    continue
            else:
                return "geen datum (jjjj-mm-dd)"
            return None if self.min <= d <= self.max else f"niet tussen {datum(self.min)} en {datum(self.max)}"
        try:
            v = float(ruw)
        except ValueError:
            return "geen getal"
        if not math.isfinite(v):
            return "geen getal"
        if not self.min <= v <= self.max:
            return f"niet tussen {getal(self.min)} en {getal(self.max)}"
        return None

    def standaard_tekst(self) -> str:
        v = self.standaard
        if v is None:
            return "leeg"
        if self.soort == "bedrag":
            return euro(v)
        if self.soort == "datum":
            return datum(v)
        if self.soort == "keuze":
            return self.labels.get(v, str(v))
        tekst = getal(v, 1 if isinstance(v, float) and not float(v).is_integer() else 0)
        return tekst + "%" if "(%)" in self.label else tekst


def slug(naam: str) -> str:
    return "".join(c for c in naam.lower() if c.isalnum())


def velden(std: Standaarden, gemeenten: Mapping[str, str], eigen_standaard: Mapping[str, Decimal],
           max_bedrag: int = 100_000_000) -> dict[str, Veld]:
    """Every input of the scenario page, keyed by its widget key (= URL parameter)."""
    v: list[Veld] = [
        Veld("sc_scenario", "Scenario", "keuze", std.scenario,
             opties=tuple((nr, f"Scenario {nr}") for nr in std.scenario_namen),
             herkomst=f"het scenario dat de stukken kwantificeren ({BRON})"),
    ]
    for nr in std.scenario_namen:
        doc = std.totalen.get(nr)
        v.append(Veld(f"sc_totaal_{nr}", f"Frictiekosten scenario {nr} (€)", "bedrag",
                      float(doc) if doc is not None else None, 0.0, float(max_bedrag), 50_000.0,
                      herkomst=BRON if doc is not None else f"{NIET_GEKWANTIFICEERD}; alleen een eigen aanname"))
    v.append(Veld("sc_sleutel", "Verdeelsleutel", "keuze", "inwoners", opties=tuple(SLEUTELS.items()),
                  herkomst="inwoners medio 2024 (bron: raadsvoorstel, 'Data medio 2024: Omvang')"))
    for g, naam in gemeenten.items():
        v.append(Veld(f"sc_pct_{slug(naam)}", f"Aandeel {naam} (%)", "getal", float(eigen_standaard[g]),
                      0.0, 100.0, 0.1, herkomst="de inwonersverdeling, afgerond op 0,1%; aanname zodra gewijzigd"))
    v += [
        Veld("sc_ingang", "Ingangsdatum", "datum", std.ingangsdatum, dt.date(2025, 1, 1), dt.date(2040, 12, 31),
             herkomst=f"{BRON} (ingangsdatum scenario {std.ingangsdatum_scenario})"),
        Veld("sc_jaren", "Aantal jaren frictiekosten", "getal", std.fase_jaren, 1, 10, 1,
             herkomst=f"{BRON} (kosten in {std.fase_jaren} jaar)"),
        Veld("sc_eerste", "Aandeel eerste jaar (%)", "getal", std.eerste_jaar_pct, 0, 100, 5,
             herkomst=f"{BRON} (verhouding van de bedragen per jaar)"),
        Veld("sc_impulsjaren", "Aantal jaren impulsbudget", "getal", std.impuls_jaren, 0, max(std.impuls_jaren, 1), 1,
             herkomst=f"{BRON} ('10 jaar lang een impulsbudget')" if std.impuls_jaren == 10 else BRON),
    ]
    for g, naam in gemeenten.items():
        s = slug(naam)
        v += [
            Veld(f"sc_reserve_{s}", f"Uit de reserve, {naam} (€)", "bedrag", None, 0.0, float(max_bedrag), 10_000.0,
                 herkomst="niet gekwantificeerd in de stukken; leeg tot u een aanname invult"),
            Veld(f"sc_impuls_{s}", f"Impulsbudget per jaar, {naam} (€)", "bedrag", None, 0.0, float(max_bedrag),
                 10_000.0, herkomst="niet gekwantificeerd in de stukken; leeg tot u een aanname invult"),
            Veld(f"sc_herstr_{s}", f"Compensatie herstructureringsmiddelen, {naam} (%)", "getal", 0, 0, 100, 1,
                 herkomst="'gedeeltelijk compensatie', niet gekwantificeerd; 0% tot u een aanname invult"),
        ]
    v.append(Veld("sc_gemeente", "Mijn gemeente", "keuze", std.gemeente or next(iter(gemeenten)),
                  opties=tuple(gemeenten.items()),
                  herkomst="de gemeente waarvoor de stukken een aandeel noemen; geen aanname, alleen de volgorde"))
    return {x.key: x for x in v}


def ongeldige_parameters(params: Mapping[str, str], alle: Mapping[str, Veld]) -> list[str]:
    """Dutch messages for the URL parameters that are not valid values of their input."""
    uit = []
    for key, veld in alle.items():
        if key not in params:
            continue
        ruw = str(params[key])
        reden = veld.controleer(ruw)
        if reden:
            toon = "".join(c for c in ruw if c.isalnum() or c in " .,-_/%")[:30]
            uit.append(f"{veld.label}: de waarde '{toon}' in de link is ongeldig ({reden}); "
                       f"de standaardwaarde ({veld.standaard_tekst()}) is gebruikt.")
    return uit


def afwijkingen(waarden: Mapping[str, Any], alle: Mapping[str, Veld]) -> list[str]:
    """Labels of the inputs whose value differs from the documented default: the aannames."""
    uit = []
    for key, veld in alle.items():
        if key not in waarden or veld.soort == "keuze":
            continue
        w, s = waarden[key], veld.standaard
        if veld.soort in ("bedrag", "getal") and w is not None and s is not None:
            gelijk = _fractie(w) == _fractie(s)
        else:
            gelijk = w == s
        if not gelijk:
            uit.append(veld.label)
    return uit


def herkomst(alle: Mapping[str, Veld]) -> list[dict]:
    """The source of every default, for the page's 'Herkomst' table."""
    return [{"invoer": v.label, "standaardwaarde": v.standaard_tekst(), "herkomst": v.herkomst}
            for v in alle.values()]


def dekking_uit(reserve: Getal | None, impuls: Getal | None, jaren: int, pct: Getal | None) -> Dekking:
    """A Dekking from widget values (empty inputs count as 0)."""
    return Dekking(euro_geheel(reserve) or 0, euro_geheel(impuls) or 0, int(jaren),
                   _fractie(pct) if pct is not None else Fraction(0))

