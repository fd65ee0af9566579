"""On an empty database, offer demo data so a new user sees the whole flow at once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.documents import count_documents
from ui.main_window import MainWindow


def offer_demo(window: MainWindow) -> bool:
    if count_documents(window.db) > 0:
        return False

    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("FirstRun", "Welcome to Facturier"),
        QCoreApplication.translate(
            "FirstRun",
            "Your database is empty. Load demo data (a sample company, clients and "
            "documents) to try the program? You can start from an empty file later.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    from app.services.demo import fill_demo

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        fill_demo(window.db)
    finally:
        QApplication.restoreOverrideCursor()
    window.reload()
    return True
