"""The transition SQL (one GROUP BY over the neighbours stored with the events) equals a plain
pandas reference, on random event logs, on SQLite and Postgres."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ijmond_dash.imports import trajecten
from ijmond_dash.imports.trajecten import UITSTROOMREDENEN
from ijmond_dash.store import catalog, models, queries

COLS = ["gebied", "van", "naar", "richting", "reden", "aantal"]
GEBIEDEN = ("GM0375", "GM0396", "GM0453")


def reference(events: pd.DataFrame, begin: dt.date, eind: dt.date, synthetisch: bool = False) -> pd.DataFrame:
    """The semantics of queries.fase_overgangen, written out client by client."""
    rank = {f: i for i, f in enumerate(catalog.FASEN)}
    rows = []
    ev = events[events["synthetisch"] == synthetisch].sort_values(["client_pseudoniem", "startdatum", "id"])
    for _, g in ev.groupby("client_pseudoniem", sort=False):
        recs = [{k: None if pd.isna(v) else v for k, v in r.items()} for r in g.to_dict("records")]
        for i, e in enumerate(recs):
            prev = recs[i - 1] if i > 0 else None
            nxt = recs[i + 1] if i + 1 < len(recs) else None
            if (prev is None or prev["uitstroomreden"] is not None) and begin <= e["startdatum"] <= eind:
                rows.append((e["gebied"], "Instroom", e["fase"], "instroom", None))
            if e["uitstroomreden"] is not None:
                if e["einddatum"] is not None and begin <= e["einddatum"] <= eind:
                    rows.append((e["gebied"], e["fase"], "Uitstroom", "uitstroom", e["uitstroomreden"]))
            elif nxt is not None and begin <= nxt["startdatum"] <= eind:
                d = rank[nxt["fase"]] - rank[e["fase"]]
                richting = "vooruit" if d == 1 else "overgeslagen" if d > 1 else "terug" if d < 0 else "herhaald"
                rows.append((e["gebied"], e["fase"], nxt["fase"], richting, None))
    counts: dict[tuple, int] = {}
    for r in rows:
        counts[r] = counts.get(r, 0) + 1
    return pd.DataFrame([(*k, v) for k, v in counts.items()], columns=COLS)


def _canon(df: pd.DataFrame) -> list[tuple]:
    return sorted(
        (tuple(None if pd.isna(v) else v for v in r) for r in df[COLS].itertuples(index=False)),
        key=lambda r: tuple("" if v is None else str(v) for v in r),
    )


def _write(engine, events: pd.DataFrame) -> None:
    t = models.trajectevent
    with engine.begin() as conn:
        conn.execute(t.delete())
        if len(events):
            rows = [{k: None if pd.isna(v) else v for k, v in r.items()} for r in events.to_dict("records")]
            conn.execute(t.insert(), rows)
        for synthetisch in (False, True):  # as every writer does: the neighbours go with the events
            trajecten.buren_bijwerken(conn, synthetisch)


@st.composite
def event_logs(draw):
    """Random logs, deliberately not always valid: overlaps, equal start dates, reasons anywhere."""
    n_clients = draw(st.integers(0, 12))
    rows, next_id = [], 1
    for c in range(n_clients):
        start = dt.date(2022, 6, 1) + dt.timedelta(days=draw(st.integers(0, 500)))
        for _ in range(draw(st.integers(1, 6))):
            duur = draw(st.integers(0, 200))
            open_ = draw(st.booleans()) and draw(st.booleans())
            eind = None if open_ else start + dt.timedelta(days=duur)
            reden = draw(st.sampled_from((None, None, *UITSTROOMREDENEN))) if eind else None
            rows.append(
                {
                    "id": next_id,
                    "client_pseudoniem": f"c{c}",
                    "gebied": draw(st.sampled_from(GEBIEDEN)),
                    "fase": draw(st.sampled_from(catalog.FASEN)),
                    "startdatum": start,
                    "einddatum": eind,
                    "uitstroomreden": reden,
                    "synthetisch": draw(st.booleans()) and draw(st.booleans()),
                }
            )
            next_id += 1
            start = start + dt.timedelta(days=draw(st.integers(0, 150)))  # 0: same start date (a tie)
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "client_pseudoniem",
            "gebied",
            "fase",
            "startdatum",
            "einddatum",
            "uitstroomreden",
            "synthetisch",
        ],
    )


PERIODEN = [
    (dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
    (dt.date(2023, 7, 1), dt.date(2023, 12, 31)),
    (dt.date(2022, 1, 1), dt.date(2024, 12, 31)),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=event_logs(), periode=st.sampled_from(PERIODEN), synthetisch=st.booleans())
def test_transition_sql_equals_pandas_reference(fresh_engine, events, periode, synthetisch):
    _write(fresh_engine, events)
    got = queries.fase_overgangen(fresh_engine, *periode, synthetisch=synthetisch)
    want = reference(events, *periode, synthetisch)
    assert list(got.columns) == COLS
    assert _canon(got) == _canon(want)


def test_known_log_gives_known_flows(fresh_engine):
    """One small log worked out by hand: every kind of flow, dated in the right period."""
    d = dt.date
    rows = [
        # client a: instroom K (jan), vooruit to PO (mar), skipping WV to OS (apr), back to PO (may),
        # uitstroom werk from PO (jun)
        ("a", "GM0453", "Kennismaking", d(2023, 1, 10), d(2023, 3, 1), None),
        ("a", "GM0453", "Persoonlijke ontwikkeling", d(2023, 3, 1), d(2023, 4, 1), None),
        ("a", "GM0453", "Ontwikkeling sollicitatievaardigheden", d(2023, 4, 2), d(2023, 5, 1), None),
        ("a", "GM0453", "Persoonlijke ontwikkeling", d(2023, 5, 1), d(2023, 6, 15), "werk"),
        # client b: started in 2022 (no instroom in 2023), moves on in July (next period), still running
        ("b", "GM0375", "Werk vinden", d(2022, 11, 1), d(2023, 7, 3), None),
        ("b", "GM0375", "Werk houden", d(2023, 7, 3), None, None),
        # client c: left in 2022 and comes back in 2023: instroom again
        ("c", "GM0396", "Kennismaking", d(2022, 3, 1), d(2022, 5, 1), "voortijdig_afgebroken"),
        ("c", "GM0396", "Kennismaking", d(2023, 2, 1), None, None),
    ]
    events = pd.DataFrame(
        rows, columns=["client_pseudoniem", "gebied", "fase", "startdatum", "einddatum", "uitstroomreden"]
    )
    events["synthetisch"] = False
    events["id"] = range(1, len(events) + 1)
    _write(fresh_engine, events)
    got = queries.fase_overgangen(fresh_engine, d(2023, 1, 1), d(2023, 6, 30))
    assert _canon(got) == _canon(
        pd.DataFrame(
            [
                ("GM0453", "Instroom", "Kennismaking", "instroom", None, 1),
                ("GM0453", "Kennismaking", "Persoonlijke ontwikkeling", "vooruit", None, 1),
                (
                    "GM0453",
                    "Persoonlijke ontwikkeling",
                    "Ontwikkeling sollicitatievaardigheden",
                    "overgeslagen",
                    None,
                    1,
                ),
                ("GM0453", "Ontwikkeling sollicitatievaardigheden", "Persoonlijke ontwikkeling", "terug", None, 1),
                ("GM0453", "Persoonlijke ontwikkeling", "Uitstroom", "uitstroom", "werk", 1),
                ("GM0396", "Instroom", "Kennismaking", "instroom", None, 1),
            ],
            columns=COLS,
        )
    )
    later = queries.fase_overgangen(fresh_engine, d(2023, 7, 1), d(2023, 12, 31))
    assert _canon(later) == _canon(
        pd.DataFrame([("GM0375", "Werk vinden", "Werk houden", "vooruit", None, 1)], columns=COLS)
    )
    # synthetic rows are a separate world
    assert queries.fase_overgangen(fresh_engine, d(2023, 1, 1), d(2023, 6, 30), synthetisch=True).empty


class _Capture:
    """A stand-in engine and connection that keeps the SQL of every statement executed."""

    def __init__(self):
        self.sql: list[str] = []

    def connect(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False

    def execute(self, stmt):
        self.sql.append(str(stmt.compile(compile_kwargs={"literal_binds": True})).lower())

        class Result:
            rowcount = 0

            def all(self):
                return []

        return Result()


def test_transition_read_is_one_group_by_and_the_window_is_in_the_write_path():
    """The page's read is a single GROUP BY over trajectevent, without a window function or a
    subquery; LAG and LEAD over the client run when events are written (buren_bijwerken)."""
    lees = _Capture()
    out = queries.fase_overgangen(lees, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert out.empty and list(out.columns) == COLS
    [sql] = lees.sql
    assert sql.count("select") == 1 and sql.count("group by") == 1 and "from trajectevent" in sql
    for window in (" over ", "over (", "lag(", "lead(", "partition by"):
        assert window not in sql
    assert "trajectevent.volgende_fase" in sql and "trajectevent.vorige_uit" in sql

    schrijf = _Capture()
    trajecten.buren_bijwerken(schrijf, False, ["a", "b"])
    [update] = schrijf.sql
    assert update.startswith("update trajectevent set vorige_uit=")
    assert "lag(" in update and "lead(" in update
    assert (
        "over (partition by trajectevent.client_pseudoniem order by trajectevent.startdatum, trajectevent.id)" in update
    )


@pytest.mark.parametrize("n", [0, 3])
def test_event_range_counts_per_kind(fresh_engine, n):
    t = models.trajectevent
    with fresh_engine.begin() as conn:
        for i in range(n):
            conn.execute(
                t.insert().values(
                    client_pseudoniem=f"x{i}",
                    gebied="GM0375",
                    fase="Kennismaking",
                    startdatum=dt.date(2023, 1, 1 + i),
                    einddatum=None,
                    synthetisch=True,
                )
            )
        trajecten.buren_bijwerken(conn, True)
    bereik = queries.trajectevent_bereik(fresh_engine)
    if n == 0:
        assert bereik.empty
    else:
        rij = bereik.iloc[0]
        assert bool(rij["synthetisch"]) and int(rij["aantal"]) == n
        assert rij["eerste"] == dt.date(2023, 1, 1) and rij["laatste"] == dt.date(2023, 1, n)
    with fresh_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() == n
