"""The README's screenshot: the main window on the demo data, in French.

python packaging/screenshot.py                 # writes docs/main-window.png
python packaging/screenshot.py --out FILE.png  # elsewhere

Runs on Qt's offscreen platform (no display needed) with a temporary database filled by
the demo (fixed seed and date, so the same picture comes out each time the program
looks the same).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "main-window.png"
DEMO_DAY = date(2026, 11, 27)
SIZE = (1200, 720)


def take(out: Path, language: str = "fr") -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QTableView

    from app.resources import resource_path
    from app.services.database import open_database
    from app.services.demo import fill_demo
    from ui.i18n import install_translators
    from ui.main import create_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Facturier")
    app.setWindowIcon(QIcon(str(resource_path("icons", "facturier.svg"))))
    install_translators(app, language)
    with tempfile.TemporaryDirectory(prefix="facturier-screenshot-") as folder:
        path = Path(folder) / "facturier.db"
        # Neither the user's remembered window sizes nor a trace of this one.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(str(path))
        try:
            fill_demo(db, clients=40, documents=200, today=DEMO_DAY)
        finally:
            db.dispose()
        window = create_main_window(str(path))
        window.resize(*SIZE)
        window.show()
        table = window.findChild(QTableView, "reportTable")
        model = window.report_view.model
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the rows are read in the background
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if table is not None and model.rowCount() > 0 and not model.is_loading():
                last = min(model.rowCount(), table.rowAt(table.viewport().height()) + 1)
                if all(model.row_data(row) is not None for row in range(max(last, 1))):
                    break
        window.statusBar().clearMessage()  # it names the temporary database file
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            raise SystemExit(f"cannot write {out}")
        window.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--language", choices=("fr", "en"), default="fr")
    args = parser.parse_args(argv)
    print(take(args.out, args.language))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
