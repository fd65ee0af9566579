"""Benchmark: is the window still responsive while a 500-document batch is sent?

    python tests/bench/gui_responsiveness.py [--documents 500] [--delay-ms 2] [--no-tweaks]
                                             [--at-once]

Drives the real main window and the real Envoi Webmail dialog offscreen against a local
SMTP server (STARTTLS + AUTH, in its own process). A 10 ms QTimer ticks on the GUI thread
for the whole batch; the longest gap between two ticks is how long the GUI was blocked.
Target: never more than 50 ms.

The batch starts as a user starts it: once the confirmation shows its preview and its
checks (the window's background reads have ended). ``--at-once`` clicks as soon as the
plan is read, while the dialog still checks the documents in the background.

``--no-tweaks`` undoes, right after ``create_main_window``, the process-wide settings of
``ui/startup.py`` (``gc.freeze()``, a 1 ms GIL switch interval), to measure without them.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.services.clients import client_can_receive_mail, list_clients  # noqa: E402
from app.services.database import open_database  # noqa: E402
from app.services.demo import fill_demo  # noqa: E402
from app.services.documents import ensure_archived_pdf  # noqa: E402
from app.services.settings import update_company  # noqa: E402
from tests.bench.smtp_process import start_server  # noqa: E402
from tests.integration.sending_helpers import invoice  # noqa: E402
from ui.i18n import install_translators  # noqa: E402
from ui.main import create_main_window  # noqa: E402
from ui.tasks import Task  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--delay-ms", type=float, default=2.0)
    parser.add_argument("--no-tweaks", action="store_true", help="without gc.freeze() etc.")
    parser.add_argument("--at-once", action="store_true", help="click before the checks end")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="facturier-gui-bench-"))
    server, stop = start_server(work, args.delay_ms / 1000)
    app = QApplication(sys.argv[:1])
    install_translators(app, "fr")
    path = work / "bench.db"
    db = open_database(str(path))
    # The demo marks most of its documents as sent: the batch's invoices are made apart,
    # validated, for the demo's clients that have a mailing address.
    fill_demo(db, clients=60, documents=args.documents)
    update_company(
        db,
        smtp_host=server.host,
        smtp_port=server.port,
        smtp_user=server.user,
        sender_address="contact@atelier-dupont.fr",
    )
    reachable = [c.id for c in list_clients(db) if client_can_receive_mail(db, c.id)]
    print(f"making {args.documents} invoices and their PDFs (not timed)...", flush=True)
    ids = [invoice(db, reachable[n % len(reachable)], str(100 + n)) for n in range(args.documents)]
    for document_id in ids:
        ensure_archived_pdf(db, document_id)
    db.dispose()

    window = create_main_window(str(path))
    if args.no_tweaks:
        gc.unfreeze()
        sys.setswitchinterval(0.005)  # Python's default
    print(f"process tweaks (gc.freeze, switch interval): {'undone' if args.no_tweaks else 'kept'}")
    window.show()
    window.report_view.model.set_checked(ids, True)
    dialog = window.send_checked()
    assert dialog is not None
    while not dialog.plan_ready or (Task.running_count() and not args.at_once):
        app.processEvents()  # the plan, preview and checks are read in the background
        time.sleep(0.001)

    gaps: list[float] = []
    long_gaps: list[tuple[float, float]] = []  # (seconds into the batch, gap in ms)
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        gap = clock.restart()
        gaps.append(gap)
        if gap > 50:
            long_gaps.append((time.perf_counter() - start, gap))

    ticker.timeout.connect(tick)
    finished: list[bool] = []
    dialog.batchFinished.connect(lambda: finished.append(True))
    app.processEvents()
    clock.start()
    start = time.perf_counter()
    ticker.start()
    dialog.start(send=True)
    while not finished:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    during = sorted(gaps)
    settle = time.perf_counter() + 0.5  # the summary and the report's last reread, apart
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    outcome = dialog.outcome
    sent = len(outcome.drained.sent) if outcome and outcome.drained else 0
    window.close()
    received = stop()
    after = sorted(gaps[len(during) :])
    print(f"documents ticked: {len(ids)}, sent: {sent}, received by the server: {received}")
    print(f"batch time: {elapsed:.1f} s ({sent / elapsed:.1f} messages/s)")
    print(
        f"during the batch: {len(during)} GUI timer ticks; longest gap {during[-1]:.0f} ms "
        f"(99th percentile {during[int(len(during) * 0.99)]:.0f} ms; target <= 50 ms)"
    )
    print(
        f"once it ended (summary, the report's full reread): longest gap "
        f"{after[-1] if after else 0:.0f} ms"
    )
    for when, gap in long_gaps:
        print(f"  gap of {gap:.0f} ms at {when:.1f} s")


if __name__ == "__main__":
    main()
