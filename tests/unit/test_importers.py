"""Imports: every rejection rule writes nothing; a valid file is written once, audited, undoable.

Runs on SQLite (WAL) and Postgres through the ``fresh_engine`` fixture.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading
import zipfile

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from ijmond_dash.imports import importers
from ijmond_dash.store import loader, models, queries

HEADER = "peildatum,gebied,definitie,aantal,bron\n"
NIEUW = (
    HEADER + "2024-12-31,GM0375,pwet_personen,1000,rv2025_omvang\n"
    "2024-12-31,GM0396,pwet_personen,900,rv2025_omvang\n"
    "2024-12-31,GM0453,pwet_personen,1700,rv2025_omvang\n"
    "2024-12-31,IJMOND,pwet_personen,3600,rv2025_omvang\n"
)


def snapshot(engine) -> tuple:
    """Everything an import could touch."""
    with engine.connect() as conn:
        batches = conn.execute(sa.select(sa.func.count()).select_from(models.import_batch)).scalar_one()
        changes = conn.execute(sa.select(sa.func.count()).select_from(models.import_wijziging)).scalar_one()
        notes = (
            conn.execute(
                sa.select(models.datakwaliteit_berekend.c.omschrijving).order_by(
                    models.datakwaliteit_berekend.c.omschrijving
                )
            )
            .scalars()
            .all()
        )
    uitk = queries.dataset(engine, "uitkeringen").to_dict("records")
    return queries.row_counts(engine), loader.store_version(engine), batches, changes, notes, uitk


def refused(engine, dataset: str, naam: str, data: bytes) -> list[str]:
    """Preview and import attempt of a bad file; asserts nothing was written; returns the rules."""
    before = snapshot(engine)
    v = importers.voorbereiden(engine, dataset, naam, data)
    assert v.problemen and not v.geldig
    with pytest.raises(importers.ImportFout):
        importers.importeren(engine, v, data, "tester@example.nl")
    assert snapshot(engine) == before
    return [p.regel for p in v.problemen]


# ---------------------------------------------------------------- rejection rules


def test_unknown_gemeente(fresh_engine):
    regels = refused(fresh_engine, "uitkeringen", "u.csv", NIEUW.replace("GM0396", "GM9999").encode())
    assert "onbekende gemeente of regio" in regels


def test_wrong_type_names_the_row(fresh_engine):
    v = importers.voorbereiden(fresh_engine, "uitkeringen", "u.csv", NIEUW.replace("900", "veel").encode())
    [p] = v.problemen
    assert (p.rij, p.regel) == (3, "type") and "geen geheel getal" in p.melding
    refused(fresh_engine, "uitkeringen", "u.csv", NIEUW.replace("900", "veel").encode())


def test_negative_count(fresh_engine):
    data = NIEUW.replace(",900,", ",-900,").replace("3600", "1800").encode()
    assert "negatief aantal" in refused(fresh_engine, "uitkeringen", "u.csv", data)


def test_regio_total_must_be_sum(fresh_engine):
    regels = refused(fresh_engine, "uitkeringen", "u.csv", NIEUW.replace("3600", "3601").encode())
    assert regels == ["Het totaal IJmond is de som van de gemeenten"]


def test_broken_stand_bij_af_identity(fresh_engine):
    data = (
        b"periode_begin,periode_eind,fase,stand_begin,bij,af,stand_eind,bron\n"
        b"2025-01-01,2025-06-30,Werk houden,100,10,5,106,hjr2023_fasen\n"
        b"2025-01-01,2025-06-30,Totaal,100,10,5,106,hjr2023_fasen\n"
    )
    v = importers.voorbereiden(fresh_engine, "fasen", "f.csv", data)
    assert {p.regel for p in v.problemen} == {"Stand begin + bij − af = stand eind"}
    assert {p.rij for p in v.problemen} == {2, 3}
    refused(fresh_engine, "fasen", "f.csv", data)


def test_duplicate_peildatum_in_file(fresh_engine):
    data = (
        "peildatum,aantal,periode,bron\n2024-12-31,500,jaar,hjr2023_deelnemers\n"
        "2024-12-31,510,jaar,hjr2023_deelnemers\n"
    )
    bron = queries.dataset(fresh_engine, "participanten")["bron"].iloc[0]
    data = data.replace("hjr2023_deelnemers", bron).encode()
    assert "dubbele rij" in refused(fresh_engine, "participanten", "p.csv", data)


def test_missing_column(fresh_engine):
    data = NIEUW.replace(",bron\n", "\n").replace(",rv2025_omvang", "").encode()
    assert refused(fresh_engine, "uitkeringen", "u.csv", data) == ["kolommen"]


def test_file_too_large(fresh_engine):
    data = NIEUW.encode() + b"#" * importers.MAX_BYTES
    assert refused(fresh_engine, "uitkeringen", "u.csv", data) == ["bestandsgrootte"]


@pytest.mark.parametrize(
    "naam, data",
    [
        ("u.csv", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"),
        ("u.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("u.csv", b"peildatum,gebied\x00\x01\x02,definitie\n"),
        ("u.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
    ],
)
def test_not_really_csv_or_excel(fresh_engine, naam, data):
    assert refused(fresh_engine, "uitkeringen", naam, data) == ["bestandsformaat"]


def _zip(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in names.items():
            zf.writestr(n, d)
    return buf.getvalue()


def test_zip_that_is_not_a_workbook_and_macro_workbook(fresh_engine):
    assert refused(fresh_engine, "uitkeringen", "u.xlsx", _zip({"a.txt": b"x"})) == ["bestandsformaat"]
    macro = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>", "xl/vbaProject.bin": b"x"})
    assert refused(fresh_engine, "uitkeringen", "u.xlsm", macro) == ["bestandsformaat"]


def test_empty_and_header_only(fresh_engine):
    assert refused(fresh_engine, "uitkeringen", "u.csv", b"") == ["bestandsformaat"]
    assert refused(fresh_engine, "uitkeringen", "u.csv", HEADER.encode()) == ["bestandsformaat"]


def test_not_importable_dataset(fresh_engine):
    with pytest.raises(importers.ImportFout):
        importers.voorbereiden(fresh_engine, "gebieden", "g.csv", b"code,naam,soort\n")


def test_new_bron_then_rows_that_cite_it(fresh_engine):
    """A later rapportage: first the document, then its bron code, then figures that refer to it."""
    doc = (
        b"bestand,titel,soort,organisatie,jaar,datum,datering\n"
        b"halfjaarrapportage_2024.pdf,Halfjaarrapportage IJmond Werkt! 2024,halfjaarrapportage,GR IJmond Werkt!,"
        b"2024,2024-08-15,\n"
    )
    voorstel = importers.voorbereiden(fresh_engine, "documenten", "documenten.csv", doc)
    assert voorstel.geldig, voorstel.problemen
    importers.importeren(fresh_engine, voorstel, doc, "beheerder@test")
    bron = (
        b"code,document,tabel,toelichting\n"
        b"hjr2024,halfjaarrapportage_2024.pdf,Fasen re-integratie,Volgende rapportage\n"
    )
    voorstel = importers.voorbereiden(fresh_engine, "bronnen", "bronnen.csv", bron)
    assert voorstel.geldig, voorstel.problemen
    importers.importeren(fresh_engine, voorstel, bron, "beheerder@test")
    assert "hjr2024" in set(queries.dataset(fresh_engine, "bronnen")["code"])
    rij = HEADER + "".join(
        f"2023-12-31,{g},bijstand_excl_aow,{n},hjr2024\n"
        for g, n in (("GM0375", 830), ("GM0396", 700), ("GM0453", 1250), ("IJMOND", 2780))
    )
    voorstel = importers.voorbereiden(fresh_engine, "uitkeringen", "u.csv", rij.encode())
    assert voorstel.geldig, voorstel.problemen
    onbekend = rij.replace("hjr2024", "hjr2099")
    voorstel = importers.voorbereiden(fresh_engine, "uitkeringen", "u.csv", onbekend.encode())
    assert {p.regel for p in voorstel.problemen} == {"onbekende bron"}


# ---------------------------------------------------------------- preview, import, audit, undo


def test_preview_shows_additions_and_changes(fresh_engine):
    oud = queries.dataset(fresh_engine, "uitkeringen")
    data = (
        NIEUW + "2022-06-30,GM0375,bijstand_excl_aow,850,rv2025_tabel\n"
        "2022-06-30,IJMOND,bijstand_excl_aow,2810,rv2025_tabel\n"
        "2022-06-30,GM0396,bijstand_excl_aow,700,rv2025_tabel\n"
    ).encode()
    v = importers.voorbereiden(fresh_engine, "uitkeringen", "u.csv", data)
    assert v.geldig, v.problemen
    assert len(v.toegevoegd) == 4 and len(v.gewijzigd) == 2 and v.ongewijzigd == 1
    was = oud[(oud.gebied == "GM0375") & (oud.peildatum == dt.date(2022, 6, 30))]["aantal"].item()
    assert {
        "sleutel": "30-06-2022 · GM0375 · bijstand_excl_aow",
        "kolom": "aantal",
        "oud": was,
        "nieuw": 850,
    } in v.wijzigingen
    assert v.sha256 == hashlib.sha256(data).hexdigest()


def test_import_writes_audits_and_undo_restores(fresh_engine):
    engine = fresh_engine
    voor = snapshot(engine)
    data = (
        NIEUW + "2022-06-30,GM0375,bijstand_excl_aow,850,rv2025_tabel\n"
        "2022-06-30,IJMOND,bijstand_excl_aow,2810,rv2025_tabel\n"
    ).encode()
    v = importers.voorbereiden(engine, "uitkeringen", "kwartaal.csv", data)
    moment = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    batch = importers.importeren(engine, v, data, "beheer@ijmondwerkt.nl", tijdstip=moment)
    assert loader.store_version(engine) == voor[1] + 1
    log = queries.import_log(engine)
    rij = log[log.id == batch].iloc[0]
    assert (rij.gebruiker, rij.dataset, rij.bestandsnaam) == ("beheer@ijmondwerkt.nl", "uitkeringen", "kwartaal.csv")
    assert rij.sha256 == hashlib.sha256(data).hexdigest()
    assert (rij.rijen_toegevoegd, rij.rijen_gewijzigd) == (4, 2)
    assert pd_ts(rij.tijdstip) == moment
    uitk = queries.uitkeringen(engine)
    assert uitk[(uitk.peildatum == dt.date(2024, 12, 31)) & (uitk.gebied == "IJMOND")]["aantal"].item() == 3600
    assert uitk[(uitk.peildatum == dt.date(2022, 6, 30)) & (uitk.gebied == "GM0375")]["aantal"].item() == 850

    importers.ongedaan_maken(engine, batch, "beheer@ijmondwerkt.nl")
    na = snapshot(engine)
    assert na[0] == voor[0] and na[4] == voor[4] and na[5] == voor[5]  # rows, notes, values as before
    assert na[1] == voor[1] + 2
    log = queries.import_log(engine)
    assert log[log.id == batch]["ongedaan_gemaakt_door"].item() == "beheer@ijmondwerkt.nl"
    with pytest.raises(importers.ImportFout, match="al ongedaan"):
        importers.ongedaan_maken(engine, batch, "x")


def pd_ts(value) -> dt.datetime:
    ts = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    return ts if ts.tzinfo else ts.replace(tzinfo=dt.UTC)


def test_notes_are_recomputed(fresh_engine):
    # inwoners: a total that is not the sum is stored with a note, not refused
    data = (
        b"peildatum,gebied,aantal,bron\n2025-01-01,GM0375,40000,rv2025_omvang\n2025-01-01,GM0396,39000,rv2025_omvang\n"
        b"2025-01-01,GM0453,68000,rv2025_omvang\n2025-01-01,IJMOND,147010,rv2025_omvang\n"
    )
    v = importers.voorbereiden(fresh_engine, "inwoners", "i.csv", data)
    assert v.geldig, v.problemen
    nieuw = [n for n in v.notities if "147.010" in n.omschrijving]
    assert nieuw and nieuw[0].verschil == 10
    batch = importers.importeren(fresh_engine, v, data, "b")
    dq = queries.datakwaliteit(fresh_engine)
    assert dq["omschrijving"].str.contains("147.010").any()
    importers.ongedaan_maken(fresh_engine, batch, "b")
    assert not queries.datakwaliteit(fresh_engine)["omschrijving"].str.contains("147.010").any()


def test_excel_and_dutch_csv_are_read(fresh_engine):
    wb = Workbook()
    ws = wb.active
    ws.append(["peildatum", "gebied", "definitie", "aantal", "bron"])
    for gebied, n in (("GM0375", 1000), ("GM0396", 900), ("GM0453", 1700), ("IJMOND", 3600)):
        ws.append([dt.datetime(2024, 12, 31), gebied, "pwet_personen", n, "rv2025_omvang"])
    buf = io.BytesIO()
    wb.save(buf)
    v = importers.voorbereiden(fresh_engine, "uitkeringen", "kwartaal.csv", buf.getvalue())  # name lies
    assert v.geldig and len(v.toegevoegd) == 4, v.problemen
    dutch = NIEUW.replace(",", ";").replace("2024-12-31", "31-12-2024").replace("3600", "3.600")
    v2 = importers.voorbereiden(fresh_engine, "uitkeringen", "k.csv", ("\ufeff" + dutch).encode("utf-8"))
    assert v2.geldig and v2.toegevoegd == v.toegevoegd
    v3 = importers.voorbereiden(fresh_engine, "uitkeringen", "k.csv", dutch.encode("cp1252"))
    assert v3.geldig


def test_templates_have_the_expected_columns():
    from openpyxl import load_workbook

    for ds in importers.importeerbaar():
        assert importers.sjabloon_csv(ds.name).decode().strip() == ",".join(ds.column_names)
        wb = load_workbook(io.BytesIO(importers.sjabloon_excel(ds.name)))
        assert [c.value for c in wb.worksheets[0][1]] == ds.column_names
        assert wb["Toelichting"].max_row >= len(ds.columns) + 1


def test_template_round_trip_is_a_valid_empty_file(fresh_engine):
    v = importers.voorbereiden(fresh_engine, "uitkeringen", "s.xlsx", importers.sjabloon_excel("uitkeringen"))
    assert [p.regel for p in v.problemen] == ["bestandsformaat"]  # header only: nothing to import


def test_interrupted_import_leaves_store_as_it_was(fresh_engine, monkeypatch):
    voor = snapshot(fresh_engine)
    data = NIEUW.encode()
    v = importers.voorbereiden(fresh_engine, "uitkeringen", "u.csv", data)

    def boom(conn):
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(importers.loader, "bump_version", boom)
    with pytest.raises(RuntimeError):
        importers.importeren(fresh_engine, v, data, "b")
    monkeypatch.undo()
    assert snapshot(fresh_engine) == voor


def test_stale_preview_is_refused(fresh_engine):
    data = NIEUW.encode()
    v1 = importers.voorbereiden(fresh_engine, "uitkeringen", "u.csv", data)
    other = (
        "peildatum,aantal,periode,bron\n2025-06-30,300,halfjaar,"
        + queries.dataset(fresh_engine, "participanten")["bron"].iloc[0]
        + "\n"
    ).encode()
    v2 = importers.voorbereiden(fresh_engine, "participanten", "p.csv", other)
    importers.importeren(fresh_engine, v2, other, "b")
    voor = snapshot(fresh_engine)
    with pytest.raises(importers.ImportFout, match="gewijzigd sinds de voorvertoning"):
        importers.importeren(fresh_engine, v1, data, "b")
    assert snapshot(fresh_engine) == voor


def test_undo_must_follow_import_order(fresh_engine):
    e = fresh_engine
    d1 = NIEUW.encode()
    b1 = importers.importeren(e, importers.voorbereiden(e, "uitkeringen", "1.csv", d1), d1, "b")
    d2 = NIEUW.replace("1000", "1001").replace("3600", "3601").encode()
    b2 = importers.importeren(e, importers.voorbereiden(e, "uitkeringen", "2.csv", d2), d2, "b")
    with pytest.raises(importers.ImportFout, match=f"#{b2}"):
        importers.ongedaan_maken(e, b1, "b")
    importers.ongedaan_maken(e, b2, "b")
    uitk = queries.dataset(e, "uitkeringen")
    assert uitk[(uitk.peildatum == dt.date(2024, 12, 31)) & (uitk.gebied == "GM0375")]["aantal"].item() == 1000
    importers.ongedaan_maken(e, b1, "b")
    assert not (queries.dataset(e, "uitkeringen").peildatum == dt.date(2024, 12, 31)).any()


def test_hyperlink_payload_is_stored_as_text_and_exported_neutralised(fresh_engine):
    from ijmond_dash.ui import export

    wsp = queries.dataset(fresh_engine, "wsp")
    bron = wsp["bron"].iloc[0]
    payload = '=HYPERLINK("http://example.com/x","klik")'
    data = (
        "periode_begin,periode_eind,indicator,volgorde,realisatie,afspraak,percentage,bron\n"
        f'2025-01-01,2025-06-30,"{payload.replace(chr(34), chr(34) * 2)}",1,5,10,50,{bron}\n'
    ).encode()
    v = importers.voorbereiden(fresh_engine, "wsp", "w.csv", data)
    assert v.geldig, v.problemen
    importers.importeren(fresh_engine, v, data, "b")
    stored = queries.dataset(fresh_engine, "wsp")
    assert payload in set(stored["indicator"])
    import csv as _csv

    cells = [
        c for row in _csv.reader(io.StringIO(export.csv_bytes(stored).decode("utf-8-sig")), delimiter=";") for c in row
    ]
    assert "'" + payload in cells and payload not in cells


# ---------------------------------------------------------------- concurrency


def test_concurrent_import_and_reading(fresh_store_url):
    """Readers see the store before or after an import, never half of it; writers serialise."""
    from ijmond_dash.store import db

    engine = db.create_engine(fresh_store_url)
    n_before = len(queries.dataset(engine, "uitkeringen"))
    seen: set[int] = set()
    errors: list[BaseException] = []
    done = threading.Event()

    def reader():
        eng = db.create_engine(fresh_store_url)
        try:
            while not done.is_set():
                seen.add(len(queries.dataset(eng, "uitkeringen")))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            eng.dispose()

    files = [NIEUW, NIEUW.replace("2024-12-31", "2025-06-30")]
    previews = [importers.voorbereiden(engine, "uitkeringen", f"{i}.csv", f.encode()) for i, f in enumerate(files)]
    outcomes: list[str] = []

    def writer(v, data):
        eng = db.create_engine(fresh_store_url)
        try:
            importers.importeren(eng, v, data, "b")
            outcomes.append("ok")
        except importers.ImportFout:
            outcomes.append("verouderd")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            eng.dispose()

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for t in readers:
        t.start()
    writers = [threading.Thread(target=writer, args=(v, f.encode())) for v, f in zip(previews, files, strict=True)]
    for t in writers:
        t.start()
    for t in writers:
        t.join(60)
    done.set()
    for t in readers:
        t.join(60)
    assert not errors, errors
    # both previews were made on the same version: exactly one import wins, the other is refused
    assert sorted(outcomes) == ["ok", "verouderd"]
    assert seen <= {n_before, n_before + 4}
    assert len(queries.dataset(engine, "uitkeringen")) == n_before + 4
    engine.dispose()


# ---------------------------------------------------------------- trajectory events


@pytest.mark.skipif(importers.trajecten is None, reason="trajecten module not present")
def test_trajectory_events_import_and_undo(fresh_engine):
    data = (
        b"client_pseudoniem,gemeente,fase,startdatum,einddatum,uitstroomreden\n"
        b"p-001,Velsen,Kennismaking,2025-01-06,2025-02-03,\n"
        b"p-001,Velsen,Werk vinden,2025-02-03,,\n"
    )
    v = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "t.csv", data)
    assert v.geldig and v.aantal_toegevoegd == 2, v.problemen
    t = models.trajectevent

    def count():
        with fresh_engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(t).where(t.c.synthetisch.is_(False))).scalar()

    before = count()
    batch = importers.importeren(fresh_engine, v, data, "b")
    assert count() == before + 2
    importers.ongedaan_maken(fresh_engine, batch, "b")
    assert count() == before
    bad = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "t.csv", b"%PDF-1.4 nope")
    assert [p.regel for p in bad.problemen] == ["bestandsformaat"]
