"""Entry point: headless sub-commands go to app.cli, otherwise the main window opens."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app import cli

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(sys.argv[1:] if argv is None else argv, gui=run_gui, self_check=run_self_check)


def run_self_check() -> int:
    from ui.self_check import self_check

    return self_check()


def run_gui(db: str | None) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.errors import FacturierError
    from app.resources import resource_path
    from ui.first_run import offer_demo
    from ui.i18n import install_translators
    from ui.messages import error_text

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Facturier")
    app.setOrganizationName("Facturier")
    app.setDesktopFileName("facturier")  # matches facturier.desktop (taskbar icon, Wayland)
    app.setWindowIcon(QIcon(str(resource_path("icons", "facturier.svg"))))
    install_translators(app)
    try:
        window = create_main_window(db)
    except FacturierError as error:
        QMessageBox.critical(None, "Facturier", error_text(error))
        return cli.EXIT_USAGE
    window.show()
    offer_demo(window)
    return int(app.exec())


def create_main_window(db: str | None = None) -> MainWindow:
    """The main window on an opened and migrated database, without running the event loop."""
    import gc

    from app.services.database import open_database
    from ui.main_window import MainWindow

    window = MainWindow(open_database(db))
    # What start-up loaded (Qt wrappers, SQLAlchemy's mappers, modules) lives as long as the
    # program: keep it out of the collector's full passes, which otherwise hold the GIL for
    # 150 ms when a batch has allocated a lot, freezing the window mid-send.
    gc.freeze()
    # A worker running Python code hands the GIL back after this long at most (default
    # 5 ms): the GUI thread, waiting for it after each query, then never stalls for long.
    sys.setswitchinterval(0.001)
    return window


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
