"""The main window: navigation between the reports, the clients and the outbox."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import REPORT_KINDS, DocumentKind
from app.services.clients import list_clients
from app.services.database import Database
from app.services.reports import ReportQuery
from ui.models.document_table import DocumentTableModel


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

        self.report_model = DocumentTableModel(db, ReportQuery(DocumentKind.INVOICE), self)
        self.report_table = QTableView()
        self.report_table.setObjectName("reportTable")
        self.report_table.setModel(self.report_model)
        self.report_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.report_table.setAlternatingRowColors(True)
        self.report_table.verticalHeader().setVisible(False)
        header = self.report_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.report_table.setColumnWidth(0, 140)
        self.report_table.setColumnWidth(1, 110)
        self.report_table.setColumnWidth(2, 320)
        self.report_table.setColumnWidth(3, 140)

        self.clients_list = QListWidget()
        self.clients_list.setObjectName("clientList")
        self.outbox_label = QLabel(self.tr("No message is waiting to be sent."))
        self.outbox_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._page(self.report_table))
        self.pages.addWidget(self._page(self.clients_list))
        self.pages.addWidget(self._page(self.outbox_label))

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

    def _add_nav(self, label: str, key: str) -> None:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.addItem(item)

    @staticmethod
    def _page(widget: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        return page

    def current_view(self) -> str:
        item = self.navigation.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _navigate(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        key = str(current.data(Qt.ItemDataRole.UserRole)) if current else "invoice"
        if key == "clients":
            self.pages.setCurrentIndex(1)
            self._load_clients()
        elif key == "outbox":
            self.pages.setCurrentIndex(2)
        else:
            self.pages.setCurrentIndex(0)
            self.report_model.set_query(ReportQuery(DocumentKind(key)))
            self._show_count()

    def _load_clients(self) -> None:
        self.clients_list.clear()
        for client in list_clients(self.db):
            self.clients_list.addItem(client.name)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n document(s)", "", self.report_model.total_count()))

    def reload(self) -> None:
        self._navigate(self.navigation.currentItem())

    def closeEvent(self, event: object) -> None:
        self.db.dispose()
        super().closeEvent(event)  # type: ignore[arg-type]
