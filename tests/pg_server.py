"""A throw-away PostgreSQL cluster on a loopback port, for the tests.

    python -m tests.pg_server start DIR   # prints: export FACTURIER_TEST_PG_URL=...
    python -m tests.pg_server stop DIR

Run as root, the server runs as the unprivileged ``postgres`` user (PostgreSQL refuses
root). Fsync is off: the cluster is thrown away after the run.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
from pathlib import Path

USER = "facturier"
PASSWORD = "facturier-test"


def binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(directory: Path) -> str:
    """Create and start a cluster in ``directory``; returns a SQLAlchemy URL."""
    initdb, pg_ctl = binary("initdb"), binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL is not installed (initdb/pg_ctl not found)")
    directory.mkdir(parents=True, exist_ok=True)
    data, sockets = directory / "data", directory / "sockets"
    sockets.mkdir(exist_ok=True)
    password_file = directory / "password"
    password_file.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        server = pwd.getpwnam("postgres")
        for path in (directory, sockets, password_file):
            os.chown(path, server.pw_uid, server.pw_gid)
        directory.chmod(0o700)
    subprocess.run(
        _as_server_user(
            [
                initdb,
                "-D",
                str(data),
                "-U",
                USER,
                "--pwfile",
                str(password_file),
                "-A",
                "scram-sha-256",
                "-E",
                "UTF8",
                "--locale",
                "C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    port = _free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -F "
        "-c max_connections=60 -c synchronous_commit=off"
    )
    subprocess.run(
        _as_server_user(
            [pg_ctl, "-D", str(data), "-l", str(directory / "log"), "-o", options, "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    (directory / "port").write_text(str(port))
    return url(port)


def url(port: int, database: str = "postgres") -> str:
    return f"postgresql+psycopg://{USER}:{PASSWORD}@127.0.0.1:{port}/{database}"


def stop(directory: Path) -> None:
    pg_ctl = binary("pg_ctl")
    if pg_ctl and (directory / "data").exists():
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(directory / "data"), "-m", "immediate", "stop"]),
            capture_output=True,
        )
    shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    action, folder = sys.argv[1], Path(sys.argv[2])
    if action == "start":
        print(f"export FACTURIER_TEST_PG_URL='{start(folder)}'")
    elif action == "stop":
        stop(folder)
    else:
        raise SystemExit(__doc__)
