"""The keyboard shortcuts sheet (``shortcutsDialog``), opened with F1."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.settings_widgets import chain_tab_order
from ui.shortcut_text import native_keys


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = self.rows()
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        for row, (keys, text) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("shortcutsCloseButton")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)
        chain_tab_order(self.tab_order())

    def tab_order(self) -> list[QWidget]:
        """The focus order: the sheet, then Close."""
        return [self.table, self.close_button]

    def rows(self) -> list[tuple[str, str]]:
        """(keys, what they do), as the system writes the keys."""
        items = [
            ("Ctrl+N", self.tr("New document (or new client)")),
            ("Ctrl+O", self.tr("Open the current document")),
            ("Ctrl+D", self.tr("Duplicate the current document")),
            ("Ctrl+Shift+P", self.tr("Preview the document's PDF")),
            ("Space", self.tr("Tick or untick the selected rows")),
            ("Ctrl+Shift+A", self.tr("Tick or untick every row")),
            ("Ctrl+E", self.tr("Send the ticked documents")),
            ("Ctrl+,", self.tr("Settings")),
            ("Insert", self.tr("Document editor: add a line")),
            ("Ctrl+Return", self.tr("Document editor: add a line")),
            ("Ctrl+Shift+V", self.tr("Document editor: validate")),
            ("Ctrl+Shift+E", self.tr("Document editor: validate and send")),
            ("Ctrl+S", self.tr("Editor: save")),
            ("Tab", self.tr("Next field; in a table, leave it (the arrows move inside)")),
            ("Escape", self.tr("Close the dialog")),
            ("F1", self.tr("This sheet")),
        ]
        return [(native_keys(keys), text) for keys, text in items]


def add_shortcuts_help(window: QMainWindow) -> QAction:
    """Help › Keyboard shortcuts (F1) in the window's menu bar."""
    action = QAction(QCoreApplication.translate("ShortcutsDialog", "Keyboard shortcuts"), window)
    action.setObjectName("shortcutsAction")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: open_shortcuts(window))
    menu = window.menuBar().addMenu(QCoreApplication.translate("ShortcutsDialog", "&Help"))
    menu.setObjectName("helpMenu")
    menu.addAction(action)
    return action


def open_shortcuts(parent: QWidget) -> ShortcutsDialog:
    """The sheet, not modal (it may stay open beside the window)."""
    found = parent.findChild(ShortcutsDialog, "shortcutsDialog")
    dialog = found if isinstance(found, ShortcutsDialog) else ShortcutsDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    return dialog
