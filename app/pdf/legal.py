"""The legal sentences an invoice carries, written once for the PDF and the CII XML.

Late payment (Code de commerce L441-10) and early-payment discount (L441-9) terms are
owed between businesses only: a private client's invoice carries none of them. The
reform's mentions (décret 2022-1299, CGI art. 242 nonies A): the category of the
operation and the VAT-on-debits option.
"""

from __future__ import annotations

from app.domain import legal_mentions
from app.domain.legal_mentions import VAT_ON_DEBITS, PaymentMentions
from app.pdf.model import PrintDocument

__all__ = ["VAT_ON_DEBITS", "PaymentMentions", "category_label", "payment_mentions"]

CATEGORY_LABELS = {
    "goods": "Livraison de biens",
    "services": "Prestation de services",
    "mixed": "Mixte (biens et services)",
}


def payment_mentions(doc: PrintDocument) -> PaymentMentions:
    """What the invoice says about late payment and early payment, once each (the
    sentences are built in ``app.domain.legal_mentions``, shared with the settings dialog)."""
    return legal_mentions.payment_mentions(
        business=doc.client.business,
        custom_text=doc.late_penalty_text,
        penalty_rate=doc.company.late_penalty_rate,
        discount=doc.company.early_payment_discount,
    )


def category_label(code: str) -> str:
    """« Prestation de services »…; "" when no category is chosen."""
    return CATEGORY_LABELS.get(code, "")
