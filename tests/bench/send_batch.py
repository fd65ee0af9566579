"""Benchmark: sending 200 invoices through a slow-replying SMTP server, or a slow network.

    python tests/bench/send_batch.py [--documents 200] [--delay-ms 20]
    python tests/bench/send_batch.py --rtt-ms 40 [--documents 200] [--delay-ms 0]

A local aiosmtpd server (STARTTLS + AUTH) waits ``--delay-ms`` before every reply,
as a real provider does. Timed in one run, on the same prepared invoices and PDFs:
  (a) our drain (claims, the company's connections, a history row per message);
  (b) the naive loop a user would write: ``yagmail.SMTP(...).send(...)`` per document;
  (c) the floor: bare smtplib on one connection sending the same pre-built messages.
Targets: (a) at least 2x faster than (b); (a)/(c) at most 1.15.

``--rtt-ms``: the latency mode. The server (offering PIPELINING) is reached through a
proxy that adds that round-trip time (half each way, tests/latency_proxy.py), as a
provider across the Internet is, and its replies are not delayed (unless ``--delay-ms``).
Timed the same way: the floor, the naive yagmail loop, and our drain with pipelining off
on one connection, then on with one, two and three connections (the company's
``smtp_pipelining`` and ``smtp_connections``), each run on a copy of the same prepared
outbox. The server counts the Message-IDs it receives: every message exactly once a run.
Targets at 40 ms: pipelined on one connection at least 1.6x faster per message than the
floor; on three connections at least 3x faster than the floor and 5x than yagmail.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import smtplib
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import yagmail  # noqa: E402
from sqlalchemy import delete, select  # noqa: E402

from app.db.database import Database, open_database  # noqa: E402
from app.db.models import OutboxMessage  # noqa: E402
from app.domain.kinds import DocumentKind  # noqa: E402
from app.mail.transport import make_ssl_context  # noqa: E402
from app.services.batch import prepare_batch  # noqa: E402
from app.services.demo import fill_demo  # noqa: E402
from app.services.documents import ensure_archived_pdf, get_document, unsent_ids  # noqa: E402
from app.services.outbox import drain  # noqa: E402
from app.services.settings import update_company  # noqa: E402
from tests.bench.smtp_process import Server, start_server  # noqa: E402
from tests.integration.sending_helpers import clients, invoice  # noqa: E402
from tests.latency_proxy import LatencyProxy  # noqa: E402
from tests.smtp_server import SmtpCertificates, SmtpTestServer  # noqa: E402

# (label, pipelining, connections): our drain's settings in the latency mode
OUR_OPTIONS = (
    ("ours, pipelining off, 1 connection", False, 1),
    ("ours, pipelining on, 1 connection", True, 1),
    ("ours, pipelining on, 2 connections", True, 2),
    ("ours, pipelining on, 3 connections", True, 3),
)

TARGET_RTT_MS = 40.0  # the round trip the speed-up targets are set for
Message = tuple[str, list[str], bytes, int]  # envelope sender, recipients, raw, document id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument(
        "--delay-ms", type=float, help="before every reply (default: 20, or 0 with --rtt-ms)"
    )
    parser.add_argument("--rtt-ms", type=float, help="the latency mode: this round-trip time")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="facturier-bench-"))
    if args.rtt_ms is not None:
        return latency_mode(args.documents, args.rtt_ms, args.delay_ms or 0.0, work)
    delay_ms = 20.0 if args.delay_ms is None else args.delay_ms
    server, stop = start_server(work, delay_ms / 1000)
    try:
        run(args.documents, delay_ms, work, server)
    finally:
        print(f"messages received by the server: {stop()}")
    return 0


def prepare(count: int, work: Path, server: Server, port: int) -> tuple[Database, list[int]]:
    """A company sending through ``port``, and ``count`` invoices prepared in its outbox."""
    db = open_database(str(work / "bench.db"))
    fill_demo(db, clients=40, documents=0)  # the company and its clients
    update_company(
        db,
        smtp_host=server.host,
        smtp_port=port,
        smtp_user=server.user,
        sender_address="contact@atelier-dupont.fr",
    )
    print(f"validating {count} invoices (each archives its PDF, not timed)...", flush=True)
    business = clients(db)
    for n in range(count):
        invoice(db, business.two_addresses, str(100 + n))
    candidates = unsent_ids(db, DocumentKind.INVOICE)
    print(f"preparing {count} invoices (PDFs rendered and archived, not timed)...", flush=True)
    ids: list[int] = []
    while len(ids) < count and candidates:
        chunk, candidates = candidates[:50], candidates[50:]
        # yagmail and bare smtplib cannot address non-ASCII mailboxes: keep to ASCII ones
        ids += [p.outbox_id for p in prepare_batch(db, chunk).prepared if "".join(p.to).isascii()]
    ids = ids[:count]
    with db.write() as session:  # the extra prepared ones are not part of the run
        session.execute(delete(OutboxMessage).where(OutboxMessage.id.not_in(ids)))
    if len(ids) < count:
        raise SystemExit(f"only {len(ids)} sendable invoices; raise the demo size")
    return db, ids


def messages_of(db: Database, ids: list[int]) -> list[Message]:
    with db.read() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))).all()
        return [(r.envelope_from, r.to_addrs.split(", "), r.raw, r.document_id) for r in rows]


def pdf_files(
    db: Database, messages: list[Message], folder: Path
) -> list[tuple[list[str], str, Path]]:
    """What the naive loop attaches: each document's archived PDF, as a file."""
    folder.mkdir()
    files: list[tuple[list[str], str, Path]] = []
    for _, to, _, document_id in messages:
        number = get_document(db, document_id).number or str(document_id)  # validated: set
        path = folder / f"{number}.pdf"
        path.write_bytes(ensure_archived_pdf(db, document_id))
        files.append((to, number, path))
    return files


def naive_loop(server: Server, port: int, files: list[tuple[list[str], str, Path]]) -> float:
    """One SMTP object (one connection, one login) per document; the seconds it took."""
    start = time.perf_counter()
    for to, number, path in files:
        yag = yagmail.SMTP(
            {server.user: server.user},  # a bare login would get "@gmail.com" appended
            server.password,
            host=server.host,
            port=port,
            smtp_starttls=True,
            smtp_ssl=False,
            soft_email_validation=False,
        )
        yag.send(
            to=to,
            subject=f"Facture {number}",
            contents="Veuillez trouver…",
            attachments=[str(path)],
        )
    return time.perf_counter() - start


def floor_loop(server: Server, port: int, messages: list[Message]) -> float:
    """Bare smtplib, one connection, one login, the pre-built messages; the seconds."""
    start = time.perf_counter()
    with smtplib.SMTP(server.host, port, timeout=30) as smtp:
        smtp.starttls(context=make_ssl_context())
        smtp.login(server.user, server.password)
        for sender, to, raw, _ in messages:
            smtp.sendmail(sender, to, raw)
    return time.perf_counter() - start


def run(count: int, delay_ms: float, work: Path, server: Server) -> None:
    db, ids = prepare(count, work, server, server.port)
    messages = messages_of(db, ids)

    # (a) our drain
    start = time.perf_counter()
    result = drain(db, ids=ids)
    ours = time.perf_counter() - start
    assert len(result.sent) == count, result

    # (b) the naive yagmail loop
    naive = naive_loop(server, server.port, pdf_files(db, messages, work / "pdfs"))
    # (c) the floor: bare smtplib, one connection, the same pre-built messages
    floor = floor_loop(server, server.port, messages)
    db.dispose()

    print(f"server reply delay: {delay_ms:.0f} ms, messages: {count}")
    print(f"(a) our drain:          {ours:7.2f} s  ({count / ours:6.1f} msg/s)")
    print(f"(b) naive yagmail loop: {naive:7.2f} s  ({count / naive:6.1f} msg/s)")
    print(f"(c) bare smtplib floor: {floor:7.2f} s  ({count / floor:6.1f} msg/s)")
    print(f"(b)/(a) = {naive / ours:.2f}  (target >= 2)")
    print(f"(a)/(c) = {ours / floor:.2f}  (target <= 1.15)")


# --- the latency mode ----------------------------------------------------------------------


def _serve_counting(work: str, delay: float, pipe: Connection) -> None:
    """The SMTP test server (STARTTLS + AUTH, PIPELINING offered), in a process of its own;
    on "take" it sends the Message-IDs received and the number of connections opened
    since the last "take"."""
    logging.getLogger("mail.log").addFilter(lambda record: "login_data" not in record.msg)
    certs = SmtpCertificates.create(Path(work))
    server = SmtpTestServer(certs.server_context(), tls="starttls", pipelining=True).start()
    server.behavior.reply_delay = delay
    pipe.send((str(certs.ca_path), server.host, server.port, server.user, server.password))
    taken = connections = 0
    parser = BytesHeaderParser(policy=compat32)
    while pipe.recv() == "take":
        received = server.messages
        ids = [str(parser.parsebytes(m.data)["Message-ID"]) for m in received[taken:]]
        pipe.send((ids, server.handler.connections - connections))
        taken, connections = len(received), server.handler.connections
    server.stop()
    pipe.send("stopped")


def _serve_proxy(host: str, port: int, rtt: float, pipe: Connection) -> None:
    """The latency proxy in a process of its own: it shares no GIL with either end."""
    with LatencyProxy(host, port, rtt=rtt) as proxy:
        pipe.send(proxy.port)
        pipe.recv()  # until told to stop


@dataclass
class Remote:
    """A child process and the pipe to it."""

    process: multiprocessing.process.BaseProcess
    pipe: Connection

    def ask(self, request: str) -> Any:
        self.pipe.send(request)
        return self.pipe.recv()

    def stop(self) -> None:
        self.pipe.send("stop")
        self.process.join(10)


def spawn(target: Callable[..., None], *args: object) -> tuple[Remote, Any]:
    """Start ``target(*args, pipe)`` in a fresh process; its first message."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=target, args=(*args, theirs), daemon=True)
    process.start()
    return Remote(process, ours), ours.recv()


@dataclass
class Row:
    label: str
    seconds: float
    count: int

    @property
    def per_message(self) -> float:
        return self.seconds / self.count


def latency_mode(count: int, rtt_ms: float, delay_ms: float, work: Path) -> int:
    """The latency mode's runs and table; the exit status (1 when a check failed)."""
    server_process, hello = spawn(_serve_counting, str(work), delay_ms / 1000)
    ca_path, host, port, user, password = hello
    os.environ["FACTURIER_SMTP_CAFILE"] = ca_path
    os.environ["FACTURIER_SMTP_PASSWORD"] = password
    server = Server(host, port, user, password)
    proxy_process, proxy_port = spawn(_serve_proxy, host, port, rtt_ms / 1000)
    assert isinstance(proxy_port, int)
    failures: list[str] = []
    try:
        rows = _latency_runs(count, work, server, proxy_port, server_process, failures)
    finally:
        proxy_process.stop()
        server_process.stop()
    _latency_report(rows, count, rtt_ms, delay_ms, failures)
    return 1 if failures else 0


def _latency_runs(
    count: int,
    work: Path,
    server: Server,
    port: int,
    counter: Remote,
    failures: list[str],
) -> list[Row]:
    db, ids = prepare(count, work, server, port)
    messages = messages_of(db, ids)
    expected = Counter(
        str(BytesHeaderParser(policy=compat32).parsebytes(raw)["Message-ID"])
        for _, _, raw, _ in messages
    )
    files = pdf_files(db, messages, work / "pdfs")
    db.dispose()
    pristine = work / "bench.db"
    counter.ask("take")  # nothing yet; from now on, run by run

    def exactly_once(label: str, same_ids: bool) -> None:
        message_ids, connections = counter.ask("take")
        received: Counter[str] = Counter(message_ids)
        again = sum(1 for n in received.values() if n > 1)
        ok = len(received) == count and not again
        if same_ids:
            ok = ok and received == expected
        print(
            f"  {'PASS' if ok else 'FAIL'} exactly once: {sum(received.values())} received, "
            f"{len(received)} Message-IDs, {again} more than once ({connections} connections)",
            flush=True,
        )
        if not ok:
            failures.append(f"exactly once ({label})")

    rows: list[Row] = []
    print(f"timing {count} messages at each option (through the latency proxy)...", flush=True)
    rows.append(
        Row("bare smtplib, 1 connection (floor)", floor_loop(server, port, messages), count)
    )
    print(f"{rows[-1].label}: {rows[-1].seconds:.2f} s", flush=True)
    exactly_once(rows[-1].label, same_ids=True)
    rows.append(Row("naive yagmail loop", naive_loop(server, port, files), count))
    print(f"{rows[-1].label}: {rows[-1].seconds:.2f} s", flush=True)
    exactly_once(rows[-1].label, same_ids=False)  # yagmail makes its own messages
    for n, (label, pipelining, connections) in enumerate(OUR_OPTIONS):
        copy = work / f"run-{n}.db"  # the same prepared outbox, unsent, for each option
        with sqlite3.connect(pristine) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        db = open_database(str(copy))
        update_company(db, smtp_pipelining=pipelining, smtp_connections=connections)
        start = time.perf_counter()
        result = drain(db, ids=ids)
        seconds = time.perf_counter() - start
        db.dispose()
        if len(result.sent) != count:
            failures.append(f"{label}: {len(result.sent)} of {count} sent")
            print(f"  FAIL {label}: {len(result.sent)} of {count} sent: {result}", flush=True)
        rows.append(Row(label, seconds, count))
        print(f"{label}: {seconds:.2f} s", flush=True)
        exactly_once(label, same_ids=True)
    return rows


def _latency_report(
    rows: list[Row], count: int, rtt_ms: float, delay_ms: float, failures: list[str]
) -> None:
    floor, naive = rows[0], rows[1]
    print()
    print(
        f"round-trip time: {rtt_ms:g} ms, server reply delay: {delay_ms:g} ms, "
        f"messages: {count}, CPUs: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"| {'':<36} | total (s) | per message (ms) | vs floor | vs yagmail |")
    print(f"| {'-' * 36} | --------: | ---------------: | -------: | ---------: |")
    for row in rows:
        print(
            f"| {row.label:<36} | {row.seconds:9.2f} | {row.per_message * 1000:16.1f} "
            f"| {floor.per_message / row.per_message:7.2f}x "
            f"| {naive.per_message / row.per_message:9.2f}x |"
        )
    ours = {(p, c): row for (_, p, c), row in zip(OUR_OPTIONS, rows[2:], strict=True)}

    def check(label: str, ratio: float, target: float) -> None:
        ok = ratio >= target
        print(f"{'PASS' if ok else 'FAIL'} {label}: {ratio:.2f}x (target >= {target:g}x)")
        if not ok:
            failures.append(label)

    one, three = ours[(True, 1)], ours[(True, 3)]
    if rtt_ms == TARGET_RTT_MS:
        check("pipelining, 1 connection vs floor", floor.per_message / one.per_message, 1.6)
        check("pipelining, 3 connections vs floor", floor.per_message / three.per_message, 3.0)
        check("pipelining, 3 connections vs yagmail", naive.per_message / three.per_message, 5.0)
    else:
        print(f"(the speed-up targets are set for a {TARGET_RTT_MS:g} ms round trip: not checked)")
    print("PASS all" if not failures else f"FAIL: {'; '.join(failures)}")


if __name__ == "__main__":
    raise SystemExit(main())
