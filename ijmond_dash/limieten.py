"""Every limit of the store and of an import, declared once.

The store's column types (``models``) are built from the column limits here, and the
preview (``validation``) refuses any value beyond them, so whatever a preview accepts is
written and read back exactly on SQLite and on Postgres. The import limits (file size,
rows, dates of trajectory events) are enforced by ``importers`` and ``trajecten``, shown on
the Gegevens beheren page (``importtekst``), and ``.streamlit/config.toml``'s
``server.maxUploadSize`` is the same number (a test holds them equal).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ijmond_dash.formatting import datum, getal

# ---------------------------------------------------------------- columns of the store

TEKST_MAX = 200  # 'str' columns: VARCHAR(200)
GETAL_MIN, GETAL_MAX = -(2**63), 2**63 - 1  # 'int' columns: BIGINT
DECIMAAL_CIJFERS, DECIMAAL_DECIMALEN = 9, 2  # 'decimal' columns: NUMERIC(9, 2)
DECIMAAL_GRENS = Decimal(10) ** (DECIMAAL_CIJFERS - DECIMAAL_DECIMALEN)  # |value| must stay below this
PSEUDONIEM_MAX = 64  # trajectevent.client_pseudoniem: VARCHAR(64)

# Characters no backend stores as given (Postgres refuses NUL); the CSV reader already
# refuses a file holding them, this also covers text from Excel cells.
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _komma(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def kolom_probleem(kind: str, kolom: str, value) -> str | None:
    """Why ``value`` does not fit a store column of catalog kind ``kind``; None when it fits.

    The message is Dutch, names the column and never repeats a long text."""
    if value is None:
        return None
    if kind in ("str", "text"):
        if _STUURTEKENS.search(value):
            return f"kolom '{kolom}' bevat een stuurteken (onzichtbaar teken) dat de database niet bewaart"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"kolom '{kolom}' bevat een ongeldig teken"
        if kind == "str" and len(value) > TEKST_MAX:
            return (
                f"kolom '{kolom}' heeft {getal(len(value))} tekens; de database bewaart er hoogstens {getal(TEKST_MAX)}"
            )
        return None
    if kind == "int" and not isinstance(value, bool):
        if value > GETAL_MAX:
            return (
                f"kolom '{kolom}' is groter dan {getal(GETAL_MAX)}, het grootste gehele getal dat de database bewaart"
            )
        if value < GETAL_MIN:
            return (
                f"kolom '{kolom}' is kleiner dan {getal(GETAL_MIN)}, het kleinste gehele getal dat de database bewaart"
            )
        return None
    if kind == "decimal":
        value = Decimal(value)
        if abs(value) >= DECIMAAL_GRENS:
            grootste = DECIMAAL_GRENS - Decimal(1).scaleb(-DECIMAAL_DECIMALEN)
            return (
                f"kolom '{kolom}' is te groot; de database bewaart getallen tot en met "
                f"{getal(grootste, DECIMAAL_DECIMALEN)}"
            )
        if value != value.quantize(Decimal(1).scaleb(-DECIMAAL_DECIMALEN)):
            return (
                f"kolom '{kolom}': {_komma(value)} heeft meer dan {DECIMAAL_DECIMALEN} decimalen; de database "
                f"bewaart er {DECIMAAL_DECIMALEN} (rond af in het bestand)"
            )
        return None
    return None


# ---------------------------------------------------------------- imports

BESTAND_MB = 5  # also server.maxUploadSize in .streamlit/config.toml
BESTAND_MAX = BESTAND_MB * 1024 * 1024
RIJEN_MAX = 20_000  # rows of a file for a dataset of the catalog
TRAJECT_RIJEN_MAX = 100_000  # rows of a file of trajectory events
XLSX_UITGEPAKT_MAX = 50 * 1024 * 1024  # an .xlsx file unpacked (zip-bomb guard)
EERSTE_DATUM = dt.date(2000, 1, 1)  # trajectory dates from ...


def laatste_datum(vandaag: dt.date | None = None) -> dt.date:
    """... to the end of next year (a planned einddatum may lie ahead)."""
    return dt.date((vandaag or dt.date.today()).year + 1, 12, 31)


def rijen_max(traject: bool) -> int:
    return TRAJECT_RIJEN_MAX if traject else RIJEN_MAX


def importtekst(traject: bool, vandaag: dt.date | None = None) -> str:
    """The limits of one import as the page shows them (the same numbers the import enforces)."""
    tekst = f"CSV of Excel, hoogstens {BESTAND_MB} MB en {getal(rijen_max(traject))} rijen"
    if traject:
        tekst += f"; datums van {datum(EERSTE_DATUM)} tot en met {datum(laatste_datum(vandaag))}"
    return tekst
