"""The outbox view on a real SQLite file against a real aiosmtpd server, offscreen.

Messages are put in each state by the real engine (prepare_batch, then drain against a
server told to answer 550, 451 or to hang up after the final dot); the view's actions run
their drains in the background through the window's OutboxSender.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.domain.kinds import ContactKind
from app.domain.outbox import HoldReason, OutboxState
from app.services.batch import prepare_batch
from app.services.clients import ClientData, ContactData, save_client
from app.services.outbox import DrainResult, drain, list_outbox, pending_count
from app.services.outbox_queue import hold as hold_messages
from app.services.outbox_queue import remove
from app.services.outbox_snapshot import OutboxSnapshot
from app.services.settings import update_company
from tests.integration.sending_helpers import configure, invoice
from tests.smtp_server import SmtpTestServer
from ui.models.outbox_model import ID_ROLE, OutboxFilter, OutboxTableModel
from ui.outbox_sender import DrainReport
from ui.views import outbox_view as outbox_view_module
from ui.views.outbox_view import OutboxView

C = OutboxTableModel


def english(text: str) -> str:
    """The English plural forms, whether or not the English catalogue has the new strings
    yet ("2 message(s)" -> "2 messages", "1 message(s)" -> "1 message")."""
    return re.sub(
        r"\b(\d+)(\D*?)\(s\)",
        lambda m: m.group(1) + m.group(2) + ("" if m.group(1) == "1" else "s"),
        text,
    )


def hold(event: threading.Event) -> None:
    """The test server's message hook: keep the reply back until the test says so."""
    event.wait(10)


def client(db: Database, name: str, address: str) -> int:
    return save_client(
        db, ClientData(name=name, contacts=(ContactData(ContactKind.EMAIL, address, mail=True),))
    )


def queue(db: Database, client_id: int) -> int:
    """A validated invoice for the client, prepared: its outbox message's id."""
    return prepare_batch(db, [invoice(db, client_id)]).outbox_ids[0]


@pytest.fixture
def server(
    db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> SmtpTestServer:
    configure(db, smtp_server, monkeypatch)
    return smtp_server


@pytest.fixture
def view(qtbot: QtBot, db: Database) -> Iterator[OutboxView]:
    widget = OutboxView(db)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.show()
    yield widget
    widget.outbox_sender.shutdown(10_000)


class Confirmations:
    """Stands in for the confirmation box: records the questions, answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str, str, str]] = []

    def __call__(self, title: str, text: str, details: str, accept: str) -> bool:
        self.asked.append((title, text, details, accept))
        return self.answer


def cell(view: OutboxView, outbox_id: int, column: int, role: int = 0) -> object:
    row = view.model.row_of(outbox_id)
    assert row >= 0, f"message {outbox_id} not shown"
    index = view.model.index(row, column)
    return view.model.data(index, role or Qt.ItemDataRole.DisplayRole)


def reload(qtbot: QtBot, view: OutboxView) -> None:
    """Reread the rows (in the background) and wait until they are shown."""
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.reload()


def finish(qtbot: QtBot, view: OutboxView, start: object) -> DrainReport:
    """Run ``start()`` and wait for the drain it starts to end."""
    with qtbot.waitSignal(view.outbox_sender.drainFinished, timeout=15_000) as finished:
        assert callable(start)
        assert start() is not False
    report = finished.args[0]
    assert isinstance(report, DrainReport)
    return report


def test_each_state_has_its_text_icon_tooltip_and_plain_error(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    waiting = queue(db, client(db, "Boulangerie Éclair", "compta@eclair.example"))
    failed = queue(db, client(db, "Garage Martin", "nobody@garage.example"))
    uncertain = queue(db, client(db, "Fleurs Anne", "anne@fleurs.example"))
    later = queue(db, client(db, "Café du Port", "cafe@port.example"))
    paused = prepare_batch(
        db, [invoice(db, client(db, "Menuiserie Roy", "roy@menuiserie.example"))], later=True
    ).outbox_ids[0]
    server.behavior.rcpt_replies = {"nobody@garage.example": "550 5.1.1 No such user"}
    drain(db, ids=[failed])
    server.behavior.drop_after_dot = True
    drain(db, ids=[uncertain])
    server.behavior.drop_after_dot = False
    server.behavior.data_reply = "451 4.3.0 Temporary local problem"
    drain(db, ids=[later])

    reload(qtbot, view)
    table = view.findChild(QTableView, "outboxTable")
    assert table is not None and table.model() is view.proxy
    assert view.proxy.rowCount() == 5
    assert cell(view, waiting, C.STATE) == "Waiting"
    assert cell(view, failed, C.STATE) == "Failed"
    assert cell(view, uncertain, C.STATE) == "Uncertain"
    assert cell(view, paused, C.STATE) == "On hold (prepared for later)"
    retry_text = str(cell(view, later, C.STATE))
    assert retry_text.startswith("Retry at ") and ":" in retry_text

    # Each refused client address with its reason, from the codes; the server's own words
    # only in the tooltip.
    assert cell(view, failed, C.ERROR) == "nobody@garage.example: 550 5.1.1 unknown address"
    failed_tip = str(cell(view, failed, C.ERROR, Qt.ItemDataRole.ToolTipRole))
    assert "550 5.1.1 No such user" in failed_tip
    assert "No such user" not in str(cell(view, failed, C.ERROR))
    assert "may have been delivered" in str(cell(view, uncertain, C.ERROR))
    assert cell(view, later, C.ERROR) == "451 4.3.0 the mail server has a problem"
    assert cell(view, waiting, C.ERROR) == ""
    assert cell(view, paused, C.ERROR) == ""
    assert cell(view, waiting, C.DOCUMENT) == "F-2026-0001"
    assert cell(view, waiting, C.CLIENT) == "Boulangerie Éclair"
    assert cell(view, waiting, C.RECIPIENTS) == "compta@eclair.example"
    assert cell(view, failed, C.ATTEMPTS) == "1"
    assert cell(view, waiting, C.ATTEMPTS) == "0"
    assert cell(view, waiting, C.PREPARED)

    item = next(i for i in list_outbox(db) if i.id == waiting)
    tip = str(cell(view, waiting, C.RECIPIENTS, Qt.ItemDataRole.ToolTipRole))
    assert item.message_id in tip and item.subject in tip
    assert "twice" in str(cell(view, uncertain, C.STATE, Qt.ItemDataRole.ToolTipRole))
    assert "Next attempt" in str(cell(view, later, C.STATE, Qt.ItemDataRole.ToolTipRole))
    assert "resume sending" in str(cell(view, paused, C.STATE, Qt.ItemDataRole.ToolTipRole))
    for outbox_id in (waiting, failed, uncertain, later, paused):
        decoration = cell(view, outbox_id, C.STATE, Qt.ItemDataRole.DecorationRole)
        assert decoration is not None and not decoration.isNull()  # type: ignore[attr-defined]

    view.table.setCurrentIndex(view.proxy.mapFromSource(view.model.index(1, C.CLIENT)))
    assert view.current_id() == failed and view.details.isVisible()
    assert "nobody@garage.example: 550 5.1.1 unknown address" in view.details.text()
    assert "F-2026-0002 · Garage Martin" in view.details.text()
    assert view.details.textFormat() == Qt.TextFormat.PlainText

    view.set_filter(OutboxFilter.WAITING)
    shown = {view.proxy.index(r, 0).data(ID_ROLE) for r in range(view.proxy.rowCount())}
    assert shown == {waiting, later, paused}  # on hold counts as waiting
    assert view.filter_box.currentText() == "Waiting or on hold (3)"
    view.set_filter(OutboxFilter.PROBLEMS)
    shown = {view.proxy.index(r, 0).data(ID_ROLE) for r in range(view.proxy.rowCount())}
    assert shown == {failed, uncertain}
    assert view.filter_box.currentText() == "Failed, refused or uncertain (2)"
    view.set_filter(OutboxFilter.ALL)
    assert (
        english(view.count_label.text())
        == "5 messages in the outbox · 2 waiting · 1 on hold · 2 failed or uncertain"
    )


def test_send_now_delivers_in_the_background_and_the_rows_leave(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    ids = [queue(db, client(db, f"Client {n}", f"c{n}@example.com")) for n in range(3)]
    reload(qtbot, view)
    assert view.send_action.isEnabled()
    report = finish(qtbot, view, view.send_now)

    assert isinstance(report.result, DrainResult)
    assert sorted(report.result.sent) == ids
    assert len(server.messages) == 3
    assert view.model.rowCount() == 0
    assert view.stack.currentWidget() is view.empty_page
    assert view.count_text() == "Outbox empty"
    assert english(view.note.text()) == "3 messages sent."
    assert view.progress_bar.value() == 3 and view.progress_frame.isHidden()
    assert not view.send_action.isEnabled()


def test_send_now_sends_only_the_selected_waiting_messages(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    first = queue(db, client(db, "Un", "un@example.com"))
    second = queue(db, client(db, "Deux", "deux@example.com"))
    reload(qtbot, view)
    view.select_ids([second])
    finish(qtbot, view, view.send_now)

    assert [m.rcpt_tos for m in server.messages] == [["deux@example.com"]]
    assert [item.id for item in view.model.items()] == [first]


def test_stop_ends_the_sending_between_two_messages(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    for n in range(3):
        queue(db, client(db, f"Client {n}", f"c{n}@example.com"))
    # One connection: the count after Stop is exact (with several, each finishes its own;
    # tests/integration/test_sending_trust.py covers that).
    update_company(db, smtp_connections=1)
    go = threading.Event()
    server.behavior.on_message = lambda _message: hold(go)  # holds the first reply
    reload(qtbot, view)
    try:
        with qtbot.waitSignal(view.outbox_sender.drainFinished, timeout=15_000) as finished:
            view.send_now()
            qtbot.waitUntil(lambda: len(server.messages) == 1)
            assert view.progress_frame.isVisible()
            assert not view.send_action.isEnabled()  # one drain at a time
            view.cancel_button.click()
            go.set()
    finally:
        go.set()
    result = finished.args[0].result
    assert result.cancelled and len(result.sent) == 1
    assert len(server.messages) == 1
    assert pending_count(db) == 2
    assert view.model.rowCount() == 2
    assert english(view.note.text()).startswith("Sending stopped. 1 message sent, 2 on hold.")
    assert "Resume sending" in view.note.text()
    # What was not sent waits for the user, and says so.
    left = list_outbox(db)
    assert {(i.state, i.hold_reason) for i in left} == {(OutboxState.HELD, HoldReason.STOPPED)}
    assert {cell(view, i.id, C.STATE) for i in left} == {"On hold (sending stopped by you)"}
    assert view.resume_button.isEnabled()


def test_resend_of_a_failed_message_needs_no_confirmation_and_delivers_once(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    failed = queue(db, client(db, "Garage Martin", "atelier@garage.example"))
    server.behavior.rcpt_replies = {"atelier@garage.example": "550 5.1.1 No such user"}
    drain(db, ids=[failed])
    assert server.messages == []
    server.behavior.rcpt_replies = {}  # the address was fixed at the provider
    view.confirm = Confirmations(False)  # type: ignore[method-assign]
    reload(qtbot, view)
    view.select_ids([failed])
    assert view.resend_action.isEnabled() and not view.send_action.isEnabled()

    report = finish(qtbot, view, view.resend_selected)

    assert view.confirm.asked == []  # type: ignore[attr-defined]
    assert report.result is not None and report.result.sent == [failed]
    item = next(i for i in list_outbox(db, include_sent=True) if i.id == failed)
    assert [m.message["Message-ID"] for m in server.messages] == [item.message_id]
    assert item.state == OutboxState.SENT
    assert view.model.rowCount() == 0


def test_an_uncertain_message_is_resent_only_after_the_user_accepts_the_risk(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    uncertain = queue(db, client(db, "Fleurs Anne", "anne@fleurs.example"))
    server.behavior.drop_after_dot = True
    drain(db, ids=[uncertain])
    server.behavior.drop_after_dot = False
    assert len(server.messages) == 1  # the server kept it before hanging up
    reload(qtbot, view)
    assert cell(view, uncertain, C.STATE) == "Uncertain"

    # Sending what waits never touches it.
    report = finish(qtbot, view, lambda: view.outbox_sender.send_now())
    assert report.result is not None and report.result.total == 0
    assert len(server.messages) == 1

    view.select_ids([uncertain])
    refuse = Confirmations(False)
    view.confirm = refuse  # type: ignore[method-assign]
    assert view.resend_selected() is False
    assert len(refuse.asked) == 1
    _title, text, details, accept = refuse.asked[0]
    assert "already have been delivered" in english(text)
    assert "twice" in details and "Message-ID" in details and "F-2026-0001" in details
    assert accept == "Resend"
    assert cell(view, uncertain, C.STATE) == "Uncertain"
    assert len(server.messages) == 1

    view.confirm = Confirmations(True)  # type: ignore[method-assign]
    report = finish(qtbot, view, view.resend_selected)
    assert report.result is not None and report.result.sent == [uncertain]
    copies = {m.message["Message-ID"] for m in server.messages}
    assert len(server.messages) == 2 and len(copies) == 1  # the same Message-ID twice


def test_remove_from_the_queue_asks_first(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    waiting = queue(db, client(db, "Un", "un@example.com"))
    failed = queue(db, client(db, "Deux", "deux@example.com"))
    kept = queue(db, client(db, "Trois", "trois@example.com"))
    server.behavior.rcpt_replies = {"deux@example.com": "550 5.1.1 No such user"}
    drain(db, ids=[failed])
    reload(qtbot, view)
    view.select_ids([waiting, failed])

    view.confirm = Confirmations(False)  # type: ignore[method-assign]
    assert view.remove_selected() is False
    assert view.model.rowCount() == 3

    accept = Confirmations(True)
    view.confirm = accept  # type: ignore[method-assign]
    with qtbot.waitSignal(view.written, timeout=10_000):  # removed, then the rows reread
        assert view.remove_selected() is True
    assert english(accept.asked[0][1]) == "Remove 2 messages from the outbox?"
    assert [item.id for item in list_outbox(db)] == [kept]
    assert [item.id for item in view.model.items()] == [kept]
    assert english(view.note.text()) == "2 messages removed from the outbox."
    assert server.messages == []


def test_reload_keeps_the_selection_while_rows_come_and_go(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    ids = [queue(db, client(db, f"Client {n}", f"c{n}@example.com")) for n in range(3)]
    reload(qtbot, view)
    view.select_ids([ids[1]])
    view.table.setCurrentIndex(view.proxy.mapFromSource(view.model.index(1, 2)))
    inserted: list[int] = []
    view.model.rowsInserted.connect(lambda _p, first, last: inserted.extend(range(first, last + 1)))
    removed: list[int] = []
    view.model.rowsRemoved.connect(lambda _p, first, last: removed.extend(range(first, last + 1)))
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))

    drain(db, ids=[ids[0]])  # elsewhere: the first one leaves
    newer = queue(db, client(db, "Nouveau", "nouveau@example.com"))
    reload(qtbot, view)

    assert [item.id for item in view.model.items()] == [ids[1], ids[2], newer]
    assert view.selected_ids() == [ids[1]]
    assert view.current_id() == ids[1]
    assert removed == [0] and inserted == [2] and resets == []


def test_unreachable_server_leaves_the_messages_to_the_retry_and_says_when(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    outbox_id = queue(db, client(db, "Un", "un@example.com"))
    server.stop()
    reload(qtbot, view)
    report = finish(qtbot, view, view.send_now)

    assert report.result is not None and report.result.stopped is not None
    assert "cannot be reached" in view.note.text()
    when = view.outbox_sender.next_try_text()
    assert when, "the retry is scheduled"
    assert f"The messages stay in the outbox; next automatic attempt at {when}." in (
        view.note.text()
    )
    # The row tells the time of the window's real next attempt, not the stored "due now".
    assert cell(view, outbox_id, C.STATE) == f"Retry at {when}"
    assert cell(view, outbox_id, C.ERROR) == "The mail server could not be reached."
    assert [i.state for i in list_outbox(db)] == [OutboxState.RETRY_WAIT]
    assert pending_count(db) == 1


def test_send_now_without_a_mail_server_explains_instead(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    queue(db, client(db, "Un", "un@example.com"))
    update_company(db, smtp_host="")
    reload(qtbot, view)
    assert view.send_now() is False
    assert "not set up" in view.note.text()
    assert not view.outbox_sender.is_busy()


def test_actions_follow_the_selection(
    qtbot: QtBot, db: Database, server: SmtpTestServer, view: OutboxView
) -> None:
    waiting = queue(db, client(db, "Un", "un@example.com"))
    reload(qtbot, view)
    assert view.send_action.isEnabled() and view.resume_button.isEnabled()
    assert not view.reprepare_action.isVisible()  # no address changed: nothing to choose
    assert not view.resend_action.isEnabled() and not view.remove_action.isEnabled()
    view.select_ids([waiting])
    assert not view.resend_action.isEnabled()  # only failed or uncertain ones are resent
    assert view.remove_action.isEnabled()
    view.table.selectionModel().clearSelection()
    assert not view.remove_action.isEnabled()


def test_a_commit_of_this_process_rereads_only_the_messages_it_names(
    qtbot: QtBot,
    db: Database,
    server: SmtpTestServer,
    view: OutboxView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = [queue(db, client(db, f"Client {n}", f"c{n}@example.com")) for n in range(3)]
    reload(qtbot, view)
    reads: list[frozenset[int] | None] = []
    real = outbox_view_module.outbox_snapshot

    def spy(
        db: Database, refused: Collection[int] = (), changed: frozenset[int] | None = None
    ) -> OutboxSnapshot:
        reads.append(changed)
        return real(db, refused, changed)

    monkeypatch.setattr(outbox_view_module, "outbox_snapshot", spy)
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))

    newer = queue(db, client(db, "Nouveau", "nouveau@example.com"))
    qtbot.waitUntil(lambda: len(view.model.items()) == 4)
    assert reads == [frozenset({newer})]

    hold_messages(db, [ids[1]])
    qtbot.waitUntil(lambda: view.model.item_at(1).state == OutboxState.HELD)
    assert reads[-1] == frozenset({ids[1]})

    remove(db, [ids[0]])
    qtbot.waitUntil(lambda: len(view.model.items()) == 3)
    assert reads[-1] == frozenset({ids[0]})
    assert [item.id for item in view.model.items()] == [ids[1], ids[2], newer]
    assert len(reads) == 3 and resets == []
