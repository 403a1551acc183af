"""Sessies: an ordered list of views of the dashboard, each with a note for the presenter.

A view is a deep link: a page (its key in ``ui.PAGES``, e.g. ``scenario``) and the URL settings
of that page (``sc_scenario=Scenario 2``). A sessie is opened with ``?sessie=<naam>`` and walked
through with Vorige/Volgende (ui.py). This module is pure (no Streamlit): reading, writing with
validation (Dutch messages), one transaction per write, and an audit row per change
(``sessie_wijziging``: who, when, what), as imports have ``import_batch``. Every write needs a
beheerder (``gebruiker.mag_beheren``), also when a page forgot to check.

``stappen(engine, naam)`` is the interface for other code (handouts): a sessie's steps as
``Stap`` objects with ``pagina``, ``parameters`` (dict[str, str]), ``notitie`` and ``titel``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ijmond_dash.store import db, models

# Pages a sessie may show (key -> title), in navigation order; the same keys and titles as
# ui.PAGES (tests/unit/test_sessies.py checks it). Not Gegevens beheren (beheerders only) nor
# Sessies itself.
PAGINAS: dict[str, str] = {
    "overzicht": "Overzicht",
    "uitkeringen": "Uitkeringen per gemeente",
    "aanmeldingen": "Aanmeldingen-trend",
    "cijfers": "IJmond Werkt! in cijfers",
    "fasen": "Fasen re-integratie",
    "scenario": "Scenario's herontwerp",
    "bronnen": "Bronnen en datakwaliteit",
}
# URL parameters of the shell and of the sessie itself: never a setting of a step.
SHELL_PARAMETERS = ("sessie", "stap", "presentator", "presentatie", "afdruk")

NAAM_MAX, TITEL_MAX, NOTITIE_MAX, WAARDE_MAX, PARAMETERS_MAX = 50, 200, 2000, 200, 40
_NAAM = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_PARAMETER = re.compile(r"^[a-z][a-z0-9_]*$")
_CONTROLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

STANDAARD = "standaard"  # the sessie the default dataset ships
BESTAND = "sessies.csv"  # in the data folder (settings.data_dir)


class SessieFout(ValueError):
    """A write that was refused; the message is Dutch and says that nothing changed."""


class Gebruiker(Protocol):
    naam: str

    @property
    def mag_beheren(self) -> bool: ...


@dataclass(frozen=True)
class Stap:
    """One view of a sessie."""

    pagina: str  # key of ui.PAGES; the URL path is the page file's stem ('' for the home page)
    parameters: dict[str, str] = field(default_factory=dict)
    notitie: str = ""
    titel: str = ""


@dataclass(frozen=True)
class Sessie:
    naam: str
    titel: str
    stappen: tuple[Stap, ...]


# ---------------------------------------------------------------- validation and parsing


def controleer_naam(naam: str) -> str:
    naam = (naam or "").strip()
    if not naam:
        raise SessieFout("Geef de sessie een naam; er is niets gewijzigd.")
    if len(naam) > NAAM_MAX or not _NAAM.match(naam):
        raise SessieFout(
            f"De naam '{naam[:NAAM_MAX]}' kan niet: gebruik alleen kleine letters, cijfers, - en _ "
            f"(hoogstens {NAAM_MAX} tekens), want de naam staat in de link. Er is niets gewijzigd."
        )
    return naam


def _tekst(waarde: str | None, wat: str, hoogstens: int, verplicht: bool = False) -> str:
    tekst = (waarde or "").strip()
    if verplicht and not tekst:
        raise SessieFout(f"Vul {wat} in; er is niets gewijzigd.")
    if len(tekst) > hoogstens:
        raise SessieFout(
            f"{wat[0].upper()}{wat[1:]} is te lang ({len(tekst)} tekens; hoogstens {hoogstens}). Er is niets gewijzigd."
        )
    if _CONTROLE.search(tekst):
        raise SessieFout(f"{wat[0].upper()}{wat[1:]} bevat een onzichtbaar stuurteken; er is niets gewijzigd.")
    return tekst


def controleer_pagina(pagina: str) -> str:
    if pagina not in PAGINAS:
        raise SessieFout(
            f"Onbekende pagina '{pagina}'. Kies een van: {', '.join(PAGINAS.values())}. Er is niets gewijzigd."
        )
    return pagina


def controleer_parameters(parameters: Mapping[str, str]) -> dict[str, str]:
    """Settings as a page's link carries them: names of lower-case letters, digits and _, values
    of at most WAARDE_MAX characters; not the shell's own parameters."""
    if len(parameters) > PARAMETERS_MAX:
        raise SessieFout(
            f"Te veel instellingen ({len(parameters)}; hoogstens {PARAMETERS_MAX}). Er is niets gewijzigd."
        )
    uit: dict[str, str] = {}
    for naam, waarde in parameters.items():
        naam = str(naam).strip()
        if not _PARAMETER.match(naam) or len(naam) > NAAM_MAX:
            raise SessieFout(
                f"Ongeldige instelling '{naam[:NAAM_MAX]}': een naam bestaat uit kleine letters, "
                "cijfers en _. Er is niets gewijzigd."
            )
        if naam in SHELL_PARAMETERS:
            raise SessieFout(
                f"De instelling '{naam}' hoort niet bij een weergave maar bij de sessie of de "
                "presentatie; laat haar weg. Er is niets gewijzigd."
            )
        waarde = str(waarde)
        if len(waarde) > WAARDE_MAX or _CONTROLE.search(waarde):
            raise SessieFout(f"De waarde van '{naam}' is te lang of bevat een stuurteken. Er is niets gewijzigd.")
        uit[naam] = waarde
    return uit


def parameters_uit_tekst(tekst: str) -> dict[str, str]:
    """'a=1&b=Scenario+2' (a link's query string, with or without '?') -> {'a': '1', 'b': 'Scenario 2'}."""
    tekst = (tekst or "").strip().lstrip("?")
    if not tekst:
        return {}
    try:
        paren = parse_qsl(tekst, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise SessieFout(
            f"De instellingen '{tekst[:100]}' zijn niet te lezen: schrijf ze als in een link, "
            "naam=waarde&naam=waarde. Er is niets gewijzigd."
        ) from None
    uit: dict[str, str] = {}
    for naam, waarde in paren:
        if naam in uit:
            raise SessieFout(f"De instelling '{naam}' staat er twee keer in. Er is niets gewijzigd.")
        uit[naam] = waarde
    return controleer_parameters(uit)


def parameters_als_tekst(parameters: Mapping[str, str]) -> str:
    return urlencode(list(parameters.items()))


def uit_link(link: str) -> tuple[str, dict[str, str]]:
    """A copied link of the dashboard -> (page key, its settings); the view mode and sessie
    parameters are left out. 'http://host/scenario?sc_scenario=Scenario+2' -> ('scenario', {...})."""
    link = (link or "").strip()
    if not link:
        raise SessieFout("Plak een link van het dashboard; er is niets gewijzigd.")
    delen = urlsplit(link)
    stukken = [s for s in delen.path.split("/") if s]
    laatste = stukken[-1] if stukken else ""
    pagina = "overzicht" if laatste in ("", "overzicht") else laatste
    if pagina not in PAGINAS:
        raise SessieFout(
            f"Deze link hoort niet bij een pagina die een sessie kan tonen ('{laatste[:60]}'). Er is niets gewijzigd."
        )
    try:
        paren = parse_qsl(delen.query, keep_blank_values=True)
    except ValueError:
        paren = []
    parameters = {k: v for k, v in paren if k not in SHELL_PARAMETERS}
    return pagina, controleer_parameters(parameters)


def url_pad(pagina: str) -> str:
    """The URL path of a page key ('' for the home page Overzicht)."""
    return "" if pagina == "overzicht" else pagina


# ---------------------------------------------------------------- reading


def _stap(rij) -> Stap:
    return Stap(
        pagina=rij.pagina,
        parameters=dict(parse_qsl(rij.parameters or "", keep_blank_values=True)),
        notitie=rij.notitie or "",
        titel=rij.titel or PAGINAS.get(rij.pagina, rij.pagina),
    )


def _lees(conn: Connection, naam: str) -> Sessie | None:
    s, st_ = models.sessies, models.sessie_stappen
    kop = conn.execute(sa.select(s.c.id, s.c.titel).where(s.c.naam == naam)).one_or_none()
    if kop is None:
        return None
    rijen = conn.execute(sa.select(st_).where(st_.c.sessie_id == kop.id).order_by(st_.c.volgorde, st_.c.id)).all()
    return Sessie(naam, kop.titel, tuple(_stap(r) for r in rijen))


def sessie(engine: Engine, naam: str) -> Sessie | None:
    """The sessie with this name and its steps in order; None when there is none."""
    with engine.connect() as conn:
        return _lees(conn, (naam or "").strip())


def stappen(engine: Engine, naam: str) -> list[Stap]:
    """The interface for other code (handouts): the steps of sessie ``naam`` in order, each with
    ``pagina``, ``parameters`` (dict[str, str]), ``notitie`` and ``titel``; [] when it does not exist."""
    s = sessie(engine, naam)
    return list(s.stappen) if s else []


def lijst(engine: Engine) -> list[Sessie]:
    """Every sessie with its steps, by name."""
    s = models.sessies
    with engine.connect() as conn:
        namen = conn.execute(sa.select(s.c.naam).order_by(s.c.naam)).scalars().all()
        return [x for x in (_lees(conn, n) for n in namen) if x is not None]


def wijzigingen(engine: Engine, hoogstens: int = 200) -> list[dict]:
    """The audit log of the sessies, newest first: tijdstip, gebruiker, sessie, actie, omschrijving."""
    w = models.sessie_wijziging
    with engine.connect() as conn:
        rijen = (
            conn.execute(
                sa.select(w.c.tijdstip, w.c.gebruiker, w.c.sessie, w.c.actie, w.c.omschrijving)
                .order_by(w.c.id.desc())
                .limit(hoogstens)
            )
            .mappings()
            .all()
        )
    return [dict(r) for r in rijen]


# ---------------------------------------------------------------- writing


BEZIG = "De gegevens worden op dit moment door iemand anders gewijzigd; probeer het zo opnieuw."


def _mag(gebruiker: Gebruiker) -> None:
    if not getattr(gebruiker, "mag_beheren", False):
        raise SessieFout("Alleen beheerders kunnen sessies wijzigen; er is niets gewijzigd.")


def _schrijf(engine: Engine, gebruiker: Gebruiker, naam: str, actie: str, werk) -> None:
    """``werk(conn)`` -> omschrijving, then the audit row and a new store version, in one
    transaction; refused (nothing written) when the user is no beheerder or ``werk`` raises."""
    _mag(gebruiker)
    try:
        with engine.begin() as conn:
            db.wacht_hoogstens(conn)
            omschrijving = werk(conn)
            _audit(conn, gebruiker, naam, actie, omschrijving)
            _nieuwe_versie(conn)
    except sa.exc.IntegrityError:
        raise SessieFout(f"Er is al een sessie met de naam '{naam}'; er is niets gewijzigd.") from None
    except sa.exc.OperationalError as exc:
        if db.is_bezet(exc):
            raise SessieFout(f"{BEZIG} Er is niets gewijzigd.") from None
        raise


def _audit(conn: Connection, gebruiker: Gebruiker, naam: str, actie: str, omschrijving: str) -> None:
    conn.execute(
        models.sessie_wijziging.insert().values(
            sessie=naam[:NAAM_MAX],
            actie=actie,
            omschrijving=omschrijving,
            gebruiker=str(gebruiker.naam)[:300],
            tijdstip=dt.datetime.now(dt.UTC),
        )
    )


def _nieuwe_versie(conn: Connection) -> None:
    t = models.store_meta
    if not conn.execute(t.update().where(t.c.sleutel == "versie").values(waarde=t.c.waarde + 1)).rowcount:
        conn.execute(t.insert().values(sleutel="versie", waarde=1))


def _id(conn: Connection, naam: str) -> int:
    s = models.sessies
    sid = conn.execute(sa.select(s.c.id).where(s.c.naam == naam)).scalar()
    if sid is None:
        raise SessieFout(f"De sessie '{naam}' bestaat niet (meer); er is niets gewijzigd.")
    return sid


def _volgorde(conn: Connection, sid: int) -> list[int]:
    t = models.sessie_stappen
    return list(conn.execute(sa.select(t.c.id).where(t.c.sessie_id == sid).order_by(t.c.volgorde, t.c.id)).scalars())


def _nummer(ids: list[int], positie: int) -> int:
    if not 1 <= positie <= len(ids):
        raise SessieFout(f"Stap {positie} bestaat niet (de sessie heeft {len(ids)} stappen); er is niets gewijzigd.")
    return ids[positie - 1]


def _herschrijf_volgorde(conn: Connection, ids: list[int]) -> None:
    t = models.sessie_stappen
    for n, i in enumerate(ids, start=1):
        conn.execute(t.update().where(t.c.id == i).values(volgorde=n))


def _bestaat(conn: Connection, naam: str) -> bool:
    s = models.sessies
    return conn.execute(sa.select(s.c.id).where(s.c.naam == naam)).scalar() is not None


def maak(engine: Engine, gebruiker: Gebruiker, naam: str, titel: str) -> str:
    """A new, empty sessie; returns its name."""
    naam = controleer_naam(naam)
    titel = _tekst(titel, "de titel", TITEL_MAX, verplicht=True)

    def werk(conn):
        if _bestaat(conn, naam):
            raise SessieFout(f"Er is al een sessie met de naam '{naam}'; kies een andere naam. Er is niets gewijzigd.")
        conn.execute(models.sessies.insert().values(naam=naam, titel=titel))
        return f"Sessie '{titel}' aangemaakt"

    _schrijf(engine, gebruiker, naam, "aangemaakt", werk)
    return naam


def hernoem(engine: Engine, gebruiker: Gebruiker, naam: str, nieuwe_naam: str, titel: str) -> str:
    """Change a sessie's name (its link) and title; returns the new name."""
    nieuw = controleer_naam(nieuwe_naam)
    titel = _tekst(titel, "de titel", TITEL_MAX, verplicht=True)

    def werk(conn):
        sid = _id(conn, naam)
        if nieuw != naam and _bestaat(conn, nieuw):
            raise SessieFout(f"Er is al een sessie met de naam '{nieuw}'; kies een andere naam. Er is niets gewijzigd.")
        conn.execute(models.sessies.update().where(models.sessies.c.id == sid).values(naam=nieuw, titel=titel))
        return (
            f"Naam gewijzigd van '{naam}' in '{nieuw}', titel '{titel}'"
            if nieuw != naam
            else f"Titel gewijzigd in '{titel}'"
        )

    _schrijf(engine, gebruiker, nieuw, "gewijzigd", werk)
    return nieuw


def verwijder(engine: Engine, gebruiker: Gebruiker, naam: str) -> None:
    """Remove a sessie and its steps."""

    def werk(conn):
        sid = _id(conn, naam)
        n = len(_volgorde(conn, sid))
        conn.execute(models.sessie_stappen.delete().where(models.sessie_stappen.c.sessie_id == sid))
        conn.execute(models.sessies.delete().where(models.sessies.c.id == sid))
        return f"Sessie verwijderd ({n} stappen)"

    _schrijf(engine, gebruiker, naam, "verwijderd", werk)


def _stap_waarden(pagina: str, parameters: Mapping[str, str] | str, notitie: str, titel: str | None) -> dict:
    pagina = controleer_pagina(pagina)
    params = parameters_uit_tekst(parameters) if isinstance(parameters, str) else controleer_parameters(parameters)
    return {
        "pagina": pagina,
        "parameters": parameters_als_tekst(params),
        "notitie": _tekst(notitie, "de notitie", NOTITIE_MAX),
        "titel": _tekst(titel, "de titel van de stap", TITEL_MAX) or PAGINAS[pagina],
    }


def voeg_stap_toe(
    engine: Engine,
    gebruiker: Gebruiker,
    naam: str,
    pagina: str,
    parameters: Mapping[str, str] | str = "",
    notitie: str = "",
    titel: str | None = None,
) -> int:
    """Add a step at the end; returns its position (1, 2, ...)."""
    waarden = _stap_waarden(pagina, parameters, notitie, titel)
    positie = 0

    def werk(conn):
        nonlocal positie
        sid = _id(conn, naam)
        positie = len(_volgorde(conn, sid)) + 1
        conn.execute(models.sessie_stappen.insert().values(sessie_id=sid, volgorde=positie, **waarden))
        return f"Stap {positie} toegevoegd: {waarden['titel']} ({PAGINAS[waarden['pagina']]})"

    _schrijf(engine, gebruiker, naam, "stap toegevoegd", werk)
    return positie


def wijzig_stap(
    engine: Engine,
    gebruiker: Gebruiker,
    naam: str,
    positie: int,
    pagina: str,
    parameters: Mapping[str, str] | str = "",
    notitie: str = "",
    titel: str | None = None,
) -> None:
    """Change the page, settings, note and title of step ``positie`` (1-based)."""
    waarden = _stap_waarden(pagina, parameters, notitie, titel)

    def werk(conn):
        i = _nummer(_volgorde(conn, _id(conn, naam)), positie)
        conn.execute(models.sessie_stappen.update().where(models.sessie_stappen.c.id == i).values(**waarden))
        return f"Stap {positie} gewijzigd: {waarden['titel']} ({PAGINAS[waarden['pagina']]})"

    _schrijf(engine, gebruiker, naam, "stap gewijzigd", werk)


def verplaats_stap(engine: Engine, gebruiker: Gebruiker, naam: str, positie: int, richting: int) -> int:
    """Move step ``positie`` one place up (-1) or down (+1); returns its new position."""
    if richting not in (-1, 1):
        raise SessieFout("Een stap gaat één plaats omhoog of omlaag; er is niets gewijzigd.")
    nieuw = positie + richting

    def werk(conn):
        ids = _volgorde(conn, _id(conn, naam))
        i = _nummer(ids, positie)
        if not 1 <= nieuw <= len(ids):
            raise SessieFout(
                f"Stap {positie} staat al {'bovenaan' if richting < 0 else 'onderaan'}; er is niets gewijzigd."
            )
        ids[positie - 1], ids[nieuw - 1] = ids[nieuw - 1], i
        _herschrijf_volgorde(conn, ids)
        return f"Stap {positie} verplaatst naar plaats {nieuw}"

    _schrijf(engine, gebruiker, naam, "volgorde gewijzigd", werk)
    return nieuw


def verwijder_stap(engine: Engine, gebruiker: Gebruiker, naam: str, positie: int) -> None:
    """Remove step ``positie``; the steps after it move up."""

    def werk(conn):
        ids = _volgorde(conn, _id(conn, naam))
        i = _nummer(ids, positie)
        t = models.sessie_stappen
        titel = conn.execute(sa.select(t.c.titel).where(t.c.id == i)).scalar()
        conn.execute(t.delete().where(t.c.id == i))
        _herschrijf_volgorde(conn, [x for x in ids if x != i])
        return f"Stap {positie} verwijderd: {titel}"

    _schrijf(engine, gebruiker, naam, "stap verwijderd", werk)


# ---------------------------------------------------------------- the default dataset


def lees_standaard(data_dir: Path) -> list[Sessie]:
    """The sessies of the default dataset (data/sessies.csv), validated as any write is."""
    pad = data_dir / BESTAND
    if not pad.exists():
        return []
    per_naam: dict[str, tuple[str, list[tuple[int, Stap]]]] = {}
    with pad.open(encoding="utf-8", newline="") as f:
        for n, rij in enumerate(csv.DictReader(f), start=2):
            try:
                naam = controleer_naam(rij["sessie"])
                w = _stap_waarden(rij["pagina"], rij["parameters"], rij["notitie"], rij["titel"])
                titel = _tekst(rij["sessie_titel"], "de titel", TITEL_MAX, verplicht=True)
                volgorde = int(rij["stap"])
            except (SessieFout, KeyError, ValueError) as exc:
                raise SessieFout(f"{BESTAND}, rij {n}: {exc}") from None
            stap = Stap(w["pagina"], dict(parse_qsl(w["parameters"])), w["notitie"], w["titel"])
            per_naam.setdefault(naam, (titel, []))[1].append((volgorde, stap))
    return [
        Sessie(naam, titel, tuple(s for _, s in sorted(rijen, key=lambda x: x[0])))
        for naam, (titel, rijen) in per_naam.items()
    ]


def schrijf_standaard(conn: Connection, sessies_: list[Sessie]) -> None:
    """Insert the default sessies (in the default dataset's load transaction; no audit row: nobody
    changed them)."""
    for s in sessies_:
        sid = conn.execute(
            models.sessies.insert().values(naam=s.naam, titel=s.titel).returning(models.sessies.c.id)
        ).scalar_one()
        if s.stappen:
            conn.execute(
                models.sessie_stappen.insert(),
                [
                    {
                        "sessie_id": sid,
                        "volgorde": n,
                        "pagina": st_.pagina,
                        "parameters": parameters_als_tekst(st_.parameters),
                        "notitie": st_.notitie,
                        "titel": st_.titel,
                    }
                    for n, st_ in enumerate(s.stappen, start=1)
                ],
            )


def instellingen_leesbaar(parameters: Mapping[str, str]) -> str:
    """A step's settings as a person reads them: the values only ('Scenario 2'), or 'standaard'."""
    return ", ".join(v for v in parameters.values() if v) or "standaardinstellingen"


def instellingen_als_tekst(parameters: Mapping[str, str]) -> str:
    """A step's settings for the edit field, as in a link but with spaces ('sc_scenario=Scenario 2')."""
    return urlencode(list(parameters.items()), quote_via=quote, safe=" ")
