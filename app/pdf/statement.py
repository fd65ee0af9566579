"""The statement of account (« Relevé de compte ») of one client, as a PDF.

Every open invoice and credit note, what was paid and what is left, on a day. Long
statements flow onto further pages, the table's heading repeated on each.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from fpdf.enums import Align
from fpdf.fonts import FontFace

from app.domain.formatting import format_amount, format_date
from app.pdf.reminder_layout import WINDOW_TOP, ReminderPDF, bank_details, day
from app.pdf.reminder_model import Statement, StatementLine
from app.pdf.render import ACCENT, CONTENT_W, FONT, LIGHT_FILL, MARGIN, RIGHT_COL_X, TEXT

TITLE = "Relevé de compte"

_L, _R = Align.L, Align.R
# (heading, width mm, alignment); N° takes what the others leave.
_COLUMNS: tuple[tuple[str, float, Align], ...] = (
    ("N°", 0.0, _L),
    ("Date", 22.0, _L),
    ("Échéance", 22.0, _L),
    ("Montant TTC", 26.0, _R),
    ("Réglé", 24.0, _R),
    ("Reste à payer", 26.0, _R),
    ("Jours de retard", 19.0, _R),
)


def render_statement(statement: Statement, *, creation_date: datetime | None = None) -> bytes:
    """The PDF of ``statement``; the same statement and ``creation_date`` give the same
    bytes (``creation_date``: the PDF's metadata, default now, naive taken as UTC)."""
    running = f"{TITLE} · {statement.client.name} · au {format_date(statement.on)}"
    pdf = ReminderPDF(statement.company, f"{TITLE} au {format_date(statement.on)}", running)
    pdf.add_page()
    _first_page_top(pdf, statement)
    _table(pdf, statement)
    _closing(pdf, statement)
    return pdf.finish(creation_date)


def _first_page_top(pdf: ReminderPDF, statement: Statement) -> None:
    sender_bottom = pdf.sender_block()
    pdf.set_xy(RIGHT_COL_X, MARGIN - 1)
    pdf.use_font(20, "B", ACCENT)
    pdf.right_line(9, TITLE)
    pdf.use_font(10.5, "B")
    pdf.right_line(6, f"au {format_date(statement.on)}")
    box_top = max(pdf.get_y() + 6, WINDOW_TOP)
    box_bottom = pdf.address_block(statement.client, box_top, label="CLIENT")
    pdf.set_xy(MARGIN, max(sender_bottom, box_bottom) + 9)


def _cells(line: StatementLine) -> list[str]:
    late = str(line.days_late) if line.days_late > 0 and not line.credit_note else ""
    return [
        f"Avoir {line.number}" if line.credit_note else line.number,
        format_date(line.issue_date),
        "" if line.credit_note else day(line.due_date),
        format_amount(line.amount),
        format_amount(line.paid),
        format_amount(line.left),
        late,
    ]


def _table(pdf: ReminderPDF, statement: Statement) -> None:
    fixed = sum(w for _, w, _ in _COLUMNS)
    widths = [w or CONTENT_W - fixed for _, w, _ in _COLUMNS]
    total_style = FontFace(
        family=FONT, emphasis="BOLD", size_pt=9, color=TEXT, fill_color=LIGHT_FILL
    )
    with pdf.grid([h for h, _, _ in _COLUMNS], widths, [a for _, _, a in _COLUMNS]) as table:
        heading = table.row()
        for title, _, _ in _COLUMNS:
            heading.cell(title)
        for line in statement.lines:
            table.row(_cells(line))
        total = table.row(style=total_style)
        total.cell("Total dû", colspan=5)
        total.cell(format_amount(statement.total_due))
        total.cell("")
    pdf.set_y(pdf.get_y() + 7)


def _closing(pdf: ReminderPDF, statement: Statement) -> None:
    due = statement.total_due
    if due <= Decimal(0):
        text = f"Votre compte ne présente aucun solde à régler au {format_date(statement.on)}" + (
            f" (avoir en votre faveur : {format_amount(-due)})." if due < 0 else "."
        )
    else:
        bank = bank_details(statement.company)
        how = f" par virement ({bank})" if bank else ""
        text = (
            f"Nous vous remercions de bien vouloir nous régler la somme de "
            f"{format_amount(due)}{how}, en rappelant les numéros des factures concernées. "
            "Si votre règlement nous est parvenu entre-temps, merci de ne pas tenir compte "
            "de ce relevé."
        )
    pdf.paragraph(text)
