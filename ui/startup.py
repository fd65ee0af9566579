"""The graphical program's start: the QApplication, its translators, the main window on
its database. ``ui.main`` (the ``facturier`` command) comes here when no sub-command is
given, and ``ui.self_check`` builds its window through ``create_main_window`` too."""

from __future__ import annotations

import gc
import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import FacturierError
from app.resources import resource_path
from app.services.database import open_database
from ui.first_run import offer_demo
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.messages import error_text

EXIT_USAGE = 2  # as app.cli's: the database given cannot be opened


def application() -> QApplication:
    """The process's QApplication (made once), named for settings and the desktop."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Facturier")
    app.setOrganizationName("Facturier")
    return app


def run_gui(db: str | None) -> int:
    """Open the main window on ``db`` (None: FACTURIER_DB, then the configured database)
    and run the event loop; the exit status."""
    app = application()
    app.setDesktopFileName("facturier")  # matches facturier.desktop (taskbar icon, Wayland)
    app.setWindowIcon(QIcon(str(resource_path("icons", "facturier.svg"))))
    install_translators(app)
    try:
        window = create_main_window(db)
    except FacturierError as error:
        QMessageBox.critical(None, "Facturier", error_text(error))
        return EXIT_USAGE
    window.show()
    offer_demo(window)
    return int(app.exec())


def create_main_window(db: str | None = None) -> MainWindow:
    """The main window on an opened and migrated database, without running the event loop."""
    window = MainWindow(open_database(db))
    # What start-up loaded (Qt wrappers, SQLAlchemy's mappers, modules) lives as long as the
    # program: keep it out of the collector's full passes, which otherwise hold the GIL for
    # 150 ms when a batch has allocated a lot, freezing the window mid-send.
    gc.freeze()
    # A worker running Python code hands the GIL back after this long at most (default
    # 5 ms): the GUI thread, waiting for it after each query, then never stalls for long.
    sys.setswitchinterval(0.001)
    return window
