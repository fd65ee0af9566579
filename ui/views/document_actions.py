"""What the user does with the report's current document: new, open, duplicate, convert,
credit note, payments, "en litige", recurrence, delete a draft, preview the PDF, open the
client.

The actions live here, not in the report view, so the view stays about finding and
ticking documents; the main window puts the same actions in its Document menu.

Dialogs are imported where they open (lazy): the window's first paint does not wait for
them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton, QWidget

from app.domain.kinds import DocumentKind, DocumentStatus, credit_kind_for, kind_spec
from app.errors import FacturierError
from app.services.database import Database
from app.services.deposits import create_deposit, create_final
from app.services.document_actions import (
    allowed_conversions,
    convert_document,
    create_credit_note,
    delete_draft,
    duplicate_document,
    mark_unpaid,
    set_disputed,
)
from app.services.reports import ReportRow
from ui.document_problems import document_problem
from ui.registry_text import kind_title
from ui.tasks import Task, run_task

# The kinds whose invoicing may go through deposit invoices, then a final invoice.
DEPOSIT_SOURCES = (DocumentKind.QUOTE, DocumentKind.ORDER)


class DocumentActions(QObject):
    """The actions on one document of a report; ``current`` tells which row is current."""

    documentsChanged = Signal()  # something was created or changed: reread the report
    documentCreated = Signal(int)  # a new draft, to select in the report
    sendRequested = Signal(int)  # the editor's "Validate and send": open its batch dialog

    def __init__(
        self,
        db: Database,
        current: Callable[[], ReportRow | None],
        kind: Callable[[], DocumentKind],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._current = current
        self._kind = kind
        self._parent = parent

        def action(name: str, text: str, slot: Callable[[], object], key: str = "") -> QAction:
            made = QAction(text, parent)
            made.setObjectName(name)
            if key:
                made.setShortcut(QKeySequence(key))
                # The whole window: focus may be in the navigation; hidden report = disabled.
                made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            made.triggered.connect(slot)
            return made

        self.new_action = action("newDocumentAction", self.tr("&New…"), self.new_document, "Ctrl+N")
        self.edit_action = action(
            "editDocumentAction", self.tr("&Open…"), self.edit_current, "Ctrl+O"
        )
        self.duplicate_action = action(
            "duplicateDocumentAction", self.tr("D&uplicate"), self.duplicate_current, "Ctrl+D"
        )
        self.convert_action = action("convertDocumentAction", self.tr("&Convert to"), self.convert)
        self._targets: tuple[DocumentKind, ...] = ()
        self.convert_menu = QMenu(parent)
        self.convert_menu.setObjectName("convertMenu")
        self.convert_action.setMenu(self.convert_menu)
        self._invoicing = False  # the menu ends with the deposit and final invoice actions
        self.deposit_action = action(
            "depositInvoiceAction", self.tr("Deposit invoice…"), lambda: self.deposit()
        )
        self.deposit_action.setToolTip(
            self.tr("An invoice for a percentage or an amount of this document, paid in advance")
        )
        self.final_action = action(
            "finalInvoiceAction", self.tr("Final invoice"), lambda: self.final_invoice()
        )
        self.final_action.setToolTip(
            self.tr("The invoice of the whole document, less the deposit invoices")
        )
        self.credit_note_action = action(
            "creditNoteAction", self.tr("Cancel with a credit &note…"), self.credit_note
        )
        # The payments dialog: partial payments, or "Paid in full" for what is left.
        self.paid_action = action("markPaidAction", self.tr("&Payments…"), self.mark_paid)
        self.paid_action.setToolTip(
            self.tr("Record a payment received, or mark the invoice paid in full")
        )
        self.unpaid_action = action("markUnpaidAction", self.tr("Mark as unpaid"), self.unpaid)
        self.disputed_action = action(
            "disputedAction", self.tr("In di&spute"), lambda: self.set_disputed()
        )
        self.disputed_action.setCheckable(True)
        self.disputed_action.setToolTip(
            self.tr("The client disputes this invoice: no payment reminder goes for it")
        )
        self.disputed_task: Task[None, None] | None = None
        self.recurrence_action = action(
            "recurrenceAction", self.tr("&Recurrence…"), lambda: self.recurrence()
        )
        self.recurrence_action.setToolTip(
            self.tr("Make this invoice again every month, quarter or year")
        )
        self.delete_action = action("deleteDraftAction", self.tr("&Delete draft"), self.delete)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # table only
        self.preview_action = action(
            "previewDocumentAction", self.tr("Pre&view PDF…"), self.preview, "Ctrl+Shift+P"
        )
        self.client_action = action("documentClientAction", self.tr("C&lient…"), self.client)
        self.new_action.setToolTip(self.tr("A new draft of this kind (Ctrl+N)"))
        self.edit_action.setToolTip(self.tr("Open the current document (Enter, Ctrl+O)"))
        self.preview_action.setToolTip(self.tr("See, print or save the document's PDF"))

    def row_actions(self) -> list[QAction]:
        """The actions of the row context menu, in order."""
        return [
            self.edit_action,
            self.preview_action,
            self.duplicate_action,
            self.convert_action,
            self.credit_note_action,
            self.paid_action,
            self.unpaid_action,
            self.disputed_action,
            self.recurrence_action,
            self.delete_action,
            self.client_action,
        ]

    # --- state ---------------------------------------------------------------------------

    def shortcut_actions(self) -> list[QAction]:
        """The actions whose shortcuts work anywhere in the report (add them to it)."""
        return [self.new_action, self.edit_action, self.duplicate_action, self.preview_action]

    def update(self) -> None:
        """Enable what makes sense for the current row (and fill the Convert menu)."""
        row = self._current()
        self.new_action.setEnabled(not self._parent.isHidden())  # another page is shown
        validated = row is not None and row.status == DocumentStatus.VALIDATED
        spec = kind_spec(row.kind) if row is not None else None
        payable = spec is not None and spec.payable
        creditable = row is not None and credit_kind_for(row.kind) is not None
        for one in (self.edit_action, self.preview_action, self.client_action):
            one.setEnabled(row is not None)
        self.duplicate_action.setEnabled(spec is not None and spec.duplicable)
        targets = allowed_conversions(row.kind) if row is not None and validated else ()
        invoicing = validated and row is not None and row.kind in DEPOSIT_SOURCES
        # never empty the menu under the user's cursor
        if targets != self._targets or invoicing != self._invoicing:
            self._targets, self._invoicing = targets, invoicing
            self.convert_menu.clear()
            for target in targets:
                item = self.convert_menu.addAction(kind_title(target))
                item.setObjectName(f"convertTo_{target}")
                item.triggered.connect(lambda _=False, t=target: self.convert_to(t))
            if invoicing:
                self.convert_menu.addSeparator()
                self.convert_menu.addAction(self.deposit_action)
                self.convert_menu.addAction(self.final_action)
        self.deposit_action.setEnabled(invoicing)
        self.final_action.setEnabled(invoicing)
        self.convert_action.setEnabled(bool(targets) or invoicing)
        cancelled = row is not None and row.cancelled
        self.credit_note_action.setEnabled(creditable and validated and not cancelled)
        paid = row is not None and row.paid_on is not None
        self.paid_action.setEnabled(payable and validated)
        self.unpaid_action.setEnabled(payable and paid)
        self.disputed_action.setEnabled(payable and validated and self.disputed_task is None)
        self.disputed_action.setChecked(row is not None and payable and row.disputed)
        self.recurrence_action.setEnabled(payable)  # any invoice, draft or validated
        self.delete_action.setEnabled(row is not None and row.status == DocumentStatus.DRAFT)

    # --- the actions -------------------------------------------------------------------------

    def new_document(self) -> int | None:
        return self._edit(self._kind(), None)

    def edit_current(self) -> int | None:
        row = self._current()
        return None if row is None else self._edit(row.kind, row.id)

    def duplicate_current(self) -> int | None:
        row = self._current()
        if row is None:
            return None
        return self._created(lambda: duplicate_document(self.db, row.id), row.kind)

    def convert(self) -> int | None:
        """The Convert action itself: the only target directly, else the menu."""
        row = self._current()
        if row is None:
            return None
        targets = allowed_conversions(row.kind)
        if len(targets) == 1 and not self._invoicing:
            return self.convert_to(targets[0])
        buttons = [w for w in self.convert_action.associatedObjects() if isinstance(w, QToolButton)]
        shown = [b for b in buttons if b.isVisible()]
        anchor = shown[0] if shown else self._parent
        where = anchor.rect().bottomLeft() if shown else anchor.rect().center()
        self.convert_menu.popup(anchor.mapToGlobal(where))  # under the toolbar button
        return None

    def convert_to(self, target: DocumentKind) -> int | None:
        row = self._current()
        if row is None:
            return None
        return self._created(lambda: convert_document(self.db, row.id, target), target)

    def deposit(self) -> int | None:
        """Ask for the deposit's percentage or amount, then open its invoice draft."""
        row = self._current()
        if row is None or row.kind not in DEPOSIT_SOURCES:
            return None
        from ui.dialogs.deposit import DepositDialog  # lazy: see the docstring

        dialog = DepositDialog(row.number or "", self._parent)
        accepted = dialog.exec() == DepositDialog.DialogCode.Accepted
        percent, amount = dialog.choice()
        dialog.deleteLater()
        if not accepted:
            return None
        return self._created(
            lambda: create_deposit(self.db, row.id, percent=percent, amount=amount),
            DocumentKind.INVOICE,
        )

    def final_invoice(self) -> int | None:
        """The final invoice's draft: the document's lines less its deposit invoices."""
        row = self._current()
        if row is None or row.kind not in DEPOSIT_SOURCES:
            return None
        return self._created(lambda: create_final(self.db, row.id), DocumentKind.INVOICE)

    def credit_note(self) -> int | None:
        row = self._current()
        credit_kind = credit_kind_for(row.kind) if row is not None else None
        if row is None or credit_kind is None:
            return None
        question = self.tr(
            "Make a credit note that cancels invoice {number}? It opens as a draft with the "
            "invoice's lines: remove what should not be credited, then validate it."
        ).format(number=row.number or "")
        if not self._confirm(question):
            return None
        return self._created(lambda: create_credit_note(self.db, row.id), credit_kind)

    def mark_paid(self) -> bool:
        """The payments dialog (modal); whether a payment was recorded or removed."""
        row = self._current()
        if row is None:
            return False
        from ui.dialogs.payments import PaymentsDialog  # lazy: see the docstring

        dialog = PaymentsDialog(self.db, row.id, row.number or "", self._parent)
        dialog.exec()
        changed = dialog.changed
        dialog.deleteLater()
        if changed:
            self.documentsChanged.emit()
        return changed

    def set_disputed(self, disputed: bool | None = None) -> Task[None, None] | None:
        """Mark the current invoice "en litige" or not (default: as the action is now
        checked), in the background; its waiting reminders are withdrawn."""
        row = self._current()
        if row is None or self.disputed_task is not None:
            return None
        wanted = self.disputed_action.isChecked() if disputed is None else disputed
        db, document_id = self.db, row.id

        def done(_result: None) -> None:
            self.disputed_task = None
            self.update()
            self.documentsChanged.emit()

        def failed(error: BaseException) -> None:
            self.disputed_task = None
            self.update()
            if not isinstance(error, FacturierError):
                raise error
            self._warn(document_problem(error))
            self.documentsChanged.emit()  # the action shows the stored state again

        self.disputed_action.setEnabled(False)
        self.disputed_task = run_task(
            lambda _context: set_disputed(db, document_id, wanted),
            on_success=done,
            on_error=failed,
            parent=self,
        )
        return self.disputed_task

    def recurrence(self) -> bool:
        """The recurrence dialog (modal) for the current invoice; whether it was changed."""
        row = self._current()
        if row is None or not kind_spec(row.kind).payable:
            return False
        from ui.dialogs.recurrence import open_recurrence  # lazy: see the docstring

        return open_recurrence(self._parent, self.db, row.id, row.number or self.tr("draft"))

    def unpaid(self) -> bool:
        row = self._current()
        return row is not None and self._change(lambda: mark_unpaid(self.db, row.id))

    def delete(self) -> bool:
        row = self._current()
        if row is None or row.status != DocumentStatus.DRAFT:
            return False
        question = self.tr("Delete this draft ({kind}, {client})? This cannot be undone.").format(
            kind=kind_title(row.kind), client=row.client_name
        )
        return self._confirm(question) and self._change(lambda: delete_draft(self.db, row.id))

    def preview(self) -> None:
        row = self._current()
        if row is not None:
            # lazy: the PDF renderer (pypdfium2) costs 0.12 s at start-up, before any preview
            from ui.dialogs.pdf_preview import open_pdf_preview

            open_pdf_preview(
                self._parent,
                self.db,
                row.id,
                send=self.sendRequested.emit,  # its "Validate and send"
                changed=self.documentsChanged.emit,
            )
            self.documentsChanged.emit()  # a validated document may just have been archived

    def client(self) -> None:
        from ui.dialogs.client_editor import open_client_editor  # lazy: see the docstring

        row = self._current()
        if row is not None and open_client_editor(self._parent, self.db, row.client_id):
            self.documentsChanged.emit()

    # --- helpers -------------------------------------------------------------------------

    def _edit(self, kind: DocumentKind, document_id: int | None) -> int | None:
        from ui.dialogs.document_editor import open_document_editor  # lazy: see the docstring

        to_send: list[int] = []
        saved = open_document_editor(self._parent, self.db, kind, document_id, to_send.append)
        if saved is not None:
            self.documentsChanged.emit()
            if document_id is None:
                self.documentCreated.emit(saved)
        for sent_id in to_send:
            self.sendRequested.emit(sent_id)
        return saved

    def _created(self, make: Callable[[], int], kind: DocumentKind) -> int | None:
        """Run an action that makes a new draft, then open that draft in the editor."""
        try:
            new_id = make()
        except FacturierError as error:
            self._warn(document_problem(error))
            return None
        self.documentsChanged.emit()
        self.documentCreated.emit(new_id)
        self._edit(kind, new_id)
        return new_id

    def _change(self, change: Callable[[], None]) -> bool:
        try:
            change()
        except FacturierError as error:
            self._warn(document_problem(error))
            self.documentsChanged.emit()  # what was wrong may be a change made elsewhere
            return False
        self.documentsChanged.emit()
        return True

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self._parent, self.tr("Facturier"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Facturier"), text, parent=self._parent)
        box.setObjectName("documentActionErrorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
