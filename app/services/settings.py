"""Company identity, sender and SMTP account settings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy.orm import Session

from app.db.database import Database
from app.db.models import CompanySettings
from app.domain.kinds import CopyToSelf, SmtpSecurity
from app.errors import FacturierError, ValidationError


@dataclass(frozen=True)
class Company:
    name: str = ""
    legal_form: str = ""
    capital: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "France"
    siren: str = ""
    siret: str = ""
    rcs: str = ""
    vat_number: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    iban: str = ""
    bic: str = ""
    vat_exempt: bool = False
    payment_terms: str = ""
    payment_days: int = 30
    late_penalty_text: str = ""
    logo_png: bytes | None = None
    sender_name: str = ""
    sender_address: str = ""
    copy_to_self: CopyToSelf = CopyToSelf.NONE
    rate_per_minute: int = 0
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: SmtpSecurity = SmtpSecurity.STARTTLS
    smtp_user: str = ""
    smtp_insecure: bool = False

    @property
    def display_sender_name(self) -> str:
        return self.sender_name or self.name


_FIELDS = [f.name for f in fields(Company)]


def settings_row(session: Session) -> CompanySettings:
    """The single settings row, created with defaults on first use."""
    row = session.get(CompanySettings, 1)
    if row is None:
        row = CompanySettings(id=1, **_column_values(Company()))
        session.add(row)
        session.flush()
    return row


def _column_values(company: Company) -> dict[str, Any]:
    values = asdict(company)
    values["copy_to_self"] = str(company.copy_to_self)
    values["smtp_security"] = str(company.smtp_security)
    return values


def company_from_row(row: CompanySettings) -> Company:
    values = {name: getattr(row, name) for name in _FIELDS}
    values["copy_to_self"] = CopyToSelf(row.copy_to_self)
    values["smtp_security"] = SmtpSecurity(row.smtp_security)
    return Company(**values)


def get_company(db: Database) -> Company:
    with db.read() as session:
        row = session.get(CompanySettings, 1)
        return company_from_row(row) if row is not None else Company()


def update_company(db: Database, **changes: Any) -> Company:
    """Change some settings in one transaction; unknown names are a programming error."""
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    with db.write() as session:
        row = settings_row(session)
        company = replace(company_from_row(row), **changes)
        _validate(company)
        for name, value in _column_values(company).items():
            setattr(row, name, value)
        return company


def _validate(company: Company) -> None:
    if not 1 <= company.smtp_port <= 65535:
        raise ValidationError("port", field="smtp_port", value=company.smtp_port)
    if company.rate_per_minute < 0:
        raise ValidationError("rate", field="rate_per_minute", value=company.rate_per_minute)
    if company.payment_days < 0:
        raise ValidationError("days", field="payment_days", value=company.payment_days)
    for name in ("name", "sender_name", "smtp_host", "smtp_user", "sender_address"):
        value = getattr(company, name)
        if "\r" in value or "\n" in value:
            raise ValidationError("line break", field=name, value=value)


class KeyringUnavailableError(FacturierError):
    code = "keyring.unavailable"


KEYRING_SERVICE = "facturier"


def store_smtp_password(db: Database, password: str) -> str:
    """Keep the SMTP password in the system keyring under the account's user name."""
    user = get_company(db).smtp_user
    if not user:
        raise ValidationError("no SMTP user", field="smtp_user")
    if not password or "\n" in password or "\r" in password:
        raise ValidationError("password", field="password")
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, user, password)
    except Exception as exc:  # no backend on a headless machine, locked store, D-Bus down
        raise KeyringUnavailableError(f"{type(exc).__name__}: {exc}", user=user) from exc
    return user
