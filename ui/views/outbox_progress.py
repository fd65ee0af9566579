"""The outbox view's sending panel: progress of the running drain with its Stop button,
then a note that sums the drain up in plain words ("3 messages envoyés, 1 en échec."). A
stop leaves what was not sent on hold, until the user resumes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import FacturierError
from ui.models.envelope import icon
from ui.outbox_sender import DrainReport, Origin, OutboxSender, told

if TYPE_CHECKING:
    from app.services.outbox import DrainProgress, DrainResult

NOTE_STYLES = {
    "info": "background: #e8f1fc; border: 1px solid #b5cff2; color: #1d3f72;",
    "success": "background: #e8f5ec; border: 1px solid #b3dbbf; color: #1e5631;",
    "warning": "background: #fff4e0; border: 1px solid #f0c987; color: #6b4100;",
}


class DrainPanel(QWidget):
    stopRequested = Signal()

    def __init__(self, sender: OutboxSender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outbox_sender = sender
        self.progress_frame = QFrame()
        self.progress_frame.setObjectName("outboxProgress")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("outboxProgressLabel")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("outboxProgressBar")
        self.progress_bar.setFormat("%v / %m")
        self.progress_bar.setMinimumWidth(220)
        self.cancel_button = QPushButton(icon("outbox-cancel"), self.tr("Stop"))
        self.cancel_button.setObjectName("outboxCancelButton")
        self.cancel_button.setToolTip(
            self.tr(
                "Stop after the current message: what was sent stays sent, the rest waits "
                "on hold until you resume."
            )
        )
        self.cancel_button.clicked.connect(self._stop)
        row = QHBoxLayout(self.progress_frame)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.progress_label, 1)
        row.addWidget(self.progress_bar)
        row.addWidget(self.cancel_button)
        self.progress_frame.setVisible(False)

        self.note = QLabel()
        self.note.setObjectName("outboxResultLabel")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a mail server
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_frame)
        layout.addWidget(self.note)

    def show_note(self, text: str, kind: str = "info") -> None:
        self.note.setText(text)
        self.note.setStyleSheet(f"QLabel {{ {NOTE_STYLES[kind]} padding: 6px 8px; }}")
        self.note.setVisible(bool(text))

    def _stop(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopping after the current message…"))
        self.stopRequested.emit()

    def started(self, origin: str) -> None:
        self.show_note("")
        self.progress_label.setText(
            self.tr("Automatic retry: sending the messages the server asked to retry…")
            if origin == Origin.AUTOMATIC
            else self.tr("Sending…")
        )
        self.progress_bar.setRange(0, 0)  # busy until the first message is done
        self.cancel_button.setEnabled(True)
        self.progress_frame.setVisible(True)

    def progressed(self, progress: DrainProgress) -> None:
        self.progress_bar.setRange(0, max(progress.total, 1))
        self.progress_bar.setValue(progress.done)
        if self.cancel_button.isEnabled():
            self.progress_label.setText(
                self.tr("Sending: {done} of {total} processed (last: {number})").format(
                    number=progress.number, done=progress.done, total=progress.total
                )
            )

    def finished(self, report: DrainReport) -> None:
        self.progress_frame.setVisible(False)
        user = report.origin == Origin.USER
        if report.result is not None:
            text, kind = self.result_text(report.result)
            if user:
                self.show_note(text or self.tr("Nothing to send."), kind)
            elif _handled(report.result):
                # The retry's own news; "server unreachable" stays in the status bar, calmly.
                self.show_note(self.tr("Automatic retry:") + " " + text, kind)
        elif not user:
            return  # e.g. the retry stepped aside for a batch: nothing to tell
        elif isinstance(report.error, FacturierError):
            self.show_note(told(report.error), "warning")
        elif report.error is not None:
            self.show_note(self.tr("Sending stopped on an unexpected error."), "warning")

    def result_text(self, result: DrainResult) -> tuple[str, str]:
        """The summary of a drain: a sentence and its tone (info, success, warning)."""
        parts: list[str] = []
        if result.sent:
            parts.append(self.tr("%n message(s) sent", "", len(result.sent)))
        if result.refusals:
            parts.append(self.tr("%n with a refused address", "", len(result.refusals)))
        if result.retry:
            parts.append(self.tr("%n to retry later", "", len(result.retry)))
        if result.failed:
            parts.append(self.tr("%n failed", "", len(result.failed)))
        uncertain = len(result.unknown) + len(result.recovered_unknown)
        if uncertain:
            parts.append(self.tr("%n uncertain", "", uncertain))
        if result.held:
            parts.append(self.tr("%n on hold", "", len(result.held)))
        text = ", ".join(parts) + ("." if parts else "")
        problems = result.failed or result.refusals or uncertain
        kind = "warning" if problems else "success"
        if result.cancelled:
            text = " ".join(p for p in (self.tr("Sending stopped."), text) if p)
            if result.held:
                text += " " + self.tr(
                    "What was not sent is on hold: press “Resume sending” to send it."
                )
            kind = "info" if kind == "success" else kind
        if result.address_changed:
            text = " ".join(
                p
                for p in (
                    text,
                    self.tr(
                        "%n message(s) not sent: the client's addresses changed since "
                        "preparation. Choose “Prepare again” or “Send as is”.",
                        "",
                        len(result.address_changed),
                    ),
                )
                if p
            )
            kind = "warning"
        stopped = result.stopped
        if stopped is not None:
            sentence = told(stopped) + " "
            when = self.outbox_sender.next_try_text()
            if result.settings_refused:
                sentence += self.tr(
                    "The messages are on hold: check the mail settings, then press "
                    "“Resume sending”."
                )
            elif not self.outbox_sender.auto_retry:
                sentence += self.tr(
                    "The messages stay in the outbox: press “Resume sending” to try again "
                    "(automatic retries are off)."
                )
            elif result.server_unreachable and when:
                sentence += self.tr("The messages stay in the outbox")
                sentence += self.tr("; next automatic attempt at {time}.").format(time=when)
            else:
                sentence += self.tr("The messages stay in the outbox.")
            text = " ".join(p for p in (text, sentence) if p)
            kind = "warning"
        return text, kind


def _handled(result: DrainResult) -> bool:
    return bool(
        result.sent
        or result.retry
        or result.failed
        or result.unknown
        or result.recovered_unknown
        or result.address_changed
    )
