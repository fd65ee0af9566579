"""The mail account as the settings dialog checks it: one test message to oneself, where
the SMTP password is kept, and what the transport would refuse.

``send_test_message`` sends one short message from the sender to the sender over the very
transport the outbox uses (``open_connection`` on ``account_of(company)``), once, and
returns the server's reply. It takes the settings from the database, or the ones being
edited (``company=``, ``password=``) so that they can be tried before they are saved.
Connection problems raise the transport's typed errors (``SmtpAuthError``,
``SmtpTlsError``, ``SmtpUnreachableError``, ``MissingPasswordError``,
``SmtpInsecureError``); a message the server refuses raises ``TestMessageRefusedError``.

``run_mail_test`` is the settings' "Tester": the same sending, then, when a copy is kept in
the Sent folder, the IMAP login and the copy, each step reported (``StepResult``) as it
is known.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.db.archive import utcnow
from app.errors import FacturierError, ValidationError
from app.mail.errors import (
    MissingPasswordError,
    SmtpAuthError,
    SmtpError,
    SmtpInsecureError,
    SmtpTlsError,
    SmtpUnreachableError,
)
from app.mail.imap_copy import (
    ImapError,
    ImapSession,
    copy_wanted,
    files_sent_itself,
    imap_account_of,
    open_imap,
)
from app.mail.message import PreparedMail, build_message
from app.mail.transport import (
    PASSWORD_ENV,
    SendStatus,
    SmtpAccount,
    SmtpConnection,
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
    "MailTestReport",
    "PasswordSource",
    "PasswordState",
    "StepResult",
    "TestMessageRefusedError",
    "TestStep",
    "is_local_host",
    "keep_smtp_password",
    "password_state",
    "run_mail_test",
    "send_test_message",
    "smtp_problem",
]

TEST_SUBJECT = "Facturier : message d'essai"
TEST_BODY = (
    "Bonjour,\n\n"
    "Ce message a été envoyé par Facturier pour vérifier les réglages de messagerie\u00a0: "
    "ils fonctionnent.\n\n"
    "Il n’appelle aucune réponse.\n"
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
    account, mail = _test_mail(company, timeout, subject, body)
    secret = password if password and account.user else get_password(account)
    with open_connection(account, secret) as connection:
        return _send(connection, mail, company, account)


def _test_mail(
    company: Company, timeout: float, subject: str, body: str
) -> tuple[SmtpAccount, PreparedMail]:
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
    return account, mail


def _send(
    connection: SmtpConnection, mail: PreparedMail, company: Company, account: SmtpAccount
) -> str:
    """The server's reply to the test message, or ``TestMessageRefusedError``."""
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


# --- the settings' "Tester": each step of a real sending, reported ------------------------


class TestStep(StrEnum):
    """The steps of the test, in order; the IMAP ones only when a copy is kept."""

    __test__ = False  # not a pytest test class, whatever its name

    CONNECT = "connect"  # reach the SMTP server, set up TLS
    LOGIN = "login"  # password or OAuth2 accepted
    SEND = "send"  # the test message to oneself accepted
    IMAP_LOGIN = "imap_login"  # reach the IMAP server, TLS, login
    SENT_COPY = "sent_copy"  # the test message filed in (or found in) the Sent folder


@dataclass(frozen=True)
class StepResult:
    step: TestStep
    ok: bool
    code: str = ""  # the error's code and reason ("smtp.auth/rejected") when not ok
    error: FacturierError | None = None
    detail: str = ""  # when ok: the server's reply (SEND), the folder (SENT_COPY)


@dataclass(frozen=True)
class MailTestReport:
    steps: tuple[StepResult, ...]

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)

    @property
    def failed(self) -> StepResult | None:
        return next((step for step in self.steps if not step.ok), None)


def _code(error: FacturierError) -> str:
    reason = error.data.get("reason")
    return f"{error.code}/{reason}" if reason else error.code


def run_mail_test(
    db: Database,
    *,
    timeout: float = 30,
    company: Company | None = None,
    password: str | None = None,
    imap_password: str | None = None,
    progress: Callable[[StepResult], None] | None = None,
    subject: str = TEST_SUBJECT,
    body: str = TEST_BODY,
) -> MailTestReport:
    """Test the account as a real sending goes: connect, log in, send a test message to
    the sender's own address, then, when a copy is kept in the Sent folder, log in to
    IMAP and file the message there (as the outbox would) and find it again; when the
    provider files sent mail itself (Gmail), only find it. Stops at the first failed
    step. Each step's result goes to ``progress`` as it is known.

    ``ValidationError`` (incomplete settings) is raised before any step; everything else
    is a step's result.
    """
    company = company if company is not None else get_company(db)
    account, mail = _test_mail(company, timeout, subject, body)
    steps: list[StepResult] = []

    def step(result: StepResult) -> bool:
        steps.append(result)
        if progress is not None:
            progress(result)
        return result.ok

    def failed(which: TestStep, error: FacturierError) -> MailTestReport:
        step(StepResult(which, False, _code(error), error))
        return MailTestReport(tuple(steps))

    try:
        secret = password if password and account.user else get_password(account)
        connection = open_connection(account, secret)
    except (SmtpUnreachableError, SmtpTlsError, SmtpInsecureError) as error:
        return failed(TestStep.CONNECT, error)
    except SmtpAuthError as error:
        step(StepResult(TestStep.CONNECT, True))
        return failed(TestStep.LOGIN, error)
    except FacturierError as error:  # no password, OAuth2 sign-in needed...
        return failed(TestStep.LOGIN, error)
    step(StepResult(TestStep.CONNECT, True))
    step(StepResult(TestStep.LOGIN, True, detail=account.user or ""))
    sent_at = utcnow()
    try:
        with connection:
            reply = _send(connection, mail, company, account)
    except FacturierError as error:
        return failed(TestStep.SEND, error)
    step(StepResult(TestStep.SEND, True, detail=reply))
    if not (company.imap_copy and company.imap_host.strip()):
        return MailTestReport(tuple(steps))
    try:
        session = open_imap(imap_account_of(company, timeout), imap_password)
    except FacturierError as error:
        return failed(TestStep.IMAP_LOGIN, error)
    step(StepResult(TestStep.IMAP_LOGIN, True))
    try:
        with session:
            folder = _file_and_find(session, company, mail, sent_at)
    except FacturierError as error:
        return failed(TestStep.SENT_COPY, error)
    step(StepResult(TestStep.SENT_COPY, True, detail=folder))
    return MailTestReport(tuple(steps))


class NotInSentError(ImapError):
    """The provider files sent mail itself, yet the test message is not in its Sent
    folder (``data['folder']``)."""

    code = "imap.not_in_sent"


_LOOKS = 4  # the provider files it within a few seconds
_LOOK_INTERVAL = 1.0


def _file_and_find(
    session: ImapSession, company: Company, mail: PreparedMail, sent_at: datetime
) -> str:
    folder = session.sent_folder()
    if copy_wanted(company):
        session.append(mail.raw, sent_at)
    for look in range(_LOOKS):
        if session.contains(mail.message_id, folder):
            return folder
        if not files_sent_itself(company) or look == _LOOKS - 1:
            break
        time.sleep(_LOOK_INTERVAL)
    raise NotInSentError("not in Sent", folder=folder, host=company.imap_host, reason="missing")
