"""Company identity, sender and SMTP account settings."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import String
from sqlalchemy.orm import Session

from app.db.database import Database
from app.db.models import CompanySettings
from app.db.models import EmailTemplate as TemplateRow
from app.domain.addresses import check_address
from app.domain.kinds import CopyToSelf, DocumentKind, SmtpAuth, SmtpSecurity
from app.domain.legal_mentions import normalize_penalty_rate, penalty_rate_problem
from app.domain.mail_presets import MAX_CONNECTIONS
from app.domain.reform import OperationCategory, category_or_none, siren_of
from app.domain.reminders import RATE_NUMBER, LevelSpec, rate_value
from app.domain.templates import DEFAULT_TEMPLATES, EmailTemplate, validate_template
from app.errors import FacturierError, InvalidAddressError, ValidationError
from app.services import client_rules as rules
from app.services.client_rules import RequiredFieldError
from app.services.reminder_levels import numbered_levels, write_levels

if TYPE_CHECKING:
    from app.mail.transport import SmtpAccount


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
    late_penalty_rate: str = ""  # "" = three times the legal interest rate
    early_payment_discount: str = ""  # "" = "Pas d'escompte pour paiement anticipé."
    # Payment reminders: the legal interest rate in force ("" = the program's default) and
    # one reminder per invoice instead of one per client.
    legal_interest_rate: str = ""
    reminder_per_invoice: bool = False
    accountant_address: str = ""  # a hidden copy of every invoice and credit note sent
    logo_png: bytes | None = None
    # Validated invoices and credit notes are archived as Factur-X (PDF/A-3 + CII XML).
    facturx_enabled: bool = True
    sender_name: str = ""
    sender_address: str = ""
    copy_to_self: CopyToSelf = CopyToSelf.NONE
    rate_per_minute: int = 0
    auto_retry: bool = True  # retry a started batch's temporary failures on their own
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: SmtpSecurity = SmtpSecurity.STARTTLS
    smtp_user: str = ""
    smtp_insecure: bool = False
    smtp_connections: int = 2  # at once, never more than the provider's preset allows
    smtp_pipelining: bool = True  # when the server offers PIPELINING (RFC 2920)
    smtp_auth: SmtpAuth = SmtpAuth.PASSWORD
    oauth_provider: str = ""  # "google" or "microsoft" when smtp_auth is OAUTH2
    mail_preset: str = ""  # the provider preset the account was filled from (shown)
    imap_host: str = ""
    imap_port: int = 993
    imap_security: SmtpSecurity = SmtpSecurity.SSL
    imap_user: str = ""
    imap_sent_folder: str = ""  # "": found by the \\Sent flag, then by common names
    imap_copy: bool = False
    daily_message_limit: int = 0  # 0: no limit
    daily_recipient_limit: int = 0
    # E-invoicing reform: the electronic address (BT-34, scheme 0225; "" = the SIREN), the
    # default operation category (None: not chosen yet), the VAT-on-debits option.
    e_address: str = ""
    operation_category: OperationCategory | None = None
    vat_on_debits: bool = False
    # The approved e-invoicing platform (its secret is in the keyring, app.platform.secret)
    platform_url: str = ""
    platform_client_id: str = ""
    platform_token_url: str = ""  # "": the URL's /oauth/token
    platform_synced_to: datetime | None = None  # lifecycle statuses read up to then

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


def column_values(company: Company) -> dict[str, Any]:
    """The settings row's columns for ``company`` (enumerations as their values)."""
    return _column_values(company)


def _column_values(company: Company) -> dict[str, Any]:
    values = asdict(company)
    values["copy_to_self"] = str(company.copy_to_self)
    values["smtp_security"] = str(company.smtp_security)
    values["smtp_auth"] = str(company.smtp_auth)
    values["imap_security"] = str(company.imap_security)
    values["operation_category"] = str(company.operation_category or "")
    return values


def company_from_row(row: CompanySettings) -> Company:
    values = {name: getattr(row, name) for name in _FIELDS}
    values["copy_to_self"] = CopyToSelf(row.copy_to_self)
    values["smtp_security"] = SmtpSecurity(row.smtp_security)
    values["smtp_auth"] = SmtpAuth(row.smtp_auth)
    values["imap_security"] = SmtpSecurity(row.imap_security)
    values["operation_category"] = category_or_none(row.operation_category)
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
        # Each changed field passes the checks the settings dialog applies to it (the
        # others are as they were: a value saved by an older version does not block).
        problems = company_problems(company, stored=company)
        changed = [p for p in problems if p.data.get("field") in changes]
        if changed:
            raise changed[0]
        for name, value in _column_values(company).items():
            setattr(row, name, value)
        return company


# Whole numbers: the same bounds as the settings dialog's boxes (and an INTEGER column on
# every database).
RANGES: dict[str, tuple[int, int]] = {
    "smtp_port": (1, 65535),
    "rate_per_minute": (0, 1000),
    "smtp_connections": (1, MAX_CONNECTIONS),
    "imap_port": (1, 65535),
    "daily_message_limit": (0, 1_000_000),
    "daily_recipient_limit": (0, 1_000_000),
    "payment_days": (0, 365),
}


def _validate(company: Company) -> None:
    for name, (low, high) in RANGES.items():
        value = getattr(company, name)
        if not low <= value <= high:
            raise ValidationError(name, field=name, value=value, low=low, high=high, reason="range")


class KeyringUnavailableError(FacturierError):
    """No keyring could store the password (data: ``user``, ``server``, ``detail``); it is
    kept in memory for this server until the program ends."""

    code = "keyring.unavailable"


class PasswordInputError(ValidationError):
    """The password typed cannot be stored: ``reason`` "empty" or "line_break"."""

    code = "settings.password"


def password_account(company: Company) -> SmtpAccount:
    """The account a password is stored for: ``RequiredFieldError`` (field "smtp_user" or
    "smtp_host") when the settings name no user or no server."""
    for name in ("smtp_user", "smtp_host"):
        if not str(getattr(company, name)).strip():
            raise RequiredFieldError(name, field=name)
    # lazy: the transport brings the keyring, yagmail and OAuth (0.04 s at every start)
    from app.mail.transport import SmtpAccount

    return SmtpAccount(
        company.smtp_host.strip(), company.smtp_port, company.smtp_security, company.smtp_user
    )


def store_smtp_password(db: Database, password: str) -> str:
    """Keep the SMTP password in the system keyring for the saved account's server and user
    (``app.mail.transport.password_key``): it is never given to another server. Returns the
    user name.

    ``ValidationError`` (field "smtp_user" or "smtp_host") when the account is incomplete,
    ``PasswordInputError`` for an empty password or one with a line break. When no keyring
    can store it, the password is kept in memory for this server until the program ends and
    ``KeyringUnavailableError`` is raised.
    """
    from app.mail.transport import server_name, set_session_password, store_password  # lazy

    account = password_account(get_company(db))
    user, host = account.user or "", account.host
    if not password:
        raise PasswordInputError("password", field="password", reason="empty")
    if "\n" in password or "\r" in password:
        raise PasswordInputError("password", field="password", reason="line_break")
    server = server_name(host, account.port)
    try:
        store_password(account, password)
    except Exception as exc:  # no backend on a headless machine, locked store, D-Bus down
        set_session_password(account, password)
        raise KeyringUnavailableError(
            f"{type(exc).__name__}: {exc}", user=user, host=host, server=server
        ) from exc
    set_session_password(user, None)  # the keyring's copy is the one to use from now on
    return user


# --- the settings dialog: checks as typed, the logo, Save in one transaction -------------

LIMITS: dict[str, int] = {  # the columns' sizes
    "name": 200, "legal_form": 60, "capital": 60, "street": 300, "postal_code": 20,
    "city": 120, "country": 80, "rcs": 120, "phone": 40, "email": 254, "website": 200,
    "payment_terms": 1000, "late_penalty_text": 2000, "sender_name": 200,
    "late_penalty_rate": 100, "early_payment_discount": 300, "legal_interest_rate": 20,
    "sender_address": 254, "smtp_host": 253, "smtp_user": 254, "accountant_address": 254,
}  # fmt: skip
SUBJECT_LIMIT = 300
LOGO_MAX_FILE = 10_000_000  # bytes of the chosen file
LOGO_MAX_SIDE = 1200  # pixels: a 50 mm wide logo at 600 dpi
_BIC = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")


class InvalidLogoError(ValidationError):
    code = "settings.logo"  # data: reason ("too_large", "format", "unreadable", "pdf")


class IbanError(ValidationError):
    code = "settings.iban"  # data: reason ("format", "checksum")


class BicError(ValidationError):
    code = "settings.bic"


class PenaltyRateError(ValidationError):
    """The late-penalty rate starts like a number but is not a percentage ("format"), or
    is not above 0 and at most 100 % ("range")."""

    code = "settings.penalty_rate"  # data: field, value, reason


class LegalRateError(ValidationError):
    """The legal interest rate is not a number ("format"), or not above 0 and below 100 %
    ("range")."""

    code = "settings.legal_rate"  # data: field, value, reason


class PlatformUrlError(ValidationError):
    """The platform's API or token URL is not an https:// address with a host."""

    code = "settings.platform_url"  # data: field, value


def platform_url_problem(value: str) -> bool:
    """Whether ``value`` cannot be a platform URL (empty is allowed: not set)."""
    if not value.strip():
        return False
    parts = urlsplit(value.strip())
    return parts.scheme != "https" or not parts.hostname or bool(parts.query or parts.fragment)


def legal_rate_problem(value: str) -> str:
    """Why ``value`` cannot be the legal interest rate: "format", "range", or "" when it
    is fine ("" itself: the program's default)."""
    text = value.strip()
    if not text:
        return ""
    if RATE_NUMBER.fullmatch(text) is None:
        return "format"
    rate = rate_value(text)
    return "" if rate is not None and rate < 100 else "range"


# Every text column of the settings row and its size: what a value must fit in once
# normalized, on SQLite (which would store more) as on PostgreSQL (which refuses it).
COLUMN_LIMITS: dict[str, int] = {
    column.name: int(column.type.length)
    for column in CompanySettings.__table__.columns
    if isinstance(column.type, String) and column.type.length
}
_MULTILINE = ("payment_terms", "late_penalty_text")


def company_problems(company: Company, *, stored: Company | None = None) -> list[ValidationError]:
    """What cannot be saved, at most one error per field (``data['field']``); [] when all is
    well. The name is required; SIREN, SIRET and VAT number follow the clients' rules; the
    e-mail addresses, IBAN and BIC their own; whole numbers their ``RANGES``; no text holds
    a line break (but the two multi-line texts), a control character or an invisible
    direction-changing character (the clients' rule); every value fits its column once
    stored (``stored``: as it will be written; default: ``normalized_company``)."""
    found: dict[str, ValidationError] = {}
    if not company.name.strip():
        found["name"] = rules.RequiredFieldError("name", field="name")
    for name, limit in LIMITS.items():
        try:
            rules._text(name, str(getattr(company, name)), limit, multiline=name in _MULTILINE)
        except ValidationError as exc:
            found.setdefault(name, exc)
    for name in ("email", "sender_address", "accountant_address"):
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
        ("e_address", rules.normalize_e_address),
        ("iban", normalize_iban),
        ("bic", normalize_bic),
    ):
        try:
            check(getattr(company, name))
        except ValidationError as exc:
            found[name] = exc
    if "late_penalty_rate" not in found:
        reason = penalty_rate_problem(company.late_penalty_rate)
        if reason:
            found["late_penalty_rate"] = PenaltyRateError(
                "late_penalty_rate",
                field="late_penalty_rate",
                value=company.late_penalty_rate,
                reason=reason,
            )
    if "legal_interest_rate" not in found:
        reason = legal_rate_problem(company.legal_interest_rate)
        if reason:
            found["legal_interest_rate"] = LegalRateError(
                "legal_interest_rate",
                field="legal_interest_rate",
                value=company.legal_interest_rate,
                reason=reason,
            )
    for name in ("platform_url", "platform_token_url"):
        value = str(getattr(company, name))
        if name not in found and platform_url_problem(value):
            found[name] = PlatformUrlError(name, field=name, value=value)
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
    checked = {"siren", "siret", "vat_number", "e_address", "iban", "bic"}
    if stored is None and not found.keys() & checked:
        stored = normalized_company(company)
    for name, limit in COLUMN_LIMITS.items():
        value = str(getattr(stored or company, name))
        if name not in found and len(value) > limit:
            found[name] = rules.TooLongError(name, field=name, length=len(value), limit=limit)
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
    # lazy: fpdf2 and Pillow (0.33 s of CPU) only for a logo; the settings commands of
    # the CLI never draw one
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
    changes: dict[str, Any] = {n: str(getattr(company, n)).strip() for n in LIMITS}
    changes.update(
        siren=rules.normalize_siren(company.siren),
        siret=rules.normalize_siret(company.siret),
        vat_number=rules.normalize_vat_number(company.vat_number),
        e_address=rules.normalize_e_address(company.e_address),
        iban=normalize_iban(company.iban),
        bic=normalize_bic(company.bic),
        late_penalty_rate=normalize_penalty_rate(company.late_penalty_rate),
    )
    # The electronic address is the SIREN until another one is typed.
    if not changes["e_address"]:
        changes["e_address"] = siren_of(changes["siren"], changes["siret"], changes["vat_number"])
    return replace(company, **changes)


def save_settings(
    db: Database,
    changes: Mapping[str, Any],
    templates: Mapping[DocumentKind, EmailTemplate] | None = None,
    *,
    levels: Sequence[LevelSpec] | None = None,
) -> Company:
    """The settings dialog's Save: company changes, e-mail templates and (when given) the
    reminder levels, one transaction.

    The first of ``company_problems``, of the templates' problems or of the levels'
    (``ReminderLevelsError``) is raised and nothing is written. A template equal to the
    default is stored as "the default" (no row).
    """
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    for template in (templates or {}).values():
        validate_template(template.subject, template.body)
        if len(template.subject) > SUBJECT_LIMIT:
            raise ValidationError("subject", field="subject", limit=SUBJECT_LIMIT)
    numbered = numbered_levels(levels) if levels is not None else None
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
        if numbered is not None:
            write_levels(session, numbered)
        return company
