"""Benchmark: ratios measured in one run, so they hold on a noisy machine.

    python -m benchmarks.bench                 # everything, default sizes (under 5 minutes on 2 cores)
    python -m benchmarks.bench --only scale --events 1000000   # the issue's scale case
    python -m benchmarks.bench --events 100000 --runs 3   # a quick run
    python -m benchmarks.bench --only pages,settings      # some sections

Sections (docs/PERFORMANCE.md explains each and records the results):

- pages: per page of the navigation, the median server-side script time of a rerun (AppTest,
  warm caches, timed in the script thread as a server runs it; see ``_as_on_a_server``)
  divided by the floor for that page: the same queries (uncached), the same chart-function
  calls, ``plotly.io.to_json`` of every figure and the Arrow serialisation of every table
  shown (a table's equivalent of to_json), in this warm process. The "(shell)" row is a page
  with only the shared header: the fixed cost every page pays.
- cold: ``streamlit run app.py`` until the first chart is drawn in chromium, divided by the
  same for the one-chart app in benchmarks/minimal_app.py.
- scale: the fase page's aggregation (``queries.fase_overgangen``) over N synthetic events
  divided by one hand-written GROUP BY over the same rows, on SQLite and Postgres; and the
  fase page's script time with N events divided by the same page on the default dataset.
- settings: median rerun time of the heaviest page on a real server (websocket client) for
  ``runner.postScriptGC`` on/off and ``server.fileWatcherType`` auto/none.

Also holds the small websocket client (``Session``) that benchmarks/loadtest.py uses: it
speaks Streamlit's own protocol (BackMsg ``rerun_script`` in, ForwardMsg ``script_finished``
out) on ``/_stcore/stream``. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ijmond_dash.settings import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"
MINIMAL_APP = PROJECT_ROOT / "benchmarks" / "minimal_app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHART_DRAWN_JS = """() => !!document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot .main-svg")"""
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: list[float]) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(0.95 * len(s)) - 1))]


# ---------------------------------------------------------------- a server on loopback


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    base_url: str
    log: Path

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http://", "ws://") + "/_stcore/stream"

    def rss_kib(self) -> int:
        """Resident memory of the server process (VmRSS from /proc), KiB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return -1

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def start_server(script: Path, database_url: str | None, *options: str, log_dir: Path | None = None) -> Server:
    """``streamlit run script`` on a free 127.0.0.1 port; ``options`` are ``--name value`` flags."""
    port = free_port()
    env = dict(os.environ)
    if database_url:
        env["DATABASE_URL"] = database_url
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="ijw_bench_"))
    log = log_dir / f"streamlit_{port}.log"
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
        *options,
    ]
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    return Server(proc, f"http://127.0.0.1:{port}", log)


def wait_healthy(server: Server, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {server.log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(server.base_url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError(server.base_url)


# ---------------------------------------------------------------- websocket client


@dataclass
class RunResult:
    seconds: float
    status: int | None  # ForwardMsg.ScriptFinishedStatus, None when it never came
    messages: int
    exceptions: list[str] = field(default_factory=list)
    sliders: list = field(default_factory=list)  # Slider protos seen in this run
    metrics: dict[str, str] = field(default_factory=dict)  # st.metric label -> value shown
    pages: dict[str, str] = field(default_factory=dict)  # url_pathname -> page_script_hash


AFFINITY_COOKIE = "IJW_WORKER"  # HAProxy's session affinity (ijmond_dash/server/serve.py)


def affinity_cookie(base_url: str, worker: str | None = None, timeout: float = 30) -> str | None:
    """What a browser's first request gets from the proxy: the worker HAProxy chose for this
    new session (the value of its affinity cookie), or None without a proxy. ``worker`` asks
    for that worker, as a browser that already has the cookie does."""
    import http.cookies

    headers = {"Cookie": f"{AFFINITY_COOKIE}={worker}"} if worker else {}
    req = urllib.request.Request(base_url.rstrip("/") + "/", headers=headers)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        r.read()
        jar = http.cookies.SimpleCookie()
        for value in r.headers.get_all("Set-Cookie") or []:
            jar.load(value)
    return jar[AFFINITY_COOKIE].value if AFFINITY_COOKIE in jar else worker


class Session:
    """One browser-less session on /_stcore/stream, speaking Streamlit's protobuf protocol.

    ``worker``: the proxy's affinity cookie to send (``affinity_cookie``), so the session
    stays on that worker behind HAProxy as a browser's does. ``cookies`` (e.g. a logged-in
    browser's ``st.login`` cookies) and ``origin`` (which Streamlit compares with the login's
    redirect URI) are sent with the websocket's handshake, as a browser sends them."""

    def __init__(
        self,
        ws_url: str,
        timeout: float = 60,
        worker: str | None = None,
        cookies: dict[str, str] | None = None,
        origin: str | None = None,
    ):
        self.ws_url = ws_url
        self.timeout = timeout
        self.worker = worker
        self.cookies = dict(cookies or {})
        self.origin = origin
        self.ws = None
        self.pages: dict[str, str] = {}

    async def __aenter__(self):
        import websockets

        jar = {**self.cookies, **({AFFINITY_COOKIE: self.worker} if self.worker else {})}
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else None
        # the browser passes its XSRF cookie as the second subprotocol; Streamlit reads the
        # login cookie only when the two match
        xsrf = [jar["_streamlit_xsrf"]] if "_streamlit_xsrf" in jar else []
        self.ws = await websockets.connect(
            self.ws_url,
            subprotocols=["streamlit", *xsrf],
            max_size=None,
            open_timeout=self.timeout,
            additional_headers=headers,
            origin=self.origin,
        )
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def run(self, page: str = "", query_string: str = "", widgets: list | None = None) -> RunResult:
        """Ask for a rerun of ``page`` (url_pathname) and wait for script_finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        msg.rerun_script.page_script_hash = self.pages.get(page, "")
        msg.rerun_script.page_name = page
        for w in widgets or []:
            msg.rerun_script.widget_states.widgets.append(w)
        msg.rerun_script.context_info.timezone = "Europe/Amsterdam"
        msg.rerun_script.context_info.locale = "nl-NL"
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        result = RunResult(0.0, None, 0)
        deadline = t0 + self.timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(0.01, deadline - time.perf_counter()))
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            result.messages += 1
            kind = fwd.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
                result.pages = dict(self.pages)
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                which = el.WhichOneof("type")
                if which == "exception":
                    result.exceptions.append(f"{el.exception.type}: {el.exception.message}")
                elif which == "slider":
                    result.sliders.append(el.slider)
                elif which == "metric":
                    result.metrics[el.metric.label] = el.metric.body
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                result.status = status
                result.seconds = time.perf_counter() - t0
                return result


def slider_moved(slider) -> object:
    """The WidgetState of ``slider`` moved one step (down when at its maximum)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    value = list(slider.value or slider.default)
    step = slider.step or 1
    new = value[0] + step if value[0] + step <= slider.max else value[0] - step
    state = WidgetState(id=slider.id)
    state.double_array_value.data.extend([new, *value[1:]])
    return state


# ---------------------------------------------------------------- pages: script time vs floor


def _page_registry():
    """(key, title, file, url_path) of every page app.py registers, after one AppTest run."""
    from streamlit.testing.v1 import AppTest

    from ijmond_dash import ui

    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    out = []
    for key, spec in ui.PAGES.items():
        out.append((key, spec.title, spec.path, spec.url_path))
    return out


class _Recorder:
    """Records what a page asks for: queries run, chart-function calls, plotted figures."""

    def __init__(self):
        self.queries: list[tuple] = []
        self.charts: list[tuple] = []
        self.figures: list = []
        self.tables: list = []
        self._undo: list = []
        self._in_query = False

    def __enter__(self):
        import importlib
        import pkgutil

        from streamlit.elements import plotly_chart as pc

        from ijmond_dash import charts
        from ijmond_dash.store import queries

        # every query the page's data comes from, also those behind ui.berekend (the
        # recording run starts with empty data caches, so each one really runs)
        for name, fn in list(vars(queries).items()):
            if (
                callable(fn)
                and getattr(fn, "__module__", None) == queries.__name__
                and not name.startswith("_")
                and name != "lezer"
                and not isinstance(fn, type)
            ):
                self._patch(queries, name, self._wrap_query(name, fn))
        for info in pkgutil.iter_modules(charts.__path__):
            if info.name == "common":
                continue
            mod = importlib.import_module(f"{charts.__name__}.{info.name}")
            for name, fn in list(vars(mod).items()):
                if (
                    callable(fn)
                    and getattr(fn, "__module__", None) == mod.__name__
                    and not name.startswith("_")
                    and not isinstance(fn, type)
                ):
                    self._patch(mod, name, self._wrap_chart(fn))
        original_plot = pc.PlotlyMixin.plotly_chart

        def plotly_chart(dg, figure_or_data, *args, **kwargs):
            self.figures.append(figure_or_data)
            return original_plot(dg, figure_or_data, *args, **kwargs)

        self._patch(pc.PlotlyMixin, "plotly_chart", plotly_chart)
        import streamlit as st

        original_st_plot = st.plotly_chart  # bound to the main DeltaGenerator at import

        def st_plotly_chart(figure_or_data, *args, **kwargs):
            self.figures.append(figure_or_data)
            return original_st_plot(figure_or_data, *args, **kwargs)

        self._patch(st, "plotly_chart", st_plotly_chart)
        # tables: what a table costs to send (Arrow) is to a table what to_json is to a chart
        from streamlit.elements import arrow

        original_df = arrow.ArrowMixin.dataframe

        def dataframe(dg, data=None, *args, **kwargs):
            self.tables.append(data)
            return original_df(dg, data, *args, **kwargs)

        self._patch(arrow.ArrowMixin, "dataframe", dataframe)
        original_st_df = st.dataframe

        def st_dataframe(data=None, *args, **kwargs):
            self.tables.append(data)
            return original_st_df(data, *args, **kwargs)

        self._patch(st, "dataframe", st_dataframe)
        return self

    def _wrap_query(self, name, fn):
        @functools.wraps(fn)  # keeps the name ui.query checks the query function by
        def wrapper(engine, *args, **kwargs):
            if self._in_query:  # a query that calls another one: the outer call is the one run
                return fn(engine, *args, **kwargs)
            self.queries.append((name, args, kwargs))
            self._in_query = True
            try:
                return fn(engine, *args, **kwargs)
            finally:
                self._in_query = False

        return wrapper

    def _wrap_chart(self, fn):
        @functools.wraps(fn)  # keeps the name ui.grafiek resolves the chart function by
        def wrapper(*args, **kwargs):
            self.charts.append((fn, args, kwargs))
            return fn(*args, **kwargs)

        return wrapper

    def _patch(self, obj, name, value):
        self._undo.append((obj, name, getattr(obj, name)))
        setattr(obj, name, value)

    def __exit__(self, *exc):
        for obj, name, value in reversed(self._undo):
            setattr(obj, name, value)


def _floor_once(engine, rec: _Recorder) -> float:
    import plotly.io as pio
    from streamlit import dataframe_util

    from ijmond_dash.store import queries

    t0 = time.perf_counter()
    for fn_name, args, kwargs in rec.queries:
        getattr(queries, fn_name)(engine, *args, **kwargs)
    for fn, args, kwargs in rec.charts:
        fn(*args, **kwargs)
    for fig in rec.figures:
        pio.to_json(fig, validate=False)
    for table in rec.tables:
        dataframe_util.convert_anything_to_arrow_bytes(table)
    return time.perf_counter() - t0


@contextlib.contextmanager
def _as_on_a_server():
    """Make AppTest time what a server runs, nothing of the test harness.

    AppTest gives every run a new ``ScriptCache``, so it compiles app.py and the page again
    on every rerun (with Streamlit's magic AST pass); a server compiles each script once. And
    AppTest resets ``PagesManager.uses_pages_directory`` before every run, so every run first
    goes through Streamlit's pages/-folder emulation (``_mpa_v1``: a directory scan and a
    page object per file) before app.py calls ``st.navigation``; a server does that only for
    the first run after a start. Here the runs share one cache and keep the navigation mode,
    as on a server, and the time taken is that of the script run itself, in the script thread
    (``ScriptRunner._run_script``), not AppTest's thread start and element-tree parsing around
    it. Yields the list the run times are appended to.
    """
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_runner
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    class ServerPagesManager(PagesManager):
        """AppTest's reset of the class flag lands here; app.py's st.navigation sets the
        flag on PagesManager itself, which is what the script runner reads."""

    shared = ScriptCache()
    times: list[float] = []
    original_cache, original_run = app_test.ScriptCache, script_runner.ScriptRunner._run_script
    original_pm, original_local_cache = app_test.PagesManager, local_runner.ScriptCache

    def run_script(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return original_run(self, *args, **kwargs)
        finally:
            times.append(time.perf_counter() - t0)

    app_test.ScriptCache = local_runner.ScriptCache = lambda: shared
    app_test.PagesManager = ServerPagesManager
    script_runner.ScriptRunner._run_script = run_script
    try:
        yield times
    finally:
        app_test.ScriptCache = original_cache
        app_test.PagesManager, local_runner.ScriptCache = original_pm, original_local_cache
        script_runner.ScriptRunner._run_script = original_run


def _page_script_times(file: str, runs: int, query_params: dict | None = None) -> tuple[list[float], _Recorder]:
    from streamlit.testing.v1 import AppTest

    with _as_on_a_server() as script_times:
        at = AppTest.from_file(str(APP), default_timeout=300)
        if query_params:
            at.query_params.update(query_params)
        at.run()
        if file and file != "pages/overzicht.py":
            at.switch_page(file)
        at.run()  # warm: caches filled
        if at.exception:
            raise RuntimeError(f"{file}: {[e.value for e in at.exception]}")
        times = []
        for _ in range(runs):
            del script_times[:]
            at.run()
            times.append(sum(script_times))  # one run; a page that reruns itself counts both
    from ijmond_dash import ui

    ui.cache._cached.clear()  # a cold run: every query the page needs runs and is recorded
    ui.cache._berekend.clear()
    ui.weergave._figuur.clear()  # and every chart is built
    with _Recorder() as rec:
        at.run()
    return times, rec


EMPTY_PAGE = "benchmarks/empty_page.py"


@contextlib.contextmanager
def _with_empty_page():
    """The app's navigation plus EMPTY_PAGE (in this process only, for AppTest)."""
    from ijmond_dash import ui

    original = ui.paginas.PAGES  # the registry the navigation reads (ui.PAGES is the same dict)
    ui.paginas.PAGES = {
        **original,
        "_leeg": ui.PageSpec("_leeg", EMPTY_PAGE, "Leeg", ":material/check_box_outline_blank:", ui.GROUPS[0]),
    }
    try:
        yield
    finally:
        ui.paginas.PAGES = original


def bench_shell(runs: int) -> float:
    """Median script time of EMPTY_PAGE: what every page costs before its own work."""
    with _with_empty_page():
        times, _rec = _page_script_times(EMPTY_PAGE, runs)
    return median(times)


def production_post_script_gc() -> bool:
    """``runner.postScriptGC`` as .streamlit/config.toml sets it (Streamlit's default: true)."""
    import tomllib

    conf = PROJECT_ROOT / ".streamlit" / "config.toml"
    values = tomllib.loads(conf.read_text(encoding="utf-8")) if conf.is_file() else {}
    return bool(values.get("runner", {}).get("postScriptGC", True))


def bench_pages(database_url: str, runs: int) -> list[dict]:
    """Per page: median script time with the production ``runner.postScriptGC`` ("script",
    the headline ratio) and with the other value beside it ("script_other")."""
    from streamlit import config

    from ijmond_dash.store import db

    os.environ["DATABASE_URL"] = database_url
    production = production_post_script_gc()
    rows = []
    engine = db.create_engine(database_url)
    try:
        config.set_option("runner.postScriptGC", production)
        rows.append(
            {
                "page": "(shell)",
                "title": "lege pagina",
                "gc_production": production,
                "script": bench_shell(runs),
                "script_other": float("nan"),
                "floor": float("nan"),
                "ratio": float("nan"),
                "ratio_other": float("nan"),
                "queries": 0,
                "chart_calls": 0,
                "figures": 0,
                "tables": 0,
            }
        )
        for key, title, file, _url in _page_registry():
            row = {"page": key, "title": title, "gc_production": production}
            for gc_on, name in ((production, "script"), (not production, "script_other")):
                config.set_option("runner.postScriptGC", gc_on)
                times, rec = _page_script_times(file, runs)
                row[name] = median(times)
            config.set_option("runner.postScriptGC", production)
            _floor_once(engine, rec)  # warm
            floors = [_floor_once(engine, rec) for _ in range(runs)]
            row.update(
                floor=median(floors),
                queries=len(rec.queries),
                chart_calls=len(rec.charts),
                figures=len(rec.figures),
                tables=len(rec.tables),
            )
            # a page that asks for no data and draws no chart has no floor to compare with
            measurable = row["floor"] >= 0.001
            row["ratio"] = row["script"] / row["floor"] if measurable else float("nan")
            row["ratio_other"] = row["script_other"] / row["floor"] if measurable else float("nan")
            rows.append(row)
    finally:
        engine.dispose()
    return rows


# ---------------------------------------------------------------- cold start


def _chart_paths(database_url: str) -> list[str]:
    """url_path of every page in the registry whose script draws a Plotly chart, in order."""
    os.environ["DATABASE_URL"] = database_url
    out = []
    for _key, _title, file, url in _page_registry():
        _times, rec = _page_script_times(file, 0)
        if rec.figures:
            out.append(url)
    return out


def _cold_once(browser, script: Path, database_url: str | None, path: str) -> float:
    t0 = time.perf_counter()
    server = start_server(script, database_url)
    try:
        wait_healthy(server)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        try:
            page.goto(f"{server.base_url}/{path}", wait_until="commit")
            page.wait_for_function(CHART_DRAWN_JS, timeout=120_000)
            return time.perf_counter() - t0
        finally:
            page.close()
    finally:
        server.stop()


def bench_cold(database_url: str, runs: int) -> dict:
    if not Path(CHROMIUM).exists():
        return {"skipped": f"{CHROMIUM} missing"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright not installed (requirements-dev.txt)"}
    paths = _chart_paths(database_url)
    if not paths:
        return {"skipped": "no page draws a chart"}
    # the first chart page (the home page: what a start shows) and, for reference, a deep link
    # to the next one: the first deep link after a start also runs Streamlit's pages/ fallback
    path, diep = paths[0], next((p for p in paths[1:] if p), None)
    app_t, min_t, diep_t = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            _cold_once(browser, MINIMAL_APP, None, "")  # warm the OS file cache for both
            _cold_once(browser, APP, database_url, path)
            for _ in range(runs):  # alternate, so drift hits both alike
                app_t.append(_cold_once(browser, APP, database_url, path))
                min_t.append(_cold_once(browser, MINIMAL_APP, None, ""))
                if diep is not None:
                    diep_t.append(_cold_once(browser, APP, database_url, diep))
        finally:
            browser.close()
    return {
        "page": path or "(home)",
        "app": median(app_t),
        "minimal": median(min_t),
        "ratio": median(app_t) / median(min_t),
        "deep_page": diep,
        "deep": median(diep_t),
        "deep_ratio": median(diep_t) / median(min_t),
    }


# ---------------------------------------------------------------- scale (synthetic trajectory events)


def _hand_group_by(engine, synthetisch: bool, eind) -> float:
    import sqlalchemy as sa

    from ijmond_dash.store import models

    t = models.trajectevent
    sql = sa.text(
        f"SELECT gebied, fase, uitstroomreden, COUNT(*) FROM {t.name} "  # noqa: S608 - fixed names
        "WHERE synthetisch = :s AND startdatum <= :eind GROUP BY gebied, fase, uitstroomreden"
    )
    t0 = time.perf_counter()
    with engine.connect() as conn:
        conn.execute(sql, {"s": synthetisch, "eind": eind}).fetchall()
    return time.perf_counter() - t0


def bench_scale(sqlite_url: str, pg_url: str | None, events: int, runs: int) -> list[dict]:
    try:
        from ijmond_dash.imports import synthetic
        from ijmond_dash.store import queries
    except ImportError as exc:
        return [{"backend": "-", "skipped": f"ijmond_dash.imports.synthetic missing: {exc}"}]
    if not hasattr(queries, "fase_overgangen"):
        return [{"backend": "-", "skipped": "queries.fase_overgangen missing"}]
    from ijmond_dash.store import db, loader

    rows = []
    for backend, url in (("sqlite", sqlite_url), ("postgres", pg_url)):
        if not url:
            rows.append({"backend": backend, "skipped": "no URL"})
            continue
        engine = db.create_engine(url)
        try:
            loader.init_store(engine)
            t0 = time.perf_counter()
            synthetic.load(engine, events, 1)
            load_s = time.perf_counter() - t0
            bereik = queries.trajectevent_bereik(engine)
            syn = bereik[bereik["synthetisch"].astype(bool)].iloc[0]
            begin, eind = syn["eerste"], syn["laatste"]
            queries.fase_overgangen(engine, begin, eind, synthetisch=True)  # warm
            _hand_group_by(engine, True, eind)
            agg, base = [], []
            for _ in range(runs):
                t0 = time.perf_counter()
                queries.fase_overgangen(engine, begin, eind, synthetisch=True)
                agg.append(time.perf_counter() - t0)
                base.append(_hand_group_by(engine, True, eind))
            rows.append(
                {
                    "backend": backend,
                    "events": events,
                    "load_s": load_s,
                    "aggregation": median(agg),
                    "group_by": median(base),
                    "ratio": median(agg) / median(base),
                }
            )
        finally:
            engine.dispose()
    return rows


def bench_scale_page(default_url: str, synthetic_url: str, runs: int) -> dict:
    """The fase page's script time on the store with synthetic events vs the default store."""
    fasen = [p for p in _page_registry() if p[0] == "fasen"]
    if not fasen:
        return {"skipped": "no page 'fasen' in the navigation yet"}
    file = fasen[0][2]
    params = {"fasen_gegevens": "synthetisch"}
    out = {}
    for label, url in (("default", default_url), ("synthetic", synthetic_url)):
        os.environ["DATABASE_URL"] = url
        times, _rec = _page_script_times(file, runs, params if label == "synthetic" else None)
        out[label] = median(times)
    out["ratio"] = out["synthetic"] / out["default"]
    return out


# ---------------------------------------------------------------- settings on a real server


SETTING_COMBOS = (("auto", "true"), ("none", "true"), ("auto", "false"), ("none", "false"))


async def _interleaved_reruns(servers: list[Server], path: str, n: int) -> list[list[float]]:
    """``n`` reruns of ``path`` on every server, taken in turns so machine noise hits all alike."""
    sessions = [Session(s.ws_url) for s in servers]
    for s in sessions:
        await s.__aenter__()
    try:
        for s in sessions:
            await s.run("")
            await s.run(path)  # warm
        times: list[list[float]] = [[] for _ in servers]
        for _ in range(n):
            for i, s in enumerate(sessions):
                r = await s.run(path)
                if r.status != 0 or r.exceptions:
                    raise RuntimeError(f"rerun failed: {r.status} {r.exceptions}")
                times[i].append(r.seconds)
        return times
    finally:
        for s in sessions:
            await s.__aexit__(None, None, None)


def bench_settings(database_url: str, path: str, reruns: int) -> list[dict]:
    """Median rerun time for each (fileWatcherType, postScriptGC): four servers, measured in turns."""
    servers = [
        start_server(APP, database_url, "--server.fileWatcherType", w, "--runner.postScriptGC", g)
        for w, g in SETTING_COMBOS
    ]
    try:
        for s in servers:
            wait_healthy(s)
        times = asyncio.run(_interleaved_reruns(servers, path, reruns))
        rows = [
            {"fileWatcherType": w, "postScriptGC": g, "median": median(t), "p95": p95(t), "rss_mib": s.rss_kib() / 1024}
            for (w, g), t, s in zip(SETTING_COMBOS, times, servers, strict=True)
        ]
    finally:
        for s in servers:
            s.stop()
    base = rows[0]["median"]
    for r in rows:
        r["vs_default"] = r["median"] / base
    return rows


# ---------------------------------------------------------------- report


def _fmt(x, unit="") -> str:
    if isinstance(x, float):
        return f"{x * 1000:8.1f} ms" if unit == "ms" else f"{x:6.2f}{unit}"
    return str(x)


def print_report(res: dict) -> None:
    print()
    if "pages" in res:
        print("PAGES — median rerun script time (AppTest, warm) / floor (queries + charts + to_json + tables to Arrow)")
        production = res["pages"][0]["gc_production"] if res["pages"] else True
        other = "gc off" if production else "gc on"
        print(f"{'page':<14}{'script':>12}{'floor':>12}{'ratio':>8}   {other:>10}{'ratio':>8}  q/ch/fig/tab")
        for r in res["pages"]:
            print(
                f"{r['page']:<14}{_fmt(r['script'], 'ms'):>12}{_fmt(r['floor'], 'ms'):>12}{r['ratio']:>7.2f}×   "
                f"{_fmt(r['script_other'], 'ms'):>10}{r['ratio_other']:>7.2f}×  "
                f"{r['queries']}/{r['chart_calls']}/{r['figures']}/{r.get('tables', 0)}"
            )
        print(
            f"target: ratio ≤ 1,5×, with the production setting of .streamlit/config.toml (runner.postScriptGC = "
            f"{str(production).lower()}); '{other}': the other value.\n(shell): a page with only the shared "
            "header, the fixed cost of every page."
        )
        print()
    if "cold" in res:
        c = res["cold"]
        print("COLD START — `streamlit run` until the first chart is drawn in chromium")
        if "skipped" in c:
            print(f"  skipped: {c['skipped']}")
        else:
            print(
                f"  app (/{c['page']}): {c['app']:.2f} s   minimal app: {c['minimal']:.2f} s   "
                f"ratio {c['ratio']:.2f}×   (target ≤ 1,3×)"
            )
            if c.get("deep_page"):
                print(
                    f"  for reference, a deep link (/{c['deep_page']}): {c['deep']:.2f} s   "
                    f"ratio {c['deep_ratio']:.2f}× (first link after a start: Streamlit's pages/ fallback runs too)"
                )
        print()
    if "scale" in res:
        print("SCALE — fase aggregation (queries.fase_overgangen) / one hand-written GROUP BY, same rows")
        for r in res["scale"]:
            if "skipped" in r:
                print(f"  {r['backend']}: skipped: {r['skipped']}")
            else:
                print(
                    f"  {r['backend']:<9}{r['events']:>9} events  load {r['load_s']:.1f} s  aggregation "
                    f"{_fmt(r['aggregation'], 'ms')}  GROUP BY {_fmt(r['group_by'], 'ms')}  ratio {r['ratio']:.2f}×"
                    "   (target ≤ 2×)"
                )
        p = res.get("scale_page", {})
        if "skipped" in p:
            print(f"  fase page script time: skipped: {p['skipped']}")
        elif p:
            print(
                f"  fase page script time: synthetic {_fmt(p['synthetic'], 'ms')} / default "
                f"{_fmt(p['default'], 'ms')} = {p['ratio']:.2f}×   (target ≤ 3×)"
            )
        print()
    if "settings" in res:
        print(f"SETTINGS — median rerun of /{res.get('settings_page', '')} on a real server (websocket client)")
        for r in res["settings"]:
            print(
                f"  fileWatcherType={r['fileWatcherType']:<5} postScriptGC={r['postScriptGC']:<6}"
                f"median {_fmt(r['median'], 'ms')}  p95 {_fmt(r['p95'], 'ms')}  "
                f"{r['vs_default']:.2f}× of default   RSS {r['rss_mib']:.0f} MiB"
            )
        print()


def _pg_schema_url(base: str) -> tuple[str, str] | None:
    import uuid

    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    try:
        eng = sa.create_engine(base, connect_args={"connect_timeout": 3})
        with eng.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        eng.dispose()
    except Exception as exc:  # noqa: BLE001 - any driver error: no Postgres here
        print(f"Postgres not reachable ({str(exc).splitlines()[0]}); Postgres rows skipped.", file=sys.stderr)
        return None
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def _drop_schema(base: str, schema: str) -> None:
    import sqlalchemy as sa

    eng = sa.create_engine(base)
    with eng.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    eng.dispose()


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="timed repetitions per measurement (median)")
    ap.add_argument("--cold-runs", type=int, default=2, help="cold starts per app")
    ap.add_argument(
        "--events",
        type=int,
        default=200_000,
        help="synthetic trajectory events for 'scale' (1000000 for the full-size case)",
    )
    ap.add_argument("--reruns", type=int, default=10, help="reruns per server setting")
    ap.add_argument("--only", default="pages,cold,scale,settings", help="comma-separated sections")
    ap.add_argument(
        "--postgres",
        default=os.environ.get("TEST_DATABASE_URL", DEFAULT_PG),
        help="Postgres base URL for 'scale' (a new schema is made and dropped); '' to skip",
    )
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = ap.parse_args(argv)
    sections = {s.strip() for s in args.only.split(",") if s.strip()}

    from ijmond_dash.store import db, loader

    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    tmp = Path(tempfile.mkdtemp(prefix="ijw_bench_"))
    default_url = f"sqlite:///{tmp / 'default.sqlite'}"
    eng = db.create_engine(default_url)
    loader.init_store(eng)
    eng.dispose()
    res: dict = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    t_start = time.perf_counter()
    try:
        if "pages" in sections:
            res["pages"] = bench_pages(default_url, args.runs)
        if "settings" in sections:
            pages = res.get("pages")
            heaviest = max(pages, key=lambda r: r["script"])["page"] if pages else None
            reg = {k: url for k, _t, _f, url in _page_registry()}
            path = reg.get(heaviest, "")
            res["settings_page"] = path
            res["settings"] = bench_settings(default_url, path, args.reruns)
        if "cold" in sections:
            res["cold"] = bench_cold(default_url, args.cold_runs)
        if "scale" in sections:
            syn_path = tmp / "synthetic.sqlite"
            shutil.copy(tmp / "default.sqlite", syn_path)
            syn_url = f"sqlite:///{syn_path}"
            pg = _pg_schema_url(args.postgres) if args.postgres else None
            try:
                res["scale"] = bench_scale(syn_url, pg[0] if pg else None, args.events, max(3, args.runs // 2))
                if any("skipped" not in r for r in res["scale"]):
                    res["scale_page"] = bench_scale_page(default_url, syn_url, max(3, args.runs // 2))
            finally:
                if pg:
                    _drop_schema(args.postgres, pg[1])
    finally:
        res["total_seconds"] = time.perf_counter() - t_start
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
    print_report(res)
    print(f"total {res['total_seconds']:.0f} s on {res['cpus']} cores, Python {res['python']}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2, default=str))
    gc.collect()
    return res


if __name__ == "__main__":
    main()
