"""Four app processes that start together on one empty Postgres store: the migrations run once
and the dataset is loaded once (``db.migratieslot``, an advisory lock), and all four start."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from ijmond_dash.store import db, loader
from tests.conftest import ROOT, StoreFactory

pytestmark = pytest.mark.workers

# What every app process does on its first run (ui.cache._engine), started at one moment; it also
# counts the Alembic upgrades it ran into a shared file, one line each.
CHILD = """
import json, sys, time
from alembic import command
from ijmond_dash.store import db, loader

url, start, teller = sys.argv[1], float(sys.argv[2]), sys.argv[3]
echt = command.upgrade
def upgrade(*a, **k):
    with open(teller, "a") as fh:
        fh.write("upgrade\\n")
    time.sleep(0.2)  # a migration takes time; without the lock the others arrive meanwhile
    return echt(*a, **k)
command.upgrade = upgrade
engine = db.create_engine(url)
while time.time() < start:
    time.sleep(0.001)
print(json.dumps({"geladen": loader.init_store(engine)}))
"""


@pytest.fixture
def pg_stores(tmp_path_factory):
    factory = StoreFactory("postgres", tmp_path_factory)  # fails in CI when Postgres is absent
    yield factory
    factory.cleanup()


def test_four_processes_on_an_empty_store_migrate_and_load_once(pg_stores, tmp_path):
    url = pg_stores.empty_url()
    teller = tmp_path / "upgrades.txt"
    teller.touch()
    start = time.time() + 4  # after every interpreter has imported
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, url, str(start), str(teller)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    uit = [p.communicate(timeout=180) for p in procs]
    fouten = [err[-1500:] for p, (_out, err) in zip(procs, uit, strict=True) if p.returncode != 0]
    assert fouten == [], "a process failed to start its store:\n" + "\n---\n".join(fouten)
    geladen = [json.loads(out.strip().splitlines()[-1])["geladen"] for out, _err in uit]
    assert sorted(geladen) == [False, False, False, True], geladen  # loaded by exactly one
    assert teller.read_text().count("upgrade") == 1  # migrations ran once; the others found HEAD

    engine = db.create_engine(url)
    try:
        assert db.revisie(engine) == db.HEAD
        assert loader.store_version(engine) == 1  # one load: the version was bumped once
        with engine.connect() as conn:
            n_bronnen = conn.execute(sa.text("SELECT count(*) FROM bronnen")).scalar()
            n_versie = conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar()
        assert n_versie == 1
        assert n_bronnen == sum(1 for _ in open(ROOT / "data" / "bronnen.csv", encoding="utf-8")) - 1
    finally:
        engine.dispose()


def test_the_lock_is_given_back_and_never_left_on_a_pooled_connection(pg_stores):
    """After init the advisory lock is free: a second init (another process, later) does
    not wait, and no connection of the pool still holds it."""
    url = pg_stores.empty_url()
    engine = db.create_engine(url)
    try:
        assert loader.init_store(engine) is True
        assert loader.init_store(engine) is False
        with engine.connect() as conn:
            held = conn.execute(
                sa.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
            ).scalar()
        assert held == 0
        other = db.create_engine(url)
        try:
            with other.connect() as conn:
                key = conn.execute(db._SLOT_SLEUTEL).scalar()
                assert conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar() is True
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        finally:
            other.dispose()
    finally:
        engine.dispose()


def test_four_workers_started_together_on_an_empty_store(pg_stores, tmp_path):
    """The same with real workers (`serve.Cluster`, four `streamlit run app.py` behind HAProxy):
    a session on each, at the same moment, makes all four initialise the store at once; all
    four show the home page and the dataset is there once."""
    import asyncio

    from benchmarks.bench import Session
    from ijmond_dash.server import serve
    from tests.integration.helpers import run_async

    if serve.haproxy_binary() is None:
        from tests.conftest import IN_CI

        if IN_CI:
            pytest.fail("HAProxy is required in CI")
        pytest.skip("HAProxy is missing")
    url = pg_stores.empty_url()
    with serve.Cluster(workers=4, database_url=url, port=0, worker_port=0, run_dir=tmp_path / "run") as cluster:
        ws = cluster.url.replace("http://", "ws://") + "/_stcore/stream"

        async def one_each():
            sessions = [Session(ws, timeout=180, worker=w.name) for w in cluster.pool]
            for s in sessions:
                await s.__aenter__()
            try:
                return await asyncio.gather(*(s.run("") for s in sessions))
            finally:
                for s in sessions:
                    await s.__aexit__()

        runs = run_async(one_each())
        logs = {w.name: w.log.read_text(errors="replace")[-1500:] for w in cluster.pool}
    for r in runs:
        assert r.status == 0 and not r.exceptions, (r.exceptions, logs)
        assert r.metrics["Uitkeringen P-wet (personen)"] == "3.681"
    engine = db.create_engine(url)
    try:
        assert db.revisie(engine) == db.HEAD
        assert loader.store_version(engine) == 1  # loaded once
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        engine.dispose()
