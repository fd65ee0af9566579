"""The main window: navigation between the reports, the clients and the outbox.

Each view is a widget of its own in ``ui/views``; this window only switches between them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
)

from app.domain.kinds import REPORT_KINDS, DocumentKind
from app.services.database import Database
from ui.models.document_table import DocumentTableModel
from ui.views.clients_view import ClientsView
from ui.views.outbox_view import OutboxView
from ui.views.report_view import ReportView


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Facturier"))
        self.resize(1100, 700)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.navigation.setMaximumWidth(220)
        labels = {
            DocumentKind.INVOICE: self.tr("Invoices"),
            DocumentKind.QUOTE: self.tr("Quotes"),
            DocumentKind.ORDER: self.tr("Orders"),
            DocumentKind.DELIVERY: self.tr("Deliveries"),
        }
        for kind in REPORT_KINDS:
            self._add_nav(labels[kind], str(kind))
        self._add_nav(self.tr("Clients"), "clients")
        self._add_nav(self.tr("Outbox"), "outbox")

        self.report_view = ReportView(db, self)
        self.clients_view = ClientsView(db, self)
        self.outbox_view = OutboxView(db, self)
        self.pages = QStackedWidget()
        for view in (self.report_view, self.clients_view, self.outbox_view):
            self.pages.addWidget(view)

        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        path = db.path
        self.statusBar().showMessage(str(path) if path else db.url.render_as_string(True))

        self.navigation.currentItemChanged.connect(self._navigate)
        self.navigation.setCurrentRow(0)

    @property
    def report_model(self) -> DocumentTableModel:
        return self.report_view.model

    def _add_nav(self, label: str, key: str) -> None:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.addItem(item)

    def current_view(self) -> str:
        item = self.navigation.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _navigate(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        key = str(current.data(Qt.ItemDataRole.UserRole)) if current else "invoice"
        if key == "clients":
            view: ReportView | ClientsView | OutboxView = self.clients_view
            view.reload()
        elif key == "outbox":
            view = self.outbox_view
            view.reload()
        else:
            view = self.report_view
            self.report_view.show_kind(DocumentKind(key))
        self.pages.setCurrentWidget(view)
        self.count_label.setText(view.count_text())

    def reload(self) -> None:
        self._navigate(self.navigation.currentItem())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.db.dispose()
        super().closeEvent(event)
