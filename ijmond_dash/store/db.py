"""Engine creation, SQLite pragmas and schema upgrades: every connection starts here."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from ijmond_dash import settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration's revision. A store already there needs no Alembic at start (about a
# sixth of the app's import time); tests/unit/test_migrations.py checks this against Alembic.
HEAD = "0005"


# How long a write waits for another write (an import) to finish before it gives up with a
# Dutch message (importers): SQLite's busy timeout, Postgres' lock_timeout in a write.
WACHTTIJD_MS = 5000


class StoreUnavailable(RuntimeError):
    """The store cannot be reached or used; carries a Dutch message for the UI that names the
    cause and the setting to change."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={WACHTTIJD_MS}")
    cursor.close()


def is_bezet(exc: BaseException) -> bool:
    """Did a write give up because another write holds the store (SQLite 'database is locked',
    Postgres lock_not_available after ``wacht_hoogstens``)?"""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) == "55P03":
        return True
    tekst = str(orig).lower()
    return "database is locked" in tekst or "database table is locked" in tekst


def wacht_hoogstens(conn) -> None:
    """In a write transaction on Postgres: wait at most WACHTTIJD_MS for a lock (SQLite's busy
    timeout does the same there), so a second import gets a message instead of waiting on."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(WACHTTIJD_MS)}")


def instelling() -> str:
    """The setting that chose the store: DATABASE_URL when set, else IJMOND_SQLITE_PATH."""
    return "DATABASE_URL" if settings.get("DATABASE_URL") else "IJMOND_SQLITE_PATH"


def _sqlite_bestand(engine_or_url) -> Path | None:
    url = make_url(str(engine_or_url.url if hasattr(engine_or_url, "url") else engine_or_url))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    naam = url.database
    if naam.startswith("file:"):  # a URI filename (?uri=true)
        naam = naam[len("file:") :].split("?", 1)[0]
    return Path(naam)


def create_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: the configured store), SQLite made safe to share."""
    url = url or settings.database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        bestand = _sqlite_bestand(url)
        if bestand is not None:
            try:
                bestand.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # e.g. a read-only checkout (Errno 30)
                raise StoreUnavailable(
                    f"De map {bestand.parent} voor de SQLite-database kan niet worden aangemaakt "
                    f"({oorzaak(exc)}). Zet {instelling()} op een plek waar het dashboard mag schrijven."
                ) from exc
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
    """Bring the schema to the newest migration (idempotent; Alembic only when needed).

    Raises ``StoreUnavailable`` when the store is at a revision this version does not know
    (a newer version of the dashboard upgraded it) or the upgrade cannot write."""
    huidig = revisie(engine)
    if huidig == HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    cfg = alembic_config(engine)
    bekend = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
    if huidig is not None and huidig not in bekend:
        raise StoreUnavailable(
            f"De database ({waar(engine)}) staat op schemaversie '{huidig}', die deze versie van het dashboard "
            f"niet kent (de nieuwste die het kent is '{HEAD}'). Waarschijnlijk heeft een nieuwere versie van het "
            f"dashboard haar bijgewerkt: start die versie, of zet {instelling()} op een andere database."
        )
    try:
        command.upgrade(cfg, "head")
    except (CommandError, sa.exc.SQLAlchemyError) as exc:
        raise StoreUnavailable(
            f"Het schema van de database ({waar(engine)}) kon niet worden bijgewerkt: {oorzaak(exc)}. "
            f"Controleer {instelling()} en of het dashboard in die database mag schrijven."
        ) from exc


def waar(engine: Engine) -> str:
    bestand = _sqlite_bestand(engine)
    return str(bestand) if bestand is not None else engine.url.render_as_string(hide_password=True)


def oorzaak(exc: BaseException) -> str:
    """The cause of a store error in Dutch, for the messages above."""
    if isinstance(exc, OSError) and exc.errno == 30:
        return "alleen-lezen bestandssysteem"
    if isinstance(exc, PermissionError):
        return "geen toestemming om te schrijven"
    tekst = str(getattr(exc, "orig", None) or exc).lower()
    if "readonly" in tekst or "read-only" in tekst:
        return "de database is alleen-lezen"
    if "not a database" in tekst or "malformed" in tekst or "corrupt" in tekst:
        return "het bestand is geen SQLite-database of is beschadigd"
    if "unable to open" in tekst:
        return "het bestand kan niet worden geopend of aangemaakt"
    if "database is locked" in tekst:
        return "een ander proces houdt de database bezet"
    return str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]


def _sqlite_schrijfbaar(bestand: Path) -> str | None:
    """Why the dashboard cannot write the SQLite file (or the -wal/-shm files next to it); None
    when it can. Checked without writing: access(2) also sees read-only file systems."""
    if bestand.exists() and not os.access(bestand, os.W_OK):
        return f"het bestand {bestand} is alleen-lezen"
    if not os.access(bestand.parent, os.W_OK):
        return f"de map {bestand.parent} is alleen-lezen"
    return None


def check_available(engine: Engine) -> None:
    """Raise ``StoreUnavailable`` (Dutch, naming cause and setting) unless the store answers and,
    for SQLite, its file is a writable database."""
    bestand = _sqlite_bestand(engine)
    if bestand is not None:
        waarom = _sqlite_schrijfbaar(bestand)
        if waarom:
            raise StoreUnavailable(
                f"De SQLite-database kan niet worden gebruikt: {waarom}. Zet {instelling()} "
                "op een bestand in een map waar het dashboard mag schrijven."
            )
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # the driver's own exception types vary per backend
        if bestand is not None:
            raise StoreUnavailable(
                f"De SQLite-database {bestand} kan niet worden gebruikt: {oorzaak(exc)}. Zet {instelling()} "
                "op een ander bestand (een nieuw bestand wordt aangemaakt en gevuld), of zet het oude terug."
            ) from exc
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
    "SELECT hashtextextended('ijmond_dash.init:' || current_database() || '.' || coalesce(current_schema(), ''), 0)"
)
