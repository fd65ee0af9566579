"""The formal notice to pay (« Mise en demeure de payer »), as a French business letter.

Sender top left, addressee in the envelope window, the unpaid invoices with the late
penalties and (business clients only) the recovery indemnity, the deadline, and what
happens after it.
"""

from __future__ import annotations

from datetime import datetime

from fpdf.enums import Align, XPos, YPos

from app.domain.formatting import format_amount, format_date, format_rate
from app.pdf.reminder_layout import WINDOW_TOP, ReminderPDF, bank_details
from app.pdf.reminder_model import FormalNotice, NoticeLine
from app.pdf.render import ACCENT, CONTENT_W, MARGIN, MUTED, RIGHT_COL_W, RIGHT_COL_X, WHITE

TITLE = "Mise en demeure de payer"
REGISTERED = "Lettre recommandée avec accusé de réception"
SALUTATION = "Madame, Monsieur,"
CLOSING = "Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées."
INDEMNITY_LABEL = (
    "Indemnité forfaitaire pour frais de recouvrement (art. L441-10 et D441-5 du Code de commerce)"
)

_L, _R = Align.L, Align.R
_AMOUNT_W = 40.0  # the totals' amount column


def render_formal_notice(notice: FormalNotice, *, creation_date: datetime | None = None) -> bytes:
    """The letter for ``notice``; the same notice and ``creation_date`` give the same bytes
    (``creation_date``: the PDF's metadata, default now, naive taken as UTC)."""
    running = f"{TITLE} · {notice.client.name} · {format_date(notice.on)}"
    pdf = ReminderPDF(notice.company, f"{TITLE} — {notice.client.name}", running)
    pdf.add_page()
    _letter_head(pdf, notice)
    plural = len(notice.lines) > 1
    pdf.paragraph(SALUTATION, gap=2.5)
    pdf.paragraph(
        "Sauf erreur de notre part, "
        + (
            "les factures ci-dessous restent impayées à ce jour, "
            "malgré nos précédentes relances\u00a0:"
            if plural
            else "la facture ci-dessous reste impayée à ce jour, "
            "malgré nos précédentes relances\u00a0:"
        ),
        gap=3,
    )
    _invoices(pdf, notice)
    _totals(pdf, notice)
    _demand(pdf, notice)
    _signature(pdf, notice)
    return pdf.finish(creation_date)


def _letter_head(pdf: ReminderPDF, notice: FormalNotice) -> None:
    sender_bottom = pdf.sender_block()
    window_bottom = pdf.address_block(notice.client, WINDOW_TOP)
    pdf.set_xy(RIGHT_COL_X, max(window_bottom, sender_bottom) + 8)
    pdf.use_font(9.5)
    city = notice.company.city.strip()
    place = f"Fait à {city}, le " if city else "Le "
    pdf.cell(RIGHT_COL_W, 5, place + format_date(notice.on), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 5)
    pdf.use_font(8.5, "B", MUTED)
    pdf.cell(CONTENT_W, 5, REGISTERED.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 1)
    pdf.use_font(10.5, "B")
    pdf.cell(CONTENT_W, 6, f"Objet : {TITLE}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 6)


def _columns(notice: FormalNotice) -> list[tuple[str, float, Align]]:
    """N° takes what the others leave; no indemnity column for a private client."""
    columns = [
        ("Date", 22.0, _L),
        ("Échéance", 22.0, _L),
        ("Reste dû", 26.0, _R),
        ("Jours de retard", 19.0, _R),
        ("Pénalités", 24.0, _R),
    ]
    if notice.total_indemnity > 0:
        columns.append(("Indemnité", 22.0, _R))
    return [("N°", CONTENT_W - sum(w for _, w, _ in columns), _L), *columns]


def _cells(line: NoticeLine, indemnity: bool) -> list[str]:
    cells = [
        line.number,
        format_date(line.issue_date),
        format_date(line.due_date),
        format_amount(line.left),
        str(line.days_late),
        format_amount(line.penalties),
    ]
    return [*cells, format_amount(line.indemnity)] if indemnity else cells


def _invoices(pdf: ReminderPDF, notice: FormalNotice) -> None:
    columns = _columns(notice)
    indemnity = notice.total_indemnity > 0
    with pdf.grid([c[0] for c in columns], [c[1] for c in columns], [c[2] for c in columns]) as t:
        heading = t.row()
        for title, _, _ in columns:
            heading.cell(title)
        for line in notice.lines:
            t.row(_cells(line, indemnity))
    pdf.set_y(pdf.get_y() + 6)


def _totals(pdf: ReminderPDF, notice: FormalNotice) -> None:
    """What is claimed, line by line, then the total on the accent band; kept together."""
    penalties = (
        f"Pénalités de retard calculées au taux annuel de {format_rate(notice.rate)} "
        f"du lendemain de l’échéance au {format_date(notice.on)}"
    )
    rows = [("Principal restant dû", notice.total_left), (penalties, notice.total_penalties)]
    if notice.total_indemnity > 0:
        rows.append((INDEMNITY_LABEL, notice.total_indemnity))
    label_w = CONTENT_W - _AMOUNT_W - 6
    pdf.use_font(9)
    heights = [pdf.wrapped_height(label_w, 4.4, label) for label, _ in rows]
    pdf.keep_space(sum(h + 3 for h in heights) + 12)
    for (label, amount), height in zip(rows, heights, strict=True):
        top = pdf.get_y()
        pdf.set_xy(MARGIN, top + 1.5)
        pdf.use_font(9)
        pdf.multi_cell(label_w, 4.4, label, align=_L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_xy(MARGIN + CONTENT_W - _AMOUNT_W, top + 1.5 + height - 4.4)
        pdf.use_font(9.5)
        pdf.cell(_AMOUNT_W, 4.4, format_amount(amount), align=_R)
        pdf.hrule(top + height + 3)
        pdf.set_y(top + height + 3)
    pdf.set_y(pdf.get_y() + 1.5)
    pdf.set_fill_color(*ACCENT)
    pdf.use_font(11, "B", WHITE)
    pdf.c_margin = 3  # padding inside the band, as on the invoice's total
    pdf.cell(CONTENT_W - _AMOUNT_W, 8, "Total à régler", fill=True)
    pdf.cell(_AMOUNT_W, 8, format_amount(notice.total), fill=True, align=_R)
    pdf.c_margin = 0
    pdf.set_xy(MARGIN, pdf.get_y() + 8 + 7)


def _demand(pdf: ReminderPDF, notice: FormalNotice) -> None:
    pdf.paragraph(
        f"Nous vous mettons en demeure de nous régler la somme de {format_amount(notice.total)} "
        f"au plus tard le {format_date(notice.deadline)}.",
        style="B",
    )
    pdf.paragraph(
        "À défaut de paiement à cette date, nous engagerons sans autre avis une procédure "
        "judiciaire de recouvrement, notamment par voie d’injonction de payer, sans préjudice "
        "de tous autres droits et recours."
    )
    bank = bank_details(notice.company)
    if bank:
        pdf.paragraph(f"Le règlement peut être effectué par virement\u00a0: {bank}.")
    pdf.paragraph(
        "Si votre règlement nous est parvenu entre-temps, nous vous prions de ne pas tenir "
        "compte de la présente."
    )
    pdf.keep_space(20)  # the closing formula stays with the signature
    pdf.paragraph(CLOSING, gap=6)


def _signature(pdf: ReminderPDF, notice: FormalNotice) -> None:
    pdf.set_x(RIGHT_COL_X)
    pdf.use_font(10, "B")
    pdf.multi_cell(RIGHT_COL_W, 5, notice.company.name, align=_L, new_x=XPos.LMARGIN)
