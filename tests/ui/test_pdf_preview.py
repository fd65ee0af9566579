"""The PDF preview: pages drawn in the background, zoom, Save as… (exact bytes), Print…"""

from __future__ import annotations

import hashlib
import io
import math
import os
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.db.database import Database
from app.db.models import PdfArchive
from app.services.documents import ensure_archived_pdf, get_document, validate_document
from app.services.pdf_preview import document_pdf
from tests.unit.test_pdf_preview_service import client_id, draft  # noqa: F401 (fixture)
from ui.dialogs import pdf_pages, pdf_preview
from ui.dialogs.pdf_pages import ZOOM_STEPS
from ui.dialogs.pdf_preview import PdfPreviewDialog, open_pdf_preview

LONG = 80  # lines: a few pages


def count_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def open_dialog(qtbot: QtBot, db: Database, document_id: int) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(db, document_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.pagesRendered, timeout=30_000):
        dialog.show()
    return dialog


def assert_sharp(dialog: PdfPreviewDialog, pages: list[int] | None = None) -> None:
    """Every page (or those given) is drawn at the resolution it is shown at."""
    dpi = dialog.view.render_dpi()
    for index in range(len(dialog.view.sizes)) if pages is None else pages:
        width, height = dialog.view.sizes[index]
        pixmap = dialog.view.page_pixmap(index)
        assert not pixmap.isNull()
        assert (pixmap.width(), pixmap.height()) == (
            math.ceil(width * dpi / 72),
            math.ceil(height * dpi / 72),
        )
        label = dialog.view.page_labels[index]
        assert label.size() == dialog.view.page_size_on_screen((width, height))


@pytest.fixture
def long_draft(db: Database, client_id: int) -> int:  # noqa: F811
    return draft(db, client_id, lines=LONG)


@pytest.fixture
def validated(db: Database, client_id: int) -> int:  # noqa: F811
    return validate_document(db, draft(db, client_id, lines=LONG)).id


def test_a_draft_shows_every_page(qtbot: QtBot, db: Database, long_draft: int) -> None:
    expected = count_pages(document_pdf(db, long_draft).data)
    assert expected >= 3
    dialog = open_dialog(qtbot, db, long_draft)
    assert dialog.objectName() == "pdfPreviewDialog"
    assert len(dialog.view.page_labels) == len(dialog.view.sizes) == expected
    assert dialog.page_count_label.text() == f"Page 1 of {expected}"
    scroll_bar = dialog.view.verticalScrollBar()
    scroll_bar.setValue(scroll_bar.maximum())
    assert dialog.page_count_label.text() == f"Page {expected} of {expected}"
    scroll_bar.setValue(dialog.view.page_labels[1].geometry().top())
    assert dialog.page_count_label.text() == f"Page 2 of {expected}"
    assert "draft" in dialog.windowTitle()
    assert "Draft" in dialog.status_label.text()
    assert dialog.view.fit_width and dialog.fit_button.isChecked()
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert_sharp(dialog)
    # Fit width: the page fills the viewport but for the margins around it.
    viewport = dialog.view.viewport().width()
    assert viewport - 2 * pdf_pages.PAGE_GAP - 1 <= dialog.view.page_labels[0].width() <= viewport


def test_the_window_stays_responsive_while_the_pages_are_drawn(
    qtbot: QtBot, db: Database, long_draft: int
) -> None:
    ticks: list[int] = []  # pages drawn at each tick of a timer on the GUI thread
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(
        lambda: dialog.view.rendering and ticks.append(len(dialog.view.sharp_pages()))
    )
    dialog = PdfPreviewDialog(db, long_draft)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitSignal(dialog.loaded, timeout=30_000).wait()
    timer.start()
    with qtbot.waitSignal(dialog.pagesRendered, timeout=30_000):
        dialog.view.set_zoom(2.0)
    timer.stop()
    assert ticks, "the event loop never ran while the pages were drawn"
    assert min(ticks) < len(dialog.view.page_labels)  # pages arrive one by one, not all at once


def test_zoom_in_out_and_fit_width(qtbot: QtBot, db: Database, long_draft: int) -> None:
    dialog = open_dialog(qtbot, db, long_draft)
    fitted = dialog.view.zoom
    fitted_width = dialog.view.page_labels[0].width()

    with qtbot.waitSignal(dialog.pagesRendered, timeout=30_000):
        qtbot.mouseClick(dialog.zoom_in_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoom == min(z for z in ZOOM_STEPS if z > fitted + 0.005)
    assert not dialog.view.fit_width and not dialog.fit_button.isChecked()
    assert dialog.view.page_labels[0].width() > fitted_width
    assert dialog.zoom_label.text() == f"{round(dialog.view.zoom * 100)}%"
    assert_sharp(dialog)

    with qtbot.waitSignal(dialog.pagesRendered, timeout=30_000):
        dialog.view.zoom_by(-1)
        dialog.view.zoom_by(-1)
        dialog.view.zoom_by(-1)  # three clicks in a row: one re-rendering at the last zoom
    assert dialog.view.zoom < fitted
    assert_sharp(dialog)

    with qtbot.waitSignal(dialog.pagesRendered, timeout=30_000):
        dialog.fit_button.click()
    assert dialog.view.fit_width and dialog.view.zoom == pytest.approx(fitted)
    assert dialog.view.page_labels[0].width() == fitted_width
    assert_sharp(dialog)


def test_zoom_stops_at_its_limits(qtbot: QtBot, db: Database, long_draft: int) -> None:
    dialog = open_dialog(qtbot, db, long_draft)
    with qtbot.waitSignal(dialog.pagesRendered, timeout=30_000):
        for _ in range(len(ZOOM_STEPS) + 2):
            dialog.view.zoom_by(-1)
    assert dialog.view.zoom == ZOOM_STEPS[0]
    assert not dialog.zoom_out_button.isEnabled() and dialog.zoom_in_button.isEnabled()
    assert_sharp(dialog)


def test_only_the_pages_near_the_view_are_kept_sharp_at_a_high_zoom(
    qtbot: QtBot, db: Database, long_draft: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, db, long_draft)
    count = len(dialog.view.page_labels)
    dpi = pdf_pages.SCREEN_DPI * 2
    width, height = dialog.view.sizes[0]
    page_pixels = math.ceil(width * dpi / 72) * math.ceil(height * dpi / 72)
    monkeypatch.setattr(pdf_pages, "MAX_SHARP_PIXELS", 2 * page_pixels)
    with qtbot.waitSignal(dialog.pagesRendered, timeout=30_000):
        dialog.view.set_zoom(2.0)
    assert dialog.view.sharp_pages() == [0, 1]
    assert all(dialog.view.page_pixmap(i).isNull() for i in range(2, count))  # memory given back

    scroll_bar = dialog.view.verticalScrollBar()
    with qtbot.waitSignal(dialog.pagesRendered, timeout=30_000):
        scroll_bar.setValue(scroll_bar.maximum())  # the user scrolls to the end
    assert dialog.view.sharp_pages() == [count - 2, count - 1]
    assert dialog.view.page_pixmap(0).isNull()
    assert_sharp(dialog, dialog.view.sharp_pages())


def test_fit_width_follows_the_window(qtbot: QtBot, db: Database, long_draft: int) -> None:
    dialog = open_dialog(qtbot, db, long_draft)
    before = dialog.view.zoom
    with qtbot.waitSignal(dialog.pagesRendered, timeout=30_000):
        dialog.resize(dialog.width() - 200, dialog.height())
    assert dialog.view.zoom < before
    assert_sharp(dialog)


def test_save_writes_the_archived_bytes(
    qtbot: QtBot, db: Database, validated: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chosen.pdf"
    asked: list[tuple[Any, ...]] = []

    def choose(*args: Any) -> tuple[str, str]:
        asked.append(args)
        return str(target), "PDF documents (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    dialog = open_dialog(qtbot, db, validated)
    assert "F-2026-0001" in dialog.windowTitle()
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    assert saved.args == [str(target)]
    assert Path(asked[0][2]).name == "F-2026-0001.pdf"  # the suggested name
    data = target.read_bytes()
    assert data == ensure_archived_pdf(db, validated)
    assert hashlib.sha256(data).hexdigest() == get_document(db, validated).pdf_sha256
    assert str(target) in dialog.status_label.text()


def test_save_adds_the_extension_and_reports_a_failure(
    qtbot: QtBot, db: Database, long_draft: int, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, db, long_draft)
    assert dialog.save_to(tmp_path / "devis")
    assert (tmp_path / "devis.pdf").read_bytes().startswith(b"%PDF-")
    assert not dialog.save_to(tmp_path / "no-such-folder" / "x.pdf")
    assert "could not be saved" in dialog.status_label.text()


def test_save_never_writes_over_the_database(
    qtbot: QtBot, db: Database, validated: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert db.path is not None
    before = db.path.read_bytes()
    dialog = open_dialog(qtbot, db, validated)
    for target in (db.path, Path(f"{db.path}-wal")):
        # The file dialog confirmed the replacement: still refused.
        with qtbot.assertNotEmitted(dialog.saved):
            assert not dialog.save_to(target)
        assert "database" in dialog.status_label.text()
        assert "Choose another name" in dialog.status_label.text()
    assert db.path.read_bytes() == before


def test_save_on_a_full_disk_keeps_the_old_file_whole(
    qtbot: QtBot, db: Database, validated: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    target = tmp_path / "facture.pdf"
    target.write_bytes(b"the old, complete file")
    dialog = open_dialog(qtbot, db, validated)

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    assert not dialog.save_to(target)
    monkeypatch.undo()
    assert target.read_bytes() == b"the old, complete file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftover
    assert "disk is full" in dialog.status_label.text()
    assert str(tmp_path) in dialog.status_label.text()


def test_save_does_not_replace_a_file_the_user_did_not_choose(
    qtbot: QtBot, db: Database, long_draft: int, tmp_path: Path
) -> None:
    (tmp_path / "devis.pdf").write_bytes(b"another document")
    dialog = open_dialog(qtbot, db, long_draft)
    assert not dialog.save_to(tmp_path / "devis")  # the dialog confirmed "devis", not ".pdf"
    assert (tmp_path / "devis.pdf").read_bytes() == b"another document"
    assert "already exists" in dialog.status_label.text()
    assert dialog.save_to(tmp_path / "devis.pdf")  # chosen (and confirmed) in the dialog
    assert (tmp_path / "devis.pdf").read_bytes().startswith(b"%PDF-")


def test_cancelling_the_save_dialog_writes_nothing(
    qtbot: QtBot, db: Database, long_draft: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[Path] = []
    monkeypatch.setattr(Path, "write_bytes", lambda path, data: written.append(path))
    monkeypatch.setattr(
        pdf_preview, "write_file", lambda path, data, **options: written.append(path)
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    dialog = open_dialog(qtbot, db, long_draft)
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.save_button.click()
    assert written == []
    assert dialog.status_label.text().startswith("Draft")


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_to_a_pdf_file_gives_every_page(
    qtbot: QtBot, db: Database, validated: int, tmp_path: Path
) -> None:
    expected = count_pages(ensure_archived_pdf(db, validated))
    dialog = open_dialog(qtbot, db, validated)
    printer = pdf_printer(tmp_path / "printed.pdf")
    dialog.prepare_printer(printer)
    with qtbot.waitSignal(dialog.printFinished, timeout=60_000) as finished:
        dialog.print_to(printer)
        assert not dialog.print_button.isEnabled()  # one print at a time
    assert finished.args == [True]
    assert dialog.print_button.isEnabled()
    assert dialog.status_label.text() == "Sent to the printer."
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == expected
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width, height) == pytest.approx((595.28, 841.89), abs=1.5)  # A4, no margins
        assert len(page.images) == 1  # the page, drawn as one image
        image = page.images[0].image
        assert image is not None and image.width == math.ceil(595.28 * 300 / 72)


def test_print_a_page_range(qtbot: QtBot, db: Database, validated: int, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, db, validated)
    printer = pdf_printer(tmp_path / "page2.pdf")
    dialog.prepare_printer(printer)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    with qtbot.waitSignal(dialog.printFinished, timeout=60_000):
        dialog.print_to(printer)
    assert len(PdfReader(tmp_path / "page2.pdf").pages) == 1


def test_a_printer_that_cannot_start_is_explained(
    qtbot: QtBot, db: Database, long_draft: int, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, db, long_draft)
    printer = pdf_printer(tmp_path / "no-such-folder" / "out.pdf")
    with qtbot.waitSignal(dialog.printFinished, timeout=30_000) as finished:
        dialog.print_to(printer)
    assert finished.args == [False]
    assert "printer cannot be used" in dialog.status_label.text()
    assert dialog.print_button.isEnabled()
    assert dialog.error is None  # the preview itself is fine


def test_the_print_button_asks_the_print_dialog(
    qtbot: QtBot,
    db: Database,
    long_draft: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "from-dialog.pdf"
    answers = [QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted]

    class FakePrintDialog:
        def __init__(self, printer: QPrinter, parent: QWidget) -> None:
            self.printer = printer

        def setWindowTitle(self, title: str) -> None:
            assert f"draft-{long_draft}.pdf" in title

        def setMinMax(self, first: int, last: int) -> None:
            assert (first, last) >= (1, 3)

        def exec(self) -> QDialog.DialogCode:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(target))
            return answers.pop(0)

    monkeypatch.setattr(pdf_preview, "QPrintDialog", FakePrintDialog)
    dialog = open_dialog(qtbot, db, long_draft)
    with qtbot.assertNotEmitted(dialog.printFinished):
        dialog.print_button.click()  # the user cancels the print dialog
    assert not target.exists()
    with qtbot.waitSignal(dialog.printFinished, timeout=60_000):
        dialog.print_button.click()
    assert len(PdfReader(target).pages) == len(dialog.view.sizes)


def test_a_missing_document_is_explained(qtbot: QtBot, db: Database) -> None:
    dialog = PdfPreviewDialog(db, 4242)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.error is not None, timeout=30_000)
    assert dialog.status_label.text() == "This document no longer exists."
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.view.page_labels == []


def test_a_damaged_archive_is_explained(qtbot: QtBot, db: Database, validated: int) -> None:
    with db.write() as session:
        session.execute(update(PdfArchive).values(data=b"%PDF-1.4 tampered"))
    dialog = PdfPreviewDialog(db, validated)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.error is not None, timeout=30_000)
    assert "F-2026-0001" in dialog.status_label.text()
    assert "damaged" in dialog.status_label.text()
    assert not dialog.save_button.isEnabled()


def test_open_pdf_preview_shows_a_window_that_goes_away_when_closed(
    qtbot: QtBot, db: Database, validated: int
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    open_pdf_preview(parent, db, validated)
    dialog = parent.findChild(PdfPreviewDialog, "pdfPreviewDialog")
    assert isinstance(dialog, PdfPreviewDialog) and dialog.isVisible()
    qtbot.waitSignal(dialog.pagesRendered, timeout=30_000).wait()
    dialog.close()
    qtbot.waitUntil(lambda: parent.findChild(PdfPreviewDialog) is None)  # WA_DeleteOnClose


def test_screenshot(qtbot: QtBot, db: Database, long_draft: int, tmp_path: Path) -> None:
    """Not an assertion of looks: a picture to look at (FACTURIER_SCREENSHOTS=folder)."""
    dialog = open_dialog(qtbot, db, long_draft)
    folder = Path(os.environ.get("FACTURIER_SCREENSHOTS", tmp_path))
    assert dialog.grab().save(str(folder / "pdf-preview.png"))
