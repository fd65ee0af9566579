"""Benchmark: a mixed batch of invoices, e-mailed and deposited on the approved platform.

    python tests/bench/platform_batch.py [--documents 50] [--faults]

The real SMTP test server (STARTTLS + AUTH) and the platform test server (HTTPS, OAuth2
client credentials, AFNOR XP Z12-013 flows) run on loopback. Three in five invoices are
for French businesses found in the directory (the platform), the others for an unknown
business and a private person (e-mail). With ``--faults`` the platform drops the answer
of some deposits, answers 503 and 429, and expires its tokens mid-batch; the retries are
then sent as the user's "send now" would. Printed: the time of each step and what each
server received; the target is each invoice delivered exactly once, by its channel.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from app.db.database import open_database  # noqa: E402
from app.services.batch import Choices, plan_batch, prepare_batch  # noqa: E402
from app.services.outbox import drain  # noqa: E402
from tests.integration.platform_helpers import mixed_invoices, platform_business  # noqa: E402
from tests.platform_server import PLATFORM_SECRET, PlatformTestServer  # noqa: E402
from tests.smtp_server import SmtpCertificates, SmtpTestServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--faults", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="facturier-bench-"))
    certs = SmtpCertificates.create(work)
    env = pytest.MonkeyPatch()
    env.setenv("FACTURIER_SMTP_CAFILE", str(certs.ca_path))
    env.setenv("FACTURIER_PLATFORM_CAFILE", str(certs.ca_path))
    env.setenv("FACTURIER_PLATFORM_SECRET", PLATFORM_SECRET)
    smtp = SmtpTestServer(certs.server_context(), tls="starttls").start()
    try:
        with PlatformTestServer(certs.server_context()) as platform:
            run(args.documents, args.faults, work, smtp, platform, env)
    finally:
        smtp.stop()
        env.undo()


def run(
    count: int,
    faults: bool,
    work: Path,
    smtp: SmtpTestServer,
    platform: PlatformTestServer,
    env: pytest.MonkeyPatch,
) -> None:
    db = open_database(str(work / "bench.db"))
    ids = mixed_invoices(db, platform_business(db, smtp, platform, env), count)
    started = time.perf_counter()
    plan = plan_batch(db, ids)
    planned = time.perf_counter()
    counts = plan.channel_counts(Choices())
    print(f"plan (directory asked): {planned - started:.2f} s; {counts}")
    prepared = prepare_batch(db, ids)
    ready = time.perf_counter()
    print(f"prepare (PDFs archived, items queued): {ready - planned:.2f} s")
    if faults:
        platform.drop_after_request("/flows", count=3, method="POST")
        platform.fail_next("/flows", 503, count=2, retry_after=1, method="POST")
        platform.fail_next("/flows", 429, count=1, retry_after=1, method="POST")
    result = drain(db, ids=prepared.outbox_ids)
    if faults:
        platform.expire_tokens()
    rounds = 1
    while result.retry and rounds < 10:  # the user's "send now" on what waits to be retried
        result = drain(db, ids=result.retry)
        rounds += 1
    done = time.perf_counter()
    print(f"send: {done - ready:.2f} s in {rounds} round(s)")
    deposits = Counter(d.invoice_number for d in platform.deposits)
    most = max(deposits.values(), default=0)
    print(
        f"platform: {len(deposits)} invoices deposited, at most {most} time(s) each, "
        f"{platform.tokens_issued} token(s)"
    )
    print(f"e-mail: {len(smtp.messages)} messages")
    exact = (
        len(deposits) == counts["platform"]
        and max(deposits.values(), default=1) == 1
        and len(smtp.messages) == counts["email"]
    )
    print("each invoice exactly once by its channel:", "yes" if exact else "NO")
    db.dispose()


if __name__ == "__main__":
    main()
