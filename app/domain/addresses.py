"""E-mail address checks (syntax only: the desktop may be offline)."""

from __future__ import annotations

from app.errors import InvalidAddressError


def check_address(value: str) -> str:
    """The address as it should be stored, or ``InvalidAddressError`` with the reason."""
    text = value.strip()
    if not text:
        raise InvalidAddressError("empty", value=value, reason="empty")
    if any(c in text for c in "\r\n"):
        raise InvalidAddressError("line break", value=value, reason="line_break")
    # lazy: the validator (with its DNS library, 40 ms) only when an address is checked,
    # not for every window start and command
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        raise InvalidAddressError(str(exc), value=value, reason=str(exc)) from exc
    return str(result.normalized)
