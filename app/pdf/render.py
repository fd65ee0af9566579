"""Render a :class:`PrintDocument` to PDF bytes with fpdf2.

One A4 page layout for every kind of document, in French, with the mentions French law
requires on invoices. Rendering is deterministic: the same document and the same
``creation_date`` give the same bytes (no clock, no randomness, bundled font).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from io import BytesIO
from itertools import groupby

import segno
from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace, SubsetMap, TTFFont
from PIL import Image

from app.domain.epc_qr import epc_payload
from app.domain.formatting import (
    format_amount,
    format_date,
    format_decimal,
    format_rate,
    format_siren,
)
from app.domain.invoice_roles import FINAL, PDF_TITLES
from app.domain.kinds import SecondDate, kind_spec
from app.domain.legal_mentions import VAT_EXEMPT
from app.domain.money import HUNDRED, round_money
from app.pdf.legal import VAT_ON_DEBITS, category_label, payment_mentions
from app.pdf.model import PrintAddress, PrintClient, PrintCompany, PrintDocument
from app.resources import resource_path

log = logging.getLogger(__name__)

DRAFT_LABEL = "Brouillon"
WATERMARK = "BROUILLON"

FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

# Geometry (mm) and colours.
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 15.0
CONTENT_W = PAGE_W - 2 * MARGIN
FOOTER_TOP = PAGE_H - 21.0  # the footer's rule; content stops 4 mm above it
BOTTOM_MARGIN = PAGE_H - FOOTER_TOP + 4.0
RIGHT_COL_X = 112.0  # title block and client box (window envelope side)
RIGHT_COL_W = PAGE_W - MARGIN - RIGHT_COL_X
ACCENT = (33, 58, 92)
TEXT = (33, 37, 41)
MUTED = (100, 108, 116)
RULE = (200, 205, 210)
LIGHT_FILL = (240, 243, 247)
WHITE = (255, 255, 255)
WATERMARK_GREY = (228, 228, 228)
BLACK = (0, 0, 0)

# The SEPA transfer QR code (EPC069-12) beside the payment details: large enough for any
# phone at arm's length, with a margin wider than the 4-module quiet zone around it.
QR_SIZE = 26.0
QR_GAP = 4.0
QR_CAPTION = "Payer par virement\u00a0: scannez ce code avec l’application de votre banque"
QR_SEAM = 0.04  # rows overlap a little: no pale hairline between them once rasterised


def render_document(doc: PrintDocument, *, creation_date: datetime | None = None) -> bytes:
    """The PDF of ``doc``; same document and ``creation_date`` give identical bytes.

    ``creation_date`` is written in the PDF's metadata (default: now); a naive datetime
    is taken as UTC.
    """
    when = creation_date or datetime.now(UTC)
    if when.tzinfo is None:  # naive: taken as UTC, so the bytes do not depend on the machine
        when = when.replace(tzinfo=UTC)
    pdf = _DocumentPDF(doc)
    pdf.set_creation_date(when)
    pdf.render()
    return bytes(pdf.output())


def pdf_title(doc: PrintDocument) -> str:
    """The title printed at the top: the kind's ("FACTURE"), or a deposit's or final
    invoice's own ("FACTURE D'ACOMPTE", "FACTURE DE SOLDE")."""
    return PDF_TITLES.get(doc.invoice_role, kind_spec(doc.kind).pdf_title)


def document_title(doc: PrintDocument) -> str:
    """``"Facture F-2026-0001"``, or ``"Facture (brouillon)"``: the PDF's title metadata."""
    kind = pdf_title(doc).capitalize()
    return f"{kind} (brouillon)" if doc.draft else f"{kind} {doc.number}".strip()


def company_identity(company: PrintCompany) -> tuple[str, str]:
    """The two footer lines: who the seller is, and its registration numbers."""
    first = company.name
    if company.legal_form and company.capital:
        first += f", {company.legal_form} au capital de {company.capital}"
    elif company.legal_form:
        first += f", {company.legal_form}"
    address = ", ".join(p for p in (company.street, postal_city(company)) if p)
    if address:
        first += f" · {address}"
    ids = (
        f"SIREN {format_siren(company.siren)}" if company.siren else "",
        f"SIRET {format_siren(company.siret)}" if company.siret else "",
        company.rcs,
        f"N° TVA intracommunautaire {company.vat_number}" if company.vat_number else "",
    )
    return first, " · ".join(x for x in ids if x)


def client_siren(client: PrintClient) -> str:
    """The SIREN printed for a business client (from its SIRET when only that is known)."""
    if not client.business:
        return ""
    digits = "".join(c for c in client.siren if c.isdigit())
    if len(digits) == 9:
        return digits
    siret = "".join(c for c in client.siret if c.isdigit())
    return siret[:9] if len(siret) == 14 else client.siren.strip()


def postal_city(party: PrintCompany | PrintClient | PrintAddress) -> str:
    return f"{party.postal_code} {party.city}".strip()


def country_line(country: str) -> str:
    return "" if country.strip().lower() in ("", "france") else country


# Parsing a DejaVu TTF costs more than laying out a whole page: each font is parsed once
# per process and its parsed form shared by every document (fpdf2 keeps the glyphs a
# document uses in a per-document subset, so sharing the parsed font is safe).
_PARSED_FONTS: dict[str, TTFFont] = {}


def add_fonts(pdf: FPDF) -> None:
    for style, filename in _FONT_FILES.items():
        key = FONT.lower() + style
        parsed = _PARSED_FONTS.get(key)
        if parsed is None:
            pdf.add_font(FONT, style, str(resource_path("fonts", filename)))
            added = pdf.fonts[key]
            assert isinstance(added, TTFFont)
            # The cached copy must never be subset: the first document gets its own too.
            _PARSED_FONTS[key] = added
            pdf.fonts[key] = _fresh_font(added, added.i)
        else:
            pdf.fonts[key] = _fresh_font(parsed, len(pdf.fonts) + 1)


def _fresh_font(parsed: TTFFont, index: int) -> TTFFont:
    """A document's own copy of a parsed font: the metrics are shared (read only), the
    font file is opened anew (lazily: cheap) because the PDF output subsets it in place,
    and the subset map and descriptor are the document's."""
    font = TTFFont.__new__(TTFFont)
    for name in TTFFont.__slots__:
        if hasattr(parsed, name):
            setattr(font, name, getattr(parsed, name))
    font.i = index
    font.ttfont = ttLib.TTFont(
        parsed.ttffile, recalcTimestamp=False, fontNumber=parsed.collection_font_number, lazy=True
    )
    font._hbfont = None
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.desc = copy.copy(parsed.desc)
    font.subset = SubsetMap(font)
    return font


class _DocumentPDF(FPDF):
    def __init__(self, doc: PrintDocument) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.doc = doc
        self.spec = kind_spec(doc.kind)  # what the kind prints: title, dates, mentions
        self.exempt = doc.company.vat_exempt
        self.transfer_qr = transfer_qr(doc)
        add_fonts(self)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN)
        self.set_title(document_title(doc))
        self.set_author(doc.company.name)
        self.set_subject(document_title(doc))
        self.set_creator("Facturier")
        self.set_lang("fr-FR")
        self.set_display_mode(zoom="fullwidth")
        self.c_margin = 0  # text aligns on the margins, the logo and the table edges

    # --- helpers ----------------------------------------------------------------------

    def _font(self, size: float, style: str = "", color: tuple[int, int, int] = TEXT) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*color)

    def _rule(self, y: float, x: float = MARGIN, w: float = CONTENT_W) -> None:
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(x, y, x + w, y)

    def _text_height(self, w: float, h: float, text: str) -> float:
        height = self.multi_cell(w, h, text, dry_run=True, output="HEIGHT", padding=0)
        assert isinstance(height, float | int)
        return float(height)

    def _ensure_space(self, height: float) -> None:
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    # --- page furniture ---------------------------------------------------------------

    def header(self) -> None:
        if self.doc.draft:
            self._watermark()
        if self.page_no() == 1:
            return
        # Continuation pages: a slim reminder of whose document this is.
        self.set_xy(MARGIN, 10)
        self._font(8.5, "B")
        self.cell(CONTENT_W / 2, 5, self.doc.company.name)
        self._font(8.5, "", MUTED)
        number = DRAFT_LABEL if self.doc.draft else self.doc.number
        title = pdf_title(self.doc).capitalize()
        reminder = f"{title} {number} · {format_date(self.doc.issue_date)}"
        self.cell(CONTENT_W / 2, 5, reminder, align=Align.R)
        self._rule(16.5)
        self.set_xy(MARGIN, 21)

    def _watermark(self) -> None:
        self._font(96, "B", WATERMARK_GREY)
        width = self.get_string_width(WATERMARK)
        cx, cy = PAGE_W / 2, PAGE_H / 2
        with self.rotation(angle=55, x=cx, y=cy):
            self.text(cx - width / 2, cy + 12, WATERMARK)

    def footer(self) -> None:
        first, second = company_identity(self.doc.company)
        self._rule(FOOTER_TOP)
        self.set_xy(MARGIN, FOOTER_TOP + 1.8)
        self._font(7, "", MUTED)
        text = "\n".join(line for line in (first, second) if line)
        self.multi_cell(CONTENT_W - 24, 3.3, text, align=Align.L)

    def _number_pages(self) -> None:
        """Write "Page n/total" on every page, once the total is known.

        (fpdf's ``{nb}`` alias is replaced after layout, so a right-aligned "Page 1/{nb}"
        would be aligned on the alias's width, not the number's.)
        """
        total = self.page_no()
        self.set_auto_page_break(auto=False)
        for number in range(1, total + 1):
            self.page = number
            self._font(7, "", MUTED)
            self.set_xy(PAGE_W - MARGIN - 24, FOOTER_TOP + 1.8)
            self.cell(24, 3.3, f"Page {number}/{total}", align=Align.R)
        self.page = total
        self.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN)

    # --- body -------------------------------------------------------------------------

    def render(self) -> None:
        self.add_page()
        left_bottom = self._company_block()
        meta_bottom = self._title_block()
        box_top = max(meta_bottom + 6, 46.0)
        box_bottom = self._client_box(box_top)
        left_bottom = self._delivery_block(max(left_bottom + 5, box_top), box_bottom)
        self.set_xy(MARGIN, max(left_bottom, box_bottom) + 9)
        self._reference()
        self._operation()
        self._lines_table()
        self._summary()
        self._payment_and_notes()
        self._legal_mentions()
        self._number_pages()

    def _company_block(self) -> float:
        company = self.doc.company
        y = MARGIN
        if company.logo_png:
            y = self._logo(company.logo_png, y)
        self.set_xy(MARGIN, y)
        self._font(13, "B", ACCENT)
        self.multi_cell(
            RIGHT_COL_X - MARGIN - 8, 6, company.name, align=Align.L, new_x=XPos.LMARGIN
        )
        self.set_y(self.get_y() + 0.8)
        self._font(8.5, "", TEXT)
        phone = f"Tél.\u00a0: {company.phone}" if company.phone else ""
        lines = (
            company.street,
            postal_city(company),
            country_line(company.country),
            phone,
            company.email,
            company.website,
        )
        for line in (x for x in lines if x):
            self.cell(RIGHT_COL_X - MARGIN - 8, 4.2, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return self.get_y()

    def _logo(self, png: bytes, y: float) -> float:
        """Draw the logo inside a 50 × 22 mm box, top-left aligned; the y below it."""
        box_w, box_h = 50.0, 22.0
        try:
            with Image.open(BytesIO(png)) as image:
                ratio = image.width / image.height
        except Exception:  # a broken logo must not prevent issuing the document
            log.warning("company logo could not be read; rendering without it", exc_info=True)
            return y
        w, h = (box_w, box_w / ratio) if ratio >= box_w / box_h else (box_h * ratio, box_h)
        self.image(BytesIO(png), x=MARGIN, y=y, w=w, h=h)
        return y + h + 4

    def _title_block(self) -> float:
        doc = self.doc
        self.set_xy(RIGHT_COL_X, MARGIN - 1)
        self._font(20, "B", ACCENT)
        self._right_line(9, pdf_title(doc))
        self._font(10.5, "B", TEXT)
        self._right_line(6, DRAFT_LABEL if doc.draft else f"N° {doc.number}")
        self._font(9, "", TEXT)
        for label, value in self._dates():
            self._right_line(4.6, f"{label} : {value}")
        return self.get_y()

    def _right_line(self, h: float, text: str) -> None:
        self.cell(RIGHT_COL_W, h, text, align=Align.R, new_x=XPos.LEFT, new_y=YPos.NEXT)

    def _dates(self) -> list[tuple[str, str]]:
        doc = self.doc
        dates = [("Date", format_date(doc.issue_date))]
        if self.spec.payable and doc.due_date:
            dates.append(("Échéance", format_date(doc.due_date)))
        if self.spec.second_date is SecondDate.VALIDITY and doc.validity_date:
            dates.append(("Valable jusqu'au", format_date(doc.validity_date)))
        if doc.delivery_date:
            dates.append(("Date de livraison", format_date(doc.delivery_date)))
        return dates

    def _client_box(self, top: float) -> float:
        client = self.doc.client
        pad = 4.0
        inner_w = RIGHT_COL_W - 2 * pad
        self.set_xy(RIGHT_COL_X + pad, top + 3)
        self._font(7, "", MUTED)
        self.cell(inner_w, 3.5, "CLIENT", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_xy(RIGHT_COL_X + pad, self.get_y() + 0.8)
        self._font(10.5, "B", TEXT)
        self.multi_cell(inner_w, 5, client.name, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self._font(9, "", TEXT)
        address = [client.street, postal_city(client), country_line(client.country)]
        for line in (x for x in address if x):
            self.multi_cell(inner_w, 4.4, line, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
        ids = []
        siren = client_siren(client)
        if siren:
            ids.append(f"SIREN {format_siren(siren)}")
        if client.vat_number:
            ids.append(f"N° TVA {client.vat_number}")
        if ids:
            self.set_xy(RIGHT_COL_X + pad, self.get_y() + 1)
            self._font(7.5, "", MUTED)
            for line in ids:
                self.cell(inner_w, 3.6, line, new_x=XPos.LEFT, new_y=YPos.NEXT)
        bottom = max(self.get_y() + 3, top + 32)
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.rect(RIGHT_COL_X, top, RIGHT_COL_W, bottom - top, round_corners=True, corner_radius=2)
        return bottom

    def _delivery_block(self, top: float, box_bottom: float) -> float:
        """The delivery address, left of the client box, when it is not the billing one."""
        address = self.doc.delivery
        if address is None:
            return top - 5
        width = RIGHT_COL_X - MARGIN - 8
        self.set_xy(MARGIN, top + 3)
        self._font(7, "", MUTED)
        self.cell(width, 3.5, "ADRESSE DE LIVRAISON", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(self.get_y() + 0.8)
        self._font(9, "", TEXT)
        lines = [
            address.name,
            address.street,
            postal_city(address),
            country_line(address.country),
        ]
        for line in (x for x in lines if x.strip()):
            self.multi_cell(width, 4.4, line, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return self.get_y()

    def _operation(self) -> None:
        """The category of the operation and the VAT-on-debits option (invoices, credit
        notes), as one quiet line above the table."""
        doc = self.doc
        if not self.spec.legal_invoice:
            return
        parts = []
        label = category_label(doc.operation_category)
        if label:
            parts.append(f"Catégorie de l’opération\u00a0: {label}")
        if doc.vat_on_debits and not self.exempt:
            parts.append(VAT_ON_DEBITS)
        if not parts:
            return
        self._font(8.5, "", TEXT)
        self.multi_cell(
            CONTENT_W, 4.4, " · ".join(parts), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_y(self.get_y() + 3)

    def _reference(self) -> None:
        doc = self.doc
        if not doc.reference:
            return
        if self.spec.credits:
            text = doc.reference
            if not text.lower().startswith("avoir"):
                text = f"Avoir sur facture {text}"
            self._font(10, "B", TEXT)
        else:
            text = f"Référence\u00a0: {doc.reference}"
            self._font(9, "", TEXT)
        self.multi_cell(CONTENT_W, 5, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(self.get_y() + 3)

    @property
    def _discounted(self) -> bool:
        return any(line.discount_percent for line in self.doc.lines)

    def _columns(self) -> tuple[tuple[str, ...], tuple[float, ...], tuple[Align, ...]]:
        """Désignation takes what the optional columns (Remise, TVA) leave."""
        left, right = Align.L, Align.R
        columns: list[tuple[str, float, Align]] = [("Qté", 14, right), ("Unité", 15, left)]
        columns.append(("P.U. HT", 25, right))
        if self._discounted:
            columns.append(("Remise", 16, right))
        if not self.exempt:
            columns.append(("TVA", 14, right))
        columns.append(("Total HT", 30, right))
        first = CONTENT_W - sum(w for _, w, _ in columns)
        everything = [("Désignation", first, left), *columns]
        return (
            tuple(h for h, _, _ in everything),
            tuple(w for _, w, _ in everything),
            tuple(a for _, _, a in everything),
        )

    def _lines_table(self) -> None:
        headings, widths, aligns = self._columns()
        self._font(8.5, "", TEXT)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        heading_style = FontFace(
            family=FONT, emphasis="BOLD", size_pt=8.5, color=WHITE, fill_color=ACCENT
        )
        with self.table(
            width=CONTENT_W,
            col_widths=widths,
            text_align=aligns,
            v_align=VAlign.T,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            headings_style=heading_style,
            line_height=4.2,
            padding=(1.6, 1.8, 1.6, 1.8),
            first_row_as_headings=True,
        ) as table:
            heading_row = table.row()
            for heading in headings:
                heading_row.cell(heading, v_align=VAlign.M)
            for line in self.doc.lines:
                cells = [
                    line.description.strip(),
                    format_decimal(line.quantity),
                    line.unit,
                    format_amount(line.unit_price),
                ]
                if self._discounted:
                    cells.append(
                        format_rate(line.discount_percent) if line.discount_percent else ""
                    )
                if not self.exempt:
                    cells.append(format_rate(line.vat_rate))
                cells.append(format_amount(line.total_excl))
                table.row(cells)
        self.set_y(self.get_y() + 6)

    def _vat_rows(self) -> list[tuple[Decimal, Decimal, Decimal]]:
        """(rate, base, VAT) per rate, highest rate first; recomputed if not given."""
        by_rate = dict(self.doc.vat_by_rate)
        if not by_rate:
            bases: dict[Decimal, Decimal] = {}
            for line in self.doc.lines:
                rate = line.vat_rate.normalize()
                bases[rate] = bases.get(rate, Decimal(0)) + line.total_excl
            by_rate = {r: (b, round_money(b * r / HUNDRED)) for r, b in bases.items()}
        return [(rate, *by_rate[rate]) for rate in sorted(by_rate, reverse=True)]

    def _summary(self) -> None:
        """VAT breakdown (left) and totals (right), kept together on one page."""
        doc = self.doc
        row_h = 6.0
        vat_rows = [] if self.exempt else self._vat_rows()
        totals: list[tuple[str, str]] = [("Total HT", format_amount(doc.total_excl))]
        if self.exempt:
            grand = ("Net à payer", format_amount(doc.total_incl))
        else:
            totals.append(("TVA", format_amount(doc.total_vat)))
            # A final invoice's total is what is left once the deposits are deducted.
            label = "Net à payer" if doc.invoice_role == FINAL else "Total TTC"
            grand = (label, format_amount(doc.total_incl))
        height = max((len(vat_rows) + 1) * 5.5, len(totals) * row_h + 8.0, 12.0)
        # The QR code belongs with the amount it pays: on the totals' page.
        with_qr = 7 + 1 + QR_SIZE if self.transfer_qr else 0
        self._ensure_space(height + 2 + with_qr)
        top = self.get_y()

        # Left: VAT breakdown, or the exemption mention.
        self.set_xy(MARGIN, top)
        if self.exempt:
            self._font(9, "B", TEXT)
            self.cell(95, row_h, VAT_EXEMPT)
        else:
            with self._cell_margin(2):
                self._vat_table(vat_rows)

        # Right: totals.
        with self._cell_margin(3):
            x, label_w, value_w = 120.0, 40.0, PAGE_W - MARGIN - 120.0 - 40.0
            self.set_xy(x, top)
            for label, value in totals:
                self._font(9, "", MUTED)
                self.cell(label_w, row_h, label)
                self._font(9.5, "", TEXT)
                self.cell(value_w, row_h, value, align=Align.R, new_x=XPos.LEFT, new_y=YPos.NEXT)
                self.set_x(x)
                self._rule(self.get_y(), x, label_w + value_w)
            self.set_y(self.get_y() + 1.5)
            self.set_x(x)
            self.set_fill_color(*ACCENT)
            self._font(11, "B", WHITE)
            self.cell(label_w, 8, grand[0], fill=True)
            self.cell(value_w, 8, grand[1], fill=True, align=Align.R)
        self.set_xy(MARGIN, max(self.get_y() + 8, top + height) + 7)

    @contextmanager
    def _cell_margin(self, margin: float) -> Iterator[None]:
        """Horizontal padding inside ``cell()`` calls made in the block."""
        saved, self.c_margin = self.c_margin, margin
        try:
            yield
        finally:
            self.c_margin = saved

    def _vat_table(self, rows: Sequence[tuple[Decimal, Decimal, Decimal]]) -> None:
        widths = (34.0, 22.0, 34.0)
        self.set_fill_color(*LIGHT_FILL)
        self._font(8, "B", TEXT)
        for text, w in zip(("Base HT", "Taux", "Montant TVA"), widths, strict=True):
            self.cell(w, 5.5, text, align=Align.R, fill=True)
        self.set_xy(MARGIN, self.get_y() + 5.5)
        self._font(8.5, "", TEXT)
        for rate, base, vat in rows:
            values = (format_amount(base), format_rate(rate), format_amount(vat))
            for text, w in zip(values, widths, strict=True):
                self.cell(w, 5.5, text, align=Align.R)
            self.set_xy(MARGIN, self.get_y() + 5.5)
            self._rule(self.get_y(), w=sum(widths))

    def _payment_and_notes(self) -> None:
        doc = self.doc
        company = doc.company
        blocks: list[tuple[str, str]] = []
        payment = []
        if doc.payment_terms:
            payment.append(f"Conditions de paiement : {doc.payment_terms}")
        if self.spec.payable and doc.due_date:
            payment.append(f"Date d’échéance\u00a0: {format_date(doc.due_date)}")
        if self.spec.payable and company.iban:
            bank = f"Règlement par virement — IBAN\u00a0: {company.iban}"
            payment.append(bank + (f" — BIC : {company.bic}" if company.bic else ""))
        if payment:
            blocks.append(("Règlement", "\n".join(payment)))
        if doc.notes.strip():
            blocks.append(("Notes", doc.notes.strip()))
        for title, text in blocks:
            qr = self.transfer_qr if title == "Règlement" else None
            # With a QR code, the text keeps the left and the code the right margin.
            width = CONTENT_W - (QR_SIZE + QR_GAP if qr else 0)
            self._font(8.5, "", TEXT)
            text_h = self._text_height(width, 4.2, text)
            needed = 5 + text_h
            if qr:  # the caption may have to go under the text
                needed = max(needed + 1 + self._caption_height(width), 1 + QR_SIZE)
            self._ensure_space(needed)
            top = self.get_y()
            self._font(8, "B", ACCENT)
            self.cell(width, 5, title.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self._font(8.5, "", TEXT)
            self.multi_cell(width, 4.2, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            bottom = self.get_y()
            if qr:
                bottom = self._transfer_qr_block(qr, top + 1, bottom, width)
            self.set_xy(MARGIN, bottom + 4)
        if self.spec.signature:
            self._signature_box(self.spec.signature)

    def _caption_height(self, width: float) -> float:
        self._font(7.5, "", MUTED)
        return self._text_height(width, 3.6, QR_CAPTION)

    def _transfer_qr_block(
        self, qr: segno.QRCode, top: float, text_bottom: float, width: float
    ) -> float:
        """The QR code at the right margin, its caption beside its foot (under the payment
        text when that is long); the y below both."""
        draw_qr(self, qr, PAGE_W - MARGIN - QR_SIZE, top, QR_SIZE)
        caption_h = self._caption_height(width)
        caption_top = max(text_bottom + 1, top + QR_SIZE - caption_h)
        self.set_xy(MARGIN, caption_top)
        self.multi_cell(width, 3.6, QR_CAPTION, align=Align.R)
        return max(top + QR_SIZE, caption_top + caption_h)

    def _signature_box(self, label: str) -> None:
        w, h = 85.0, 26.0
        self._ensure_space(h + 2)
        x, y = PAGE_W - MARGIN - w, self.get_y()
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.rect(x, y, w, h, round_corners=True, corner_radius=2)
        self.set_xy(x + 3, y + 2)
        self._font(7.5, "", MUTED)
        self.cell(w - 6, 4, label)
        self.set_xy(MARGIN, y + h + 4)

    def _legal_mentions(self) -> None:
        """Late-payment terms at the foot of the last page (invoices to businesses)."""
        if not self.spec.payable:
            return
        text = "\n".join(payment_mentions(self.doc).lines)
        if not text:
            return
        self._font(7.5, "", MUTED)
        height = self._text_height(CONTENT_W, 3.6, text)
        self._ensure_space(height + 3)
        self.set_y(max(self.get_y(), self.page_break_trigger - height - 1))
        self.multi_cell(CONTENT_W, 3.6, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def transfer_qr(doc: PrintDocument) -> segno.QRCode | None:
    """The SEPA transfer QR code of a validated document of a payable kind, for its total
    (the PDF is made once, at validation, when nothing is paid yet); ``None`` without a
    valid IBAN or for an amount no transfer can carry."""
    company = doc.company
    if doc.draft or not kind_spec(doc.kind).payable or not company.iban.strip():
        return None
    payload = epc_payload(
        name=company.name,
        iban=company.iban,
        bic=company.bic,
        amount=doc.total_incl,
        remittance=doc.number,
    )
    if payload is None:
        log.info("no payment QR code on %s: IBAN, BIC or amount unusable", doc.number)
        return None
    # Error level M as EPC069-12 requires; no ECI header (character set 1 says UTF-8).
    return segno.make(payload, error="m", encoding="utf-8", micro=False, boost_error=False)


def draw_qr(pdf: FPDF, qr: segno.QRCode, x: float, y: float, size: float) -> None:
    """Draw ``qr`` as opaque filled rectangles (vector, no image, no transparency: PDF/A),
    one per run of dark modules of a row; the quiet zone is the white page around it."""
    matrix = qr.matrix
    module = size / len(matrix)
    pdf.set_fill_color(*BLACK)
    for row_no, row in enumerate(matrix):
        column = 0
        for dark, run in groupby(row):
            length = len(list(run))
            if dark:
                seam = QR_SEAM if row_no < len(matrix) - 1 else 0.0
                left, top = x + column * module, y + row_no * module
                pdf.rect(left, top, length * module, module + seam, style="F")
            column += length
