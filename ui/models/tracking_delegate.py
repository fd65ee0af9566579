"""A delegate that knows its open cell editors, so an editor can be saved mid-typing."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtWidgets import QStyledItemDelegate, QWidget


class TrackingDelegate(QStyledItemDelegate):
    """Subclasses append each editor they create to ``open_editors``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.open_editors: list[QWidget] = []

    def commit_open_editors(self) -> None:
        """Write what is being typed into the model (before saving)."""
        editors, self.open_editors = self.open_editors, []
        for editor in editors:
            if editor.isVisible():  # closed editors linger, hidden, until deleted
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def destroyEditor(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if editor in self.open_editors:
            self.open_editors.remove(editor)
        super().destroyEditor(editor, index)
