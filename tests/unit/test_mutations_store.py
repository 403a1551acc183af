"""Tests written against deliberate bugs that survived the rest of the suite (issue 20) and need
a store: the BSN refusal, the atomic trajectory import, the audit's user, the undo's validation.
Both backends (``engine``/``fresh_engine``). docs/TESTING.md lists which test catches which bug.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ijmond_dash.imports import importers, trajecten
from ijmond_dash.store import loader, models, queries
from ijmond_dash.store.validation import ValidationFailed

TRAJECT_HEADER = "client_pseudoniem,gemeente,fase,startdatum,einddatum,uitstroomreden"


# ---------------------------------------------------------------- BSN refusal


def test_bsn_beyond_the_header_width_refuses_the_file(engine):
    """Bug: only the cells under a header were scanned; a BSN in a 7th cell got through."""
    data = (
        TRAJECT_HEADER + "\np-1,GM0453,Werk vinden,2023-01-01,,\np-2,GM0453,Werk vinden,2023-01-01,,,123456782\n"
    ).encode()
    with pytest.raises(ValidationFailed) as exc:
        trajecten.importeer(engine, "f.csv", data, "test")
    msg = str(exc.value)
    assert "rij 3" in msg and "kolom 7" in msg and "BSN" in msg and "123456782" not in msg
    df, problems = trajecten.parse("f.csv", data, {"gm0453": "GM0453"})
    assert [(p.rij, p.regel) for p in problems] == [(3, "persoonsgegevens")]


# ---------------------------------------------------------------- atomic trajectory import


def _traject_state(engine):
    t, b = models.trajectevent, models.import_batch
    with engine.connect() as conn:
        events = conn.execute(
            sa.select(t.c.client_pseudoniem, t.c.fase, t.c.startdatum, t.c.volgende_fase, t.c.vorige_uit).order_by(
                t.c.id
            )
        ).all()
        batches = conn.execute(sa.select(b.c.id, b.c.ongedaan_gemaakt_op).order_by(b.c.id)).all()
    return events, batches, loader.store_version(engine)


def test_trajectory_import_is_one_transaction_including_the_neighbours(fresh_engine, monkeypatch):
    """Bug: the neighbour update moved to a second transaction. A failure there must leave
    nothing of the import behind: not its events, not its batch, not a version bump."""
    data = (
        TRAJECT_HEADER + "\np-1,GM0453,Kennismaking,2023-01-05,2023-02-01,\np-1,GM0453,Werk vinden,2023-02-01,,\n"
    ).encode()
    voor = _traject_state(fresh_engine)

    def stroomstoring(conn, synthetisch, clients):
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(trajecten, "buren_bijwerken", stroomstoring)
    with pytest.raises(RuntimeError):
        trajecten.importeer(fresh_engine, "a.csv", data, "test")
    v = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "a.csv", data)
    assert v.geldig, v.problemen
    with pytest.raises(Exception):  # noqa: B017 - whatever the wrapper makes of it
        importers.importeren(fresh_engine, v, data, "test")
    assert _traject_state(fresh_engine) == voor
    monkeypatch.undo()
    # and without the failure both events are written with their neighbour
    assert trajecten.importeer(fresh_engine, "a.csv", data, "test") == 2
    events = [e for e in _traject_state(fresh_engine)[0] if e.client_pseudoniem == "p-1"]
    assert [(e.fase, e.volgende_fase) for e in events] == [("Kennismaking", "Werk vinden"), ("Werk vinden", None)]


def test_trajectory_undo_is_one_transaction(fresh_engine, monkeypatch):
    data = (TRAJECT_HEADER + "\np-1,GM0453,Kennismaking,2023-01-05,2023-02-01,\n").encode()
    v = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "a.csv", data)
    batch = importers.importeren(fresh_engine, v, data, "test")
    voor = _traject_state(fresh_engine)
    monkeypatch.setattr(trajecten, "buren_bijwerken", lambda *a: (_ for _ in ()).throw(RuntimeError("x")))
    with pytest.raises(Exception):  # noqa: B017
        importers.ongedaan_maken(fresh_engine, batch, "test")
    assert _traject_state(fresh_engine) == voor


# ---------------------------------------------------------------- audit: the real user


def test_trajectory_import_and_undo_record_the_user(fresh_engine):
    """Bug: the user recorded as 'onbekend' (trajecten.importeer's default)."""
    data = (TRAJECT_HEADER + "\np-1,Velsen,Kennismaking,2025-01-06,,\n").encode()
    v = importers.voorbereiden(fresh_engine, importers.TRAJECTEVENT, "t.csv", data)
    batch = importers.importeren(fresh_engine, v, data, "a.de.vries@velsen.nl")
    importers.ongedaan_maken(fresh_engine, batch, "beheer@ijmondwerkt.nl")
    log = queries.import_log(fresh_engine)
    rij = log[log["id"] == batch].iloc[0]
    assert (rij["gebruiker"], rij["ongedaan_gemaakt_door"]) == ("a.de.vries@velsen.nl", "beheer@ijmondwerkt.nl")


def test_dataset_import_records_the_user(fresh_engine):
    data = (
        b"peildatum,gebied,definitie,aantal,bron\n"
        b"2024-12-31,GM0375,pwet_personen,1000,rv2025_omvang\n"
        b"2024-12-31,GM0396,pwet_personen,900,rv2025_omvang\n"
        b"2024-12-31,GM0453,pwet_personen,1700,rv2025_omvang\n"
        b"2024-12-31,IJMOND,pwet_personen,3600,rv2025_omvang\n"
    )
    v = importers.voorbereiden(fresh_engine, "uitkeringen", "u.csv", data)
    batch = importers.importeren(fresh_engine, v, data, "a.de.vries@velsen.nl")
    log = queries.import_log(fresh_engine)
    assert log[log["id"] == batch]["gebruiker"].tolist() == ["a.de.vries@velsen.nl"]


# ---------------------------------------------------------------- undo refuses an invalid result


def test_undo_that_would_leave_citing_rows_without_their_bron_is_refused(fresh_engine):
    """Bug: validation inside undo disabled. Undoing the import of a bron code that later
    figures cite would leave those figures without a source; it must be refused, naming the
    import that depends on it, and change nothing."""
    e = fresh_engine
    doc = (
        b"bestand,titel,soort,organisatie,jaar,datum,datering\n"
        b"halfjaarrapportage_2024.pdf,Halfjaarrapportage IJmond Werkt! 2024,halfjaarrapportage,GR IJmond Werkt!,"
        b"2024,2024-08-15,\n"
    )
    importers.importeren(e, importers.voorbereiden(e, "documenten", "documenten.csv", doc), doc, "b")
    bron = (
        b"code,document,tabel,toelichting\n"
        b"hjr2024,halfjaarrapportage_2024.pdf,Fasen re-integratie,Volgende rapportage\n"
    )
    b_bron = importers.importeren(e, importers.voorbereiden(e, "bronnen", "bronnen.csv", bron), bron, "b")
    rij = (
        "peildatum,gebied,definitie,aantal,bron\n"
        + "".join(
            f"2023-12-31,{g},bijstand_excl_aow,{n},hjr2024\n"
            for g, n in (("GM0375", 830), ("GM0396", 700), ("GM0453", 1250), ("IJMOND", 2780))
        )
    ).encode()
    v = importers.voorbereiden(e, "uitkeringen", "u.csv", rij)
    assert v.geldig, v.problemen
    b_uitk = importers.importeren(e, v, rij, "b")
    voor = (queries.row_counts(e), loader.store_version(e), queries.import_log(e)["ongedaan_gemaakt_op"].isna().sum())
    with pytest.raises(importers.ImportFout) as exc:
        importers.ongedaan_maken(e, b_bron, "b")
    assert f"Import #{b_bron} kan niet ongedaan worden gemaakt" in str(exc.value)
    assert f"Maak eerst import #{b_uitk} ongedaan" in str(exc.value)
    assert (
        queries.row_counts(e),
        loader.store_version(e),
        queries.import_log(e)["ongedaan_gemaakt_op"].isna().sum(),
    ) == voor
    # in the right order both undo
    importers.ongedaan_maken(e, b_uitk, "b")
    importers.ongedaan_maken(e, b_bron, "b")
    assert "hjr2024" not in set(queries.dataset(e, "bronnen")["code"])
