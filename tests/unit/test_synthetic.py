"""Synthetic event logs: seeded, exact size, valid and realistic; bulk-loaded, labelled, never default."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from ijmond_dash.imports import synthetic, trajecten
from ijmond_dash.store import catalog, loader, models, queries

from .test_fase_overgangen import COLS, _canon, reference


@pytest.fixture(scope="module")
def log() -> pd.DataFrame:
    return synthetic.generate(20_000, seed=7)


def test_exact_size_and_reproducible(log):
    assert len(log) == 20_000
    assert list(log.columns) == synthetic.KOLOMMEN
    pd.testing.assert_frame_equal(log, synthetic.generate(20_000, seed=7))
    assert not synthetic.generate(1_000, seed=8).equals(synthetic.generate(1_000, seed=9))
    for n in (999, 1_000_001):
        with pytest.raises(ValueError, match="tussen 1.000 en 1.000.000"):
            synthetic.generate(n, 1)


def test_events_are_valid_for_the_importer_rules(log):
    assert set(log["fase"]) == set(catalog.FASEN)
    assert set(log["gebied"]) == set(synthetic.GEMEENTEN)
    assert set(log["uitstroomreden"].dropna()) == set(trajecten.UITSTROOMREDENEN)
    ended = log["einddatum"].notna()
    assert (log.loc[ended, "einddatum"] > log.loc[ended, "startdatum"]).all()
    assert log.loc[log["uitstroomreden"].notna(), "einddatum"].notna().all()
    assert not any(trajecten.lijkt_bsn(p) for p in log["client_pseudoniem"].unique()[:5000])
    frame = log.assign(
        startdatum=log["startdatum"].dt.date,
        einddatum=[None if pd.isna(v) else v.date() for v in log["einddatum"]],
        _rij=None,
    )
    frame["_rij"] = range(2, len(frame) + 2)
    assert trajecten.controleer_volgorde(frame.head(3000), "synthetisch") == []  # no overlapping fasen


def test_durations_and_transitions_are_realistic(log):
    duur = (log["einddatum"] - log["startdatum"]).dt.days
    mediaan = duur.groupby(log["fase"]).median()
    assert 30 <= mediaan["Kennismaking"] <= 150 and 150 <= mediaan["Werk houden"] <= 600
    assert mediaan["Kennismaking"] < mediaan["Persoonlijke ontwikkeling"]
    rank = {f: i for i, f in enumerate(catalog.FASEN)}
    s = log.assign(r=log["fase"].map(rank))
    volgende = s.groupby("client_pseudoniem")["r"].shift(-1)
    stap = (volgende - s["r"]).dropna()
    aandeel = stap.apply(lambda d: "vooruit" if d == 1 else "overgeslagen" if d > 1 else "terug").value_counts(
        normalize=True
    )
    assert aandeel["vooruit"] > 0.6 and 0.03 < aandeel["overgeslagen"] < 0.25 and 0.03 < aandeel["terug"] < 0.25
    eerste = log.groupby("client_pseudoniem")["fase"].first().value_counts(normalize=True)
    assert eerste["Kennismaking"] > 0.7
    redenen = (
        log.dropna(subset=["uitstroomreden"]).groupby("fase")["uitstroomreden"].agg(lambda r: (r == "werk").mean())
    )
    assert redenen["Werk houden"] > redenen["Kennismaking"]  # werk mostly from the later fasen


def test_default_dataset_holds_no_synthetic_events(engine):
    with engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(models.trajectevent)).scalar_one()
    assert n == 0


def test_load_replaces_synthetic_rows_and_matches_reference(fresh_engine):
    versie = loader.store_version(fresh_engine)
    assert synthetic.load(fresh_engine, 3_000, seed=5) == 3_000
    assert synthetic.load(fresh_engine, 2_000, seed=6) == 2_000  # replaces, does not add
    assert loader.store_version(fresh_engine) > versie
    t = models.trajectevent
    with fresh_engine.connect() as conn:
        stored = pd.DataFrame(conn.execute(sa.select(t)).mappings().all())
    assert len(stored) == 2_000 and stored["synthetisch"].all()
    expected = synthetic.generate(2_000, seed=6)
    assert sorted(stored["client_pseudoniem"]) == sorted(expected["client_pseudoniem"])
    assert set(stored["startdatum"]) == set(expected["startdatum"].dt.date)
    # the stored log gives the flows the generator's log gives
    periode = (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    ref_events = stored.assign(uitstroomreden=stored["uitstroomreden"].astype(object))
    got = queries.fase_overgangen(fresh_engine, *periode, synthetisch=True)
    assert _canon(got) == _canon(reference(ref_events, *periode, synthetisch=True))
    assert got["aantal"].sum() > 100
    assert queries.fase_overgangen(fresh_engine, *periode, synthetisch=False).empty
    assert synthetic.verwijder(fresh_engine) == 2_000


@pytest.mark.slow
def test_one_million_events_load_in_reasonable_time(fresh_engine):
    start = time.perf_counter()
    assert synthetic.load(fresh_engine, 1_000_000, seed=1) == 1_000_000
    seconds = time.perf_counter() - start
    with fresh_engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(models.trajectevent)).scalar_one()
    assert n == 1_000_000
    assert seconds < 180, f"loading 1.000.000 synthetic events took {seconds:.0f} s"
    flows = queries.fase_overgangen(fresh_engine, dt.date(2023, 1, 1), dt.date(2023, 6, 30), synthetisch=True)
    assert set(flows["richting"]) >= {"instroom", "vooruit", "overgeslagen", "terug", "uitstroom"}
    assert np.issubdtype(flows["aantal"].dtype, np.integer)
    assert list(flows.columns) == COLS


def _buren(engine) -> list[tuple]:
    t = models.trajectevent
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                sa.select(t.c.id, t.c.vorige_uit, t.c.volgende_fase, t.c.volgende_start).order_by(t.c.id)
            )
        ]


def _herberekend(engine) -> tuple[list[tuple], int]:
    """The neighbours as trajecten.buren_bijwerken computes them from scratch, and how many
    rows it had to change to get there from what was stored."""
    t = models.trajectevent
    with engine.begin() as conn:
        veranderd = trajecten.buren_bijwerken(conn, True)
        conn.execute(t.update().values(vorige_uit=None, volgende_fase=None, volgende_start=None))
        trajecten.buren_bijwerken(conn, True)
    return _buren(engine), veranderd


def test_load_precomputes_the_neighbours_buren_bijwerken_computes(fresh_engine):
    synthetic.load(fresh_engine, 3_000, seed=5)
    opgeslagen = _buren(fresh_engine)
    assert sum(v is not None for _, v, _, _ in opgeslagen) > 1_000  # most clients have more than one fase
    herberekend, veranderd = _herberekend(fresh_engine)
    assert veranderd == 0 and opgeslagen == herberekend


def test_load_puts_unordered_events_and_ties_in_the_order_buren_bijwerken_uses(fresh_engine, monkeypatch):
    """Whatever order the generator's rows come in, and with two fasen on one day, the stored
    neighbours are those of (startdatum, id)."""

    def d(s):
        return np.datetime64(s, "s")

    log = pd.DataFrame(
        {
            "client_pseudoniem": ["b", "a", "b", "a", "a", "c"],
            "gebied": ["GM0375"] * 6,
            "fase": ["Werk vinden", "Kennismaking", "Kennismaking", "Werk houden", "Werk vinden", "Kennismaking"],
            "startdatum": [
                d("2023-03-01"),
                d("2023-01-01"),
                d("2023-01-01"),
                d("2023-02-01"),
                d("2023-02-01"),
                d("2023-01-01"),
            ],
            "einddatum": [
                np.datetime64("NaT", "s"),
                d("2023-02-01"),
                d("2023-03-01"),
                d("2023-02-01"),
                np.datetime64("NaT", "s"),
                np.datetime64("NaT", "s"),
            ],
            "uitstroomreden": [None, "werk", None, None, None, None],
        }
    )
    monkeypatch.setattr(synthetic, "generate", lambda n, seed=0: log)
    assert synthetic.load(fresh_engine, 6) == 6
    opgeslagen = _buren(fresh_engine)
    t = models.trajectevent
    with fresh_engine.connect() as conn:
        volgorde = conn.execute(sa.select(t.c.client_pseudoniem, t.c.fase).order_by(t.c.id)).all()
    # a's two fasen of 1 February keep the generator's order (Werk houden, then Werk vinden)
    assert [tuple(r) for r in volgorde] == [
        ("a", "Kennismaking"),
        ("a", "Werk houden"),
        ("a", "Werk vinden"),
        ("b", "Kennismaking"),
        ("b", "Werk vinden"),
        ("c", "Kennismaking"),
    ]
    assert [r[1:] for r in opgeslagen] == [
        (None, "Werk houden", dt.date(2023, 2, 1)),
        (1, "Werk vinden", dt.date(2023, 2, 1)),
        (0, None, None),
        (None, "Werk vinden", dt.date(2023, 3, 1)),
        (0, None, None),
        (None, None, None),
    ]
    herberekend, veranderd = _herberekend(fresh_engine)
    assert veranderd == 0 and opgeslagen == herberekend
