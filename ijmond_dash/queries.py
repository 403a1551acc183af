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
