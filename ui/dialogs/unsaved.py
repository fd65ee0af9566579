"""The one "unsaved changes" question of every editor: Save, Discard or Cancel."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget


class UnsavedChanges(QObject):
    def ask(self, parent: QWidget, question: str) -> QMessageBox.StandardButton:
        box = QMessageBox(parent)
        box.setObjectName("unsavedChangesBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(question)
        box.setInformativeText(self.tr("If you don't save, your changes will be lost."))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())


def ask_unsaved(parent: QWidget, question: str) -> QMessageBox.StandardButton:
    """Ask what to do with unsaved changes; ``question`` names what would be saved."""
    return UnsavedChanges().ask(parent, question)
