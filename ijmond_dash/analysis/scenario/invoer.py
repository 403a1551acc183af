"""The page's inputs as data: label, range, default and source of each, and URL checks."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from ijmond_dash.analysis.scenario.basis import BRON, NIET_GEKWANTIFICEERD, SLEUTELS
from ijmond_dash.analysis.scenario.geld import _fractie, euro_geheel
from ijmond_dash.analysis.scenario.sleutels import Dekking
from ijmond_dash.formatting import datum, euro, getal

if TYPE_CHECKING:
    from ijmond_dash.analysis.scenario.basis import Getal
    from ijmond_dash.analysis.scenario.standaarden import Standaarden


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


def velden(
    std: Standaarden,
    gemeenten: Mapping[str, str],
    eigen_standaard: Mapping[str, Decimal],
    max_bedrag: int = 100_000_000,
) -> dict[str, Veld]:
    """Every input of the scenario page, keyed by its widget key (= URL parameter)."""
    v: list[Veld] = [
        Veld(
            "sc_scenario",
            "Scenario",
            "keuze",
            std.scenario,
            opties=tuple((nr, f"Scenario {nr}") for nr in std.scenario_namen),
            herkomst=f"het scenario dat de stukken kwantificeren ({BRON})",
        ),
    ]
    for nr in std.scenario_namen:
        doc = std.totalen.get(nr)
        v.append(
            Veld(
                f"sc_totaal_{nr}",
                f"Frictiekosten scenario {nr} (€)",
                "bedrag",
                float(doc) if doc is not None else None,
                0.0,
                float(max_bedrag),
                50_000.0,
                herkomst=BRON if doc is not None else f"{NIET_GEKWANTIFICEERD}; alleen een eigen aanname",
            )
        )
    v.append(
        Veld(
            "sc_sleutel",
            "Verdeelsleutel",
            "keuze",
            "inwoners",
            opties=tuple(SLEUTELS.items()),
            herkomst="inwoners medio 2024 (bron: raadsvoorstel, 'Data medio 2024: Omvang')",
        )
    )
    for g, naam in gemeenten.items():
        v.append(
            Veld(
                f"sc_pct_{slug(naam)}",
                f"Aandeel {naam} (%)",
                "getal",
                float(eigen_standaard[g]),
                0.0,
                100.0,
                0.1,
                herkomst="de inwonersverdeling, afgerond op 0,1%; aanname zodra gewijzigd",
            )
        )
    v += [
        Veld(
            "sc_ingang",
            "Ingangsdatum",
            "datum",
            std.ingangsdatum,
            dt.date(2025, 1, 1),
            dt.date(2040, 12, 31),
            herkomst=f"{BRON} (ingangsdatum scenario {std.ingangsdatum_scenario})",
        ),
        Veld(
            "sc_jaren",
            "Aantal jaren frictiekosten",
            "getal",
            std.fase_jaren,
            1,
            10,
            1,
            herkomst=f"{BRON} (kosten in {std.fase_jaren} jaar)",
        ),
        Veld(
            "sc_eerste",
            "Aandeel eerste jaar (%)",
            "getal",
            std.eerste_jaar_pct,
            0,
            100,
            5,
            herkomst=f"{BRON} (verhouding van de bedragen per jaar)",
        ),
        Veld(
            "sc_impulsjaren",
            "Aantal jaren impulsbudget",
            "getal",
            std.impuls_jaren,
            0,
            max(std.impuls_jaren, 1),
            1,
            herkomst=f"{BRON} ('10 jaar lang een impulsbudget')" if std.impuls_jaren == 10 else BRON,
        ),
    ]
    for naam in gemeenten.values():
        s = slug(naam)
        v += [
            Veld(
                f"sc_reserve_{s}",
                f"Uit de reserve, {naam} (€)",
                "bedrag",
                None,
                0.0,
                float(max_bedrag),
                10_000.0,
                herkomst="niet gekwantificeerd in de stukken; leeg tot u een aanname invult",
            ),
            Veld(
                f"sc_impuls_{s}",
                f"Impulsbudget per jaar, {naam} (€)",
                "bedrag",
                None,
                0.0,
                float(max_bedrag),
                10_000.0,
                herkomst="niet gekwantificeerd in de stukken; leeg tot u een aanname invult",
            ),
            Veld(
                f"sc_herstr_{s}",
                f"Compensatie herstructureringsmiddelen, {naam} (%)",
                "getal",
                0,
                0,
                100,
                1,
                herkomst="'gedeeltelijk compensatie', niet gekwantificeerd; 0% tot u een aanname invult",
            ),
        ]
    v.append(
        Veld(
            "sc_gemeente",
            "Mijn gemeente",
            "keuze",
            std.gemeente or next(iter(gemeenten)),
            opties=tuple(gemeenten.items()),
            herkomst="de gemeente waarvoor de stukken een aandeel noemen; geen aanname, alleen de volgorde",
        )
    )
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
            uit.append(
                f"{veld.label}: de waarde '{toon}' in de link is ongeldig ({reden}); "
                f"de standaardwaarde ({veld.standaard_tekst()}) is gebruikt."
            )
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
    return [{"invoer": v.label, "standaardwaarde": v.standaard_tekst(), "herkomst": v.herkomst} for v in alle.values()]


def dekking_uit(reserve: Getal | None, impuls: Getal | None, jaren: int, pct: Getal | None) -> Dekking:
    """A Dekking from widget values (empty inputs count as 0)."""
    return Dekking(
        euro_geheel(reserve) or 0,
        euro_geheel(impuls) or 0,
        int(jaren),
        _fractie(pct) if pct is not None else Fraction(0),
    )
