"""Money: exact fractions, largest-remainder splits, and rounding for display that still adds up."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ijmond_dash.analysis.scenario.basis import EENHEID_AFGEROND, ScenarioFout
from ijmond_dash.formatting import euro

if TYPE_CHECKING:
    from ijmond_dash.analysis.scenario.basis import Getal
    from ijmond_dash.analysis.scenario.sleutels import Dekking


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
        waarom = (
            "zoals het raadsvoorstel de frictiekosten afrondt"
            if uit_de_stukken
            else "want de ingevulde bedragen zijn hele duizenden"
        )
        return (
            f"Afgerond op {euro(eenheid)}, {waarom}; rijen en kolommen tellen op. Exact: onder 'Hoe berekend?' "
            "en in de download. Een ingevuld bedrag dat niet op duizenden eindigt, geeft hele euro's."
        )
    return (
        "In hele euro's, want een ingevuld bedrag eindigt niet op duizenden. Zijn alle bedragen hele "
        f"duizenden, dan rondt de pagina af op {euro(EENHEID_AFGEROND)}."
    )


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


def _min_kosten_stroom(n: int, bogen: list[tuple[int, int, int, int]], bron: int, put: int, hoeveel: int) -> list[int]:
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
                d, doel = afstand[van[e]], afstand[naar[e]]
                if cap[e] > 0 and d is not None and (doel is None or d + kost[e] < doel):
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
    grenzen = (
        [(cellen[c], x[c]) for c in x]
        + [(rij_tot[r], exact_r[r]) for r in rijen]
        + [(kol_tot[k], exact_k[k]) for k in kolommen]
    )
    if totaal != _afronden(Fraction(exact, eenheid)) * eenheid or any(abs(a - b) >= eenheid for a, b in grenzen):
        raise ArithmeticError("controlled rounding broke its bounds")
    return Afgerond(eenheid, cellen, rij_tot, kol_tot, totaal)


def afronden_lijst(waarden: Mapping[Any, int], eenheid: int) -> dict[Any, int]:
    """Amounts rounded to ``eenheid`` so that they add up to their total rounded to the nearest
    unit (largest remainder): ``afronden_tabel`` with one column."""
    return afronden_tabel({(k, 0): v for k, v in waarden.items()}, eenheid).rijen
