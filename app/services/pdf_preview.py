"""Preview and export: a document's PDF as bytes to show, print or save, and its pages as images.

A validated document's PDF is its archive, byte for byte (what was e-mailed; what "Save as"
writes). A draft has no archive: it is rendered afresh, with the DRAFT watermark, in a read
session, and never stored.

Pages become images with PDFium (pypdfium2). PDFium is not thread-safe, so every call into it
holds one process-wide lock; the GUI renders in a background task, and a second task (a new
zoom while the previous one still runs) simply waits for the page being drawn.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from collections.abc import Callable, Generator, Iterable
from contextlib import closing
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from sqlalchemy.orm import selectinload

from app.db.database import Database
from app.db.models import Document
from app.domain.kinds import DocumentStatus
from app.errors import FacturierError, NotFoundError, ValidationError
from app.services.documents import ensure_archived_pdf
from app.services.printing import render_pdf

MAX_DPI = 1200.0
_PDFIUM = threading.Lock()  # PDFium keeps global state: one caller at a time, process-wide


# --- errors -----------------------------------------------------------------------------


class PdfError(FacturierError):
    code = "pdf"


class CorruptPdfError(PdfError):
    """The bytes are not a PDF PDFium can read (``data['reason']`` says what PDFium said)."""

    code = "pdf.corrupt"


class ArchivedPdfError(PdfError):
    """A validated document's archived PDF is missing or does not match its checksum.

    ``data['reason']`` is ``missing`` or ``checksum``; ``data['number']`` names the document.
    """

    code = "pdf.archive_damaged"


# --- the PDF of a document --------------------------------------------------------------


@dataclass(frozen=True)
class PdfFile:
    data: bytes
    file_name: str  # suggested: "<number>.pdf", or "draft-<id>.pdf" for a draft
    document_id: int
    number: str | None  # None for a draft
    archived: bool  # True: the immutable archive of a validated document

    @property
    def is_draft(self) -> bool:
        return not self.archived

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def document_pdf(db: Database, document_id: int) -> PdfFile:
    """The PDF to preview, print or save: the archive if validated, else a draft rendering."""

    with db.read() as session:
        row = session.get(
            Document,
            document_id,
            options=[selectinload(Document.lines), selectinload(Document.client)],
        )
        if row is None:
            raise NotFoundError("document", id=document_id)
        if row.status == DocumentStatus.DRAFT:
            # print_document() marks a draft as such: the watermark and "Brouillon" title.
            data = render_pdf(session, row)
            return PdfFile(data, f"draft-{document_id}.pdf", document_id, None, archived=False)
        number = row.number or ""
    try:
        data = ensure_archived_pdf(db, document_id)
    except KeyError as exc:  # app.db.archive.load_pdf: no archive row for the digest
        raise ArchivedPdfError(
            "archived PDF missing", id=document_id, number=number, reason="missing"
        ) from exc
    except ValueError as exc:  # load_pdf: the stored bytes do not match their digest
        raise ArchivedPdfError(
            "archived PDF damaged", id=document_id, number=number, reason="checksum"
        ) from exc
    return PdfFile(data, pdf_file_name(number, document_id), document_id, number, archived=True)


def pdf_file_name(number: str, document_id: int) -> str:
    """A file name every system accepts: the number, with anything unusual replaced."""
    safe = re.sub(r"[^\w.-]+", "-", number, flags=re.ASCII).strip(".-")
    return f"{safe or f'document-{document_id}'}.pdf"


# --- pages as images --------------------------------------------------------------------


@dataclass(frozen=True)
class PageImage:
    """One rendered page: ``height`` rows of ``stride`` bytes, 4 bytes a pixel, R G B A."""

    index: int  # 0-based page number
    width: int
    height: int
    stride: int
    data: bytes
    width_pt: float  # the page's size in PDF points (1/72 inch)
    height_pt: float
    dpi: float
    format: str = "RGBA"


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points: enough to lay the pages out before drawing."""
    with _PDFIUM:
        document = _open(pdf)
        try:
            sizes = []
            for index in range(len(document)):
                try:
                    width, height = document.get_page_size(index)
                except pdfium.PdfiumError as exc:
                    raise CorruptPdfError(str(exc), reason=str(exc), page=index + 1) from exc
                sizes.append((float(width), float(height)))
            return sizes
        finally:
            document.close()


def render_pages(
    pdf: bytes, dpi: float, *, cancelled: Callable[[], bool] | None = None
) -> list[PageImage]:
    """Every page at ``dpi`` (pixels = ceil(points × dpi / 72)); [] if ``cancelled()``."""
    pages: list[PageImage] = []
    with closing(iter_pages(pdf, dpi)) as images:
        for page in images:
            if cancelled is not None and cancelled():
                return []
            pages.append(page)
    return pages


def iter_pages(
    pdf: bytes, dpi: float, pages: Iterable[int] | None = None
) -> Generator[PageImage, None, None]:
    """The pages (all, or the 0-based ``pages``) one by one, so a caller can show or print
    each before the next is drawn. The lock is held only while PDFium works, never while
    the caller has a page.
    """
    if not (isinstance(dpi, int | float) and math.isfinite(dpi) and 0 < dpi <= MAX_DPI):
        raise ValidationError("dpi out of range", field="dpi", value=dpi, maximum=MAX_DPI)
    with _PDFIUM:
        document = _open(pdf)
        count = len(document)
    try:
        indexes = list(range(count)) if pages is None else list(pages)
        wrong = [index for index in indexes if not 0 <= index < count]
        if wrong:
            raise ValidationError("no such page", field="pages", value=wrong[0], count=count)
        for index in indexes:
            with _PDFIUM:
                image = _render_page(document, index, dpi)
            yield image
    finally:
        with _PDFIUM:
            document.close()


def _open(pdf: bytes) -> Any:
    if not pdf:
        raise CorruptPdfError("empty", reason="empty")
    try:
        return pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise CorruptPdfError(str(exc), reason=str(exc)) from exc


def _render_page(document: Any, index: int, dpi: float) -> PageImage:
    try:
        page = document[index]
    except pdfium.PdfiumError as exc:
        raise CorruptPdfError(str(exc), reason=str(exc), page=index + 1) from exc
    try:
        width_pt, height_pt = page.get_size()
        bitmap = page.render(
            scale=dpi / 72,
            force_bitmap_format=pdfium_c.FPDFBitmap_BGRA,
            rev_byteorder=True,  # R G B A in memory, whatever the machine's byte order
            fill_color=(255, 255, 255, 255),
        )
        try:
            return PageImage(
                index=index,
                width=int(bitmap.width),
                height=int(bitmap.height),
                stride=int(bitmap.stride),
                data=bytes(bitmap.buffer),
                width_pt=float(width_pt),
                height_pt=float(height_pt),
                dpi=float(dpi),
            )
        finally:
            bitmap.close()
    except pdfium.PdfiumError as exc:
        raise CorruptPdfError(str(exc), reason=str(exc), page=index + 1) from exc
    finally:
        page.close()
