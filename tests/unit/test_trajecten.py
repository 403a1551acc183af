"""Importing trajectory events: accepted files are written in one go; every rejection rule refuses
the whole file with a Dutch message naming the rows, and nothing is written (both backends)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import sqlalchemy as sa

from ijmond_dash.imports import trajecten
from ijmond_dash.store import loader, models, queries
from ijmond_dash.store.validation import ValidationFailed

HEADER = "client_pseudoniem,gemeente,fase,startdatum,einddatum,uitstroomreden"
GOED = [
    "p-001,GM0453,Kennismaking,2023-01-05,2023-02-01,",
    "p-001,Velsen,Persoonlijke ontwikkeling,2023-02-01,2023-05-31,werk",
    "p-002,Beverwijk,kennismaking,10-01-2023,,",
    "p-003,GM0396,Werk vinden,2023-03-01,2023-04-01,voortijdig_afgebroken",
]


def csv_bytes(*rows: str, header: str = HEADER, sep: str = ",") -> bytes:
    return ("\n".join([header, *rows]) + "\n").replace(",", sep).encode("utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def state(engine) -> tuple[int, int, int]:
    """What an import may change: events, import records, store version."""
    with engine.connect() as conn:
        events = conn.execute(sa.select(sa.func.count()).select_from(models.trajectevent)).scalar_one()
        batches = conn.execute(sa.select(sa.func.count()).select_from(models.import_batch)).scalar_one()
    return events, batches, loader.store_version(engine)


def refused(engine, naam: str, data: bytes) -> str:
    """Import must fail, write nothing, and return the Dutch messages."""
    before = state(engine)
    with pytest.raises(ValidationFailed) as exc:
        trajecten.importeer(engine, naam, data, "test")
    assert state(engine) == before, "a refused file must not write anything"
    return str(exc.value)


# ------------------------------------------------------------------ detectors


@pytest.mark.parametrize(
    "digits,ok",
    [
        ("111222333", True),
        ("123456782", True),
        ("012345672", True),
        ("123456789", False),
        ("000000000", False),
        ("12345678", False),
    ],
)
def test_elfproef(digits, ok):
    assert trajecten.elfproef(digits) is ok


@pytest.mark.parametrize(
    "cell,ok",
    [
        ("123456782", True),
        ("BSN 123.456.782", True),
        ("1234 56 782", True),
        ("p-123456782-x", True),
        (123456782, True),
        (12345672, True),  # Excel dropped the leading zero of 012345672
        ("123456789", False),
        ("20230101", False),
        ("01-02-2023", False),
        ("p-001", False),
        (None, False),
        ("1234567820", False),  # ten digits is not a BSN
    ],
)
def test_bsn_detector(cell, ok):
    assert trajecten.lijkt_bsn(cell) is ok


@pytest.mark.parametrize(
    "kop,ok",
    [
        ("naam", True),
        ("Naam", True),
        ("voornaam", True),
        ("Achternaam", True),
        ("client_naam", True),
        ("Last name", True),
        ("voorletters", True),
        ("tussenvoegsel", True),
        ("NAAM 2", True),
        ("client_pseudoniem", False),
        ("gemeente", False),
        ("gemeentenaam", False),
        ("fase", False),
    ],
)
def test_name_column_detector(kop, ok):
    assert trajecten.lijkt_naamkolom(kop) is ok


# ------------------------------------------------------------------ accepted files


def test_csv_import_writes_all_rows_in_one_batch(fresh_engine):
    before = state(fresh_engine)
    assert trajecten.importeer(fresh_engine, "fasen.csv", csv_bytes(*GOED), "ambtenaar@example.nl") == 4
    events, batches, versie = state(fresh_engine)
    assert (events, batches) == (before[0] + 4, before[1] + 1) and versie > before[2]
    t, b = models.trajectevent, models.import_batch
    with fresh_engine.connect() as conn:
        batch = conn.execute(sa.select(b)).mappings().one()
        rows = conn.execute(sa.select(t).order_by(t.c.client_pseudoniem, t.c.startdatum)).mappings().all()
    assert batch["dataset"] == "trajectevent" and batch["gebruiker"] == "ambtenaar@example.nl"
    assert batch["rijen_toegevoegd"] == 4 and len(batch["sha256"]) == 64
    assert [r["gebied"] for r in rows] == ["GM0453", "GM0453", "GM0375", "GM0396"]  # names -> CBS codes
    assert rows[2]["fase"] == "Kennismaking" and rows[2]["startdatum"] == dt.date(2023, 1, 10)
    assert rows[2]["einddatum"] is None and rows[1]["uitstroomreden"] == "werk"
    assert rows[0]["uitstroomreden"] is None and rows[2]["uitstroomreden"] is None  # NULL, not 'NaN'
    assert all(r["import_batch_id"] == batch["id"] and r["synthetisch"] is False for r in rows)
    # and the transition query sees them
    flows = queries.fase_overgangen(fresh_engine, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert int(flows["aantal"].sum()) == 3 + 1 + 2  # 3 instroom, 1 vooruit, 2 uitstroom


def test_excel_and_semicolon_csv_are_accepted(fresh_engine):
    data = xlsx_bytes(
        [
            HEADER.split(","),
            ["x-1", "Heemskerk", "Werk houden", dt.datetime(2023, 2, 1), dt.date(2023, 3, 1), "werk"],
            ["x-2", "GM0375", "Werk vinden", "2023-02-01", None, None],
        ]
    )
    assert trajecten.importeer(fresh_engine, "fasen.xlsx", data) == 2
    assert (
        trajecten.importeer(fresh_engine, "fasen2.csv", csv_bytes("y-1,GM0375,Werk vinden,01-02-2023,,", sep=";")) == 1
    )
    assert state(fresh_engine)[0] == 3


# ------------------------------------------------------------------ rejections: nothing written


def test_bsn_in_any_cell_refuses_file_without_repeating_it(engine):
    msg = refused(engine, "f.csv", csv_bytes(*GOED, "123456782,GM0453,Werk vinden,2023-01-01,,"))
    assert "rij 6" in msg and "elfproef" in msg and "BSN" in msg
    assert "123456782" not in msg
    # also in another column, and in an Excel number cell that lost its leading zero
    msg = refused(
        engine,
        "f.csv",
        csv_bytes("p-9,GM0453,Werk vinden,2023-01-01,,", "p-8,GM0453,Werk vinden,2023-01-01,2023-02-01,123 456 782"),
    )
    assert "rij 3" in msg and "uitstroomreden" in msg
    data = xlsx_bytes([HEADER.split(","), [12345672, "GM0453", "Werk vinden", "2023-01-01", None, None]])
    msg = refused(engine, "f.xlsx", data)
    assert "rij 2" in msg and "12345672" not in msg


def test_name_column_refuses_file(engine):
    msg = refused(
        engine, "f.csv", csv_bytes("p-1,GM0453,Kennismaking,2023-01-01,,,Jansen", header=HEADER + ",Achternaam")
    )
    assert "'Achternaam'" in msg and "namen" in msg and "Jansen" not in msg


def test_overlapping_fasen_of_one_client_refuse_file(engine):
    msg = refused(
        engine,
        "f.csv",
        csv_bytes(
            "p-1,GM0453,Kennismaking,2023-01-01,2023-03-01,",
            "p-1,GM0453,Persoonlijke ontwikkeling,2023-02-15,,",  # starts before the first one ends
            "p-2,GM0453,Kennismaking,2023-01-01,,",
            "p-2,GM0453,Werk vinden,2023-05-01,,",  # the first one has no einddatum: still running
            "p-3,GM0453,Kennismaking,2023-01-01,2023-02-01,",
            "p-3,GM0453,Werk vinden,2023-02-01,,",  # same-day handover: fine
        ),
    )
    assert "overlappen" in msg and "rij 2 en rij 3" in msg and "rij 4 en rij 5" in msg
    assert "rij 6" not in msg


def test_overlap_with_stored_fasen_refuses_file(fresh_engine):
    trajecten.importeer(fresh_engine, "a.csv", csv_bytes("p-1,GM0453,Kennismaking,2023-01-01,2023-03-01,"))
    msg = refused(fresh_engine, "b.csv", csv_bytes("p-1,GM0453,Werk vinden,2023-02-01,,"))
    assert "rij 2 en een al opgeslagen fase" in msg
    # the same file twice is refused too
    msg = refused(fresh_engine, "a2.csv", csv_bytes("p-1,GM0453,Kennismaking,2023-01-01,2023-03-01,"))
    assert "overlappen" in msg


def test_einddatum_before_startdatum_refuses_file(engine):
    msg = refused(engine, "f.csv", csv_bytes(*GOED, "p-5,GM0453,Werk vinden,2023-05-01,2023-04-30,"))
    assert "rij 6" in msg and "einddatum ligt vóór de startdatum" in msg


def test_unknown_fase_refuses_file(engine):
    msg = refused(engine, "f.csv", csv_bytes(*GOED, "p-5,GM0453,Intake,2023-05-01,,", "p-6,GM0453,Werk,2023-05-01,,"))
    assert "rijen 6, 7" in msg and "onbekende fase" in msg


def test_unknown_gemeente_refuses_file(engine):
    msg = refused(
        engine, "f.csv", csv_bytes(*GOED, "p-5,Haarlem,Werk vinden,2023-05-01,,", "p-6,GM0450,Werk vinden,2023-05-01,,")
    )  # Uitgeest: not in IJW re-integratie
    assert "rijen 6, 7" in msg and "onbekende gemeente" in msg


@pytest.mark.parametrize(
    "data,fragment",
    [
        (b"\x00\x01\x02 not a spreadsheet", "geen leesbaar CSV- of Excel-bestand"),
        (b"PK\x03\x04 broken zip", "geen leesbaar CSV- of Excel-bestand"),
        (b"", "leeg"),
        (csv_bytes(header="client_pseudoniem,gemeente,fase"), "ontbrekende kolom(men): startdatum, einddatum"),
        (csv_bytes("p-1,GM0453,Kennismaking,2023-01-01,,", header=HEADER + ",opmerking"), "onbekende kolom"),
        (csv_bytes("p-1,GM0453,Kennismaking,31-02-2023,,"), "startdatum is geen geldige datum"),
        (csv_bytes("p-1,GM0453,Kennismaking,2023-01-01,,ontslag"), "onbekende uitstroomreden"),
        (csv_bytes("p-1,GM0453,Kennismaking,2023-01-01,,werk"), "hoort bij een afgesloten fase"),
        (csv_bytes(), "geen rijen"),
    ],
)
def test_other_bad_input_is_refused_with_a_dutch_message(engine, data, fragment):
    assert fragment in refused(engine, "f.csv", data)


def test_all_problems_are_reported_together(engine):
    msg = refused(
        engine,
        "f.csv",
        csv_bytes(
            "p-1,Haarlem,Intake,2023-05-01,2023-04-01,",
            "p-2,GM0453,Kennismaking,2023-01-01,,",
            "p-2,GM0453,Werk vinden,2023-02-01,,",
        ),
    )
    for fragment in ("onbekende gemeente", "onbekende fase", "vóór de startdatum", "overlappen"):
        assert fragment in msg


# ------------------------------------------------------------------ helpers


def test_halfjaren():
    assert trajecten.halfjaren(dt.date(2022, 12, 31), dt.date(2023, 7, 1)) == [
        (dt.date(2022, 7, 1), dt.date(2022, 12, 31)),
        (dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
        (dt.date(2023, 7, 1), dt.date(2023, 12, 31)),
    ]
    assert trajecten.halfjaren(None, None) == []


# ------------------------------------------------------------------ stored neighbours


def _events(engine) -> list[dict]:
    t = models.trajectevent
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(t).order_by(t.c.id)).mappings()]


def _flows(engine, periode) -> list[tuple]:
    from .test_fase_overgangen import _canon

    return _canon(queries.fase_overgangen(engine, *periode))


def _reference_flows(engine, periode) -> list[tuple]:
    import pandas as pd

    from .test_fase_overgangen import _canon, reference

    return _canon(reference(pd.DataFrame(_events(engine)), *periode))


def test_import_updates_the_neighbours_of_stored_events_and_undo_restores_them(fresh_engine):
    from ijmond_dash.imports import importers

    h1 = (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    trajecten.importeer(
        fresh_engine,
        "a.csv",
        csv_bytes(
            "p-1,GM0453,Kennismaking,2023-01-05,2023-02-01,",
            "p-2,GM0396,Werk vinden,2023-01-02,2023-03-01,werk",
            "p-3,GM0375,Werk vinden,2023-04-01,,",
        ),
    )
    voor_events, voor_flows = _events(fresh_engine), _flows(fresh_engine, h1)
    assert voor_flows == _reference_flows(fresh_engine, h1)
    assert all(
        e["vorige_uit"] is None and e["volgende_fase"] is None and e["volgende_start"] is None for e in voor_events
    )  # every client has one fase so far

    # a second file: p-1 moves on, p-2 comes back after uitstroom, p-3 gets an earlier fase
    trajecten.importeer(
        fresh_engine,
        "b.csv",
        csv_bytes(
            "p-1,GM0453,Persoonlijke ontwikkeling,2023-02-01,,",
            "p-2,GM0396,Kennismaking,2023-05-01,,",
            "p-3,GM0375,Kennismaking,2023-01-10,2023-04-01,",
        ),
    )
    na = {(e["client_pseudoniem"], e["fase"]): e for e in _events(fresh_engine)}
    # the stored (older) events now see the new ones, in both directions
    assert (na["p-1", "Kennismaking"]["volgende_fase"], na["p-1", "Kennismaking"]["volgende_start"]) == (
        "Persoonlijke ontwikkeling",
        dt.date(2023, 2, 1),
    )
    assert (na["p-2", "Werk vinden"]["volgende_fase"], na["p-2", "Werk vinden"]["volgende_start"]) == (
        "Kennismaking",
        dt.date(2023, 5, 1),
    )
    assert na["p-3", "Werk vinden"]["vorige_uit"] == 0
    assert na["p-1", "Persoonlijke ontwikkeling"]["vorige_uit"] == 0 and na["p-2", "Kennismaking"]["vorige_uit"] == 1
    assert (na["p-3", "Kennismaking"]["volgende_fase"], na["p-3", "Kennismaking"]["vorige_uit"]) == (
        "Werk vinden",
        None,
    )
    # and the flows follow: a vooruit for p-1, a second instroom for p-2, p-3's instroom moves to
    # Kennismaking, from which p-3 skips ahead to Werk vinden
    na_flows = _flows(fresh_engine, h1)
    assert na_flows == _reference_flows(fresh_engine, h1) and na_flows != voor_flows
    assert ("GM0453", "Kennismaking", "Persoonlijke ontwikkeling", "vooruit", None, 1) in na_flows
    assert ("GM0396", "Instroom", "Kennismaking", "instroom", None, 1) in na_flows
    assert ("GM0375", "Instroom", "Werk vinden", "instroom", None, 1) not in na_flows
    assert ("GM0375", "Kennismaking", "Werk vinden", "overgeslagen", None, 1) in na_flows

    # undoing the second import gives back exactly the rows and flows of before
    with fresh_engine.connect() as conn:
        b = models.import_batch
        batch_b = conn.execute(sa.select(sa.func.max(b.c.id))).scalar_one()
    importers.ongedaan_maken(fresh_engine, batch_b, "test")
    assert _events(fresh_engine) == voor_events
    assert _flows(fresh_engine, h1) == voor_flows


def test_neighbours_are_per_kind_and_follow_startdatum_then_id(fresh_engine):
    """A synthetic and a real event of the same pseudonym are not each other's neighbours;
    two fasen on the same day are ordered by id."""
    t = models.trajectevent
    kolommen = ("fase", "startdatum", "einddatum", "uitstroomreden", "synthetisch")
    rows = [
        {"client_pseudoniem": "x", "gebied": "GM0453", **dict(zip(kolommen, r, strict=True))}
        for r in (
            ("Werk vinden", dt.date(2023, 3, 1), None, None, False),
            ("Kennismaking", dt.date(2023, 1, 1), dt.date(2023, 2, 1), "werk", False),
            ("Werk houden", dt.date(2023, 2, 1), dt.date(2023, 2, 1), None, True),
            ("Kennismaking", dt.date(2023, 2, 1), None, None, True),
        )
    ]
    with fresh_engine.begin() as conn:
        conn.execute(t.insert(), rows)
        assert trajecten.buren_bijwerken(conn, False, ["x"]) == 2
        assert trajecten.buren_bijwerken(conn, True) == 2
        assert trajecten.buren_bijwerken(conn, True) == 0  # nothing changed: nothing written
    got = [(e["fase"], e["vorige_uit"], e["volgende_fase"], e["volgende_start"]) for e in _events(fresh_engine)]
    assert got == [
        ("Werk vinden", 1, None, None),
        ("Kennismaking", None, "Werk vinden", dt.date(2023, 3, 1)),
        ("Werk houden", None, "Kennismaking", dt.date(2023, 2, 1)),  # same day: the lower id first
        ("Kennismaking", 0, None, None),
    ]


def test_concurrent_imports_of_one_client_see_each_other(fresh_store_url, monkeypatch):
    """The second import waits for the first (the store's write lock comes before any read), so
    its overlap check and the neighbours it writes include the first one's events."""
    import threading
    import time

    from ijmond_dash.store import db

    eerste_schrijft, verder = threading.Event(), threading.Event()
    echt = trajecten.buren_bijwerken

    def buren_en_wachten(conn, synthetisch, clients=None):
        n = echt(conn, synthetisch, clients)
        if threading.current_thread().name == "eerste":  # hold the first transaction open
            eerste_schrijft.set()
            verder.wait(30)
        return n

    monkeypatch.setattr(trajecten, "buren_bijwerken", buren_en_wachten)
    fouten: list[BaseException] = []

    def importeer(naam: str, regel: str) -> None:
        eng = db.create_engine(fresh_store_url)
        try:
            trajecten.importeer(eng, naam, csv_bytes(regel))
        except BaseException as exc:  # noqa: BLE001 - reported below
            fouten.append(exc)
        finally:
            eng.dispose()

    eerste = threading.Thread(
        target=importeer, name="eerste", args=("a.csv", "p-1,GM0453,Kennismaking,2023-01-01,2023-02-01,")
    )
    tweede = threading.Thread(
        target=importeer, name="tweede", args=("b.csv", "p-1,GM0453,Persoonlijke ontwikkeling,2023-02-01,,")
    )
    eerste.start()
    assert eerste_schrijft.wait(30)
    tweede.start()
    time.sleep(0.5)  # the second import is now waiting for the first one's lock
    verder.set()
    eerste.join(60)
    tweede.join(60)
    assert not fouten, fouten
    engine = db.create_engine(fresh_store_url)
    try:
        got = [(e["fase"], e["vorige_uit"], e["volgende_fase"], e["volgende_start"]) for e in _events(engine)]
    finally:
        engine.dispose()
    assert got == [
        ("Kennismaking", None, "Persoonlijke ontwikkeling", dt.date(2023, 2, 1)),
        ("Persoonlijke ontwikkeling", 0, None, None),
    ]
