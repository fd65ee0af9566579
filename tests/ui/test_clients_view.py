"""The address book view in the main window, on a real database with demo data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.kinds import ContactKind
from app.services.clients import (
    ClientData,
    ClientSummary,
    ContactData,
    fold,
    list_clients,
    save_client,
)
from app.services.database import Database, open_database
from app.services.demo import fill_demo
from ui.dialogs.client_editor import ClientEditorDialog
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.models.client_table import ID_ROLE, ClientTableModel
from ui.views.clients_view import ClientsView

NAME, CITY, PHONE, MAILING, DOCUMENTS = range(5)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(str(path))
    fill_demo(db, clients=20, documents=60)
    db.dispose()
    return path


@pytest.fixture
def window(qtbot: QtBot, demo_template: Path, tmp_path: Path) -> Iterator[MainWindow]:
    path = tmp_path / "demo.db"
    path.write_bytes(demo_template.read_bytes())
    win = create_main_window(str(path))
    qtbot.addWidget(win)
    win.show()
    for row in range(win.navigation.count()):
        if win.navigation.item(row).data(Qt.ItemDataRole.UserRole) == "clients":
            win.navigation.setCurrentRow(row)
    yield win


@pytest.fixture
def view(window: MainWindow) -> ClientsView:
    found = window.findChild(ClientsView)
    assert found is not None and found.isVisible()
    return found


def shown_names(view: ClientsView) -> list[str]:
    proxy = view.table.model()
    return [proxy.index(r, NAME).data() for r in range(proxy.rowCount())]


def row_of(view: ClientsView, name: str) -> int:
    names = shown_names(view)
    assert name in names, names
    return names.index(name)


def client_named(view: ClientsView, name: str) -> ClientSummary:
    return next(c for c in list_clients(view.db) if c.name == name)


# --- the list ---------------------------------------------------------------------------


def test_every_client_with_its_mailing_column_and_count(view: ClientsView) -> None:
    clients = list_clients(view.db)
    assert sorted(shown_names(view)) == sorted(c.name for c in clients)
    assert view.table.objectName() == "clientTable"
    proxy = view.table.model()
    without = [c for c in clients if not c.can_receive_mail]
    assert without  # the demo has some
    for client in clients:
        index = proxy.index(row_of(view, client.name), MAILING)
        assert index.data(Qt.ItemDataRole.DecorationRole) is not None
        if client.can_receive_mail:
            assert index.data() == ", ".join(client.mailing_addresses)
            tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
            assert client.mailing_addresses[0] in tooltip
        else:
            assert index.data() == "No mailing address"
        assert proxy.index(row_of(view, client.name), DOCUMENTS).data() == str(client.documents)
    header = proxy.headerData(MAILING, Qt.Orientation.Horizontal)
    assert header == "Mailing address(es)"
    assert (
        view.count_label.text()
        == f"{len(clients)} clients · {len(without)} without mailing address"
    )
    assert view.count_text() == f"{len(clients)} clients"


def test_filter_without_mailing_address(qtbot: QtBot, view: ClientsView) -> None:
    expected = [c.name for c in list_clients(view.db, without_mail_only=True)]
    qtbot.mouseClick(view.without_mail, Qt.MouseButton.LeftButton)
    assert view.without_mail.isChecked()
    assert sorted(shown_names(view)) == sorted(expected)
    total = len(list_clients(view.db))
    assert view.count_label.text().startswith(f"{len(expected)} clients shown out of {total}")
    qtbot.mouseClick(view.without_mail, Qt.MouseButton.LeftButton)
    assert len(shown_names(view)) == total


def test_search_by_name_city_and_email_ignoring_accents(qtbot: QtBot, view: ClientsView) -> None:
    clients = list_clients(view.db)
    target = next(c for c in clients if c.email_addresses)
    qtbot.keyClicks(view.search, target.email_addresses[0].split("@")[0].upper())
    assert target.name in shown_names(view)
    view.search.clear()
    accented = next(c for c in clients if not c.name.isascii())
    view.search.setText(fold(accented.name).upper())  # "ÉBÉNISTERIE" found by "EBENISTERIE"
    assert accented.name in shown_names(view)
    view.search.setText(target.city)
    assert all(c.name in shown_names(view) for c in clients if c.city == target.city)
    view.search.setText("zzz-nobody")
    assert shown_names(view) == []
    assert view.stack.currentWidget() is view.empty_label
    assert view.empty_label.text() == "No client matches the search."


def test_sorting_by_columns(qtbot: QtBot, view: ClientsView) -> None:
    names = shown_names(view)
    assert names == sorted(names, key=fold)
    view.table.selectRow(3)
    selected = view.selected_id()
    view.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert shown_names(view) == sorted(names, key=fold, reverse=True)
    assert view.selected_id() == selected  # the selection follows its client
    view.table.sortByColumn(MAILING, Qt.SortOrder.AscendingOrder)
    proxy = view.table.model()
    first = proxy.index(0, MAILING).data()
    assert first == "No mailing address"  # the ones to fix come first
    view.table.sortByColumn(DOCUMENTS, Qt.SortOrder.DescendingOrder)
    counts = [int(proxy.index(r, DOCUMENTS).data()) for r in range(proxy.rowCount())]
    assert counts == sorted(counts, reverse=True)


# --- new, edit, delete ------------------------------------------------------------------


def in_modal_editor(action: Callable[[ClientEditorDialog], None]) -> None:
    """Run ``action`` on the client editor once it is shown modally (its exec() blocks)."""
    tries = iter(range(500))  # 5 s at most, so a stray timer never outlives its test

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ClientEditorDialog):
            if next(tries, None) is not None:
                QTimer.singleShot(10, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


def test_new_client_from_the_toolbar(qtbot: QtBot, view: ClientsView) -> None:
    before = len(shown_names(view))
    view.without_mail.setChecked(True)  # the new client has an address: the filter is lifted

    def fill(dialog: ClientEditorDialog) -> None:
        dialog.edits["name"].setText("Aaa Nouveau Client")
        row = dialog.contacts.add_row()
        dialog.contacts.setData(dialog.contacts.index(row, 2), "nouveau@client.fr")
        dialog.save_button.click()

    in_modal_editor(fill)
    button = view.toolbar.widgetForAction(view.new_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not view.without_mail.isChecked()
    assert len(shown_names(view)) == before + 1
    window = view.window()
    assert isinstance(window, MainWindow)
    assert window.count_label.text() == f"{before + 1} clients"  # the status bar follows
    assert view.selected_client() is not None
    assert view.selected_client().name == "Aaa Nouveau Client"  # type: ignore[union-attr]
    assert view.selected_client().mailing_addresses == ["nouveau@client.fr"]  # type: ignore[union-attr]


def test_double_click_edits_and_the_list_follows(qtbot: QtBot, view: ClientsView) -> None:
    target = next(c for c in list_clients(view.db) if not c.can_receive_mail)
    row = row_of(view, target.name)
    seen: list[str] = []

    def fix(dialog: ClientEditorDialog) -> None:
        seen.append(dialog.edits["name"].text())
        new = dialog.contacts.add_row()
        dialog.contacts.setData(dialog.contacts.index(new, 2), "enfin@client.fr")
        for r in range(dialog.contacts.rowCount()):  # tick every e-Mail row
            index = dialog.contacts.index(r, 3)
            dialog.contacts.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        dialog.save_button.click()

    in_modal_editor(fix)
    rect = view.table.visualRect(view.table.model().index(row, NAME))
    # A real double-click is press, release, double-click, release.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert seen == [target.name]
    updated = client_named(view, target.name)
    assert "enfin@client.fr" in updated.mailing_addresses
    index = view.table.model().index(row_of(view, target.name), MAILING)
    assert "enfin@client.fr" in index.data()
    assert view.selected_id() == target.id


def test_enter_edits_the_selected_client(qtbot: QtBot, view: ClientsView) -> None:
    view.table.setFocus()
    view.table.selectRow(0)
    view.table.setCurrentIndex(view.table.model().index(0, NAME))
    expected = shown_names(view)[0]
    seen: list[str] = []

    def look(dialog: ClientEditorDialog) -> None:
        seen.append(dialog.edits["name"].text())
        dialog.cancel_button.click()  # nothing changed: closes without asking

    in_modal_editor(look)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert seen == [expected]


def test_delete_refused_while_documents_reference_the_client(
    view: ClientsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    used = next(c for c in list_clients(view.db) if c.documents)
    told: list[str] = []
    monkeypatch.setattr(view, "confirm_delete", lambda client: True)
    monkeypatch.setattr(view, "inform", told.append)
    assert view.select_client(used.id)
    view.delete_action.trigger()
    assert told == [
        f"{used.name} cannot be deleted: {used.documents} documents refer to this client. "
        "A client stays in the address book as long as documents are made out to it."
    ]
    assert used.name in shown_names(view)


def test_delete_an_unused_client(view: ClientsView, monkeypatch: pytest.MonkeyPatch) -> None:
    contact = ContactData(ContactKind.EMAIL, "a@b.fr", mail=True)
    client_id = save_client(view.db, ClientData("À supprimer", contacts=(contact,)))
    view.reload()
    asked: list[str] = []
    answers = iter([False, True])

    def confirm(client: ClientSummary) -> bool:
        asked.append(client.name)
        return next(answers)

    monkeypatch.setattr(view, "confirm_delete", confirm)
    view.select_client(client_id)
    view.delete_action.trigger()  # "No"
    assert "À supprimer" in shown_names(view)
    view.delete_action.trigger()  # "Yes"
    assert asked == ["À supprimer", "À supprimer"]
    assert "À supprimer" not in shown_names(view)
    assert all(c.id != client_id for c in list_clients(view.db))


def test_actions_follow_the_selection_and_the_context_menu(qtbot: QtBot, view: ClientsView) -> None:
    view.table.clearSelection()
    assert not view.edit_action.isEnabled() and not view.delete_action.isEnabled()
    rect = view.table.visualRect(view.table.model().index(2, NAME))
    view._context_menu(rect.center())
    menu = view.findChild(QMenu, "clientContextMenu")
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == [
        "editClientAction",
        "newClientAction",
        "deleteClientAction",
        "clientStatementAction",
        "importClientsAction",
    ]
    assert view.selected_id() == view.table.model().index(2, NAME).data(ID_ROLE)
    assert view.edit_action.isEnabled() and view.delete_action.isEnabled()
    menu.close()


# --- import from the GUI ------------------------------------------------------------------


def test_import_a_good_file(
    qtbot: QtBot, tmp_path: Path, view: ClientsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "clients.csv"
    text = "Nom;Ville;E-mail\r\nImporté Un;Lyon;un@importe.fr\r\nImporté Deux;Nice;\r\n"
    path.write_bytes(text.encode("cp1252"))
    before = len(shown_names(view))
    monkeypatch.setattr(view, "choose_import_file", lambda: path)
    button = view.toolbar.widgetForAction(view.import_action)
    assert button.objectName() == "importClientsButton"
    with qtbot.waitSignal(view.importFinished, timeout=10000):
        button.click()
        question = answer_encoding_question(qtbot, view)  # not UTF-8: Windows-1252?
        assert "Line 2 of “clients.csv” is not UTF-8 text" in question.text()
        assert question.informativeText().startswith("“Importé Un;Lyon;un@importe.fr”")
        question.button(QMessageBox.StandardButton.Yes).click()
    assert len(shown_names(view)) == before + 2
    report = view.import_report
    assert report is not None and report.objectName() == "clientImportReport"
    assert report.isVisible()
    assert report.summary.text() == "2 clients imported."
    assert report.lines() == []
    assert client_named(view, "Importé Un").mailing_addresses == ["un@importe.fr"]
    encoding = report.findChild(QLabel, "importEncodingLabel")
    assert encoding is not None and encoding.text() == "The file was read as Windows-1252."
    report.close()


def answer_encoding_question(qtbot: QtBot, view: ClientsView) -> QMessageBox:
    """The question asked when a file is not UTF-8, once it shows."""
    qtbot.waitUntil(lambda: view.encoding_question is not None, timeout=10000)
    question = view.encoding_question
    assert question is not None and question.objectName() == "importEncodingQuestion"
    qtbot.waitUntil(question.isVisible)
    return question


def test_a_file_that_is_not_utf8_is_not_imported_when_the_answer_is_no(
    qtbot: QtBot, tmp_path: Path, view: ClientsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes("Nom;Ville\r\nCafé Noël;Lyon\r\n".encode("cp1252"))
    before = len(list_clients(view.db))
    monkeypatch.setattr(view, "choose_import_file", lambda: path)
    with qtbot.waitSignal(view.importFinished, timeout=10000):
        view.import_action.trigger()
        answer_encoding_question(qtbot, view).button(QMessageBox.StandardButton.No).click()
    assert len(list_clients(view.db)) == before
    assert view.import_report is None and view.import_action.isEnabled()


def test_a_file_mixing_two_encodings_is_refused_without_a_question(
    qtbot: QtBot, tmp_path: Path, view: ClientsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read as Windows-1252 as a whole, "Café Élégant" became "CafÃ© Ã‰lÃ©gant"."""
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Nom;Ville\r\nCafé Élégant;Lyon\r\n".encode() + "Noël;Nice\r\n".encode("cp1252")
    )
    before = len(list_clients(view.db))
    told: list[str] = []
    monkeypatch.setattr(view, "choose_import_file", lambda: path)
    monkeypatch.setattr(view, "inform", told.append)
    with qtbot.waitSignal(view.importFinished, timeout=10000):
        view.import_action.trigger()
    assert told == [
        "The file mixes two encodings: line 2 is UTF-8 text, line 3 is not. Read either way, "
        "some names would be garbled: save the file again as CSV UTF-8. Nothing was imported."
    ]
    assert view.encoding_question is None
    assert len(list_clients(view.db)) == before


def test_import_a_bad_file_imports_nothing(
    qtbot: QtBot, tmp_path: Path, view: ClientsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        "Nom;Ville;E-mail;Code\r\nBon;Lyon;bon@x.fr;1\r\nMauvais;Lyon;mauvais@;2\r\n;Nice;;3\r\n",
        encoding="utf-8-sig",
    )
    before = len(list_clients(view.db))
    monkeypatch.setattr(view, "choose_import_file", lambda: path)
    with qtbot.waitSignal(view.importFinished, timeout=10000):
        view.import_action.trigger()
    assert len(list_clients(view.db)) == before
    report = view.import_report
    assert report is not None
    assert report.summary.text() == (
        "Nothing was imported: 2 rows with a problem. Correct the file and import it again."
    )
    assert report.lines() == [
        (
            3,
            "E-mail",
            "“mauvais@” is not a valid e-mail address. Something is missing after the @.",
        ),
        (4, "Nom", "Name is required."),
    ]
    report.close()


def test_import_a_file_that_is_not_csv(
    qtbot: QtBot, tmp_path: Path, view: ClientsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "clients.xlsx"
    path.write_bytes(b"PK\x03\x04 a zip")
    told: list[str] = []
    monkeypatch.setattr(view, "choose_import_file", lambda: path)
    monkeypatch.setattr(view, "inform", told.append)
    with qtbot.waitSignal(view.importFinished, timeout=10000):
        view.import_action.trigger()
    assert told and told[0].startswith("This is a spreadsheet file, not a CSV file")
    assert view.import_report is None


def test_an_empty_address_book(qtbot: QtBot, db: Database) -> None:
    view = ClientsView(db)
    qtbot.addWidget(view)
    view.reload()
    assert view.stack.currentWidget() is view.empty_label
    assert "No client yet" in view.empty_label.text()
    assert view.count_label.text() == "0 clients"
    assert isinstance(view.model, ClientTableModel)


def test_the_view_is_a_page_of_the_main_window(window: MainWindow, view: ClientsView) -> None:
    assert window.current_view() == "clients"
    assert window.pages.currentWidget() is view
    assert view.title.text() == "Address book"
