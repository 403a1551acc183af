"""The store: every figure in data/ round-trips exactly, on SQLite and Postgres; loading is
idempotent and all-or-nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from ijmond_dash.store import catalog, db, loader, models, queries
from ijmond_dash.store.validation import ValidationFailed


def _sort_key(row: tuple):
    return tuple((v is None, v if v is not None else 0) for v in row)


@pytest.mark.parametrize("ds", catalog.DATASETS, ids=lambda d: d.name)
def test_every_figure_round_trips_exactly(engine, ds):
    frames, problems = loader.read_default()
    assert not problems
    expected = sorted(
        (tuple(r[c] for c in ds.column_names) for r in loader.records(ds, frames[ds.name])), key=_sort_key
    )
    t = models.DATASET_TABLES[ds.name]
    with engine.connect() as conn:
        stored = sorted((tuple(r) for r in conn.execute(sa.select(*[t.c[c] for c in ds.column_names]))), key=_sort_key)
    assert stored == expected
    # and the Python types are the exact ones, not floats
    for row in stored:
        for col, v in zip(ds.columns, row, strict=True):
            if v is None:
                continue
            want = {"int": int, "decimal": Decimal, "date": dt.date, "str": str, "text": str}[col.kind]
            assert isinstance(v, want) and not isinstance(v, float), (ds.name, col.name, v)


def test_documented_figures_are_in_the_store(engine):
    """A few figures straight from the documents, read back through the query layer."""
    u = queries.uitkeringen(engine, "bijstand_excl_aow")
    velsen_2017 = u[(u.gebied == "GM0453") & (u.peildatum == dt.date(2017, 12, 31))]
    assert int(velsen_2017.iloc[0]["aantal"]) == 1310
    fasen = queries.dataset(engine, "fasen").set_index("fase")
    assert [int(fasen.at["Totaal", c]) for c in ("stand_begin", "bij", "af", "stand_eind")] == [835, 451, 433, 853]
    pct = queries.dataset(engine, "percentages")
    assert Decimal("16.27") in set(pct["percentage"])


def test_data_quality_notes_record_what_does_not_add_up(engine):
    notes = queries.datakwaliteit(engine)
    berekend = notes[notes.soort == "berekend bij laden"]
    inwoners = berekend[berekend.dataset == "inwoners"]
    assert sorted(int(v) for v in inwoners["verschil"]) == [-110, -16]
    assert any("150.533" in t and "150.643" in t for t in inwoners["omschrijving"])
    # Heemskerk's breakdown is larger than its total: recorded, not "fixed"
    assert any("GM0396" in t and "924" in t and "913" in t for t in berekend["omschrijving"])


def test_init_is_idempotent(engine):
    before = queries.row_counts(engine)
    assert loader.init_store(engine) is False
    assert queries.row_counts(engine) == before
    assert before["uitkeringen"] == 36 and before["bronnen"] > 0


def test_empty_store_is_created_and_filled_by_init(stores):
    engine = db.create_engine(stores.empty_url())
    assert loader.init_store(engine) is True
    counts = queries.row_counts(engine)
    assert all(counts[ds.name] > 0 for ds in catalog.DATASETS)
    assert loader.store_version(engine) == 1
    engine.dispose()


def test_failed_write_leaves_store_empty(stores, monkeypatch):
    """A failure in the middle of the load rolls everything back."""
    engine = db.create_engine(stores.empty_url())
    db.upgrade(engine)
    original = loader.records

    def failing(ds, df):
        if ds.name == "fasen":
            raise RuntimeError("simulated crash halfway")
        return original(ds, df)

    monkeypatch.setattr(loader, "records", failing)
    with pytest.raises(RuntimeError):
        loader.load_default(engine)
    assert all(n == 0 for n in queries.row_counts(engine).values())
    engine.dispose()


def test_unreachable_database_gives_dutch_message():
    engine = db.create_engine("postgresql+psycopg://nobody@127.0.0.1:1/nope")
    with pytest.raises(db.StoreUnavailable, match="De database is niet bereikbaar"):
        loader.init_store(engine)


def test_sqlite_pragmas(tmp_path):
    engine = db.create_engine(f"sqlite:///{tmp_path / 'pragma.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"


def test_bad_default_dataset_is_refused_and_store_unchanged(stores, tmp_path):
    import shutil

    from ijmond_dash import settings

    shutil.copytree(settings.data_dir(), tmp_path / "data")
    p = tmp_path / "data" / "uitkeringen.csv"
    p.write_text(
        p.read_text().replace("2015-12-31,GM0375,bijstand_excl_aow,940", "2015-12-31,GM0375,bijstand_excl_aow,-940")
    )
    engine = db.create_engine(stores.empty_url())
    db.upgrade(engine)
    with pytest.raises(ValidationFailed) as exc:
        loader.load_default(engine, tmp_path / "data")
    assert any(p.regel == "negatief aantal" and p.rij == 2 for p in exc.value.problems)
    assert all(n == 0 for n in queries.row_counts(engine).values())
    engine.dispose()
