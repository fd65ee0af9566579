"""Company identity, sender and SMTP account settings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from io import BytesIO
from typing import Any

from sqlalchemy.orm import Session

from app.db.database import Database
from app.db.models import CompanySettings
from app.db.models import EmailTemplate as TemplateRow
from app.domain.addresses import check_address
from app.domain.kinds import CopyToSelf, DocumentKind, SmtpSecurity
from app.errors import FacturierError, InvalidAddressError, ValidationError
from app.mail.templates import DEFAULT_TEMPLATES, EmailTemplate, validate_template


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
    # Validated invoices and credit notes are archived as Factur-X (PDF/A-3 + CII XML).
    facturx_enabled: bool = True
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


# --- the settings dialog: checks as typed, the logo, Save in one transaction -------------

LIMITS: dict[str, int] = {  # the columns' sizes
    "name": 200, "legal_form": 60, "capital": 60, "street": 300, "postal_code": 20,
    "city": 120, "country": 80, "rcs": 120, "phone": 40, "email": 254, "website": 200,
    "payment_terms": 1000, "late_penalty_text": 2000, "sender_name": 200,
    "sender_address": 254, "smtp_host": 253, "smtp_user": 254,
}  # fmt: skip
SUBJECT_LIMIT = 300
LOGO_MAX_FILE = 10_000_000  # bytes of the chosen file
LOGO_MAX_SIDE = 1200  # pixels: a 50 mm wide logo at 600 dpi
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # line breaks included
_BIC = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")


class InvalidLogoError(ValidationError):
    code = "settings.logo"  # data: reason ("too_large", "format", "unreadable", "pdf")


class IbanError(ValidationError):
    code = "settings.iban"  # data: reason ("format", "checksum")


class BicError(ValidationError):
    code = "settings.bic"


def company_problems(company: Company) -> list[ValidationError]:
    """What cannot be saved, at most one error per field (``data['field']``); [] when all is
    well. The name is required; SIREN, SIRET and VAT number follow the clients' rules; the
    e-mail addresses, IBAN and BIC their own; no field holds a control character."""
    from app.services import client_rules as rules

    found: dict[str, ValidationError] = {}
    if not company.name.strip():
        found["name"] = rules.RequiredFieldError("name", field="name")
    for name, limit in LIMITS.items():
        value = str(getattr(company, name)).strip()
        multiline = name in ("payment_terms", "late_penalty_text")
        if len(value) > limit:
            found.setdefault(
                name, rules.TooLongError(name, field=name, length=len(value), limit=limit)
            )
        elif _CONTROL.search(value.replace("\n", "") if multiline else value):
            found.setdefault(name, rules.ControlCharacterError(name, field=name))
    for name in ("email", "sender_address"):
        value = str(getattr(company, name))
        if value.strip() and name not in found:
            try:
                check_address(value)
            except InvalidAddressError as exc:
                found[name] = InvalidAddressError(exc.detail, field=name, **exc.data)
    for name, check in (
        ("siren", rules.normalize_siren),
        ("siret", rules.normalize_siret),
        ("vat_number", rules.normalize_vat_number),
        ("iban", normalize_iban),
        ("bic", normalize_bic),
    ):
        try:
            check(getattr(company, name))
        except ValidationError as exc:
            found[name] = exc
    if "siren" not in found and "siret" not in found:
        siren = rules.normalize_siren(company.siren)
        if (
            siren
            and company.siret.strip()
            and not rules.normalize_siret(company.siret).startswith(siren)
        ):
            found["siret"] = rules.SiretMismatchError("siret", field="siret", siren=siren)
    try:
        _validate(company)
    except ValidationError as exc:
        found.setdefault(str(exc.data.get("field", "")), exc)
    return list(found.values())


def normalize_iban(value: str) -> str:
    """Groups of four (``FR76 3000 …``), or ``IbanError`` when the check digits disagree."""
    compact = re.sub(r"[\s.\-]", "", value).upper()
    if not compact:
        return ""
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", compact):
        raise IbanError("iban", field="iban", value=value, reason="format")
    moved = compact[4:] + compact[:4]
    if int("".join(str(int(c, 36)) for c in moved)) % 97 != 1:
        raise IbanError("iban", field="iban", value=value, reason="checksum")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def normalize_bic(value: str) -> str:
    compact = re.sub(r"\s", "", value).upper()
    if compact and not _BIC.fullmatch(compact):
        raise BicError("bic", field="bic", value=value)
    return compact


def prepare_logo(data: bytes) -> bytes:
    """The logo as stored: PNG bytes that fpdf2 can draw, from a PNG or JPEG file (scaled
    down to ``LOGO_MAX_SIDE`` pixels, transparency kept). ``InvalidLogoError`` otherwise."""
    from fpdf import FPDF
    from PIL import Image, ImageOps

    if len(data) > LOGO_MAX_FILE:
        raise InvalidLogoError("too large", reason="too_large", size=len(data))
    try:
        with Image.open(BytesIO(data)) as opened:
            if opened.format not in ("PNG", "JPEG"):
                raise InvalidLogoError("format", reason="format", format=opened.format or "?")
            opened.load()
            image = ImageOps.exif_transpose(opened)  # photos taken sideways
            if image.mode not in ("RGB", "RGBA", "L", "LA"):
                alpha = "A" in image.getbands() or "transparency" in image.info
                image = image.convert("RGBA" if alpha else "RGB")
            image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
            out = BytesIO()
            image.save(out, "PNG", optimize=True)
    except InvalidLogoError:
        raise
    except Exception as exc:  # truncated, not an image, decompression bomb...
        raise InvalidLogoError(str(exc), reason="unreadable") from exc
    png = out.getvalue()
    try:  # what the invoices will do with it
        pdf = FPDF(unit="mm", format="A4")
        pdf.add_page()
        pdf.image(BytesIO(png), x=10, y=10, w=50)
        pdf.output()
    except Exception as exc:
        raise InvalidLogoError(str(exc), reason="pdf") from exc
    return png


def normalized_company(company: Company) -> Company:
    """As stored: text stripped, SIREN/SIRET digits only, VAT number and BIC compact,
    IBAN in groups of four. Call it on values ``company_problems`` accepts."""
    from app.services import client_rules as rules

    changes: dict[str, Any] = {n: str(getattr(company, n)).strip() for n in LIMITS}
    changes.update(
        siren=rules.normalize_siren(company.siren),
        siret=rules.normalize_siret(company.siret),
        vat_number=rules.normalize_vat_number(company.vat_number),
        iban=normalize_iban(company.iban),
        bic=normalize_bic(company.bic),
    )
    return replace(company, **changes)


def save_settings(
    db: Database,
    changes: Mapping[str, Any],
    templates: Mapping[DocumentKind, EmailTemplate] | None = None,
) -> Company:
    """The settings dialog's Save: company changes and e-mail templates, one transaction.

    The first of ``company_problems`` or of the templates' problems is raised and nothing
    is written. A template equal to the default is stored as "the default" (no row).
    """
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    for template in (templates or {}).values():
        validate_template(template.subject, template.body)
        if len(template.subject) > SUBJECT_LIMIT:
            raise ValidationError("subject", field="subject", limit=SUBJECT_LIMIT)
    with db.write() as session:
        row = settings_row(session)
        company = replace(company_from_row(row), **changes)
        problems = company_problems(company)
        if problems:
            raise problems[0]
        company = normalized_company(company)
        for name, value in _column_values(company).items():
            setattr(row, name, value)
        for kind, template in (templates or {}).items():
            stored = session.get(TemplateRow, str(kind))
            if template == DEFAULT_TEMPLATES[kind]:
                if stored is not None:
                    session.delete(stored)
            elif stored is None:
                session.add(
                    TemplateRow(kind=str(kind), subject=template.subject, body=template.body)
                )
            else:
                stored.subject, stored.body = template.subject, template.body
        return company
