"""CSV -> typed frames -> validation -> one transaction.

``init_store`` is what the app and ``python -m ijmond_dash init`` run: upgrade the schema,
and when the store holds no data yet, load every CSV file of the default dataset. Loading
is all or nothing: a problem in any file leaves the store as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ijmond_dash import settings
from ijmond_dash.store import catalog, db, models, sessies
from ijmond_dash.store.validation import FILE, ROW, Note, Problem, ValidationFailed, validate

_INT = re.compile(r"^-?\d+$")
_INT_NL = re.compile(r"^-?\d{1,3}(\.\d{3})+$")  # 1.234.567
_DATE_NL = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def _convert(kind: str, raw: str):
    """Raw CSV text -> Python value; ValueError with a Dutch message when it is not one."""
    s = raw.strip()
    if s == "":
        return None
    if kind in ("str", "text"):
        return s
    if kind == "int":
        if _INT.match(s):
            return int(s)
        if _INT_NL.match(s):
            return int(s.replace(".", ""))
        raise ValueError(f"'{s}' is geen geheel getal")
    if kind == "decimal":
        try:
            if "," in s and "." in s:  # 1.234,5 or 1,234.5: ambiguous, refuse
                raise InvalidOperation
            value = Decimal(s.replace(",", "."))
            if not value.is_finite():
                raise InvalidOperation
            return value
        except InvalidOperation:
            raise ValueError(f"'{s}' is geen getal (gebruik 23,63 of 23.63)") from None
    if kind == "date":
        m = _DATE_NL.match(s)
        try:
            if m:
                return dt.date(int(m[3]), int(m[2]), int(m[1]))
            return dt.date.fromisoformat(s)
        except ValueError:
            raise ValueError(f"'{s}' is geen geldige datum (verwacht DD-MM-JJJJ of JJJJ-MM-DD)") from None
    if kind == "bool":
        if s.lower() in ("1", "true", "ja", "waar"):
            return True
        if s.lower() in ("0", "false", "nee", "onwaar"):
            return False
        raise ValueError(f"'{s}' is geen ja/nee-waarde")
    raise AssertionError(kind)


def parse_rows(
    ds: catalog.Dataset, header: list[str], rows: list[list[str]], bestand: str, first_line: int = 2
) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed frame from raw rows; problems for missing columns and unparseable values."""
    problems: list[Problem] = []
    header = [h.strip() for h in header]
    missing = [c for c in ds.column_names if c not in header]
    unknown = [h for h in header if h not in ds.column_names]
    if missing:
        problems.append(Problem(bestand, None, "kolommen", "ontbrekende kolom(men): " + ", ".join(missing)))
    if unknown:
        problems.append(Problem(bestand, None, "kolommen", "onbekende kolom(men): " + ", ".join(unknown)))
    if missing or unknown:
        return pd.DataFrame(columns=[*ds.column_names, ROW, FILE]), problems
    pos = {h: header.index(h) for h in ds.column_names}
    records = []
    for n, raw in enumerate(rows, start=first_line):
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) != len(header):
            problems.append(Problem(bestand, n, "kolommen", f"{len(raw)} velden in plaats van {len(header)}"))
            continue
        rec = {ROW: n, FILE: bestand}
        for col in ds.columns:
            try:
                rec[col.name] = _convert(col.kind, raw[pos[col.name]])
            except ValueError as exc:
                problems.append(Problem(bestand, n, "type", f"kolom '{col.name}': {exc}"))
                rec[col.name] = None
        records.append(rec)
    df = pd.DataFrame.from_records(records, columns=[*ds.column_names, ROW, FILE])
    return df.astype(object).where(df.notna(), None), problems


def parse_csv(ds: catalog.Dataset, text: str, bestand: str) -> tuple[pd.DataFrame, list[Problem]]:
    reader = csv.reader(io.StringIO(text))
    try:
        all_rows = list(reader)
    except csv.Error as exc:
        return pd.DataFrame(), [Problem(bestand, None, "bestandsformaat", f"geen geldig CSV-bestand ({exc})")]
    if not all_rows:
        return pd.DataFrame(), [Problem(bestand, None, "bestandsformaat", "het bestand is leeg")]
    return parse_rows(ds, all_rows[0], all_rows[1:], bestand)


def read_default(data_dir: Path | None = None) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every dataset of the catalog from its CSV file in ``data_dir``."""
    data_dir = data_dir or settings.data_dir()
    frames, problems = {}, []
    for ds in catalog.DATASETS:
        path = data_dir / ds.csv_name
        if not path.exists():
            problems.append(Problem(ds.csv_name, None, "bestand", f"{path} ontbreekt"))
            continue
        df, p = parse_csv(ds, path.read_text(encoding="utf-8"), ds.csv_name)
        frames[ds.name] = df
        problems += p
    return frames, problems


def records(ds: catalog.Dataset, df: pd.DataFrame) -> list[dict]:
    return [{c: r[c] for c in ds.column_names} for r in df.to_dict("records")]


def bump_version(conn: Connection) -> None:
    t = models.store_meta
    updated = conn.execute(t.update().where(t.c.sleutel == "versie").values(waarde=t.c.waarde + 1)).rowcount
    if not updated:
        conn.execute(t.insert().values(sleutel="versie", waarde=1))


# Read at the start of every script run (ui.versie): built once, it runs in under half the
# time of a statement built per call.
_VERSIE_LEZEN = sa.select(models.store_meta.c.waarde).where(models.store_meta.c.sleutel == "versie")


def store_version(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(_VERSIE_LEZEN).scalar() or 0


def write_notes(conn: Connection, notes: list[Note], datasets: set[str] | None = None) -> None:
    t = models.datakwaliteit_berekend
    if datasets is None:
        conn.execute(t.delete())
    else:
        conn.execute(t.delete().where(t.c.dataset.in_(datasets)))
    if notes:
        conn.execute(t.insert(), [n.__dict__ for n in notes])


def is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(models.DATASET_TABLES["bronnen"])).scalar() == 0


def load_default(engine: Engine, data_dir: Path | None = None) -> list[Note]:
    """Validate every CSV file and write them all in one transaction (into an empty store)."""
    frames, problems = read_default(data_dir)
    try:
        standaard_sessies = sessies.lees_standaard(data_dir or settings.data_dir())
    except sessies.SessieFout as exc:
        problems.append(Problem(sessies.BESTAND, None, "sessies", str(exc)))
    if not problems:
        more, notes = validate(frames)
        problems += more
    if problems:
        raise ValidationFailed(problems)
    with engine.begin() as conn:
        for ds in catalog.DATASETS:
            rows = records(ds, frames[ds.name])
            if rows:
                conn.execute(models.DATASET_TABLES[ds.name].insert(), rows)
        write_notes(conn, notes)
        sessies.schrijf_standaard(conn, standaard_sessies)
        bump_version(conn)
    return notes


def init_store(engine: Engine | None = None) -> bool:
    """Upgrade the schema and fill an empty store. True when data was loaded now.

    Safe when several processes start together: one at a time (``db.migratieslot``)."""
    engine = engine or db.create_engine()
    db.check_available(engine)
    with db.migratieslot(engine):
        db.upgrade(engine)
        try:
            if is_empty(engine):
                load_default(engine)
                return True
        except sa.exc.SQLAlchemyError as exc:
            raise db.StoreUnavailable(
                f"De standaarddataset kon niet in de database ({db.waar(engine)}) worden geschreven: "
                f"{db.oorzaak(exc)}. Controleer {db.instelling()} en of het dashboard daar mag schrijven."
            ) from exc
    return False
