"""The EPC069-12 payload: exact texts for valid data, no payload for anything unsafe."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.epc_qr import epc_payload

IBAN = "FR76 3000 6000 0112 3456 7890 189"


def payload(
    *,
    name: str = "Atelier Hélène Dubois",
    iban: str = IBAN,
    bic: str = "AGRIFRPP",
    amount: Decimal = Decimal("3381.00"),
    remittance: str = "F-2026-0042",
) -> str | None:
    return epc_payload(name=name, iban=iban, bic=bic, amount=amount, remittance=remittance)


def test_invoice_payload_has_every_field_in_order() -> None:
    assert payload() == (
        "BCD\n002\n1\nSCT\nAGRIFRPP\nAtelier Hélène Dubois\nFR7630006000011234567890189\n"
        "EUR3381.00\n\n\nF-2026-0042"
    )


def test_iban_and_bic_are_compacted_and_upper_case() -> None:
    text = payload(iban="fr76 3000 6000 0112 3456 7890 189", bic=" agri fr pp ")
    assert text is not None
    assert text.split("\n")[4:7] == ["AGRIFRPP", "Atelier Hélène Dubois", IBAN.replace(" ", "")]


def test_without_bic_the_line_stays_empty_within_the_eea() -> None:
    assert payload(bic="", iban="DE89 3704 0044 0532 0130 00") == (
        "BCD\n002\n1\nSCT\n\nAtelier Hélène Dubois\nDE89370400440532013000\n"
        "EUR3381.00\n\n\nF-2026-0042"
    )


def test_sepa_outside_the_eea_needs_the_bic() -> None:
    swiss = "CH93 0076 2011 6238 5295 7"
    assert payload(iban=swiss, bic="") is None
    text = payload(iban=swiss, bic="UBSWCHZH80A")
    assert text is not None
    assert text.split("\n")[4:7] == [
        "UBSWCHZH80A",
        "Atelier Hélène Dubois",
        "CH9300762011623852957",
    ]


@pytest.mark.parametrize(
    ("iban", "bic"),
    [
        ("FR76 3000 6000 0112 3456 7890 180", "AGRIFRPP"),  # wrong check digits
        ("FR76 3000 6000 0112 3456 7890", "AGRIFRPP"),  # too short for France
        ("TR33 0006 1005 1978 6457 8413 26", ""),  # valid, but Turkey is not in SEPA
        (IBAN, "AGRIFRP"),  # a BIC is 8 or 11 characters
        (IBAN, "1GRIFRPP"),  # the bank code is letters
    ],
)
def test_an_invalid_or_non_sepa_account_gives_no_payload(iban: str, bic: str) -> None:
    assert payload(iban=iban, bic=bic) is None


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("0.01", "EUR0.01"),
        ("12.5", "EUR12.50"),
        ("100", "EUR100.00"),
        ("999999999.99", "EUR999999999.99"),
    ],
)
def test_amount_has_two_decimals_and_a_point(amount: str, text: str) -> None:
    result = payload(amount=Decimal(amount))
    assert result is not None
    assert result.split("\n")[7] == text


@pytest.mark.parametrize("amount", ["0", "0.00", "-10.00", "1000000000.00"])
def test_an_amount_no_transfer_can_carry_gives_no_payload(amount: str) -> None:
    assert payload(amount=Decimal(amount)) is None


def test_name_is_one_line_of_at_most_70_characters() -> None:
    text = payload(name="Atelier\nHélène   Dubois " + "x" * 80)
    assert text is not None
    name = text.split("\n")[5]
    assert name.startswith("Atelier Hélène Dubois xxx")
    assert len(name) == 70
    assert text.count("\n") == 10  # the fields stay in their places


def test_remittance_is_never_cut() -> None:
    assert payload(remittance="F" * 140) is not None
    assert payload(remittance="F" * 141) is None  # a cut number would name another invoice


def test_payload_stays_within_331_bytes() -> None:
    # 65 bytes of fixed fields and separators, 140 of name ("é" is 2 bytes in UTF-8)
    text = payload(name="é" * 70, remittance="F" * 126)
    assert text is not None
    assert len(text.encode("utf-8")) == 331
    assert payload(name="é" * 70, remittance="F" * 127) is None
