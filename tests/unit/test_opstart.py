"""Start-up errors name the real cause and the setting to change, in the app and on the command
line (one line, non-zero exit, no traceback): a read-only checkout, a store at a migration
revision this version does not know, a corrupt or read-only SQLite file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from ijmond_dash import settings
from ijmond_dash.store import db, loader

ROOT = Path(__file__).resolve().parents[2]


def cli(env: dict[str, str]) -> subprocess.CompletedProcess:
    omgeving = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "IJMOND_SQLITE_PATH")}
    omgeving.update(env)
    return subprocess.run(
        [sys.executable, "-m", "ijmond_dash", "init"],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


def een_regel(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    regels = result.stderr.strip().splitlines()
    assert len(regels) == 1, result.stderr
    return regels[0]


def test_read_only_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("IJMOND_SQLITE_PATH", str(tmp_path / "nieuw" / "ijmond.sqlite"))

    def alleen_lezen(self, *a, **k):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", alleen_lezen)
    with pytest.raises(db.StoreUnavailable) as fout:
        loader.init_store()
    melding = str(fout.value)
    assert "alleen-lezen bestandssysteem" in melding and "IJMOND_SQLITE_PATH" in melding
    assert str(tmp_path / "nieuw") in melding and "Errno" not in melding


def test_read_only_checkout_on_the_command_line(tmp_path):
    """A real read-only directory: the default store's folder cannot be made in it."""
    map_ = tmp_path / "checkout"
    map_.mkdir()
    alleen_lezen(map_)
    try:
        regel = een_regel(cli({"IJMOND_SQLITE_PATH": str(map_ / "var" / "ijmond.sqlite")}))
    finally:
        schrijfbaar(map_)
    assert "kan niet worden aangemaakt" in regel and "IJMOND_SQLITE_PATH" in regel


def alleen_lezen(pad: Path) -> None:
    """Make ``pad`` read-only, also for root (which ignores the mode bits): immutable."""
    pad.chmod(0o555 if pad.is_dir() else 0o444)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(pad)], check=True)
    try:
        if pad.is_dir():
            (pad / "probe").touch()
        else:
            pad.open("ab").close()
    except OSError:
        return
    pytest.fail(f"could not make {pad} read-only on this machine")


def schrijfbaar(pad: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(pad)], check=False)
    pad.chmod(0o755 if pad.is_dir() else 0o644)


def test_unknown_migration_revision(stores, monkeypatch):
    url = stores.loaded_url()
    engine = db.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(db.StoreUnavailable) as fout:
        loader.init_store(engine)
    melding = str(fout.value)
    assert "schemaversie '0099'" in melding and f"'{db.HEAD}'" in melding and "DATABASE_URL" in melding
    engine.dispose()
    regel = een_regel(cli({"DATABASE_URL": url}))
    assert "schemaversie '0099'" in regel and "DATABASE_URL" in regel


def test_corrupt_sqlite_file(tmp_path, monkeypatch):
    pad = tmp_path / "ijmond.sqlite"
    pad.write_bytes(b"dit is geen database " * 200)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("IJMOND_SQLITE_PATH", str(pad))
    with pytest.raises(db.StoreUnavailable) as fout:
        loader.init_store()
    melding = str(fout.value)
    assert "geen SQLite-database of is beschadigd" in melding and "IJMOND_SQLITE_PATH" in melding
    assert "DATABASE_URL" not in melding and str(pad) in melding
    regel = een_regel(cli({"IJMOND_SQLITE_PATH": str(pad)}))
    assert "beschadigd" in regel and "IJMOND_SQLITE_PATH" in regel


def test_read_only_sqlite_file(tmp_path, monkeypatch):
    pad = tmp_path / "ijmond.sqlite"
    engine = db.create_engine(f"sqlite:///{pad}")
    loader.init_store(engine)
    engine.dispose()
    for extra in tmp_path.glob("ijmond.sqlite-*"):
        extra.unlink()
    alleen_lezen(pad)
    try:
        monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.setenv("IJMOND_SQLITE_PATH", str(pad))
        with pytest.raises(db.StoreUnavailable) as fout:
            loader.init_store()
        melding = str(fout.value)
        assert f"het bestand {pad} is alleen-lezen" in melding and "IJMOND_SQLITE_PATH" in melding
        regel = een_regel(cli({"IJMOND_SQLITE_PATH": str(pad)}))
        assert "alleen-lezen" in regel
    finally:
        schrijfbaar(pad)


def test_sqlite_through_database_url_names_database_url(tmp_path, monkeypatch):
    pad = tmp_path / "kapot.sqlite"
    pad.write_bytes(b"x" * 4096)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{pad}")
    with pytest.raises(db.StoreUnavailable, match="Zet DATABASE_URL op een ander bestand"):
        loader.init_store()


def test_unreachable_postgres_still_names_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/geen")
    regel = een_regel(cli({"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/geen"}))
    assert "niet bereikbaar" in regel and "DATABASE_URL" in regel


def test_too_low_small_number_threshold_is_refused_at_start(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("IJMOND_SQLITE_PATH", str(tmp_path / "s.sqlite"))
    for waarde in ("0", "1", "4", "-3", "vijf"):
        monkeypatch.setenv("IJMOND_KLEINE_AANTALLEN", waarde)
        with pytest.raises(settings.OngeldigeInstelling) as fout:
            settings.controleer()
        assert "IJMOND_KLEINE_AANTALLEN" in str(fout.value) and f"{settings.KLEINE_AANTALLEN_MINIMUM}" in str(
            fout.value
        )
        assert settings.kleine_aantallen_drempel() == settings.KLEINE_AANTALLEN_MINIMUM  # never less suppression
    regel = een_regel(cli({"IJMOND_KLEINE_AANTALLEN": "0", "IJMOND_SQLITE_PATH": str(tmp_path / "s.sqlite")}))
    assert "IJMOND_KLEINE_AANTALLEN" in regel and not (tmp_path / "s.sqlite").exists()
    for waarde, drempel in (("5", 5), ("10", 10), ("", 5)):
        monkeypatch.setenv("IJMOND_KLEINE_AANTALLEN", waarde)
        settings.controleer()
        assert settings.kleine_aantallen_drempel() == drempel


def test_cli_init_still_works(tmp_path):
    result = cli({"IJMOND_SQLITE_PATH": str(tmp_path / "ok.sqlite")})
    assert result.returncode == 0 and "dataset geladen" in result.stdout, result.stderr
