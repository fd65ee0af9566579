"""Building blocks of the settings pages: the page contract, marking fields, message lines."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.settings import Company
from ui.icons import icon
from ui.models.client_icons import error_icon

INVALID_STYLE = (
    "QLineEdit, QPlainTextEdit, QSpinBox, QComboBox "
    "{ border: 2px solid #c62828; background: #fde7e7; }"
)
HINT_STYLE = "color: palette(placeholder-text);"
# tone -> (frame background, border, text colour)
TONES = {
    "error": ("#fde7e7", "#f2b8b5", "#8c1d18"),
    "success": ("#e6f4ea", "#a8dab5", "#0d652d"),
    "info": ("#e8f0fe", "#aecbfa", "#174ea6"),
    "warning": ("#fef7e0", "#fdd663", "#7a4f01"),
}


class SettingsPage(QWidget):
    """One page of the dialog. It edits some ``Company`` fields (``values``), tells which
    widget shows which field (``field_widgets``), and says when something changed."""

    changed = Signal()

    def load(self, company: Company) -> None:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        """The ``Company`` fields of this page, as typed."""
        return {}

    def field_widgets(self) -> dict[str, QWidget]:
        return {}

    def refresh(self, company: Company) -> None:
        """The values of the other pages changed (e.g. the company name for a preview)."""


class WrappedLabel(QLabel):
    """A word-wrapped label whose size hint is its height at its current width: form
    layouts in group boxes otherwise give it the height of its narrowest width."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(self.width(), hint.width())))

    def minimumSizeHint(self) -> QSize:  # never squeezed below its text at this width
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


def hint(text: str) -> QLabel:
    """A small grey explanation under a field."""
    label = WrappedLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def add_row(
    form: QFormLayout, label: str, field: QWidget | QLayout, buddy: QWidget | None = None
) -> None:
    """A labelled row; the field's accessible name is the label (without & or *)."""
    target = buddy if buddy is not None else field
    if isinstance(target, QWidget):
        target.setAccessibleName(label.replace("&", "").rstrip(" *:"))
    if isinstance(field, QLayout):
        text = QLabel(label)
        if buddy is not None:
            text.setBuddy(buddy)
        form.addRow(text, field)
    else:
        form.addRow(label, field)


def form_box(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return box, form


def page_layout(page: QWidget, *parts: QWidget) -> QVBoxLayout:
    """The page's group boxes one under the other. (Not in a scroll area: word-wrapped
    hints would get the height of their narrowest width there.)"""
    column = QVBoxLayout(page)
    column.setContentsMargins(6, 6, 6, 6)
    column.setSpacing(12)
    for part in parts:
        column.addWidget(part)
    column.addStretch(1)
    return column


def line_edit(name: str, max_length: int = 0, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    if max_length:
        edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def mark(widget: QWidget, problem: str) -> None:
    """Show (or clear, with "") that the value in ``widget`` cannot be saved, and why."""
    widget.setStyleSheet(INVALID_STYLE if problem else "")
    widget.setToolTip(problem)
    widget.setAccessibleDescription(problem)


def align_labels(*forms: QFormLayout) -> None:
    """One label column for several boxes of a page, so their fields line up."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                labels.append(widget)
    width = max((w.sizeHint().width() for w in labels), default=0)
    for widget in labels:
        widget.setMinimumWidth(width)


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


class MessageLine(QFrame):
    """A coloured line with an icon: an error, a success, a piece of information."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.icon = QLabel()
        self.icon.setFixedWidth(20)
        self.label = QLabel()
        self.label.setObjectName(name + "Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.tone = ""
        self.hide()

    def show_message(self, text: str, tone: str = "error") -> None:
        if not text:
            self.clear()
            return
        background, border, colour = TONES[tone]
        name = self.objectName()
        self.setStyleSheet(
            f"#{name} {{ background: {background}; border: 1px solid {border}; "
            f"border-radius: 4px; }} #{name}Text {{ color: {colour}; }}"
        )
        self.icon.setPixmap(_tone_icon(tone))
        self.label.setText(text)
        self.tone = tone
        self.setAccessibleDescription(text)
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.tone = ""
        self.hide()

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""


def _tone_icon(tone: str) -> QPixmap:
    if tone == "error":
        return error_icon().pixmap(18, 18)
    name = {"success": "state-success", "info": "information", "warning": "problem-warning"}
    return icon(name[tone]).pixmap(18, 18)
