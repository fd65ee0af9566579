"""Envoi Webmail tells the exact truth (issue 14): the real window, offscreen, against a
real SMTP server.

A refused client address is never reported as sent; "Stop" and "Prepare for later" leave
the rest paused until the user resumes, even across a restart; paid invoices and
documents whose last message failed or is uncertain are only sent when the user ticks
them; server text never becomes a link or an escape sequence on the screen.

Set FACTURIER_SHOTS to a folder to save screenshots of the dialog (French).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.domain.kinds import ContactKind, CopyToSelf
from app.domain.outbox import HoldReason, OutboxState
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_actions import mark_paid
from app.services.documents import get_document
from app.services.outbox import OutboxItem, list_outbox
from tests.integration.sending_helpers import configure, invoice
from tests.smtp_server import SmtpTestServer
from tests.ui.fresh_catalogues import use_language
from tests.ui.report_loading import wait_report_loaded
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.dialogs.batch_outcome import BatchOutcomeView
from ui.dialogs.batch_summary import Group
from ui.main import create_main_window
from ui.main_window import MainWindow

UNKNOWN_USER = "550 5.1.1 User unknown"
QUIET_MS = 15_000  # how long a restarted window is watched for sending on its own
_LINK = re.compile(r"<a\s[^>]*href\s*=\s*[\"']?([^\"' >]*)", re.IGNORECASE)


@dataclass
class People:
    one: int  # one mailing address: seul@refus.example
    two: int  # two: compta@deux.example, direction@deux.example
    other: int  # one address, never refused: contact@autre.example
    html: int  # a name that looks like markup


@pytest.fixture(autouse=True)
def english_first(qapp: QApplication) -> Iterator[None]:
    use_language(qapp, "en")
    yield
    use_language(qapp, "en")


@pytest.fixture
def people(db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> People:
    db = open_database(str(db_path))
    configure(db, smtp_server, monkeypatch, copy=CopyToSelf.BCC)  # a copy to self each time

    def client(name: str, *addresses: str) -> int:
        contacts = tuple(ContactData(ContactKind.EMAIL, a, mail=True) for a in addresses)
        return save_client(db, ClientData(name=name, contacts=contacts))

    found = People(
        one=client("Menuiserie Refus", "seul@refus.example"),
        two=client("Deux Adresses SARL", "compta@deux.example", "direction@deux.example"),
        other=client("Autre Client", "contact@autre.example"),
        html=client('<a href="http://evil.example">Clic</a> & Fils', "evil@html.example"),
    )
    db.dispose()
    return found


def new_invoices(db_path: Path, client_id: int, count: int = 1) -> list[int]:
    db = open_database(str(db_path))
    try:
        return [invoice(db, client_id, str(100 + i)) for i in range(count)]
    finally:
        db.dispose()


def start_window(qtbot: QtBot, db_path: Path) -> MainWindow:
    window = create_main_window(str(db_path))
    qtbot.addWidget(window)
    window.show()
    return window


def open_batch(qtbot: QtBot, window: MainWindow, ids: list[int]) -> BatchConfirmDialog:
    window.report_view.refresh()
    window.report_view.model.set_checked(ids, True)
    button = window.findChild(QToolButton, "sendWebmailButton")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(BatchConfirmDialog, "batchConfirmDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan_ready)  # the plan is read in the background
    return dialog


def run(qtbot: QtBot, dialog: BatchConfirmDialog, button: str = "validateButton") -> None:
    with qtbot.waitSignal(dialog.batchFinished, timeout=30_000):
        clicked = dialog.findChild(QWidget, button)
        assert clicked is not None and clicked.isEnabled()
        qtbot.mouseClick(clicked, Qt.MouseButton.LeftButton)


def title(dialog: BatchConfirmDialog) -> str:
    label = dialog.findChild(QLabel, "documentCountLabel")
    assert label is not None
    return label.text()


def summary(dialog: BatchConfirmDialog) -> str:
    """The summary's rich text, French non-breaking spaces read as spaces and typographic
    apostrophes as plain ones."""
    label = dialog.findChild(QLabel, "batchSummaryLabel")
    assert label is not None and label.isVisible()
    return plain_spaces(label.text())


def details(dialog: BatchConfirmDialog, group: Group) -> list[str]:
    """The documents listed under a category; a click on its count selects it."""
    dialog.summary_label.linkActivated.emit(str(group))  # what a click on the count does
    found = dialog.findChild(BatchOutcomeView, "batchOutcomeTree")
    assert found is not None and found.isVisible()
    current = found.currentItem()
    assert current is not None and current.data(0, Qt.ItemDataRole.UserRole) == str(group)
    return [plain_spaces(line) for line in found.lines(group)]


def plain_spaces(text: str) -> str:
    """French non-breaking spaces read as spaces, typographic apostrophes as plain ones."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def outbox(window: MainWindow) -> list[OutboxItem]:
    return list_outbox(window.db, include_sent=True)


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("FACTURIER_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"batch_{name}.png"))


def quiet_restart(qtbot: QtBot, window: MainWindow, db_path: Path) -> MainWindow:
    """Close the window, open a new one on the same database and let it live a while
    (its automatic sending starts after two seconds)."""
    window.close()
    again = start_window(qtbot, db_path)
    timer = QTimer(again)
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=QUIET_MS + 5_000):
        timer.start(QUIET_MS)
    return again


def links_of(text: str) -> set[str]:
    return set(_LINK.findall(text))


# --- refused addresses --------------------------------------------------------------------


@pytest.mark.usefixtures("french")
def test_the_only_client_address_refused_is_never_reported_as_sent(
    qtbot: QtBot, db_path: Path, people: People, smtp_server: SmtpTestServer
) -> None:
    [doc] = new_invoices(db_path, people.one)
    smtp_server.behavior.rcpt_replies = {"seul@refus.example": UNKNOWN_USER}
    window = start_window(qtbot, db_path)
    dialog = open_batch(qtbot, window, [doc])
    assert title(dialog) == "1 document va être envoyé."
    qtbot.waitUntil(lambda: dialog.subject_label.text().startswith("Facture F-"))
    shot(dialog, "before")
    run(qtbot, dialog)
    shot(dialog, "after_refused")

    assert title(dialog) == "Aucun message envoyé\u00a0: 1 refusé"
    text = summary(dialog)
    assert "0 document envoyé" in text and '<a href="sent">' not in text  # a zero: no link
    assert '<a href="failed">1 refusé</a>' in text
    [line] = details(dialog, Group.FAILED)  # each document's line under its category
    assert "seul@refus.example : 550 5.1.1 adresse inconnue" in line
    assert "User unknown" not in text + line  # the codes' meaning, never the server's words
    # Nothing reached anybody, not even the copy to self.
    assert smtp_server.messages == []
    [item] = outbox(window)
    assert item.state == OutboxState.FAILED
    assert get_document(window.db, doc).sent_at is None
    assert window.report_view.model.is_checked(doc)  # not delivered: stays ticked


@pytest.mark.usefixtures("french")
def test_one_of_two_client_addresses_refused_is_delivered_with_the_refusal_listed(
    qtbot: QtBot, db_path: Path, people: People, smtp_server: SmtpTestServer
) -> None:
    [doc] = new_invoices(db_path, people.two)
    smtp_server.behavior.rcpt_replies = {"direction@deux.example": UNKNOWN_USER}
    window = start_window(qtbot, db_path)
    dialog = open_batch(qtbot, window, [doc])
    run(qtbot, dialog)

    assert title(dialog) == "1 envoyé"
    text = summary(dialog)
    assert '<a href="sent">1 document envoyé</a>' in text
    assert '<a href="refusals">dont 1 avec une adresse refusée</a>' in text
    assert "0 refusé" in text and '<a href="failed">' not in text
    [line] = details(dialog, Group.REFUSALS)
    assert "direction@deux.example : 550 5.1.1 adresse inconnue" in line
    assert "envoyé à compta@deux.example, pas à direction@deux.example" in line
    [received] = smtp_server.wait_for_messages(1)
    assert sorted(received.rcpt_tos) == ["compta@deux.example", "contact@atelier-dupont.fr"]
    [item] = outbox(window)
    assert item.state == OutboxState.SENT
    assert [r.address for r in item.client_refusals] == ["direction@deux.example"]
    assert get_document(window.db, doc).sent_at is not None
    assert not window.report_view.model.is_checked(doc)  # delivered: unticked


def test_delivered_documents_are_unticked_and_refused_ones_stay_ticked(
    qtbot: QtBot, db_path: Path, people: People, smtp_server: SmtpTestServer
) -> None:
    [refused] = new_invoices(db_path, people.one)
    [delivered] = new_invoices(db_path, people.other)
    [partly] = new_invoices(db_path, people.two)
    smtp_server.behavior.rcpt_replies = {
        "seul@refus.example": UNKNOWN_USER,
        "direction@deux.example": UNKNOWN_USER,
    }
    window = start_window(qtbot, db_path)
    dialog = open_batch(qtbot, window, [refused, delivered, partly])
    with qtbot.waitSignal(dialog.documentsDelivered, timeout=30_000) as delivered_signal:
        run(qtbot, dialog)
    assert sorted(delivered_signal.args[0]) == sorted([delivered, partly])
    model = window.report_view.model
    assert not model.is_checked(delivered) and not model.is_checked(partly)
    assert model.is_checked(refused)
    assert model.checked_ids() == [refused]
    assert title(dialog) == "2 sent, 1 refused"
    assert window.send_action.isEnabled()  # the refused one is ready for another try


# --- Stop and Prepare for later: paused until the user resumes ---------------------------


@pytest.mark.usefixtures("french")
def test_stop_leaves_the_rest_paused_and_a_new_window_sends_nothing(
    qtbot: QtBot, db_path: Path, people: People, smtp_server: SmtpTestServer
) -> None:
    docs = new_invoices(db_path, people.other, 8)
    smtp_server.behavior.reply_delay = 0.05  # each message takes a few tenths of a second
    window = start_window(qtbot, db_path)
    dialog = open_batch(qtbot, window, docs)
    dialog.validate_button.click()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=30_000)
    shot(dialog, "during")
    assert dialog.cancel_button.text() == "Arrêter l’envoi"
    with qtbot.waitSignal(dialog.batchFinished, timeout=30_000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    shot(dialog, "after_stop")

    items = outbox(window)
    sent = [i for i in items if i.state == OutboxState.SENT]
    rest = [i for i in items if i.state != OutboxState.SENT]
    assert sent and rest
    assert {(i.state, i.hold_reason) for i in rest} == {(OutboxState.HELD, HoldReason.STOPPED)}
    assert len(smtp_server.messages) == len(sent)
    assert (
        title(dialog) == f"{len(sent)} envoyé{'s' if len(sent) > 1 else ''}, {len(rest)} en pause"
    )
    text = summary(dialog)
    assert f'<a href="held">{len(rest)} en pause</a>' in text
    assert "« Reprendre l'envoi »" in text
    assert all(line.endswith("en pause (envoi arrêté)") for line in details(dialog, Group.HELD))
    shot(dialog, "after_stop_details")
    dialog.close()

    again = quiet_restart(qtbot, window, db_path)
    assert len(smtp_server.messages) == len(sent)  # nothing went out behind the user's back
    after = list_outbox(again.db, include_sent=True)
    assert {i.id for i in after if i.state == OutboxState.HELD} == {i.id for i in rest}


@pytest.mark.usefixtures("french")
def test_prepare_for_later_sends_nothing_until_resumed(
    qtbot: QtBot, db_path: Path, people: People, smtp_server: SmtpTestServer
) -> None:
    docs = new_invoices(db_path, people.other, 2)
    window = start_window(qtbot, db_path)
    dialog = open_batch(qtbot, window, docs)
    run(qtbot, dialog, "prepareLaterButton")
    shot(dialog, "after_later")

    assert title(dialog) == "Aucun message envoyé\u00a0: 2 messages préparés, en pause"
    text = summary(dialog)
    assert text.startswith('<a href="held">2 en pause</a>')  # no zero counts: nothing was sent
    assert "rien ne part tant que vous n'y avez pas cliqué sur « Reprendre l'envoi »" in text
    items = outbox(window)
    assert {(i.state, i.hold_reason) for i in items} == {(OutboxState.HELD, HoldReason.LATER)}
    assert window.report_view.model.is_checked(docs[0])  # nothing delivered
    dialog.close()

    again = quiet_restart(qtbot, window, db_path)
    assert smtp_server.messages == []
    after = list_outbox(again.db, include_sent=True)
    assert {(i.state, i.hold_reason) for i in after} == {(OutboxState.HELD, HoldReason.LATER)}


@pytest.mark.usefixtures("french")
def test_a_refused_password_says_so_and_keeps_the_messages_paused(
    qtbot: QtBot, db_path: Path, people: People, smtp_server: SmtpTestServer
) -> None:
    docs = new_invoices(db_path, people.other, 2)
    smtp_server.behavior.reject_auth = True
    window = start_window(qtbot, db_path)
    dialog = open_batch(qtbot, window, docs)
    run(qtbot, dialog)
    shot(dialog, "after_password")

    assert title(dialog) == "Aucun message envoyé\u00a0: le serveur refuse le mot de passe"
    text = summary(dialog)
    assert "refuse l'identifiant ou le mot de passe" in text  # the full reason
    assert "corrigez les paramètres, puis cliquez-y sur « Reprendre l'envoi »" in text
    assert "Envoi terminé" not in text and "terminé" not in title(dialog)
    items = outbox(window)
    assert {(i.state, i.hold_reason) for i in items} == {(OutboxState.HELD, HoldReason.SETTINGS)}
    assert smtp_server.messages == []


# --- server text stays text ----------------------------------------------------------------


def test_markup_and_escape_codes_from_the_server_never_become_links(
    qtbot: QtBot, db_path: Path, people: People, smtp_server: SmtpTestServer
) -> None:
    [doc] = new_invoices(db_path, people.html)
    smtp_server.behavior.data_reply = (
        '554 5.7.1 <a href="http://x.example">clic</a>\x1b[31m<b>rouge</b>\x1b]8;;http://y\x07'
    )
    window = start_window(qtbot, db_path)
    dialog = open_batch(qtbot, window, [doc])
    run(qtbot, dialog)

    assert outbox(window)[0].state == OutboxState.FAILED
    text = summary(dialog)
    assert links_of(text) == {str(Group.FAILED)}  # only the count's own link
    assert "http://x.example" not in text and "http://y" not in text and "\x1b" not in text
    lines = details(dialog, Group.FAILED)  # plain text items: markup shows as typed
    assert lines and all("\x1b" not in line and "http://x" not in line for line in lines)
    assert '<a href="http://evil.example">Clic</a> & Fils' in lines[0]
    assert "554 5.7.1 refused by the server's rules" in lines[0]
    for label in dialog.findChildren(QLabel):
        assert "\x1b" not in label.text()
        if label is dialog.summary_label:
            continue
        if label.textFormat() != Qt.TextFormat.PlainText:
            assert not links_of(label.text()), label.objectName()
    assert dialog.count_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.to_label.textFormat() == Qt.TextFormat.PlainText


# --- paid invoices and documents with a problem: only when the user ticks them -----------


def test_a_paid_invoice_is_listed_apart_and_left_out_unless_ticked(
    qtbot: QtBot, db_path: Path, people: People, smtp_server: SmtpTestServer
) -> None:
    [unpaid] = new_invoices(db_path, people.other)
    [paid] = new_invoices(db_path, people.two)
    db = open_database(str(db_path))
    mark_paid(db, paid, date(2026, 11, 5))
    paid_number = get_document(db, paid).number or "?"
    db.dispose()
    window = start_window(qtbot, db_path)
    window.report_view.refresh()
    wait_report_loaded(qtbot, window.report_view)
    window.report_view.tick_all()
    assert set(window.report_view.checked_ids()) >= {paid, unpaid}
    dialog = open_batch(qtbot, window, [])
    box = dialog.findChild(QCheckBox, "includePaidCheck")
    assert box is not None and box.isVisibleTo(dialog) and not box.isChecked()
    assert "1 invoice already paid" in box.text() and paid_number in box.text()
    assert title(dialog) == "1 document will be sent."
    run(qtbot, dialog)
    assert '<a href="paid">1 paid invoice left out</a>' in summary(dialog)
    [first] = smtp_server.wait_for_messages(1)
    assert first.rcpt_tos[0] == "contact@autre.example"
    assert "à régler" in first.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert window.report_view.model.is_checked(paid) and not window.report_view.model.is_checked(
        unpaid
    )
    dialog.close()
    qtbot.waitUntil(lambda: window.batch_dialog is None)

    again = open_batch(qtbot, window, [])
    box = again.findChild(QCheckBox, "includePaidCheck")
    assert box is not None and not box.isChecked()
    assert title(again) == "0 documents will be sent." and not again.validate_button.isEnabled()
    box.setChecked(True)
    assert title(again) == "1 document will be sent."
    run(qtbot, again)
    assert title(again) == "1 sent"
    received = smtp_server.wait_for_messages(2)[1]
    assert sorted(received.rcpt_tos) == [
        "compta@deux.example",
        "contact@atelier-dupont.fr",
        "direction@deux.example",
    ]
    body = received.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert paid_number in received.message["Subject"] and "à régler" not in body


@pytest.mark.usefixtures("french")
def test_an_uncertain_document_is_left_out_unless_its_box_is_ticked(
    qtbot: QtBot, db_path: Path, people: People, smtp_server: SmtpTestServer
) -> None:
    [doc] = new_invoices(db_path, people.other)
    [fresh] = new_invoices(db_path, people.other)
    smtp_server.behavior.drop_after_dot = True
    window = start_window(qtbot, db_path)
    dialog = open_batch(qtbot, window, [doc])
    run(qtbot, dialog)
    assert outbox(window)[0].state == OutboxState.UNKNOWN
    assert title(dialog) == "Aucun message envoyé\u00a0: 1 incertain"
    assert "est peut-être arrivé" in summary(dialog)
    dialog.close()
    qtbot.waitUntil(lambda: window.batch_dialog is None)
    smtp_server.behavior.drop_after_dot = False
    stored = len(smtp_server.messages)

    again = open_batch(qtbot, window, [doc, fresh])
    box = again.findChild(QCheckBox, "includeProblemsCheck")
    assert box is not None and box.isVisibleTo(again) and not box.isChecked()
    number = get_document(window.db, doc).number or "?"
    assert f"{number} — Autre Client (incertain" in box.text()
    assert "le client l’a peut-être déjà" in box.text()
    shot(again, "before_problems")
    assert again.findChild(QCheckBox, "includeSentCheck") is not None
    assert title(again) == "1 document va être envoyé."
    run(qtbot, again)
    assert title(again) == "1 envoyé"
    assert (
        '<a href="problems">1 laissé de côté (dernier envoi en échec ou incertain)</a>'
        in summary(again)
    )
    smtp_server.wait_for_messages(stored + 1)
    assert get_document(window.db, doc).sent_at is None  # left out, as the box said
    again.close()
    qtbot.waitUntil(lambda: window.batch_dialog is None)

    third = open_batch(qtbot, window, [doc])
    box = third.findChild(QCheckBox, "includeProblemsCheck")
    assert box is not None and not box.isChecked()
    assert title(third) == "0 document va être envoyé."
    box.setChecked(True)
    assert title(third) == "1 document va être envoyé."
    run(qtbot, third)
    assert title(third) == "1 envoyé"
    assert get_document(window.db, doc).sent_at is not None
    assert len(smtp_server.wait_for_messages(stored + 2)) == stored + 2
