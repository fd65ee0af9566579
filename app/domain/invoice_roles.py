"""An invoice's place in the invoicing of a quote or an order (``Document.invoice_role``):
a whole invoice, a deposit invoice (facture d'acompte) or the final invoice (facture de
solde) that deducts the deposits."""

from __future__ import annotations

DEPOSIT = "deposit"
FINAL = "final"

# UNTDID 1001: a deposit invoice is a prepayment invoice; the final one is a plain 380.
PREPAYMENT_TYPE_CODE = "386"

# What the PDF prints as its title (the PDF is in French).
PDF_TITLES = {DEPOSIT: "FACTURE D'ACOMPTE", FINAL: "FACTURE DE SOLDE"}
