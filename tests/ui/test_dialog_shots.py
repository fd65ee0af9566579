"""Screenshots of the client editor and of every settings page at three screen sizes, in
French, with the layout facts they must keep: the dialog fits the screen, nothing lies
outside it, no label is cut, no page scrolls sideways. Set FACTURIER_SHOTS to a folder to
keep the pictures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.domain.kinds import ContactKind
from app.services.clients import ClientData, ContactData, save_client
from tests.ui.test_client_editor import _discard
from tests.ui.test_layout_shots import SIZES, save
from ui.dialogs.client_editor import ClientEditorDialog
from ui.dialogs.settings_dialog import SettingsDialog


def fit_to_screen(qtbot: QtBot, dialog: QDialog, size: tuple[int, int]) -> None:
    """Open ``dialog`` as it opens on a screen of ``size`` (a title bar's room kept)."""
    width, height = size
    wanted = dialog.size().expandedTo(dialog.sizeHint())  # the size it opens at
    dialog.resize(min(wanted.width(), width), min(wanted.height(), height - 60))
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()


def layout_problems(dialog: QDialog) -> list[str]:
    """Visible widgets outside the dialog, and one-line labels cut short."""
    problems = []
    bounds = dialog.rect()
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible() or widget.width() == 0:
            continue
        inside_scroll = any(
            isinstance(a, QScrollArea) for a in _ancestors(widget, dialog)
        )  # a scrolled page may run below the fold, never sideways
        top_left = widget.mapTo(dialog, widget.rect().topLeft())
        area = QRect(top_left, widget.size()).adjusted(0, 0, -1, -1)
        if not inside_scroll and not bounds.contains(area):
            problems.append(f"{widget.objectName() or type(widget).__name__} outside")
        if (
            isinstance(widget, QLabel)
            and not widget.wordWrap()
            and widget.text()
            and widget.pixmap().isNull()
            and widget.minimumSizeHint().width() > widget.width() + 1
        ):
            problems.append(f"label cut: {widget.text()[:40]!r}")
    return problems


def _ancestors(widget: QWidget, top: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        yield parent
        parent = parent.parentWidget()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_client_editor_layout(
    qtbot: QtBot, db: Database, french: None, size: tuple[int, int]
) -> None:
    client = save_client(
        db,
        ClientData(
            name="Menuiserie Lefèvre et Fils — Ateliers du Faubourg Saint-Antoine",
            street="3 allée des Érables",
            postal_code="75011",
            city="Paris",
            contacts=(
                ContactData(
                    ContactKind.EMAIL, "comptabilite.fournisseurs@lefevre.example", mail=True
                ),
                ContactData(ContactKind.PHONE, "01 43 00 00 00"),
            ),
        ),
    )
    dialog = ClientEditorDialog(db, client)
    qtbot.addWidget(dialog, before_close_func=_discard)
    fit_to_screen(qtbot, dialog, size)
    save(dialog, f"client-editor-{size[0]}x{size[1]}")
    assert dialog.width() <= size[0] and dialog.height() <= size[1]
    assert layout_problems(dialog) == []
    scroll = dialog.findChild(QScrollArea, "clientEditorScroll")
    assert scroll is not None and scroll.widget() is not None
    assert scroll.widget().width() <= scroll.viewport().width()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_settings_page_layout(
    qtbot: QtBot, db: Database, french: None, size: tuple[int, int]
) -> None:
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog, before_close_func=_discard)
    fit_to_screen(qtbot, dialog, size)
    assert dialog.width() <= size[0] and dialog.height() <= size[1]
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        save(dialog, f"settings-{index}-{size[0]}x{size[1]}")
        page = dialog.tabs.widget(index)
        scrolls = [page] if isinstance(page, QScrollArea) else []
        for scroll in scrolls + page.findChildren(QScrollArea):
            # Never sideways: the page is as wide as the area shows, nothing cut on the right.
            inner = scroll.widget()
            assert inner is not None
            assert inner.width() <= scroll.viewport().width(), dialog.tabs.tabText(index)
        assert layout_problems(dialog) == [], dialog.tabs.tabText(index)
