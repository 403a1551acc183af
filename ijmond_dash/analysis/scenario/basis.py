"""What every part of the scenario model shares: the names of the keys, the labels, ScenarioFout."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

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
