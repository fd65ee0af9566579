"""Envoi Webmail: confirm a batch, fix missing addresses, then prepare and send it.

The dialog shows what will happen before anything is written (``plan_batch``), lets the
user fix a client without an address on the spot, previews each message, and then runs
the sending engine through ``ui/tasks.py`` while the main window stays usable.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.outbox import OutboxState
from app.errors import FacturierError
from app.services.batch import (
    BatchPlan,
    MessagePreview,
    PlanItem,
    PrepareResult,
    plan_batch,
    prepare_batch,
    preview_message,
)
from app.services.database import Database
from app.services.outbox import DrainProgress, DrainResult, OutboxItem, drain, list_outbox
from ui.dialogs.client_editor import edit_client
from ui.messages import error_text
from ui.models.envelope import datetime_text, local_datetime
from ui.smtp_replies import reply_sentence
from ui.tasks import Task, TaskContext, run_task

SHORT = QLocale.FormatType.ShortFormat
REFRESH_MS = 500  # the report follows a running batch without rereading per message


@dataclass(frozen=True)
class BatchOutcome:
    prepared: PrepareResult
    drained: DrainResult | None  # None: prepared for later
    items: list[OutboxItem]  # the batch's messages as they ended (read by the worker)


class BatchConfirmDialog(QDialog):
    documentsChanged = Signal()  # documents of the batch changed state (report refresh)
    documentsUpdated = Signal(list)  # these documents were handled: reread their rows
    batchFinished = Signal()
    batchStarting = Signal()  # an automatic retry in the window should stop first
    drainFinished = Signal(object)  # the DrainResult, for the window's status and retries

    def __init__(
        self, db: Database, document_ids: list[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.document_ids = list(document_ids)
        self.plan = BatchPlan([], [], [], [])
        self.task: Task | None = None
        self.outcome: BatchOutcome | None = None
        self.error: BaseException | None = None
        self._preview_at = 0
        self._details: dict[str, list[str]] = {}
        self.setObjectName("batchConfirmDialog")
        self.setWindowTitle(self.tr("Send by e-mail"))
        self.setMinimumWidth(640)
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(REFRESH_MS)
        self._refresh_soon.timeout.connect(self._rows_changed)
        self._handled: list[int] = []  # documents sent (or not) since the last update
        self._build()
        self.reload_plan()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.count_label = QLabel()
        self.count_label.setObjectName("documentCountLabel")
        font = self.count_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.count_label.setFont(font)
        layout.addWidget(self.count_label)

        self.sent_box = QCheckBox()
        self.sent_box.setObjectName("includeSentCheck")
        self.sent_box.toggled.connect(self._update_counts)
        layout.addWidget(self.sent_box)
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        layout.addWidget(self.pending_label)

        self.missing_group = QGroupBox(self.tr("Missing e-mail addresses"))
        missing = QVBoxLayout(self.missing_group)
        explain = QLabel(
            self.tr(
                "These documents cannot be sent: their client has no e-mail address with "
                "“Mail” ticked. Double-click one to complete the client's record."
            )
        )
        explain.setWordWrap(True)
        missing.addWidget(explain)
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("missingAddressList")
        self.missing_list.setAccessibleName(self.tr("Documents without address"))
        self.missing_list.setMaximumHeight(120)
        self.missing_list.itemActivated.connect(self.fix_client)
        missing.addWidget(self.missing_list)
        layout.addWidget(self.missing_group)

        self.preview_group = QGroupBox(self.tr("Message preview"))
        preview = QVBoxLayout(self.preview_group)
        stepper = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.previous_button.setObjectName("previewPreviousButton")
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setObjectName("previewNextButton")
        self.next_button.clicked.connect(lambda: self._step(1))
        self.position_label = QLabel()
        stepper.addWidget(self.previous_button)
        stepper.addWidget(self.position_label, 1, Qt.AlignmentFlag.AlignCenter)
        stepper.addWidget(self.next_button)
        preview.addLayout(stepper)
        form = QFormLayout()
        self.to_label, self.copy_label = QLabel(), QLabel()
        self.subject_label, self.attachment_label = QLabel(), QLabel()
        for label in (self.to_label, self.copy_label, self.subject_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("To:"), self.to_label)
        form.addRow(self.tr("Copy:"), self.copy_label)
        form.addRow(self.tr("Subject:"), self.subject_label)
        form.addRow(self.tr("Attachment:"), self.attachment_label)
        preview.addLayout(form)
        self.body_view = QPlainTextEdit()
        self.body_view.setObjectName("previewBody")
        self.body_view.setReadOnly(True)
        self.body_view.setMinimumHeight(140)
        preview.addWidget(self.body_view)
        layout.addWidget(self.preview_group)

        self.progress = QProgressBar()
        self.progress.setObjectName("batchProgressBar")
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setVisible(False)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("batchSummaryLabel")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.linkActivated.connect(self.show_details)
        self.summary_label.setVisible(False)
        layout.addWidget(self.summary_label)
        self.details_list = QListWidget()
        self.details_list.setObjectName("batchDetailsList")
        self.details_list.setVisible(False)
        self.details_list.setWordWrap(True)
        layout.addWidget(self.details_list)

        buttons = QHBoxLayout()
        self.later_button = QPushButton(self.tr("Prepare for later"))
        self.later_button.setObjectName("prepareLaterButton")
        self.later_button.setToolTip(
            self.tr("Prepare the messages now and send them when the mail server is reachable")
        )
        self.later_button.clicked.connect(lambda: self.start(send=False))
        self.validate_button = QPushButton(self.tr("Validate"))
        self.validate_button.setObjectName("validateButton")
        self.validate_button.setDefault(True)
        self.validate_button.clicked.connect(lambda: self.start(send=True))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self._cancel_clicked)
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        buttons.addWidget(self.validate_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    # --- the plan -----------------------------------------------------------------------

    def reload_plan(self) -> None:
        self.plan = plan_batch(self.db, self.document_ids)
        self.missing_list.clear()
        for item in self.plan.missing_address:
            row = QListWidgetItem(f"{item.number} — {item.client_name}")
            row.setData(Qt.ItemDataRole.UserRole, item.client_id)
            row.setToolTip(self.tr("Double-click to complete this client's record"))
            self.missing_list.addItem(row)
        self.missing_group.setVisible(bool(self.plan.missing_address))
        already = self.plan.already_sent
        self.sent_box.setVisible(bool(already))
        if already:
            last = max(item.sent_at for item in already if item.sent_at is not None)
            self.sent_box.setText(
                self.tr(
                    "Send again the %n document(s) already sent (the last on %1)", "", len(already)
                ).replace(
                    "%1",
                    QLocale().toString(local_datetime(last).date(), QLocale.FormatType.ShortFormat),
                )
            )
            self.sent_box.setToolTip(
                "\n".join(
                    self.tr("%1 already sent on %2 to %3")
                    .replace("%1", item.number)
                    .replace("%2", datetime_text(item.sent_at))
                    .replace("%3", item.sent_to)
                    for item in already
                    if item.sent_at is not None
                )
            )
        pending = self.plan.pending
        self.pending_label.setVisible(bool(pending))
        self.pending_label.setText(
            self.tr("Left out: %n document(s) already waiting in the outbox.", "", len(pending))
        )
        self._update_counts()

    def to_send(self) -> list[PlanItem]:
        include_sent = self.sent_box.isChecked()
        return [i for i in self.plan.sendable if include_sent or i.sent_at is None]

    def _update_counts(self) -> None:
        count = len(self.to_send())
        self.count_label.setText(self.tr("%n document(s) will be sent.", "", count))
        idle = self.task is None and self.outcome is None
        self.validate_button.setEnabled(idle and count > 0)
        self.later_button.setEnabled(idle and count > 0)
        self._preview_at = min(self._preview_at, max(count - 1, 0))
        self._show_preview()

    def fix_client(self, row: QListWidgetItem) -> None:
        """Open the client's record; once saved, the lists and the count follow at once."""
        client_id = int(row.data(Qt.ItemDataRole.UserRole))
        edit_client(self, self.db, client_id)
        self.reload_plan()

    # --- preview ------------------------------------------------------------------------

    def _step(self, delta: int) -> None:
        self._preview_at += delta
        self._show_preview()

    def _show_preview(self) -> None:
        items = self.to_send()
        self.preview_group.setVisible(bool(items))
        if not items:
            return
        self._preview_at = max(0, min(self._preview_at, len(items) - 1))
        self.previous_button.setEnabled(self._preview_at > 0)
        self.next_button.setEnabled(self._preview_at < len(items) - 1)
        self.position_label.setText(
            self.tr("Message %1 of %2")
            .replace("%1", str(self._preview_at + 1))
            .replace("%2", str(len(items)))
        )
        item = items[self._preview_at]
        self.to_label.setText(", ".join(item.recipients))
        self.subject_label.setText(self.tr("(preparing the preview…)"))
        self.body_view.setPlainText("")
        document_id = item.document_id
        # The PDF may need rendering first: never on the GUI thread.
        run_task(
            lambda _context: preview_message(self.db, document_id),
            on_success=self._preview_ready,
            on_error=self._preview_failed,
        )

    def _current_id(self) -> int | None:
        items = self.to_send()
        return items[self._preview_at].document_id if items else None

    def _preview_ready(self, value: object) -> None:
        assert isinstance(value, MessagePreview)
        if value.document_id != self._current_id():
            return  # the user has moved on
        self.to_label.setText(", ".join(value.to))
        copies = [*value.cc, *(f"{a} ({self.tr('hidden copy')})" for a in value.bcc)]
        self.copy_label.setText(", ".join(copies) or "—")
        self.subject_label.setText(value.subject)
        self.attachment_label.setText(
            f"{value.attachment_name} ({QLocale().formattedDataSize(value.attachment_size)})"
        )
        self.body_view.setPlainText(value.body)

    def _preview_failed(self, error: object) -> None:
        self.subject_label.setText(self._sentence(error))

    # --- running ------------------------------------------------------------------------

    def start(self, *, send: bool) -> None:
        ids = [item.document_id for item in self.to_send()]
        include_sent = self.sent_box.isChecked()
        db = self.db
        if send:
            self.batchStarting.emit()

        def work(context: TaskContext) -> BatchOutcome:
            prepared = prepare_batch(db, ids, include_already_sent=include_sent)
            context.progress(prepared)
            drained = None
            if send and not context.cancelled:
                drained = drain(
                    db, ids=prepared.outbox_ids, progress=context.progress, cancel=context.cancel
                )
            items = list_outbox(db, include_sent=True, ids=prepared.outbox_ids)
            return BatchOutcome(prepared, drained, items)

        for widget in (
            self.validate_button,
            self.later_button,
            self.sent_box,
            self.missing_list,
            self.previous_button,
            self.next_button,
        ):
            widget.setEnabled(False)
        self.cancel_button.setText(self.tr("Stop sending"))
        self.progress.setRange(0, 0)  # busy until the messages are prepared
        self.progress.setVisible(True)
        self.progress_label.setVisible(True)
        self.progress_label.setText(self.tr("Preparing the messages…"))
        self.task = run_task(
            work,
            on_progress=self._progressed,
            on_success=self._finished,
            on_error=self._failed,
            parent=self,
        )

    def _progressed(self, value: object) -> None:
        if isinstance(value, PrepareResult):
            self.progress.setRange(0, max(len(value.prepared), 1))
            self.progress.setValue(0)
            self.progress_label.setText(self.tr("Connecting to the mail server…"))
        elif isinstance(value, DrainProgress):
            self.progress.setRange(0, value.total)
            self.progress.setValue(value.done)
            self.progress_label.setText(
                self.tr("%1 handled (%2 of %3)")
                .replace("%1", value.number)
                .replace("%2", str(value.done))
                .replace("%3", str(value.total))
            )
            self._handled.append(value.document_id)
            if not self._refresh_soon.isActive():  # the report rereads at most twice a second
                self._refresh_soon.start()

    def _rows_changed(self) -> None:
        handled, self._handled = self._handled, []
        self.documentsUpdated.emit(handled)

    def _finished(self, value: object) -> None:
        assert isinstance(value, BatchOutcome)
        self.outcome = value
        self._done()
        if value.drained is None:
            self.count_label.setText(self.tr("Messages prepared: they wait in the outbox."))
        elif value.drained.cancelled:
            self.count_label.setText(self.tr("Sending stopped."))
        else:
            self.count_label.setText(self.tr("Sending finished."))
        self._summarise(value)
        if value.drained is not None:
            self.drainFinished.emit(value.drained)

    def _failed(self, error: object) -> None:
        self.error = error if isinstance(error, BaseException) else None
        self._done()
        if not isinstance(error, FacturierError) and isinstance(error, BaseException):
            traceback.print_exception(error, file=sys.stderr)  # for support, not the user
        self.summary_label.setText(self._sentence(error))
        self.summary_label.setVisible(True)

    def _done(self) -> None:
        self.task = None
        self._refresh_soon.stop()
        self.progress.setVisible(False)
        self.progress_label.setVisible(False)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setEnabled(True)
        self._rows_changed()
        # The report's full reread waits for the next turn of the event loop, apart from
        # the summary: each stays a short pause of the window, not one long one.
        QTimer.singleShot(0, self, self.documentsChanged.emit)
        self.batchFinished.emit()

    def _sentence(self, error: object) -> str:
        if isinstance(error, FacturierError):
            return error_text(error)
        return self.tr("An unexpected error stopped the batch: {error}").format(error=error)

    # --- the summary --------------------------------------------------------------------

    def _summarise(self, outcome: BatchOutcome) -> None:
        items = outcome.items
        groups: dict[str, list[str]] = {"sent": [], "waiting": [], "failed": [], "unknown": []}
        for item in items:
            groups[self._group(item.state)].append(self._reason(item))
        groups["missing"] = [
            self.tr("%1 — %2: the client has no e-mail address with “Mail” ticked")
            .replace("%1", p.number)
            .replace("%2", p.client_name)
            for p in self.plan.missing_address
        ]
        self._details = groups
        texts = {
            "sent": self.tr("%n document(s) sent", "", len(groups["sent"])),
            "waiting": self.tr("%n waiting", "", len(groups["waiting"])),
            "failed": self.tr("%n failed", "", len(groups["failed"])),
            "unknown": self.tr("%n uncertain", "", len(groups["unknown"])),
            "missing": self.tr("%n without address", "", len(groups["missing"])),
        }
        shown = [key for key in texts if key != "unknown" or groups[key]]
        summary = ", ".join(f'<a href="{key}">{texts[key]}</a>' for key in shown)
        drained = outcome.drained
        if drained is not None and drained.stopped is not None:
            summary += (
                "<br>"
                + error_text(drained.stopped)
                + " "
                + self.tr("The messages stay in the outbox and will be sent later.")
            )
        elif drained is None:
            summary += "<br>" + self.tr(
                "The messages are in the outbox; they will be sent when the mail server is "
                "reachable."
            )
        elif drained.cancelled:
            summary += "<br>" + self.tr("Sending was stopped; the rest waits in the outbox.")
        self.summary_label.setText(summary)
        self.summary_label.setVisible(True)

    @staticmethod
    def _group(state: OutboxState) -> str:
        if state == OutboxState.SENT:
            return "sent"
        if state == OutboxState.FAILED:
            return "failed"
        if state == OutboxState.UNKNOWN:
            return "unknown"
        return "waiting"

    def _reason(self, item: OutboxItem) -> str:
        head = f"{item.number} — {item.client_name}: "
        if item.state == OutboxState.SENT:
            return head + self.tr("sent to %1").replace("%1", item.to)
        if item.state == OutboxState.UNKNOWN:
            return head + self.tr(
                "the connection dropped after the server took the message: it may have "
                "arrived. Check before sending it again from the outbox."
            )
        if item.state == OutboxState.FAILED:
            return head + reply_sentence(item.last_reply or item.last_error, item.to)
        if item.last_error:
            return head + reply_sentence(item.last_error, item.to)
        return head + self.tr("waiting to be sent")

    def show_details(self, key: str) -> None:
        self.details_list.clear()
        self.details_list.addItems(self._details.get(key, []))
        self.details_list.setVisible(True)

    # --- closing ------------------------------------------------------------------------

    def _cancel_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()  # stops between two messages; what was sent stays sent
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Stopping after the current message…"))
            return
        if self.outcome is not None or self.error is not None:
            self.accept()
        else:
            self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:  # never leave a batch running unseen
            self._cancel_clicked()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.task is not None:
            self._cancel_clicked()
            return
        super().reject()
