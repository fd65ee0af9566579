"""The one "unsaved changes" question of every editor: Save, Discard or Cancel.

An editor's ``reject()`` (Cancel, Escape, the window's close button) reads::

    def reject(self) -> None:
        if confirm_discard(self.is_dirty(), self.ask_unsaved, self.save):
            super().reject()

where ``ask_unsaved()`` calls ``ask_unsaved(self, question)`` with the editor's own question
(tests replace that method to answer without a message box).
"""

from __future__ import annotations

from collections.abc import Callable

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
        # Qt's own French for Discard ("Ne pas tenir compte") does not say what is lost.
        discard = box.button(QMessageBox.StandardButton.Discard)
        if discard is not None:
            discard.setText(self.tr("Discard changes"))
        return QMessageBox.StandardButton(box.exec())


def ask_unsaved(parent: QWidget, question: str) -> QMessageBox.StandardButton:
    """Ask what to do with unsaved changes; ``question`` names what would be saved."""
    return UnsavedChanges().ask(parent, question)


def confirm_discard(
    dirty: bool,
    ask: Callable[[], QMessageBox.StandardButton],
    save: Callable[[], object],
) -> bool:
    """May the editor close? Yes when nothing changed or the user discards the changes.
    Save saves (the editor closes itself once saved) and Cancel keeps it open: no."""
    if not dirty:
        return True
    answer = ask()
    if answer == QMessageBox.StandardButton.Save:
        save()
        return False
    return answer == QMessageBox.StandardButton.Discard
