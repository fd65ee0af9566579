"""Waiting for the report: its ids and rows are read in the background."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.models.document_table import DocumentTableModel
from ui.views.report_view import ReportView


def wait_report_loaded(
    qtbot: QtBot, report: ReportView | DocumentTableModel, *, timeout: int = 10_000
) -> None:
    """Until the report's ids and every row's content are loaded (small test reports:
    every page is read, as if each row were on screen)."""
    model = report.model if isinstance(report, ReportView) else report
    QApplication.processEvents()  # commits' notifications queued for the GUI thread
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=timeout)
    model.request_rows(0, model.rowCount() - 1)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=timeout)
