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
        "Threshold below which counts of people are shown as '< N' (privacy, AVG); at least 5 "
        "(KLEINE_AANTALLEN_MINIMUM): a lower value is refused at start.",
    ),
    Setting(
        "IJMOND_GELIJKTIJDIGE_RUNS",
        "2",
        "How many script runs of one server process execute at once; the others wait their "
        "turn (ijmond_dash/server/beurten.py).",
    ),
    Setting(
        "IJMOND_LOKAAL_BEHEER",
        "aan",
        "Without login ([auth]): may the person at this machine import data ('aan'/'uit')? Only "
        "ever for requests to a server listening on a loopback address, from a loopback client, "
        "and not through a proxy (no X-Forwarded-For/Forwarded header); set 'uit' on any server "
        "that others reach.",
    ),
)

# Below this, 'kleine aantallen' would show counts of one or a few people (AVG): refused.
KLEINE_AANTALLEN_MINIMUM = 5
_AAN, _UIT = ("1", "aan", "ja", "true", "on", "yes"), ("0", "uit", "nee", "false", "off", "no")


class OngeldigeInstelling(ValueError):
    """A setting with a value the app refuses to start with; the message is Dutch and names it."""


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


def _kleine_aantallen() -> tuple[str, int | None]:
    waarde = get("IJMOND_KLEINE_AANTALLEN").strip()
    try:
        drempel = int(waarde)
    except ValueError:
        return waarde, None
    return waarde, drempel if drempel >= KLEINE_AANTALLEN_MINIMUM else None


def kleine_aantallen_drempel() -> int:
    """The small-number threshold, never below KLEINE_AANTALLEN_MINIMUM (0 or 1 would switch
    suppression off). An invalid value stops the app at start (``controleer``); should a page
    ask before that check ran, it gets the minimum, so it never shows more than allowed."""
    return _kleine_aantallen()[1] or KLEINE_AANTALLEN_MINIMUM


def lokaal_beheer() -> bool:
    """IJMOND_LOKAAL_BEHEER as a switch; ``OngeldigeInstelling`` for a value that is neither."""
    waarde = get("IJMOND_LOKAAL_BEHEER").strip().lower()
    if waarde in _AAN:
        return True
    if waarde in _UIT:
        return False
    raise OngeldigeInstelling(f"IJMOND_LOKAAL_BEHEER is '{waarde}', maar moet 'aan' of 'uit' zijn.")


def controleer() -> None:
    """Refuse to start with a setting the app cannot honour (raises ``OngeldigeInstelling``)."""
    waarde, drempel = _kleine_aantallen()
    if drempel is None:
        raise OngeldigeInstelling(
            f"IJMOND_KLEINE_AANTALLEN is '{waarde}', maar moet een geheel getal van minstens "
            f"{KLEINE_AANTALLEN_MINIMUM} zijn: kleinere aantallen personen zouden herleidbaar worden getoond. "
            "Pas de instelling aan (of laat haar leeg voor 5) en start het dashboard opnieuw."
        )
    lokaal_beheer()
