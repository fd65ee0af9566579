"""The payload of a SEPA credit transfer QR code (EPC069-12, "GiroCode").

A banking app that scans it fills in a transfer: beneficiary, IBAN, amount in euros and the
remittance information. ``epc_payload`` returns ``None`` rather than a payload that could
send money to the wrong place or fail at the bank: invalid IBAN or BIC, a country outside
SEPA, an amount outside the standard's range, data too long to fit.
"""

from __future__ import annotations

from decimal import Decimal

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

MIN_AMOUNT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999.99")
MAX_NAME = 70
MAX_REMITTANCE = 140
MAX_BYTES = 331

# Version 002 lets the BIC out only within the EEA; the other SEPA countries need it.
# fmt: off
EEA_COUNTRIES = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
})
# fmt: on
SEPA_COUNTRIES = EEA_COUNTRIES | {"AD", "AL", "CH", "GB", "GI", "MC", "MD", "ME", "MK", "SM", "VA"}


def epc_payload(
    *, name: str, iban: str, amount: Decimal, remittance: str, bic: str = ""
) -> str | None:
    """The EPC QR text asking for ``amount`` euros to ``iban`` with ``remittance`` as the
    unstructured remittance information; ``None`` when no safe code can be made."""
    account = _valid_iban(iban)
    code = _valid_bic(bic)
    if account is None or code is None:
        return None
    if not code and account[:2] not in EEA_COUNTRIES:
        return None
    beneficiary = _one_line(name)[:MAX_NAME].strip()
    reference = _one_line(remittance)
    if not beneficiary or len(reference) > MAX_REMITTANCE:
        return None  # a cut invoice number would point the payment at the wrong invoice
    if not MIN_AMOUNT <= amount <= MAX_AMOUNT:
        return None
    lines = (
        "BCD",  # service tag
        "002",  # version
        "1",  # character set: UTF-8
        "SCT",  # SEPA credit transfer
        code,
        beneficiary,
        account,
        f"EUR{amount.quantize(MIN_AMOUNT)}",
        "",  # purpose code
        "",  # structured (RF) reference: none, the remittance below is unstructured
        reference,
    )
    payload = "\n".join(lines)
    return payload if len(payload.encode("utf-8")) <= MAX_BYTES else None


def _valid_iban(iban: str) -> str | None:
    """The IBAN without spaces, upper case, if valid and in a SEPA country."""
    try:
        account = stdnum_iban.validate(iban)
    except ValidationError:
        return None
    return account if account[:2] in SEPA_COUNTRIES else None


def _valid_bic(bic: str) -> str | None:
    """The BIC compacted, ``""`` when there is none, ``None`` when it is invalid."""
    if not bic.strip():
        return ""
    try:
        return str(stdnum_bic.validate(bic))
    except ValidationError:
        return None


def _one_line(text: str) -> str:
    """Line breaks would shift the payload's fields: every whitespace run becomes a space."""
    return " ".join(text.split())
