"""The page furniture the statement of account and the formal letter share.

Same look as the invoice (``app.pdf.render``): its fonts, colours, margins, footer and
window-envelope column; only the documents' bodies differ (``statement``,
``formal_notice``). Deterministic: no clock, no randomness, bundled font.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from io import BytesIO

from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.table import Table
from PIL import Image

from app.domain.formatting import format_date
from app.pdf.model import PrintClient, PrintCompany
from app.pdf.render import (
    ACCENT,
    BOTTOM_MARGIN,
    CONTENT_W,
    FONT,
    FOOTER_TOP,
    MARGIN,
    MUTED,
    PAGE_W,
    RIGHT_COL_W,
    RIGHT_COL_X,
    RULE,
    TEXT,
    WHITE,
    add_fonts,
    company_identity,
    country_line,
    postal_city,
)

log = logging.getLogger(__name__)

Color = tuple[int, int, int]
LEFT_COL_W = RIGHT_COL_X - MARGIN - 8  # the sender's column, beside the envelope window
WINDOW_TOP = 46.0  # where the recipient's address starts (as on the invoice)
_LOGO_BOX = (50.0, 22.0)  # w, h (mm): the invoice's


def as_utc(creation_date: datetime | None) -> datetime:
    """The PDF's creation date: now by default; a naive datetime is taken as UTC, so the
    bytes do not depend on the machine's time zone."""
    when = creation_date or datetime.now(UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


class ReminderPDF(FPDF):
    """An A4 page in the invoice's style: sender on the left, addressee on the right,
    company identity and page numbers at the foot, a slim reminder atop later pages."""

    def __init__(self, company: PrintCompany, title: str, running_title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.company = company
        self.running_title = running_title  # atop continuation pages
        add_fonts(self)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN)
        self.set_title(title)
        self.set_subject(title)
        self.set_author(company.name)
        self.set_creator("Facturier")
        self.set_lang("fr-FR")
        self.set_display_mode(zoom="fullwidth")
        self.c_margin = 0  # text aligns on the margins and the table edges

    def finish(self, creation_date: datetime | None) -> bytes:
        self.set_creation_date(as_utc(creation_date))
        self._number_pages()
        return bytes(self.output())

    # --- drawing helpers --------------------------------------------------------------

    def use_font(self, size: float, style: str = "", color: Color = TEXT) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*color)

    def hrule(self, y: float, x: float = MARGIN, w: float = CONTENT_W) -> None:
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(x, y, x + w, y)

    def keep_space(self, height: float) -> None:
        """A new page unless ``height`` mm still fit above the footer."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def wrapped_height(self, w: float, h: float, text: str) -> float:
        """The height ``text`` takes in a ``multi_cell`` of width ``w`` and line height ``h``
        in the current font."""
        lines = self.multi_cell(w, h, text, dry_run=True, output="LINES", padding=0)
        assert isinstance(lines, list)
        return len(lines) * h

    def paragraph(self, text: str, *, size: float = 9, style: str = "", gap: float = 3) -> None:
        """Full-width text, kept on one page, then ``gap`` mm of space."""
        self.use_font(size, style)
        h = size * 0.5
        self.keep_space(self.wrapped_height(CONTENT_W, h, text))
        self.multi_cell(CONTENT_W, h, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(self.get_y() + gap)

    def heading_style(self) -> FontFace:
        return FontFace(family=FONT, emphasis="BOLD", size_pt=8.5, color=WHITE, fill_color=ACCENT)

    def grid(
        self, headings: Sequence[str], widths: Sequence[float], aligns: Sequence[Align]
    ) -> AbstractContextManager[Table]:
        """A table in the invoice's style; its heading row is repeated on every page."""
        self.use_font(8.5)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        return self.table(
            width=CONTENT_W,
            col_widths=tuple(widths),
            text_align=tuple(aligns),
            v_align=VAlign.M,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            headings_style=self.heading_style(),
            line_height=4.2,
            padding=(1.6, 1.8, 1.6, 1.8),
            first_row_as_headings=True,
            repeat_headings=1,
        )

    # --- first page -------------------------------------------------------------------

    def sender_block(self) -> float:
        """Logo, name and contact details of the company, top left; the y below them."""
        company = self.company
        y = self._draw_logo(company.logo_png, MARGIN) if company.logo_png else MARGIN
        self.set_xy(MARGIN, y)
        self.use_font(13, "B", ACCENT)
        self.multi_cell(LEFT_COL_W, 6, company.name, align=Align.L, new_x=XPos.LMARGIN)
        self.set_y(self.get_y() + 0.8)
        self.use_font(8.5)
        contact = (
            company.street,
            postal_city(company),
            country_line(company.country),
            f"Tél.\u00a0: {company.phone}" if company.phone else "",
            company.email,
            company.website,
        )
        for text in filter(None, contact):
            self.cell(LEFT_COL_W, 4.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return self.get_y()

    def _draw_logo(self, png: bytes, top: float) -> float:
        box_w, box_h = _LOGO_BOX
        try:
            with Image.open(BytesIO(png)) as picture:
                width, height = picture.size
        except Exception:  # a broken logo must not prevent sending the reminder
            log.warning("company logo could not be read; rendering without it", exc_info=True)
            return top
        scale = min(box_w / width, box_h / height)
        self.image(BytesIO(png), x=MARGIN, y=top, w=width * scale, h=height * scale)
        return top + height * scale + 4

    def address_block(self, client: PrintClient, top: float, *, label: str = "") -> float:
        """The addressee in the envelope window (right column); with a ``label`` it is
        framed like the invoice's client box. The y below it."""
        pad = 4.0 if label else 0.0
        x, w = RIGHT_COL_X + pad, RIGHT_COL_W - 2 * pad
        self.set_xy(x, top + pad)
        if label:
            self.use_font(7, "", MUTED)
            self.cell(w, 3.5, label, new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_xy(x, self.get_y() + 0.8)
        self.use_font(10.5, "B")
        self.multi_cell(w, 5, client.name, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.use_font(9.5 if not label else 9)
        for text in filter(
            None, (client.street, postal_city(client), country_line(client.country))
        ):
            self.multi_cell(w, 4.6, text, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
        if not label:
            return self.get_y()
        bottom = max(self.get_y() + pad, top + 32)
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.rect(RIGHT_COL_X, top, RIGHT_COL_W, bottom - top, round_corners=True, corner_radius=2)
        return bottom

    def right_line(self, h: float, text: str) -> None:
        """One line of the right column, right-aligned on the margin."""
        self.cell(RIGHT_COL_W, h, text, align=Align.R, new_x=XPos.LEFT, new_y=YPos.NEXT)

    # --- page furniture ---------------------------------------------------------------

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_xy(MARGIN, 10)
        self.use_font(8.5, "B")
        self.cell(CONTENT_W / 2, 5, self.company.name)
        self.use_font(8.5, "", MUTED)
        self.cell(CONTENT_W / 2, 5, self.running_title, align=Align.R)
        self.hrule(16.5)
        self.set_xy(MARGIN, 21)

    def footer(self) -> None:
        lines = [x for x in company_identity(self.company) if x]
        self.hrule(FOOTER_TOP)
        self.set_xy(MARGIN, FOOTER_TOP + 1.8)
        self.use_font(7, "", MUTED)
        self.multi_cell(CONTENT_W - 24, 3.3, "\n".join(lines), align=Align.L)

    def _number_pages(self) -> None:
        """« Page n/total » right of the footer, written once the total is known (fpdf's
        ``{nb}`` alias would be right-aligned on the alias's width, not the number's)."""
        total = self.page_no()
        baseline = FOOTER_TOP + 1.8 + 3.3 / 2 + 0.3 * 7 * 25.4 / 72  # as the footer's cell
        for number in range(1, total + 1):
            self.page = number
            # fpdf remembers the font last selected, not each page's: switching style
            # forces it to select the font again on this page.
            self.use_font(7, "B", MUTED)
            self.use_font(7, "", MUTED)
            label = f"Page {number}/{total}"
            self.text(PAGE_W - MARGIN - self.get_string_width(label), baseline, label)
        self.page = total


def bank_details(company: PrintCompany) -> str:
    """« IBAN : … — BIC : … », or "" when the company gave no IBAN."""
    if not company.iban:
        return ""
    return f"IBAN : {company.iban}" + (f" — BIC : {company.bic}" if company.bic else "")


def day(value: date | None) -> str:
    """A date as printed in the tables; a dash when there is none."""
    return format_date(value) if value else "—"
