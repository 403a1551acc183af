"""The validator refuses what the documents' own arithmetic forbids, naming file, row and rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ijmond_dash.store import catalog, loader
from ijmond_dash.store.validation import validate


@pytest.fixture
def frames():
    frames, problems = loader.read_default()
    assert not problems
    return {k: v.copy() for k, v in frames.items()}


def _set(frames, name, match: dict, col, value):
    df = frames[name]
    mask = True
    for k, v in match.items():
        mask = mask & (df[k] == v)
    assert mask.sum() == 1
    df.loc[mask, col] = value
    return int(df.loc[mask, "_rij"].iloc[0])


def test_default_dataset_is_valid(frames):
    problems, notes = validate(frames)
    assert problems == []
    assert {n.dataset for n in notes} == {"inwoners", "uitsplitsing"}


def test_broken_fase_table_is_refused(frames):
    rij = _set(frames, "fasen", {"fase": "Kennismaking"}, "stand_eind", 127)
    problems, _ = validate(frames)
    identiteit = [p for p in problems if p.regel == "Stand begin + bij − af = stand eind"]
    assert len(identiteit) == 1 and identiteit[0].rij == rij and identiteit[0].bestand == "fasen.csv"
    assert "= 126, maar stand_eind is 127" in identiteit[0].melding
    assert any(p.regel == "De totaalrij is de som van de fasen" for p in problems)
    assert str(identiteit[0]).startswith(f"fasen.csv, rij {rij} — ")


def test_negative_count_is_refused(frames):
    rij = _set(frames, "uitstroom", {"gebied": "GM0396", "soort": "werkaanvaarding"}, "aantal", -9)
    problems, _ = validate(frames)
    assert [(p.bestand, p.rij, p.regel) for p in problems] == [("uitstroom.csv", rij, "negatief aantal")]
    assert "kan niet negatief zijn" in problems[0].melding


def test_unknown_gemeente_is_refused(frames):
    rij = _set(frames, "in_traject", {"gebied": "GM0453"}, "gebied", "GM9999")
    problems, _ = validate(frames)
    assert any(p.rij == rij and p.regel == "onbekende gemeente of regio" and "GM9999" in p.melding for p in problems)


def test_duplicate_peildatum_is_refused(frames):
    df = frames["participanten"]
    dup = df.iloc[[0]].copy()
    dup["_rij"] = 99
    frames["participanten"] = __import__("pandas").concat([df, dup], ignore_index=True)
    problems, _ = validate(frames)
    assert [(p.rij, p.regel) for p in problems] == [(99, "dubbele rij")]
    assert "peildatum 31-12-2015" in problems[0].melding and "rij 2" in problems[0].melding


def test_total_that_is_not_its_parts_is_refused_where_document_adds_up(frames):
    rij = _set(frames, "uitkeringen", {"gebied": "IJMOND", "peildatum": dt.date(2019, 12, 31)}, "aantal", 2711)
    problems, _ = validate(frames)
    assert len(problems) == 1 and problems[0].rij == rij
    assert "2.711" in problems[0].melding and "2.710" in problems[0].melding


def test_percentage_must_match_counts(frames):
    rij = _set(
        frames,
        "percentages",
        {"gebied": "GM0453", "kengetal": "in_traject_per_uitkeringen"},
        "percentage",
        Decimal("16.72"),
    )
    problems, _ = validate(frames)
    assert [(p.rij, p.regel) for p in problems] == [(rij, "Percentages horen bij de aantallen")]
    assert "16,27" in problems[0].melding


def test_wsp_percentage_and_financial_totals(frames):
    _set(frames, "wsp", {"indicator": "Vacaturevervulling"}, "percentage", 61)
    _set(frames, "financien", {"regel": "Resultaat"}, "saldo", 124)
    problems, _ = validate(frames)
    regels = {p.regel for p in problems}
    assert "Percentage = realisatie / afspraak" in regels
    assert "Baten − lasten = saldo" in regels


def test_unknown_enumeration_value(frames):
    _set(frames, "fasen", {"fase": "Werk vinden"}, "fase", "Werk zoeken")
    problems, _ = validate(frames)
    assert any(p.regel == "onbekende waarde" and "'Werk zoeken'" in p.melding for p in problems)


def test_parse_errors_name_row_and_column():
    ds = catalog.dataset("participanten")
    text = "peildatum,aantal,periode,bron\n31-12-2015,1.972,jaar,rv2025_tabel\n2016-13-01,12a,jaar,x\n"
    df, problems = loader.parse_csv(ds, text, "upload.csv")
    assert df.iloc[0]["peildatum"] == dt.date(2015, 12, 31) and df.iloc[0]["aantal"] == 1972
    msgs = {(p.rij, p.melding) for p in problems}
    assert (3, "kolom 'peildatum': '2016-13-01' is geen geldige datum (verwacht DD-MM-JJJJ of JJJJ-MM-DD)") in msgs
    assert (3, "kolom 'aantal': '12a' is geen geheel getal") in msgs


def test_missing_and_unknown_columns():
    ds = catalog.dataset("participanten")
    _, problems = loader.parse_csv(ds, "peildatum,aantallen,bron\n2015-12-31,1,x\n", "upload.csv")
    melding = " ".join(p.melding for p in problems)
    assert "ontbrekende kolom(men): aantal, periode" in melding and "onbekende kolom(men): aantallen" in melding


def test_decimal_accepts_dutch_comma_and_refuses_ambiguity():
    assert loader._convert("decimal", "23,63") == Decimal("23.63")
    assert loader._convert("decimal", "23.63") == Decimal("23.63")
    with pytest.raises(ValueError):
        loader._convert("decimal", "1.234,5")
    with pytest.raises(ValueError):
        loader._convert("decimal", "NaN")
