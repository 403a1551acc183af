"""Migrations build the schema the models describe, on an empty database of each backend."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from ijmond_dash import db, models


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
