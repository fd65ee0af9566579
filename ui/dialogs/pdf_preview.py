"""Preview a document's PDF inside the program, print it, or save it.

The PDF is a validated document's archive (byte for byte what was e-mailed) or a fresh
rendering of a draft with its watermark (app.services.pdf_preview). "Validate and send"
(Ctrl+Shift+E, as in the editor) validates a draft after the editor's question, then asks
the caller to open the sending of it (``sendRequested``); a validated document goes straight
to the sending. Loading and drawing the
pages run in the background (ui.tasks), page by page, so a long document never freezes the
window; a zoom re-renders the pages at the resolution they are shown at.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QShortcut,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import FacturierError
from app.files import write_file
from app.services.database import Database
from app.services.document_data import DocumentData
from app.services.documents import validate_document
from app.services.pdf_preview import PageImage, PdfFile, document_pdf, iter_pages, page_sizes
from ui.dialogs.document_editor import SEND_KEYS
from ui.dialogs.document_editor_texts import document_error_text
from ui.dialogs.pdf_pages import PAGE_GAP, SCREEN_DPI, PdfPagesView, page_qimage
from ui.dialogs.settings_widgets import chain_tab_order
from ui.icons import icon
from ui.messages import error_text, exception_text
from ui.shortcut_text import shortcut_hint
from ui.tasks import Task, TaskContext, run_task

PRINT_DPI = 300.0  # enough for text and logos; a 1200 dpi page would take 550 MB
PROBLEM_COLOUR = "#c62828"


class PrinterRefusedError(Exception):
    """The printer would not start the job or take another page."""


@dataclass(frozen=True)
class _Loaded:
    pdf: PdfFile
    sizes: list[tuple[float, float]]


class PdfPreviewDialog(QDialog):
    """The pages of one document's PDF, with zoom, Print… and Save as…"""

    loaded = Signal()  # the PDF is here and the pages are laid out
    pagesRendered = Signal()  # the pages near the view are drawn at the current zoom
    printFinished = Signal(bool)  # True: every page went to the printer
    saved = Signal(str)  # the path written
    validated = Signal(int)  # the draft shown was validated here
    sendRequested = Signal(int)  # "Validate and send": the validated document, to send

    def __init__(self, db: Database, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.setWindowTitle(self.tr("Preview"))
        self.db = db
        self.document_id = document_id
        self.pdf: PdfFile | None = None
        self.sizes: list[tuple[float, float]] = []  # each page's size in points
        self.error: object | None = None
        self._load_task: Task[_Loaded, None] | None = None
        self._print_task: Task[bool, int] | None = None
        self._printer: QPrinter | None = None  # alive while a print task paints on it
        self._validate_task: Task[DocumentData, None] | None = None
        self.view = PdfPagesView()
        self.view.zoomChanged.connect(self._zoom_changed)
        self.view.positionChanged.connect(self._position_changed)
        self.view.failed.connect(self._failed)
        self.view.pagesRendered.connect(self.pagesRendered)

        self.zoom_out_button = self._tool_button(
            "zoomOut", "−", self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_in_button = self._tool_button(
            "zoomIn", "+", self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 %") + 8)
        self.fit_button = QToolButton()
        self.fit_button.setObjectName("fitWidth")
        self.fit_button.setText(self.tr("Fit width"))
        self.fit_button.setToolTip(self.tr("Show the whole width of the page"))
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.fit_button.setShortcut(QKeySequence("Ctrl+0"))
        self.zoom_out_button.clicked.connect(lambda: self.view.zoom_by(-1))
        self.zoom_in_button.clicked.connect(lambda: self.view.zoom_by(+1))
        self.fit_button.clicked.connect(self._fit_clicked)
        self.page_count_label = QLabel()
        self.page_count_label.setObjectName("pageCount")
        self.status_label = QLabel(self.tr("Loading the PDF…"))
        self.status_label.setObjectName("previewStatus")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        tools = QHBoxLayout()
        tools.setSpacing(4)
        tools.addWidget(self.zoom_out_button)
        tools.addWidget(self.zoom_label)
        tools.addWidget(self.zoom_in_button)
        tools.addSpacing(6)
        tools.addWidget(self.fit_button)
        tools.addSpacing(16)
        tools.addWidget(self.page_count_label)
        tools.addSpacing(16)
        tools.addWidget(self.status_label, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(icon("action-print"), self.tr("Print…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(icon("action-save"), self.tr("Save as…"))
        self.save_button.setObjectName("saveButton")
        self.send_button = QPushButton(icon("send-webmail"), self.tr("Validate and send"))
        self.send_button.setObjectName("validateAndSendButton")
        self.send_button.setToolTip(
            self.tr("Validate the document, then open the sending of it.") + self._send_keys_hint()
        )
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("previewCloseButton")
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.send_button.clicked.connect(self.validate_and_send)
        QShortcut(QKeySequence(SEND_KEYS), self).activated.connect(self.validate_and_send)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self._set_ready(False)
        self._zoom_changed(self.view.zoom)
        self.resize(self._initial_size())
        chain_tab_order(self.tab_order())
        self.view.setFocus()  # the arrows and Page Down scroll the pages at once
        self._load()

    def tab_order(self) -> list[QWidget]:
        """The focus order, as the window reads: the zoom tools, the pages, the actions,
        then Close (the view has the focus first)."""
        return [
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.view,
            self.send_button,
            self.print_button,
            self.save_button,
            self.close_button,
        ]

    # --- loading --------------------------------------------------------------------------

    def _load(self) -> None:
        db, document_id = self.db, self.document_id

        def load(_context: TaskContext[None]) -> _Loaded:
            pdf = document_pdf(db, document_id)
            return _Loaded(pdf, page_sizes(pdf.data))

        self._load_task = run_task(load, on_success=self._loaded, on_error=self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        self._load_task = None
        self._failed(error)

    def _loaded(self, value: _Loaded) -> None:
        self._load_task = None
        self.pdf, self.sizes = value.pdf, value.sizes
        name = self.pdf.number or self.tr("draft")
        self.setWindowTitle(self.tr("Preview – {name}").format(name=name))
        self.show_status(
            self.tr("Draft: validating it gives its number and removes the watermark.")
            if self.pdf.is_draft
            else self.tr("The archived PDF: exactly what is e-mailed.")
        )
        if not self.pdf.is_draft:  # nothing left to validate: the button only sends
            self.send_button.setText(self.tr("Send"))
            self.send_button.setToolTip(
                self.tr("Open the sending of this document.") + self._send_keys_hint()
            )
        self._set_ready(True)
        self.view.set_document(self.pdf.data, self.sizes)
        self.loaded.emit()

    def _failed(self, error: object) -> None:
        self.error = error
        self.show_problem(self.error_sentence(error))

    def show_problem(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)
        self.status_label.setStyleSheet(f"color: {PROBLEM_COLOUR};")

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)
        self.status_label.setStyleSheet("")

    def error_sentence(self, error: object) -> str:
        if not isinstance(error, FacturierError):
            if isinstance(error, BaseException):
                traceback.print_exception(error, file=sys.stderr)  # for support, not the user
            return self.tr("The PDF cannot be shown: {error}").format(
                error=exception_text(error) if isinstance(error, BaseException) else error
            )
        if error.code == "pdf.corrupt":
            return self.tr("This PDF is damaged and cannot be shown.")
        if error.code == "pdf.archive_damaged":
            return self.tr(
                "The archived PDF of {number} is missing or damaged: restore a backup copy "
                "of the database."
            ).format(number=error.data.get("number", ""))
        if error.code == "not_found":
            return self.tr("This document no longer exists.")
        return error_text(error)

    # --- the view -------------------------------------------------------------------------

    def _fit_clicked(self) -> None:
        if self.fit_button.isChecked():
            self.view.set_fit_width()
        else:
            self.view.set_zoom(self.view.zoom)

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(self.tr("{percent}%").format(percent=round(zoom * 100)))
        self.zoom_out_button.setEnabled(self.view.can_zoom_out())
        self.zoom_in_button.setEnabled(self.view.can_zoom_in())
        self.fit_button.setChecked(self.view.fit_width)

    def _position_changed(self, current: int, count: int) -> None:
        self.page_count_label.setText(
            self.tr("Page {page} of {count}").format(page=current + 1, count=count)
        )

    # --- validate and send -----------------------------------------------------------------

    def ask_validate(self) -> bool:
        """The editor's question before validating (overridable in tests)."""

        def text(source: str) -> str:  # the editor's own sentences and translations
            return QCoreApplication.translate("DocumentEditorDialog", source)

        box = QMessageBox(self)
        box.setObjectName("confirmValidateBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(text("Validate"))
        box.setText(text("Validate this document now?"))
        box.setInformativeText(
            text(
                "It gets its final number and its PDF is archived: after that it can no "
                "longer be changed."
            )
        )
        yes = box.addButton(text("Validate"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(text("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.exec()
        return box.clickedButton() is yes

    def validate_and_send(self) -> bool:
        """A draft: validate it (after the question), then ask for its sending; a validated
        document: ask for its sending. The preview closes once the sending is asked for.
        False when nothing was started."""
        if self.pdf is None or self._validate_task is not None:
            return False
        if not self.pdf.is_draft:
            self._send(self.document_id)
            return True
        if not self.ask_validate():
            return False
        self._set_ready(False)
        self.show_status(
            QCoreApplication.translate(
                "DocumentEditorDialog", "Validating: numbering and archiving the PDF…"
            )
        )
        db, document_id = self.db, self.document_id
        self._validate_task = run_task(
            lambda _context: validate_document(db, document_id),
            on_success=self._validated,
            on_error=self._validation_failed,
            parent=self,
        )
        return True

    def _validated(self, result: DocumentData) -> None:
        self._validate_task = None
        self.validated.emit(result.id)
        self._send(result.id)

    def _validation_failed(self, error: BaseException) -> None:
        self._validate_task = None
        self._set_ready(True)
        if isinstance(error, FacturierError):
            self.show_problem(document_error_text(error))
        else:
            self.show_problem(self.error_sentence(error))

    @staticmethod
    def _send_keys_hint() -> str:
        return " " + shortcut_hint(SEND_KEYS)

    def _send(self, document_id: int) -> None:
        self.sendRequested.emit(document_id)
        self.accept()

    # --- save -----------------------------------------------------------------------------

    def save_as(self) -> None:
        if self.pdf is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the PDF"),
            str(Path(folder or Path.home()) / self.pdf.file_name),
            self.tr("PDF documents (*.pdf)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the PDF's exact bytes (a validated document's archive, unchanged), whole or
        not at all, never over the database or its backups. ``path`` comes from the file
        dialog, which asked before replacing it; a name completed with ".pdf" was not asked
        about, so an existing file of that name is left alone."""
        assert self.pdf is not None
        confirmed = bool(path.suffix)
        if not confirmed:
            path = path.with_suffix(".pdf")
        try:
            write_file(path, self.pdf.data, force=confirmed, guard=self.db.output_guard())
        except FacturierError as error:
            self.show_problem(self.save_problem(error, path))
            return False
        self.show_status(self.tr("Saved to {path}").format(path=path))
        self.saved.emit(str(path))
        return True

    def save_problem(self, error: FacturierError, path: Path) -> str:
        data = {key: str(value) for key, value in error.data.items()}
        if error.code == "file.protected":
            if data.get("what") == "backup":
                return self.tr(
                    "The PDF was not saved: {path} is a backup of the database. "
                    "Choose another name."
                ).format(path=path)
            return self.tr(
                "The PDF was not saved: {path} is the database or one of its files. "
                "Choose another name."
            ).format(path=path)
        if error.code == "disk_full":
            return self.tr(
                "The PDF could not be saved to {path}: the disk is full ({free} free in "
                "{folder}, {needed} needed). Free some space or choose another place."
            ).format(
                path=path,
                free=data.get("free_text", "?"),
                folder=data.get("folder", ""),
                needed=data.get("needed_text", "?"),
            )
        if error.code == "file.exists":
            return self.tr(
                "The PDF was not saved: {path} already exists. Choose it in the dialog to "
                "replace it, or choose another name."
            ).format(path=path)
        if error.code == "file.no_folder":
            reason = self.tr("the folder does not exist")
        elif error.code == "file.not_regular":
            reason = self.tr("this is a folder or a special file, not a file")
        elif data.get("errno") in ("EACCES", "EPERM"):
            reason = self.tr("permission denied")
        elif data.get("errno") == "EROFS":
            reason = self.tr("the disk is read-only")
        else:
            reason = data.get("system") or error.detail
        return self.tr("The PDF could not be saved to {path}: {reason}").format(
            path=path, reason=reason
        )

    # --- print ----------------------------------------------------------------------------

    def print_document(self) -> None:
        if self.pdf is None or self._print_task is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {name}").format(name=self.pdf.file_name))
        dialog.setMinMax(1, len(self.sizes))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def prepare_printer(self, printer: QPrinter) -> None:
        """The PDF's own page size, and no margins of ours: the page has its own."""
        assert self.pdf is not None
        printer.setDocName(self.pdf.file_name)
        printer.setFullPage(True)
        printer.setFromTo(0, 0)
        if self.sizes:
            width, height = self.sizes[0]
            orientation = (
                QPageLayout.Orientation.Landscape
                if width > height
                else QPageLayout.Orientation.Portrait
            )
            page_size = QPageSize(
                QSizeF(min(width, height), max(width, height)),
                QPageSize.Unit.Point,
                "",
                QPageSize.SizeMatchPolicy.FuzzyMatch,
            )
            printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))

    def print_to(self, printer: QPrinter) -> Task[bool, int]:
        """Print in the background: each page is drawn at up to PRINT_DPI, then painted
        fitted to the paper (Qt paints on a QPrinter from any thread; no widget is touched).
        """
        assert self.pdf is not None
        data = self.pdf.data
        pages = self._pages_to_print(printer)
        dpi = min(float(printer.resolution()), PRINT_DPI)
        copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
        self._printer = printer
        self.print_button.setEnabled(False)
        self.show_status(self.tr("Printing…"))

        def work(context: TaskContext[int]) -> bool:
            painter = QPainter()
            if not painter.begin(printer):
                raise PrinterRefusedError("begin")
            try:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                first = True
                for _copy in range(copies):
                    with closing(iter_pages(data, dpi, pages)) as images:
                        for page in images:
                            if context.cancelled:
                                printer.abort()
                                return False
                            if not first and not printer.newPage():
                                raise PrinterRefusedError("new page")
                            first = False
                            _paint_page(painter, page)
                            context.progress(page.index)
            finally:
                painter.end()
            return True

        self._print_task = run_task(
            work,
            on_progress=self._print_progress,
            on_success=self._print_done,
            on_error=self._print_failed,
        )
        return self._print_task

    def _pages_to_print(self, printer: QPrinter) -> Sequence[int] | None:
        """The 0-based pages of the dialog's "Pages from … to …", or None for all."""
        first, last = printer.fromPage(), printer.toPage()
        if printer.printRange() != QPrinter.PrintRange.PageRange or first <= 0:
            return None
        first = min(first, len(self.sizes))
        return range(first - 1, min(max(last, first), len(self.sizes)))

    def _print_progress(self, page: int) -> None:
        self.show_status(self.tr("Printing page {page}…").format(page=page + 1))

    def _print_done(self, printed: bool) -> None:
        self._print_finished()
        self.show_status(
            self.tr("Sent to the printer.") if printed else self.tr("Printing cancelled.")
        )
        self.printFinished.emit(printed)

    def _print_failed(self, error: BaseException) -> None:
        self._print_finished()
        if isinstance(error, PrinterRefusedError):
            self.show_problem(
                self.tr("The printer cannot be used: check that it is on and try again.")
            )
        else:
            self.show_problem(self.error_sentence(error))
        self.printFinished.emit(False)

    def _print_finished(self) -> None:
        self._print_task = None
        self._printer = None
        self.print_button.setEnabled(self.pdf is not None)

    # --- plumbing -------------------------------------------------------------------------

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.print_button, self.save_button, self.fit_button, self.send_button):
            widget.setEnabled(ready)

    def _tool_button(
        self, name: str, text: str, tip: str, shortcut: QKeySequence.StandardKey
    ) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setShortcut(QKeySequence(shortcut))
        button.setAutoRepeat(False)
        font = button.font()
        font.setBold(True)
        button.setFont(font)
        button.setMinimumWidth(button.sizeHint().height())
        return button

    def _initial_size(self) -> QSize:
        screen = self.screen().availableGeometry() if self.screen() else None
        width = round(210 / 25.4 * SCREEN_DPI) + 2 * PAGE_GAP + 60
        height = 900 if screen is None else min(900, round(screen.height() * 0.9))
        return QSize(width, height)

    def done(self, result: int) -> None:
        """Closing stops the drawing; a print already under way finishes in the background."""
        if self._validate_task is not None:
            return  # validating: it ends by itself in a moment, then the preview closes
        self.view.stop()
        if self._load_task is not None:
            self._load_task.cancel()
        super().done(result)


def _paint_page(painter: QPainter, page: PageImage) -> None:
    image = page_qimage(page)
    area = QRectF(painter.viewport())
    scale = min(area.width() / image.width(), area.height() / image.height())
    target = QRectF(0, 0, image.width() * scale, image.height() * scale)
    target.moveCenter(area.center())
    painter.drawImage(target, image)


def open_pdf_preview(
    parent: QWidget | None,
    db: Database,
    document_id: int,
    send: Callable[[int], object] | None = None,
    changed: Callable[[], object] | None = None,
) -> PdfPreviewDialog:
    """Show the preview window of one document (non-modal: several may be open). ``send``
    gets the document "Validate and send" asked for; ``changed`` is called when the
    preview validated its draft."""
    dialog = PdfPreviewDialog(db, document_id, parent)
    if send is not None:
        dialog.sendRequested.connect(send)
    if changed is not None:
        dialog.validated.connect(lambda _id: changed())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
