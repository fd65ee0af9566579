"""The mail account as the settings dialog checks it: one test message to oneself, where
the SMTP password is kept, and what the transport would refuse.

``send_test_message`` sends one short message from the sender to the sender over the very
transport the outbox uses (``open_connection`` on ``account_of(company)``), once, and
returns the server's reply. It takes the settings from the database, or the ones being
edited (``company=``, ``password=``) so that they can be tried before they are saved.
Connection problems raise the transport's typed errors (``SmtpAuthError``,
``SmtpTlsError``, ``SmtpUnreachableError``, ``MissingPasswordError``,
``SmtpInsecureError``); a message the server refuses raises ``TestMessageRefusedError``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum

from app.errors import ValidationError
from app.mail.errors import MissingPasswordError, SmtpError, SmtpInsecureError
from app.mail.message import build_message
from app.mail.transport import (
    PASSWORD_ENV,
    SendStatus,
    check_account,
    get_password,
    is_local_host,
    open_connection,
    session_password,
)
from app.services.database import Database
from app.services.outbox import account_of
from app.services.settings import (
    Company,
    KeyringUnavailableError,
    get_company,
    store_smtp_password,
)

__all__ = [
    "PasswordSource",
    "PasswordState",
    "TestMessageRefusedError",
    "is_local_host",
    "keep_smtp_password",
    "password_state",
    "send_test_message",
    "smtp_problem",
]

TEST_SUBJECT = "Facturier : message d'essai"
TEST_BODY = (
    "Bonjour,\n\n"
    "Ce message a été envoyé par Facturier pour vérifier les réglages de messagerie : "
    "ils fonctionnent.\n\n"
    "Il n'appelle aucune réponse.\n"
)


class TestMessageRefusedError(SmtpError):
    """The server let us in but refused the message; data: ``smtp_code`` (None when no reply
    came), ``smtp_reply``, ``status`` (a ``SendStatus``), ``stage``, ``address``."""

    __test__ = False  # not a pytest test class, whatever its name
    code = "smtp.test_refused"


class PasswordSource(StrEnum):
    NOT_NEEDED = "not_needed"  # no user: no login
    ENVIRONMENT = "environment"  # FACTURIER_SMTP_PASSWORD
    SESSION = "session"  # kept in memory until the program ends (no keyring)
    KEYRING = "keyring"
    MISSING = "missing"


@dataclass(frozen=True)
class PasswordState:
    source: PasswordSource
    keyring_error: str = ""  # set when the keyring itself could not be read


def password_state(company: Company) -> PasswordState:
    """Where the password of the account in ``company`` would come from (reads the keyring,
    never prompts)."""
    account = account_of(company)
    if not account.user:
        return PasswordState(PasswordSource.NOT_NEEDED)
    if os.environ.get(PASSWORD_ENV):
        return PasswordState(PasswordSource.ENVIRONMENT)
    if session_password(account):  # this server's, not another's
        return PasswordState(PasswordSource.SESSION)
    try:
        get_password(account)
    except MissingPasswordError as exc:
        return PasswordState(PasswordSource.MISSING, str(exc.data.get("keyring_error", "")))
    return PasswordState(PasswordSource.KEYRING)


def keep_smtp_password(db: Database, password: str) -> bool:
    """Store the password of the saved account's user in the keyring (True), or, when no
    keyring is available, keep it for this session only (False)."""
    try:
        store_smtp_password(db, password)  # and forgets this user's session passwords
    except KeyringUnavailableError:
        return False  # kept in memory for this server only, by store_smtp_password
    return True


def smtp_problem(company: Company) -> SmtpInsecureError | None:
    """What the transport refuses in these settings (plain SMTP to a remote host without
    the insecure choice, or a login without encryption); None when they are acceptable."""
    if not company.smtp_host.strip():
        return None
    try:
        check_account(account_of(company))
    except SmtpInsecureError as exc:
        return exc
    return None


def send_test_message(
    db: Database,
    *,
    timeout: float = 30,
    company: Company | None = None,
    password: str | None = None,
    subject: str = TEST_SUBJECT,
    body: str = TEST_BODY,
) -> str:
    """Send one message from the sender to the sender; the server's reply (e.g. "250 OK").

    ``company`` defaults to the saved settings; ``password`` to the stored one
    (``get_password``). Raises ``ValidationError`` (field "sender_address" or "smtp_host")
    when the settings are incomplete, the transport's ``SmtpError`` subclasses, or
    ``TestMessageRefusedError``.
    """
    company = company if company is not None else get_company(db)
    if not company.sender_address.strip():
        raise ValidationError("no sender address", field="sender_address")
    if not company.smtp_host.strip():
        raise ValidationError("no SMTP host", field="smtp_host")
    account = account_of(company, timeout)
    check_account(account)
    mail = build_message(
        sender_name=company.display_sender_name,
        sender_address=company.sender_address,
        to=[company.sender_address],
        subject=subject,
        body=body,
    )
    secret = password if password and account.user else get_password(account)
    with open_connection(account, secret) as connection:
        outcome = connection.send(mail)
    if outcome.status is SendStatus.SENT:
        return f"{outcome.code} {outcome.reply}".strip()
    raise TestMessageRefusedError(
        outcome.reply,
        smtp_code=outcome.code,
        smtp_reply=outcome.reply,
        status=outcome.status,
        stage=str(outcome.stage),
        address=company.sender_address,
        host=account.host,
        port=account.port,
    )
