"""db.HEAD: the start skips Alembic only for a store that really is at the newest migration."""

from __future__ import annotations

import subprocess
import sys

from alembic.script import ScriptDirectory

from ijmond_dash.store import db


def test_head_constant_is_alembics_head():
    engine = db.create_engine("sqlite://")
    assert ScriptDirectory.from_config(db.alembic_config(engine)).get_current_head() == db.HEAD


def test_upgrade_runs_alembic_until_head_and_then_not(stores, monkeypatch):
    engine = db.create_engine(stores.empty_url())
    assert db.revisie(engine) is None
    db.upgrade(engine)
    assert db.revisie(engine) == db.HEAD

    import alembic.command

    monkeypatch.setattr(alembic.command, "upgrade", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    db.upgrade(engine)  # at head: no Alembic
    monkeypatch.undo()
    alembic.command.downgrade(db.alembic_config(engine), "-1")  # a store one migration behind
    assert db.revisie(engine) not in (None, db.HEAD)
    db.upgrade(engine)  # is upgraded again
    assert db.revisie(engine) == db.HEAD
    engine.dispose()


def test_the_app_modules_do_not_import_alembic():
    """Importing what the app imports leaves Alembic unloaded (it costs start-up time)."""
    code = "import sys, ijmond_dash.ui, ijmond_dash.store.loader; print('alembic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr
