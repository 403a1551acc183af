"""Settings, declared once: name, default and help text.

Every setting is read from the environment at the moment it is needed, so tests and the
app pick up changes without re-importing. The README lists these settings; a test fails
when one is missing there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        "",
        "SQLAlchemy URL of the store, e.g. postgresql+psycopg://user@host/db. "
        "Empty: an embedded SQLite file at IJMOND_SQLITE_PATH.",
    ),
    Setting(
        "IJMOND_SQLITE_PATH",
        str(PROJECT_ROOT / "var" / "ijmond.sqlite"),
        "Location of the embedded SQLite store used when DATABASE_URL is empty.",
    ),
    Setting(
        "IJMOND_DATA_DIR",
        str(PROJECT_ROOT / "data"),
        "Folder with the reviewed CSV files of the default dataset.",
    ),
    Setting(
        "IJMOND_KLEINE_AANTALLEN",
        "5",
        "Threshold below which counts of people are shown as '< N' (privacy, AVG).",
    ),
    Setting(
        "IJMOND_GELIJKTIJDIGE_RUNS",
        "2",
        "How many script runs of one server process execute at once; the others wait their "
        "turn (ijmond_dash/beurten.py).",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The current value of a declared setting (environment first, then the default)."""
    setting = _BY_NAME[name]
    value = os.environ.get(name, "")
    return value if value.strip() else setting.default


def database_url() -> str:
    url = get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{get('IJMOND_SQLITE_PATH')}"


def data_dir() -> Path:
    return Path(get("IJMOND_DATA_DIR"))


def gelijktijdige_runs() -> int:
    try:
        return max(1, int(get("IJMOND_GELIJKTIJDIGE_RUNS")))
    except ValueError:
        return 2


def kleine_aantallen_drempel() -> int:
    try:
        return max(1, int(get("IJMOND_KLEINE_AANTALLEN")))
    except ValueError:
        return 5
