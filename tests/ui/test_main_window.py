"""The main window on a real SQLite file, driven offscreen."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QTableView
from pytestqt.qtbot import QtBot

from app.services.database import open_database
from app.services.demo import fill_demo
from app.services.settings import get_company, update_company
from tests.ui.report_loading import wait_report_loaded
from ui.i18n import install_translators
from ui.main import create_main_window
from ui.main_window import MainWindow


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, made once per module (each validated document renders its PDF)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(str(path))
    fill_demo(db, clients=12, documents=60)
    db.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def window(qtbot: QtBot, demo_db: Path) -> Iterator[MainWindow]:
    win = create_main_window(str(demo_db))
    qtbot.addWidget(win)
    yield win


def test_navigation_has_every_view_with_its_key(window: MainWindow) -> None:
    nav = window.findChild(QListWidget, "navigation")
    assert nav is not None
    keys = [nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(nav.count())]
    assert keys == ["invoice", "quote", "order", "delivery", "clients", "outbox", "reminders"]
    assert window.objectName() == "mainWindow"


def test_report_shows_the_selected_kind(qtbot: QtBot, window: MainWindow) -> None:
    table = window.findChild(QTableView, "reportTable")
    assert table is not None
    model = table.model()
    wait_report_loaded(qtbot, window.report_view)
    assert model.rowCount() > 0
    numbers = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert all(n.startswith("F-") for n in numbers)
    window.navigation.setCurrentRow(1)
    wait_report_loaded(qtbot, window.report_view)
    numbers = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert numbers and all(n.startswith("D-") for n in numbers)


def test_french_labels(qtbot: QtBot, demo_db: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "fr")
    try:
        win = create_main_window(str(demo_db))
        qtbot.addWidget(win)
        labels = [win.navigation.item(i).text() for i in range(win.navigation.count())]
        assert labels == [
            "Factures",
            "Devis",
            "Commandes",
            "Livraisons",
            "Clients",
            "Boîte d’envoi",
            "Relances",
        ]
        assert (
            win.report_model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            == "Total TTC"
        )
    finally:
        install_translators(app, "en")


def test_the_status_bar_names_the_company_not_the_file(
    qtbot: QtBot, window: MainWindow, demo_db: Path
) -> None:
    """The database's path is under Settings › Database (and in the tooltip); the status bar
    says whose invoices these are, and follows a change of the company's name."""
    db = open_database(str(demo_db))
    name = get_company(db).name
    assert name
    qtbot.waitUntil(lambda: window.company_label.text() == name)
    assert str(demo_db) not in window.statusBar().currentMessage()
    assert window.company_label.toolTip() == str(demo_db)

    update_company(db, name="Atelier Dupont & Fils")
    db.dispose()
    window.outbox_sender.settings_changed()  # what saving the Settings dialog does
    qtbot.waitUntil(lambda: window.company_label.text() == "Atelier Dupont & Fils")


def test_a_shared_database_says_so(qtbot: QtBot, window: MainWindow) -> None:
    install_translators(QApplication.instance(), "fr")  # type: ignore[arg-type]
    try:
        assert window.company_text("Atelier Dupont", shared=True) == (
            "Atelier Dupont — base partagée"
        )
        assert window.company_text("", shared=True) == "Base partagée"
        assert window.company_text("Atelier Dupont", shared=False) == "Atelier Dupont"
    finally:
        install_translators(QApplication.instance(), "en")  # type: ignore[arg-type]
