"""The document editor, driven like a user would: typing into the real lines table, clicking,
keys, the real database; validation runs in the background as in the program."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.kinds import DocumentKind, DocumentStatus
from app.services.catalogue import CatalogItemInput, list_items, save_item
from app.services.clients import ClientData, delete_client, save_client
from app.services.database import Database
from app.services.document_data import LineInput
from app.services.documents import (
    MAX_LINES,
    DocumentInput,
    count_documents,
    ensure_archived_pdf,
    get_document,
    save_draft,
    validate_document,
)
from app.services.settings import update_company
from ui.dialogs import client_picker
from ui.dialogs.catalogue_picker import CataloguePickerDialog
from ui.dialogs.document_editor import DocumentEditorDialog
from ui.models.line_table import LineRow, LineTableModel, parse_number

D = Decimal
DESC, QTY, UNIT, PRICE, VAT, DISC, TOTAL = range(7)
Button = QMessageBox.StandardButton


def eur(text: str) -> str:
    """French money as format_amount writes it: "1 234,56 €" with no-break spaces."""
    return text.replace(" ", "\u202f") + "\u00a0€"


@pytest.fixture
def client_id(db: Database) -> int:
    update_company(
        db, name="Atelier Dupont", siren="732829320", city="Lyon", payment_terms="À 30 jours."
    )
    save_client(db, ClientData(name="Garage Martin", city="Lyon"))
    return save_client(db, ClientData(name="Boulangerie Éclair", city="Villeurbanne"))


def open_editor(
    qtbot: QtBot,
    db: Database,
    kind: DocumentKind = DocumentKind.QUOTE,
    document_id: int | None = None,
) -> DocumentEditorDialog:
    dialog = DocumentEditorDialog(db, kind, document_id)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _discard(dialog: QWidget) -> None:
    """At teardown, never block on the unsaved-changes prompt."""
    dialog.ask_unsaved = lambda: Button.Discard  # type: ignore[attr-defined]


def open_cell(dialog: DocumentEditorDialog) -> QWidget | None:
    editors = [e for e in dialog.lines_box.delegate.open_editors if e.isVisible()]
    return editors[-1] if editors else None


def cell_editor(dialog: DocumentEditorDialog) -> QWidget:
    editor = open_cell(dialog)
    assert editor is not None, "no cell editor is open"
    return editor


def start_editing(dialog: DocumentEditorDialog, row: int, column: int) -> QWidget:
    """Open a cell's editor, as a double-click would."""
    index = dialog.lines.index(row, column)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    return cell_editor(dialog)


def type_in(qtbot: QtBot, editor: QWidget, text: str) -> None:
    """Replace the editor's text by typing; text outside ASCII is inserted as an input
    method would (QTest cannot synthesize every character). A newline is the Enter key."""
    if isinstance(editor, QComboBox):
        qtbot.keyClicks(editor, text)
        return
    if isinstance(editor, (QLineEdit, QPlainTextEdit)):
        editor.selectAll()
        if not text:
            qtbot.keyClick(editor, Qt.Key.Key_Delete)
    for number, part in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        if part.isascii():
            qtbot.keyClicks(editor, part)
        elif isinstance(editor, QLineEdit):
            editor.insert(part)
        elif isinstance(editor, QPlainTextEdit):
            editor.insertPlainText(part)


def tab(qtbot: QtBot, dialog: DocumentEditorDialog) -> QWidget | None:
    """Tab: commit the cell and go on to the next one (its editor opens when editable)."""
    qtbot.keyClick(cell_editor(dialog), Qt.Key.Key_Tab)
    return open_cell(dialog)


def type_row(qtbot: QtBot, dialog: DocumentEditorDialog, row: int, *values: str) -> None:
    """Type a whole row from its description, Tab after Tab, like a user:
    description, quantity, unit, unit price, VAT (keys typed in the list), discount."""
    editor: QWidget | None = start_editing(dialog, row, DESC)
    for value in values:
        assert editor is not None
        type_in(qtbot, editor, value)
        editor = tab(qtbot, dialog)
    if editor is not None:  # the rest of the row keeps its values
        dialog.lines_box.commit_open_editors()


def type_cell(qtbot: QtBot, dialog: DocumentEditorDialog, row: int, column: int, text: str) -> None:
    editor = start_editing(dialog, row, column)
    type_in(qtbot, editor, text)
    if isinstance(editor, QLineEdit):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
        dialog.lines_box.commit_open_editors()
    qtbot.waitUntil(lambda: open_cell(dialog) is None)


def add_line(qtbot: QtBot, dialog: DocumentEditorDialog) -> int:
    """Click "Add a line": the new row's description editor opens at once."""
    qtbot.mouseClick(dialog.lines_box.add_button, Qt.MouseButton.LeftButton)
    assert isinstance(cell_editor(dialog), QPlainTextEdit)
    dialog.lines_box.commit_open_editors()
    return dialog.lines.rowCount() - 1


def pick_client(qtbot: QtBot, dialog: DocumentEditorDialog, search: str) -> None:
    """Type part of the name, then choose the first proposal with the keyboard."""
    line = dialog.picker.line_edit()
    line.setFocus()
    qtbot.keyClicks(line, search)
    popup = dialog.picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.picker.client_id() is not None)


def shown(dialog: DocumentEditorDialog, row: int, column: int) -> str:
    return str(dialog.lines.index(row, column).data(Qt.ItemDataRole.DisplayRole))


def totals(dialog: DocumentEditorDialog) -> tuple[str, str, str]:
    t = dialog.totals
    return t.excl.text(), t.vat.text(), t.incl.text()


def type_quote(qtbot: QtBot, dialog: DocumentEditorDialog) -> None:
    """Three lines at two VAT rates; the first description on two lines."""
    type_row(qtbot, dialog, 0, "Pose de carrelage\nSalle de bains", "12,5", "m²", "48,90", "1")
    add_line(qtbot, dialog)
    type_row(qtbot, dialog, 1, "Déplacement", "1", "forfait", "35")
    add_line(qtbot, dialog)
    type_row(qtbot, dialog, 2, "Fournitures", "3", "u", "19.99", "", "10")


def when_modal(qtbot: QtBot, act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the next modal dialog once it is shown (exec() blocks the test)."""

    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible():
            QTimer.singleShot(10, attempt)
            return
        act(widget)

    QTimer.singleShot(0, attempt)


# --- the "done when" scenario -------------------------------------------------------------


def test_quote_typed_in_the_table_totals_saved_validated_and_reopened_read_only(
    qtbot: QtBot, db: Database, client_id: int
) -> None:
    dialog = open_editor(qtbot, db)
    assert dialog.objectName() == "documentEditorDialog"
    assert dialog.table.objectName() == "linesTable"
    assert dialog.windowTitle() == "New quote"
    assert dialog.terms.toPlainText() == "À 30 jours."  # the company's terms
    assert dialog.dates.check.text() == "Valid until" and dialog.dates.check.isChecked()

    pick_client(qtbot, dialog, "eclair")  # accents and case ignored
    assert dialog.picker.client_id() == client_id
    assert dialog.picker.client_text() == "Boulangerie Éclair — Villeurbanne"
    type_quote(qtbot, dialog)

    assert dialog.lines.row(0).description == "Pose de carrelage\nSalle de bains"
    assert [shown(dialog, 0, c) for c in (QTY, UNIT, PRICE, VAT, TOTAL)] == [
        "12,5",
        "m²",
        "48,90",
        "10\u00a0%",
        eur("611,25"),
    ]
    assert [shown(dialog, 2, c) for c in (PRICE, VAT, DISC, TOTAL)] == [
        "19,99",
        "20\u00a0%",
        "10\u00a0%",
        eur("53,97"),
    ]
    amount = dialog.lines.index(0, TOTAL).data(Qt.ItemDataRole.TextAlignmentRole)
    assert amount & Qt.AlignmentFlag.AlignRight
    # 611.25 at 10 %; 35.00 + 53.97 = 88.97 at 20 %: VAT 61.13 + 17.79
    assert dialog.totals.rate_lines() == [
        f"VAT 20\u00a0% on {eur('88,97')}: {eur('17,79')}",
        f"VAT 10\u00a0% on {eur('611,25')}: {eur('61,13')}",
    ]
    assert totals(dialog) == (eur("700,22"), eur("78,92"), eur("779,14"))
    assert dialog.problem_message() == ""

    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    document_id = saved.args[0]
    stored = get_document(db, document_id)
    assert stored.status == DocumentStatus.DRAFT and stored.number is None
    assert (stored.total_excl, stored.total_vat, stored.total_incl) == (
        D("700.22"),
        D("78.92"),
        D("779.14"),
    )
    assert stored.lines[0] == LineInput(
        "Pose de carrelage\nSalle de bains", D("12.5"), D("48.90"), D("10"), "m²"
    )
    assert stored.validity_date is not None and stored.payment_terms == "À 30 jours."

    # Reopen the draft and validate it.
    dialog = open_editor(qtbot, db, DocumentKind.QUOTE, document_id)
    assert dialog.windowTitle() == "Quote (draft) – Boulangerie Éclair"
    assert totals(dialog) == (eur("700,22"), eur("78,92"), eur("779,14"))
    asked: list[bool] = []
    dialog.ask_validate = lambda: asked.append(True) or True  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.validated, timeout=30_000) as validated:
        qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    assert validated.args == [document_id]
    number = f"D-{stored.issue_date.year}-0001"
    assert number in dialog.problem_message()
    assert dialog.windowTitle() == f"Quote {number} – Boulangerie Éclair"
    assert dialog.is_read_only() and dialog.validate_button.isHidden()
    final = get_document(db, document_id)
    assert final.number == number and final.pdf_sha256 is not None
    assert ensure_archived_pdf(db, document_id).startswith(b"%PDF")

    # Opened again: read-only, number in the title.
    dialog = open_editor(qtbot, db, DocumentKind.QUOTE, document_id)
    assert number in dialog.windowTitle()
    assert dialog.save_button.isHidden() and dialog.validate_button.isHidden()
    assert dialog.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not dialog.lines.flags(dialog.lines.index(0, DESC)) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.picker.combo.isEnabled() and dialog.dates.issue.isReadOnly()
    assert dialog.notes.isReadOnly() and dialog.lines_box.add_button.isHidden()
    assert "can no longer be changed" in dialog.problem_message()
    assert totals(dialog) == (eur("700,22"), eur("78,92"), eur("779,14"))
    dialog.table.edit(dialog.lines.index(0, PRICE))
    assert open_cell(dialog) is None
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # "Close", no question
    assert not dialog.isVisible()


def test_totals_follow_the_keyboard_before_the_cell_is_left(
    qtbot: QtBot, db: Database, client_id: int
) -> None:
    dialog = open_editor(qtbot, db, DocumentKind.INVOICE)
    type_row(qtbot, dialog, 0, "Conseil", "2")
    assert dialog.problem_message() == ""  # the missing price is only said on Save
    editor = start_editing(dialog, 0, PRICE)
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "1234,5")
    assert totals(dialog) == (eur("2 469,00"), eur("493,80"), eur("2 962,80"))
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert totals(dialog)[0] == eur("2 468,00")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # cancelled: the totals come back
    assert totals(dialog) == (eur("0,00"), eur("0,00"), eur("0,00"))


def test_vat_exempt_company_every_line_at_zero_and_said(
    qtbot: QtBot, db: Database, client_id: int
) -> None:
    update_company(db, vat_exempt=True)
    dialog = open_editor(qtbot, db, DocumentKind.INVOICE)
    assert dialog.lines_box.exempt_label.isVisible()
    assert dialog.totals.exempt_label.text() == "VAT not applicable, art. 293 B of the CGI"
    assert dialog.totals.exempt_label.isVisible() and not dialog.totals.vat.isVisible()
    pick_client(qtbot, dialog, "garage")
    type_row(qtbot, dialog, 0, "Réparation", "3", "h", "45")
    assert shown(dialog, 0, VAT) == "0\u00a0%"
    assert not dialog.lines.flags(dialog.lines.index(0, VAT)) & Qt.ItemFlag.ItemIsEditable
    assert totals(dialog) == (eur("135,00"), eur("0,00"), eur("135,00"))
    assert dialog.totals.rate_lines() == []
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = get_document(db, saved.args[0])
    assert stored.lines[0].vat_rate == 0 and stored.total_incl == D("135.00")
    assert stored.due_date is not None  # an invoice's due date, ticked by default


@pytest.mark.parametrize(
    ("kind", "title", "second_date", "ticked"),
    [
        (DocumentKind.INVOICE, "New invoice", "Due date", True),
        (DocumentKind.CREDIT_NOTE, "New credit note", "Due date", False),
        (DocumentKind.QUOTE, "New quote", "Valid until", True),
        (DocumentKind.ORDER, "New order", "Delivery date", False),
        (DocumentKind.DELIVERY, "New delivery note", "Delivery date", True),
    ],
)
def test_each_kind_has_its_date(
    qtbot: QtBot,
    db: Database,
    client_id: int,
    kind: DocumentKind,
    title: str,
    second_date: str,
    ticked: bool,
) -> None:
    dialog = open_editor(qtbot, db, kind)
    assert dialog.windowTitle() == title
    assert dialog.dates.check.text() == second_date
    assert dialog.dates.check.isChecked() == ticked
    assert dialog.dates.other.isEnabled() == ticked
    # The second date follows the document date until it is set by hand.
    before = dialog.dates.other.date()
    dialog.dates.issue.setDate(dialog.dates.issue.date().addDays(3))
    assert dialog.dates.other.date() == before.addDays(3)
    dialog.dates.other.setDate(before)
    dialog.dates.issue.setDate(dialog.dates.issue.date().addDays(1))
    assert dialog.dates.other.date() == before


# --- bad input: a message, the faulty place focused, nothing lost ----------------------------


def test_bad_numbers_are_marked_as_typed_and_refused_on_save(
    qtbot: QtBot, db: Database, client_id: int
) -> None:
    dialog = open_editor(qtbot, db)
    pick_client(qtbot, dialog, "eclair")
    type_row(qtbot, dialog, 0, "Pose", "1", "m²", "10")

    editor = start_editing(dialog, 0, QTY)
    type_in(qtbot, editor, "-2")
    assert editor.property("invalid") is True
    assert dialog.problem_message() == (
        "Line 1: The quantity must be more than 0 and at most 1\u202f000\u202f000\u202f000."
    )
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: open_cell(dialog) is None)
    assert shown(dialog, 0, QTY) == "-2"  # kept as typed, marked
    assert dialog.lines.index(0, QTY).data(Qt.ItemDataRole.DecorationRole) is not None
    assert shown(dialog, 0, TOTAL) == "—"

    type_cell(qtbot, dialog, 0, PRICE, "5000000000")
    assert "The unit price must be between 0 and 1\u202f000\u202f000\u202f000,00" in (
        dialog.lines.index(0, PRICE).data(Qt.ItemDataRole.ToolTipRole)
    )
    assert "(and 1 other problem)" not in dialog.problem_message()  # one problem per line

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and count_documents(db) == 0
    assert dialog.table.currentIndex().row() == 0
    assert dialog.table.currentIndex().column() == QTY
    assert dialog.problem_message().startswith("Line 1: The quantity must be more than 0")

    type_cell(qtbot, dialog, 0, QTY, "1,23456")
    assert "The quantity has at most 4 decimals." in dialog.problem_message()
    type_cell(qtbot, dialog, 0, QTY, "abc")
    assert "“abc” is not a number" in dialog.problem_message()
    type_cell(qtbot, dialog, 0, QTY, "2")
    assert "The unit price must be between 0" in dialog.problem_message()
    type_cell(qtbot, dialog, 0, PRICE, "1 234,5")  # French spaces and comma
    type_cell(qtbot, dialog, 0, DISC, "150")
    assert "The discount must be between 0 and 100" in dialog.problem_message()
    type_cell(qtbot, dialog, 0, DISC, "")
    assert dialog.problem_message() == ""
    assert shown(dialog, 0, PRICE) == "1\u202f234,50"
    assert totals(dialog)[0] == eur("2 469,00")

    # A line with amounts but no description: refused, the description cell focused.
    add_line(qtbot, dialog)
    type_cell(qtbot, dialog, 1, PRICE, "12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert count_documents(db) == 0
    assert dialog.problem_message() == "Line 2: Type a description of the product or service."
    assert (dialog.table.currentIndex().row(), dialog.table.currentIndex().column()) == (1, 0)

    # An empty line added by mistake is simply left out.
    type_cell(qtbot, dialog, 1, DESC, "Joints")
    add_line(qtbot, dialog)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    lines = get_document(db, saved.args[0]).lines
    assert [line.description for line in lines] == ["Pose", "Joints"]
    assert lines[0].quantity == D("2") and lines[0].unit_price == D("1234.5")


def test_no_client_chosen_is_said_and_focused(qtbot: QtBot, db: Database, client_id: int) -> None:
    dialog = open_editor(qtbot, db)
    type_row(qtbot, dialog, 0, "Pose", "1", "m²", "10")
    qtbot.keyClicks(dialog.picker.line_edit(), "nobody")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and count_documents(db) == 0
    assert dialog.problem_message().startswith("Choose the client")
    assert dialog.picker.client_text() == "nobody"  # kept


def test_text_that_names_one_client_chooses_it(qtbot: QtBot, db: Database, client_id: int) -> None:
    dialog = open_editor(qtbot, db)
    line = dialog.picker.line_edit()
    qtbot.keyClicks(line, "villeur")  # the city is searched too
    popup = dialog.picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # close the proposals
    assert dialog.picker.client_id() is None
    qtbot.keyClick(line, Qt.Key.Key_Return)  # as leaving the field does
    assert dialog.picker.client_id() == client_id
    assert dialog.picker.client_text() == "Boulangerie Éclair — Villeurbanne"
    assert dialog.isVisible()  # Enter does not save and close the document


def test_client_deleted_meanwhile_then_a_new_client(
    qtbot: QtBot, db: Database, client_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    doomed = save_client(db, ClientData(name="Café Fugace", city="Lyon"))
    dialog = open_editor(qtbot, db, DocumentKind.ORDER)
    pick_client(qtbot, dialog, "fugace")
    type_row(qtbot, dialog, 0, "Café en grains", "10", "kg", "18,50", "5")
    rows = dialog.lines.rows()
    delete_client(db, doomed)  # elsewhere, meanwhile

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and count_documents(db) == 0
    assert dialog.problem_message().startswith("The client “Café Fugace” no longer exists")
    assert dialog.lines.rows() == rows  # nothing lost
    assert dialog.picker.client_id() is None

    def create(parent: QWidget | None, db_: Database, client: int | None) -> int:
        assert client is None
        return save_client(db_, ClientData(name="Café Durable", city="Lyon"))

    monkeypatch.setattr(client_picker, "open_client_editor", create)
    qtbot.mouseClick(dialog.picker.new_button, Qt.MouseButton.LeftButton)
    assert dialog.picker.client_text() == "Café Durable — Lyon"
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = get_document(db, saved.args[0])
    assert stored.client_name == "Café Durable" and stored.lines[0].vat_rate == D("5.5")
    assert stored.kind == DocumentKind.ORDER and stored.delivery_date is None


def test_validated_elsewhere_meanwhile_keeps_what_was_typed(
    qtbot: QtBot, db: Database, client_id: int
) -> None:
    line = LineInput("Pose", D("1"), D("10"), D("20"))
    document_id = save_draft(
        db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 11, 20), (line,))
    )
    dialog = open_editor(qtbot, db, DocumentKind.INVOICE, document_id)
    type_cell(qtbot, dialog, 0, DESC, "Pose soignée")
    validate_document(db, document_id)  # another workstation

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    message = dialog.problem_message()
    assert "validated elsewhere meanwhile (number F-2026-0001)" in message
    assert dialog.lines.row(0).description == "Pose soignée"
    with qtbot.waitSignal(dialog.saved) as saved:  # Save again: a new draft
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0] != document_id
    assert get_document(db, saved.args[0]).lines[0].description == "Pose soignée"
    assert get_document(db, document_id).lines[0].description == "Pose"


def test_validating_without_lines_is_refused(qtbot: QtBot, db: Database, client_id: int) -> None:
    dialog = open_editor(qtbot, db)
    pick_client(qtbot, dialog, "eclair")
    dialog.ask_validate = lambda: pytest.fail("asked")  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    assert dialog.problem_message() == "Add at least one line before validating."
    assert count_documents(db) == 0


def test_unsaved_changes_are_asked_about(qtbot: QtBot, db: Database, client_id: int) -> None:
    dialog = open_editor(qtbot, db)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert not dialog.isVisible()

    dialog = open_editor(qtbot, db)
    type_cell(qtbot, dialog, 0, DESC, "Pose")
    answers = [Button.Cancel, Button.Discard]
    dialog.ask_unsaved = lambda: answers.pop(0)  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.lines.row(0).description == "Pose"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and count_documents(db) == 0


def test_no_more_lines_than_a_document_holds(qtbot: QtBot, db: Database, client_id: int) -> None:
    dialog = open_editor(qtbot, db)
    rows = [LineRow(f"Article {n}", "1", "", "1") for n in range(MAX_LINES)]
    dialog.lines.set_rows(rows)
    assert not dialog.lines_box.add_button.isEnabled()
    assert not dialog.lines_box.catalogue_button.isEnabled()
    assert dialog.lines_box.add_line() == -1 and dialog.lines.rowCount() == MAX_LINES
    assert totals(dialog)[0] == eur("500,00")


# --- lines: order, catalogue ----------------------------------------------------------------


def test_lines_move_and_are_removed(qtbot: QtBot, db: Database, client_id: int) -> None:
    dialog = open_editor(qtbot, db)
    for row, text in enumerate(["A", "B", "C"]):
        if row:
            add_line(qtbot, dialog)
        type_row(qtbot, dialog, row, text, "1", "", "1")
    box = dialog.lines_box
    box.select_row(2)
    qtbot.mouseClick(box.up_button, Qt.MouseButton.LeftButton)
    assert [r.description for r in dialog.lines.rows()] == ["A", "C", "B"]
    assert dialog.table.currentIndex().row() == 1
    qtbot.mouseClick(box.up_button, Qt.MouseButton.LeftButton)
    assert not box.up_button.isEnabled()
    qtbot.mouseClick(box.down_button, Qt.MouseButton.LeftButton)
    assert [r.description for r in dialog.lines.rows()] == ["A", "C", "B"]
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert [r.description for r in dialog.lines.rows()] == ["A", "B"]
    assert totals(dialog)[0] == eur("2,00")


def test_a_catalogue_item_fills_a_line_and_a_line_goes_to_the_catalogue(
    qtbot: QtBot, db: Database, client_id: int
) -> None:
    save_item(
        db,
        CatalogItemInput(
            "Entretien chaudière", D("120"), D("10"), "Visite annuelle\nPièces en sus", "forfait"
        ),
    )
    save_item(db, CatalogItemInput("Ramonage", D("70"), D("20")))
    dialog = open_editor(qtbot, db)

    def choose(widget: QWidget) -> None:
        assert isinstance(widget, CataloguePickerDialog)
        assert widget.table.rowCount() == 2
        qtbot.keyClicks(widget.search, "chaud")
        assert widget.table.rowCount() == 1
        qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, choose)
    qtbot.mouseClick(dialog.lines_box.catalogue_button, Qt.MouseButton.LeftButton)
    assert dialog.lines.rowCount() == 1  # the empty first line was filled
    row = dialog.lines.row(0)
    assert row.description == "Entretien chaudière\nVisite annuelle\nPièces en sus"
    assert (row.unit, shown(dialog, 0, PRICE), shown(dialog, 0, VAT)) == (
        "forfait",
        "120,00",
        "10\u00a0%",
    )
    assert totals(dialog) == (eur("120,00"), eur("12,00"), eur("132,00"))

    add_line(qtbot, dialog)
    type_row(qtbot, dialog, 1, "Pose de carrelage\nGrès 60×60", "12,5", "m²", "48,90", "1")
    dialog.lines_box.select_row(1)
    qtbot.mouseClick(dialog.lines_box.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.problem_message() == "“Pose de carrelage” is now in the catalogue."
    kept = list_items(db, "carrelage")
    assert [(i.label, i.description, i.unit, i.unit_price, i.vat_rate) for i in kept] == [
        ("Pose de carrelage", "Grès 60×60", "m²", D("48.90"), D("10"))
    ]


# --- parsing what users type ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        (" 1 234,56 € ", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        (",5", "0.5"),
        ("10 %", "10"),
        ("-2", "-2"),
    ],
)
def test_numbers_are_read_as_french_or_english_users_type_them(text: str, value: str) -> None:
    assert parse_number(text) == D(value)


@pytest.mark.parametrize("text", ["abc", "1e5", "NaN", "Infinity", "1,2,3", "1.2.3", "", "12,5x"])
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_model_columns() -> None:
    model = LineTableModel()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert titles == [
        "Description",
        "Quantity",
        "Unit",
        "Unit price excl. VAT",
        "VAT",
        "Discount",
        "Total excl. VAT",
    ]
