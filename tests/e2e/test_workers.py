"""Two workers behind HAProxy on loopback, one Postgres store (``python -m ijmond_dash serve``).

The launcher runs as a user starts it, on a fresh Postgres schema (so the two workers' first
runs also initialise the store together). The tests show, in order:

1. new sessions land on both workers, and each one runs the app on its worker;
2. a browser session stays on its worker: an upload and an import through the proxy succeed
   (Streamlit keeps the uploaded file in the worker that received it), and a session on the
   other worker shows the import after a rerun;
3. a killed worker leaves the other one serving: new sessions, and the sessions of the dead
   worker, go to the survivor; HAProxy marks the dead one down;
4. a rolling restart (SIGHUP, one worker at a time) loses no session's state and no import:
   open browser sessions on both workers reconnect and show what they showed.

Configured as a server is: an ``[auth]`` section (login required) and ``[toegang]``, in one
secrets file for both workers. The test user logs in once, through the proxy, with ``st.login``
against a minimal OIDC provider on loopback (tests/e2e/oidc.py), and is beheerder because
``[toegang]`` says so. Every session of the tests carries that login cookie, made by one worker
and valid on the other (they share the ``cookie_secret``); no local-beheer rule is involved.

Needs Postgres, HAProxy and chromium: skipped locally without them, failed with ``CI=true``.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.bench import Session, affinity_cookie
from ijmond_dash.server import serve
from tests.conftest import IN_CI, ROOT, StoreFactory
from tests.integration.helpers import run_async

from .conftest import IDLE
from .oidc import OidcProvider

pytestmark = [pytest.mark.workers, pytest.mark.slow]

BEHEERDER = "beheer@ijw-test.nl"
CLIENT_ID, CLIENT_SECRET = "ijw-dashboard-test", "test-geheim"
METRIC = "Uitkeringen P-wet (personen)"  # on the home page; the import below changes it
VOOR, NA = "3.681", "3.600"
NIEUW = (
    b"peildatum,gebied,definitie,aantal,bron\n"
    b"2024-12-31,GM0375,pwet_personen,1000,rv2025_omvang\n"
    b"2024-12-31,GM0396,pwet_personen,900,rv2025_omvang\n"
    b"2024-12-31,GM0453,pwet_personen,1700,rv2025_omvang\n"
    b"2024-12-31,IJMOND,pwet_personen,3600,rv2025_omvang\n"
)


def _need(what: str, ok: bool) -> None:
    if not ok:
        if IN_CI:
            pytest.fail(f"{what} is required in CI")
        pytest.skip(f"{what} is missing")


class Launcher:
    """``python -m ijmond_dash serve --workers 2`` in a subprocess, read through its status file."""

    def __init__(self, database_url: str, run_dir: Path, oidc: OidcProvider):
        self.run_dir = run_dir
        self.database_url = database_url
        self.status_file = run_dir / "status.json"
        port = serve.free_port()
        self.url = f"http://127.0.0.1:{port}"
        secrets = run_dir / "secrets.toml"
        secrets.write_text(f"""# a server's configuration: login required, one beheerder
[auth]
redirect_uri = "{self.url}/oauth2callback"
cookie_secret = "{uuid.uuid4().hex}{uuid.uuid4().hex}"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{oidc.metadata_url}"

[toegang]
kijkers = []
beheerders = ["{BEHEERDER}"]
""")
        env = {**os.environ, "DATABASE_URL": database_url}
        self.log = open(run_dir / "serve.log", "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ijmond_dash",
                "serve",
                "--workers",
                "2",
                "--port",
                str(port),
                "--worker-port",
                "0",
                "--run-dir",
                str(run_dir / "run"),
                "--status-file",
                str(self.status_file),
                "--secrets.files",
                str(secrets),
                "--server.disconnectedSessionTTL",
                "30",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180
        while not self.status_file.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"the launcher did not start:\n{self.output()}")
            time.sleep(0.2)
        assert self.status()["url"] == self.url

    def output(self) -> str:
        return (self.run_dir / "serve.log").read_text(errors="replace")[-4000:]

    def status(self) -> dict:
        return json.loads(self.status_file.read_text())

    def workers(self) -> dict[str, dict]:
        return {w["name"]: w for w in self.status()["workers"]}

    def haproxy(self) -> dict[str, str]:
        return serve.server_status(self.status()["admin_socket"])

    def open_sessions(self) -> dict[str, int]:
        """Connections HAProxy has open to each worker now (one websocket per session)."""
        import csv
        import io

        text = serve.admin(self.status()["admin_socket"], "show stat").lstrip("# ")
        return {
            r["svname"]: int(r["scur"])
            for r in csv.DictReader(io.StringIO(text))
            if r["pxname"] == serve.BACKEND and r["svname"].startswith("w")
        }

    def wait(self, check, what: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                pytest.fail(f"{what} did not happen within {timeout:.0f} s:\n{self.output()}")
            if self.proc.poll() is not None:
                pytest.fail(f"the launcher stopped:\n{self.output()}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def oidc():
    with OidcProvider(BEHEERDER, CLIENT_ID, CLIENT_SECRET) as provider:
        yield provider


@pytest.fixture(scope="module")
def launcher(tmp_path_factory, chromium_path, oidc):
    _need("HAProxy (apt-get install haproxy)", serve.haproxy_binary() is not None)
    factory = StoreFactory("postgres", tmp_path_factory)  # fails in CI when Postgres is absent
    lanceerder = Launcher(factory.empty_url(), tmp_path_factory.mktemp("serve"), oidc)
    yield lanceerder
    lanceerder.stop()
    assert lanceerder.proc.returncode == 0, lanceerder.output()
    factory.cleanup()


@pytest.fixture(scope="module")
def login(launcher, browser, oidc) -> dict[str, str]:
    """Log in once through the proxy (st.login, the OIDC provider, back to the app); the login
    cookies, which every session of the tests then carries (the worker cookie aside)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    try:
        page = _open(context, launcher.url)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text(f"Ingelogd als {BEHEERDER} (beheerder)").wait_for(timeout=60_000)
        assert oidc.logins == 1
        return {c["name"]: c["value"] for c in context.cookies() if c["name"] != serve.COOKIE}
    finally:
        context.close()


def _context(browser, launcher, login: dict[str, str], worker: str | None = None):
    """A browser with the login cookies (and, when given, pinned to ``worker``)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    jar = {**login, **({serve.COOKIE: worker} if worker else {})}
    context.add_cookies([{"name": k, "value": v, "url": launcher.url} for k, v in jar.items()])
    return context


def ws_url(base: str) -> str:
    return base.replace("http://", "ws://") + "/_stcore/stream"


def _session(launcher, login: dict[str, str], worker: str) -> Session:
    """A websocket session on ``worker`` (its affinity cookie), logged in as a browser is."""
    return Session(ws_url(launcher.url), timeout=120, worker=worker, cookies=login, origin=launcher.url)


async def _home(launcher, login: dict[str, str], worker: str):
    """A session on ``worker`` that runs the home page once."""
    async with _session(launcher, login, worker) as s:
        return await s.run("")


class HeldSession:
    """A websocket session that stays open while the test does other things (a browser in
    this thread): it lives on its own event loop in a background thread."""

    def __init__(self, session: Session):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.session = session
        self._call(self.session.__aenter__())

    def _call(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(180)

    def run(self, page: str = ""):
        return self._call(self.session.run(page))

    def close(self) -> None:
        try:
            self._call(self.session.__aexit__())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)
            self.loop.close()


def _check_run(r) -> None:
    assert r.status == 0 and not r.exceptions, (r.status, r.exceptions)


def _worker_of(context) -> str:
    return {c["name"]: c["value"] for c in context.cookies()}[serve.COOKIE]


def _open(context, path: str):
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(path)
    page.wait_for_selector(IDLE)
    return page


def _settle(page) -> None:
    """Wait until a rerun that an action started has finished."""
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE)


def _import_log(url: str) -> list[tuple]:
    """Every import in the store, with its state (active or undone)."""
    from ijmond_dash.store import db, queries

    engine = db.create_engine(url)
    try:
        log = queries.import_log(engine)
        return sorted(zip(log["id"].tolist(), log["ongedaan_gemaakt_op"].isna().tolist(), strict=True))
    finally:
        engine.dispose()


# ---------------------------------------------------------------- 1. both workers


def test_new_sessions_land_on_both_workers(launcher, login):
    ports = {naam: w["port"] for naam, w in launcher.workers().items()}
    assert serve.backend_workers(launcher.status()["admin_socket"]) == sorted(ports.items())  # as `herstart` reads them
    workers = [affinity_cookie(launcher.url) for _ in range(6)]
    assert set(workers) == {"w1", "w2"}, workers

    async def all_open():
        sessions = [_session(launcher, login, w) for w in workers]
        for s in sessions:
            await s.__aenter__()
        try:
            runs = await asyncio.gather(*(s.run("") for s in sessions))
            open_now = launcher.open_sessions()  # while all six websockets are open
        finally:
            for s in sessions:
                await s.__aexit__()
        return runs, open_now

    runs, open_now = run_async(all_open())
    for r in runs:
        _check_run(r)
        assert r.metrics[METRIC] == VOOR
    assert open_now == dict(Counter(workers)), (open_now, workers)  # each session is on its cookie's worker


# ---------------------------------------------------------------- 2. upload and import


def test_upload_and_import_through_the_proxy_then_seen_on_the_other_worker(launcher, browser, login, tmp_path):
    context = _context(browser, launcher, login)
    try:
        page = _open(context, f"{launcher.url}/beheer?beheer_dataset=Uitkeringen+per+gemeente")
        assert "Gegevens beheren" in page.locator("h1").all_inner_texts()
        a = _worker_of(context)
        b = "w2" if a == "w1" else "w1"

        sessie_b = HeldSession(_session(launcher, login, b))
        try:
            before = sessie_b.run("")
            _upload_and_import(page, tmp_path)
            after = sessie_b.run("")  # the same session, one rerun later
        finally:
            sessie_b.close()
        _check_run(before)
        _check_run(after)
        assert before.metrics[METRIC] == VOOR
        assert after.metrics[METRIC] == NA, "the import through the other worker is not visible after a rerun"
        assert _worker_of(context) == a, "the browser session moved to another worker"
        assert not page.locator("[data-testid='stException']").count()
    finally:
        context.close()


def _upload_and_import(page, tmp_path) -> None:
    bestand = tmp_path / "kwartaal.csv"
    bestand.write_bytes(NIEUW)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(bestand))
    page.get_by_text("kan worden geïmporteerd").wait_for()
    _settle(page)
    page.get_by_role("button", name="Importeren").click()
    page.get_by_text("is opgeslagen").wait_for()
    _settle(page)


# ---------------------------------------------------------------- 3. a worker dies


def test_a_killed_worker_leaves_the_other_serving(launcher, login):
    dood, levend = "w1", "w2"
    r = run_async(_home(launcher, login, levend))
    getoond = r.metrics[METRIC]  # what every session shows now (after test 2's import: NA)
    os.kill(launcher.workers()[dood]["pid"], signal.SIGKILL)
    launcher.wait(lambda: not launcher.workers()[dood]["alive"], "the launcher noticing the dead worker")

    # new sessions: the proxy gives them to the survivor, and they run there
    nieuw = [affinity_cookie(launcher.url) for _ in range(4)]
    assert nieuw == [levend] * 4
    # a session of the dead worker (its cookie) is sent to the survivor
    assert affinity_cookie(launcher.url, worker=dood) == levend
    for w in (*nieuw, dood):
        r = run_async(_home(launcher, login, w))
        _check_run(r)
        assert r.metrics[METRIC] == getoond
    launcher.wait(lambda: launcher.haproxy()[dood] == "DOWN", "HAProxy marking the dead worker down", 30)

    # the launcher's rolling restart brings it back
    launcher.proc.send_signal(signal.SIGHUP)
    launcher.wait(
        lambda: all(w["alive"] and w["haproxy"] == "UP" and w["restarts"] == 1 for w in launcher.workers().values()),
        "the rolling restart",
        240,
    )


# ---------------------------------------------------------------- 4. rolling restart

AANNAME_VELD = "Uit de reserve, Velsen (€)"


def test_a_rolling_restart_loses_no_session_state_and_no_import(launcher, browser, login):
    contexts, pages, waarden = [], {}, {"w1": "1234567", "w2": "7654321"}
    try:
        for worker, waarde in waarden.items():
            context = _context(browser, launcher, login, worker)
            contexts.append(context)
            page = _open(context, f"{launcher.url}/scenario")
            assert _worker_of(context) == worker
            # an assumption the documents leave open (so the page says "Aanname"), inside its section
            page.locator("[data-testid='stExpander'] summary", has_text="Dekking per gemeente").click()
            veld = page.get_by_label(AANNAME_VELD, exact=True)
            veld.fill(waarde)
            veld.press("Enter")
            _settle(page)
            assert "Aanname" in page.locator("[data-testid='stAlert']").first.inner_text()
            pages[worker] = page
        urls = {w: p.url for w, p in pages.items()}
        imports = _import_log(launcher.database_url)
        r = run_async(_home(launcher, login, "w1"))
        getoond = r.metrics[METRIC]  # after test 2's import: NA

        before = {w["name"]: w["restarts"] for w in launcher.workers().values()}
        launcher.proc.send_signal(signal.SIGHUP)
        launcher.wait(
            lambda: all(
                w["alive"] and w["haproxy"] == "UP" and w["restarts"] == before[w["name"]] + 1
                for w in launcher.workers().values()
            ),
            "the rolling restart",
            240,
        )

        for worker, page in pages.items():
            # the browser reconnected by itself (to the other worker while its own restarted)
            page.wait_for_selector(IDLE)
            veld = page.get_by_label(AANNAME_VELD, exact=True)
            assert veld.input_value() == waarden[worker], "the session lost its input in the restart"
            assert page.url == urls[worker]
            assert "Aanname" in page.locator("[data-testid='stAlert']").first.inner_text()
            assert not page.locator("[data-testid='stException']").count()
            # and the import made before the restart is still there, in this same session
            page.locator("[data-testid='stSidebarNav'] a", has_text="Overzicht").click()
            _settle(page)
            metric = page.locator("[data-testid='stMetric']", has_text=METRIC)
            assert getoond in metric.inner_text(), "the session shows other data after the restart"
        assert _import_log(launcher.database_url) == imports, "an import was lost in the restart"
    finally:
        for context in contexts:
            context.close()
