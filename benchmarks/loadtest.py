"""Load test: N concurrent sessions at the websocket level, as a whole council opening one link.

    python benchmarks/loadtest.py                       # starts its own server (fresh SQLite store)
    python benchmarks/loadtest.py --sessions 1,10 --ttl 5
    python benchmarks/loadtest.py --url http://127.0.0.1:8501 --pid 12345   # a running server
    python benchmarks/loadtest.py --workers 1,2         # 1 worker, then 2, behind HAProxy, one Postgres store
    python benchmarks/loadtest.py --url http://127.0.0.1:8501 --status serve.json   # a running `serve`

Each session speaks Streamlit's own protocol on ``/_stcore/stream`` (BackMsg ``rerun_script``
in, ForwardMsg ``script_finished`` out; see ``benchmarks.bench.Session``), so this measures
the server, not browsers: it loads the home page, then the scenario page, then the scenario
page again with its first slider moved one step (the widget state a browser would send).

Reported per N: p50/p95 seconds to script_finished over all runs, errors (exception boxes,
a script that did not finish successfully, timeouts, connection failures), and the server's
resident memory (VmRSS) before, with all N sessions connected, and after they disconnected
and the disconnected-session TTL passed.

Behind HAProxy (``python -m ijmond_dash serve``) every session first asks for ``/`` as a
browser does and keeps the worker the proxy chose (its affinity cookie), so the report also
shows how the sessions spread over the workers and the throughput: sessions per second from
the first session's start until the last one finished. ``--workers 1,2`` starts the trial
itself for each count in turn (on one Postgres store, ``--postgres``), so 1 worker and N
workers are measured in the same run; memory and CPU are then the sum over the workers.

Safety: only loopback addresses are accepted; N is at most 100; every session and every level
has a time limit, and the whole run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import math
import os
import socket
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from collections import Counter  # noqa: E402

from benchmarks.bench import (  # noqa: E402
    APP,
    DEFAULT_PG,
    Server,
    Session,
    affinity_cookie,
    median,
    p95,
    slider_moved,
    start_server,
    wait_healthy,
)

MAX_SESSIONS = 100
SCENARIO = "scenario"


@dataclass
class Level:
    n: int
    spread: float = 0.0  # seconds over which the N sessions arrived (0: all at the same moment)
    times: list[float] = field(default_factory=list)
    per_step: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    finished: int = 0  # script_finished messages received
    expected: int = 0  # reruns asked for
    rss_before: int = 0
    rss_connected: int = 0
    rss_after_ttl: int = 0
    wall: float = 0.0
    cpu: float = float("nan")  # server CPU seconds used while the sessions ran
    workers: int = 1  # app processes behind the proxy (1: one server, no proxy)
    round: int = 1  # --rounds: which pass over the levels
    client_cpu: float = float("nan")  # CPU seconds of the load test's own process meanwhile
    proxy_cpu: float = float("nan")  # CPU seconds of HAProxy meanwhile (when this script started it)
    load: float = float("nan")  # the machine's 1-minute load average when the level ended
    spread_over: Counter = field(default_factory=Counter)  # worker (affinity cookie) -> sessions

    @property
    def throughput(self) -> float:
        """Sessions per second: N over the time until the last one finished."""
        return self.n / self.wall if self.wall > 0 else float("nan")


def assert_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    addrs = {ai[4][0] for ai in socket.getaddrinfo(host, None)}
    if not addrs or not all(ipaddress.ip_address(a).is_loopback for a in addrs):
        raise SystemExit(f"refusing {url}: the load test only targets loopback addresses")


def _pids(pid) -> list[int]:
    return [p for p in (pid if isinstance(pid, (list, tuple)) else [pid]) if p]


def cpu_seconds(pid: int | list[int] | None) -> float:
    """User + system CPU time the process(es) used so far (/proc/<pid>/stat), seconds, summed."""
    pids = _pids(pid)
    if not pids:
        return float("nan")
    total = 0.0
    for p in pids:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def rss_kib(pid: int | list[int] | None) -> int:
    """Resident memory (VmRSS) of the process(es), KiB, summed; -1 without a pid."""
    pids = _pids(pid)
    if not pids:
        return -1
    total = 0
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


async def one_session(
    ws_url: str,
    level: Level,
    hold: asyncio.Event,
    connected: list,
    timeout: float,
    delay: float = 0.0,
    proxy: str | None = None,
    *,
    hold_open: bool = True,
    worker: str | None = None,
) -> None:
    steps = ("home", "scenario", "slider")
    await asyncio.sleep(delay)  # arrivals spread over --spread seconds (0: all at once)
    try:
        if proxy and worker is None:  # a browser's first request: the proxy chooses this session's worker
            worker = await asyncio.to_thread(affinity_cookie, proxy, None, timeout)
            level.spread_over[worker or "?"] += 1
        async with Session(ws_url, timeout=timeout, worker=worker) as s:
            runs = []
            level.expected += 1
            runs.append(("home", await s.run("")))
            scenario_page = SCENARIO if SCENARIO in s.pages else None
            if scenario_page is None:
                level.errors.append("no page 'scenario' in the navigation")
            else:
                level.expected += 1
                r = await s.run(scenario_page)
                runs.append(("scenario", r))
                if r.sliders:
                    level.expected += 1
                    runs.append(("slider", await s.run(scenario_page, widgets=[slider_moved(r.sliders[0])])))
                else:
                    level.errors.append("the scenario page sent no slider")
            for step, r in runs:
                if r.status is not None:
                    level.finished += 1
                if r.status != 0:
                    level.errors.append(f"{step}: script finished with status {r.status}")
                level.errors.extend(f"{step}: {e}" for e in r.exceptions)
                level.times.append(r.seconds)
                level.per_step.setdefault(step, []).append(r.seconds)
            connected.append(1)
            if hold_open:
                await hold.wait()  # stay connected until every session is done: memory with N open
    except TimeoutError:
        level.errors.append(f"timeout: no script_finished within {timeout} s")
    except Exception as exc:  # noqa: BLE001 - every failure of a session is counted, not raised
        level.errors.append(f"{type(exc).__name__}: {exc}")
    del steps


async def run_level(
    ws_url: str,
    n: int,
    pid,
    ttl: float,
    timeout: float,
    spread: float = 0.0,
    proxy: str | None = None,
    workers: int = 1,
    proxy_pid: int | None = None,
) -> Level:
    level = Level(n, spread=spread, workers=workers)
    level.rss_before = rss_kib(pid)
    cpu0 = cpu_seconds(pid)
    client0, proxy0 = cpu_seconds(os.getpid()), cpu_seconds(proxy_pid)
    hold = asyncio.Event()
    connected: list = []
    t0 = time.perf_counter()
    tasks = [
        asyncio.create_task(one_session(ws_url, level, hold, connected, timeout, spread * i / n, proxy))
        for i in range(n)
    ]
    deadline = t0 + spread + timeout * 3
    while len(connected) + sum(t.done() for t in tasks) < n and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    level.wall = time.perf_counter() - t0
    level.cpu = cpu_seconds(pid) - cpu0
    level.client_cpu = cpu_seconds(os.getpid()) - client0  # this load test itself, on the same machine
    level.proxy_cpu = cpu_seconds(proxy_pid) - proxy0
    level.rss_connected = rss_kib(pid)
    hold.set()
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    for t in pending:
        t.cancel()
        level.errors.append("session did not close in time")
    # the server keeps a disconnected session for server.disconnectedSessionTTL seconds
    await asyncio.sleep(ttl + 3)
    level.rss_after_ttl = rss_kib(pid)
    return level


def report(levels: list[Level], ttl: float) -> None:
    print()
    print(
        f"{'W':>2}{'N':>4}{'spread':>8}{'p50':>10}{'p95':>10}{'p95/1×':>9}{'sess/s':>8}{'errors':>8}{'lost':>6}"
        f"{'RSS start':>11}{'connected':>11}{'MiB/sess':>10}{'after TTL':>11}{'vs start':>10}{'load':>6}"
        f"  sessions per worker"
    )
    for lv in levels:
        base = _base(levels)
        mib = lambda k: k / 1024  # noqa: E731
        growth = (lv.rss_connected - lv.rss_before) / 1024 / lv.n if lv.rss_before > 0 else float("nan")
        back = (lv.rss_after_ttl - lv.rss_before) / lv.rss_before * 100 if lv.rss_before > 0 else float("nan")
        lost = lv.expected - lv.finished
        spread_over = " ".join(f"{w}:{k}" for w, k in sorted(lv.spread_over.items())) or "-"
        print(
            f"{lv.workers:>2}{lv.n:>4}{lv.spread:>7.0f}s{median(lv.times):>9.3f}s{p95(lv.times):>9.3f}s"
            f"{p95(lv.times) / base:>8.1f}×{lv.throughput:>8.2f}"
            f"{len(lv.errors):>8}{lost:>6}{mib(lv.rss_before):>9.0f}Mi{mib(lv.rss_connected):>9.0f}Mi"
            f"{growth:>10.2f}{mib(lv.rss_after_ttl):>9.0f}Mi{back:>+9.1f}%{lv.load:>6.1f}  {spread_over}"
        )
    print()
    for lv in levels:
        base = _base(levels)
        runs = len(lv.times) or 1
        bound = (
            f"; at once, the last run cannot finish before ~{lv.cpu / lv.workers:.2f} s "
            f"({lv.cpu / lv.workers / base:.0f}× the single run): each process runs its scripts on one "
            "Python thread at a time (GIL)"
            if lv.spread == 0
            else ""
        )
        print(
            f"{_tag(levels, lv)}W={lv.workers} N={lv.n}, spread {lv.spread:.0f} s: server CPU {lv.cpu:.2f} s for {runs} runs "
            f"({lv.cpu / runs * 1000:.0f} ms per run), wall {lv.wall:.2f} s; this client {lv.client_cpu:.2f} s CPU"
            + (f", HAProxy {lv.proxy_cpu:.2f} s" if lv.proxy_cpu == lv.proxy_cpu else "")
            + bound
        )
    for lv in levels:
        steps = "  ".join(f"{k} p50 {median(v):.3f}s p95 {p95(v):.3f}s" for k, v in lv.per_step.items())
        print(f"{_tag(levels, lv)}W={lv.workers} N={lv.n}: {steps}")
        for e in sorted(set(lv.errors))[:10]:
            print(f"   error ({lv.errors.count(e)}×): {e}")
    compare(levels)
    print(
        f"\ntargets: no errors and no lost message at N=50; p95 < 10× the single-session p50; growth "
        f"< 2 MiB per session; RSS within 10% of the start after the TTL ({ttl:.0f} s) passed; "
        f"throughput with 2 workers ≥ 1,3× that of 1 worker."
    )


def _tag(levels: list[Level], lv: Level) -> str:
    return f"round {lv.round}, " if any(x.round > 1 for x in levels) else ""


def _base(levels: list[Level], workers: int | None = None) -> float:
    """A single session's median run: over every level with N=1 (the same work whatever the
    number of workers behind the proxy), else the first level's."""
    single = [t for lv in levels if lv.n == 1 and lv.spread == 0 for t in lv.times]
    if single:
        return median(single)
    return median(levels[0].times) if levels and levels[0].times else float("nan")


def compare(levels: list[Level]) -> None:
    """Per N (all at once): throughput and p95 with W workers against 1 worker, and the
    number of cores the p95 target (10× a single session) would need at this scaling."""
    counts = sorted({lv.workers for lv in levels})
    if len(counts) < 2 or 1 not in counts:
        return
    print()
    one = {(lv.round, lv.n): lv for lv in levels if lv.workers == 1 and lv.spread == 0}
    base1 = _base(levels)
    ratios: dict[tuple[int, int], list[float]] = {}
    for lv in levels:
        if lv.workers == 1 or lv.spread != 0 or (lv.round, lv.n) not in one or lv.n == 1:
            continue
        ref = one[(lv.round, lv.n)]
        ratios.setdefault((lv.workers, lv.n), []).append(lv.throughput / ref.throughput)
        ratio_tp = lv.throughput / ref.throughput
        p95_ratio = p95(lv.times) / base1
        # p95 falls about in proportion to the processes that run at once, at most one per
        # core: at the ratio measured with P of them, 10× needs about P × ratio / 10
        from ijmond_dash.server.serve import cores

        effective = p95(ref.times) / p95(lv.times)
        needed = math.ceil(min(lv.workers, cores()) * p95_ratio / 10)
        print(
            f"round {lv.round}, N={lv.n}: {lv.workers} workers against 1: throughput {lv.throughput:.2f} against "
            f"{ref.throughput:.2f} sessions/s = {ratio_tp:.2f}× (target ≥ 1,3×); p95 {p95(lv.times):.2f} s "
            f"against {p95(ref.times):.2f} s ({effective:.2f}× faster); p95 / single session {p95_ratio:.1f}× "
            f"(1 worker {p95(ref.times) / base1:.1f}×); with {min(lv.workers, cores())} of {cores()} cores busy, "
            f"10× needs about {needed} workers on as many free cores"
        )
    if any(len(v) > 1 for v in ratios.values()):
        for (w, n), v in sorted(ratios.items()):
            print(
                f"N={n}: throughput with {w} workers against 1, per round: "
                + ", ".join(f"{x:.2f}×" for x in v)
                + f"; median {median(v):.2f}×"
            )


def main(argv: list[str] | None = None) -> list[Level]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server or `serve` proxy on loopback (default: start one on a fresh store)")
    ap.add_argument(
        "--pid", type=int, action="append", help="that server's process id, for its memory (repeat for several workers)"
    )
    ap.add_argument(
        "--status",
        type=Path,
        help="with --url: the status file of `python -m ijmond_dash serve --status-file`, for the workers' pids",
    )
    ap.add_argument(
        "--workers",
        help="comma-separated worker counts: start `serve` (HAProxy) with each in turn "
        "on one Postgres store (--postgres) and measure through the proxy",
    )
    ap.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="with --workers: passes over the levels, the order of the counts alternating",
    )
    ap.add_argument(
        "--postgres",
        default=os.environ.get("TEST_DATABASE_URL", DEFAULT_PG),
        help="with --workers: the Postgres server (a schema of its own is made and dropped)",
    )
    ap.add_argument("--sessions", default="1,10,25,50", help="comma-separated N, at most 100 each")
    ap.add_argument(
        "--ttl",
        type=float,
        default=10,
        help="server.disconnectedSessionTTL for the server this script starts; with --url, the running server's value",
    )
    ap.add_argument("--timeout", type=float, default=120, help="seconds a rerun may take")
    ap.add_argument(
        "--spread",
        default="0",
        help="comma-separated seconds over which each level's sessions arrive, evenly; every "
        "N runs once per value (0: all at the same moment, the worst case)",
    )
    args = ap.parse_args(argv)
    levels_n = [int(x) for x in args.sessions.split(",") if x.strip()]
    spreads = [float(x) for x in args.spread.split(",") if x.strip()]
    if any(x < 0 or x > 600 for x in spreads):
        raise SystemExit("spread must be between 0 and 600 seconds")
    if any(n < 1 or n > MAX_SESSIONS for n in levels_n):
        raise SystemExit(f"N must be between 1 and {MAX_SESSIONS}")

    if args.workers:
        counts = [int(x) for x in args.workers.split(",") if x.strip()]
        if any(c < 1 or c > 16 for c in counts):
            raise SystemExit("--workers: between 1 and 16 each")
        levels = run_clusters(counts, levels_n, spreads, args)
        report(levels, args.ttl)
        return levels

    server: Server | None = None
    proxy = None
    workers = 1
    if args.url:
        assert_loopback(args.url)
        base, pid = args.url.rstrip("/"), args.pid
        ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
        if args.status:
            import json

            status = json.loads(args.status.read_text())
            pid = [w["pid"] for w in status["workers"]]
        if affinity_cookie(base) is not None:  # behind the proxy: sessions keep their worker
            proxy = base
            workers = len(pid) if isinstance(pid, list) and pid else 1
    else:
        from ijmond_dash.store import db, loader

        tmp = Path(tempfile.mkdtemp(prefix="ijw_load_"))
        url = f"sqlite:///{tmp / 'store.sqlite'}"
        eng = db.create_engine(url)
        loader.init_store(eng)
        eng.dispose()
        server = start_server(APP, url, "--server.disconnectedSessionTTL", str(int(args.ttl)), log_dir=tmp)
        wait_healthy(server)
        pid, ws_url = server.proc.pid, server.ws_url
        print(f"server {server.base_url} (pid {pid}), store {url}, disconnectedSessionTTL {args.ttl:.0f} s")
    try:

        async def all_levels():
            # one session first, so imports and caches are warm before 'before' is read
            if proxy:
                for w in sorted({affinity_cookie(base, None) for _ in range(2 * workers)} - {None}):
                    await warm_up(ws_url, args.timeout, w)
            else:
                await warm_up(ws_url, args.timeout)
            return [
                await run_level(ws_url, n, pid, args.ttl, args.timeout, spread, proxy, workers)
                for spread in spreads
                for n in levels_n
            ]

        levels = asyncio.run(all_levels())
    finally:
        if server:
            server.stop()
    report(levels, args.ttl)
    return levels


async def warm_up(ws_url: str, timeout: float, worker: str | None = None) -> None:
    """One session's steps on ``worker``, so its imports and caches are warm before 'before' is read."""
    level = Level(1)
    await one_session(ws_url, level, asyncio.Event(), [], timeout, hold_open=False, worker=worker)
    if level.errors:
        raise SystemExit(f"warming up {worker or 'the server'} failed: {level.errors[:3]}")


def run_clusters(counts: list[int], levels_n: list[int], spreads: list[float], args) -> list[Level]:
    """The trial (`serve.Cluster`) once per worker count, all on one loaded Postgres store and
    all running at once (an idle one uses no CPU), every worker warmed up; then each level
    through each count's proxy in turn, so 1 and N workers are measured minutes apart at
    most. With --rounds 2 the order of the counts alternates (1,2 then 2,1): a machine whose
    other load changes during the run then weighs on both alike."""
    import contextlib
    import uuid

    import sqlalchemy as sa

    from ijmond_dash.server import serve
    from ijmond_dash.store import db, loader

    schema = f"load_{uuid.uuid4().hex[:10]}"
    with sa.create_engine(args.postgres).begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in args.postgres else "?"
    url = f"{args.postgres}{sep}options=-csearch_path%3D{schema}"
    eng = db.create_engine(url)
    loader.init_store(eng)
    eng.dispose()
    levels: list[Level] = []
    try:
        with contextlib.ExitStack() as stack:
            clusters = {}
            for count in counts:
                cluster = stack.enter_context(
                    serve.Cluster(
                        workers=count,
                        database_url=url,
                        port=0,
                        worker_port=0,
                        streamlit_args=("--server.disconnectedSessionTTL", str(int(args.ttl))),
                    )
                )
                clusters[count] = cluster
                print(
                    f"{count} worker(s) behind HAProxy {cluster.url} (pids {[w.pid for w in cluster.pool]}), "
                    f"store Postgres schema {schema}, disconnectedSessionTTL {args.ttl:.0f} s",
                    flush=True,
                )

            def ws(c):
                return c.url.replace("http://", "ws://") + "/_stcore/stream"

            async def all_levels():
                for c in clusters.values():
                    for w in c.pool:  # every worker imports and warms its caches first
                        await warm_up(ws(c), args.timeout, w.name)
                out = []
                for r in range(args.rounds):
                    order = counts if r % 2 == 0 else counts[::-1]
                    for spread in spreads:
                        for n in levels_n:
                            for count in order:
                                c = clusters[count]
                                lv = await run_level(
                                    ws(c),
                                    n,
                                    [w.pid for w in c.pool],
                                    args.ttl,
                                    args.timeout,
                                    spread,
                                    c.url,
                                    count,
                                    c.proxy.pid,
                                )
                                lv.round = r + 1
                                lv.load = os.getloadavg()[0]
                                out.append(lv)
                return out

            levels = asyncio.run(all_levels())
    finally:
        with sa.create_engine(args.postgres).begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    return levels


if __name__ == "__main__":
    main()
