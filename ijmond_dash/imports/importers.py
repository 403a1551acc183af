"""Imports by a beheerder: file -> preview -> validation -> one transaction -> undo.

``voorbereiden`` reads an uploaded CSV or Excel file for one importable dataset (the kind of
file is sniffed from its content, never from its name), merges it into the current state
of the store (new keys are added, existing keys are changed), validates that whole
would-be state with ``validation.validate`` and returns a ``Voorbeeld``: what would be
added and changed, and every problem with file, row and rule in Dutch. Nothing is written.

``importeren`` writes a valid preview in one transaction: the rows, an ``import_batch``
audit row (who, when, file name, SHA-256, rows added/changed), the previous values of
every changed row (``import_wijziging``), the recomputed data-quality notes and a new
store version (so every page shows the new figures at once). It first takes the store's
write lock and refuses when the store changed since the preview.

``ongedaan_maken`` undoes one import as a whole, in one transaction, after checking that
the state it returns to is still valid.

Like ``loader`` this is the write path, so it holds its own SQL; pages read through
``queries``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ijmond_dash import limieten
from ijmond_dash.formatting import getal
from ijmond_dash.imports import werkmap
from ijmond_dash.store import catalog, db, loader, models
from ijmond_dash.store.validation import FILE, ROW, Note, Problem, ValidationFailed, validate

try:  # trajectory events: parsed and written by their own module (pseudonymised, BSN checks)
    from ijmond_dash.imports import trajecten
except ImportError:  # pragma: no cover - the module is optional
    trajecten = None

TRAJECTEVENT = "trajectevent"

# the limits of an import, declared in limieten (the page shows the same numbers)
MAX_BYTES = limieten.BESTAND_MAX  # an upload larger than this is refused
MAX_ROWS = limieten.RIJEN_MAX
MAX_XLSX_UNPACKED = limieten.XLSX_UITGEPAKT_MAX  # zip-bomb guard for .xlsx
KOLOMMEN = "kolommen"
BEZIG = (
    "Er loopt al een import (of het ongedaan maken van een import); die houdt de gegevens even vast. "
    "Probeer het over een minuut opnieuw."
)

_MAGIC = (
    (b"%PDF", "een PDF-document"),
    (b"\x89PNG", "een PNG-afbeelding"),
    (b"\xff\xd8\xff", "een JPEG-afbeelding"),
    (b"GIF8", "een GIF-afbeelding"),
    (b"\xd0\xcf\x11\xe0", "een oud Office-bestand (.xls of .doc); sla het op als .xlsx of .csv"),
    (b"\x1f\x8b", "een gzip-archief"),
    (b"MZ", "een programma"),
    (b"\x7fELF", "een programma"),
)


class ImportFout(Exception):
    """An import or undo that cannot go ahead; the message is Dutch and meant for the UI."""


def importeerbaar() -> list[catalog.Dataset]:
    """The catalog datasets a beheerder may import, in catalog order."""
    return [ds for ds in catalog.DATASETS if ds.importable]


def keuzes() -> dict[str, str]:
    """Dataset name -> title of everything the import page offers (catalog and trajectory events)."""
    out = {ds.name: ds.title for ds in importeerbaar()}
    if trajecten is not None:
        out[TRAJECTEVENT] = "Trajecten per cliënt (gepseudonimiseerd)"
    return out


def kolommen(name: str) -> list[str]:
    if name == TRAJECTEVENT and trajecten is not None:
        return list(trajecten.KOLOMMEN)
    return _dataset(name).column_names


def _dataset(name: str) -> catalog.Dataset:
    ds = catalog.dataset(name)
    if not ds.importable:
        raise ImportFout(f"De dataset '{ds.title}' kan niet worden geïmporteerd.")
    return ds


# ---------------------------------------------------------------- templates


def sjabloon_csv(name: str) -> bytes:
    """A CSV file with exactly the expected columns (UTF-8, comma separated)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(kolommen(name))
    return buf.getvalue().encode("utf-8")


def _uitleg(col: catalog.Col) -> str:
    soort = {
        "str": "tekst",
        "text": "tekst",
        "int": "geheel getal",
        "date": "datum (JJJJ-MM-DD of DD-MM-JJJJ)",
        "decimal": "getal (23,63 of 23.63)",
        "bool": "ja/nee",
    }[col.kind]
    delen = [col.description, soort]
    if col.unit:
        delen.append(f"eenheid: {catalog.UNIT_LABELS[col.unit]}")
    if col.values:
        delen.append("toegestaan: " + ", ".join(col.values))
    if col.ref:
        delen.append(f"een bekende code uit '{catalog.dataset(col.ref).title}'")
    delen.append("mag leeg zijn" if col.nullable else "verplicht")
    return "; ".join(delen)


def sjabloon_excel(name: str) -> bytes:
    """An Excel workbook: sheet 1 has the expected columns, sheet 2 explains each column."""
    from openpyxl import Workbook

    if name == TRAJECTEVENT:
        wb = Workbook()
        wb.active.title = TRAJECTEVENT
        wb.active.append(kolommen(name))
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()
    ds = _dataset(name)
    wb = Workbook()
    ws = wb.active
    ws.title = ds.name[:31]
    ws.append(ds.column_names)
    uitleg = wb.create_sheet("Toelichting")
    uitleg.append(["kolom", "toelichting"])
    for col in ds.columns:
        uitleg.append([col.name, _uitleg(col)])
    uitleg.append([])
    uitleg.append(
        [
            "sleutel",
            "Een rij met een sleutel die al bestaat ("
            + ", ".join(ds.key)
            + ") wijzigt die rij; andere rijen worden toegevoegd.",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- reading a file


def _probleem(bestand: str, regel: str, melding: str, rij: int | None = None) -> Problem:
    return Problem(bestand, rij, regel, melding)


def _soort(data: bytes | io.IOBase) -> tuple[str, str | None]:
    """('xlsx'|'csv'|'fout', message): what the bytes (or the uploaded file) really are."""
    stroom = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    stroom.seek(0)
    begin = stroom.read(16)
    stroom.seek(0)
    for magic, wat in _MAGIC:
        if begin.startswith(magic):
            return "fout", f"dit is geen CSV- of Excel-bestand, maar {wat}"
    if begin.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(stroom) as zf:
                names = set(zf.namelist())
                unpacked = sum(i.file_size for i in zf.infolist())
        except zipfile.BadZipFile:
            return "fout", "het bestand is een beschadigd zip- of Excel-bestand"
        if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
            return "fout", "dit is een zip-archief, geen Excel-werkmap (.xlsx)"
        if "xl/vbaProject.bin" in names:
            return "fout", "Excel-bestanden met macro's worden niet geaccepteerd; sla op als .xlsx zonder macro's"
        if unpacked > MAX_XLSX_UNPACKED:
            return "fout", "de Excel-werkmap is uitgepakt te groot"
        return "xlsx", None
    return "csv", None


def _tekst(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
            return None
        return text
    return None


def _csv_rijen(text: str) -> list[list[str]]:
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))


def _cel(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _excel_rijen(data: bytes, ds: catalog.Dataset) -> list[list[str]]:
    """The cells of the dataset's sheet (or the first) as text; raises
    ``werkmap.FormuleZonderWaarde`` for a formula without a stored result."""
    rows = []
    alle = werkmap.rijen(data, ds.name[:31])
    try:
        for row in alle:
            rows.append([_cel(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                break
    finally:
        alle.close()
    # read-only sheets pad rows to the widest one: drop empty trailing columns
    width = max((max((i + 1 for i, c in enumerate(r) if c.strip()), default=0) for r in rows), default=0)
    return [r[:width] + [""] * (width - len(r[:width])) for r in rows]


def lees(ds: catalog.Dataset, bestandsnaam: str, data: bytes) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed rows of an uploaded file for ``ds``; problems when it is not a usable CSV/Excel file."""
    naam = bestandsnaam or "upload"
    if len(data) > MAX_BYTES:
        return pd.DataFrame(), [
            _probleem(naam, "bestandsgrootte", f"het bestand is groter dan {limieten.BESTAND_MB} MB")
        ]
    if not data.strip():
        return pd.DataFrame(), [_probleem(naam, "bestandsformaat", "het bestand is leeg")]
    soort, fout = _soort(data)
    if fout:
        return pd.DataFrame(), [_probleem(naam, "bestandsformaat", fout)]
    try:
        if soort == "xlsx":
            rows = _excel_rijen(data, ds)
        else:
            text = _tekst(data)
            if text is None:
                return pd.DataFrame(), [
                    _probleem(naam, "bestandsformaat", "dit is geen tekstbestand (CSV) en geen Excel-werkmap")
                ]
            rows = _csv_rijen(text)
    except csv.Error as exc:
        return pd.DataFrame(), [_probleem(naam, "bestandsformaat", f"geen geldig CSV-bestand ({exc})")]
    except werkmap.FormuleZonderWaarde as exc:
        return pd.DataFrame(), [_probleem(naam, "formule zonder waarde", str(exc), exc.eerste_rij)]
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken workbook
        return pd.DataFrame(), [_probleem(naam, "bestandsformaat", "de Excel-werkmap kon niet worden gelezen")]
    rows = [r for r in rows if any(c.strip() for c in r)] if rows else rows
    if not rows:
        return pd.DataFrame(), [_probleem(naam, "bestandsformaat", "het bestand bevat geen rijen")]
    if len(rows) - 1 > MAX_ROWS:
        return pd.DataFrame(), [
            _probleem(
                naam,
                "bestandsgrootte",
                f"het bestand heeft meer dan {getal(MAX_ROWS)} rijen; splits het in kleinere bestanden",
            )
        ]
    if len(rows) == 1:
        return pd.DataFrame(), [_probleem(naam, "bestandsformaat", "het bestand bevat alleen kopregels, geen gegevens")]
    return loader.parse_rows(ds, rows[0], rows[1:], naam)


# ---------------------------------------------------------------- the store as frames


def herkomst(ds: catalog.Dataset, batch_id: int | None) -> str:
    """Where a stored row came from, as validation messages name it instead of a file."""
    return f"opgeslagen rijen van '{ds.title}' " + (f"(import #{batch_id})" if batch_id else "(standaarddataset)")


def _lees_store(conn: Connection) -> dict[str, pd.DataFrame]:
    """Every dataset as stored, with its rows' origin (``herkomst``) in the FILE column."""
    frames = {}
    for ds in catalog.DATASETS:
        t = models.DATASET_TABLES[ds.name]
        result = conn.execute(
            sa.select(t.c.id, *[t.c[c] for c in ds.column_names], t.c.import_batch_id).order_by(t.c.id)
        )
        df = pd.DataFrame(result.fetchall(), columns=["id", *ds.column_names, "import_batch_id"], dtype=object)
        df[FILE] = [herkomst(ds, b) for b in df["import_batch_id"]]
        frames[ds.name] = df.drop(columns=["import_batch_id"])
    return frames


def _versie(conn: Connection) -> int:
    t = models.store_meta
    return conn.execute(sa.select(t.c.waarde).where(t.c.sleutel == "versie")).scalar() or 0


def _sleutel(ds: catalog.Dataset, rec: dict) -> tuple:
    return tuple(rec[c] for c in ds.key)


def _gelijk(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)):
        return Decimal(a) == Decimal(b)
    return a == b


# ---------------------------------------------------------------- preview


@dataclass
class Voorbeeld:
    """What an import would do; ``geldig`` says whether it may be written."""

    dataset: str
    bestandsnaam: str
    sha256: str
    store_versie: int
    problemen: list[Problem] = field(default_factory=list)
    notities: list[Note] = field(default_factory=list)
    toegevoegd: list[dict] = field(default_factory=list)  # full new rows (datasets of the catalog)
    gewijzigd: list[dict] = field(default_factory=list)  # full new rows whose key exists
    wijzigingen: list[dict] = field(default_factory=list)  # key, kolom, oud, nieuw
    ongewijzigd: int = 0
    # trajectory events: the parsed events (with their line numbers), kept as one frame; the
    # import writes exactly these (the file's hash is checked) instead of reading the file again
    events: pd.DataFrame | None = None

    @property
    def aantal_toegevoegd(self) -> int:
        return len(self.events) if self.events is not None else len(self.toegevoegd)

    @property
    def geldig(self) -> bool:
        return not self.problemen and bool(self.aantal_toegevoegd or self.gewijzigd)

    def toegevoegd_df(self, hoogstens: int | None = None) -> pd.DataFrame:
        """The new rows (the first ``hoogstens``), for display."""
        if self.events is not None:
            df = self.events.drop(columns=[trajecten.ROW])
        else:
            df = pd.DataFrame(self.toegevoegd, columns=catalog.dataset(self.dataset).column_names)
        return df if hoogstens is None else df.head(hoogstens)

    def wijzigingen_df(self) -> pd.DataFrame:
        return pd.DataFrame(self.wijzigingen, columns=["sleutel", "kolom", "oud", "nieuw"])

    def problemen_df(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"bestand": p.bestand, "rij": p.rij, "regel": p.regel, "melding": p.melding} for p in self.problemen],
            columns=["bestand", "rij", "regel", "melding"],
        )


def _label(ds: catalog.Dataset, rec: dict) -> str:
    parts = []
    for c in ds.key:
        v = rec[c]
        parts.append(v.strftime("%d-%m-%Y") if hasattr(v, "strftime") else str(v))
    return " · ".join(parts)


def _voorbeeld(conn: Connection, ds: catalog.Dataset, bestandsnaam: str, data: bytes) -> Voorbeeld:
    v = Voorbeeld(ds.name, bestandsnaam, hashlib.sha256(data).hexdigest(), _versie(conn))
    df, problems = lees(ds, bestandsnaam, data)
    if problems:
        v.problemen = problems
        return v
    frames = _lees_store(conn)
    store = frames[ds.name]
    bestaand = {_sleutel(ds, r): r for r in store.to_dict("records")}
    nieuw_rijen = df.to_dict("records")
    merged = {k: {**{c: r[c] for c in ds.column_names}, ROW: None, FILE: r[FILE]} for k, r in bestaand.items()}
    for rec in nieuw_rijen:
        k = _sleutel(ds, rec)
        row = {c: rec[c] for c in ds.column_names}
        if k in bestaand and k in merged and merged[k][ROW] is None:
            oud = bestaand[k]
            diff = [c for c in ds.column_names if not _gelijk(oud[c], row[c])]
            if diff:
                v.gewijzigd.append(row)
                for c in diff:
                    v.wijzigingen.append({"sleutel": _label(ds, row), "kolom": c, "oud": oud[c], "nieuw": row[c]})
            else:
                v.ongewijzigd += 1
            merged[k] = {**row, ROW: rec[ROW], FILE: rec[FILE]}
        elif k in merged:
            # the same key twice in the file: keep both, so validation reports the duplicate
            merged[(k, rec[ROW])] = {**row, ROW: rec[ROW], FILE: rec[FILE]}
        else:
            v.toegevoegd.append(row)
            merged[k] = {**row, ROW: rec[ROW], FILE: rec[FILE]}
    frames = {name: f.drop(columns=["id"]) for name, f in frames.items()}
    target = pd.DataFrame(list(merged.values()), columns=[*ds.column_names, ROW, FILE], dtype=object)
    frames[ds.name] = target.where(target.notna(), None)
    v.problemen, v.notities = validate(frames)
    return v


def _voorbeeld_traject(
    engine: Engine, bestandsnaam: str, data: bytes | io.IOBase, voortgang: Voortgang | None = None
) -> Voorbeeld:
    """The preview of a trajectory file, read as a stream (``trajecten.parse``)."""
    with engine.connect() as conn:
        v = Voorbeeld(TRAJECTEVENT, bestandsnaam, _sha256(data), _versie(conn))
    if trajecten.grootte(data) > MAX_BYTES:
        v.problemen = [
            _probleem(bestandsnaam, "bestandsgrootte", f"het bestand is groter dan {limieten.BESTAND_MB} MB")
        ]
        return v
    soort, fout = _soort(data)
    if fout:
        v.problemen = [_probleem(bestandsnaam, "bestandsformaat", fout)]
        return v
    meld = voortgang or (lambda _f, _t: None)
    df, problems = trajecten.parse(
        bestandsnaam, data, trajecten._gemeenten(engine), lambda f: meld(0.9 * f, "Bestand lezen en controleren")
    )
    if not problems:
        with engine.connect() as conn:
            bestaand = trajecten._bestaande(conn, sorted(df["client_pseudoniem"].unique()))
        problems = trajecten.controleer_volgorde(df, bestandsnaam, bestaand)
    if not problems and df.empty:
        problems = [_probleem(bestandsnaam, "bestandsformaat", "het bestand bevat geen rijen")]
    v.problemen = problems
    if not problems:
        v.events = df
    meld(1.0, "Klaar")
    return v


Voortgang = Callable[[float, str], None]  # (fraction done, what is being done) for a progress bar


def voorbereiden(
    engine: Engine, dataset: str, bestandsnaam: str, data: bytes | io.IOBase, voortgang: Voortgang | None = None
) -> Voorbeeld:
    """Preview of importing ``data`` (bytes, or the uploaded file) into ``dataset``; writes nothing.

    A trajectory file is read as a stream and reports its progress to ``voortgang``."""
    if dataset == TRAJECTEVENT and trajecten is not None:
        return _voorbeeld_traject(engine, bestandsnaam, data, voortgang)
    ds = _dataset(dataset)
    with engine.connect() as conn:
        return _voorbeeld(conn, ds, bestandsnaam, _bytes(data))


def _sha256(data: bytes | io.IOBase) -> str:
    """The SHA-256 of the upload, read in blocks (an uploaded file is not copied)."""
    if isinstance(data, (bytes, bytearray)):
        return hashlib.sha256(data).hexdigest()
    h = hashlib.sha256()
    data.seek(0)
    while blok := data.read(1 << 20):
        h.update(blok)
    data.seek(0)
    return h.hexdigest()


def _bytes(data: bytes | io.IOBase) -> bytes:
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    data.seek(0)
    return data.read()


@contextlib.contextmanager
def _schrijven(wat: str):
    """A write that may meet another write: 'er loopt al een import' instead of a driver error."""
    try:
        yield
    except sa.exc.OperationalError as exc:
        if db.is_bezet(exc):
            raise ImportFout(f"{BEZIG} Er is niets {wat}.") from None
        raise


# ---------------------------------------------------------------- writing


def _lock(conn: Connection) -> None:
    """Take the store's write lock first (SQLite: RESERVED lock; Postgres: row lock), waiting at
    most ``db.WACHTTIJD_MS`` for another write (``_schrijven`` turns that into a message)."""
    db.wacht_hoogstens(conn)
    t = models.store_meta
    updated = conn.execute(t.update().where(t.c.sleutel == "versie").values(waarde=t.c.waarde)).rowcount
    if not updated:
        conn.execute(t.insert().values(sleutel="versie", waarde=0))


def _json(rec: dict) -> str:
    def enc(v):
        if isinstance(v, (dt.date, Decimal)):
            return str(v) if isinstance(v, Decimal) else v.isoformat()
        return v

    return json.dumps({k: enc(v) for k, v in rec.items()}, ensure_ascii=False)


def _uit_json(ds: catalog.Dataset, text: str) -> dict:
    raw = json.loads(text)
    out = {}
    for c in ds.columns:
        v = raw.get(c.name)
        if v is not None and c.kind == "date":
            v = dt.date.fromisoformat(v)
        elif v is not None and c.kind == "decimal":
            v = Decimal(v)
        out[c.name] = v
    return out


def _opsomming(problems: list[Problem], hoogstens: int = 20) -> str:
    """Problems as a Dutch list, the same message once with its number of rows."""
    tellers: dict[str, int] = {}
    for p in problems:
        tellers[str(p)] = tellers.get(str(p), 0) + 1
    regels = [f"- {tekst}" + (f" ({getal(n)} rijen)" if n > 1 else "") for tekst, n in tellers.items()]
    return "\n".join(
        regels[:hoogstens]
        + ([f"- en nog {getal(len(regels) - hoogstens)} meldingen"] if len(regels) > hoogstens else [])
    )


def _notities_opnieuw(conn: Connection, batch_id: int) -> None:
    """Validate the store as it now is, exactly as an import's preview does; refuse (ImportFout,
    the transaction rolls back) naming what no longer fits and the imports it depends on."""
    frames = {name: f.drop(columns=["id"]) for name, f in _lees_store(conn).items()}
    problems, notes = validate(frames)
    if problems:
        afhankelijk = sorted(
            {int(m) for p in problems for m in re.findall(r"\(import #(\d+)\)", p.bestand) if int(m) != batch_id}
        )
        raise ImportFout(
            f"Import #{batch_id} kan niet ongedaan worden gemaakt: daarna zouden deze gegevens niet meer kloppen "
            "(er is niets gewijzigd):\n"
            + _opsomming(problems)
            + (
                (
                    "\n\nMaak eerst "
                    + ("import " if len(afhankelijk) == 1 else "de imports ")
                    + ", ".join(f"#{i}" for i in afhankelijk)
                    + " ongedaan, die hiervan afhang"
                    + ("t." if len(afhankelijk) == 1 else "en.")
                )
                if afhankelijk
                else ""
            )
        )
    loader.write_notes(conn, notes)


def importeren(
    engine: Engine,
    voorbeeld: Voorbeeld,
    data: bytes | io.IOBase,
    gebruiker: str,
    tijdstip: dt.datetime | None = None,
    voortgang: Voortgang | None = None,
) -> int:
    """Write a valid preview in one transaction; returns the import_batch id.

    Another write holding the store for longer than ``db.WACHTTIJD_MS`` gives ``ImportFout``
    ('er loopt al een import'), never a driver error."""
    if not voorbeeld.geldig:
        raise ImportFout("Dit bestand is niet geldig of verandert niets; er is niets geïmporteerd.")
    if _sha256(data) != voorbeeld.sha256:
        raise ImportFout("Het bestand is veranderd sinds de voorvertoning; laad het opnieuw.")
    if voorbeeld.dataset == TRAJECTEVENT and trajecten is not None:
        with _schrijven("geïmporteerd"):
            return _importeer_traject(engine, voorbeeld, data, gebruiker, voortgang)
    with _schrijven("geïmporteerd"):
        return _importeer(engine, voorbeeld, _bytes(data), gebruiker, tijdstip)


def _importeer(engine: Engine, voorbeeld: Voorbeeld, data: bytes, gebruiker: str, tijdstip: dt.datetime | None) -> int:
    ds = _dataset(voorbeeld.dataset)
    t = models.DATASET_TABLES[ds.name]
    tijdstip = tijdstip or dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        _lock(conn)
        if _versie(conn) != voorbeeld.store_versie:
            raise ImportFout(
                "De gegevens zijn gewijzigd sinds de voorvertoning (een andere import?). "
                "Bekijk de voorvertoning opnieuw; er is niets geïmporteerd."
            )
        # validate again inside the lock, on exactly the state this transaction sees
        opnieuw = _voorbeeld(conn, ds, voorbeeld.bestandsnaam, data)
        if not opnieuw.geldig:
            raise ImportFout("Het bestand is bij de controle in de transactie afgekeurd; er is niets geïmporteerd.")
        batch_id = conn.execute(
            models.import_batch.insert()
            .values(
                dataset=ds.name,
                bestandsnaam=voorbeeld.bestandsnaam[:300],
                sha256=voorbeeld.sha256,
                gebruiker=gebruiker[:300],
                tijdstip=tijdstip,
                rijen_toegevoegd=len(opnieuw.toegevoegd),
                rijen_gewijzigd=len(opnieuw.gewijzigd),
            )
            .returning(models.import_batch.c.id)
        ).scalar_one()
        w = models.import_wijziging
        for row in opnieuw.toegevoegd:
            rij_id = conn.execute(t.insert().values(**row, import_batch_id=batch_id).returning(t.c.id)).scalar_one()
            conn.execute(
                w.insert().values(import_batch_id=batch_id, dataset=ds.name, rij_id=rij_id, soort="toegevoegd")
            )
        for row in opnieuw.gewijzigd:
            where = sa.and_(*[t.c[c] == row[c] for c in ds.key])
            oud = (
                conn.execute(sa.select(t.c.id, t.c.import_batch_id, *[t.c[c] for c in ds.column_names]).where(where))
                .mappings()
                .one()
            )
            conn.execute(
                w.insert().values(
                    import_batch_id=batch_id,
                    dataset=ds.name,
                    rij_id=oud["id"],
                    soort="gewijzigd",
                    oude_waarden=_json({c: oud[c] for c in ds.column_names}),
                    oude_import_batch_id=oud["import_batch_id"],
                )
            )
            conn.execute(t.update().where(t.c.id == oud["id"]).values(**row, import_batch_id=batch_id))
        loader.write_notes(conn, opnieuw.notities)
        loader.bump_version(conn)
    return batch_id


def _importeer_traject(
    engine: Engine, voorbeeld: Voorbeeld, data: bytes | io.IOBase, gebruiker: str, voortgang: Voortgang | None = None
) -> int:
    try:
        trajecten.importeer(engine, voorbeeld.bestandsnaam, data, gebruiker, voortgang, events=voorbeeld.events)
    except ValidationFailed as exc:
        raise ImportFout(
            "Het bestand is bij het schrijven afgekeurd; er is niets geïmporteerd:\n" + _opsomming(exc.problems)
        ) from None
    b = models.import_batch
    with engine.connect() as conn:
        return conn.execute(
            sa.select(sa.func.max(b.c.id)).where(b.c.dataset == TRAJECTEVENT, b.c.sha256 == voorbeeld.sha256)
        ).scalar_one()


def ongedaan_maken(engine: Engine, batch_id: int, gebruiker: str, tijdstip: dt.datetime | None = None) -> None:
    """Undo one import as a whole: added rows go, changed rows get their previous values.

    The resulting store is validated exactly as an import's preview is; when it would no longer
    be valid (another import's rows cite what this one added) nothing changes and the
    ``ImportFout`` names what depends on it."""
    with _schrijven("ongedaan gemaakt"):
        _ongedaan_maken(engine, batch_id, gebruiker, tijdstip)


def _ongedaan_maken(engine: Engine, batch_id: int, gebruiker: str, tijdstip: dt.datetime | None) -> None:
    b, w = models.import_batch, models.import_wijziging
    tijdstip = tijdstip or dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        _lock(conn)
        batch = conn.execute(sa.select(b).where(b.c.id == batch_id)).mappings().one_or_none()
        if batch is None:
            raise ImportFout(f"Import {batch_id} bestaat niet.")
        if batch["ongedaan_gemaakt_op"] is not None:
            raise ImportFout(f"Import {batch_id} is al ongedaan gemaakt.")
        later = (
            conn.execute(
                sa.select(b.c.id)
                .where(b.c.dataset == batch["dataset"], b.c.id > batch_id, b.c.ongedaan_gemaakt_op.is_(None))
                .order_by(b.c.id)
            )
            .scalars()
            .all()
        )
        if batch["dataset"] == TRAJECTEVENT:  # events are only ever added: remove them again
            te = models.trajectevent
            # the batch's clients, per kind: their remaining events get new neighbours afterwards
            geraakt = conn.execute(
                sa.select(te.c.synthetisch, te.c.client_pseudoniem).distinct().where(te.c.import_batch_id == batch_id)
            ).all()
            conn.execute(te.delete().where(te.c.import_batch_id == batch_id))
            for soort in {bool(s) for s, _ in geraakt}:
                trajecten.buren_bijwerken(conn, soort, [c for s, c in geraakt if bool(s) == soort])
            conn.execute(
                b.update()
                .where(b.c.id == batch_id)
                .values(ongedaan_gemaakt_op=tijdstip, ongedaan_gemaakt_door=gebruiker[:300])
            )
            loader.bump_version(conn)
            return
        if later:
            raise ImportFout(
                "Maak eerst de latere import(en) van deze dataset ongedaan: " + ", ".join(f"#{i}" for i in later) + "."
            )
        ds = catalog.dataset(batch["dataset"])
        t = models.DATASET_TABLES[ds.name]
        rows = conn.execute(sa.select(w).where(w.c.import_batch_id == batch_id).order_by(w.c.id)).mappings().all()
        for r in rows:
            if r["soort"] == "toegevoegd":
                conn.execute(t.delete().where(t.c.id == r["rij_id"]))
        for r in rows:
            if r["soort"] == "gewijzigd":
                conn.execute(
                    t.update()
                    .where(t.c.id == r["rij_id"])
                    .values(**_uit_json(ds, r["oude_waarden"]), import_batch_id=r["oude_import_batch_id"])
                )
        _notities_opnieuw(conn, batch_id)  # raises (and rolls back) when the old state no longer fits
        conn.execute(
            b.update()
            .where(b.c.id == batch_id)
            .values(ongedaan_gemaakt_op=tijdstip, ongedaan_gemaakt_door=gebruiker[:300])
        )
        loader.bump_version(conn)
