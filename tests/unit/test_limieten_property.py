"""Property: for every importable dataset, on SQLite and on Postgres,

* whatever the preview accepts imports without error and reads back exactly (and undoes), and
* whatever the store cannot hold, the preview refuses, naming the row and the column.

"What the store can hold" is not taken from ``limieten``: each generated value is written
into a scratch table with the very column type ``models`` gives that kind of column, read
back and compared, inside a transaction that is rolled back. On SQLite that accepts long
texts (it does not enforce VARCHAR lengths) but rounds a third decimal and refuses integers
beyond 64 bits; Postgres enforces all of it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ijmond_dash.imports import importers
from ijmond_dash.store import catalog, db, models, queries
from ijmond_dash.store.validation import GRENS

IMPORTEERBAAR = [ds.name for ds in importers.importeerbaar()]
SOORTEN = ("str", "text", "int", "decimal")
GRENZEN_INT = [0, 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 10**19, -(10**19)]
GRENZEN_DEC = [
    "0.01",
    "9999999.99",
    "-9999999.99",
    "10000000",
    "9999999.995",
    "1.005",
    "2.126",
    "0.001",
    "123456.78",
    "-0.5",
    "12345678.9",
]


class Proef:
    """The scratch tables and the oracle: can the store hold this value as it is?"""

    def __init__(self, engine):
        self.engine = engine
        meta = sa.MetaData()
        self.tabellen = {}
        for soort in SOORTEN:  # the column type models gives every catalog column of this kind
            ds, col = next((ds, c) for ds in catalog.DATASETS for c in ds.columns if c.kind == soort)
            typ = models.DATASET_TABLES[ds.name].c[col.name].type
            self.tabellen[soort] = sa.Table(
                f"proef_{soort}", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", typ)
            )
        meta.create_all(engine)

    def past(self, soort: str, value) -> bool:
        t = self.tabellen[soort]
        with self.engine.connect() as conn:
            trans = conn.begin()
            try:
                conn.execute(t.insert().values(v=value))
                terug = conn.execute(sa.select(t.c.v)).scalar_one()
            except Exception:  # noqa: BLE001 - any refusal by driver or database: it does not fit
                return False
            finally:
                trans.rollback()
        return gelijk(terug, value)


def gelijk(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (Decimal, float)) or isinstance(b, (Decimal, float)):
        return Decimal(str(a)) == Decimal(b)
    return a == b


@pytest.fixture(scope="module")
def proef(stores):
    engine = db.create_engine(stores.loaded_url())
    yield Proef(engine)
    engine.dispose()


def _tekst(min_size: int, max_size: int):
    """Any text, now and then with control characters (the CSV reader refuses those)."""
    return st.one_of(
        st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=min_size, max_size=max_size),
        st.text(st.characters(exclude_categories=("Cs",)), min_size=min_size, max_size=max_size),
    )


def waarde(col: catalog.Col, refs: dict[str, list[str]]):
    """A strategy for one typed value of ``col``: mostly plausible, often at or beyond a limit."""
    if col.ref:
        return st.sampled_from(refs[col.ref])
    if col.values:
        return st.sampled_from(col.values)
    if col.kind == "int":
        return st.one_of(st.integers(0, 10**6), st.sampled_from(GRENZEN_INT), st.integers(-(2**65), 2**65))
    if col.kind == "decimal":
        return st.one_of(
            st.sampled_from([Decimal(x) for x in GRENZEN_DEC]),
            st.builds(lambda n, e: Decimal(n).scaleb(-e), st.integers(-(10**9), 10**9), st.integers(0, 2)),
            st.builds(lambda n, e: Decimal(n).scaleb(-e), st.integers(-(10**10), 10**10), st.integers(0, 4)),
        )
    if col.kind == "date":
        return st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))
    if col.kind == "str":
        return st.one_of(_tekst(1, 30), _tekst(195, 210))
    return st.one_of(_tekst(1, 60), _tekst(190, 400))


def _consistent(ds: catalog.Dataset, rij: dict) -> dict:
    """Make the identities the documents imply hold, so accepted rows occur."""
    r = dict(rij)
    if ds.name == "ziekteverzuim":
        r["afwijking"] = r["realisatie"] - r["target"]
    elif ds.name == "fasen":
        r["stand_eind"] = r["stand_begin"] + r["bij"] - r["af"]
    elif ds.name == "financien":
        r["saldo"] = r["baten"] - r["lasten"]
    elif ds.name == "wsp" and r["afspraak"]:
        r["percentage"] = int(
            (Decimal(r["realisatie"]) * 100 / Decimal(r["afspraak"])).quantize(Decimal(1), "ROUND_HALF_UP")
        )
    return r


@st.composite
def bestand(draw, ds: catalog.Dataset, refs: dict[str, list[str]]):
    """(CSV bytes, the typed rows as the importer should read them)."""
    rijen = []
    for _ in range(draw(st.integers(1, 3))):
        rij = {c.name: draw(waarde(c, refs)) for c in ds.columns}
        if draw(st.booleans()):
            try:
                rij = _consistent(ds, rij)
            except (ArithmeticError, TypeError):
                pass
        for c in ds.columns:
            if c.nullable and draw(st.integers(0, 4)) == 0:
                rij[c.name] = None
        rijen.append(rij)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(ds.column_names)
    komma = draw(st.booleans())
    for rij in rijen:
        cellen = []
        for c in ds.columns:
            v = rij[c.name]
            if v is None:
                cellen.append("")
            elif c.kind == "decimal":
                cellen.append(format(v, "f").replace(".", "," if komma else "."))
            elif c.kind == "date":
                cellen.append(v.isoformat() if komma else v.strftime("%d-%m-%Y"))
            else:
                cellen.append(str(v))
        w.writerow(cellen)
    # what the importer reads: text stripped, an empty text is no value
    verwacht = [{c: (v.strip() or None) if isinstance(v, str) else v for c, v in r.items()} for r in rijen]
    return buf.getvalue().encode("utf-8"), verwacht


def _opgeslagen(engine, ds: catalog.Dataset, rij: dict) -> dict:
    t = models.DATASET_TABLES[ds.name]
    with engine.connect() as conn:
        got = (
            conn.execute(sa.select(*[t.c[c] for c in ds.column_names]).where(*[t.c[k] == rij[k] for k in ds.key]))
            .mappings()
            .one()
        )
    return dict(got)


@pytest.mark.parametrize("naam", IMPORTEERBAAR)
def test_preview_accepts_only_what_the_store_holds_exactly(proef, naam):
    engine = proef.engine
    ds = catalog.dataset(naam)
    refs = {
        r: sorted(queries.dataset(engine, r)[catalog.dataset(r).key[0]]) for r in {c.ref for c in ds.columns if c.ref}
    }

    @settings(
        max_examples=8,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def eigenschap(data):
        inhoud, rijen = data.draw(bestand(ds, refs))
        v = importers.voorbereiden(engine, naam, f"{naam}.csv", inhoud)
        past_niet = [
            (n, c.name)
            for n, rij in enumerate(rijen, start=2)
            for c in ds.columns
            if c.kind in SOORTEN and rij[c.name] is not None and not proef.past(c.kind, rij[c.name])
        ]
        if past_niet:
            assert not v.geldig, f"accepted what the store cannot hold: {past_niet}"
            bestandsniveau = [p for p in v.problemen if p.rij is None]
            for n, kolom in past_niet:
                assert bestandsniveau or any(
                    p.regel == GRENS and p.rij == n and f"'{kolom}'" in p.melding for p in v.problemen
                ), (n, kolom, v.problemen)
        if not v.geldig:
            event("geweigerd" + (" (past niet)" if past_niet else ""))
            return
        event("geaccepteerd")
        batch = importers.importeren(engine, v, inhoud, "hypothesis")
        try:
            for rij in v.toegevoegd + v.gewijzigd:
                terug = _opgeslagen(engine, ds, rij)
                for c in ds.column_names:
                    assert gelijk(terug[c], rij[c]), (c, terug[c], rij[c])
        finally:
            importers.ongedaan_maken(engine, batch, "hypothesis")

    eigenschap()
