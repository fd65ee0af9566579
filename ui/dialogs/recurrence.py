"""An invoice's recurrence: made again every month, quarter or year (from a start date, to
an optional end date, on a day of the month), as a draft or validated and held in the
outbox for the next batch. Facturier makes what is due when the window opens and with
``facturier recurring run`` (a scheduled task).

Reads and writes run in the background (ui.tasks); a refusal shows in words and the form
keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.recurrence import MAX_DAY, Frequency, RecurrenceMode
from app.errors import FacturierError
from app.services.database import Database
from app.services.recurring import RecurrenceData, recurrence_of, set_recurrence, stop_recurrence
from ui.dialogs.settings_widgets import chain_tab_order
from ui.document_problems import document_problem
from ui.models.envelope import date_text
from ui.tasks import Task, run_task

T = TypeVar("T")
PROBLEM_COLOUR = "#c62828"
DATE_FORMAT = "dd/MM/yyyy"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RecurrenceDialog(QDialog):
    """Modal; ``changed`` tells whether the recurrence was saved or stopped."""

    def __init__(
        self, db: Database, invoice_id: int, number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recurrenceDialog")
        self.setWindowTitle(self.tr("Recurrence – {number}").format(number=number))
        self.db = db
        self.invoice_id = invoice_id
        self.loaded = False
        self.recurrence: RecurrenceData | None = None
        self.changed = False
        self.task: Task[Any, None] | None = None

        intro = QLabel(
            self.tr(
                "Make this invoice again every period, with its client, lines and payment "
                "terms, dated the day of the period. Facturier makes what is due when it "
                "starts, or with “facturier recurring run” from a scheduled task."
            )
        )
        intro.setWordWrap(True)
        self.frequency = QComboBox()
        self.frequency.setObjectName("recurrenceFrequency")
        for text, value in (
            (self.tr("Every month"), Frequency.MONTHLY),
            (self.tr("Every quarter"), Frequency.QUARTERLY),
            (self.tr("Every year"), Frequency.YEARLY),
        ):
            self.frequency.addItem(text, str(value))
        self.day = QSpinBox()
        self.day.setObjectName("recurrenceDay")
        self.day.setRange(1, MAX_DAY)
        self.day.setToolTip(self.tr("Past the end of a shorter month: its last day"))
        tomorrow = date.today() + timedelta(days=1)  # the model covers today's period
        self.day.setValue(tomorrow.day)
        self.start = self._date_edit("recurrenceStart", tomorrow)
        self.has_end = QCheckBox(self.tr("Ends on"))
        self.has_end.setObjectName("recurrenceHasEnd")
        self.end = self._date_edit("recurrenceEnd", tomorrow.replace(day=1) + timedelta(days=366))
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.start.dateChanged.connect(self.end.setMinimumDate)
        self.end.setMinimumDate(self.start.date())
        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end)
        end_row.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Frequency:"), self.frequency)
        form.addRow(self.tr("Day of the month:"), self.day)
        form.addRow(self.tr("Starts on:"), self.start)
        form.addRow(self.tr("End:"), end_row)

        self.draft_radio = QRadioButton(self.tr("Create a draft"))
        self.draft_radio.setObjectName("recurrenceDraftRadio")
        self.draft_radio.setToolTip(self.tr("You check it, then validate and send it yourself"))
        self.send_radio = QRadioButton(self.tr("Validate and prepare the sending"))
        self.send_radio.setObjectName("recurrenceSendRadio")
        self.send_radio.setToolTip(
            self.tr("Numbered and held in the outbox: it goes with the next batch you send")
        )
        self.draft_radio.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.draft_radio)
        modes.addButton(self.send_radio)
        mode_box = QGroupBox(self.tr("Each invoice made"))
        mode_layout = QVBoxLayout(mode_box)
        mode_layout.addWidget(self.draft_radio)
        mode_layout.addWidget(self.send_radio)

        self.state_label = QLabel(self.tr("Reading…"))
        self.state_label.setObjectName("recurrenceState")
        self.state_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("recurrenceMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.message.setVisible(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None
        self.save_button = save
        self.save_button.setObjectName("recurrenceSaveButton")
        self.stop_button = QPushButton(self.tr("S&top recurrence"))
        self.stop_button.setObjectName("recurrenceStopButton")
        self.stop_button.setToolTip(self.tr("No more invoices from this one; those made stay"))
        buttons.addButton(self.stop_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        self.cancel_button = cancel
        self.cancel_button.setObjectName("recurrenceCancelButton")
        self.stop_button.clicked.connect(self.stop)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(mode_box)
        layout.addWidget(self.state_label)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(480, 0)
        self._update_buttons()
        chain_tab_order(self.tab_order())
        self._run(lambda: recurrence_of(db, invoice_id), self._show)

    def tab_order(self) -> list[QWidget]:
        """The focus order, as the fields read (chained once, in __init__)."""
        return [
            self.frequency,
            self.day,
            self.start,
            self.has_end,
            self.end,
            self.draft_radio,
            self.send_radio,
            self.stop_button,
            self.save_button,
            self.cancel_button,
        ]

    def _date_edit(self, name: str, value: date) -> QDateEdit:
        edit = QDateEdit(_qdate(value))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        return edit

    # --- the state ----------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self.task is not None

    def _show(self, recurrence: RecurrenceData | None) -> None:
        self.loaded = True
        self.recurrence = recurrence
        if recurrence is None:
            self.state_label.setText(self.tr("This invoice does not recur yet."))
            self._update_buttons()
            return
        self.frequency.setCurrentIndex(self.frequency.findData(str(recurrence.frequency)))
        self.day.setValue(recurrence.day)
        self.start.setDate(_qdate(recurrence.start_date))
        self.has_end.setChecked(recurrence.end_date is not None)
        if recurrence.end_date is not None:
            self.end.setDate(_qdate(recurrence.end_date))
        self.send_radio.setChecked(recurrence.mode is RecurrenceMode.SEND)
        self.draft_radio.setChecked(recurrence.mode is RecurrenceMode.DRAFT)
        made = self.tr("%n invoice(s) made so far.", "", recurrence.made)
        if not recurrence.active:
            state = self.tr("Stopped: no more invoices are made.")
        elif recurrence.next_date is None:
            state = self.tr("Ended: the end date is passed.")
        else:
            state = self.tr("Next invoice: {date}.").format(date=date_text(recurrence.next_date))
        self.state_label.setText(f"{state} {made}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self.task is None
        self.save_button.setEnabled(idle and self.loaded)
        active = self.recurrence is not None and self.recurrence.active
        self.stop_button.setEnabled(idle and active)

    # --- the actions --------------------------------------------------------------------

    def save(self) -> None:
        if self.task is not None or not self.loaded:
            return
        db, invoice_id = self.db, self.invoice_id
        frequency = Frequency(str(self.frequency.currentData()))
        day, start = self.day.value(), _day(self.start.date())
        end = _day(self.end.date()) if self.has_end.isChecked() else None
        mode = RecurrenceMode.SEND if self.send_radio.isChecked() else RecurrenceMode.DRAFT
        self._run(
            lambda: set_recurrence(db, invoice_id, frequency, day, start, end, mode),
            self._done,
        )

    def stop(self) -> None:
        if self.task is not None:
            return
        db, invoice_id = self.db, self.invoice_id
        self._run(lambda: stop_recurrence(db, invoice_id), self._done)

    def _done(self, _result: object) -> None:
        self.changed = True
        self.accept()

    def problem_text(self, error: FacturierError) -> str:
        if error.code == "invalid":
            field = error.data.get("field")
            if field == "start_date":
                return self.tr(
                    "The start date is more than a year ago: that would make a year of "
                    "invoices at once. Choose a later date."
                )
            if field == "end_date":
                return self.tr("The end date comes before the start date.")
        return document_problem(error)

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- background work ----------------------------------------------------------------

    def reject(self) -> None:
        if self.task is None:  # a write under way ends first: its outcome must be known
            super().reject()

    def _run(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        def finished(result: T) -> None:
            self.task = None
            self._update_buttons()
            done(result)

        def failed(error: BaseException) -> None:
            self.task = None
            self._update_buttons()
            if not isinstance(error, FacturierError):
                raise error
            self.show_problem(self.problem_text(error))

        self.task = run_task(
            lambda _context: work(), on_success=finished, on_error=failed, parent=self
        )
        self._update_buttons()


def open_recurrence(parent: QWidget, db: Database, invoice_id: int, number: str) -> bool:
    """The dialog, modal; whether the recurrence was saved or stopped."""
    dialog = RecurrenceDialog(db, invoice_id, number, parent)
    dialog.exec()
    changed = dialog.changed
    dialog.deleteLater()
    return changed
