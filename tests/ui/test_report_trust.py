"""The report tells the truth about each send: real sends to a real SMTP test server,
then the sent filter, the envelope column and the Information dialog read back.

Every state comes from the core itself (``prepare_batch`` + ``drain``, ``hold``), none is
written by hand: a refused address, a failed send, an uncertain one, a retry, held ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QTableWidget, QToolButton
from pytestqt.qtbot import QtBot

from app.db.database import Database, open_database
from app.domain.kinds import ContactKind, DocumentKind
from app.domain.outbox import HoldReason, OutboxState
from app.services.batch import prepare_batch
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, save_draft, validate_document
from app.services.outbox import drain, hold
from app.services.reports import EnvelopeState, SentFilter
from tests.integration.sending_helpers import clients, configure
from tests.smtp_server import Behavior, SmtpCertificates, SmtpTestServer
from tests.ui.report_loading import wait_report_loaded
from ui.dialogs.document_info import DocumentInfoDialog, HistoryColumn
from ui.i18n import install_translators
from ui.models.document_table import ENVELOPE_ROLE, Column
from ui.models.envelope import might_be_rich_text, plain_tooltip
from ui.views.report_view import ReportView

REFUSED = "direction@eclair.example"  # one of the two addresses of "Boulangerie Éclair"
DELIVERED = "compta@eclair.example"
CLOSED = "ferme@menuiserie.example"  # the only address of its client
TRAP = "piege@html.example"
HTML_REPLY = '550 5.1.1 <a href="https://example.invalid/x">clic</a> unknown user'


@dataclass
class Sends:
    """Documents left in each state by real sends."""

    never: list[int]
    sent: int
    refusals: int
    failed: int
    html_failed: int
    uncertain: int
    retry: int
    held: dict[HoldReason, int] = field(default_factory=dict)

    @property
    def problems(self) -> set[int]:
        return {self.failed, self.html_failed, self.uncertain}


def invoice(db: Database, client_id: int, amount: str) -> int:
    """A validated invoice of today: not overdue, so its status speaks of the e-mail."""
    line = LineInput("Prestation", Decimal("1"), Decimal(amount), Decimal("20"), "u")
    draft = save_draft(db, DocumentInput(DocumentKind.INVOICE, client_id, date.today(), (line,)))
    return validate_document(db, draft).id


def send(db: Database, server: SmtpTestServer, document_id: int, **behavior: object) -> None:
    server.behavior = Behavior(**behavior)  # type: ignore[arg-type]
    try:
        drain(db, ids=prepare_batch(db, [document_id]).outbox_ids)
    finally:
        server.behavior = Behavior()


def make_sends(db: Database, server: SmtpTestServer, setenv: object) -> Sends:
    """One document per state, each sent (or held) for real."""
    configure(db, server, setenv)  # type: ignore[arg-type]
    business = clients(db)
    closed = save_client(
        db,
        ClientData(
            name="Menuiserie Fermée",
            contacts=(ContactData(ContactKind.EMAIL, CLOSED, "Atelier", mail=True),),
        ),
    )
    trap = save_client(
        db,
        ClientData(
            name="Studio <b>Piège</b>",
            contacts=(ContactData(ContactKind.EMAIL, TRAP, mail=True),),
        ),
    )
    two = business.two_addresses
    never = [invoice(db, two, "10"), invoice(db, closed, "11")]
    sends = Sends(
        never=never,
        sent=invoice(db, two, "20"),
        refusals=invoice(db, two, "30"),
        failed=invoice(db, closed, "40"),
        html_failed=invoice(db, trap, "45"),
        uncertain=invoice(db, two, "50"),
        retry=invoice(db, two, "60"),
    )
    send(db, server, sends.sent)
    send(db, server, sends.refusals, rcpt_replies={REFUSED: "550 5.1.1 <x>: Recipient unknown"})
    send(db, server, sends.failed, rcpt_replies={CLOSED: "550 5.1.1 Mailbox does not exist"})
    send(db, server, sends.html_failed, rcpt_replies={TRAP: HTML_REPLY})
    send(db, server, sends.uncertain, drop_after_dot=True)
    send(db, server, sends.retry, data_reply="451 4.7.0 Greylisted, try again later")
    later = invoice(db, two, "70")
    prepare_batch(db, [later], later=True)
    sends.held[HoldReason.LATER] = later
    for reason in (HoldReason.STOPPED, HoldReason.SETTINGS, HoldReason.ADDRESS_CHANGED):
        doc = invoice(db, two, "80")
        hold(db, prepare_batch(db, [doc]).outbox_ids, reason)
        sends.held[reason] = doc
    return sends


@pytest.fixture(scope="module")
def built(
    smtp_certs: SmtpCertificates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, Sends]]:
    """Sent once for the module (a dozen real sends); the tests only read it."""
    server = SmtpTestServer(smtp_certs.server_context(), tls="starttls").start()
    database = open_database(str(tmp_path_factory.mktemp("trust") / "facturier.db"), timeout=5)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("FACTURIER_SMTP_CAFILE", str(smtp_certs.ca_path))
            made = make_sends(database, server, patch)
        yield database, made
    finally:
        server.stop()
        database.dispose()


@pytest.fixture
def db(built: tuple[Database, Sends]) -> Database:
    return built[0]


@pytest.fixture
def sends(built: tuple[Database, Sends]) -> Sends:
    return built[1]


@pytest.fixture
def view(qtbot: QtBot, db: Database, sends: Sends) -> Iterator[ReportView]:
    report = ReportView(db)
    qtbot.addWidget(report)
    report.resize(1100, 500)
    report.show()
    qtbot.waitExposed(report)
    wait_report_loaded(qtbot, report)
    yield report


@pytest.fixture
def french() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "fr")
    try:
        yield
    finally:
        install_translators(app, "en")


def shown(view: ReportView) -> set[int]:
    return set(view.model.shown_ids())


def cell(view: ReportView, document_id: int, column: Column, role: Qt.ItemDataRole) -> object:
    row = view.model.row_of(document_id)
    assert row is not None, "document not shown"
    return view.model.index(row, column).data(role)


def tooltip(view: ReportView, document_id: int) -> str:
    return str(cell(view, document_id, Column.ENVELOPE, Qt.ItemDataRole.ToolTipRole))


def state(view: ReportView, document_id: int) -> str:
    return str(cell(view, document_id, Column.ENVELOPE, ENVELOPE_ROLE))


# --- the core left each document where we expect ------------------------------------------


def test_each_document_is_in_the_state_its_send_left(view: ReportView, sends: Sends) -> None:
    assert state(view, sends.sent) == EnvelopeState.SENT
    assert state(view, sends.refusals) == EnvelopeState.REFUSALS
    assert state(view, sends.failed) == EnvelopeState.FAILED
    assert state(view, sends.html_failed) == EnvelopeState.FAILED
    assert state(view, sends.uncertain) == EnvelopeState.UNCERTAIN
    assert state(view, sends.retry) == EnvelopeState.WAITING
    assert {state(view, d) for d in sends.held.values()} == {EnvelopeState.HELD}
    assert {state(view, d) for d in sends.never} == {EnvelopeState.NONE}


# --- the sent filter ----------------------------------------------------------------------


def test_the_sent_filter_offers_exactly_five_choices(view: ReportView) -> None:
    combo = view.findChild(QComboBox, "sentFilter")
    assert combo is view.sent_filter
    data = [combo.itemData(i) for i in range(combo.count())]
    assert data == ["all", "sent", "unsent", "uncertain", "failed"]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[3:] == ["Uncertain sending", "Failed sending"]
    for i in range(combo.count()):  # each choice says what it shows
        assert combo.itemData(i, Qt.ItemDataRole.ToolTipRole)


def test_unsent_then_tick_all_never_ticks_a_failed_or_uncertain_document(
    qtbot: QtBot, view: ReportView, sends: Sends
) -> None:
    view.set_sent_filter(SentFilter.UNSENT)
    wait_report_loaded(qtbot, view)
    unsent = shown(view)
    assert set(sends.never) <= unsent
    assert set(sends.held.values()) <= unsent  # prepared, not sent: still "unsent"
    assert sends.retry in unsent
    assert not unsent & sends.problems
    assert not unsent & {sends.sent, sends.refusals}
    button = view.findChild(QToolButton, "selectAllButton")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert set(view.checked_ids()) == unsent
    assert not set(view.checked_ids()) & sends.problems


def test_uncertain_and_failed_show_exactly_those(
    qtbot: QtBot, view: ReportView, sends: Sends
) -> None:
    view.set_sent_filter(SentFilter.UNCERTAIN)
    wait_report_loaded(qtbot, view)
    assert shown(view) == {sends.uncertain}
    assert view.count_text().startswith("1 document")
    view.set_sent_filter(SentFilter.FAILED)
    wait_report_loaded(qtbot, view)
    assert shown(view) == {sends.failed, sends.html_failed}
    view.set_sent_filter(SentFilter.SENT)
    wait_report_loaded(qtbot, view)
    assert shown(view) == {sends.sent, sends.refusals}  # the client got both
    view.set_sent_filter(SentFilter.ALL)
    wait_report_loaded(qtbot, view)
    assert len(shown(view)) == 6 + len(sends.held) + len(sends.never)


# --- the envelope column -------------------------------------------------------------------


def test_each_state_has_its_own_icon(view: ReportView, sends: Sends) -> None:
    docs = [
        sends.sent,
        sends.refusals,
        sends.retry,
        sends.held[HoldReason.LATER],
        sends.failed,
        sends.uncertain,
    ]
    icons = [cell(view, d, Column.ENVELOPE, Qt.ItemDataRole.DecorationRole) for d in docs]
    assert all(i is not None and not i.isNull() for i in icons)  # type: ignore[attr-defined]
    assert len({i.cacheKey() for i in icons}) == 6  # type: ignore[attr-defined]
    assert cell(view, sends.never[0], Column.ENVELOPE, Qt.ItemDataRole.DecorationRole) is None


def test_a_refused_address_is_named_with_its_reason_in_french(
    qtbot: QtBot, db: Database, sends: Sends, french: None
) -> None:
    view = ReportView(db)
    qtbot.addWidget(view)
    wait_report_loaded(qtbot, view)
    tip = tooltip(view, sends.refusals)
    assert REFUSED in tip and "550 5.1.1 adresse inconnue" in tip
    refused_line = next(line for line in tip.splitlines() if REFUSED in line)
    assert "adresse inconnue" in refused_line
    assert DELIVERED in tip  # to whom it was delivered
    assert "Recipient unknown" not in tip  # the server's words are not the reason
    assert cell(view, sends.refusals, Column.STATUS, Qt.ItemDataRole.DisplayRole) == "Envoyée"
    accessible = cell(view, sends.refusals, Column.ENVELOPE, Qt.ItemDataRole.AccessibleTextRole)
    assert accessible and accessible != cell(
        view, sends.sent, Column.ENVELOPE, Qt.ItemDataRole.AccessibleTextRole
    )


def test_tooltips_of_refusals_failed_uncertain_and_retry(view: ReportView, sends: Sends) -> None:
    refusals = tooltip(view, sends.refusals)
    assert refusals.startswith("Sent on ")
    assert f"Delivered to: {DELIVERED}" in refusals
    assert "Address refused by the server:" in refusals
    assert f"{REFUSED}: 550 5.1.1 unknown address" in refusals

    failed = tooltip(view, sends.failed)
    assert failed.startswith("Sending failed on ")
    assert f"{CLOSED}: 550 5.1.1 unknown address" in failed
    assert "Nothing was delivered to the client." in failed

    uncertain = tooltip(view, sends.uncertain)
    assert uncertain.startswith("Outcome uncertain")
    assert "check with the client before sending again" in uncertain

    retry = tooltip(view, sends.retry)
    assert "Next attempt on " in retry
    assert "Reason: 451 4.7.0 refused for now, to be tried again later" in retry
    assert "Server reply: 451 4.7.0 Greylisted, try again later" in retry


def test_held_documents_say_why(view: ReportView, sends: Sends) -> None:
    expected = {
        HoldReason.LATER: "Prepared to be sent later.",
        HoldReason.STOPPED: "You stopped the sending.",
        HoldReason.SETTINGS: "The mail server refused the mail settings",
        HoldReason.ADDRESS_CHANGED: "The client's e-mail addresses changed since it was prepared.",
    }
    tips = {reason: tooltip(view, doc) for reason, doc in sends.held.items()}
    for reason, sentence in expected.items():
        assert tips[reason].startswith("On hold since "), reason
        assert sentence in tips[reason], reason
        for other, other_sentence in expected.items():
            if other != reason:
                assert other_sentence not in tips[reason]
    assert "resume sending in the outbox" in tips[HoldReason.LATER]
    assert "prepare it again or send it as it is" in tips[HoldReason.ADDRESS_CHANGED]


def test_the_status_never_says_sent_for_what_the_client_did_not_get(
    view: ReportView, sends: Sends
) -> None:
    def status(doc: int) -> object:
        return cell(view, doc, Column.STATUS, Qt.ItemDataRole.DisplayRole)

    for doc in (sends.failed, sends.html_failed, sends.uncertain, sends.retry, *sends.never):
        assert status(doc) != "E-mailed"
    for doc in sends.held.values():
        assert status(doc) != "E-mailed"
    assert status(sends.sent) == status(sends.refusals) == "E-mailed"


def test_a_server_reply_in_html_is_never_rendered(view: ReportView, sends: Sends) -> None:
    tip = tooltip(view, sends.html_failed)
    assert not might_be_rich_text(tip)  # Qt shows it as plain text: no link
    assert '<a href="https://example.invalid/x">clic</a>' in tip  # as the server wrote it
    assert tip.splitlines()[0].startswith("Sending failed on ")
    for doc in view.model.shown_ids():
        assert not might_be_rich_text(tooltip(view, doc))


def test_plain_tooltip_escapes_what_would_look_like_html() -> None:
    assert plain_tooltip(["Plain", "<b>x</b>"]) == "Plain\n<b>x</b>"
    guarded = plain_tooltip(['<a href="x">clic</a>', "second & line"])
    assert "<a href" not in guarded and "&lt;a href=&quot;x&quot;&gt;clic&lt;/a&gt;" in guarded
    assert "second &amp; line" in guarded


# --- the Information dialog ----------------------------------------------------------------


def history_cells(dialog: DocumentInfoDialog, row: int = 0) -> dict[HistoryColumn, str]:
    table = dialog.findChild(QTableWidget, "sendHistoryTable")
    assert table is not None
    found = {}
    for column in HistoryColumn:
        item = table.item(row, column)
        found[column] = item.text() if item else ""
    return found


def test_information_lists_the_refused_address_and_its_reason_in_french(
    qtbot: QtBot, db: Database, sends: Sends, french: None
) -> None:
    dialog = DocumentInfoDialog(db, sends.refusals)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "documentInfoDialog"
    row = history_cells(dialog)
    assert DELIVERED in row[HistoryColumn.TO] and REFUSED in row[HistoryColumn.TO]
    assert REFUSED in row[HistoryColumn.DETAILS]
    assert "550 5.1.1 adresse inconnue" in row[HistoryColumn.DETAILS]
    assert DELIVERED not in row[HistoryColumn.DETAILS]
    assert row[HistoryColumn.REPLY].startswith("250")  # the server took the message
    facts = "\n".join(label.text() for label in dialog.findChildren(QLabel))
    assert REFUSED in facts and "adresse inconnue" in facts


def test_information_result_of_each_kind_of_send(qtbot: QtBot, db: Database, sends: Sends) -> None:
    expected = {
        sends.sent: "Delivered",
        sends.refusals: "Sent, address refused",
        sends.failed: "Refused",
        sends.uncertain: "Uncertain",
        sends.retry: "New attempt planned",
    }
    for doc, result in expected.items():
        dialog = DocumentInfoDialog(db, doc)
        qtbot.addWidget(dialog)
        assert history_cells(dialog)[HistoryColumn.RESULT] == result
    dialog = DocumentInfoDialog(db, sends.retry)
    qtbot.addWidget(dialog)
    assert "refused for now" in history_cells(dialog)[HistoryColumn.DETAILS]
    held = DocumentInfoDialog(db, sends.held[HoldReason.LATER])
    qtbot.addWidget(held)
    texts = [label.text() for label in held.findChildren(QLabel)]
    assert any("Prepared to be sent later." in t for t in texts)


def test_information_shows_an_html_reply_as_plain_text(
    qtbot: QtBot, db: Database, sends: Sends
) -> None:
    dialog = DocumentInfoDialog(db, sends.html_failed)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget, "sendHistoryTable")
    assert table is not None
    row = history_cells(dialog)
    assert row[HistoryColumn.RESULT] == "Refused"
    assert f"{TRAP}: 550 5.1.1 unknown address" in row[HistoryColumn.DETAILS]
    for column in HistoryColumn:
        item = table.item(0, column)
        assert item is not None and not might_be_rich_text(item.toolTip()), column
    for label in dialog.findChildren(QLabel):
        if "<" in label.text():  # the client's name, the server's words: never HTML
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert any(label.text() == "Studio <b>Piège</b>" for label in dialog.findChildren(QLabel))


def test_the_states_come_from_the_core_not_from_the_test(db: Database, sends: Sends) -> None:
    """The fixture's sends did reach the server: the report reads what the core wrote."""
    from app.services.outbox import list_outbox

    states = {item.document_id: item.state for item in list_outbox(db, include_sent=True)}
    assert states[sends.failed] == OutboxState.FAILED
    assert states[sends.uncertain] == OutboxState.UNKNOWN
    assert states[sends.refusals] == OutboxState.SENT
