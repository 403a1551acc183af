"""nl-NL formatting and the declared settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from ijmond_dash import formatting as f
from ijmond_dash import settings


def test_numbers_money_dates():
    assert f.getal(1234) == "1.234"
    assert f.getal(np.int64(2800)) == "2.800"
    assert f.procent(23.63) == "23,6%"
    assert f.procent(Decimal("23.63"), 2) == "23,63%"
    assert f.euro(2_300_000) == "€\xa02.300.000"
    assert f.euro(-500) == "€\xa0-500"
    assert f.euro_mln(2_300_000) == "€\xa02,3 mln"
    assert f.euro_kort(1_057_118) == "€\xa01,06 mln"
    assert f.datum(dt.date(2021, 12, 31)) == "31-12-2021"
    assert f.periode(dt.date(2023, 1, 1), dt.date(2023, 6, 30)) == "1e halfjaar 2023"


def test_tabel_formats_by_unit():
    import pandas as pd

    df = pd.DataFrame(
        {"peildatum": [dt.date(2015, 12, 31)], "aantal": [2970], "bedrag": [175000], "pct": [Decimal("23.63")]}
    )
    out = f.tabel(df, {"bedrag": "euro", "pct": "procent"})
    assert out.iloc[0].tolist() == ["31-12-2015", "2.970", "€\xa0175.000", "23,63%"]


def test_every_setting_is_documented_in_readme():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for s in settings.SETTINGS:
        assert f"`{s.name}`" in readme, s.name


def test_database_url_default_is_sqlite(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("IJMOND_SQLITE_PATH", str(tmp_path / "x.sqlite"))
    assert settings.database_url() == f"sqlite:///{tmp_path / 'x.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert settings.database_url() == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(
    "value",
    [
        0,
        1,
        -1,
        999,
        1234,
        -1234567,
        2_300_000,
        1_057_118,
        23.6,
        23.649,
        -0.05,
        0.5,
        Decimal("23.60"),
        Decimal("1.005"),
        Decimal("-7.5"),
        150_533.0,
        10**12,
    ],
)
@pytest.mark.parametrize("decimalen", [0, 1, 2])
def test_getal_and_euro_equal_babels_own_functions(value, decimalen):
    """formatting applies pre-parsed Babel patterns; the text is exactly what Babel's
    format_decimal and format_currency give for the same pattern."""
    from babel.numbers import format_currency, format_decimal

    number = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    assert f.getal(value, decimalen) == format_decimal(value, format=number, locale="nl_NL")
    assert f.euro(value, decimalen) == format_currency(
        value, "EUR", format=f"¤\xa0{number};¤\xa0-{number}", locale="nl_NL", currency_digits=False
    )
