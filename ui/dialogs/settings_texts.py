"""Sentences of the settings dialog: field problems, the test message, the shared database.

The settings dialog says more than the general ``ui.messages.error_text`` can: which field,
which port, what to try next. Everything it does not know goes to ``error_text``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.mail_failure import MailFailure
from app.errors import FacturierError
from ui.client_problems import problem_text
from ui.messages import error_text, exception_text
from ui.smtp_replies import reply_sentence


def field_label(name: str) -> str:
    labels = {
        "name": QCoreApplication.translate("SettingsTexts", "Company name"),
        "legal_form": QCoreApplication.translate("SettingsTexts", "Legal form"),
        "capital": QCoreApplication.translate("SettingsTexts", "Share capital"),
        "street": QCoreApplication.translate("SettingsTexts", "Address"),
        "postal_code": QCoreApplication.translate("SettingsTexts", "Postal code"),
        "city": QCoreApplication.translate("SettingsTexts", "City"),
        "country": QCoreApplication.translate("SettingsTexts", "Country"),
        "siren": QCoreApplication.translate("SettingsTexts", "SIREN"),
        "siret": QCoreApplication.translate("SettingsTexts", "SIRET"),
        "rcs": QCoreApplication.translate("SettingsTexts", "RCS registration"),
        "vat_number": QCoreApplication.translate("SettingsTexts", "VAT number"),
        "phone": QCoreApplication.translate("SettingsTexts", "Phone"),
        "email": QCoreApplication.translate("SettingsTexts", "E-mail"),
        "website": QCoreApplication.translate("SettingsTexts", "Website"),
        "iban": QCoreApplication.translate("SettingsTexts", "IBAN"),
        "bic": QCoreApplication.translate("SettingsTexts", "BIC"),
        "payment_terms": QCoreApplication.translate("SettingsTexts", "Payment terms"),
        "payment_days": QCoreApplication.translate("SettingsTexts", "Payment period"),
        "late_penalty_text": QCoreApplication.translate("SettingsTexts", "Late-payment penalties"),
        "late_penalty_rate": QCoreApplication.translate("SettingsTexts", "Late-penalty rate"),
        "legal_interest_rate": QCoreApplication.translate(
            "SettingsTexts", "Legal interest rate in force"
        ),
        "early_payment_discount": QCoreApplication.translate(
            "SettingsTexts", "Early-payment discount"
        ),
        "sender_name": QCoreApplication.translate("SettingsTexts", "Sender name"),
        "sender_address": QCoreApplication.translate("SettingsTexts", "Sender address"),
        "accountant_address": QCoreApplication.translate("SettingsTexts", "Accountant's address"),
        "smtp_host": QCoreApplication.translate("SettingsTexts", "Mail server"),
        "smtp_port": QCoreApplication.translate("SettingsTexts", "Port"),
        "smtp_security": QCoreApplication.translate("SettingsTexts", "Security"),
        "smtp_user": QCoreApplication.translate("SettingsTexts", "User name"),
        "rate_per_minute": QCoreApplication.translate("SettingsTexts", "Pace"),
        "smtp_connections": QCoreApplication.translate("SettingsTexts", "Connections"),
        "daily_message_limit": QCoreApplication.translate("SettingsTexts", "Daily messages"),
        "daily_recipient_limit": QCoreApplication.translate("SettingsTexts", "Daily recipients"),
        "smtp_auth": QCoreApplication.translate("SettingsTexts", "Sign-in method"),
        "auto_retry": QCoreApplication.translate("SettingsTexts", "Automatic retries"),
        "platform_url": QCoreApplication.translate("SettingsTexts", "Platform API address"),
        "platform_client_id": QCoreApplication.translate("SettingsTexts", "Platform client id"),
        "platform_token_url": QCoreApplication.translate("SettingsTexts", "Platform token address"),
    }
    return labels.get(name, name)


def field_problem_text(error: FacturierError) -> str:
    """One sentence for a settings value that cannot be saved."""
    data = error.data
    field = str(data.get("field", ""))
    label = field_label(field)
    code = error.code
    if code == "client.required":
        return QCoreApplication.translate("SettingsTexts", "{label} is required.").format(
            label=label
        )
    if code == "client.too_long":
        return QCoreApplication.translate(
            "SettingsTexts", "{label} is too long: {length} characters, at most {limit}."
        ).format(label=label, length=data.get("length", ""), limit=data.get("limit", ""))
    if code in ("client.control_character", "mail.header_injection"):
        return QCoreApplication.translate(
            "SettingsTexts", "{label} cannot contain line breaks or control characters."
        ).format(label=label)
    if code == "settings.iban":
        if data.get("reason") == "checksum":
            return QCoreApplication.translate(
                "SettingsTexts",
                "This IBAN is not valid: its check digits do not match. Copy it again from "
                "your bank details (RIB).",
            )
        return QCoreApplication.translate(
            "SettingsTexts",
            "An IBAN begins with two letters for the country and two check digits "
            "(in France: FR76 followed by 23 characters).",
        )
    if code == "settings.bic":
        return QCoreApplication.translate(
            "SettingsTexts", "A BIC has 8 or 11 letters and digits (for example BNPAFRPPXXX)."
        )
    if code == "settings.logo":
        return logo_problem_text(error)
    if code == "settings.penalty_rate":
        if data.get("reason") == "range":
            return QCoreApplication.translate(
                "SettingsTexts", "The late-penalty rate must be above 0 and at most 100 %."
            )
        return QCoreApplication.translate(
            "SettingsTexts",
            "Type the late-penalty rate as a percentage (for example 10,5 %), or in words "
            "(for example “three times the legal interest rate”).",
        )
    if code == "smtp.insecure":
        return insecure_text(error)
    if code == "settings.platform_url":
        return QCoreApplication.translate(
            "SettingsTexts",
            "{label} must begin with https:// followed by the server's name (for example "
            "https://api.my-platform.fr/api/v1).",
        ).format(label=label)
    if code == "invalid":
        if field == "smtp_port":
            return QCoreApplication.translate(
                "SettingsTexts", "The port is a number between 1 and 65535."
            )
        return QCoreApplication.translate("SettingsTexts", "{label} cannot be negative.").format(
            label=label
        )
    return problem_text(error)


def logo_problem_text(error: FacturierError) -> str:
    reason = error.data.get("reason")
    if reason == "too_large":
        return QCoreApplication.translate(
            "SettingsTexts", "This file is too large for a logo (more than 10 MB)."
        )
    if reason == "format":
        return QCoreApplication.translate(
            "SettingsTexts",
            "Only PNG and JPEG images can be used as a logo (this file is {format}).",
        ).format(format=error.data.get("format", "?"))
    if reason == "pdf":
        return QCoreApplication.translate(
            "SettingsTexts",
            "This image cannot be placed in a PDF. Save it again as PNG with your image "
            "editor, then choose it again.",
        )
    return QCoreApplication.translate(
        "SettingsTexts", "This file cannot be read as an image: it may be damaged."
    )


def insecure_text(error: FacturierError) -> str:
    if MailFailure.of(error.data) is MailFailure.LOGIN_OVER_PLAIN:
        return QCoreApplication.translate(
            "SettingsTexts",
            "A user name and password are never sent without encryption: choose SSL or "
            "STARTTLS, or leave the user name empty.",
        )
    return QCoreApplication.translate(
        "SettingsTexts",
        "Unencrypted sending to {host} is refused: choose SSL or STARTTLS, or tick “Allow an "
        "unencrypted connection”.",
    ).format(host=error.data.get("host", ""))


def template_problem_text(error: FacturierError) -> str:
    """Why a template cannot be saved, naming the offending part."""
    data = error.data
    reason = data.get("reason")
    if reason == "line_break":
        return QCoreApplication.translate(
            "SettingsTexts", "The subject must fit on one line: remove the line break."
        )
    if reason == "syntax":
        if data.get("field") == "subject":
            return QCoreApplication.translate(
                "SettingsTexts",
                "The subject has a “{” or “}” that is not closed. Write {{ or }} to show a brace.",
            )
        return QCoreApplication.translate(
            "SettingsTexts",
            "The message has a “{” or “}” that is not closed. Write {{ or }} to show a brace.",
        )
    unknown = [str(u) for u in data.get("unknown", [])]
    names = ", ".join("{" + u + "}" for u in unknown)
    fields = list(data.get("fields", []))
    # One source per number: lupdate does not see plurals in QCoreApplication.translate.
    one = len(unknown) == 1
    if fields == ["subject"]:
        text = (
            QCoreApplication.translate(
                "SettingsTexts", "Unknown placeholder in the subject: {names}."
            )
            if one
            else QCoreApplication.translate(
                "SettingsTexts", "Unknown placeholders in the subject: {names}."
            )
        )
    elif fields == ["body"]:
        text = (
            QCoreApplication.translate(
                "SettingsTexts", "Unknown placeholder in the message: {names}."
            )
            if one
            else QCoreApplication.translate(
                "SettingsTexts", "Unknown placeholders in the message: {names}."
            )
        )
    else:
        text = (
            QCoreApplication.translate(
                "SettingsTexts", "Unknown placeholder in the subject and the message: {names}."
            )
            if one
            else QCoreApplication.translate(
                "SettingsTexts", "Unknown placeholders in the subject and the message: {names}."
            )
        )
    return (
        text.format(names=names)
        + " "
        + QCoreApplication.translate("SettingsTexts", "Use the buttons to insert a known one.")
    )


def mail_test_error_text(error: BaseException) -> str:
    """Why the test message did not go out, in plain words."""
    if not isinstance(error, FacturierError):
        return QCoreApplication.translate("SettingsTexts", "Something went wrong: {error}").format(
            error=exception_text(error)
        )
    data = error.data
    code = error.code
    failure = MailFailure.of(data)
    if code.startswith(("smtp.auth", "smtp.tls", "smtp.unreachable")) and failure is not None:
        host, port = str(data.get("host", "")), str(data.get("port", ""))
        text = connection_failure_text(failure, host, port, during_tls=code == "smtp.tls")
        if text is not None:
            return text
    if code == "smtp.password_missing":
        return QCoreApplication.translate(
            "SettingsTexts", "No password is stored for {user}: type it in the Password field."
        ).format(user=data.get("user", ""))
    if code == "smtp.insecure":
        return insecure_text(error)
    if code == "smtp.test_refused":
        reply = f"{data.get('smtp_code') or ''} {data.get('smtp_reply', '')}".strip()
        return QCoreApplication.translate(
            "SettingsTexts",
            "The mail server let Facturier in but refused the test message. {reason}",
        ).format(reason=reply_sentence(reply, str(data.get("address", ""))))
    if code == "invalid" and data.get("field") == "sender_address":
        return QCoreApplication.translate(
            "SettingsTexts", "Type the sender's address first (Sender page)."
        )
    if code == "invalid" and data.get("field") == "smtp_host":
        return QCoreApplication.translate("SettingsTexts", "Type the mail server's name first.")
    if code in ("address.invalid", "mail.header_injection"):
        return field_problem_text(error)
    return error_text(error)


def connection_failure_text(
    failure: MailFailure, host: str, port: str, during_tls: bool = False
) -> str | None:
    """What to check when the mail server cannot be used; None: the general message
    (``error_text``) says it as well."""
    match failure:
        case MailFailure.REJECTED | MailFailure.AUTH_FAILED:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The mail server refuses the password (or the user name). Check them; some "
                "providers (Gmail, Outlook) require an application password.",
            )
        case MailFailure.AUTH_UNSUPPORTED:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The mail server {host} offers no login that Facturier can use: choose SSL or "
                "STARTTLS.",
            ).format(host=host)
        case MailFailure.CERTIFICATE:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The certificate of the mail server {host} is not trusted: the connection was "
                "stopped to protect your password. Check the server's name.",
            ).format(host=host)
        case MailFailure.STARTTLS_UNSUPPORTED | MailFailure.STARTTLS_REFUSED:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The mail server {host} does not offer STARTTLS on port {port}: choose SSL "
                "(port 465).",
            ).format(host=host, port=port)
        case MailFailure.HANDSHAKE:
            return _security_mismatch_text(host, port)
        case MailFailure.DISCONNECTED if during_tls:  # hung up on the TLS hello
            return _security_mismatch_text(host, port)
        case MailFailure.UNKNOWN_HOST:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The mail server {host} cannot be found: check its name and the Internet "
                "connection.",
            ).format(host=host)
        case MailFailure.REFUSED:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The mail server {host} refuses connections on port {port}: check the port.",
            ).format(host=host, port=port)
        case MailFailure.TIMEOUT:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The mail server {host} does not answer on port {port}: check the port and the "
                "Internet connection.",
            ).format(host=host, port=port)
        case _:
            return None


def _security_mismatch_text(host: str, port: str) -> str:
    return QCoreApplication.translate(
        "SettingsTexts",
        "The secure connection to {host} on port {port} failed: the security does not "
        "match the port (SSL: usually 465, STARTTLS: 587).",
    ).format(host=host, port=port)


def database_error_text(
    error: BaseException, host: str = "", port: str = "", name: str = ""
) -> str:
    """Why the shared database cannot be used (connection test, copy, switch)."""
    if isinstance(error, ModuleNotFoundError):
        return QCoreApplication.translate(
            "SettingsTexts", "The PostgreSQL driver (psycopg) is not installed with this Facturier."
        )
    if not isinstance(error, FacturierError):
        return QCoreApplication.translate("SettingsTexts", "Something went wrong: {error}").format(
            error=exception_text(error)
        )
    code = error.code
    if code == "database.not_empty":
        return QCoreApplication.translate(
            "SettingsTexts",
            "This database already holds data: the copy is only made into an empty database. "
            "Nothing was copied.",
        )
    if code == "database.copy_mismatch":
        return QCoreApplication.translate(
            "SettingsTexts",
            "The copy does not match the original in: {tables}. Do not use the copy.",
        ).format(tables=error.data.get("tables", ""))
    if code == "database.unavailable":
        detail = error.detail.lower()
        if "password" in detail or "authentication failed" in detail:
            return QCoreApplication.translate(
                "SettingsTexts", "The database server refuses the user name or password."
            )
        if "does not exist" in detail and "database" in detail:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The database “{name}” does not exist on the server: have it created "
                "(createdb), then try again.",
            ).format(name=name)
        if "does not exist" in detail and "role" in detail:
            return QCoreApplication.translate(
                "SettingsTexts", "The database server does not know this user name."
            )
        if "translate host name" in detail or "name or service not known" in detail:
            return QCoreApplication.translate(
                "SettingsTexts", "The database server {host} cannot be found: check its name."
            ).format(host=host)
        if "refused" in detail:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The database server {host} refuses connections on port {port}: check the port "
                "and that PostgreSQL is running.",
            ).format(host=host, port=port)
        if "timeout" in detail or "timed out" in detail:
            return QCoreApplication.translate(
                "SettingsTexts",
                "The database server {host} does not answer: check its address and the network.",
            ).format(host=host)
        return QCoreApplication.translate(
            "SettingsTexts", "The database server cannot be reached: {detail}"
        ).format(detail=error.detail)
    return error_text(error)
