"""Load test: N concurrent sessions at the websocket level, as a whole council opening one link.

    python benchmarks/loadtest.py                       # starts its own server (fresh SQLite store)
    python benchmarks/loadtest.py --sessions 1,10 --ttl 5
    python benchmarks/loadtest.py --url http://127.0.0.1:8501 --pid 12345   # a running server

Each session speaks Streamlit's own protocol on ``/_stcore/stream`` (BackMsg ``rerun_script``
in, ForwardMsg ``script_finished`` out; see ``ijmond_dash.bench.Session``), so this measures
the server, not browsers: it loads the home page, then the scenario page, then the scenario
page again with its first slider moved one step (the widget state a browser would send).

Reported per N: p50/p95 seconds to script_finished over all runs, errors (exception boxes,
a script that did not finish successfully, timeouts, connection failures), and the server's
resident memory (VmRSS) before, with all N sessions connected, and after they disconnected
and the disconnected-session TTL passed.

Safety: only loopback addresses are accepted; N is at most 100; every session and every level
has a time limit, and the whole run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
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

from ijmond_dash.bench import APP, Server, Session, median, p95, slider_moved, start_server, wait_healthy  # noqa: E402

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


def assert_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    addrs = {ai[4][0] for ai in socket.getaddrinfo(host, None)}
    if not addrs or not all(ipaddress.ip_address(a).is_loopback for a in addrs):
        raise SystemExit(f"refusing {url}: the load test only targets loopback addresses")


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time the process has used so far (/proc/<pid>/stat), seconds."""
    if not pid:
        return float("nan")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int | None) -> int:
    if not pid:
        return -1
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return -1


async def one_session(ws_url: str, level: Level, hold: asyncio.Event, connected: list, timeout: float,
                      delay: float = 0.0) -> None:
    steps = ("home", "scenario", "slider")
    await asyncio.sleep(delay)  # arrivals spread over --spread seconds (0: all at once)
    try:
        async with Session(ws_url, timeout=timeout) as s:
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
            await hold.wait()  # stay connected until every session is done: memory with N open
    except (TimeoutError, asyncio.TimeoutError):
        level.errors.append(f"timeout: no script_finished within {timeout} s")
    except Exception as exc:  # noqa: BLE001 - every failure of a session is counted, not raised
        level.errors.append(f"{type(exc).__name__}: {exc}")
    del steps


async def run_level(ws_url: str, n: int, pid: int | None, ttl: float, timeout: float, spread: float = 0.0) -> Level:
    level = Level(n, spread=spread)
    level.rss_before = rss_kib(pid)
    cpu0 = cpu_seconds(pid)
    hold = asyncio.Event()
    connected: list = []
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(one_session(ws_url, level, hold, connected, timeout, spread * i / n))
             for i in range(n)]
    deadline = t0 + spread + timeout * 3
    while len(connected) + sum(t.done() for t in tasks) < n and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    level.wall = time.perf_counter() - t0
    level.cpu = cpu_seconds(pid) - cpu0
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
    base = median(levels[0].times) if levels and levels[0].times else float("nan")
    print()
    print(f"{'N':>4}{'spread':>8}{'p50':>10}{'p95':>10}{'p95/1×':>9}{'errors':>8}{'lost':>6}"
          f"{'RSS start':>11}{'connected':>11}{'MiB/sess':>10}{'after TTL':>11}{'vs start':>10}")
    for lv in levels:
        mib = lambda k: k / 1024  # noqa: E731
        growth = (lv.rss_connected - lv.rss_before) / 1024 / lv.n if lv.rss_before > 0 else float("nan")
        back = (lv.rss_after_ttl - lv.rss_before) / lv.rss_before * 100 if lv.rss_before > 0 else float("nan")
        lost = lv.expected - lv.finished
        print(f"{lv.n:>4}{lv.spread:>7.0f}s{median(lv.times):>9.3f}s{p95(lv.times):>9.3f}s{p95(lv.times) / base:>8.1f}×"
              f"{len(lv.errors):>8}{lost:>6}{mib(lv.rss_before):>9.0f}Mi{mib(lv.rss_connected):>9.0f}Mi"
              f"{growth:>10.2f}{mib(lv.rss_after_ttl):>9.0f}Mi{back:>+9.1f}%")
    print()
    for lv in levels:
        runs = len(lv.times) or 1
        bound = f"; at once, the last run cannot finish before ~{lv.cpu:.2f} s ({lv.cpu / base:.0f}× the single " \
                "run): one process runs its scripts on one Python thread at a time (GIL)" if lv.spread == 0 else ""
        print(f"N={lv.n}, spread {lv.spread:.0f} s: server CPU {lv.cpu:.2f} s for {runs} runs "
              f"({lv.cpu / runs * 1000:.0f} ms per run), wall {lv.wall:.2f} s{bound}")
    for lv in levels:
        steps = "  ".join(f"{k} p50 {median(v):.3f}s p95 {p95(v):.3f}s" for k, v in lv.per_step.items())
        print(f"N={lv.n}: {steps}")
        for e in sorted(set(lv.errors))[:10]:
            print(f"   error ({lv.errors.count(e)}×): {e}")
    print(f"\ntargets: no errors and no lost message at N=50; p95 < 10× the single-session p50; growth "
          f"< 2 MiB per session; RSS within 10% of the start after the TTL ({ttl:.0f} s) passed.")


def main(argv: list[str] | None = None) -> list[Level]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server on loopback (default: start one on a fresh store)")
    ap.add_argument("--pid", type=int, help="that server's process id, for its memory")
    ap.add_argument("--sessions", default="1,10,25,50", help="comma-separated N, at most 100 each")
    ap.add_argument("--ttl", type=float, default=10,
                    help="server.disconnectedSessionTTL for the server this script starts; with --url, "
                         "the running server's value")
    ap.add_argument("--timeout", type=float, default=120, help="seconds a rerun may take")
    ap.add_argument("--spread", default="0",
                    help="comma-separated seconds over which each level's sessions arrive, evenly; every "
                         "N runs once per value (0: all at the same moment, the worst case)")
    args = ap.parse_args(argv)
    levels_n = [int(x) for x in args.sessions.split(",") if x.strip()]
    spreads = [float(x) for x in args.spread.split(",") if x.strip()]
    if any(x < 0 or x > 600 for x in spreads):
        raise SystemExit("spread must be between 0 and 600 seconds")
    if any(n < 1 or n > MAX_SESSIONS for n in levels_n):
        raise SystemExit(f"N must be between 1 and {MAX_SESSIONS}")

    server: Server | None = None
    if args.url:
        assert_loopback(args.url)
        base, pid = args.url.rstrip("/"), args.pid
        ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    else:
        from ijmond_dash import db, loader

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
            await run_level(ws_url, 1, None, 0, args.timeout)
            return [await run_level(ws_url, n, pid, args.ttl, args.timeout, spread)
                    for spread in spreads for n in levels_n]

        levels = asyncio.run(all_levels())
    finally:
        if server:
            server.stop()
    report(levels, args.ttl)
    return levels


if __name__ == "__main__":
    main()
