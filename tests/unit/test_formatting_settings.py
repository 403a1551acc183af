"""nl-NL formatting and the declared settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import numpy as np

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

    df = pd.DataFrame({"peildatum": [dt.date(2015, 12, 31)], "aantal": [2970], "bedrag": [175000],
                       "pct": [Decimal("23.63")]})
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
