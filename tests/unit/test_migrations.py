"""Migrations build the schema the models describe, on an empty database of each backend."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from ijmond_dash.store import db, models


def test_migrations_run_on_empty_database_and_match_models(stores):
    engine = db.create_engine(stores.empty_url())
    db.upgrade(engine)
    db.upgrade(engine)  # idempotent
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, models.metadata)
        tables = set(sa.inspect(conn).get_table_names())
    assert diff == [], diff
    assert set(models.metadata.tables) <= tables
    engine.dispose()


def test_migration_0003_backfills_the_neighbours_of_existing_events(stores):
    """A store with events at 0002 gets the neighbour columns filled by the upgrade: the same
    values trajecten.buren_bijwerken computes (per client and kind, in the order startdatum, id)."""
    import datetime as dt

    from alembic import command

    from ijmond_dash.imports import trajecten

    engine = db.create_engine(stores.empty_url())
    command.upgrade(db.alembic_config(engine), "0002")
    oud = sa.table(
        "trajectevent",
        *[
            sa.column(c)
            for c in (
                "id",
                "client_pseudoniem",
                "gebied",
                "fase",
                "startdatum",
                "einddatum",
                "uitstroomreden",
                "synthetisch",
            )
        ],
    )
    d = dt.date
    rows = [  # id, client, fase, start, eind, reden, synthetisch
        (1, "a", "Werk vinden", d(2023, 5, 1), None, None, False),
        (2, "a", "Kennismaking", d(2023, 1, 1), d(2023, 3, 1), "werk", False),
        (3, "a", "Kennismaking", d(2023, 3, 1), d(2023, 5, 1), None, False),
        (4, "a", "Werk houden", d(2023, 3, 1), None, None, False),  # same day as 3: after it (higher id)
        (5, "a", "Kennismaking", d(2023, 2, 1), None, None, True),  # another kind: its own neighbours
        (6, "b", "Kennismaking", d(2023, 2, 1), None, None, False),
    ]
    with engine.begin() as conn:
        conn.execute(
            sa.insert(oud),
            [
                dict(
                    zip(
                        ("id", "client_pseudoniem", "fase", "startdatum", "einddatum", "uitstroomreden", "synthetisch"),
                        r,
                        strict=False,
                    ),
                    gebied="GM0453",
                )
                for r in rows
            ],
        )
    db.upgrade(engine)
    t = models.trajectevent

    def buren():
        with engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.execute(
                    sa.select(t.c.id, t.c.vorige_uit, t.c.volgende_fase, t.c.volgende_start).order_by(t.c.id)
                )
            ]

    backfilled = buren()
    assert backfilled == [
        (1, 0, None, None),
        (2, None, "Kennismaking", d(2023, 3, 1)),
        (3, 1, "Werk houden", d(2023, 3, 1)),
        (4, 0, "Werk vinden", d(2023, 5, 1)),
        (5, None, None, None),
        (6, None, None, None),
    ]
    with engine.begin() as conn:
        conn.execute(t.update().values(vorige_uit=None, volgende_fase=None, volgende_start=None))
        for synthetisch in (False, True):
            trajecten.buren_bijwerken(conn, synthetisch)
    assert buren() == backfilled
    command.downgrade(db.alembic_config(engine), "0002")  # and back: the columns go, the events stay
    with engine.connect() as conn:
        kolommen = {c["name"] for c in sa.inspect(conn).get_columns("trajectevent")}
        assert conn.execute(sa.select(sa.func.count()).select_from(oud)).scalar_one() == len(rows)
    assert not kolommen & {"vorige_uit", "volgende_fase", "volgende_start"}
    engine.dispose()
