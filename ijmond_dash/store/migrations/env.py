"""Alembic environment: the engine comes from ijmond_dash.store.db (or alembic.ini's URL)."""

from alembic import context

from ijmond_dash.store import db
from ijmond_dash.store.models import metadata

config = context.config
engine = config.attributes.get("engine") or db.create_engine()

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite needs batch mode for ALTER TABLE
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
