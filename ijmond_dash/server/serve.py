"""Several app processes behind HAProxy: ``python -m ijmond_dash serve --workers N``.

One Streamlit process runs its scripts on one Python thread at a time (the GIL), so a whole
raad opening the link in the same minute waits for one core (docs/PERFORMANCE.md). The way
past it is more processes: N workers (``streamlit run app.py``, each on its own loopback
port) behind HAProxy, which

* keeps every browser on its worker with a cookie (``IJW_WORKER``; Streamlit needs that for
  uploads, ``st.login`` and media, whose state lives in the worker that made it),
* gives new sessions to the workers in turn (``roundrobin``: a burst of sessions spreads
  evenly; an open session that does nothing costs its worker no CPU, so counting open
  connections, ``leastconn``, balanced worse: 17 and 8 of a burst of 25 in the load test),
* passes WebSockets (``/_stcore/stream``), health-checks ``/_stcore/health`` and sends the
  sessions of a worker that stopped to the others (``option redispatch``),
* answers only for the configured host names (421 for any other ``Host``).

Everything the workers share lives in Postgres: the data, the store version that keys every
cache (an import on one worker shows on the others at their next run), the import log and
undo, and the start-up lock (``db.migratieslot``). SQLite is one process's file: ``serve``
runs one worker on it.

This module is the trial on one machine: it starts the workers and HAProxy and supervises
them (SIGHUP restarts the workers one at a time, SIGTERM/Ctrl+C stops everything). A server
uses the systemd template units and the HAProxy configuration in ``deploy/`` instead; that
configuration is written by ``haproxy_config`` (``--haproxy-config``) and a test keeps the
file in ``deploy/`` equal to it. ``herstart`` restarts the workers of such a server one at a
time through HAProxy's admin socket (docs/DEPLOYMENT.md).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ijmond_dash import settings

BACKEND = "ijw_workers"
COOKIE = "IJW_WORKER"
HEALTH = "/_stcore/health"
APP = settings.PROJECT_ROOT / "app.py"
HAPROXY_CANDIDATES = ("haproxy", "/usr/sbin/haproxy")
DEFAULT_PORT = 8501
DEFAULT_WORKER_PORT = 8511
START_TIMEOUT = 120.0  # seconds for a worker to answer its health check


def cores() -> int:
    """Cores this process may use (respects CPU affinity, e.g. a container's limit)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def haproxy_binary() -> str | None:
    for name in HAPROXY_CANDIDATES:
        path = shutil.which(name) or (name if Path(name).is_file() else None)
        if path:
            return path
    return None


# ---------------------------------------------------------------- the HAProxy configuration


@dataclass(frozen=True)
class ProxySettings:
    """What differs between a trial on one machine and a gemeente's server."""

    workers: tuple[tuple[str, int], ...]  # (name, loopback port); the name is the cookie value
    hosts: tuple[str, ...]  # the host names HAProxy answers for (Host header, any port)
    bind: str = f"127.0.0.1:{DEFAULT_PORT}"  # without TLS: where the trial listens
    cert: str | None = None  # TLS: a PEM with certificate chain and key; then :443 and :80
    admin_socket: str | None = None  # HAProxy's runtime API (rolling restarts)
    log: str = "stdout format raw local0"  # trial: to stdout; server: "/dev/log local0"
    system: bool = False  # a server's global section: chroot, user, group, daemon


def haproxy_config(p: ProxySettings, header: str = "") -> str:
    """The HAProxy configuration for ``p`` (HAProxy 2.6, Debian 12's package)."""
    tls = p.cert is not None
    hosts = " ".join(h.lower() for h in p.hosts)
    lines = [f"# {r}".rstrip() for r in header.splitlines()] if header else []
    lines += ["global", f"    log {p.log}", "    maxconn 4096"]
    if p.system:
        lines += ["    chroot /var/lib/haproxy", "    user haproxy", "    group haproxy", "    daemon"]
    if p.admin_socket:
        lines.append(f"    stats socket {p.admin_socket} mode 660 level admin")
    if tls:
        lines += [
            "    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets",
            "    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
            "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
            "ECDHE-RSA-CHACHA20-POLY1305",
            "    ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
            "TLS_CHACHA20_POLY1305_SHA256",
        ]
    lines += [
        "",
        "defaults",
        "    mode http",
        "    log global",
        "    option httplog",
        "    option dontlognull",
        "    option forwardfor              # X-Forwarded-For: the app can tell a proxied request",
        "    option redispatch 1            # a session whose worker is gone goes to another one",
        "    retries 3",
        "    timeout connect 5s",
        "    timeout client 60s",
        "    timeout server 120s            # a slow page run (an import) may take a while",
        "    timeout http-request 10s",
        "    timeout http-keep-alive 10s",
        "    timeout tunnel 8h              # an open websocket: a session of a whole working day",
        "    timeout client-fin 30s",
        "",
        "frontend ijw",
    ]
    if tls:
        lines += [f"    bind :443 ssl crt {p.cert} alpn http/1.1", "    bind :80"]
    else:
        lines.append(f"    bind {p.bind}")
    lines += [
        "    # only the configured host names; any other Host gets 421 and no page",
        f"    acl ijw_host req.hdr(host),lower,regsub(:[0-9]+$,) -m str {hosts}",
        "    http-request deny deny_status 421 unless ijw_host",
    ]
    if tls:
        lines += [
            "    http-request redirect scheme https code 301 unless { ssl_fc }",
            "    http-request set-header X-Forwarded-Proto https",
            '    http-response set-header Strict-Transport-Security "max-age=31536000"',
        ]
    lines += [
        f"    default_backend {BACKEND}",
        "",
        f"backend {BACKEND}",
        "    balance roundrobin             # new sessions in turn: a burst spreads evenly",
        f'    cookie {COOKIE} insert indirect nocache httponly{" secure" if tls else ""} attr "SameSite=Lax"',
        f"    option httpchk GET {HEALTH}",
        "    http-check expect string ok",
        "    default-server check inter 2s fall 2 rise 2",
    ]
    lines += [f"    server {naam} 127.0.0.1:{poort} cookie {naam}" for naam, poort in p.workers]
    return "\n".join(lines) + "\n"


def server_settings(workers: int, host: str, cert: str, first_port: int = DEFAULT_WORKER_PORT) -> ProxySettings:
    """The configuration of a gemeente's server (``deploy/haproxy.cfg``)."""
    return ProxySettings(
        workers=tuple((f"w{i + 1}", first_port + i) for i in range(workers)),
        hosts=(host,),
        cert=cert,
        admin_socket="/run/haproxy/admin.sock",
        log="/dev/log local0",
        system=True,
    )


DEPLOY_HEADER = """HAProxy for the IJmond Werkt! dashboard on a gemeente's server (Debian 12: apt-get install haproxy).
Written by: python -m ijmond_dash serve --haproxy-config --workers {workers} --host {host} --cert {cert}
Copy to /etc/haproxy/haproxy.cfg; one `server` line per worker (systemd: ijmond-dash@<port>);
docs/DEPLOYMENT.md explains every part. tests/integration/test_serve.py keeps this file equal
to what the command writes."""


def deploy_config(
    workers: int = 2, host: str = "dashboard.ijmondwerkt.nl", cert: str = "/etc/haproxy/certs/dashboard.pem"
) -> str:
    return haproxy_config(
        server_settings(workers, host, cert), DEPLOY_HEADER.format(workers=workers, host=host, cert=cert)
    )


# ---------------------------------------------------------------- HAProxy's runtime API


def admin(socket_path: str | Path, command: str, timeout: float = 5) -> str:
    """Send one command to HAProxy's admin socket; its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(str(socket_path))
        s.sendall(command.encode() + b"\n")
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode()


def server_status(socket_path: str | Path) -> dict[str, str]:
    """Worker name -> HAProxy's view of it (UP, DOWN, MAINT, DRAIN, 'UP 1/2', ...)."""
    text = admin(socket_path, "show stat").lstrip("# ")
    return {
        r["svname"]: r["status"]
        for r in csv.DictReader(io.StringIO(text))
        if r.get("pxname") == BACKEND and r["svname"] not in ("FRONTEND", "BACKEND")
    }


def backend_workers(socket_path: str | Path) -> list[tuple[str, int]]:
    """(name, port) of every worker in HAProxy's backend, from ``show servers state``."""
    lines = admin(socket_path, f"show servers state {BACKEND}").splitlines()
    header = next((ln[1:].split() for ln in lines if ln.startswith("#")), [])
    rows = [
        dict(zip(header, ln.split(), strict=False))
        for ln in lines
        if ln.strip() and not ln.startswith("#") and len(ln.split()) == len(header)
    ]
    return [(r["srv_name"], int(r["srv_port"])) for r in rows if r.get("be_name") == BACKEND]


def wait_status(socket_path: str | Path, name: str, status: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server_status(socket_path).get(name) == status:
            return
        time.sleep(0.2)
    raise TimeoutError(f"HAProxy did not see worker {name} as {status} within {timeout:.0f} s")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def restart_behind_proxy(
    socket_path: str | Path, name: str, port: int, restart, timeout: float = START_TIMEOUT
) -> None:
    """Restart one worker without sending its users an error, the same way for the trial
    (``Cluster.restart``) and a server (``herstart``): HAProxy first stops giving it requests
    (maintenance: its sessions' next requests go to the other workers), then ``restart()``
    stops and starts it (a stopping worker finishes its runs first: ``beurten``), and HAProxy
    takes it back once its health check answers."""
    admin(socket_path, f"set server {BACKEND}/{name} state maint")
    restart()
    deadline = time.monotonic() + timeout
    while not healthy(f"http://127.0.0.1:{port}"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"worker {name} (poort {port}) antwoordt niet na de herstart; HAProxy laat hem uit")
        time.sleep(0.2)
    admin(socket_path, f"set server {BACKEND}/{name} state ready")
    wait_status(socket_path, name, "UP")


def healthy(url: str, timeout: float = 2, host: str | None = None) -> bool:
    req = urllib.request.Request(url.rstrip("/") + HEALTH, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except (OSError, urllib.error.URLError):
        return False


# ---------------------------------------------------------------- workers and proxy on one machine


@dataclass
class Worker:
    name: str
    port: int
    log: Path
    proc: subprocess.Popen | None = None
    restarts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


def _stop(proc: subprocess.Popen | None, timeout: float = 90) -> None:
    """SIGTERM, then SIGKILL after ``timeout`` (a worker first finishes its runs: beurten)."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@dataclass
class Cluster:
    """N workers and HAProxy on loopback (the trial; tests and the load test use it too)."""

    workers: int
    database_url: str
    port: int = DEFAULT_PORT
    worker_port: int = DEFAULT_WORKER_PORT
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost")
    run_dir: Path | None = None
    streamlit_args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    haproxy: str | None = None
    pool: list[Worker] = field(default_factory=list, init=False)
    proxy: subprocess.Popen | None = field(default=None, init=False)

    def __post_init__(self):
        self.run_dir = Path(self.run_dir or tempfile.mkdtemp(prefix="ijw_serve_"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.haproxy = self.haproxy or haproxy_binary()
        if self.port == 0:  # any free port (tests)
            self.port = free_port()
        ports = [free_port() if self.worker_port == 0 else self.worker_port + i for i in range(self.workers)]
        self.pool = [Worker(f"w{i + 1}", port, self.run_dir / f"w{i + 1}.log") for i, port in enumerate(ports)]
        self._lock = threading.Lock()

    # -- paths and URLs
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def admin_socket(self) -> Path:
        return self.run_dir / "haproxy.sock"

    @property
    def config_path(self) -> Path:
        return self.run_dir / "haproxy.cfg"

    def worker(self, name: str) -> Worker:
        return next(w for w in self.pool if w.name == name)

    # -- starting and stopping
    def _start_worker(self, w: Worker) -> None:
        env = {**os.environ, **self.env, "DATABASE_URL": self.database_url}
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(w.port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *self.streamlit_args,
        ]
        with open(w.log, "ab") as fh:
            w.proc = subprocess.Popen(
                cmd, cwd=settings.PROJECT_ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
            )  # a Ctrl+C reaches the launcher, which stops it

    def _wait_worker(self, w: Worker, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not w.alive():
                tail = w.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"worker {w.name} (poort {w.port}) stopte bij het starten:\n{tail}")
            if healthy(w.url):
                return
            time.sleep(0.1)
        raise TimeoutError(f"worker {w.name} (poort {w.port}) antwoordde niet binnen {timeout:.0f} s")

    def proxy_settings(self) -> ProxySettings:
        return ProxySettings(
            workers=tuple((w.name, w.port) for w in self.pool),
            hosts=self.hosts,
            bind=f"127.0.0.1:{self.port}",
            admin_socket=str(self.admin_socket),
        )

    def start(self) -> Cluster:
        if not self.haproxy:
            raise FileNotFoundError("HAProxy ontbreekt: installeer het (Debian: apt-get install haproxy).")
        try:
            for w in self.pool:  # all at once: the store's start-up lock makes that safe
                self._start_worker(w)
            for w in self.pool:
                self._wait_worker(w)
            self.config_path.write_text(haproxy_config(self.proxy_settings()))
            check = subprocess.run(
                [self.haproxy, "-c", "-q", "-f", str(self.config_path)], capture_output=True, text=True
            )
            if check.returncode != 0:
                raise RuntimeError(f"HAProxy-configuratie ongeldig:\n{check.stdout}{check.stderr}")
            with open(self.run_dir / "haproxy.log", "ab") as fh:
                self.proxy = subprocess.Popen(
                    [self.haproxy, "-db", "-f", str(self.config_path)],
                    stdout=fh,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            deadline = time.monotonic() + 30
            while not healthy(self.url, host=self.hosts[0]):
                if self.proxy.poll() is not None or time.monotonic() > deadline:
                    tail = (self.run_dir / "haproxy.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"HAProxy startte niet:\n{tail}")
                time.sleep(0.05)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        _stop(self.proxy, timeout=5)
        for w in self.pool:
            _stop(w.proc)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- failures and restarts
    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Stop a worker abruptly (as a crash would), without telling HAProxy."""
        w = self.worker(name)
        if w.alive():
            w.proc.send_signal(sig)
            w.proc.wait(timeout=20)

    def restart(self, name: str) -> None:
        """Restart one worker without sending its users an error (``restart_behind_proxy``)."""
        with self._lock:
            w = self.worker(name)

            def stop_and_start():
                _stop(w.proc)
                self._start_worker(w)
                self._wait_worker(w)

            restart_behind_proxy(self.admin_socket, name, w.port, stop_and_start)
            w.restarts += 1

    def rolling_restart(self) -> None:
        """Every worker in turn (``restart``): the others serve meanwhile."""
        for w in self.pool:
            self.restart(w.name)

    def status(self) -> dict:
        try:
            seen = server_status(self.admin_socket) if self.proxy and self.proxy.poll() is None else {}
        except OSError:
            seen = {}
        return {
            "url": self.url,
            "haproxy_pid": self.proxy.pid if self.proxy else None,
            "admin_socket": str(self.admin_socket),
            "run_dir": str(self.run_dir),
            "workers": [
                {
                    "name": w.name,
                    "port": w.port,
                    "pid": w.pid,
                    "alive": w.alive(),
                    "restarts": w.restarts,
                    "haproxy": seen.get(w.name),
                    "log": str(w.log),
                }
                for w in self.pool
            ],
        }


# ---------------------------------------------------------------- command line


def _is_sqlite(url: str) -> bool:
    from sqlalchemy.engine import make_url

    return make_url(url).get_backend_name() == "sqlite"


def aantal_workers(requested: int | None, url: str) -> int:
    """The number of workers: as asked, else one per core; one on SQLite."""
    if requested is not None:
        return requested
    return 1 if _is_sqlite(url) else cores()


def _write_status(path: Path | None, cluster: Cluster) -> None:
    if path:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(cluster.status(), indent=2))
        tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m ijmond_dash serve",
        description="Start N app-processen (workers) achter HAProxy op deze machine. SIGHUP herstart de "
        "workers een voor een; SIGTERM of Ctrl+C stopt alles.",
    )
    ap.add_argument(
        "--workers",
        type=int,
        default=None,
        help=f"aantal workers (standaard: het aantal cores, hier {cores()}; op SQLite altijd 1)",
    )
    ap.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="poort van HAProxy (de link voor gebruikers); 0: een vrije poort"
    )
    ap.add_argument(
        "--worker-port",
        type=int,
        default=DEFAULT_WORKER_PORT,
        help="poort van de eerste worker; de volgende krijgen de poorten erna; 0: vrije poorten",
    )
    ap.add_argument(
        "--host",
        action="append",
        default=None,
        help="host-naam waarvoor HAProxy antwoordt (herhaalbaar; standaard 127.0.0.1 en localhost)",
    )
    ap.add_argument("--run-dir", type=Path, help="map voor logbestanden, HAProxy-configuratie en admin-socket")
    ap.add_argument("--status-file", type=Path, help="schrijf poorten, pids en status als JSON naar dit bestand")
    ap.add_argument(
        "--haproxy-config",
        action="store_true",
        help="schrijf alleen de HAProxy-configuratie voor een server (TLS) naar stdout",
    )
    ap.add_argument("--cert", default="/etc/haproxy/certs/dashboard.pem", help="met --haproxy-config: het TLS-bestand")
    args, streamlit_args = ap.parse_known_args(argv)

    if args.haproxy_config:
        host = (args.host or ["dashboard.ijmondwerkt.nl"])[0]
        sys.stdout.write(deploy_config(args.workers or 2, host, args.cert))
        return 0

    url = settings.database_url()
    workers = aantal_workers(args.workers, url)
    if workers < 1:
        print("--workers moet minstens 1 zijn.", file=sys.stderr)
        return 2
    if workers > 1 and _is_sqlite(url):
        print(
            "Meerdere workers delen één store in PostgreSQL: zet DATABASE_URL (docs/DEPLOYMENT.md). "
            "Op SQLite draait één worker.",
            file=sys.stderr,
        )
        return 2
    if not haproxy_binary():
        print("HAProxy ontbreekt: installeer het (Debian: apt-get install haproxy).", file=sys.stderr)
        return 2
    from ijmond_dash.store import db

    engine = db.create_engine(url)
    try:
        db.check_available(engine)
    except db.StoreUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        engine.dispose()

    cluster = Cluster(
        workers=workers,
        database_url=url,
        port=args.port,
        worker_port=args.worker_port,
        hosts=tuple(args.host or ("127.0.0.1", "localhost")),
        run_dir=args.run_dir,
        streamlit_args=tuple(streamlit_args),
    )
    stoppen = threading.Event()
    herstarten = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stoppen.set())
    signal.signal(signal.SIGINT, lambda *_: stoppen.set())
    signal.signal(signal.SIGHUP, lambda *_: herstarten.set())
    try:
        cluster.start()
    except (RuntimeError, TimeoutError, FileNotFoundError) as exc:
        print(exc, file=sys.stderr)
        return 1
    _write_status(args.status_file, cluster)
    print(
        f"Dashboard: {cluster.url} (HAProxy, pid {cluster.proxy.pid}); {workers} worker(s): "
        + ", ".join(f"{w.name} poort {w.port} pid {w.pid}" for w in cluster.pool)
        + f". Logs in {cluster.run_dir}.",
        flush=True,
    )
    gemeld: set[tuple[str, int]] = set()
    code = 0
    try:
        while not stoppen.wait(1):
            if cluster.proxy.poll() is not None:
                print(f"HAProxy is gestopt (code {cluster.proxy.returncode}); alles wordt gestopt.", file=sys.stderr)
                code = 1
                break
            if herstarten.is_set():
                herstarten.clear()
                print("Workers worden een voor een herstart…", flush=True)
                cluster.rolling_restart()
                print("Alle workers zijn herstart.", flush=True)
            for w in cluster.pool:
                if not w.alive() and (w.name, w.restarts) not in gemeld:
                    gemeld.add((w.name, w.restarts))
                    print(
                        f"Worker {w.name} (poort {w.port}) is gestopt (code {w.proc.returncode}); HAProxy stuurt "
                        f"nieuwe sessies naar de andere workers. Herstarten: kill -HUP {os.getpid()}.",
                        file=sys.stderr,
                        flush=True,
                    )
            _write_status(args.status_file, cluster)
    finally:
        cluster.stop()
        _write_status(args.status_file, cluster)
    return code


def herstart_main(argv: list[str] | None = None) -> int:
    """A rolling restart on a server with the systemd units of ``deploy/``."""
    ap = argparse.ArgumentParser(
        prog="python -m ijmond_dash herstart",
        description="Herstart de workers van een server een voor een (systemd-units ijmond-dash@<poort>), "
        "via de admin-socket van HAProxy, zonder dat een sessie of import verloren gaat.",
    )
    ap.add_argument("--socket", default="/run/haproxy/admin.sock", help="HAProxy's admin-socket")
    ap.add_argument("--unit", default="ijmond-dash@{port}.service", help="systemd-unit per worker ({port})")
    args = ap.parse_args(argv)
    workers = backend_workers(args.socket)
    if not workers:
        print(f"Geen workers gevonden in backend {BACKEND} via {args.socket}.", file=sys.stderr)
        return 2
    for name, port in workers:
        print(f"{name} (poort {port}): uit HAProxy, herstarten, terug…", flush=True)
        unit = args.unit.format(port=port)
        try:
            restart_behind_proxy(
                args.socket, name, port, lambda unit=unit: subprocess.run(["systemctl", "restart", unit], check=True)
            )
        except (TimeoutError, subprocess.CalledProcessError) as exc:
            print(f"{exc}. De andere workers zijn niet herstart.", file=sys.stderr)
            return 1
    print("Alle workers zijn herstart.")
    return 0
