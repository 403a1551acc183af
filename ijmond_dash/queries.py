"""All SQL of the app. Every function takes an engine, binds its parameters and returns a
DataFrame (or a plain value). Pages never build SQL; ``ui`` caches these functions.

Sections per page keep the module easy to scan; the generic readers come first.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from . import catalog, models

T = models.DATASET_TABLES


def _frame(engine: Engine, stmt) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


# ---------------------------------------------------------------- generic


def dataset(engine: Engine, name: str) -> pd.DataFrame:
    """A whole dataset with exactly the catalog's columns, ordered by its key."""
    ds = catalog.dataset(name)
    t = T[name]
    stmt = sa.select(*[t.c[c] for c in ds.column_names]).order_by(*[t.c[c] for c in ds.key])
    return _frame(engine, stmt)


def dataset_met_bron(engine: Engine, name: str) -> pd.DataFrame:
    """A dataset with its provenance spelled out: document and tabel of every row."""
    ds = catalog.dataset(name)
    t, b = T[name], T["bronnen"]
    if "bron" not in ds.column_names:
        return dataset(engine, name)
    stmt = (
        sa.select(*[t.c[c] for c in ds.column_names], b.c.document.label("document"), b.c.tabel.label("tabel"))
        .join(b, b.c.code == t.c.bron)
        .order_by(*[t.c[c] for c in ds.key])
    )
    return _frame(engine, stmt)


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for name, t in T.items()
        }


def gebieden(engine: Engine) -> pd.DataFrame:
    return dataset(engine, "gebieden")


def gebied_namen(engine: Engine) -> dict[str, str]:
    df = gebieden(engine)
    return dict(zip(df["code"], df["naam"], strict=True))


def bronnen(engine: Engine) -> pd.DataFrame:
    return dataset(engine, "bronnen")


def datakwaliteit(engine: Engine) -> pd.DataFrame:
    """Notes from the sources (curated) and differences found while loading (computed)."""
    t, b = T["datakwaliteit"], models.datakwaliteit_berekend
    handmatig = sa.select(
        t.c.dataset, sa.literal("bronnotitie").label("soort"), t.c.omschrijving,
        sa.cast(sa.null(), sa.BigInteger).label("verschil"), t.c.bron,
    )
    berekend = sa.select(
        b.c.dataset, sa.literal("berekend bij laden").label("soort"), b.c.omschrijving, b.c.verschil, b.c.bron,
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
        sa.select(t.c.scenario, s.c.naam.label("scenario_naam"), t.c.gebied, t.c.jaar, t.c.bedrag,
                  t.c.benadering, t.c.omschrijving, t.c.bron)
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
        sa.select(t.c.peildatum, t.c.gebied, g.c.naam, t.c.dimensie, t.c.categorie, t.c.volgorde, t.c.aantal,
                  t.c.bron)
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
        b.c.id, b.c.tijdstip, b.c.gebruiker, b.c.dataset, b.c.bestandsnaam, b.c.sha256,
        b.c.rijen_toegevoegd, b.c.rijen_gewijzigd, b.c.ongedaan_gemaakt_op, b.c.ongedaan_gemaakt_door,
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
        sa.select(t.c.periode_begin, t.c.periode_eind, t.c.gebied, g.c.naam, g.c.soort.label("gebied_soort"),
                  t.c.soort, t.c.aantal, t.c.bron)
        .join(g, g.c.code == t.c.gebied)
        .where(t.c.periode_begin == periode_begin, t.c.periode_eind == periode_eind)
        .order_by(t.c.gebied, t.c.soort)
    )
    return _frame(engine, stmt)


def trajectevent_bereik(engine: Engine) -> pd.DataFrame:
    """Per kind of events (real or synthetic): how many, first startdatum, last date seen."""
    t = models.trajectevent
    stmt = (
        sa.select(t.c.synthetisch, sa.func.count().label("aantal"), sa.func.min(t.c.startdatum).label("eerste"),
                  sa.func.max(sa.func.coalesce(t.c.einddatum, t.c.startdatum)).label("laatste"))
        .group_by(t.c.synthetisch)
        .order_by(t.c.synthetisch)
    )
    return _frame(engine, stmt)


def fase_overgangen(engine: Engine, periode_begin, periode_eind, synthetisch: bool = False) -> pd.DataFrame:
    """Flows between fasen in a period, per gemeente, computed in the database.

    Each client's events are put in order of startdatum (LAG/LEAD over the client). That gives
    three kinds of flow, each counted in the period in which it happens:

    - ``instroom`` into a fase that starts in the period and is the client's first fase, or
      follows a fase that ended with uitstroom (a client who comes back);
    - ``uitstroom`` from a fase with an uitstroomreden whose einddatum is in the period, per reason;
    - otherwise a move to the client's next fase, dated at the next fase's startdatum, with
      ``richting`` ``vooruit`` (the next fase in catalog order), ``overgeslagen`` (further
      ahead), ``terug`` (an earlier fase) or ``herhaald`` (the same fase again).

    A flow belongs to the gemeente of the fase it leaves (for instroom: the fase entered).
    One pass over the events: the window runs once (in the order of the index
    ix_trajectevent_client_start, so without a sort), its rows are grouped at once on three
    flags and two names, and only that small result (a few hundred rows) is classified into
    inflow and outflow rows here. On Postgres the statement gets enough work_mem for a hash
    aggregate instead of sorting the window's output on disk (docs/PERFORMANCE.md).
    Columns: gebied, van, naar, richting, reden, aantal (exact counts: callers apply the
    small-number rule before showing anything).
    """
    t = models.trajectevent
    window = dict(partition_by=t.c.client_pseudoniem, order_by=(t.c.startdatum, t.c.id))
    w = (
        sa.select(
            t.c.gebied, t.c.fase, t.c.startdatum, t.c.einddatum, t.c.uitstroomreden,
            # NULL: no earlier fase; 0: an earlier fase without uitstroom; 1: one with uitstroom
            sa.func.lag(sa.case((t.c.uitstroomreden.is_(None), 0), else_=1)).over(**window).label("vorige"),
            sa.func.lead(t.c.fase).over(**window).label("volgende_fase"),
            sa.func.lead(t.c.startdatum).over(**window).label("volgende_start"),
        )
        # a fase that starts after the period can neither start a flow in it nor be a LAG of one
        .where(t.c.synthetisch.is_(bool(synthetisch)), t.c.startdatum <= periode_eind)
        .subquery("w")
    )
    # plain boolean flags: the planner estimates them well enough to choose a hash aggregate
    instroom = sa.and_(sa.or_(w.c.vorige.is_(None), w.c.vorige == 1), w.c.startdatum >= periode_begin)
    uit = sa.and_(w.c.uitstroomreden.is_not(None), w.c.einddatum.between(periode_begin, periode_eind))
    door = sa.and_(w.c.uitstroomreden.is_(None), w.c.volgende_start.between(periode_begin, periode_eind))
    naar = sa.case((door, w.c.volgende_fase))
    reden = sa.case((uit, w.c.uitstroomreden))
    g = (
        sa.select(w.c.gebied, w.c.fase, instroom.label("instroom"), uit.label("uit"), door.label("door"),
                  naar.label("naar"), reden.label("reden"), sa.func.count().label("aantal"))
        .where(sa.or_(instroom, uit, door))
        .group_by(w.c.gebied, w.c.fase, instroom, uit, door, naar, reden)
    )
    with engine.connect() as conn:
        if getattr(getattr(engine, "dialect", None), "name", "") == "postgresql":
            # the grouped result is tiny but the planner cannot know: without room for a hash
            # table it sorts every window row on disk first (3-5x slower at 1.000.000 events)
            conn.execute(sa.text("SET LOCAL work_mem = '64MB'"))
        result = conn.execute(g)
        df = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    cols = ["gebied", "van", "naar", "richting", "reden", "aantal"]
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "aantal" else object) for c in cols})
    df["aantal"] = df["aantal"].astype("int64")
    for c in ("instroom", "uit", "door"):  # SQLite returns 0/1, Postgres booleans
        df[c] = df[c].astype(bool)
    inn = df[df["instroom"]].groupby(["gebied", "fase"], as_index=False)["aantal"].sum()
    inn = inn.rename(columns={"fase": "naar"}).assign(van="Instroom", richting="instroom", reden=None)
    uitstroom = df[df["uit"]].groupby(["gebied", "fase", "reden"], as_index=False)["aantal"].sum()
    uitstroom = uitstroom.assign(naar="Uitstroom", richting="uitstroom")
    doorstroom = df[df["door"]].groupby(["gebied", "fase", "naar"], as_index=False)["aantal"].sum()
    rang = {f: i for i, f in enumerate(catalog.FASEN)}
    stap = pd.Series([rang.get(n, len(rang)) - rang.get(v, len(rang))  # unknown fasen last, as in SQL
                      for v, n in zip(doorstroom["fase"], doorstroom["naar"], strict=True)],
                     index=doorstroom.index, dtype="int64")
    doorstroom["richting"] = pd.Series(["herhaald"] * len(doorstroom), index=doorstroom.index, dtype=object).mask(
        stap == 1, "vooruit").mask(stap > 1, "overgeslagen").mask(stap < 0, "terug")
    doorstroom["reden"] = None
    out = pd.concat([uitstroom, doorstroom], ignore_index=True).rename(columns={"fase": "van"})
    res = pd.concat([inn[cols], out[cols]], ignore_index=True)
    res["reden"] = res["reden"].astype(object).where(res["reden"].notna(), None)
    return res.sort_values(["gebied", "richting", "van", "naar", "reden"], na_position="first",
                           ignore_index=True)


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
        sa.select(sa.literal("uitkeringen", sa.String(20)).label("sleutel"), u.c.peildatum, u.c.gebied, u.c.aantal,
                  u.c.bron).where(u.c.definitie == "pwet_personen")
    )
    s = sa.union_all(*delen).subquery("s")
    stmt = (
        sa.select(s.c.sleutel, s.c.peildatum, s.c.gebied, g.c.naam, g.c.soort, s.c.aantal, s.c.bron)
        .join(g, g.c.code == s.c.gebied)
        .order_by(s.c.sleutel, s.c.peildatum, s.c.gebied)
    )
    return _frame(engine, stmt)
