"""Screenshots of the batch dialog before and after a batch, in French, at three screen
sizes, with the layout facts they must keep: the message's body gets the free height, the
pre-send widgets leave once the batch ran, each category of the outcome lists its
documents, nothing pokes out of the dialog, and its size is remembered.

A real window on a real SQLite file, a real batch through the SMTP test server. The
pictures go to the test's folder, and to FACTURIER_SHOTS_DIR when it is set."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QGroupBox,
    QLabel,
    QProgressBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.domain.kinds import ContactKind
from app.services.clients import ClientData, ContactData, save_client
from tests.integration.sending_helpers import configure, invoice, mail_client, overdue_invoice
from tests.smtp_server import SmtpTestServer
from tests.ui.report_loading import wait_report_loaded
from ui.dialogs.batch_confirm import BatchConfirmDialog
from ui.dialogs.batch_summary import Group
from ui.main import create_main_window
from ui.main_window import MainWindow

SIZES = [(800, 600), (1024, 700), (1920, 1080)]
# Lines of the message's body in sight before the batch, by screen height.
BODY_LINES = {600: 6, 700: 9, 1080: 20}
UNKNOWN_USER = "550 5.1.1 User unknown"
_LINK = re.compile(r"<a\s[^>]*href\s*=\s*[\"']?([^\"' >]*)", re.IGNORECASE)


@dataclass
class Batch:
    documents: list[int]  # three delivered, one partly refused, one refused, one no address


@pytest.fixture
def batch(db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> Batch:
    db = open_database(str(db_path))
    try:
        configure(db, smtp_server, monkeypatch)
        good = mail_client(db, "Boulangerie-Pâtisserie Dupuis et Fils", "compta@dupuis.example")
        refused = mail_client(db, "Menuiserie Refus", "seul@refus.example")
        two = save_client(
            db,
            ClientData(
                name="Deux Adresses SARL",
                contacts=(
                    ContactData(ContactKind.EMAIL, "compta@deux.example", mail=True),
                    ContactData(ContactKind.EMAIL, "direction@deux.example", mail=True),
                ),
            ),
        )
        none = mail_client(db, "Garage Sans Mail", None)
        ids = [invoice(db, good, str(100 + n)) for n in range(3)]
        ids += [invoice(db, two), invoice(db, refused), invoice(db, none)]
    finally:
        db.dispose()
    smtp_server.behavior.rcpt_replies = {
        "seul@refus.example": UNKNOWN_USER,
        "direction@deux.example": UNKNOWN_USER,
    }
    return Batch(ids)


def keep(widget: QWidget, folder: Path, name: str) -> Path:
    """The picture in the test's folder, and in FACTURIER_SHOTS_DIR when set."""
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    extra = os.environ.get("FACTURIER_SHOTS_DIR")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(extra) / f"{name}.png"))
    return path


def out_of_bounds(dialog: QWidget) -> list[str]:
    """Visible controls not wholly inside the dialog (scroll areas' contents aside)."""
    kinds = (QLabel, QAbstractButton, QGroupBox, QAbstractScrollArea, QProgressBar)
    found = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisible():
            continue
        if any(isinstance(p, QAbstractScrollArea) for p in ancestors(widget, dialog)):
            continue
        top_left = widget.mapTo(dialog, widget.rect().topLeft())
        if not dialog.rect().contains(QRect(top_left, widget.size()).adjusted(0, 0, -1, -1)):
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def start_window(qtbot: QtBot, db_path: Path, size: tuple[int, int]) -> MainWindow:
    window = create_main_window(str(db_path))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    wait_report_loaded(qtbot, window.report_view)
    return window


def open_batch(qtbot: QtBot, window: MainWindow, ids: list[int]) -> BatchConfirmDialog:
    window.report_view.model.set_checked(ids, True)
    return clicked_open(qtbot, window, window.findChild(QToolButton, "sendWebmailButton"))


def clicked_open(
    qtbot: QtBot, window: MainWindow, button: QToolButton | None
) -> BatchConfirmDialog:
    """The batch dialog a click on ``button`` opens, once its plan is ready."""
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(BatchConfirmDialog, "batchConfirmDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan_ready and dialog.validate_button.isEnabled())
    return dialog


def fit(dialog: QWidget, size: tuple[int, int]) -> None:
    """As the user would size it on a screen of that size (the offscreen one is 800×600)."""
    width, height = size
    dialog.resize(min(width - 40, 1000), height - 60)
    QApplication.processEvents()


def body_lines(dialog: BatchConfirmDialog) -> int:
    view = dialog.body_view
    return view.viewport().height() // view.fontMetrics().lineSpacing()


def run(qtbot: QtBot, dialog: BatchConfirmDialog) -> None:
    with qtbot.waitSignal(dialog.batchFinished, timeout=30_000):
        qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def assert_after(dialog: BatchConfirmDialog) -> None:
    """Only the outcome: no pre-send widget, each category with its documents."""
    for widget in (
        dialog.choices_panel,
        dialog.channel_label,
        dialog.splitter,
        dialog.missing_group,
        dialog.missing_list,
        dialog.non_compliant_group,
        dialog.preview_group,
        dialog.body_view,
        dialog.validate_button,
        dialog.later_button,
        dialog.progress,
    ):
        assert not widget.isVisible(), widget.objectName() or type(widget).__name__
    tree = dialog.outcome_view
    assert tree.isVisible() and tree.groups()
    for group in tree.groups():
        assert tree.lines(group), group
    # A count is a link only when its category has documents to show.
    text = dialog.summary_label.text()
    assert set(_LINK.findall(text)) <= {str(g) for g in tree.groups()}
    assert dialog.cancel_button.text() == "Fermer"


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_batch_dialog_before_and_after(
    qtbot: QtBot, db_path: Path, batch: Batch, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = start_window(qtbot, db_path, size)
    dialog = open_batch(qtbot, window, batch.documents)
    fit(dialog, size)
    qtbot.waitUntil(lambda: dialog.subject_label.text().startswith("Facture F-"))
    name = f"batch-dialog-{size[0]}x{size[1]}"
    keep(dialog, tmp_path, f"{name}-before")

    assert dialog.count_label.text() == "5 documents vont être envoyés."
    assert dialog.missing_group.isVisible() and dialog.missing_list.count() == 1
    assert dialog.preview_group.isVisible()
    assert body_lines(dialog) >= BODY_LINES[size[1]], body_lines(dialog)
    # The body has the free height: the problems' pane only what its list needs.
    assert dialog.body_view.height() > dialog.missing_group.height()
    assert out_of_bounds(dialog) == []
    assert dialog.isSizeGripEnabled()

    run(qtbot, dialog)
    keep(dialog, tmp_path, f"{name}-after")
    assert_after(dialog)
    tree = dialog.outcome_view
    assert tree.groups() == [Group.SENT, Group.REFUSALS, Group.FAILED, Group.MISSING]
    assert len(tree.lines(Group.SENT)) == 4 and len(tree.lines(Group.FAILED)) == 1
    assert any("seul@refus.example" in line for line in tree.lines(Group.FAILED))
    assert any("Garage Sans Mail" in line for line in tree.lines(Group.MISSING))
    assert tree.height() >= 4 * tree.fontMetrics().lineSpacing()
    assert out_of_bounds(dialog) == []
    # A count's link brings its category into view.
    dialog.summary_label.linkActivated.emit(str(Group.FAILED))
    current = tree.currentItem()
    assert current is not None and current.data(0, Qt.ItemDataRole.UserRole) == "failed"
    dialog.close()


def test_the_dialog_remembers_its_size(
    qtbot: QtBot, db_path: Path, batch: Batch, tmp_path: Path
) -> None:
    window = start_window(qtbot, db_path, (800, 600))
    dialog = open_batch(qtbot, window, batch.documents[:2])
    dialog.resize(700, 520)  # the offscreen screen is 800×600: a restore fits in it
    QApplication.processEvents()
    dialog.close()
    qtbot.waitUntil(lambda: window.batch_dialog is None)

    again = open_batch(qtbot, window, batch.documents[:2])
    assert (again.width(), again.height()) == (700, 520)
    again.close()


@pytest.fixture
def reminders(
    db_path: Path, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> list[int]:
    db = open_database(str(db_path))
    try:
        configure(db, smtp_server, monkeypatch)
        martin = mail_client(db, "Boulangerie Martin", "compta@martin.example")
        late = [overdue_invoice(db, martin, a, d) for a, d in (("100", 40), ("250", 20))]
        other = mail_client(db, "Atelier Durand", "contact@durand.example")
        late.append(overdue_invoice(db, other, "80", 15))
        nomail = mail_client(db, "Garage Sans Mail", None)
        late.append(overdue_invoice(db, nomail, "90", 12))
    finally:
        db.dispose()
    return late


@pytest.mark.usefixtures("french")
def test_reminders_batch_dialog(
    qtbot: QtBot, db_path: Path, reminders: list[int], tmp_path: Path
) -> None:
    window = start_window(qtbot, db_path, (1024, 700))
    nav = window.navigation
    for row in range(nav.count()):
        if nav.item(row).data(Qt.ItemDataRole.UserRole) == "reminders":
            nav.setCurrentRow(row)
    view = window.reminders_view
    qtbot.waitUntil(lambda: view.model.rowCount() == len(reminders))
    view.model.set_checked(reminders, True)
    dialog = clicked_open(qtbot, window, view.findChild(QToolButton, "sendRemindersButton"))
    fit(dialog, (1024, 700))
    qtbot.waitUntil(lambda: dialog.subject_label.text().startswith("Rappel"))
    keep(dialog, tmp_path, "batch-dialog-reminders-before")
    assert body_lines(dialog) >= BODY_LINES[700]
    assert dialog.missing_list.count() == 1
    assert out_of_bounds(dialog) == []

    run(qtbot, dialog)
    keep(dialog, tmp_path, "batch-dialog-reminders-after")
    assert_after(dialog)
    tree = dialog.outcome_view
    assert tree.groups() == [Group.SENT, Group.MISSING]
    sent = tree.lines(Group.SENT)
    assert len(sent) == 2  # one line per reminder e-mail, with all its invoices
    assert sum(line.count("F-2026-") for line in sent) == 3
    assert out_of_bounds(dialog) == []
    dialog.close()
