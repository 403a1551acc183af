"""Writes that meet each other or the rest of the store: a second import while one holds the
write lock, an undo that would leave rows pointing at nothing, Excel formula cells without a
value. Each refuses with a Dutch message and writes nothing (both backends)."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest
import sqlalchemy as sa

from ijmond_dash.imports import importers
from ijmond_dash.store import db, models, queries

from .test_importers import NIEUW, snapshot

# a new bron in a document the store already has (the halfjaarrapportage 2023)
BRON = b"code,document,tabel,toelichting\nhjr2024,004_659572f695ff6db4.txt,Fasen,Volgende rapportage\n"
CITEERT = (
    "peildatum,gebied,definitie,aantal,bron\n"
    + "".join(
        f"2023-12-31,{g},bijstand_excl_aow,{n},hjr2024\n"
        for g, n in (("GM0375", 830), ("GM0396", 700), ("GM0453", 1250), ("IJMOND", 2780))
    )
).encode()


def importeer(engine, dataset: str, data: bytes, naam: str = "f.csv") -> int:
    v = importers.voorbereiden(engine, dataset, naam, data)
    assert v.geldig, v.problemen
    return importers.importeren(engine, v, data, "beheer@test")


def test_undo_that_would_leave_rows_citing_a_removed_bron_is_refused_naming_them(fresh_engine):
    b1 = importeer(fresh_engine, "bronnen", BRON, "bronnen.csv")
    b2 = importeer(fresh_engine, "uitkeringen", CITEERT, "uitkeringen.csv")
    voor = snapshot(fresh_engine)
    with pytest.raises(importers.ImportFout) as fout:
        importers.ongedaan_maken(fresh_engine, b1, "beheer@test")
    melding = str(fout.value)
    assert melding.startswith(f"Import #{b1} kan niet ongedaan worden gemaakt")
    assert (
        f"opgeslagen rijen van 'Uitkeringen per gemeente' (import #{b2}) — onbekende bron: 'hjr2024' in "
        "kolom 'bron' is geen bekende bron (4 rijen)"
    ) in melding
    assert f"Maak eerst import #{b2} ongedaan" in melding
    assert "uitkeringen.csv" not in melding
    assert snapshot(fresh_engine) == voor
    assert "hjr2024" in set(queries.dataset(fresh_engine, "bronnen")["code"])
    # in the right order both go
    importers.ongedaan_maken(fresh_engine, b2, "beheer@test")
    importers.ongedaan_maken(fresh_engine, b1, "beheer@test")
    assert "hjr2024" not in set(queries.dataset(fresh_engine, "bronnen")["code"])


def test_second_import_while_one_holds_the_lock_gets_a_dutch_message(fresh_engine):
    v = importers.voorbereiden(fresh_engine, "uitkeringen", "u.csv", NIEUW.encode())
    assert v.geldig
    voor = snapshot(fresh_engine)
    conn = fresh_engine.connect()
    trans = conn.begin()
    t = models.store_meta
    conn.execute(t.update().where(t.c.sleutel == "versie").values(waarde=t.c.waarde))
    begin = time.monotonic()
    try:
        with pytest.raises(importers.ImportFout, match="Er loopt al een import") as fout:
            importers.importeren(fresh_engine, v, NIEUW.encode(), "b")
        gewacht = time.monotonic() - begin
        assert "Er is niets geïmporteerd." in str(fout.value)
        assert "locked" not in str(fout.value) and "OperationalError" not in str(fout.value)
        assert db.WACHTTIJD_MS / 1000 - 0.5 <= gewacht <= db.WACHTTIJD_MS / 1000 + 10
        traject = (
            b"client_pseudoniem,gemeente,fase,startdatum,einddatum,uitstroomreden\n"
            b"p-1,GM0453,Kennismaking,2023-01-01,,\n"
        )
        vt = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "t.csv", traject)
        assert vt.geldig, vt.problemen
        with pytest.raises(importers.ImportFout, match="Er loopt al een import"):
            importers.importeren(fresh_engine, vt, traject, "b")
    finally:
        trans.rollback()
        conn.close()
    assert snapshot(fresh_engine) == voor
    importers.importeren(fresh_engine, v, NIEUW.encode(), "b")  # once the lock is free it goes ahead


def test_undo_while_an_import_holds_the_lock_gets_a_dutch_message(fresh_engine):
    batch = importeer(fresh_engine, "uitkeringen", NIEUW.encode())
    voor = snapshot(fresh_engine)
    conn = fresh_engine.connect()
    trans = conn.begin()
    t = models.store_meta
    conn.execute(t.update().where(t.c.sleutel == "versie").values(waarde=t.c.waarde))
    try:
        with pytest.raises(importers.ImportFout, match="Er loopt al een import") as fout:
            importers.ongedaan_maken(fresh_engine, batch, "b")
        assert "Er is niets ongedaan gemaakt." in str(fout.value)
    finally:
        trans.rollback()
        conn.close()
    assert snapshot(fresh_engine) == voor


def _werkmap_met_formule() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["peildatum", "gebied", "definitie", "aantal", "bron"])
    for g, n in (("GM0375", 1000), ("GM0396", 900), ("GM0453", 1700)):
        ws.append(["2024-12-31", g, "pwet_personen", n, "rv2025_omvang"])
    ws.append(["2024-12-31", "IJMOND", "pwet_personen", "=SUM(D2:D4)", "rv2025_omvang"])
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl stores the formula without a computed value
    return buf.getvalue()


def test_excel_formula_without_cached_value_is_refused(fresh_engine):
    data = _werkmap_met_formule()
    voor = snapshot(fresh_engine)
    v = importers.voorbereiden(fresh_engine, "uitkeringen", "kwartaal.xlsx", data)
    assert [(p.regel, p.rij) for p in v.problemen] == [("formule zonder waarde", 5)]
    assert "cel D5 bevat een formule" in v.problemen[0].melding
    with pytest.raises(importers.ImportFout):
        importers.importeren(fresh_engine, v, data, "b")
    assert snapshot(fresh_engine) == voor


def test_lock_detection_recognises_both_backends():
    class Pg(Exception):
        sqlstate = "55P03"

    assert db.is_bezet(sa.exc.OperationalError("x", {}, Pg("canceling statement due to lock timeout")))
    assert db.is_bezet(sa.exc.OperationalError("x", {}, Exception("database is locked")))
    assert not db.is_bezet(sa.exc.OperationalError("x", {}, Exception("disk I/O error")))
