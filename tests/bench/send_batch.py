"""Benchmark: sending 200 invoices through a slow-replying SMTP server.

    python tests/bench/send_batch.py [--documents 200] [--delay-ms 20]

A local aiosmtpd server (STARTTLS + AUTH) waits ``--delay-ms`` before every reply,
as a real provider does. Timed in one run, on the same prepared invoices and PDFs:
  (a) our drain (claims, one connection, a history row per message);
  (b) the naive loop a user would write: ``yagmail.SMTP(...).send(...)`` per document;
  (c) the floor: bare smtplib on one connection sending the same pre-built messages.
Targets: (a) at least 2x faster than (b); (a)/(c) at most 1.15.
"""

from __future__ import annotations

import argparse
import smtplib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import yagmail  # noqa: E402
from sqlalchemy import delete, select  # noqa: E402

from app.db.database import open_database  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--delay-ms", type=float, default=20.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="facturier-bench-"))
    server, stop = start_server(work, args.delay_ms / 1000)
    try:
        run(args.documents, args.delay_ms, work, server)
    finally:
        print(f"messages received by the server: {stop()}")


def run(count: int, delay_ms: float, work: Path, server: Server) -> None:
    db = open_database(str(work / "bench.db"))
    fill_demo(db, clients=40, documents=0)  # the company and its clients
    update_company(
        db,
        smtp_host=server.host,
        smtp_port=server.port,
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
    with db.read() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))).all()
        messages = [(r.envelope_from, r.to_addrs.split(", "), r.raw, r.document_id) for r in rows]

    # (a) our drain
    start = time.perf_counter()
    result = drain(db, ids=ids)
    ours = time.perf_counter() - start
    assert len(result.sent) == count, result

    # (b) the naive yagmail loop: one SMTP object (one connection, one login) per document
    pdf_dir = work / "pdfs"
    pdf_dir.mkdir()
    files = []
    for _, to, _, document_id in messages:
        number = get_document(db, document_id).number
        path = pdf_dir / f"{number}.pdf"
        path.write_bytes(ensure_archived_pdf(db, document_id))
        files.append((to, number, path))
    start = time.perf_counter()
    for to, number, path in files:
        yag = yagmail.SMTP(
            {server.user: server.user},  # a bare login would get "@gmail.com" appended
            server.password,
            host=server.host,
            port=server.port,
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
    naive = time.perf_counter() - start

    # (c) the floor: bare smtplib, one connection, the same pre-built messages
    start = time.perf_counter()
    with smtplib.SMTP(server.host, server.port, timeout=30) as smtp:
        smtp.starttls(context=make_ssl_context())
        smtp.login(server.user, server.password)
        for sender, to, raw, _ in messages:
            smtp.sendmail(sender, to, raw)
    floor = time.perf_counter() - start
    db.dispose()

    print(f"server reply delay: {delay_ms:.0f} ms, messages: {count}")
    print(f"(a) our drain:          {ours:7.2f} s  ({count / ours:6.1f} msg/s)")
    print(f"(b) naive yagmail loop: {naive:7.2f} s  ({count / naive:6.1f} msg/s)")
    print(f"(c) bare smtplib floor: {floor:7.2f} s  ({count / floor:6.1f} msg/s)")
    print(f"(b)/(a) = {naive / ours:.2f}  (target >= 2)")
    print(f"(a)/(c) = {ours / floor:.2f}  (target <= 1.15)")


if __name__ == "__main__":
    main()
