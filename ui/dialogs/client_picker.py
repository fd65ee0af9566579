"""The document editor's client field: a searchable list of the address book's clients,
and a "New client…" button that opens the client editor.

Typing filters the list (every word must appear in the name, postal code, city or an e-mail
address; accents and case are ignored, as in the address book). A client is chosen by picking
it in the list, or by typing text that only one client matches.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.services.clients import ClientSummary, fold, list_clients
from app.services.database import Database
from ui.dialogs.client_editor import open_client_editor

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


def client_label(client: ClientSummary) -> str:
    """ "Boulangerie Éclair — Villeurbanne": two clients of one name stay apart."""
    return f"{client.name} — {client.city}" if client.city.strip() else client.name


class _Search(QSortFilterProxyModel):
    """Keeps the clients whose folded text holds every folded word typed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_search(self, text: str) -> None:
        words = fold(text.replace("—", " ")).split()
        if words == self.words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self.words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.words = words
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        text = str(model.index(source_row, 0).data(SEARCH_ROLE) or "")
        return all(word in text for word in self.words)


class ClientPicker(QWidget):
    """``clientChanged(id)``: the chosen client changed (0 when none is chosen)."""

    clientChanged = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._client_id: int | None = None
        self.model = QStandardItemModel(self)
        self.search = _Search(self)
        self.search.setSourceModel(self.model)

        self.combo = QComboBox()
        self.combo.setObjectName("clientPicker")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setModel(self.model)
        self.combo.setMaxVisibleItems(15)
        self.combo.setMinimumContentsLength(30)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.completer = QCompleter(self.search, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo.setCompleter(self.completer)
        line = self.line_edit()
        line.setPlaceholderText(self.tr("Type part of the client's name or city"))
        line.textEdited.connect(self._typed)
        line.editingFinished.connect(self.resolve)
        # The combo maps the completer's pick (through the search proxy) to its own row.
        self.combo.activated.connect(self._pick)

        self.new_button = QPushButton(self.tr("New client…"))
        self.new_button.setObjectName("newClientButton")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_client)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.new_button)
        self.reload()
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")

    def line_edit(self) -> QLineEdit:
        line = self.combo.lineEdit()
        assert line is not None  # the combo is editable
        return line

    # --- the list -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the address book again (a client may have been added or deleted elsewhere);
        what is typed stays."""
        text = self.combo.currentText()
        chosen = self._client_id
        clients = list_clients(self.db)
        self.model.clear()
        for client in clients:
            item = QStandardItem(client_label(client))
            item.setData(client.id, ID_ROLE)
            item.setData(client.name, NAME_ROLE)
            haystack = " ".join(
                [client.name, client.postal_code, client.city, *client.email_addresses]
            )
            item.setData(fold(haystack), SEARCH_ROLE)
            item.setToolTip(", ".join(client.mailing_addresses))
            self.model.appendRow(item)
        row = self._row_of(chosen) if chosen is not None else -1
        self.combo.setCurrentIndex(row)
        self.combo.setEditText(text)
        if row < 0 and chosen is not None:
            self._set(None)

    def _row_of(self, client_id: int) -> int:
        for row in range(self.model.rowCount()):
            if self.model.item(row).data(ID_ROLE) == client_id:
                return row
        return -1

    # --- choosing -----------------------------------------------------------------------

    def client_id(self) -> int | None:
        return self._client_id

    def client_text(self) -> str:
        return self.combo.currentText().strip()

    def client_name(self) -> str:
        """The chosen client's name (without its city), else what is typed."""
        row = self._row_of(self._client_id) if self._client_id is not None else -1
        if row >= 0:
            return str(self.model.item(row).data(NAME_ROLE))
        return self.client_text()

    def set_client(self, client_id: int | None, name: str = "") -> None:
        """Show a client (a document's), even one the list does not hold (deleted since)."""
        row = self._row_of(client_id) if client_id is not None else -1
        self.combo.setCurrentIndex(row)
        if row < 0:
            self.combo.setEditText(name)
        self._set(client_id)

    def _set(self, client_id: int | None) -> None:
        if client_id != self._client_id:
            self._client_id = client_id
            self.clientChanged.emit(client_id or 0)

    def _typed(self, text: str) -> None:
        self.search.set_search(text)
        self._set(None)  # a client is chosen again once the text names one
        if text.strip() and self.search.rowCount() > 0:
            self.completer.complete()

    def _pick(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        self.combo.setCurrentIndex(row)
        self._set(int(self.model.item(row).data(ID_ROLE)))

    def resolve(self) -> None:
        """Leaving the field: the text names a client when it is its label, or when it
        matches that client alone."""
        text = self.combo.currentText().strip()
        if not text or self._client_id is not None:
            return
        exact = [r for r in range(self.model.rowCount()) if self.model.item(r).text() == text]
        if len(exact) == 1:
            self._pick(exact[0])
            return
        self.search.set_search(text)
        if self.search.rowCount() == 1:
            source = self.search.mapToSource(self.search.index(0, 0))
            self._pick(source.row())

    def new_client(self) -> None:
        client_id = open_client_editor(self.window(), self.db, None)
        if client_id is None:
            return
        self._client_id = None
        self.reload()
        self.set_client(client_id)
        self.combo.setFocus()

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)
        self.new_button.setVisible(not read_only)
