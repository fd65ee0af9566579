"""Export for the accountant from the window: Tools › Export for the accountant… writes the
demo year's FEC file (balanced, one entry per document) and the zip of its PDFs."""

from __future__ import annotations

import shutil
import zipfile
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.fec import COLUMNS
from tests.integration.test_export_cli import amount, legal_totals
from ui.dialogs.export_dialog import ExportDialog, default_period
from ui.main import create_main_window
from ui.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot, demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    win = create_main_window(str(path))
    qtbot.addWidget(win)
    win.show()
    return win


def open_export(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    action = window.export_action
    assert action.objectName() == "exportAction" and action in window.tools_menu.actions()
    action.trigger()
    dialog = window.findChild(ExportDialog, "exportDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def export(qtbot: QtBot, dialog: ExportDialog) -> bool:
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return bool(finished.args and finished.args[0])


def test_the_demo_year_exported_as_fec_balances(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "pour le comptable"
    out.mkdir()
    dialog = open_export(qtbot, window)
    dialog.from_edit.setDate(QDate(2026, 1, 1))
    dialog.to_edit.setDate(QDate(2026, 12, 31))
    assert dialog.format_combo.currentData() == "fec"
    dialog.folder_edit.setText(str(out))
    dialog.pdfs_check.setChecked(True)
    assert export(qtbot, dialog)

    (fec,) = out.glob("*FEC20261231.txt")
    text = fec.read_bytes().decode("utf-8")
    rows = [line.split("\t") for line in text.split("\r\n")[:-1]]
    assert tuple(rows[0]) == COLUMNS
    debit: dict[str, Decimal] = defaultdict(Decimal)
    credit: dict[str, Decimal] = defaultdict(Decimal)
    for fields in rows[1:]:
        debit[fields[2]] += amount(fields[11])
        credit[fields[2]] += amount(fields[12])
    assert debit == credit  # every entry balances
    db_path = Path(window.db.path or "")
    count, _invoices, _credits = legal_totals(db_path)
    assert len(debit) == count
    (archive,) = out.glob("*.zip")
    with zipfile.ZipFile(archive) as pdfs:
        assert len(pdfs.namelist()) == count

    shown = dialog.result_line.label.text()
    assert fec.name in shown and archive.name in shown and f"documents: {count};" in shown
    assert dialog.result_line.tone == "success"

    # Again: the files exist; declining leaves them untouched.
    before = fec.read_bytes()
    dialog.ask_replace = lambda _path: False  # type: ignore[method-assign]
    assert not export(qtbot, dialog)
    assert "already exists" in dialog.result_line.label.text()
    assert fec.read_bytes() == before
    dialog.ask_replace = lambda _path: True  # type: ignore[method-assign]
    assert export(qtbot, dialog)
    dialog.close()
    QApplication.processEvents()


def test_a_backwards_period_and_csv(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = open_export(qtbot, window)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.format_combo.setCurrentIndex(1)
    dialog.from_edit.setDate(QDate(2026, 7, 1))
    dialog.to_edit.setDate(QDate(2026, 6, 1))
    assert not export(qtbot, dialog)
    assert "Nothing was written" in dialog.result_line.label.text()
    assert list(tmp_path.glob("ventes-*")) == []
    dialog.from_edit.setDate(QDate(2026, 6, 1))
    dialog.to_edit.setDate(QDate(2026, 6, 30))
    assert export(qtbot, dialog)
    assert (tmp_path / "ventes-20260601-20260630.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    dialog.close()


def test_the_default_period() -> None:
    assert default_period(date(2027, 2, 10)) == (date(2026, 1, 1), date(2026, 12, 31))
    assert default_period(date(2027, 9, 10)) == (date(2027, 1, 1), date(2027, 9, 10))
