"""The French legal sentences documents print, shared by the PDF, the CII XML and the
settings dialog's preview: late and early payment terms built from the company's settings
(Code de commerce L441-9 and L441-10), the VAT exemption and the VAT-on-debits option.

Late-payment penalties, the 40 € recovery indemnity and the discount terms are owed
between businesses only: a private client's invoice carries none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.domain.formatting import UNIT_SEP, format_decimal

DEFAULT_PENALTY_RATE = "trois fois le taux d’intérêt légal"
NO_DISCOUNT = "Pas d’escompte pour paiement anticipé."
RECOVERY_FEE = (
    f"Indemnité forfaitaire pour frais de recouvrement\u00a0: 40{UNIT_SEP}€ "
    "(art. L441-10 du Code de commerce)."
)
VAT_EXEMPT = f"TVA non applicable, art. 293{UNIT_SEP}B du CGI"
VAT_ON_DEBITS = "Option pour le paiement de la taxe d’après les débits"
# A rate typed as a number: "10", "10,5 %", "12.25%", "10 % l'an".
_RATE = re.compile(r"(\d{1,3}(?:[.,]\d{1,3})?)\s*(%?)\s*(.*)", re.DOTALL)
MAX_PENALTY_RATE = Decimal(100)


@dataclass(frozen=True)
class PaymentMentions:
    """The three sentences (each "" when it does not apply): penalties (CII note PMD),
    recovery indemnity (PMT), discount terms (AAB)."""

    penalties: str
    recovery_fee: str
    discount: str

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(x for x in (self.penalties, self.recovery_fee, self.discount) if x)


def penalty_rate_problem(value: str) -> str:
    """Why ``value`` cannot be the late-penalty rate: "format" (starts like a number but
    is not a percentage), "range" (not above 0 and at most 100 %), or "" when it is fine.
    Empty means the legal default; words ("taux de la BCE majoré de 10 points") are kept
    as typed."""
    text = value.strip()
    if not text or not text[0].isdigit():
        return ""
    match = _RATE.fullmatch(text)
    if match is None or (match.group(3) and not match.group(2)):
        return "format"
    rate = Decimal(match.group(1).replace(",", "."))
    return "" if 0 < rate <= MAX_PENALTY_RATE else "range"


def normalize_penalty_rate(value: str) -> str:
    """As stored: a number as ``"10,5 %"`` (what follows it kept), words as typed. Call
    it on values ``penalty_rate_problem`` accepts."""
    text = value.strip()
    match = _RATE.fullmatch(text) if text[:1].isdigit() else None
    if match is None:
        return text
    rate = format_decimal(Decimal(match.group(1).replace(",", ".")))
    rest = match.group(3).strip()
    return f"{rate} %" + (f" {rest}" if rest else "")


def penalty_sentence(rate: str) -> str:
    """« En cas de retard de paiement, pénalités de retard au taux de 10,5 %. »"""
    shown = normalize_penalty_rate(rate).rstrip(" .") or DEFAULT_PENALTY_RATE
    shown = shown.replace(" %", f"{UNIT_SEP}%")
    return f"En cas de retard de paiement, pénalités de retard au taux de {shown}."


def discount_sentence(terms: str) -> str:
    """The early-payment discount terms as one sentence; the legal "no discount" when
    none are set."""
    text = " ".join(terms.split())
    if not text:
        return NO_DISCOUNT
    return text if text[-1] in ".!?" else f"{text}."


def payment_mentions(
    *, business: bool, custom_text: str = "", penalty_rate: str = "", discount: str = ""
) -> PaymentMentions:
    """What an invoice says about late and early payment, each sentence once.

    ``custom_text`` is the company's own wording from before the structured settings
    (it replaces the penalty sentence); when it already mentions the indemnity or the
    discount, those are not printed a second time."""
    if not business:
        return PaymentMentions("", "", "")
    custom = custom_text.strip()
    penalties = custom or penalty_sentence(penalty_rate)
    folded = custom.casefold()
    fee = "" if "recouvrement" in folded else RECOVERY_FEE
    terms = "" if "escompte" in folded else discount_sentence(discount)
    return PaymentMentions(penalties, fee, terms)
