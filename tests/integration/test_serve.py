"""The deployment files and the launcher's guards (ijmond_dash/server/serve.py, deploy/).

deploy/haproxy.cfg is what ``serve --haproxy-config`` writes, HAProxy accepts it (with a test
certificate in place of the real one), the systemd units pass ``systemd-analyze verify``, and
the launcher refuses several workers on SQLite. HAProxy and systemd-analyze: skipped locally
without them, failed with ``CI=true``."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ijmond_dash.server import serve
from tests.conftest import IN_CI, ROOT
from tests.integration.helpers import run_async

pytestmark = pytest.mark.workers

DEPLOY = ROOT / "deploy"


def _need(what: str, path: str | None) -> str:
    if not path:
        if IN_CI:
            pytest.fail(f"{what} is required in CI")
        pytest.skip(f"{what} is missing")
    return path


def _haproxy_check(config: str, tmp_path: Path) -> subprocess.CompletedProcess:
    haproxy = _need("HAProxy (apt-get install haproxy)", serve.haproxy_binary())
    cfg = tmp_path / "haproxy.cfg"
    cfg.write_text(config)
    return subprocess.run([haproxy, "-c", "-f", str(cfg)], capture_output=True, text=True)


def _test_cert(tmp_path: Path) -> Path:
    """A self-signed certificate and key in one PEM file, as HAProxy's `crt` takes it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dashboard.ijmondwerkt.nl")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    pem = tmp_path / "dashboard.pem"
    pem.write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return pem


def test_the_deploy_config_is_what_the_command_writes():
    assert (DEPLOY / "haproxy.cfg").read_text() == serve.deploy_config(), (
        "deploy/haproxy.cfg differs from `python -m ijmond_dash serve --haproxy-config --workers 2`; "
        "write it again with that command"
    )
    out = subprocess.run(
        [sys.executable, "-m", "ijmond_dash", "serve", "--haproxy-config", "--workers", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out == serve.deploy_config()


def test_the_deploy_config_has_what_the_issue_asks():
    cfg = (DEPLOY / "haproxy.cfg").read_text()
    assert "cookie IJW_WORKER insert indirect nocache httponly secure" in cfg  # affinity, only over TLS
    assert "option httpchk GET /_stcore/health" in cfg and "http-check expect string ok" in cfg
    assert "timeout tunnel" in cfg  # websockets stay open
    assert "http-request deny deny_status 421 unless ijw_host" in cfg  # only the configured host
    assert "-m str dashboard.ijmondwerkt.nl\n" in cfg
    assert "bind :443 ssl crt /etc/haproxy/certs/dashboard.pem" in cfg
    assert "redirect scheme https" in cfg and "Strict-Transport-Security" in cfg
    assert [ln.split()[2] for ln in cfg.splitlines() if ln.strip().startswith("server ")] == [
        "127.0.0.1:8511",
        "127.0.0.1:8512",
    ]  # the workers listen on loopback only


def test_haproxy_accepts_the_server_config_and_the_trial_config(tmp_path):
    pem = _test_cert(tmp_path)
    server = (
        serve.deploy_config()
        .replace("/etc/haproxy/certs/dashboard.pem", str(pem))
        .replace("/run/haproxy/admin.sock", str(tmp_path / "admin.sock"))
    )
    if not Path("/var/lib/haproxy").is_dir():  # the Debian package's chroot; absent without it
        server = server.replace("    chroot /var/lib/haproxy\n", "")
    r = _haproxy_check(server, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    trial = serve.haproxy_config(
        serve.ProxySettings(
            workers=(("w1", 8511), ("w2", 8512), ("w3", 8513)),
            hosts=("127.0.0.1", "localhost"),
            admin_socket=str(tmp_path / "trial.sock"),
        )
    )
    r = _haproxy_check(trial, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "secure" not in trial.split("cookie IJW_WORKER")[1].splitlines()[0]  # plain http on loopback
    # and a broken line is refused (the check can fail)
    kapot = trial.replace("balance roundrobin", "balance nergens")
    assert kapot != trial
    r = _haproxy_check(kapot, tmp_path)
    assert r.returncode != 0


def test_the_systemd_units_verify(tmp_path):
    analyze = _need("systemd-analyze (apt-get install systemd)", shutil.which("systemd-analyze"))
    units = tmp_path / "units"
    units.mkdir()
    streamlit = Path(sys.executable).parent / "streamlit"
    for unit in (DEPLOY / "systemd").iterdir():
        # verify checks that ExecStart's program exists: point it at this machine's venv
        (units / unit.name).write_text(unit.read_text().replace("/opt/ijmond-dash/.venv/bin/streamlit", str(streamlit)))
    (units / "ijmond-dash@8511.service").symlink_to(units / "ijmond-dash@.service")
    r = subprocess.run(
        [analyze, "verify", "--man=no", str(units / "ijmond-dash@8511.service"), str(units / "ijmond-dash.target")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0 and "ijmond-dash" not in r.stderr, r.stdout + r.stderr
    unit = (DEPLOY / "systemd" / "ijmond-dash@.service").read_text()
    assert "--server.address 127.0.0.1 --server.port %i" in unit
    assert "EnvironmentFile=/etc/ijmond-dash/omgeving" in unit and "Restart=always" in unit


def test_several_workers_on_sqlite_are_refused(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "IJMOND_SQLITE_PATH": str(tmp_path / "s.sqlite"), "DATABASE_URL": ""}
    r = subprocess.run(
        [sys.executable, "-m", "ijmond_dash", "serve", "--workers", "2", "--port", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 2
    assert "Meerdere workers delen één store in PostgreSQL" in r.stderr
    assert not (tmp_path / "s.sqlite").exists()  # nothing started


def test_the_default_number_of_workers_is_the_number_of_cores(monkeypatch):
    monkeypatch.setattr(serve.os, "sched_getaffinity", lambda _pid: {0, 1, 2})
    assert serve.cores() == 3
    assert serve.aantal_workers(None, "postgresql+psycopg://x@h/db") == 3
    assert serve.aantal_workers(None, "sqlite:///x.sqlite") == 1
    assert serve.aantal_workers(2, "postgresql+psycopg://x@h/db") == 2


STOP_APP = """
import os, time
import streamlit as st
from ijmond_dash.server import beurten
st.write("start")
with beurten.beurt():
    time.sleep(3)  # an import in progress
    open(os.environ["IJW_KLAAR"], "w").write("ok")
"""


def test_a_worker_that_is_stopped_finishes_its_run_first(tmp_path):
    """SIGTERM (systemctl stop, a rolling restart) while a run is in progress: the worker
    exits only after the run (ijmond_dash/server/beurten.py waits at exit), so an import that a user
    started is saved, not rolled back. Streamlit's own exit path must reach that wait."""
    import asyncio
    import os
    import signal

    from benchmarks.bench import Session, start_server, wait_healthy

    app = tmp_path / "app.py"
    app.write_text(STOP_APP)
    klaar = tmp_path / "klaar"
    os.environ["IJW_KLAAR"] = str(klaar)
    os.environ["PYTHONPATH"] = str(ROOT)
    try:
        server = start_server(app, None, log_dir=tmp_path)
    finally:
        del os.environ["IJW_KLAAR"], os.environ["PYTHONPATH"]
    try:
        wait_healthy(server)

        async def run_then_stop():
            from streamlit.proto.BackMsg_pb2 import BackMsg

            async with Session(server.ws_url, timeout=30) as s:
                msg = BackMsg()
                msg.rerun_script.query_string = ""
                await s.ws.send(msg.SerializeToString())
                await asyncio.sleep(1.0)  # the run is in its turn now
                server.proc.send_signal(signal.SIGTERM)
                return await asyncio.to_thread(server.proc.wait, 60)

        assert run_async(run_then_stop()) == 0
        assert klaar.exists(), "the worker exited in the middle of a run:\n" + server.log.read_text()[-2000:]
    finally:
        server.stop()


FAKE_SYSTEMCTL = """#!/bin/bash
# stands in for `systemctl restart ijmond-dash@<port>.service`: stop that worker, start it again
set -e
unit="$2"; port="${unit#ijmond-dash@}"; port="${port%.service}"
echo "$1 $unit" >> "$IJW_DIR/systemctl.log"
oud="$(cat "$IJW_DIR/$port.pid")"
kill -TERM "$oud"
while kill -0 "$oud" 2>/dev/null && ! grep -q zombie /proc/"$oud"/status 2>/dev/null; do sleep 0.1; done
cd "$IJW_ROOT"
setsid "$IJW_PY" -m streamlit run app.py --server.address 127.0.0.1 --server.port "$port" \\
  --server.headless true > "$IJW_DIR/$port.log" 2>&1 < /dev/null &
echo $! > "$IJW_DIR/$port.pid"
"""


def test_herstart_restarts_the_workers_of_a_server_one_at_a_time(tmp_path, monkeypatch):
    """`python -m ijmond_dash herstart` as on a server: the workers from HAProxy's admin
    socket, each in turn out of HAProxy, restarted by systemctl (a stand-in here), back in."""
    import os
    import signal
    import time

    _need("HAProxy (apt-get install haproxy)", serve.haproxy_binary())
    cluster = serve.Cluster(
        workers=2, database_url=f"sqlite:///{tmp_path / 's.sqlite'}", port=0, worker_port=0, run_dir=tmp_path / "run"
    ).start()
    nieuwe: list[int] = []
    try:
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        (bin_dir / "systemctl").write_text(FAKE_SYSTEMCTL)
        (bin_dir / "systemctl").chmod(0o755)
        oud = {w.port: w.pid for w in cluster.pool}
        for port, pid in oud.items():
            (tmp_path / f"{port}.pid").write_text(str(pid))
        monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
        monkeypatch.setenv("IJW_DIR", str(tmp_path))
        monkeypatch.setenv("IJW_ROOT", str(ROOT))
        monkeypatch.setenv("IJW_PY", sys.executable)
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 's.sqlite'}")

        assert serve.herstart_main(["--socket", str(cluster.admin_socket)]) == 0
        nieuwe = [int((tmp_path / f"{w.port}.pid").read_text()) for w in cluster.pool]
        assert (tmp_path / "systemctl.log").read_text().splitlines() == [
            f"restart ijmond-dash@{w.port}.service" for w in cluster.pool
        ]  # one at a time, in order
        assert set(nieuwe).isdisjoint(oud.values())
        assert serve.server_status(cluster.admin_socket) == {"w1": "UP", "w2": "UP"}
        assert serve.healthy(cluster.url, host="127.0.0.1")
    finally:
        for pid in nieuwe:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 30
        while nieuwe and time.monotonic() < deadline and any(os.path.exists(f"/proc/{p}") for p in nieuwe):
            time.sleep(0.2)
        cluster.stop()
