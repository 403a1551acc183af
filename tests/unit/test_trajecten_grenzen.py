"""Trajectory imports: personal data in the pseudonym, dates outside a sane window, files beyond
the row limit, formula cells without a value; everything refused without echoing the value and
without writing. The write itself is one transaction, events and their neighbours together."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import openpyxl
import pandas as pd
import pytest

from ijmond_dash import limieten
from ijmond_dash.imports import importers, trajecten

from .test_trajecten import HEADER, csv_bytes, refused, state

GOEDE_PSEUDONIEMEN = [
    "p-001",
    "P-001",
    "syn0-0000001",
    "c12",
    "x",
    "a",
    "x7",
    "y-1",
    "3f2a9c0251123456ab0e",
    "9c1d0612345678ffe2",
    "IJW-2023-0001",
    "deelnemer42",
    "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1",
]
PERSOONSGEGEVENS = [
    ("Jan de Vries", "een naam"),
    ("J. de Vries", "een naam"),
    ("Vries, Jan de", "een naam"),
    ("Jansen", "een naam"),
    ("jan de vries", "een naam"),
    ("Anne-Marie", "een naam"),
    ("jan.devries@velsen.nl", "een e-mailadres"),
    ("j@x.nl", "een e-mailadres"),
    ("06-12345678", "een telefoonnummer"),
    ("0612345678", "een telefoonnummer"),
    ("+31 6 1234 5678", "een telefoonnummer"),
    ("0251 123456", "een telefoonnummer"),
    ("(0251) 12 34 56", "een telefoonnummer"),
    ("0031612345678", "een telefoonnummer"),
    ("1971 AB 12", "een postcode met huisnummer"),
    ("1971AB12", "een postcode met huisnummer"),
    ("1941 CD, 3a", "een postcode met huisnummer"),
    ("Dorpsstraat 12", "een adres"),
    ("12-03-1985", "een geboortedatum"),
    ("1985-03-12", "een geboortedatum"),
    ("3/7/1990", "een geboortedatum"),
    ("p-12.03.1985", "een geboortedatum"),
]


@pytest.mark.parametrize("waarde", GOEDE_PSEUDONIEMEN)
def test_pseudonyms_pass(waarde):
    assert trajecten.persoonsgegeven(waarde) is None


@pytest.mark.parametrize("waarde, wat", PERSOONSGEGEVENS)
def test_personal_data_is_recognised(waarde, wat):
    assert trajecten.persoonsgegeven(waarde) == wat


def test_personal_data_in_the_pseudonym_refuses_the_file_without_echoing_it(fresh_engine):
    rows = [
        f"{w},GM0453,Kennismaking,2023-0{i % 9 + 1}-01,," for i, (w, _) in enumerate(PERSOONSGEGEVENS) if "," not in w
    ]
    data = csv_bytes("p-001,GM0453,Kennismaking,2023-01-01,,", *rows)
    msg = refused(fresh_engine, "f.csv", data)
    for wat in (
        "een naam",
        "een e-mailadres",
        "een telefoonnummer",
        "een postcode met huisnummer",
        "een geboortedatum",
    ):
        assert f"client_pseudoniem lijkt {wat} te bevatten" in msg
    for w, _ in PERSOONSGEGEVENS:
        assert w not in msg
    v = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "f.csv", data)
    assert not v.geldig and v.aantal_toegevoegd == 0  # the preview table shows no rows
    assert all("persoonsgegevens" == p.regel for p in v.problemen)
    assert "Jan de Vries" not in str(v.problemen) and "jan.devries@velsen.nl" not in str(v.problemen)


def test_the_synthetic_generator_and_the_test_pseudonyms_are_accepted(fresh_engine):
    from ijmond_dash.imports import synthetic

    namen = set(synthetic.generate(1_000, seed=3)["client_pseudoniem"])
    assert not [n for n in namen if trajecten.persoonsgegeven(n)]
    data = csv_bytes("p-001,GM0453,Kennismaking,2023-01-05,2023-02-01,", "syn0-0000001,Velsen,Werk vinden,2023-02-03,,")
    assert trajecten.importeer(fresh_engine, "t.csv", data) == 2


@pytest.mark.parametrize(
    "regel, fragment",
    [
        ("p-1,GM0453,Kennismaking,9999-01-05,,", "startdatum ligt niet tussen 01-01-2000 en 31-12-"),
        ("p-1,GM0453,Kennismaking,1999-12-31,,", "startdatum ligt niet tussen 01-01-2000"),
        ("p-1,GM0453,Kennismaking,2023-01-05,2999-01-01,", "einddatum ligt niet tussen"),
    ],
)
def test_dates_outside_the_window_are_refused(engine, regel, fragment):
    assert fragment in refused(engine, "f.csv", csv_bytes(regel))


def test_window_edges_are_accepted(fresh_engine):
    laatste = limieten.laatste_datum()
    data = csv_bytes(f"p-1,GM0453,Kennismaking,2000-01-01,{laatste.isoformat()},")
    assert trajecten.importeer(fresh_engine, "f.csv", data) == 1


def test_too_many_rows_are_refused_without_reading_on(engine, monkeypatch):
    monkeypatch.setattr(limieten, "TRAJECT_RIJEN_MAX", 50)
    rows = [f"p-{i},GM0453,Kennismaking,2023-01-01,," for i in range(51)]
    assert "meer dan 50 rijen" in refused(engine, "f.csv", csv_bytes(*rows))
    rows = rows[:50]
    df, problems = trajecten.parse("f.csv", csv_bytes(*rows), trajecten._gemeenten(engine))
    assert not problems and len(df) == 50


def test_file_above_the_size_limit_is_refused(engine):
    data = csv_bytes("p-1,GM0453,Kennismaking,2023-01-01,,") + b" " * limieten.BESTAND_MAX
    assert f"groter dan {limieten.BESTAND_MB} MB" in refused(engine, "f.csv", data)
    v = importers.voorbereiden(engine, importers.TRAJECTEVENT, "f.csv", data)
    assert [p.regel for p in v.problemen] == ["bestandsgrootte"]


def test_the_largest_allowed_file_is_read_as_a_stream_with_progress(tmp_path):
    """100.000 rows (about 5 MB): the preview reads them row by row and reports progress; its
    peak memory stays far below what holding the file several times over would take. (Reading
    does not depend on the backend: one SQLite store.)"""
    from ijmond_dash.store import db, loader

    engine = db.create_engine(f"sqlite:///{tmp_path / 'groot.sqlite'}")
    loader.init_store(engine)
    regels = [
        f"c{i:07d},GM0453,Kennismaking,2023-01-0{i % 9 + 1},2023-02-01," for i in range(limieten.TRAJECT_RIJEN_MAX)
    ]
    data = ("\n".join([HEADER, *regels]) + "\n").encode()
    assert len(data) <= limieten.BESTAND_MAX
    stroom = io.BytesIO(data)
    stappen: list[float] = []
    tracemalloc.start()
    v = importers.voorbereiden(
        engine, importers.TRAJECTEVENT, "groot.csv", stroom, voortgang=lambda f, _t: stappen.append(f)
    )
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert v.geldig and v.aantal_toegevoegd == limieten.TRAJECT_RIJEN_MAX, v.problemen[:3]
    assert len(stappen) >= 10 and stappen == sorted(stappen) and stappen[-1] == 1.0
    assert piek < 150 * 1024 * 1024, piek  # measured: about 50 MiB


def _formule_werkmap(met_waarde: bool) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    ws.append(["p-1", "GM0453", "Kennismaking", "2023-01-01", "2023-02-01", None])
    ws.append(["p-2", "GM0453", "Kennismaking", "2023-01-01", None, '=IF(1=1,"werk","")'])
    buf = io.BytesIO()
    wb.save(buf)
    if not met_waarde:
        return buf.getvalue()
    # as Excel saves it: the formula and its result
    bron, uit = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(uit, "w") as z:
        for item in bron.infolist():
            inhoud = bron.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                tekst = inhoud.decode().replace('<c r="F3"><f>', '<c r="F3" t="str"><f>')
                # an empty cached value: "<v />", or "<v></v>" when openpyxl writes with lxml
                inhoud = re.sub(r"</f><v(?:\s*/>|></v>)</c>", "</f><v>werk</v></c>", tekst).encode()
                assert b"<v>werk</v>" in inhoud
            z.writestr(item, inhoud)
    return uit.getvalue()


def test_formula_without_cached_value_is_refused(engine):
    msg = refused(engine, "f.xlsx", _formule_werkmap(met_waarde=False))
    assert "cel F3 bevat een formule" in msg and "sla het opnieuw op" in msg


def test_formula_with_cached_value_is_read(engine):
    df, problems = trajecten.parse("f.xlsx", _formule_werkmap(met_waarde=True), trajecten._gemeenten(engine))
    assert [p.regel for p in problems] == ["uitstroomreden"]  # 'werk' read: it needs an einddatum
    assert [None if pd.isna(r) else r for r in df["uitstroomreden"]] == [None, "werk"]


def test_events_and_neighbours_are_one_transaction(fresh_engine, monkeypatch):
    """A failure after the events were inserted, while their neighbours are written, leaves no
    event, no import record and no version bump behind."""
    trajecten.importeer(fresh_engine, "a.csv", csv_bytes("p-1,GM0453,Kennismaking,2023-01-01,2023-02-01,"))
    voor = state(fresh_engine)

    def stroomstoring(conn, synthetisch, clients=None):
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(trajecten, "buren_bijwerken", stroomstoring)
    monkeypatch.setattr(trajecten, "SCHRIJF_CHUNK", 1)  # several INSERTs happen before the failure
    with pytest.raises(RuntimeError):
        trajecten.importeer(
            fresh_engine,
            "b.csv",
            csv_bytes("p-1,GM0453,Werk vinden,2023-02-01,,", "p-2,GM0453,Kennismaking,2023-03-01,,"),
        )
    assert state(fresh_engine) == voor
