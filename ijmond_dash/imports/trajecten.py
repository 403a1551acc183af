"""Pseudonymised trajectory events: read a CSV or Excel file, check it, write it in one go.

A file holds one row per client per fase: ``client_pseudoniem``, ``gemeente`` (CBS code or
name), ``fase``, ``startdatum``, ``einddatum`` (empty while the fase runs) and, when the
client left the traject at the end of that fase, an ``uitstroomreden``. A file is refused as a whole, with a Dutch
message per row, when

- any cell looks like a BSN (nine digits that pass the elfproef),
- a column looks like a name column (naam, voornaam, achternaam, ...),
- a ``client_pseudoniem`` looks like a name, an e-mail address, a phone number, a postcode
  with house number or a date of birth rather than a pseudonym,
- a date lies outside ``limieten.EERSTE_DATUM`` .. ``limieten.laatste_datum()``, or the file
  is larger or longer than ``limieten`` allows (it is read as a stream, row by row),
- the fasen of one client overlap (also with fasen already in the store),
- an einddatum lies before its startdatum,
- a fase or gemeente is unknown (and for wrong types, missing columns, a bad uitstroomreden).

Messages never repeat the offending value: a BSN or a name does not end up in a log or on
screen. Accepted files are written in one transaction, with an ``import_batch`` record, and
the store version is bumped so cached pages show the new figures at once. In the same
transaction ``buren_bijwerken`` stores every affected event's neighbours (previous and next
fase of the client), which ``queries.fase_overgangen`` reads instead of computing them.

Also here: the small-number rule for figures computed from these events.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ijmond_dash import limieten, settings
from ijmond_dash.formatting import datum, getal
from ijmond_dash.imports import werkmap
from ijmond_dash.store import catalog, db, loader, models, validation
from ijmond_dash.store.validation import Problem, ValidationFailed

DATASET = "trajectevent"
KOLOMMEN: tuple[str, ...] = ("client_pseudoniem", "gemeente", "fase", "startdatum", "einddatum", "uitstroomreden")
VERPLICHT: tuple[str, ...] = ("client_pseudoniem", "gemeente", "fase", "startdatum")
UITSTROOMREDENEN: tuple[str, ...] = ("werk", "passende_plek", "voortijdig_afgebroken", "overig")
UITSTROOMREDEN_LABELS = {
    "werk": "werk",
    "passende_plek": "passende plek",
    "voortijdig_afgebroken": "voortijdig afgebroken",
    "overig": "overig",
}
MAX_BYTES = limieten.BESTAND_MAX  # the limits of an import are declared in limieten
ROW = "_rij"

# --------------------------------------------------------------- personal data detectors

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
# groups of digits joined by single spaces, dots or hyphens (123.456.782, 1234 56 782)
_DIGIT_GROUPS = re.compile(r"(?<!\d)\d+(?:[ .-]\d+)+(?!\d)")
_NEGEN_CIJFERS = re.compile(r"\d(?:[ .-]?\d){8}")  # what both forms above need: nine digits
_NAAM_KOLOM = re.compile(
    r"(voor|achter|roep|geslachts|familie|meisjes|partner|client|klant|deelnemer|persoons?|volledige|"
    r"eigen)?naam(client|klant|deelnemer|persoon)?\d*"
)
_NAAM_WOORDEN = {
    "voorletters",
    "initialen",
    "tussenvoegsel",
    "tussenvoegsels",
    "name",
    "firstname",
    "lastname",
    "surname",
    "fullname",
    "givenname",
    "familyname",
    "middlename",
    "initials",
}


def elfproef(digits: str) -> bool:
    """True for nine digits that pass the BSN elfproef (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def lijkt_bsn(value) -> bool:
    """Does a cell contain something that looks like a BSN? Numbers from Excel lose a leading
    zero, so an eight-digit number is also tried with it."""
    if value is None:
        return False
    if isinstance(value, bool):
        return False
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        s = str(int(value))
        return elfproef(s.zfill(9)) if len(s) in (8, 9) else False
    s = str(value)
    if len(s) < 9 or not _NEGEN_CIJFERS.search(s):  # the common case, in one step
        return False
    candidates = _NINE_DIGITS.findall(s)
    candidates += [d for d in (re.sub(r"\D", "", m) for m in _DIGIT_GROUPS.findall(s)) if len(d) == 9]
    return any(elfproef(c) for c in candidates)


def _norm_kop(kop: str) -> str:
    return re.sub(r"[^a-z0-9]", "", kop.strip().lower().replace("ë", "e"))


def lijkt_naamkolom(kop: str) -> bool:
    k = _norm_kop(kop)
    return bool(k) and (k in _NAAM_WOORDEN or _NAAM_KOLOM.fullmatch(k) is not None)


# --------------------------------------------------------------- personal data in the pseudonym

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]{2,}")
# a run of digits with spaces, hyphens, dots or brackets, not inside a longer code (a hash)
_NUMMERREEKS = re.compile(r"(?<![0-9A-Za-z])\+?\d[\d\s().-]{7,}\d(?![0-9A-Za-z])")
_POSTCODE_HUISNUMMER = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{3}\s?[A-Za-z]{2}[\s,]*\d{1,5}(?:\s?[A-Za-z])?(?![0-9A-Za-z])"
)
_STRAAT_HUISNUMMER = re.compile(
    r"[^\W\d_]{2,}(?:straat|laan|weg|plein|kade|gracht|singel|dreef|hof|pad|dijk|park)"
    r"\s*\d{1,5}",
    re.IGNORECASE,
)
_DATUM_DMJ = re.compile(r"(?<![0-9A-Za-z])(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})(?![0-9A-Za-z])")
_DATUM_JMD = re.compile(r"(?<![0-9A-Za-z])(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})(?![0-9A-Za-z])")
_NAAMDEEL = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]*)*\.?")


def _telefoon(reeks: str) -> bool:
    cijfers = re.sub(r"\D", "", reeks)
    if reeks.startswith("+") or cijfers.startswith("00"):
        cijfers = cijfers[2:] if cijfers.startswith("00") else cijfers
        return cijfers.startswith("31") and len(cijfers) in (10, 11)
    return len(cijfers) == 10 and cijfers[0] == "0" and cijfers[1] != "0"


def _geboortedatum(jaar: str, maand: str, dag: str, vandaag: dt.date | None = None) -> bool:
    """A real date in a year someone in a re-integration traject can be born in."""
    try:
        d = dt.date(int(jaar), int(maand), int(dag))
    except ValueError:
        return False
    return 1900 <= d.year <= (vandaag or dt.date.today()).year - 14


def _naam(waarde: str) -> bool:
    """Letters only (no digit): two or more words ('Jan de Vries', 'Vries, J. de'), or one
    capitalised word ('Jansen'). A pseudonym carries a digit or is a lower-case code."""
    if any(ch.isdigit() for ch in waarde) or not any(ch.isalpha() for ch in waarde):
        return False
    woorden = [w for w in re.split(r"[\s,]+", waarde.strip()) if w]
    if not all(_NAAMDEEL.fullmatch(w) for w in woorden):
        return False
    if len(woorden) >= 2:
        return True
    w = woorden[0]
    return w[0].isupper() and any(ch.islower() for ch in w[1:])


def persoonsgegeven(waarde: str) -> str | None:
    """What ``waarde`` (a client_pseudoniem) looks like when it is not a pseudonym: 'een
    e-mailadres', 'een telefoonnummer', 'een postcode met huisnummer', 'een adres', 'een
    geboortedatum' or 'een naam'; None for a pseudonym. The value itself is never repeated."""
    if _EMAIL.search(waarde):
        return "een e-mailadres"
    if _POSTCODE_HUISNUMMER.search(waarde):
        return "een postcode met huisnummer"
    if _STRAAT_HUISNUMMER.search(waarde):
        return "een adres"
    if any(_geboortedatum(j, m, d) for d, m, j in _DATUM_DMJ.findall(waarde)) or any(
        _geboortedatum(j, m, d) for j, m, d in _DATUM_JMD.findall(waarde)
    ):
        return "een geboortedatum"
    if any(_telefoon(r) for r in _NUMMERREEKS.findall(waarde)):
        return "een telefoonnummer"
    if _naam(waarde):
        return "een naam"
    return None


# --------------------------------------------------------------- reading files (streamed)

Voortgang = Callable[[float], None]
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLOK = 1 << 20  # bytes per read while checking the encoding


class _Onleesbaar(ValueError):
    """The file is not a readable CSV or Excel file (message in Dutch)."""


def _stroom(data: bytes | BinaryIO) -> BinaryIO:
    """A seekable binary stream over the upload (bytes, or the uploaded file itself: not copied)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return io.BytesIO(data)
    data.seek(0)
    return data


def grootte(data: bytes | BinaryIO) -> int:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return len(data)
    positie = data.tell()
    data.seek(0, io.SEEK_END)
    n = data.tell()
    data.seek(positie)
    return n


def sha256(data: bytes | BinaryIO) -> str:
    """The SHA-256 of the upload, read in blocks."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return hashlib.sha256(data).hexdigest()
    h = hashlib.sha256()
    stroom = _stroom(data)
    while blok := stroom.read(_BLOK):
        h.update(blok)
    stroom.seek(0)
    return h.hexdigest()


def _codering(stroom: BinaryIO) -> str:
    """utf-8 (with or without BOM) or cp1252, checked block by block over the whole file."""
    for codering in ("utf-8-sig", "cp1252"):
        stroom.seek(0)
        decoder = codecs.getincrementaldecoder(codering)()
        try:
            while blok := stroom.read(_BLOK):
                if _STUURTEKENS.search(decoder.decode(blok)):
                    raise _Onleesbaar("geen leesbaar CSV- of Excel-bestand (.xlsx): het bevat binaire gegevens")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return codering
    raise _Onleesbaar("geen leesbaar CSV- of Excel-bestand (.xlsx): de tekens zijn geen UTF-8 of Windows-1252")


def _csv_rijen(stroom: BinaryIO, voortgang: Voortgang | None) -> Iterator[list]:
    codering = _codering(stroom)
    totaal = grootte(stroom)
    stroom.seek(0)
    tekst = io.TextIOWrapper(stroom, encoding=codering, newline="")
    try:
        first = tekst.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        tekst.seek(0)
        for n, row in enumerate(csv.reader(tekst, delimiter=delimiter), start=1):
            if voortgang is not None and totaal and n % 2000 == 0:
                voortgang(min(1.0, stroom.tell() / totaal))
            yield row
    except csv.Error:
        raise _Onleesbaar("geen leesbaar CSV- of Excel-bestand (.xlsx)") from None
    finally:
        tekst.detach()  # the upload stays open for the caller


def _is_xlsx(stroom: BinaryIO) -> bool:
    stroom.seek(0)
    begin = stroom.read(4)
    stroom.seek(0)
    return begin == b"PK\x03\x04" or zipfile.is_zipfile(stroom)


def lees_bestand(
    bestandsnaam: str, data: bytes | BinaryIO, voortgang: Voortgang | None = None
) -> tuple[list[str], Iterator[tuple[int, list]]] | Problem:
    """Header and the (line number, cells) of a CSV or Excel file, one row at a time, or a
    Problem saying why not. Reading a row may raise ``_Onleesbaar`` or
    ``werkmap.FormuleZonderWaarde`` (``parse`` reports both).

    The content decides, not the name: an xlsx file is a zip archive."""
    if grootte(data) > limieten.BESTAND_MAX:
        return Problem(bestandsnaam, None, "bestandsgrootte", f"het bestand is groter dan {limieten.BESTAND_MB} MB")
    stroom = _stroom(data)
    try:
        if _is_xlsx(stroom):
            alle = werkmap.rijen(stroom, voortgang=voortgang)
        else:
            alle = _csv_rijen(stroom, voortgang)
        kop = next(alle, None)
    except werkmap.FormuleZonderWaarde as exc:
        return Problem(bestandsnaam, exc.eerste_rij, "formule zonder waarde", str(exc))
    except _Onleesbaar as exc:
        return Problem(bestandsnaam, None, "bestandsformaat", str(exc))
    except Exception:  # noqa: BLE001 - any reader error means: not a readable CSV/Excel file
        return Problem(bestandsnaam, None, "bestandsformaat", "geen leesbaar CSV- of Excel-bestand (.xlsx)")
    if kop is None or not any(c is not None and str(c).strip() for c in kop):
        return Problem(bestandsnaam, None, "bestandsformaat", "het bestand is leeg of heeft geen kopregel")
    header = ["" if c is None else str(c).strip() for c in kop]
    numbered = ((n, r) for n, r in enumerate(alle, start=2) if any(c is not None and str(c).strip() for c in r))
    return header, numbered


def _rijen(nrs: Iterable[int]) -> str:
    nrs = sorted(set(nrs))
    shown = ", ".join(str(n) for n in nrs[:20])
    return ("rij " if len(nrs) == 1 else "rijen ") + shown + (f" en nog {len(nrs) - 20}" if len(nrs) > 20 else "")


def _datum(value) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return loader._convert("date", str(value))


def _gemeenten(engine: Engine) -> dict[str, str]:
    """Accepted gemeente spellings -> CBS code: the members of the IJmond regio, by code or name."""
    g, leden = models.DATASET_TABLES["gebieden"], models.DATASET_TABLES["gebied_leden"]
    stmt = sa.select(g.c.code, g.c.naam).join(leden, leden.c.gemeente == g.c.code).where(leden.c.regio == "IJMOND")
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    out = {}
    for code, naam in rows:
        out[code.lower()] = code
        out[naam.lower()] = code
    return out


def parse(
    bestandsnaam: str,
    data: bytes | BinaryIO,
    gemeenten: dict[str, str],
    voortgang: Voortgang | None = None,
    vandaag: dt.date | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed events from a file, and every problem found in it (file-level and per row).

    The file is read once, row by row (``voortgang(fraction)`` now and then); a file with more
    than ``limieten.TRAJECT_RIJEN_MAX`` rows is refused as soon as that is known."""
    leeg = pd.DataFrame(columns=[*KOLOMMEN, ROW])
    read = lees_bestand(bestandsnaam, data, voortgang)
    if isinstance(read, Problem):
        return leeg, [read]
    header, rows = read
    problems: list[Problem] = []
    p = lambda rij, regel, melding: problems.append(Problem(bestandsnaam, rij, regel, melding))  # noqa: E731

    # personal data first: a BSN anywhere, or a name column, refuses the file whatever else is in it
    naamkolommen = [h for h in header if lijkt_naamkolom(h)]
    if naamkolommen:
        p(
            None,
            "persoonsgegevens",
            "de kolom(men) "
            + ", ".join(f"'{h}'" for h in naamkolommen)
            + " lijken namen te bevatten; lever alleen gepseudonimiseerde gegevens aan",
        )
    if any(lijkt_bsn(h) for h in header):
        p(1, "persoonsgegevens", "de kopregel bevat iets dat op een BSN lijkt")

    kopnamen = [h.lower() for h in header]
    missing = [k for k in KOLOMMEN if k not in kopnamen and (k in VERPLICHT or k == "einddatum")]
    unknown = [h for h in header if h and h.lower() not in KOLOMMEN and h not in naamkolommen]
    if missing:
        p(None, "kolommen", "ontbrekende kolom(men): " + ", ".join(missing))
    if unknown:
        p(
            None,
            "kolommen",
            "onbekende kolom(men): " + ", ".join(f"'{h}'" for h in unknown) + "; verwacht: " + ", ".join(KOLOMMEN),
        )
    alleen_bsn = bool(missing or problems)  # the rows are only searched for BSNs then

    pos = {k: kopnamen.index(k) for k in KOLOMMEN if k in kopnamen}
    fasen = {f.lower(): f for f in catalog.FASEN}
    eerste, laatste = limieten.EERSTE_DATUM, limieten.laatste_datum(vandaag)
    bsn_rijen: dict[str, list[int]] = {}
    per_regel: dict[tuple[str, str], list[int]] = {}
    records = []
    aantal = 0
    try:
        for n, cells in rows:
            aantal += 1
            if aantal > limieten.TRAJECT_RIJEN_MAX:
                return leeg, [
                    Problem(
                        bestandsnaam,
                        None,
                        "bestandsgrootte",
                        f"het bestand heeft meer dan {getal(limieten.TRAJECT_RIJEN_MAX)} rijen; "
                        "splits het in kleinere bestanden",
                    )
                ]
            for i, cell in enumerate(cells):
                if lijkt_bsn(cell):
                    kolom = header[i] if i < len(header) and header[i] else f"kolom {i + 1}"
                    bsn_rijen.setdefault(kolom, []).append(n)
            if alleen_bsn:
                continue
            records.append(_event(n, cells, len(header), pos, fasen, gemeenten, eerste, laatste, per_regel))
    except werkmap.FormuleZonderWaarde as exc:
        return leeg, [Problem(bestandsnaam, exc.eerste_rij, "formule zonder waarde", str(exc))]
    except _Onleesbaar as exc:
        return leeg, [Problem(bestandsnaam, None, "bestandsformaat", str(exc))]
    for kolom, nrs in bsn_rijen.items():
        p(
            min(nrs),
            "persoonsgegevens",
            f"{_rijen(nrs)}: kolom '{kolom}' bevat een getal van 9 cijfers dat de elfproef doorstaat "
            "(mogelijk een BSN); lever alleen gepseudonimiseerde gegevens aan",
        )
    if alleen_bsn:
        return leeg, problems
    for (regel, melding), nrs in per_regel.items():
        p(min(nrs), regel, f"{_rijen(nrs)}: {melding}")
    cols = ["client_pseudoniem", "gebied", "fase", "startdatum", "einddatum", "uitstroomreden", ROW]
    return pd.DataFrame.from_records(records, columns=cols), problems


def _event(
    n: int,
    cells: list,
    breedte: int,
    pos: dict[str, int],
    fasen: dict[str, str],
    gemeenten: dict[str, str],
    eerste: dt.date,
    laatste: dt.date,
    per_regel: dict[tuple[str, str], list[int]],
) -> dict:
    """One typed event from the cells of line ``n``; its problems go into ``per_regel``
    ((rule, message) -> line numbers), so one message names every line it applies to."""
    cells = list(cells) + [None] * (breedte - len(cells))
    get = lambda k: cells[pos[k]] if k in pos else None  # noqa: E731
    fout = lambda regel, melding: per_regel.setdefault((regel, melding), []).append(n)  # noqa: E731
    rec = {ROW: n}
    pseudo = get("client_pseudoniem")
    rec["client_pseudoniem"] = None if pseudo is None else str(pseudo).strip()
    if not rec["client_pseudoniem"]:
        fout("verplicht", "client_pseudoniem is leeg")
    elif len(rec["client_pseudoniem"]) > limieten.PSEUDONIEM_MAX:
        fout("type", f"client_pseudoniem is langer dan {limieten.PSEUDONIEM_MAX} tekens")
    elif wat := persoonsgegeven(rec["client_pseudoniem"]):
        fout(
            "persoonsgegevens",
            f"client_pseudoniem lijkt {wat} te bevatten; lever alleen pseudoniemen aan "
            "(zoals p-001 of een hashwaarde), geen persoonsgegevens",
        )
    elif grens := limieten.kolom_probleem("str", "client_pseudoniem", rec["client_pseudoniem"]):
        fout(validation.GRENS, grens)
    gem = "" if get("gemeente") is None else str(get("gemeente")).strip()
    rec["gebied"] = gemeenten.get(gem.lower())
    if rec["gebied"] is None:
        fout(
            "onbekende gemeente",
            "onbekende gemeente (gebruik de CBS-code of de naam: "
            + ", ".join(sorted({v for v in gemeenten.values()}))
            + ")",
        )
    fase = "" if get("fase") is None else re.sub(r"\s+", " ", str(get("fase")).strip())
    rec["fase"] = fasen.get(fase.lower())
    if rec["fase"] is None:
        fout("onbekende fase", "onbekende fase (toegestaan: " + "; ".join(catalog.FASEN) + ")")
    for k in ("startdatum", "einddatum"):
        try:
            rec[k] = _datum(get(k))
        except ValueError:
            rec[k] = None
            fout("type", f"{k} is geen geldige datum (verwacht DD-MM-JJJJ of JJJJ-MM-DD)")
        if rec[k] is not None and not eerste <= rec[k] <= laatste:
            fout("datum buiten bereik", f"{k} ligt niet tussen {datum(eerste)} en {datum(laatste)}")
            rec[k] = None
    if rec["startdatum"] is None and get("startdatum") in (None, ""):
        fout("verplicht", "startdatum is leeg")
    reden = get("uitstroomreden")
    reden = None if reden is None or not str(reden).strip() else str(reden).strip().lower().replace(" ", "_")
    rec["uitstroomreden"] = reden
    if reden is not None and reden not in UITSTROOMREDENEN:
        fout("onbekende uitstroomreden", "onbekende uitstroomreden (toegestaan: " + ", ".join(UITSTROOMREDENEN) + ")")
    if rec["startdatum"] and rec["einddatum"] and rec["einddatum"] < rec["startdatum"]:
        fout("einddatum voor startdatum", "de einddatum ligt vóór de startdatum")
    if reden is not None and rec["einddatum"] is None and get("einddatum") in (None, ""):
        fout("uitstroomreden", "een uitstroomreden hoort bij een afgesloten fase (einddatum ontbreekt)")
    return rec


def _bestaande(conn: Connection, clients: list[str]) -> pd.DataFrame:
    t = models.trajectevent
    frames = []
    for i in range(0, len(clients), 500):
        chunk = clients[i : i + 500]
        stmt = sa.select(t.c.client_pseudoniem, t.c.fase, t.c.startdatum, t.c.einddatum, t.c.uitstroomreden).where(
            t.c.client_pseudoniem.in_(chunk), t.c.synthetisch.is_(False)
        )
        frames.append(
            pd.DataFrame(
                conn.execute(stmt).all(),
                columns=["client_pseudoniem", "fase", "startdatum", "einddatum", "uitstroomreden"],
            )
        )
    if not frames:
        return pd.DataFrame(columns=["client_pseudoniem", "fase", "startdatum", "einddatum", "uitstroomreden", ROW])
    out = pd.concat(frames, ignore_index=True)
    out[ROW] = None
    return out


def controleer_volgorde(df: pd.DataFrame, bestandsnaam: str, bestaand: pd.DataFrame | None = None) -> list[Problem]:
    """Overlapping fasen of one client.

    Two fasen overlap when the later one starts before the earlier one ends, when the earlier one
    has no einddatum (it still runs), or when both start on the same day. A handover on the same
    day (einddatum = next startdatum) is fine. ``bestaand`` are the client's fasen in the store
    (row number None). An uitstroomreden may stand on any fase that has ended: a client who
    left can come back later (``queries.fase_overgangen`` counts that as instroom)."""
    frames = [df[["client_pseudoniem", "fase", "startdatum", "einddatum", "uitstroomreden", ROW]]]
    if bestaand is not None and len(bestaand):
        frames.append(bestaand[["client_pseudoniem", "fase", "startdatum", "einddatum", "uitstroomreden", ROW]])
    allen = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    allen = allen[allen["startdatum"].notna() & allen["client_pseudoniem"].notna()]
    allen = allen[allen["client_pseudoniem"].duplicated(keep=False)]  # a client with one fase cannot overlap
    problems: list[Problem] = []
    overlap: list[str] = []
    overlap_rijen: list[int] = []
    for _, g in allen.sort_values(["client_pseudoniem", "startdatum"], kind="stable").groupby(
        "client_pseudoniem", sort=False
    ):
        if len(g) < 2:
            continue
        recs = g.to_dict("records")
        for a, b in zip(recs, recs[1:], strict=False):
            if (
                a["startdatum"] == b["startdatum"]
                or a["einddatum"] is None
                or pd.isna(a["einddatum"])
                or b["startdatum"] < a["einddatum"]
            ):
                ra, rb = a[ROW], b[ROW]
                if ra is None and rb is None:
                    continue
                nrs = [r for r in (ra, rb) if r is not None and not pd.isna(r)]
                overlap_rijen += nrs
                if len(nrs) == 2:
                    overlap.append(f"rij {int(nrs[0])} en rij {int(nrs[1])}")
                else:
                    overlap.append(f"rij {int(nrs[0])} en een al opgeslagen fase")
    if overlap:
        shown = "; ".join(overlap[:20]) + (f" (en nog {len(overlap) - 20})" if len(overlap) > 20 else "")
        problems.append(
            Problem(
                bestandsnaam,
                int(min(overlap_rijen)),
                "overlappende fasen",
                f"fasen van dezelfde cliënt overlappen: {shown}",
            )
        )
    return problems


SCHRIJF_CHUNK = 5_000  # events per INSERT: the write reports its progress per chunk


def importeer(
    engine: Engine,
    bestandsnaam: str,
    data: bytes | BinaryIO,
    gebruiker: str = "onbekend",
    voortgang: Callable[[float, str], None] | None = None,
    events: pd.DataFrame | None = None,
) -> int:
    """Check a file and write all its events in one transaction; the number of rows written.

    Everything is one transaction: the ``import_batch`` row, the events (in chunks, so
    ``voortgang(fraction, text)`` can report) and their neighbours (``buren_bijwerken``); a
    failure at any point leaves the store as it was. Raises ``ValidationFailed`` (nothing
    written) with every problem found. ``events``: what ``parse`` made of exactly this file
    (the preview's), so the file is not read a second time."""
    meld = voortgang or (lambda _f, _t: None)
    if events is not None:
        df, problems = events, []
    else:
        df, problems = parse(bestandsnaam, data, _gemeenten(engine), lambda f: meld(0.4 * f, "Bestand lezen"))
    if df.empty and not problems:
        problems.append(Problem(bestandsnaam, None, "bestandsformaat", "het bestand bevat geen rijen"))
    if df.empty:
        raise ValidationFailed(problems)
    with engine.begin() as conn:
        # the store's write lock (a row lock on the version) before reading the stored events: a
        # concurrent import of the same clients then waits, and sees this one's events in its
        # overlap check and its neighbours (a refused file rolls the bump back)
        db.wacht_hoogstens(conn)
        loader.bump_version(conn)
        clients = sorted(c for c in df["client_pseudoniem"].unique() if c)
        problems += controleer_volgorde(df, bestandsnaam, _bestaande(conn, clients))
        if problems:
            raise ValidationFailed(problems)  # leaves the transaction before anything was written
        batch_id = conn.execute(
            models.import_batch.insert()
            .values(
                dataset=DATASET,
                bestandsnaam=bestandsnaam[:300],
                sha256=sha256(data),
                gebruiker=gebruiker[:300],
                tijdstip=dt.datetime.now(dt.UTC),
                rijen_toegevoegd=len(df),
            )
            .returning(models.import_batch.c.id)
        ).scalar_one()
        cols = ["client_pseudoniem", "gebied", "fase", "startdatum", "einddatum", "uitstroomreden"]
        for begin in range(0, len(df), SCHRIJF_CHUNK):
            deel = df.iloc[begin : begin + SCHRIJF_CHUNK]
            rows = [
                {
                    **{c: None if pd.isna(r[c]) else r[c] for c in cols},
                    "synthetisch": False,
                    "import_batch_id": batch_id,
                }
                for r in deel.to_dict("records")  # pandas may hold a missing value as NaN: store NULL
            ]
            conn.execute(models.trajectevent.insert(), rows)
            meld(0.4 + 0.5 * min(1.0, (begin + len(deel)) / len(df)), "Trajecten opslaan")
        # the file's clients may have stored events: their neighbours change too
        meld(0.9, "Fase-overgangen bijwerken")
        buren_bijwerken(conn, False, clients)
    meld(1.0, "Klaar")
    return len(df)


# --------------------------------------------------------------- neighbours (write path)

BUREN_CHUNK = 500  # clients per statement: well below every backend's limit on bound parameters


def _buren_update(synthetisch: bool, clients: list[str] | None):
    """UPDATE ... FROM a window over the clients' events that writes only rows whose
    neighbours changed (so a small import touches a few rows, not every event of its clients)."""
    t = models.trajectevent
    window = {"partition_by": t.c.client_pseudoniem, "order_by": (t.c.startdatum, t.c.id)}
    w = sa.select(
        t.c.id,
        sa.func.lag(sa.case((t.c.uitstroomreden.is_(None), 0), else_=1)).over(**window).label("vorige_uit"),
        sa.func.lead(t.c.fase).over(**window).label("volgende_fase"),
        sa.func.lead(t.c.startdatum).over(**window).label("volgende_start"),
    ).where(t.c.synthetisch.is_(bool(synthetisch)))
    if clients is not None:
        w = w.where(t.c.client_pseudoniem.in_(clients))
    w = w.subquery("buren")
    return (
        t.update()
        .where(
            t.c.id == w.c.id,
            sa.or_(*[t.c[c].is_distinct_from(w.c[c]) for c in ("vorige_uit", "volgende_fase", "volgende_start")]),
        )
        .values(vorige_uit=w.c.vorige_uit, volgende_fase=w.c.volgende_fase, volgende_start=w.c.volgende_start)
    )


def buren_bijwerken(conn: Connection, synthetisch: bool, clients: Iterable[str] | None = None) -> int:
    """(Re)compute the stored neighbours of events: ``vorige_uit``, ``volgende_fase``, ``volgende_start``.

    The neighbours of an event are the previous and next event of the same client and the same
    kind (``synthetisch``), in the order (startdatum, id). Call this in the transaction that adds
    or removes events, with the clients concerned (``None``: every client of that kind); it is
    the only place that defines the neighbours (``synthetic.load`` computes the same in pandas
    for its bulk insert, and a test holds the two equal). Returns the number of rows changed."""
    if clients is None:
        return conn.execute(_buren_update(synthetisch, None)).rowcount
    clients = sorted(set(clients))
    n = 0
    for i in range(0, len(clients), BUREN_CHUNK):
        n += conn.execute(_buren_update(synthetisch, clients[i : i + BUREN_CHUNK])).rowcount
    return n


def sjabloon() -> pd.DataFrame:
    """An empty frame with the expected columns (a template for downloading)."""
    return pd.DataFrame(columns=list(KOLOMMEN))


# --------------------------------------------------------------- periods


def halfjaren(eerste: dt.date | None, laatste: dt.date | None) -> list[tuple[dt.date, dt.date]]:
    """Every half year from the one holding ``eerste`` to the one holding ``laatste``."""
    if eerste is None or laatste is None:
        return []
    out = []
    jaar, helft = eerste.year, 0 if eerste.month <= 6 else 1
    while (jaar, helft) <= (laatste.year, 0 if laatste.month <= 6 else 1):
        out.append(
            (dt.date(jaar, 1, 1), dt.date(jaar, 6, 30)) if helft == 0 else (dt.date(jaar, 7, 1), dt.date(jaar, 12, 31))
        )
        jaar, helft = (jaar, 1) if helft == 0 else (jaar + 1, 0)
    return out


# --------------------------------------------------------------- small numbers (AVG)


def klein_label(drempel: int | None = None) -> str:
    return f"< {drempel or settings.kleine_aantallen_drempel()}"


def onderdruk(df: pd.DataFrame, kolom: str = "aantal", drempel: int | None = None) -> pd.DataFrame:
    """A copy in which every count below the threshold is replaced by the text '< N'.

    The result is what may leave the server: tables, downloads and hover texts are built from
    it, never from the exact counts."""
    drempel = drempel or settings.kleine_aantallen_drempel()
    out = df.copy()
    values = out[kolom].astype(object)
    out[kolom] = [klein_label(drempel) if int(v) < drempel else int(v) for v in values]
    out[kolom] = out[kolom].astype(object)
    return out


def overgangen_selectie(
    overgangen: pd.DataFrame, gebied: str | None = None, drempel: int | None = None
) -> pd.DataFrame:
    """The flows of one gemeente (``gebied``) or of all together, with the small-number rule applied.

    Summing over gemeenten happens on the exact counts, before suppression; what comes out
    holds no exact count below the threshold."""
    keys = ["van", "naar", "richting", "reden"]
    df = overgangen if gebied is None else overgangen[overgangen["gebied"] == gebied]
    if df.empty:
        return pd.DataFrame(columns=[*keys, "aantal"])
    agg = df.groupby(keys, as_index=False, dropna=False, sort=False)["aantal"].sum()
    agg["reden"] = agg["reden"].astype(object).where(agg["reden"].notna(), None)
    return onderdruk(agg, "aantal", drempel)
