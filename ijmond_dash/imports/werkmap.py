"""Uploaded Excel workbooks (.xlsx): rows of cell values, read as a stream.

A formula cell holds, next to its formula, the result Excel computed when it last saved the
file. A workbook written by another program (or by a script) may hold formulas without that
result; openpyxl then reads the cell as empty, and an optional column would silently lose
its value. Such a workbook is refused (``FormuleZonderWaarde``) with the cells named.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from openpyxl.utils import get_column_letter

Voortgang = Callable[[float], None]


class FormuleZonderWaarde(ValueError):
    """Formula cells without a stored result; ``cellen`` are their references (e.g. 'C4')."""

    def __init__(self, cellen: list[str], eerste_rij: int):
        self.cellen = cellen
        self.eerste_rij = eerste_rij
        getoond = ", ".join(cellen[:10]) + (f" en nog {len(cellen) - 10}" if len(cellen) > 10 else "")
        super().__init__(
            f"cel {getoond} bevat een formule waarvan de uitkomst niet in het bestand is opgeslagen; "
            "open het bestand in Excel en sla het opnieuw op, of plak de cellen als waarden"
            if len(cellen) == 1
            else f"de cellen {getoond} bevatten een formule waarvan de uitkomst niet in het bestand is opgeslagen; "
            "open het bestand in Excel en sla het opnieuw op, of plak de cellen als waarden"
        )


def _open(bron: bytes | BinaryIO, data_only: bool):
    from openpyxl import load_workbook

    if isinstance(bron, (bytes, bytearray)):
        bron = io.BytesIO(bron)
    bron.seek(0)
    return load_workbook(bron, read_only=True, data_only=data_only)


def _blad(wb, voorkeur: str | None):
    return wb[voorkeur] if voorkeur and voorkeur in wb.sheetnames else wb.worksheets[0]


def formules_zonder_waarde(bron: bytes | BinaryIO, blad: str | None = None) -> list[tuple[int, str]]:
    """(row, cell reference) of every formula cell of the sheet without a stored result."""
    formules: list[tuple[int, int]] = []
    wb = _open(bron, data_only=False)
    try:
        for row in _blad(wb, blad).iter_rows():
            formules += [(c.row, c.column) for c in row if getattr(c, "data_type", None) == "f"]
    finally:
        wb.close()
    if not formules:
        return []
    gezocht = set(formules)
    leeg: list[tuple[int, str]] = []
    wb = _open(bron, data_only=True)
    try:
        for row in _blad(wb, blad).iter_rows(min_row=min(r for r, _ in formules), max_row=max(r for r, _ in formules)):
            for c in row:
                if (getattr(c, "row", None), getattr(c, "column", None)) in gezocht and c.value is None:
                    leeg.append((c.row, f"{get_column_letter(c.column)}{c.row}"))
    finally:
        wb.close()
    return leeg


def rijen(bron: bytes | BinaryIO, blad: str | None = None, voortgang: Voortgang | None = None) -> Iterator[list]:
    """The values of every row of the sheet (``blad``, else the first), one row at a time.

    Raises ``FormuleZonderWaarde`` before the first row when a formula has no stored result."""
    leeg = formules_zonder_waarde(bron, blad)
    if leeg:
        raise FormuleZonderWaarde([ref for _, ref in leeg], leeg[0][0])
    wb = _open(bron, data_only=True)
    try:
        ws = _blad(wb, blad)
        totaal = ws.max_row or 0
        for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if voortgang is not None and totaal and n % 2000 == 0:
                voortgang(min(1.0, n / totaal))
            yield list(row)
    finally:
        wb.close()
