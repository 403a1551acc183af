"""Fixtures for the browser tests: a real `streamlit run app.py` and Debian's chromium.

Each backend gets one server for the whole session, started against a fresh, empty store
(a temporary SQLite file, or a new Postgres schema), so the first request exercises the
real first start: schema upgrade and loading the default dataset. Nothing sleeps: the
fixture polls ``/_stcore/health`` and the pages wait for Streamlit's own "script not
running" marker and for every Plotly chart to be drawn.

Locally a missing ``/usr/bin/chromium`` skips these tests; with ``CI=true`` it fails them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import IN_CI, ROOT, StoreFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots go to an ignored folder, so a test run leaves the work tree clean;
# IJMOND_SCREENSHOTS=docs refreshes the ones the README links to.
SCREENSHOTS_ENV = "IJMOND_SCREENSHOTS"
SCREENSHOT_DIRS = {"artifacts": ROOT / "artifacts" / "screenshots", "docs": ROOT / "docs" / "screenshots"}
VIEWPORT = {"width": 1920, "height": 1080}
# The app is idle and every chart is drawn: the only thing the tests wait on.
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
START_TIMEOUT_S = 90


def screenshot_dir() -> Path:
    """Where the browser tests write screenshots (``IJMOND_SCREENSHOTS``: artifacts or docs)."""
    keuze = os.environ.get(SCREENSHOTS_ENV, "artifacts").strip().lower() or "artifacts"
    if keuze not in SCREENSHOT_DIRS:
        raise ValueError(f"{SCREENSHOTS_ENV}={keuze!r}: choose one of {', '.join(SCREENSHOT_DIRS)}")
    pad = SCREENSHOT_DIRS[keuze]
    pad.mkdir(parents=True, exist_ok=True)
    return pad


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base_url: str, proc: subprocess.Popen | None, timeout: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            text = log.read_text(errors="replace")[-4000:] if log else ""
            raise RuntimeError(f"streamlit exited with {proc.returncode} before it was healthy:\n{text}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200 and resp.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{base_url} was not healthy within {timeout} s")


def start_streamlit(
    script: str | Path, env_extra: dict[str, str], log_path: Path, *extra_args: str, cwd: Path = ROOT
) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run script`` on a free loopback port; returns (process, base URL)."""
    port = free_port()
    env = {**os.environ, **env_extra}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *extra_args,
    ]
    log = open(log_path, "wb")  # noqa: SIM115 - closed in stop_streamlit via the process
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    proc._ijw_log = log  # type: ignore[attr-defined]
    return proc, f"http://127.0.0.1:{port}"


def stop_streamlit(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    log = getattr(proc, "_ijw_log", None)
    if log:
        log.close()


@dataclass
class AppServer:
    backend: str
    database_url: str
    base_url: str
    proc: subprocess.Popen
    log: Path

    def log_tail(self, n: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-n:]


@dataclass
class ServerPool:
    """One server per backend, started on first use, stopped at the end of the session."""

    tmp_path_factory: pytest.TempPathFactory
    servers: dict[str, AppServer] = field(default_factory=dict)
    factories: list[StoreFactory] = field(default_factory=list)

    def get(self, backend: str) -> AppServer:
        if backend not in self.servers:
            factory = StoreFactory(backend, self.tmp_path_factory)  # fails/skips when Postgres is absent
            self.factories.append(factory)
            url = factory.empty_url()
            log = self.tmp_path_factory.mktemp(f"streamlit_{backend}") / "server.log"
            proc, base = start_streamlit("app.py", {"DATABASE_URL": url}, log)
            try:
                wait_healthy(base, proc, START_TIMEOUT_S, log)
            except Exception:
                stop_streamlit(proc)
                raise
            self.servers[backend] = AppServer(backend, url, base, proc, log)
        return self.servers[backend]

    def close(self) -> None:
        for server in self.servers.values():
            stop_streamlit(server.proc)
        for factory in self.factories:
            factory.cleanup()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        msg = f"{CHROMIUM} is missing (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"chromium is required in CI: {msg}")
        pytest.skip(msg)
    return CHROMIUM


@pytest.fixture(scope="session")
def server_pool(tmp_path_factory, chromium_path):
    pool = ServerPool(tmp_path_factory)
    yield pool
    pool.close()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def app_server(request, server_pool) -> AppServer:
    """The app on a fresh store, once per backend."""
    return server_pool.get(request.param)


@pytest.fixture(scope="session")
def sqlite_server(server_pool) -> AppServer:
    """The app on a fresh SQLite store (screenshots, deep links, accessibility)."""
    return server_pool.get("sqlite")


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def track_console(pg):
    """Collect console errors and uncaught page errors in ``pg.console_errors``, and every URL
    the page requests in ``pg.requests``."""
    pg.set_default_timeout(30_000)
    pg.console_errors = []
    pg.requests = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(f"{m.text} @ {m.location}"))
    pg.on("pageerror", lambda e: pg.console_errors.append(f"pageerror: {e}"))
    pg.on("request", lambda r: pg.requests.append(r.url))
    return pg


@pytest.fixture
def page(browser):
    """A fresh browser context at 1920×1080 with Dutch locale; collects console errors."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL", timezone_id="Europe/Amsterdam")
    pg = track_console(context.new_page())
    yield pg
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        msg = f"{AXE_JS} is missing: run `npm ci --prefix tests/e2e`"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return AXE_JS.read_text()
