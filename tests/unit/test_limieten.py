"""Values beyond a column's limits are refused in the preview, naming file, row and column,
and write nothing; the limits are one declaration (limieten) shared by models, validation,
the import page and the server's upload limit. Both backends (``fresh_engine``)."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from ijmond_dash import limieten
from ijmond_dash.imports import importers
from ijmond_dash.store import catalog, loader, models, queries
from ijmond_dash.store.validation import GRENS

from .test_importers import snapshot

ROOT = Path(__file__).resolve().parents[2]
ZV = "periode_begin,periode_eind,groep,realisatie,target,afwijking,landelijk,bron\n"


def refused_with(engine, dataset: str, data: str, naam: str = "f.csv") -> list:
    """The preview refuses, the import attempt too, and nothing is written; the problems."""
    voor = snapshot(engine)
    v = importers.voorbereiden(engine, dataset, naam, data.encode())
    assert v.problemen and not v.geldig
    with pytest.raises(importers.ImportFout):
        importers.importeren(engine, v, data.encode(), "b")
    assert snapshot(engine) == voor
    return v.problemen


def test_three_decimals_are_refused_and_do_not_poison_later_imports(fresh_engine):
    """A ziekteverzuim row with three decimals satisfies realisatie − target = afwijking in the
    file, but the store keeps two (2,13 − 1,12 ≠ 1,00): refused, so the next import still works."""
    data = ZV + "2024-01-01,2024-06-30,sw,2.126,1.124,1.002,,hjr2023_verzuim\n"
    problemen = refused_with(fresh_engine, "ziekteverzuim", data, "ziekteverzuim.csv")
    assert {(p.bestand, p.rij, p.regel) for p in problemen} == {("ziekteverzuim.csv", 2, GRENS)}
    meldingen = " ".join(p.melding for p in problemen)
    for kolom, waarde in (("realisatie", "2,126"), ("target", "1,124"), ("afwijking", "1,002")):
        assert f"kolom '{kolom}': {waarde} heeft meer dan 2 decimalen" in meldingen
    # any later import is judged on its own rows
    later = (
        "peildatum,aantal,periode,bron\n2025-06-30,300,halfjaar,"
        + queries.dataset(fresh_engine, "participanten")["bron"].iloc[0]
        + "\n"
    ).encode()
    v = importers.voorbereiden(fresh_engine, "participanten", "p.csv", later)
    assert v.geldig, v.problemen
    # two decimals are fine, also written as 2,10 or 2.1
    goed = ZV + '2024-01-01,2024-06-30,sw,"2,13",1.12,1.010,,hjr2023_verzuim\n'
    v = importers.voorbereiden(fresh_engine, "ziekteverzuim", "z.csv", goed.encode())
    assert v.geldig, v.problemen


@pytest.mark.parametrize(
    "dataset, regel, kolom",
    [
        ("uitkeringen", "2024-12-31,GM0375,bijstand_excl_aow,9223372036854775808,rv2025_omvang", "aantal"),
        ("uitkeringen", "2024-12-31,GM0375,bijstand_excl_aow,99999999999999999999999,rv2025_omvang", "aantal"),
        ("percentages", "2024-06-30,GM0375,uitkeringen_per_inwoners,10000000,rv2025_omvang", "percentage"),
        ("percentages", "2024-06-30,GM0375,uitkeringen_per_inwoners,-12345678.5,rv2025_omvang", "percentage"),
        ("wsp", "2025-01-01,2025-06-30," + "x" * 201 + ",1,5,10,50,hjr2023_wsp", "indicator"),
    ],
)
def test_values_beyond_the_column_are_refused_naming_file_row_and_column(fresh_engine, dataset, regel, kolom):
    header = ",".join(catalog.dataset(dataset).column_names) + "\n"
    problemen = refused_with(fresh_engine, dataset, header + regel + "\n", f"{dataset}.csv")
    grens = [p for p in problemen if p.regel == GRENS]
    assert [(p.bestand, p.rij) for p in grens] == [(f"{dataset}.csv", 2)], problemen
    assert f"kolom '{kolom}'" in grens[0].melding
    assert "x" * 50 not in grens[0].melding  # a long text is not repeated


def test_largest_values_that_fit_are_written_and_read_back_exactly(fresh_engine):
    big, text = limieten.GETAL_MAX, "é" * limieten.TEKST_MAX
    data = (
        "periode_begin,periode_eind,indicator,volgorde,realisatie,afspraak,percentage,bron\n"
        f"2025-01-01,2025-06-30,{text},{big},0,0,0,hjr2023_wsp\n"
    )
    v = importers.voorbereiden(fresh_engine, "wsp", "w.csv", data.encode())
    assert v.geldig, v.problemen
    importers.importeren(fresh_engine, v, data.encode(), "b")
    wsp = queries.dataset(fresh_engine, "wsp")
    rij = wsp[wsp["indicator"] == text]
    assert rij["volgorde"].item() == big
    data = ZV + "2024-07-01,2024-12-31,sw,9999999.99,-9999999.99,19999999.98,,hjr2023_verzuim\n"
    problemen = importers.voorbereiden(fresh_engine, "ziekteverzuim", "z.csv", data.encode()).problemen
    assert [p.melding for p in problemen] == [
        "kolom 'afwijking' is te groot; de database bewaart getallen tot en met 9.999.999,99"
    ]
    data = ZV + "2024-07-01,2024-12-31,sw,9999999.99,0.01,9999999.98,,hjr2023_verzuim\n"
    v = importers.voorbereiden(fresh_engine, "ziekteverzuim", "z.csv", data.encode())
    assert v.geldig, v.problemen
    importers.importeren(fresh_engine, v, data.encode(), "b")
    zv = queries.dataset(fresh_engine, "ziekteverzuim")
    assert zv[zv["periode_begin"] == dt.date(2024, 7, 1)]["realisatie"].item() == Decimal("9999999.99")


def test_problems_in_stored_rows_name_where_they_came_from(fresh_engine):
    """A store that already holds a row breaking a rule (written before this check existed)
    names that row's origin, not a CSV file without a row."""
    t = models.DATASET_TABLES["ziekteverzuim"]
    with fresh_engine.begin() as conn:
        conn.execute(
            t.insert().values(
                periode_begin=dt.date(2024, 1, 1),
                periode_eind=dt.date(2024, 6, 30),
                groep="sw",
                realisatie=Decimal("2.13"),
                target=Decimal("1.12"),
                afwijking=Decimal("1.00"),
                bron="hjr2023_verzuim",
            )
        )
    later = (
        "peildatum,aantal,periode,bron\n2025-06-30,300,halfjaar,"
        + queries.dataset(fresh_engine, "participanten")["bron"].iloc[0]
        + "\n"
    ).encode()
    [p] = importers.voorbereiden(fresh_engine, "participanten", "p.csv", later).problemen
    assert p.bestand == "opgeslagen rijen van 'Ziekteverzuim' (standaarddataset)" and p.rij is None
    assert "ziekteverzuim.csv" not in str(p)


def test_a_note_whose_difference_exceeds_the_column_keeps_its_text(fresh_engine):
    """inwoners: a regio total far below the sum of its gemeenten is stored with a note; a
    difference beyond BIGINT is kept in the note's text only (no overflow on write)."""
    m = limieten.GETAL_MAX
    data = (
        "peildatum,gebied,aantal,bron\n"
        f"2030-01-01,GM0375,{m},rv2025_omvang\n2030-01-01,GM0396,{m},rv2025_omvang\n"
        f"2030-01-01,GM0453,{m},rv2025_omvang\n2030-01-01,IJMOND,0,rv2025_omvang\n"
    ).encode()
    v = importers.voorbereiden(fresh_engine, "inwoners", "i.csv", data)
    assert v.geldig, v.problemen
    importers.importeren(fresh_engine, v, data, "b")
    dq = queries.datakwaliteit(fresh_engine)
    assert dq["omschrijving"].str.contains("27.670.116.110.564.327.421").any()


def test_model_types_are_the_declared_limits():
    for ds in catalog.DATASETS:
        t = models.DATASET_TABLES[ds.name]
        for col in ds.columns:
            typ = t.c[col.name].type
            if col.kind == "str":
                assert typ.length == limieten.TEKST_MAX
            elif col.kind == "decimal":
                assert (typ.precision, typ.scale) == (limieten.DECIMAAL_CIJFERS, limieten.DECIMAAL_DECIMALEN)
            elif col.kind == "int":
                assert isinstance(typ, sa.BigInteger)
    assert models.trajectevent.c.client_pseudoniem.type.length == limieten.PSEUDONIEM_MAX


def test_server_upload_limit_is_the_import_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == limieten.BESTAND_MB
    assert importers.MAX_BYTES == limieten.BESTAND_MAX == limieten.BESTAND_MB * 1024 * 1024


def test_import_text_states_the_enforced_limits():
    vandaag = dt.date(2026, 11, 23)
    assert limieten.importtekst(False) == "CSV of Excel, hoogstens 5 MB en 20.000 rijen"
    assert limieten.importtekst(True, vandaag) == (
        "CSV of Excel, hoogstens 5 MB en 100.000 rijen; datums van 01-01-2000 tot en met 31-12-2027"
    )


def test_limits_are_documented():
    docs = (ROOT / "docs" / "DEPLOYMENT.md").read_text() + (ROOT / "README.md").read_text()
    for fragment in (
        f"{limieten.BESTAND_MB} MB",
        "20.000 rijen",
        "100.000 rijen",
        "01-01-2000",
        "IJMOND_LOKAAL_BEHEER",
    ):
        assert fragment in docs, fragment


def test_default_dataset_still_loads_within_the_limits():
    frames, problems = loader.read_default()
    assert not problems
