"""Engine creation, SQLite pragmas and schema upgrades: every connection starts here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from . import settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration's revision. A store already there needs no Alembic at start (about a
# sixth of the app's import time); tests/unit/test_migrations.py checks this against Alembic.
HEAD = "0003"


class StoreUnavailable(RuntimeError):
    """The store cannot be reached; carries a Dutch message for the UI."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: the configured store), SQLite made safe to share."""
    url = url or settings.database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 10})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def revisie(engine: Engine) -> str | None:
    """The store's migration revision; None when it has no schema yet."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent; Alembic only when needed)."""
    if revisie(engine) == HEAD:
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def check_available(engine: Engine) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # the driver's own exception types vary per backend
        raise StoreUnavailable(
            "De database is niet bereikbaar. Controleer of de database draait en of "
            f"DATABASE_URL klopt ({engine.url.render_as_string(hide_password=True)})."
        ) from exc


@contextmanager
def migratieslot(engine: Engine) -> Iterator[None]:
    """One process at a time through schema upgrade and first load (``loader.init_store``).

    Several app processes that start together against one empty Postgres store would each
    run the migrations and each load the dataset. On Postgres this holds a session-level
    advisory lock, keyed by database and schema, so the others wait and then find the work
    done. SQLite needs nothing more: the store is one process's file (``serve`` refuses
    several workers on it) and its own write lock serialises writers.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    conn = engine.connect()
    try:
        key = conn.execute(_SLOT_SLEUTEL).scalar()
        conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
        conn.commit()  # the lock belongs to the session, not to this transaction
        try:
            yield
        finally:
            try:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
            except sa.exc.SQLAlchemyError:
                conn.invalidate()  # never return a connection that may still hold the lock
    finally:
        conn.close()


_SLOT_SLEUTEL = sa.text(
    "SELECT hashtextextended('ijmond_dash.init:' || current_database() || '.' "
    "|| coalesce(current_schema(), ''), 0)"
)
