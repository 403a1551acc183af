"""Tables out: CSV and Excel bytes, safe to open in a spreadsheet.

Text cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) get a leading apostrophe, so ``=HYPERLINK(...)`` from
an imported file is shown as text and never runs (CSV/formula injection).
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from numbers import Real

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutraliseer(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def veilig(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutraliseer)
    return out


def _komma(value):
    """A fraction as Dutch Excel reads it (13,60); other values as they are. Decimals from the
    store sit in object columns, where pandas' ``decimal=','`` does not reach."""
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f").replace(".", ",")
    if isinstance(value, Real) and not isinstance(value, (bool, int)) and math.isfinite(value):
        tekst = repr(float(value))
        return tekst[:-2] if tekst.endswith(".0") else tekst.replace(".", ",")
    return value


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV that Dutch Excel opens as intended: UTF-8 with BOM, semicolons, CRLF and a
    decimal comma (13,60, also for Decimal values); formulas neutralised first.

    With CRLF as line end, a text cell holding a CR or LF is quoted, so it cannot split a row.
    """
    out = veilig(df)
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(_komma)
    return out.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n").encode("utf-8-sig")


def excel_bytes(df: pd.DataFrame, blad: str = "Gegevens") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        veilig(df).to_excel(writer, index=False, sheet_name=blad[:31])
    return buf.getvalue()
