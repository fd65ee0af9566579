"""Settings page: the payment reminders ("relances").

The levels in their order (each one's delay, what it counts from, its e-mail and its
attachments) with a live preview like the e-mail templates page, and two options of the
company: the legal interest rate in force and one reminder per invoice. Nothing is stored
before the dialog's Save, which writes the levels in the same transaction as the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import format_decimal
from app.domain.kinds import DocumentKind
from app.domain.reminders import DEFAULT_LEGAL_INTEREST_RATE, LevelSpec, ReminderBase
from app.domain.template_placeholders import PLACEHOLDERS
from app.services.reminder_levels import (
    MAX_DELAY_DAYS,
    MAX_LEVELS,
    NAME_LIMIT,
    SUBJECT_LIMIT,
    ReminderLevelsError,
    numbered_levels,
)
from app.services.settings import LIMITS, Company
from ui.dialogs.settings_templates import (
    PlaceholderInserter,
    TemplateEditors,
    TemplatePreview,
    button_rows,
    placeholder_buttons,
    preview_values,
    render_preview,
)
from ui.dialogs.settings_widgets import MessageLine, SettingsPage, chain_tab_order, mark
from ui.messages import error_text
from ui.models.client_icons import error_icon

NEW_LEVEL_GAP = 14  # days between the last level and one added after it
BUTTONS_PER_ROW = 3  # more made the page wider than the settings window at 800 px


class ExplainedLineEdit(QLineEdit):
    """A field whose tooltip always explains it: a problem shown there (``mark``) comes
    before the explanation instead of replacing it."""

    _explanation = ""

    def explain(self, text: str) -> None:
        self._explanation = text
        super().setToolTip(text)

    def setToolTip(self, text: str) -> None:
        super().setToolTip(f"{text}\n\n{self._explanation}" if text else self._explanation)


class RemindersPage(SettingsPage):
    def __init__(self, levels: Sequence[LevelSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPage")
        self._levels = list(levels)  # as edited
        self._company = Company()
        self._row = -1

        self.level_list = QListWidget()
        self.level_list.setObjectName("reminderLevelList")
        self.level_list.setAccessibleName(self.tr("Reminder levels"))
        self.level_list.setWordWrap(True)  # long names on two lines rather than cut
        self.level_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = self._button("addReminderLevelButton", self.tr("Add"))
        self.remove_button = self._button("removeReminderLevelButton", self.tr("Remove"))
        self.up_button = self._button("moveReminderLevelUpButton", self.tr("Move up"))
        self.down_button = self._button("moveReminderLevelDownButton", self.tr("Move down"))

        self.name = QLineEdit()
        self.name.setObjectName("reminderLevelName")
        self.name.setMaxLength(NAME_LIMIT)
        self.delay = QSpinBox()
        self.delay.setObjectName("reminderLevelDelay")
        self.delay.setRange(1, MAX_DELAY_DAYS)
        self.after = QComboBox()
        self.after.setObjectName("reminderLevelAfter")
        self.after.addItem(self.tr("after the due date"), str(ReminderBase.DUE))
        self.after.addItem(self.tr("after the previous level"), str(ReminderBase.PREVIOUS))
        self.subject = QLineEdit()
        self.subject.setObjectName("reminderLevelSubject")
        self.subject.setMaxLength(SUBJECT_LIMIT)
        self.body = QPlainTextEdit()
        self.body.setObjectName("reminderLevelBody")
        self.body.setTabChangesFocus(True)
        self.inserter = PlaceholderInserter(self.subject, self.body)
        self.placeholder_buttons = placeholder_buttons(
            PLACEHOLDERS, self.inserter.insert, "reminderInsert"
        )
        self.letter = QCheckBox(self.tr("Attach the formal notice letter"))
        self.letter.setObjectName("reminderLevelLetter")
        self.deadline = QSpinBox()
        self.deadline.setObjectName("reminderLevelDeadline")
        self.deadline.setRange(1, 365)
        self.deadline.setSuffix(self.tr(" days"))
        self.deadline.setToolTip(
            self.tr("The payment deadline the letter gives, counted from the day it is sent.")
        )
        self.statement = QCheckBox(self.tr("Attach the statement of account"))
        self.statement.setObjectName("reminderLevelStatement")
        self.problem_line = MessageLine("reminderLevelProblem")
        self.preview = TemplatePreview("reminderPreview")
        self.editors = TemplateEditors(self.subject, self.body, self.problem_line, self.preview)

        default_rate = format_decimal(DEFAULT_LEGAL_INTEREST_RATE) + "\u00a0%"
        self.legal_rate = ExplainedLineEdit()
        self.legal_rate.setObjectName("legalInterestRate")
        self.legal_rate.setMaxLength(LIMITS["legal_interest_rate"])
        self.legal_rate.setPlaceholderText(default_rate)
        self.legal_rate.explain(
            self.tr(
                "Used to compute the late-payment penalties when your late-penalty rate "
                "(Legal mentions page) is empty or “three times the legal interest rate”. "
                "The rate changes each half-year (1 January and 1 July, published by the "
                "Banque de France): update it then. Empty: {rate}."
            ).format(rate=default_rate)
        )
        self.per_invoice = QCheckBox(
            self.tr("One reminder per invoice (instead of one per client)")
        )
        self.per_invoice.setObjectName("reminderPerInvoice")

        self._connect()
        self._layout()
        self._fill_list()
        self.level_list.setCurrentRow(0)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        return button

    def _connect(self) -> None:
        self.level_list.currentRowChanged.connect(self._show_level)
        self.add_button.clicked.connect(self.add_level)
        self.remove_button.clicked.connect(self.remove_level)
        self.up_button.clicked.connect(lambda: self.move_level(-1))
        self.down_button.clicked.connect(lambda: self.move_level(1))
        for edit in (self.name, self.subject):
            edit.textChanged.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        for spin in (self.delay, self.deadline):
            spin.valueChanged.connect(self._edited)
        self.after.currentIndexChanged.connect(self._edited)
        for box in (self.letter, self.statement):
            box.toggled.connect(self._edited)
        self.legal_rate.textChanged.connect(self.changed)
        self.per_invoice.toggled.connect(self.changed)

    def _layout(self) -> None:
        levels = QGroupBox(self.tr("Reminder levels"))
        column = QVBoxLayout(levels)
        column.addWidget(self.level_list, 1)
        for pair in ((self.add_button, self.remove_button), (self.up_button, self.down_button)):
            row = QHBoxLayout()
            for button in pair:
                row.addWidget(button)
            column.addLayout(row)
        levels.setFixedWidth(230)

        editor = QGroupBox(self.tr("Level"))
        form = QFormLayout(editor)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Name"), self.name)
        timing = QHBoxLayout()
        timing.addWidget(self.delay)
        counted = QLabel(self.tr("Counted"))
        counted.setBuddy(self.after)
        timing.addSpacing(12)
        timing.addWidget(counted)
        timing.addWidget(self.after)
        timing.addStretch(1)
        delay_label = QLabel(self.tr("Delay (days)"))
        delay_label.setBuddy(self.delay)
        form.addRow(delay_label, timing)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(
            self.tr("Insert"), button_rows(self.placeholder_buttons.values(), BUTTONS_PER_ROW)
        )
        form.addRow(self.tr("Message"), self.body)
        # One per line: side by side they made the page wider than the settings window.
        form.addRow(self.tr("Attachments"), self.letter)
        form.addRow("", self.statement)
        deadline_label = QLabel(self.tr("Payment deadline"))
        deadline_label.setBuddy(self.deadline)
        form.addRow(deadline_label, self.deadline)
        form.addRow(self.problem_line)
        self.name.setAccessibleName(self.tr("Name"))
        self.delay.setAccessibleName(self.tr("Delay (days)"))
        self.after.setAccessibleName(self.tr("Counted"))
        self.subject.setAccessibleName(self.tr("Subject"))
        self.body.setAccessibleName(self.tr("Message"))
        self.deadline.setAccessibleName(self.tr("Payment deadline"))

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(editor)
        right.addWidget(self.preview)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)

        options = QGroupBox(self.tr("For all reminders"))
        row = QHBoxLayout(options)
        rate_label = QLabel(self.tr("Legal interest rate in force"))
        rate_label.setBuddy(self.legal_rate)
        self.legal_rate.setAccessibleName(self.tr("Legal interest rate in force"))
        self.legal_rate.setMaximumWidth(90)
        row.addWidget(rate_label)
        row.addWidget(self.legal_rate)
        row.addSpacing(24)
        row.addWidget(self.per_invoice)
        row.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(levels)
        top.addWidget(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top, 1)
        layout.addWidget(options)
        chain_tab_order(
            [
                self.level_list,
                self.add_button,
                self.remove_button,
                self.up_button,
                self.down_button,
                self.name,
                self.delay,
                self.after,
                self.subject,
                *self.placeholder_buttons.values(),
                self.body,
                self.letter,
                self.deadline,
                self.statement,
                self.legal_rate,
                self.per_invoice,
            ]
        )

    # --- data ---------------------------------------------------------------------------

    def load(self, company: Company) -> None:
        self._company = company
        self.legal_rate.setText(company.legal_interest_rate)
        self.per_invoice.setChecked(company.reminder_per_invoice)
        self._update_preview()

    def refresh(self, company: Company) -> None:
        self._company = company
        self._update_preview()

    def values(self) -> dict[str, Any]:
        return {
            "legal_interest_rate": self.legal_rate.text(),
            "reminder_per_invoice": self.per_invoice.isChecked(),
        }

    def field_widgets(self) -> dict[str, QWidget]:
        return {"legal_interest_rate": self.legal_rate, "reminder_per_invoice": self.per_invoice}

    def levels(self) -> list[LevelSpec]:
        """The levels as edited, numbered in their order."""
        return [replace(level, position=n) for n, level in enumerate(self._levels, start=1)]

    def level_problems(self) -> dict[int, ReminderLevelsError]:
        """Row -> why that level cannot be saved (each checked after the ones above it)."""
        found: dict[int, ReminderLevelsError] = {}
        levels = self.levels()
        for row in range(len(levels)):
            try:
                numbered_levels(levels[: row + 1])
            except ReminderLevelsError as error:
                if int(error.data.get("position", 0)) == row + 1:
                    found[row] = error
        return found

    def problem(self) -> ReminderLevelsError | None:
        """The first reason the levels cannot be saved (None: they can)."""
        try:
            numbered_levels(self.levels())
        except ReminderLevelsError as error:
            return error
        return None

    def show_problem(self, error: ReminderLevelsError) -> None:
        """Select the level ``error`` is about and put the focus on the field concerned."""
        position = int(error.data.get("position", 0))
        if 1 <= position <= len(self._levels):
            self.level_list.setCurrentRow(position - 1)
        widget = self._field_widget(str(error.data.get("field", "")))
        if widget is not None:
            widget.setFocus()

    def _field_widget(self, field: str) -> QWidget | None:
        widgets: dict[str, QWidget] = {
            "name": self.name,
            "delay": self.delay,
            "deadline": self.deadline,
            "subject": self.subject,
            "body": self.body,
        }
        return widgets.get(field)

    # --- the list -----------------------------------------------------------------------

    def _label(self, position: int, level: LevelSpec) -> str:
        if level.after == ReminderBase.PREVIOUS:
            text = self.tr("{position}. {name} — previous + {days} d")
        else:
            text = self.tr("{position}. {name} — D+{days}")
        return text.format(position=position, name=level.name.strip(), days=level.delay_days)

    def _fill_list(self) -> None:
        self.level_list.blockSignals(True)
        self.level_list.clear()
        for position, level in enumerate(self._levels, start=1):
            self.level_list.addItem(self._label(position, level))
        self.level_list.blockSignals(False)
        self._mark_levels()

    def _mark_levels(self) -> None:
        problems = self.level_problems()
        for row, level in enumerate(self._levels):
            item = self.level_list.item(row)
            item.setText(self._label(row + 1, level))
            item.setIcon(error_icon() if row in problems else QIcon())
            item.setToolTip(error_text(problems[row]) if row in problems else "")
        count = len(self._levels)
        self.add_button.setEnabled(count < MAX_LEVELS)
        self.remove_button.setEnabled(count > 1)
        self.up_button.setEnabled(self._row > 0)
        self.down_button.setEnabled(0 <= self._row < count - 1)

    def add_level(self) -> None:
        """A new level after the last one, starting from its texts."""
        last = self._levels[-1]
        name = self.tr("Reminder {number}").format(number=len(self._levels) + 1)
        delay = min(last.delay_days + NEW_LEVEL_GAP, MAX_DELAY_DAYS)
        self._levels.append(replace(last, name=name, delay_days=delay, letter=False))
        self._fill_list()
        self.level_list.setCurrentRow(len(self._levels) - 1)
        self.name.setFocus()
        self.name.selectAll()
        self.changed.emit()

    def remove_level(self) -> None:
        if len(self._levels) <= 1 or self._row < 0:
            return
        row = self._row
        del self._levels[row]
        self._row = -1
        self._fill_list()
        self.level_list.setCurrentRow(min(row, len(self._levels) - 1))
        self.changed.emit()

    def move_level(self, step: int) -> None:
        row, target = self._row, self._row + step
        if row < 0 or not 0 <= target < len(self._levels):
            return
        levels = self._levels
        levels[row], levels[target] = levels[target], levels[row]
        self._fill_list()
        self.level_list.setCurrentRow(target)
        self.changed.emit()

    # --- the selected level -------------------------------------------------------------

    def _show_level(self, row: int) -> None:
        if not 0 <= row < len(self._levels):
            return
        self._row = row
        level = self._levels[row]
        editors: list[QWidget] = [self.name, self.delay, self.after, self.subject, self.body]
        editors += [self.letter, self.deadline, self.statement]
        for widget in editors:
            widget.blockSignals(True)
        self.name.setText(level.name)
        self.delay.setValue(level.delay_days)
        self.after.setCurrentIndex(max(self.after.findData(str(level.after)), 0))
        self.subject.setText(level.subject)
        self.body.setPlainText(level.body)
        self.letter.setChecked(level.letter)
        self.deadline.setValue(level.deadline_days)
        self.statement.setChecked(level.statement)
        for widget in editors:
            widget.blockSignals(False)
        self.deadline.setEnabled(level.letter)
        self._update_preview()

    def _edited(self) -> None:
        if self._row < 0:
            return
        self._levels[self._row] = LevelSpec(
            position=self._row + 1,
            name=self.name.text(),
            delay_days=self.delay.value(),
            after=ReminderBase(self.after.currentData()),
            subject=self.subject.text(),
            body=self.body.toPlainText(),
            letter=self.letter.isChecked(),
            statement=self.statement.isChecked(),
            deadline_days=self.deadline.value(),
        )
        self.deadline.setEnabled(self.letter.isChecked())
        self._update_preview()
        self.changed.emit()

    def _update_preview(self) -> None:
        if self._row < 0:
            return
        level = self._levels[self._row]
        values = preview_values(DocumentKind.INVOICE, self._company)
        template_error = render_preview(level.subject, level.body, values, self.editors)
        problem = self.level_problems().get(self._row)
        field = str(problem.data.get("field", "")) if problem is not None else ""
        for name in ("name", "delay", "deadline"):
            widget = self._field_widget(name)
            assert widget is not None
            mark(widget, error_text(problem) if problem is not None and field == name else "")
        if template_error is None and problem is not None:
            self.problem_line.show_message(error_text(problem))
        self._mark_levels()
