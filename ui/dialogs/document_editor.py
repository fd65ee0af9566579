"""The document editor (``documentEditorDialog``): client, dates, terms, notes and the lines
of a quote, order, delivery note, invoice or credit note, with totals that follow the keyboard.

A new document is a draft: Save writes it (one transaction) without a number. Validate
(``validateDocumentButton``) asks first, saves, then gives the number and archives the PDF in
the background (``ui.tasks``); the document is then read-only, as a validated document always
opens. Whatever the database refuses is said in a sentence, the faulty cell or field gets the
focus, and nothing typed is lost. Closing with unsaved changes asks Save / Discard / Cancel.

Keyboard: Insert or Ctrl+Return adds a line, Ctrl+Shift+V validates (after the same
question), Ctrl+Shift+E validates then asks the caller to send the document (``sendRequested``).

``open_document_editor(parent, db, kind, document_id)`` opens it modally.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.invoice_roles import FINAL
from app.domain.kinds import DocumentKind, credit_kind_for
from app.errors import FacturierError, NotFoundError, ReadOnlyDocumentError, ValidationError
from app.services.clients import ClientData, get_client
from app.services.database import Database
from app.services.document_data import DocumentData
from app.services.documents import DocumentInput, get_document, save_draft, validate_document
from app.services.settings import get_company
from ui.dialogs.document_editor_texts import (
    deleted_document_text,
    document_error_text,
    draft_title,
    new_title,
    no_client_text,
    numbered_title,
    row_text,
    validated_elsewhere_text,
)
from ui.dialogs.document_header import DocumentHeader, text_edit
from ui.dialogs.document_lines import LinesBox
from ui.dialogs.document_mentions import DocumentMentions
from ui.dialogs.document_totals import TotalsPanel
from ui.dialogs.settings_widgets import MessageLine, chain_tab_order
from ui.dialogs.unsaved import ask_unsaved, confirm_discard
from ui.line_problems import line_problem_text
from ui.messages import exception_text
from ui.shortcut_text import shortcut_hint
from ui.tasks import Task, run_task

State = tuple[object, ...]
ADD_LINE_KEYS = ("Insert", "Ctrl+Return", "Ctrl+Enter")
VALIDATE_KEYS = "Ctrl+Shift+V"
SEND_KEYS = "Ctrl+Shift+E"


class DocumentEditorDialog(QDialog):
    saved = Signal(int)  # the document's id, once saved (draft) or validated
    validated = Signal(int)  # the document's id, once it has its number and archived PDF
    sendRequested = Signal(int)  # "Validate and send": the validated document, to send

    def __init__(
        self,
        db: Database,
        kind: DocumentKind,
        document_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        # First: a document deleted meanwhile raises before any widget exists.
        document = get_document(db, document_id) if document_id is not None else None
        company = get_company(db)
        super().__init__(parent)
        self.db = db
        self.setObjectName("documentEditorDialog")
        self.setModal(True)
        self.document: DocumentData | None = document
        self.kind = document.kind if document is not None else kind
        self.document_id = document_id
        self.vat_exempt = company.vat_exempt
        self.task: Task[DocumentData, None] | None = None
        self._notice: tuple[str, str] | None = None  # (text, tone) under the lines
        self._saved_rows: list[int] = []  # the table row of each line last sent to be saved
        self._send_after = False  # "Validate and send" under way

        self.header = DocumentHeader(db, self.kind, company.payment_days)
        self.picker = self.header.picker
        self.dates = self.header.dates
        self.terms = self.header.terms
        self.mentions = DocumentMentions(self.kind, company)
        self.notes = text_edit("notesEdit", 56)
        self.lines_box = LinesBox(db, self.vat_exempt)
        self.lines = self.lines_box.model
        self.table = self.lines_box.table
        self.totals = TotalsPanel(self.vat_exempt)
        self.message = MessageLine("documentMessage")
        self.progress = QProgressBar()
        self.progress.setObjectName("validateProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()

        # Plain buttons, none of them default: Enter belongs to the table and the text fields
        # (a QDialogButtonBox would make Save the default and Enter would close the dialog).
        self.validate_button = self._button("validateDocumentButton", self.tr("Validate"))
        self.validate_button.setToolTip(
            self.tr(
                "Give the document its number and archive its PDF; it can then no longer be "
                "changed."
            )
        )
        self.validate_button.setToolTip(
            self.validate_button.toolTip() + " " + shortcut_hint(VALIDATE_KEYS)
        )
        self.send_button = self._button("validateAndSendButton", self.tr("Validate and send"))
        self.send_button.setToolTip(
            self.tr("Validate the document, then open the sending of it by e-mail.")
            + " "
            + shortcut_hint(SEND_KEYS)
        )
        self.save_button = self._button("saveDocumentButton", self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save as a draft (no number yet) and close."))
        self.cancel_button = self._button("cancelDocumentButton", self.tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.validate_button)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        self.save_button.clicked.connect(self.save)
        self.validate_button.clicked.connect(self.validate)
        self.cancel_button.clicked.connect(self.reject)
        self.send_button.clicked.connect(self.validate_and_send)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        for keys in ADD_LINE_KEYS:
            QShortcut(QKeySequence(keys), self).activated.connect(self._add_line_key)
        QShortcut(QKeySequence(VALIDATE_KEYS), self).activated.connect(self.validate)
        QShortcut(QKeySequence(SEND_KEYS), self).activated.connect(self.validate_and_send)
        self._layout(buttons)
        self._set_tab_order()

        self._load(document, company.payment_terms)
        self.header.connect_changes()
        self.header.changed.connect(self._edited)
        self.picker.clientChanged.connect(self._client_changed)
        self.mentions.changed.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        self.lines.changed.connect(self._edited)
        self.lines_box.typing.connect(self._typing)
        self.lines_box.editing_ended.connect(self._refresh)
        self.lines_box.notice.connect(self._show_notice)
        self.resize(1060, 740)

    # --- layout -------------------------------------------------------------------------

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def _layout(self, buttons: QHBoxLayout) -> None:
        notes = QGroupBox(self.tr("Notes (printed on the document)"))
        notes_layout = QHBoxLayout(notes)
        notes_layout.addWidget(self.notes)
        bottom = QHBoxLayout()
        bottom.addWidget(notes, 3)
        bottom.addWidget(self.totals, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.mentions)
        layout.addWidget(self.lines_box, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    def tab_order(self) -> list[QWidget]:
        """The fields in the order Tab visits them (hidden ones are skipped by Qt)."""
        picker, dates, mentions, lines = self.picker, self.dates, self.mentions, self.lines_box
        return [
            picker.combo,
            picker.new_button,
            self.terms,
            dates.issue,
            dates.check,
            dates.other,
            mentions.category,
            mentions.vat_on_debits,
            mentions.differs,
            *mentions.edits.values(),
            lines.add_button,
            lines.remove_button,
            lines.up_button,
            lines.down_button,
            lines.catalogue_button,
            lines.keep_button,
            self.table,
            self.notes,
            self.validate_button,
            self.send_button,
            self.save_button,
            self.cancel_button,
        ]

    def _set_tab_order(self) -> None:
        chain_tab_order(self.tab_order())

    # --- loading ------------------------------------------------------------------------

    def _load(self, document: DocumentData | None, default_terms: str) -> None:
        self.header.load(document, default_terms)
        self.mentions.load(document, self._client(document.client_id if document else None))
        if document is not None:
            self.notes.setPlainText(document.notes)
            # A final invoice deducts its deposits with lines of negative quantity (and its
            # credit note carries them too); the service decides when it saves.
            self.lines.deductions = document.invoice_role == FINAL or any(
                line.quantity < 0 for line in document.lines
            )
            self.lines.set_lines(document.lines)
        if document is not None and not document.is_draft:
            self._set_read_only(document)
        elif document is None:
            self.lines_box.add_line(edit=False)  # a first row, ready to be typed in
        self._clean = self.state()
        self._refresh()

    def _set_read_only(self, document: DocumentData) -> None:
        self.header.set_read_only(True)
        self.mentions.set_read_only(True)
        self.notes.setReadOnly(True)
        self.lines_box.set_read_only(True)
        self.save_button.hide()
        self.validate_button.hide()
        self.send_button.hide()
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setObjectName("closeDocumentButton")
        text = self.tr("Validated document: it can no longer be changed.")
        if credit_kind_for(document.kind) is not None:
            text += " " + self.tr("To cancel it, issue a credit note.")
        self._notice = (text, "info")

    def is_read_only(self) -> bool:
        return self.document is not None and not self.document.is_draft

    # --- state --------------------------------------------------------------------------

    def state(self) -> State:
        return (
            *self.header.state(),
            *self.mentions.state(),
            self.notes.toPlainText(),
            self.lines.rows(),
        )

    def is_dirty(self) -> bool:
        self.lines_box.commit_open_editors()
        return not self.is_read_only() and self.state() != self._clean

    def _edited(self) -> None:
        if self._notice is not None and self._notice[1] != "info":
            self._notice = None
        self._refresh()

    def _refresh(self) -> None:
        self.totals.show_totals(self.lines.totals())
        self.lines_box.refresh()
        self._update_title()
        self._show_message()

    def _show_message(self) -> None:
        """The first problem of the lines, else the last notice."""
        problems = self.lines.shown_problems()
        if problems:
            self.message.show_message(self._problems_text(problems))
        elif self._notice is not None:
            self.message.show_message(*self._notice)
        else:
            self.message.clear()

    def _problems_text(self, problems: list[tuple[int, ValidationError]]) -> str:
        row, problem = problems[0]
        text = row_text(row, line_problem_text(problem))
        if len(problems) > 1:
            text += " " + self.tr("(and %n other problem(s))", "", len(problems) - 1)
        return text

    def _update_title(self) -> None:
        document = self.document
        client = self.picker.client_name()
        if document is not None and document.number and not document.is_draft:
            self.setWindowTitle(numbered_title(self.kind, document.number, client))
        elif self.document_id is not None:
            self.setWindowTitle(draft_title(self.kind, client))
        else:
            self.setWindowTitle(new_title(self.kind))

    def _typing(self, row: int, column: int, text: str, problem: str) -> None:
        """A key stroke in a cell: the totals count what is typed, its problem is said."""
        self.totals.show_totals(self.lines.totals((row, column, text)))
        if problem:
            self.message.show_message(row_text(row, problem))
        else:
            self._show_message()

    def _show_notice(self, text: str, tone: str) -> None:
        self._notice = (text, tone) if text else None
        self._refresh()

    def problem_message(self) -> str:
        """The message line's text ("" when hidden)."""
        return self.message.text()

    # --- saving -------------------------------------------------------------------------

    def document_input(self) -> DocumentInput | None:
        """What the dialog holds, as the service takes it; None (and the reason shown, the
        faulty place focused) when something must be fixed first."""
        self.lines_box.commit_open_editors()
        self.picker.resolve()
        self.lines.set_reveal_required(True)
        self._notice = None
        self._refresh()
        client_id = self.picker.client_id()
        if client_id is None:
            self._show_error(no_client_text())
            self.picker.combo.setFocus()
            return None
        delivery_problem = self.mentions.delivery_problem()
        if delivery_problem:
            self._show_error(delivery_problem)
            self.mentions.edits["delivery_street"].setFocus()
            return None
        problems = self.lines.problems()
        if problems:
            self.message.show_message(self._problems_text(problems))
            row, problem = problems[0]
            self.lines_box.focus_cell(row, self.lines.column_of(problem))
            return None
        self._saved_rows = self.lines.filled_rows()
        delivery = self.mentions.delivery()
        lines = tuple(self.lines.line(row) for row in self._saved_rows)
        dates = self.header.date_values()
        return DocumentInput(
            kind=self.kind,
            client_id=client_id,
            issue_date=dates.issue_date,
            lines=tuple(line for line in lines if line is not None),
            due_date=dates.due_date,
            validity_date=dates.validity_date,
            delivery_date=dates.delivery_date,
            payment_terms=self.terms.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            operation_category=self.mentions.operation_category(),
            delivery_street=delivery.street,
            delivery_postal_code=delivery.postal_code,
            delivery_city=delivery.city,
            delivery_country=delivery.country,
            vat_on_debits=self.mentions.vat_on_debits_value(),
        )

    def _client(self, client_id: int | None) -> ClientData | None:
        """The client's defaults (category, delivery address); None when it is gone."""
        if client_id is None:
            return None
        try:
            return get_client(self.db, client_id)
        except FacturierError:
            return None

    def _client_changed(self, client_id: int) -> None:
        if not self.is_read_only():
            self.mentions.apply_client(self._client(client_id or None))

    def _write(self, data: DocumentInput) -> int | None:
        """Save the draft; its id, or None (the reason shown) when the database refuses."""
        try:
            document_id = save_draft(self.db, data, self.document_id)
        except NotFoundError as error:
            if error.detail == "client":
                name = self.picker.client_name()
                self.picker.reload()
                self._show_error(document_error_text(error, name))
                self.picker.combo.setFocus()
            else:  # the draft itself was deleted elsewhere: Save again makes a new one
                self.document_id = None
                self._show_error(document_error_text(error))
            return None
        except ReadOnlyDocumentError as error:
            self.document_id = None
            self._show_error(document_error_text(error))
            return None
        except ValidationError as error:
            self._show_error(document_error_text(error))
            row = error.data.get("row")
            if isinstance(row, int) and 0 <= row < len(self._saved_rows):
                self.lines_box.focus_cell(self._saved_rows[row], self.lines.column_of(error))
            return None
        except FacturierError as error:
            self._show_error(document_error_text(error))
            return None
        self.document_id = document_id
        self._clean = self.state()
        self.saved.emit(document_id)
        self._update_title()
        return document_id

    def _show_error(self, text: str) -> None:
        self._notice = (text, "error")
        self.message.show_message(text)

    def save(self) -> bool:
        """Save the draft and close; False (the dialog stays, nothing lost) when refused."""
        if self.is_read_only() or self.task is not None:
            return False
        data = self.document_input()
        if data is None or self._write(data) is None:
            return False
        self.accept()
        return True

    # --- validating ---------------------------------------------------------------------

    def ask_validate(self) -> bool:
        """Confirm the validation (overridable in tests)."""
        box = QMessageBox(self)
        box.setObjectName("confirmValidateBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Validate"))
        box.setText(self.tr("Validate this document now?"))
        box.setInformativeText(
            self.tr(
                "It gets its final number and its PDF is archived: after that it can no "
                "longer be changed."
            )
        )
        yes = box.addButton(self.tr("Validate"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.exec()
        return box.clickedButton() is yes

    def _add_line_key(self) -> None:
        if not self.is_read_only() and self.task is None:
            self.lines_box.add_line()

    def validate_and_send(self) -> bool:
        """Validate (after the same question), then ask the caller to send the document; a
        document already validated is sent straight away."""
        if self.task is not None:
            return False
        if self.is_read_only():
            if self.document_id is None:
                return False
            self.sendRequested.emit(self.document_id)
            self.accept()
            return True
        self._send_after = True
        if not self.validate():
            self._send_after = False
            return False
        return True

    def validate(self) -> bool:
        """Check, confirm, save, then validate in the background; False when stopped before
        the background work started."""
        if self.is_read_only() or self.task is not None:
            return False
        data = self.document_input()
        if data is None:
            return False
        if not data.lines:
            self._show_error(self.tr("Add at least one line before validating."))
            self.lines_box.focus_cell(0, 0)
            return False
        if not self.ask_validate():
            return False
        document_id = self._write(data)
        if document_id is None:
            return False
        self._set_busy(True)
        db = self.db
        self.task = run_task(
            lambda _context: validate_document(db, document_id),
            on_success=self._validated,
            on_error=self._validation_failed,
            parent=self,
        )
        return True

    def _set_busy(self, busy: bool) -> None:
        widgets: tuple[QWidget, ...] = (
            self.validate_button,
            self.send_button,
            self.save_button,
            self.cancel_button,
            self.header,
            self.mentions,
            self.notes,
            self.lines_box,
        )
        for widget in widgets:
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.message.show_message(
                self.tr("Validating: numbering and archiving the PDF…"), "info"
            )

    def _validated(self, result: DocumentData) -> None:
        self.task = None
        self._set_busy(False)
        self._show_validated(result)
        self._notice = (
            self.tr(
                "Validated: number {number}. Its PDF is archived and the document can no longer be "
                "changed."
            ).format(number=result.number or ""),
            "success",
        )
        self._refresh()
        self.cancel_button.setFocus()  # the busy fields lost it; Enter or Escape closes
        self.saved.emit(result.id)
        self.validated.emit(result.id)
        if self._send_after:
            self._send_after = False
            self.sendRequested.emit(result.id)
            self.accept()

    def _show_validated(self, document: DocumentData) -> None:
        self.document = document
        self.document_id = document.id
        self.lines.set_lines(document.lines)
        self._set_read_only(document)
        self._clean = self.state()

    def _validation_failed(self, error: BaseException) -> None:
        self.task = None
        self._send_after = False
        self._set_busy(False)
        if isinstance(error, ReadOnlyDocumentError) and self.document_id is not None:
            # Validated elsewhere between our save and our validation: show it as it is.
            with contextlib.suppress(FacturierError):
                self._show_validated(get_document(self.db, self.document_id))
            number = str(error.data.get("number", "") or "?")
            self._show_notice(validated_elsewhere_text(number), "info")
            return
        if isinstance(error, FacturierError):
            self._show_error(document_error_text(error))
            return
        if isinstance(error, BaseException):
            traceback.print_exception(error, file=sys.stderr)  # for support, not the user
        self._show_error(
            self.tr(
                "The document could not be validated ({error}). It was saved as a draft: nothing "
                "was lost."
            ).format(error=exception_text(error))
        )

    # --- closing ------------------------------------------------------------------------

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel: what to do with unsaved changes (overridable in tests)."""
        return ask_unsaved(self, self.tr("Save the changes to this document?"))

    def reject(self) -> None:
        """Cancel, Escape or the window's close button: ask first when something changed."""
        if self.task is not None:
            return  # validation under way: it ends by itself in a moment
        if confirm_discard(self.is_dirty(), self.ask_unsaved, self.save):
            super().reject()


def open_document_editor(
    parent: QWidget | None,
    db: Database,
    kind: DocumentKind,
    document_id: int | None = None,
    send: Callable[[int], object] | None = None,
) -> int | None:
    """Open the editor modally (a new document of ``kind`` when ``document_id`` is None);
    the saved or validated document's id, or None when nothing was saved. ``send`` gets the
    document "Validate and send" asked for, once the editor is closed."""
    try:
        dialog = DocumentEditorDialog(db, kind, document_id, parent)
    except NotFoundError:
        QMessageBox.warning(parent, new_title(kind), deleted_document_text())
        return None
    except FacturierError as error:
        QMessageBox.warning(parent, new_title(kind), document_error_text(error))
        return None
    saved: list[int] = []
    to_send: list[int] = []
    dialog.saved.connect(saved.append)
    dialog.sendRequested.connect(to_send.append)
    dialog.exec()
    dialog.deleteLater()
    if to_send and send is not None:
        send(to_send[-1])
    return saved[-1] if saved else (to_send[-1] if to_send else None)
