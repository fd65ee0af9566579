"""``facturier self-check``: proves that an installed copy works, end to end.

It does what a first start does, on Qt's offscreen platform unless ``QT_QPA_PLATFORM``
says otherwise, in a temporary folder that is removed afterwards (the user's own
database is never opened): Qt starts with the French catalogue, the shipped resources
are there, a new database is created and migrated, the main window opens, demo data
fills it, and one invoice's PDF is rendered and archived through the services. One line
per check goes to standard output; the exit status is 0 when everything passed, 1
otherwise (the failing check and its reason on standard error).

Used by the package smoke test (packaging/ci-smoke.sh) on the installed program, and
by support: "run facturier self-check and send me what it prints".
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer, QTranslator

from app import __version__
from app.errors import FacturierError, NotFoundError
from ui import window_memory

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# Lazy imports, by design: each check imports what it checks when it runs (`# lazy: step`),
# so that a module that fails to load (a library missing from an installed copy) is that
# check's failure, one line of report, instead of a traceback before the first line.

EXIT_FAILED = 1
DEMO_CLIENTS = 6
DEMO_DOCUMENTS = 24
REPORT_TIMEOUT_S = 10.0  # the report may fill its rows after the window shows
REQUIRED_RESOURCES = (
    ("fonts", "DejaVuSans.ttf"),
    ("fonts", "DejaVuSans-Bold.ttf"),
    ("translations", "facturier_fr.qm"),
    ("icons", "facturier.svg"),
    ("icc", "sRGB2014.icc"),  # PDF/A (Factur-X) output intent
)


class CheckFailed(Exception):
    """A check that did not hold; the message says what was expected."""


def process_age() -> float | None:
    """Seconds since this process started (Linux), None where the system does not say."""
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def self_check() -> int:
    """Run every check, print one line each; 0 when all passed, 1 otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    how = "frozen" if getattr(sys, "frozen", False) else "source"
    print(f"Facturier {__version__} self-check ({how}, Python {sys.version.split()[0]})")
    sys.stdout.flush()  # before Qt starts: a platform plugin that fails to load aborts
    window_memory.enabled = False  # the user's window sizes are not the check's business
    with tempfile.TemporaryDirectory(prefix="facturier-self-check-") as folder:
        checker = _Checker(Path(folder) / "facturier.db")
        try:
            checker.run()
        except Exception as error:  # every failure becomes one readable line
            print(f"  FAILED  {checker.step}: {_reason(error)}", file=sys.stderr)
            print(QCoreApplication.translate("SelfCheck", "Self-check failed."), file=sys.stderr)
            return EXIT_FAILED
        finally:
            checker.close()
            window_memory.enabled = True
    seconds = f"{time.perf_counter() - started:.2f}"
    print(
        QCoreApplication.translate("SelfCheck", "Self-check passed in {seconds} s.").format(
            seconds=seconds
        )
    )
    return 0


def _reason(error: Exception) -> str:
    if isinstance(error, FacturierError):
        from ui.messages import error_text  # lazy: step (the messages load with the window)

        return error_text(error)
    if isinstance(error, CheckFailed):
        return str(error)
    return f"{type(error).__name__}: {error}"


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.step = "start"
        self.window: MainWindow | None = None

    def run(self) -> None:
        steps: list[tuple[str, Callable[[], str]]] = [
            ("Qt", self.qt),
            ("resources", self.resources),
            ("database", self.database),
            ("demo", self.demo),
            ("main window", self.main_window),
            ("PDF", self.pdf),
        ]
        for name, check in steps:
            self.step = name
            began = time.perf_counter()
            detail = check()
            print(f"  ok      {name}: {detail} ({time.perf_counter() - began:.2f} s)")
            sys.stdout.flush()

    def qt(self) -> str:
        # lazy: step (QtWidgets needs the system's GUI libraries: what this check proves)
        from PySide6.QtWidgets import QApplication

        from app.resources import resource_path
        from ui.i18n import install_translators

        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        app.setApplicationName("Facturier")
        app.setOrganizationName("Facturier")
        probe = QTranslator()
        if not probe.load(str(resource_path("translations", "facturier_fr.qm"))):
            raise CheckFailed(
                QCoreApplication.translate("SelfCheck", "the French translation does not load")
            )
        language = install_translators(app)
        return QCoreApplication.translate(
            "SelfCheck", "platform {platform}, language {language}"
        ).format(platform=app.platformName(), language=language)

    def resources(self) -> str:
        from app.resources import resource_path, resources_dir  # lazy: step

        for parts in REQUIRED_RESOURCES:
            path = resource_path(*parts)
            if not path.is_file() or path.stat().st_size == 0:
                raise CheckFailed(
                    QCoreApplication.translate("SelfCheck", "missing or empty: {path}").format(
                        path=path
                    )
                )
        return QCoreApplication.translate("SelfCheck", "{count} files found in {folder}").format(
            count=len(REQUIRED_RESOURCES), folder=resources_dir()
        )

    def database(self) -> str:
        from app.services.database import open_database, schema_revision  # lazy: step

        open_database(str(self.path)).dispose()
        head = schema_revision()
        found = _stored_revision(self.path)
        if found != head:
            raise CheckFailed(
                QCoreApplication.translate(
                    "SelfCheck", "the schema is at revision {found} instead of {head}"
                ).format(found=found, head=head)
            )
        return QCoreApplication.translate(
            "SelfCheck", "created and migrated to revision {head}"
        ).format(head=head)

    def demo(self) -> str:
        # lazy: step
        from app.services.database import open_database
        from app.services.demo import fill_demo

        db = open_database(str(self.path))
        try:
            summary = fill_demo(db, clients=DEMO_CLIENTS, documents=DEMO_DOCUMENTS)
        finally:
            db.dispose()
        return QCoreApplication.translate(
            "SelfCheck", "{clients} clients and {documents} documents"
        ).format(clients=summary.clients, documents=DEMO_DOCUMENTS)

    def main_window(self) -> str:
        # lazy: step
        from PySide6.QtWidgets import QApplication, QTableView

        from ui.startup import create_main_window

        self.window = window = create_main_window(str(self.path))
        window.show()
        QApplication.processEvents()
        if not window.isVisible() or window.objectName() != "mainWindow":
            raise CheckFailed(
                QCoreApplication.translate("SelfCheck", "the main window did not show")
            )
        age = process_age()  # the cold-start figure: process start to a shown main window

        def rows() -> int:
            table = window.findChild(QTableView, "reportTable")
            model = table.model() if table is not None else None
            return model.rowCount() if model is not None else 0

        if not _wait_for(lambda: rows() > 0, REPORT_TIMEOUT_S):
            raise CheckFailed(
                QCoreApplication.translate("SelfCheck", "the invoice report shows no row")
            )
        detail = QCoreApplication.translate(
            "SelfCheck", "shown at {width}×{height}, {rows} invoices in the report"
        ).format(width=window.width(), height=window.height(), rows=rows())
        if age is not None:
            detail += QCoreApplication.translate(
                "SelfCheck", ", {seconds} s after the program started"
            ).format(seconds=f"{age:.2f}")
        return detail

    def pdf(self) -> str:
        # lazy: step
        from app.domain.kinds import DocumentKind
        from app.services.document_data import DocumentData
        from app.services.documents import ensure_archived_pdf, get_document

        db = self._shown().db
        invoice: DocumentData | None = None
        for document_id in range(1, DEMO_DOCUMENTS + 1):  # the demo numbers its rows from 1
            try:
                document = get_document(db, document_id)
            except NotFoundError:
                continue
            if document.kind == DocumentKind.INVOICE and not document.is_draft:
                invoice = document
                break
        if invoice is None:
            raise CheckFailed(
                QCoreApplication.translate("SelfCheck", "no validated invoice to print")
            )
        data = ensure_archived_pdf(db, invoice.id)
        if not data.startswith(b"%PDF-"):
            raise CheckFailed(
                QCoreApplication.translate("SelfCheck", "{number} did not render as a PDF").format(
                    number=invoice.number
                )
            )
        # lazy: step (Factur-X reading, PDFium)
        from app.domain.facturx_codes import PROFILE_NAMES
        from app.services.pdf_preview import render_pages
        from app.services.printing import embedded_profile

        profile = PROFILE_NAMES.get(embedded_profile(data), "PDF")  # reads the embedded XML
        pages = render_pages(data, 36)  # the preview's renderer (PDFium) works too
        return QCoreApplication.translate(
            "SelfCheck",
            "{number} rendered and archived ({profile}, {size} bytes); preview: {pages} page(s)",
        ).format(number=invoice.number, profile=profile, size=len(data), pages=len(pages))

    def _shown(self) -> MainWindow:
        if self.window is None:
            raise CheckFailed(QCoreApplication.translate("SelfCheck", "no main window"))
        return self.window

    def close(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.close()  # the window disposes its database handle


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Run Qt's event loop until ``condition`` holds or ``seconds`` pass; the condition."""
    deadline = time.monotonic() + seconds
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(
        lambda: loop.quit() if condition() or time.monotonic() > deadline else None
    )
    if not condition():
        timer.start()
        loop.exec()
        timer.stop()
    return condition()


def _stored_revision(path: Path) -> str | None:
    """Read straight from the file, independently of the code that migrated it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    finally:
        conn.close()
