"""All SQL of the app. Every function takes an engine, binds its parameters and returns a
DataFrame (or a plain value). Pages never build SQL; ``ui`` caches these functions.

Sections per page keep the module easy to scan; the generic readers come first.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ijmond_dash.store import catalog, models, sessies

T = models.DATASET_TABLES


def _frame(engine: Engine, stmt) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


# ---------------------------------------------------------------- generic


def lezer(engine: Engine):
    """``lees(fn_name, *args, **kwargs)``: runs ``queries.<fn_name>`` on ``engine``. What
    ``ui.berekend`` gives a derived function, uncached, for tests and the benchmark."""

    def lees(fn_name: str, *args, **kwargs):
        return globals()[fn_name](engine, *args, **kwargs)

    return lees


def dataset(engine: Engine, name: str) -> pd.DataFrame:
    """A whole dataset with exactly the catalog's columns, ordered by its key."""
    ds = catalog.dataset(name)
    t = T[name]
    stmt = sa.select(*[t.c[c] for c in ds.column_names]).order_by(*[t.c[c] for c in ds.key])
    return _frame(engine, stmt)


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for name, t in T.items()}


def gebieden(engine: Engine) -> pd.DataFrame:
    return dataset(engine, "gebieden")


def gebied_namen(engine: Engine) -> dict[str, str]:
    df = gebieden(engine)
    return dict(zip(df["code"], df["naam"], strict=True))


def bronnen(engine: Engine) -> pd.DataFrame:
    """Every bron code with its document as a person reads it: the bronnen columns (code,
    document = file name, tabel, toelichting) and the document's titel, jaar and datum."""
    b, d = T["bronnen"], T["documenten"]
    stmt = (
        sa.select(b.c.code, b.c.document, b.c.tabel, b.c.toelichting, d.c.titel, d.c.jaar, d.c.datum)
        .join(d, d.c.bestand == b.c.document)
        .order_by(b.c.code)
    )
    return _frame(engine, stmt)


def documenten(engine: Engine) -> pd.DataFrame:
    """The source documents: file name (provenance), titel, soort, organisatie, jaar, datum, datering."""
    return dataset(engine, "documenten")


def datakwaliteit(engine: Engine) -> pd.DataFrame:
    """Notes from the sources (curated) and differences found while loading (computed)."""
    t, b = T["datakwaliteit"], models.datakwaliteit_berekend
    handmatig = sa.select(
        t.c.dataset,
        sa.literal("bronnotitie").label("soort"),
        t.c.omschrijving,
        sa.cast(sa.null(), sa.BigInteger).label("verschil"),
        t.c.bron,
    )
    berekend = sa.select(
        b.c.dataset,
        sa.literal("berekend bij laden").label("soort"),
        b.c.omschrijving,
        b.c.verschil,
        b.c.bron,
    )
    u = sa.union_all(handmatig, berekend).subquery()
    return _frame(engine, sa.select(u).order_by(u.c.dataset, u.c.soort, u.c.omschrijving))


# ---------------------------------------------------------------- overzicht


def uitkeringen(engine: Engine, definitie: str | None = None) -> pd.DataFrame:
    """Uitkeringen per peildatum and gebied, with the gebied name and soort."""
    t, g = T["uitkeringen"], T["gebieden"]
    stmt = (
        sa.select(t.c.peildatum, t.c.gebied, g.c.naam, g.c.soort, t.c.definitie, t.c.aantal, t.c.bron)
        .join(g, g.c.code == t.c.gebied)
        .order_by(t.c.peildatum, t.c.gebied)
    )
    if definitie:
        stmt = stmt.where(t.c.definitie == definitie)
    return _frame(engine, stmt)


def participanten(engine: Engine) -> pd.DataFrame:
    return dataset(engine, "participanten")


def per_gebied(engine: Engine, name: str) -> pd.DataFrame:
    """A dataset with a ``gebied`` column, joined to the gebied name and soort."""
    ds = catalog.dataset(name)
    t, g = T[name], T["gebieden"]
    stmt = (
        sa.select(*[t.c[c] for c in ds.column_names], g.c.naam, g.c.soort.label("gebied_soort"))
        .join(g, g.c.code == t.c.gebied)
        .order_by(*[t.c[c] for c in ds.key])
    )
    return _frame(engine, stmt)


def frictiekosten(engine: Engine) -> pd.DataFrame:
    t, s = T["frictiekosten"], T["scenarios"]
    stmt = (
        sa.select(
            t.c.scenario,
            s.c.naam.label("scenario_naam"),
            t.c.gebied,
            t.c.jaar,
            t.c.bedrag,
            t.c.benadering,
            t.c.omschrijving,
            t.c.bron,
        )
        .join(s, s.c.nr == t.c.scenario)
        .order_by(t.c.scenario, t.c.gebied, t.c.jaar)
    )
    return _frame(engine, stmt)


# ---------------------------------------------------------------- uitkeringen en aanmeldingen


def inwoners(engine: Engine) -> pd.DataFrame:
    """Inwoners per gebied on the peildata the documents give (not every year is known)."""
    return per_gebied(engine, "inwoners")


def regio_leden(engine: Engine) -> pd.DataFrame:
    """Which gemeenten make up a regio (columns regio, gemeente)."""
    return dataset(engine, "gebied_leden")


def uitsplitsing(engine: Engine, dimensie: str | None = None) -> pd.DataFrame:
    """Uitkeringen medio 2024 by leeftijd or duur, per gebied with its name, in category order."""
    t, g = T["uitsplitsing"], T["gebieden"]
    stmt = (
        sa.select(t.c.peildatum, t.c.gebied, g.c.naam, t.c.dimensie, t.c.categorie, t.c.volgorde, t.c.aantal, t.c.bron)
        .join(g, g.c.code == t.c.gebied)
        .order_by(t.c.peildatum, t.c.gebied, t.c.dimensie, t.c.volgorde)
    )
    if dimensie:
        stmt = stmt.where(t.c.dimensie == dimensie)
    return _frame(engine, stmt)


def kengetal(engine: Engine, code: str) -> pd.DataFrame:
    """One row of the kengetallen (empty when the code is unknown)."""
    t = T["kengetallen"]
    ds = catalog.dataset("kengetallen")
    stmt = sa.select(*[t.c[c] for c in ds.column_names]).where(t.c.code == code)
    return _frame(engine, stmt)


# ---------------------------------------------------------------- cijfers (IJmond Werkt! in cijfers)


def cijfers_reeks(engine: Engine, name: str) -> pd.DataFrame:
    """A period or peildatum dataset of the rapportage, every period in the store, with gebied names
    where the dataset has a gebied. The page derives its periods from these rows."""
    if name not in ("wsp", "uitstroom", "ziekteverzuim", "financien", "wsw_beschut", "beschut_dienstverbanden"):
        raise KeyError(f"Geen dataset van de pagina 'in cijfers': {name}")
    if "gebied" in catalog.dataset(name).column_names:
        return per_gebied(engine, name)
    return dataset(engine, name)


def cijfers_kengetallen(engine: Engine, prefixen: tuple[str, ...]) -> pd.DataFrame:
    """Kengetallen whose code starts with one of ``prefixen`` (bound LIKE patterns), ordered by code."""
    t = T["kengetallen"]
    ds = catalog.dataset("kengetallen")
    if not prefixen:
        return pd.DataFrame(columns=ds.column_names)
    escaped = [p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for p in prefixen]
    stmt = (
        sa.select(*[t.c[c] for c in ds.column_names])
        .where(sa.or_(*[t.c.code.like(e, escape="\\") for e in escaped]))
        .order_by(t.c.code)
    )
    return _frame(engine, stmt)


def cijfers_notities(engine: Engine, name: str) -> pd.DataFrame:
    """The data-quality notes (from the sources and computed while loading) of one dataset."""
    notes = datakwaliteit(engine)
    return notes[notes["dataset"] == name].reset_index(drop=True)


# ---------------------------------------------------------------- beheer (imports)


def import_log(engine: Engine) -> pd.DataFrame:
    """Every import, newest first: who, when, file, SHA-256, rows added/changed, undone."""
    b = models.import_batch
    stmt = sa.select(
        b.c.id,
        b.c.tijdstip,
        b.c.gebruiker,
        b.c.dataset,
        b.c.bestandsnaam,
        b.c.sha256,
        b.c.rijen_toegevoegd,
        b.c.rijen_gewijzigd,
        b.c.ongedaan_gemaakt_op,
        b.c.ongedaan_gemaakt_door,
    ).order_by(b.c.id.desc())
    return _frame(engine, stmt)


# ---------------------------------------------------------------- fasen (stroomdiagrammen)


def _fase_volgorde(col):
    """The position of a fase in the fixed order of catalog.FASEN (Totaal and others last)."""
    return sa.case({f: i for i, f in enumerate(catalog.FASEN)}, value=col, else_=len(catalog.FASEN))


def fasen_perioden(engine: Engine) -> pd.DataFrame:
    """The reporting periods of the half-year fase table, oldest first."""
    t = T["fasen"]
    stmt = sa.select(t.c.periode_begin, t.c.periode_eind).distinct().order_by(t.c.periode_begin, t.c.periode_eind)
    return _frame(engine, stmt)


def fasen_periode(engine: Engine, naam: str, periode_begin, periode_eind) -> pd.DataFrame:
    """One period of ``fasen`` or ``fasen_uitstroom``, fasen in the fixed order, Totaal last."""
    if naam not in ("fasen", "fasen_uitstroom"):
        raise ValueError(naam)
    ds, t = catalog.dataset(naam), T[naam]
    stmt = (
        sa.select(*[t.c[c] for c in ds.column_names])
        .where(t.c.periode_begin == periode_begin, t.c.periode_eind == periode_eind)
        .order_by(_fase_volgorde(t.c.fase), *[t.c[c] for c in ds.key if c != "fase"])
    )
    return _frame(engine, stmt)


def uitstroom_periode(engine: Engine, periode_begin, periode_eind) -> pd.DataFrame:
    """Uitstroom per gemeente (and the IJmond total) in one period, with the gebied name."""
    t, g = T["uitstroom"], T["gebieden"]
    stmt = (
        sa.select(
            t.c.periode_begin,
            t.c.periode_eind,
            t.c.gebied,
            g.c.naam,
            g.c.soort.label("gebied_soort"),
            t.c.soort,
            t.c.aantal,
            t.c.bron,
        )
        .join(g, g.c.code == t.c.gebied)
        .where(t.c.periode_begin == periode_begin, t.c.periode_eind == periode_eind)
        .order_by(t.c.gebied, t.c.soort)
    )
    return _frame(engine, stmt)


def trajectevent_bereik(engine: Engine) -> pd.DataFrame:
    """Per kind of events (real or synthetic): how many, first startdatum, last date seen."""
    t = models.trajectevent
    stmt = (
        sa.select(
            t.c.synthetisch,
            sa.func.count().label("aantal"),
            sa.func.min(t.c.startdatum).label("eerste"),
            sa.func.max(sa.func.coalesce(t.c.einddatum, t.c.startdatum)).label("laatste"),
        )
        .group_by(t.c.synthetisch)
        .order_by(t.c.synthetisch)
    )
    return _frame(engine, stmt)


def fase_overgangen(engine: Engine, periode_begin, periode_eind, synthetisch: bool = False) -> pd.DataFrame:
    """Flows between fasen in a period, per gemeente, computed in the database.

    Each client's events are in order of startdatum; every event carries its neighbours in that
    order (``vorige_uit``, ``volgende_fase``, ``volgende_start``, written with the events by
    ``trajecten.buren_bijwerken``). That gives three kinds of flow, each counted in the period
    in which it happens:

    - ``instroom`` into a fase that starts in the period and is the client's first fase, or
      follows a fase that ended with uitstroom (a client who comes back);
    - ``uitstroom`` from a fase with an uitstroomreden whose einddatum is in the period, per reason;
    - otherwise a move to the client's next fase, dated at the next fase's startdatum, with
      ``richting`` ``vooruit`` (the next fase in catalog order), ``overgeslagen`` (further
      ahead), ``terug`` (an earlier fase) or ``herhaald`` (the same fase again).

    A flow belongs to the gemeente of the fase it leaves (for instroom: the fase entered).
    Because the window ran when the events were written, the read is one filtered GROUP BY over
    the table, on plain columns (gebied, fase, uitstroomreden, volgende_fase) with a filtered
    count per kind of flow: no window, no sort of the events, few enough groups that Postgres
    picks a (parallel) hash aggregate by itself. Only that small result (a few hundred rows) is
    classified into inflow and outflow rows here.
    Columns: gebied, van, naar, richting, reden, aantal (exact counts: callers apply the
    small-number rule before showing anything).
    """
    t = models.trajectevent
    instroom = sa.and_(
        sa.or_(t.c.vorige_uit.is_(None), t.c.vorige_uit == 1), t.c.startdatum.between(periode_begin, periode_eind)
    )
    uit = sa.and_(t.c.uitstroomreden.is_not(None), t.c.einddatum.between(periode_begin, periode_eind))
    door = sa.and_(t.c.uitstroomreden.is_(None), t.c.volgende_start.between(periode_begin, periode_eind))
    g = (
        sa.select(
            t.c.gebied,
            t.c.fase,
            t.c.uitstroomreden,
            t.c.volgende_fase,
            sa.func.count().filter(instroom).label("instroom"),
            sa.func.count().filter(uit).label("uit"),
            sa.func.count().filter(door).label("door"),
        )
        .where(t.c.synthetisch.is_(bool(synthetisch)), sa.or_(instroom, uit, door))
        .group_by(t.c.gebied, t.c.fase, t.c.uitstroomreden, t.c.volgende_fase)
    )
    with engine.connect() as conn:
        rijen = conn.execute(g).all()
    # a few hundred rows: plain Python is far cheaper here than a handful of pandas group-bys
    inn: dict[tuple, int] = {}
    uitstroom: dict[tuple, int] = {}
    doorstroom: dict[tuple, int] = {}
    for gebied, fase, reden, volgende, n_in, n_uit, n_door in rijen:
        if n_in:
            inn[gebied, fase] = inn.get((gebied, fase), 0) + int(n_in)
        if n_uit:
            uitstroom[gebied, fase, reden] = uitstroom.get((gebied, fase, reden), 0) + int(n_uit)
        if n_door:
            doorstroom[gebied, fase, volgende] = doorstroom.get((gebied, fase, volgende), 0) + int(n_door)
    rang = {f: i for i, f in enumerate(catalog.FASEN)}
    onbekend = len(rang)  # unknown fasen last

    def richting(van: str, naar: str) -> str:
        stap = rang.get(naar, onbekend) - rang.get(van, onbekend)
        return "vooruit" if stap == 1 else "overgeslagen" if stap > 1 else "terug" if stap < 0 else "herhaald"

    out = [(gebied, "Instroom", fase, "instroom", None, n) for (gebied, fase), n in inn.items()]
    out += [(gebied, fase, "Uitstroom", "uitstroom", reden, n) for (gebied, fase, reden), n in uitstroom.items()]
    out += [(gebied, van, naar, richting(van, naar), None, n) for (gebied, van, naar), n in doorstroom.items()]
    # the order of sort_values(gebied, richting, van, naar, reden) with a missing reden first
    out.sort(key=lambda r: (r[0], r[3], r[1], r[2], r[4] is not None, r[4] or ""))
    cols = ["gebied", "van", "naar", "richting", "reden", "aantal"]
    if not out:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "aantal" else object) for c in cols})
    kolommen = dict(zip(cols, zip(*out, strict=True), strict=True))
    # names with pandas' own string type, as a frame read from the database has them
    return pd.DataFrame(
        {
            **{c: pd.Series(kolommen[c]) for c in ("gebied", "van", "naar")},
            "richting": pd.Series(kolommen["richting"], dtype=object),
            "reden": pd.Series(kolommen["reden"], dtype=object),
            "aantal": pd.Series(kolommen["aantal"], dtype="int64"),
        }
    )


# ---------------------------------------------------------------- scenario


def verdeelsleutel_aantallen(engine: Engine) -> pd.DataFrame:
    """The counts behind the verdeelsleutels of the scenario page, in one long frame.

    Columns: sleutel (inwoners, uitkeringen, in_traject), peildatum, gebied, naam, soort,
    aantal, bron. Uitkeringen are the P-wet personen of medio 2024 only (the CBS series is
    another definition). Regio rows are included so a document total that does not equal
    its gemeenten can be shown.
    """
    g, u = T["gebieden"], T["uitkeringen"]
    delen = [
        sa.select(sa.literal(sleutel, sa.String(20)).label("sleutel"), t.c.peildatum, t.c.gebied, t.c.aantal, t.c.bron)
        for sleutel, t in (("inwoners", T["inwoners"]), ("in_traject", T["in_traject"]))
    ]
    delen.append(
        sa.select(
            sa.literal("uitkeringen", sa.String(20)).label("sleutel"), u.c.peildatum, u.c.gebied, u.c.aantal, u.c.bron
        ).where(u.c.definitie == "pwet_personen")
    )
    s = sa.union_all(*delen).subquery("s")
    stmt = (
        sa.select(s.c.sleutel, s.c.peildatum, s.c.gebied, g.c.naam, g.c.soort, s.c.aantal, s.c.bron)
        .join(g, g.c.code == s.c.gebied)
        .order_by(s.c.sleutel, s.c.peildatum, s.c.gebied)
    )
    return _frame(engine, stmt)


# ---------------------------------------------------------------- sessies (ijmond_dash/store/sessies.py)


def sessie(engine: Engine, naam: str):
    """The sessie with this name and its steps (``sessies.Sessie``), or None."""
    return sessies.sessie(engine, naam)


def sessies_lijst(engine: Engine) -> list:
    return sessies.lijst(engine)


def sessie_wijzigingen(engine: Engine) -> pd.DataFrame:
    """The sessies' audit log, newest first: tijdstip, gebruiker, sessie, actie, omschrijving."""
    return pd.DataFrame(
        sessies.wijzigingen(engine), columns=["tijdstip", "gebruiker", "sessie", "actie", "omschrijving"]
    )
