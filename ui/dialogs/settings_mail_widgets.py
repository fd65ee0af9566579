"""Pieces of the Mail server page: the providers' pace list, the daily limit boxes, and
form rows whose height follows their width in a scroll area (a form gives a row its
preferred height, and a word-wrapped label's own is the height of a narrow column)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSpinBox, QVBoxLayout, QWidget

from app.mail.presets import MailPreset, all_presets
from ui.dialogs.settings_widgets import MessageLine


def paced_presets() -> list[MailPreset]:
    """The providers with a per-minute figure, for the pace list."""
    return [p for p in all_presets() if p.rate_per_minute]


def limit_spin(name: str, suffix: str, unlimited: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, 1_000_000)
    spin.setSingleStep(100)
    spin.setGroupSeparatorShown(True)  # 10 000
    spin.setSuffix(suffix)
    spin.setSpecialValueText(unlimited)  # 0: says which count has no limit
    spin.setMinimumWidth(190)
    return spin


class FormMessageLine(MessageLine):
    """A message line in a form row: its preferred height is the one of its text at its
    width (in a scroll area, a form gives a row its preferred height, and a word-wrapped
    label's own is the height of a narrow column)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.width() <= 0 or not self.hasHeightForWidth():
            return hint
        return QSize(hint.width(), self.heightForWidth(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


class FittedRow(QWidget):
    """Holds one widget (a box with word-wrapped text) in a form row, at the height its
    text needs at the row's width."""

    def __init__(self, child: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(child)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.width() <= 0 or not self.hasHeightForWidth():
            return hint
        return QSize(hint.width(), self.heightForWidth(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()
