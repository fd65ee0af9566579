"""The address book's table: one row per client, filtered and sorted through a proxy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.domain.reform import ClientType
from app.services.clients import ClientSummary, fold
from ui.models.client_icons import AMBER, envelope_icon, missing_icon
from ui.models.table_base import RowIds, TableModel

Index = QModelIndex | QPersistentModelIndex

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # folded text the search box matches
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole  # the client's id, on every cell
CAN_MAIL_ROLE = Qt.ItemDataRole.UserRole + 3  # bool


class ClientColumn(IntEnum):
    NAME = 0
    CITY = 1
    PHONE = 2
    MAILING = 3
    DOCUMENTS = 4
    TYPE = 5


class ClientTableModel(TableModel):
    COLUMNS = ClientColumn
    RIGHT_ALIGNED = frozenset({ClientColumn.DOCUMENTS})
    NAME, CITY, PHONE, MAILING, DOCUMENTS, TYPE = ClientColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ClientSummary] = []
        self._row_ids = RowIds(lambda: [client.id for client in self._rows])
        self._search: list[str] = []
        self._sort_keys: dict[int, list[Any]] = {}  # per column, made on first sort
        self._order: tuple[int, Qt.SortOrder] = (self.NAME, Qt.SortOrder.AscendingOrder)

    def set_clients(self, clients: Sequence[ClientSummary]) -> None:
        self.beginResetModel()
        self._rows = list(clients)
        self._search = [
            fold(" ".join([c.name, c.postal_code, c.city, *c.email_addresses])) for c in clients
        ]
        self._sort_keys = {}
        self._apply_order(self._order[0], self._order[1])
        self._row_ids.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, in Python, once per click (the proxy keeps this order): sorting
        thousands of clients through the proxy's comparisons would call ``data()`` a
        million times."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._apply_order(column, order)
        self._row_ids.clear()
        after = [
            self.index(self.row_of(i), old.column()) for i, old in zip(ids, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _apply_order(self, column: int, order: Qt.SortOrder) -> None:
        self._order = (column, order)
        if not self._rows or not 0 <= column < self.columnCount():
            return
        keys, names = self._keys(column), self._keys(self.NAME)
        ranked = sorted(
            range(len(self._rows)),
            key=lambda i: (keys[i], names[i]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[i] for i in ranked]
        self._search = [self._search[i] for i in ranked]
        self._sort_keys = {c: [k[i] for i in ranked] for c, k in self._sort_keys.items()}

    def _keys(self, column: int) -> list[Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = [self._sort_key(c, column) for c in self._rows]
        return keys

    def client_at(self, row: int) -> ClientSummary:
        return self._rows[row]

    def row_of(self, client_id: int) -> int:
        row = self._row_ids.row_of(client_id)
        return -1 if row is None else row

    def without_mail_count(self) -> int:
        return sum(1 for c in self._rows if not c.can_receive_mail)

    # --- Qt model -----------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def header_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Name"),
            self.tr("City"),
            self.tr("Phone"),
            self.tr("Mailing address(es)"),
            self.tr("Documents"),
            self.tr("Type"),
        )

    def header_tooltip(self, section: int) -> str | None:
        if section == self.TYPE:
            return self.tr(
                "A business gets the mentions between businesses (SIREN, electronic "
                "address, 40 € indemnity); a private person does not."
            )
        if section == self.MAILING:
            return self.tr(
                "The e-Mail rows with Mail ticked: a client without one cannot be sent "
                "documents by e-mail."
            )
        return None

    def cell_data(self, row: int, column: int, role: int) -> Any:
        client = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(client, column)
        if role == ID_ROLE:
            return client.id
        if role == CAN_MAIL_ROLE:
            return client.can_receive_mail
        if role == SEARCH_ROLE:
            return self._search[row]
        if role == SORT_ROLE:
            return self._keys(column)[row]
        if column == self.MAILING:
            if role == Qt.ItemDataRole.DecorationRole:
                return envelope_icon() if client.can_receive_mail else missing_icon()
            if role == Qt.ItemDataRole.ForegroundRole and not client.can_receive_mail:
                return QColor(AMBER)
            if role == Qt.ItemDataRole.ToolTipRole:
                if client.can_receive_mail:
                    return self.tr("Documents are e-mailed to: {addresses}").format(
                        addresses=", ".join(client.mailing_addresses)
                    )
                return self.tr(
                    "No e-Mail row has Mail ticked: documents cannot be e-mailed to this "
                    "client. Open it to add or tick an address."
                )
        return None

    def _display(self, client: ClientSummary, column: int) -> str:
        if column == self.NAME:
            return client.name
        if column == self.CITY:
            return " ".join(p for p in (client.postal_code, client.city) if p)
        if column == self.PHONE:
            return client.phone
        if column == self.MAILING:
            if client.can_receive_mail:
                return ", ".join(client.mailing_addresses)
            return self.tr("No mailing address")
        if column == self.TYPE:
            if client.client_type == ClientType.PRIVATE:
                return self.tr("Private person")
            return self.tr("Business")
        return str(client.documents)

    def _sort_key(self, client: ClientSummary, column: int) -> Any:
        if column == self.MAILING:
            # Clients without an address first (to fix), then by address.
            return f"{int(client.can_receive_mail)} {fold(' '.join(client.mailing_addresses))}"
        if column == self.DOCUMENTS:
            return client.documents
        if column == self.CITY:
            return f"{fold(client.city)} {client.postal_code}"
        return fold(self._display(client, column))


class ClientFilterProxy(QSortFilterProxyModel):
    """Search (every word, in name, postal code, city or any e-mail; case and accents
    ignored) and the "without mailing address" filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._without_mail_only = False
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (fast, in one Python sort); this proxy keeps its order."""
        source = self.sourceModel()
        if isinstance(source, ClientTableModel):
            source.sort(column, order)

    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            self._change_filter(lambda: setattr(self, "_words", words))

    def set_without_mail_only(self, only: bool) -> None:
        if only != self._without_mail_only:
            self._change_filter(lambda: setattr(self, "_without_mail_only", only))

    def _change_filter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateRowsFilter()

    @property
    def without_mail_only(self) -> bool:
        return self._without_mail_only

    def is_filtered(self) -> bool:
        return bool(self._words) or self._without_mail_only

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._without_mail_only and model.data(index, CAN_MAIL_ROLE):
            return False
        if self._words:
            haystack = str(model.data(index, SEARCH_ROLE))
            return all(word in haystack for word in self._words)
        return True
