"""The pages of a PDF as images in a scroll area, drawn in the background (ui.tasks).

Each page is a QLabel of the page's size at the current zoom. A zoom resizes the labels at
once (the old pixels stretched) and, a moment later, re-draws the pages near the view at the
new resolution, one by one, so a long document never freezes the window. Only the pages near
the view are kept sharp, as many as MAX_SHARP_PIXELS allows: at 400 % one A4 page alone takes
57 MB.
"""

from __future__ import annotations

import math
from contextlib import closing
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPalette, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.services.pdf_preview import PageImage, iter_pages
from ui.tasks import Task, TaskContext, run_task

SCREEN_DPI = 96.0  # 100 %: the page at its real size on a standard screen
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
PAGE_GAP = 14
RERENDER_DELAY_MS = 150  # a run of zoom clicks re-renders once
MAX_SHARP_PIXELS = 40_000_000  # about 160 MB of pages drawn at once, whatever the zoom


def page_qimage(page: PageImage) -> QImage:
    """A QImage that owns a copy of the page's pixels (the bytes may go away)."""
    image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGBA8888)
    return image.copy()


@dataclass(frozen=True)
class _Rendered:
    dpi: float
    index: int
    image: QImage  # made in the worker: the GUI thread only turns it into a pixmap


@dataclass(frozen=True)
class _RenderEnd:
    generation: int
    error: BaseException | None = None


class PdfPagesView(QScrollArea):
    pagesRendered = Signal()  # the pages near the view are drawn at the current zoom
    zoomChanged = Signal(float)
    positionChanged = Signal(int, int)  # the 0-based page at the top of the view, the count
    failed = Signal(object)  # the PDF could not be drawn (a typed error, as a rule)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfScroll")
        self.data = b""
        self.sizes: list[tuple[float, float]] = []  # each page's size in points
        self.page_labels: list[QLabel] = []
        self.zoom = 1.0
        self.fit_width = True
        self.broken = False
        self._generation = 0
        self._drawn: dict[int, float] = {}  # page -> the dpi its pixmap was drawn at
        self._wanted: list[int] = []  # the pages the current rendering keeps sharp
        self._pending: set[int] = set()  # the pages the running task is drawing
        self._task: Task[_RenderEnd, _Rendered] | None = None
        self._rerender = QTimer(self)
        self._rerender.setSingleShot(True)
        self._rerender.setInterval(RERENDER_DELAY_MS)
        self._rerender.timeout.connect(self.render_now)

        self.pages_widget = QWidget()
        self.pages_widget.setObjectName("pdfPages")
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.pages_widget)
        self.setWidgetResizable(True)
        # Always on: the viewport's width does not jump when the pages grow taller than it.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.pages_widget.setBackgroundRole(QPalette.ColorRole.Dark)
        self.pages_widget.setAutoFillBackground(True)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    def set_document(self, data: bytes, sizes: list[tuple[float, float]]) -> None:
        """Lay out one blank page per size, then draw them in the background."""
        self.data, self.sizes = data, list(sizes)
        for _size in self.sizes:
            label = QLabel()
            label.setObjectName("pdfPage")
            label.setScaledContents(True)
            label.setAutoFillBackground(True)
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(Qt.GlobalColor.white))
            label.setPalette(palette)
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        if self.fit_width:
            self.zoom = self._fit_zoom()
        self._apply_zoom()
        self.render_now()

    # --- zoom -----------------------------------------------------------------------------

    def zoom_by(self, steps: int) -> None:
        if steps > 0:
            larger = [z for z in ZOOM_STEPS if z > self.zoom + 0.005]
            zoom = larger[0] if larger else ZOOM_STEPS[-1]
        else:
            smaller = [z for z in ZOOM_STEPS if z < self.zoom - 0.005]
            zoom = smaller[-1] if smaller else ZOOM_STEPS[0]
        self.set_zoom(zoom)

    def set_zoom(self, zoom: float) -> None:
        self.fit_width = False
        self.zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self._apply_zoom()
        self._rerender.start()

    def set_fit_width(self) -> None:
        self.fit_width = True
        self.zoom = self._fit_zoom()
        self._apply_zoom()
        self._rerender.start()

    def can_zoom_in(self) -> bool:
        return bool(self.sizes) and self.zoom < ZOOM_STEPS[-1] - 0.005

    def can_zoom_out(self) -> bool:
        return bool(self.sizes) and self.zoom > ZOOM_STEPS[0] + 0.005

    def _fit_zoom(self) -> float:
        if not self.sizes:
            return self.zoom
        widest = max(width for width, _height in self.sizes) / 72 * SCREEN_DPI
        zoom = (self.viewport().width() - 2 * PAGE_GAP) / widest
        return min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])

    def _apply_zoom(self) -> None:
        """Resize the pages at once (the old pixels stretched); sharp ones follow."""
        for label, size in zip(self.page_labels, self.sizes, strict=True):
            label.setFixedSize(self.page_size_on_screen(size))
        self.zoomChanged.emit(self.zoom)
        self._emit_position()

    def page_size_on_screen(self, size: tuple[float, float]) -> QSize:
        width, height = size
        scale = self.zoom * SCREEN_DPI / 72
        return QSize(round(width * scale), round(height * scale))

    def render_dpi(self) -> float:
        """The resolution that gives one image pixel per screen pixel at the current zoom."""
        return SCREEN_DPI * self.zoom * self.devicePixelRatioF()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_width and self.sizes:
            zoom = self._fit_zoom()
            if abs(zoom - self.zoom) > 0.002:
                self.zoom = zoom
                self._apply_zoom()
                self._rerender.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fit_width and self.sizes:  # the viewport has its real width only now
            self.resizeEvent(QResizeEvent(self.size(), self.size()))

    # --- drawing --------------------------------------------------------------------------

    @property
    def rendering(self) -> bool:
        return self._task is not None

    def wanted_pages(self, dpi: float) -> list[int]:
        """The pages to keep sharp: the current one and its neighbours, nearest first, as
        many as MAX_SHARP_PIXELS allows."""
        current = self.current_page()
        wanted: list[int] = []
        total = 0
        for index in sorted(range(len(self.sizes)), key=lambda i: (abs(i - current), i)):
            width, height = self.sizes[index]
            pixels = math.ceil(width * dpi / 72) * math.ceil(height * dpi / 72)
            if wanted and total + pixels > MAX_SHARP_PIXELS:
                break
            wanted.append(index)
            total += pixels
        return wanted

    def render_now(self) -> None:
        """Draw the wanted pages that are not sharp yet; let go of the others."""
        self._rerender.stop()
        if not self.sizes or self.broken:
            return
        dpi = self.render_dpi()
        self._wanted = self.wanted_pages(dpi)
        for index in set(self._drawn) - set(self._wanted):
            self.page_labels[index].clear()  # far from view: its memory back, blank page
            del self._drawn[index]
        missing = [i for i in self._wanted if self._drawn.get(i) != dpi]
        self.stop()
        self._pending = set(missing)
        if not missing:
            self.pagesRendered.emit()
            return
        self._generation += 1
        generation, data = self._generation, self.data

        def render(context: TaskContext[_Rendered]) -> _RenderEnd:
            try:
                with closing(iter_pages(data, dpi, missing)) as pages:
                    for page in pages:
                        if context.cancelled:
                            break
                        context.progress(_Rendered(dpi, page.index, page_qimage(page)))
            except Exception as error:  # handed back with its generation: a stale one is moot
                return _RenderEnd(generation, error)
            return _RenderEnd(generation)

        self._task = run_task(
            render, on_progress=self._page_rendered, on_success=self._render_finished
        )

    def stop(self) -> None:
        """Cancel the drawing under way (it stops after the page it is drawing)."""
        self._rerender.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _page_rendered(self, value: _Rendered) -> None:
        if value.index not in self._wanted:
            return
        if value.dpi != self.render_dpi():
            return  # drawn for a zoom the user has left meanwhile
        pixmap = QPixmap.fromImage(value.image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.page_labels[value.index].setPixmap(pixmap)
        self._drawn[value.index] = value.dpi
        self._pending.discard(value.index)

    def _render_finished(self, value: _RenderEnd) -> None:
        if value.generation != self._generation:
            return
        self._task = None
        self._pending = set()
        if value.error is not None:
            self.broken = True
            self.failed.emit(value.error)
        elif all(self._drawn.get(i) == self.render_dpi() for i in self._wanted):
            self.pagesRendered.emit()

    def sharp_pages(self) -> list[int]:
        """The pages drawn at the current zoom (the others are blank or stretched)."""
        dpi = self.render_dpi()
        return sorted(i for i, drawn in self._drawn.items() if drawn == dpi)

    def page_pixmap(self, index: int) -> QPixmap:
        return self.page_labels[index].pixmap()

    # --- position -------------------------------------------------------------------------

    def current_page(self) -> int:
        """The 0-based page at the top third of the view."""
        line = self.verticalScrollBar().value() + self.viewport().height() // 3
        for index, label in enumerate(self.page_labels):
            if label.geometry().bottom() + PAGE_GAP >= line:
                return index
        return max(len(self.page_labels) - 1, 0)

    def _scrolled(self) -> None:
        self._emit_position()
        if not self.sizes or self._rerender.isActive():
            return
        current, dpi = self.current_page(), self.render_dpi()
        near = range(max(current - 1, 0), min(current + 2, len(self.sizes)))
        if any(self._drawn.get(i) != dpi and i not in self._pending for i in near):
            self._rerender.start()  # scrolled away from the sharp pages: draw the new ones

    def _emit_position(self) -> None:
        if self.sizes:
            self.positionChanged.emit(self.current_page(), len(self.sizes))
