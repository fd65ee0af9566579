"""A test SMTP server in a process of its own, as a real server is (no shared GIL)."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    password: str


def _serve(work: str, delay: float, pipe: Connection) -> None:
    from tests.smtp_server import SmtpCertificates, SmtpTestServer

    # aiosmtpd's own AUTH sets the deprecated Session.login_data and warns, once a login.
    logging.getLogger("mail.log").addFilter(lambda record: "login_data" not in record.msg)

    certs = SmtpCertificates.create(Path(work))
    server = SmtpTestServer(certs.server_context(), tls="starttls").start()
    server.behavior.reply_delay = delay
    pipe.send((str(certs.ca_path), server.host, server.port, server.user, server.password))
    pipe.recv()  # until told to stop
    pipe.send(len(server.messages))
    server.stop()


def start_server(work: Path, delay_s: float) -> tuple[Server, Callable[[], int]]:
    """Start it; trusts its CA and uses its password via the environment. Returns the
    server and a function that stops it and gives the number of messages it received."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(target=_serve, args=(str(work), delay_s, theirs), daemon=True)
    child.start()
    ca_path, host, port, user, password = ours.recv()
    os.environ["FACTURIER_SMTP_CAFILE"] = ca_path
    os.environ["FACTURIER_SMTP_PASSWORD"] = password

    def stop() -> int:
        ours.send("stop")
        received = int(ours.recv())
        child.join(10)
        return received

    return Server(host, port, user, password), stop
