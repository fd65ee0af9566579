"""Typed errors from the core, as sentences for the user (never a traceback).

The core's catalogue of error sentences (app.services.messages, in the window's language)
phrases the situations the command line and the window tell alike; the sentences here are
the window's own, where it has something else to say (enter it in the settings, rather
than run a command).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.mail_failure import MailFailure
from app.errors import FacturierError
from app.services.messages import describe, os_error_text
from app.services.reminder_levels import MAX_DELAY_DAYS, MAX_LEVELS, NAME_LIMIT, SUBJECT_LIMIT
from ui.oauth_problems import oauth_problem_text

# Situations the core phrases itself (full disk, files, outcomes it could not record, the
# database's state), in the same words as on the command line.
_CORE_SENTENCES = frozenset(
    {
        "database.not_a_database",
        "database.newer_version",
        "database.read_only",
        "database.locked",
        "database.disk_full",
        "disk_full",
        "outbox.outcome_not_recorded",
        "document.pdf_tampered",
        "document.non_compliant",  # the checks before validation (app.ctc_text)
        "attachment.invalid",  # a file added to a kind's e-mails
        "mail.too_large",
        "export.period",
    }
)


def exception_text(error: BaseException) -> str:
    """Any error as a few words in the window's language: Python's own text is English
    (and the traceback is for the log), so an unknown error is named, not quoted."""
    if isinstance(error, FacturierError):
        return error_text(error)
    system = os_error_text(error)
    if system:
        return system
    return QCoreApplication.translate(
        "Messages", "an internal error ({name}); the details are in the log"
    ).format(name=type(error).__name__)


def error_text(error: FacturierError) -> str:
    data = {k: str(v) for k, v in error.data.items()}
    path = data.get("path", data.get("url", ""))
    code = error.code
    if code == "database.corrupt":
        return QCoreApplication.translate(
            "Messages",
            "The database {path} is damaged and cannot be read. It was left untouched; "
            "restore a backup copy.",
        ).format(path=path)
    if code == "database.copy_row":
        return _copy_row_text(error)
    if code in _CORE_SENTENCES or code.startswith("file."):
        # The core's catalogue has these, in the window's language (app.core_text).
        return describe(error)
    if code.startswith("database"):
        return QCoreApplication.translate(
            "Messages", "The database {path} cannot be reached."
        ).format(path=path)
    oauth_text = oauth_problem_text(error)
    if oauth_text is not None:
        return oauth_text
    if code.startswith("smtp") or code.startswith("settings.sender"):
        return _mail_text(error)
    if code == "outbox.busy":
        return QCoreApplication.translate(
            "Messages", "Messages are being sent already: try again when that sending is over."
        )
    if code == "outbox.not_resendable":
        if data.get("state") == "already_pending":
            return QCoreApplication.translate(
                "Messages", "A newer message for this document is already waiting in the outbox."
            )
        return QCoreApplication.translate(
            "Messages",
            "This message is being sent or was sent meanwhile: it can no longer be resent or "
            "removed.",
        )
    if code == "reminders.level":
        return reminder_level_text(error)
    if code == "settings.legal_rate":
        return legal_rate_text(error)
    return QCoreApplication.translate("Messages", "Something went wrong: {detail}").format(
        detail=error.detail or code
    )


def legal_rate_text(error: FacturierError) -> str:
    if error.data.get("reason") == "range":
        return QCoreApplication.translate(
            "Messages", "The legal interest rate must be above 0 and below 100 %."
        )
    return QCoreApplication.translate(
        "Messages",
        "Type the legal interest rate as a number of percent (for example 2,76), or leave it "
        "empty for the program's default.",
    )


def reminder_level_text(error: FacturierError) -> str:
    """A reminder level that cannot be saved (``ReminderLevelsError``): which, and why."""
    data = error.data
    position = int(data.get("position", 0))
    reason, field = data.get("reason"), data.get("field")
    if field == "levels":
        if reason == "too_many":
            return QCoreApplication.translate(
                "Messages", "There can be at most {count} reminder levels."
            ).format(count=MAX_LEVELS)
        return QCoreApplication.translate("Messages", "Keep at least one reminder level.")
    problem = _level_problem(data, str(reason), str(field))
    return QCoreApplication.translate("Messages", "Reminder level {position}: {problem}").format(
        position=position, problem=problem
    )


def _level_problem(data: dict[str, Any], reason: str, field: str) -> str:
    if field == "name":
        if reason == "too_long":
            return QCoreApplication.translate(
                "Messages", "the name is too long (at most {limit} characters)."
            ).format(limit=NAME_LIMIT)
        return QCoreApplication.translate("Messages", "give the level a name.")
    if field == "delay" and reason == "not_after_previous":
        return QCoreApplication.translate(
            "Messages",
            "counted from the due date, its delay must be longer than the previous level's, "
            "or it must be counted from the previous level.",
        )
    if field == "delay":
        return QCoreApplication.translate(
            "Messages", "the delay must be between 1 and {limit} days."
        ).format(limit=MAX_DELAY_DAYS)
    if field == "deadline":
        return QCoreApplication.translate(
            "Messages", "the payment deadline of the formal notice must be between 1 and 365 days."
        )
    if reason == "too_long":
        return QCoreApplication.translate(
            "Messages", "the subject is too long (at most {limit} characters)."
        ).format(limit=SUBJECT_LIMIT)
    unknown = [str(name) for name in data.get("unknown", [])]
    if unknown:
        names = ", ".join("{" + name + "}" for name in unknown)
        text = QCoreApplication.translate(
            "Messages",
            "unknown placeholder(s) in the subject or the message: {names}. Use the buttons to "
            "insert a known one.",
            "",
            len(unknown),
        )
        return text.format(names=names)
    if field == "subject":
        return QCoreApplication.translate(
            "Messages",
            "the subject must fit on one line, and each brace must be closed (write two "
            "braces to show one).",
        )
    return QCoreApplication.translate(
        "Messages", "the message has a brace that is not closed (write two braces to show one)."
    )


def _copy_row_text(error: FacturierError) -> str:
    """A row of this database that the shared one refuses: which, and why."""
    where = dict.fromkeys(("table", "id", "column", "length", "limit", "value"), "")
    where.update({k: str(v) for k, v in error.data.items() if k != "detail"})
    reason = where.get("reason")
    if reason == "too_long":
        text = QCoreApplication.translate(
            "Messages",
            "Nothing was copied: in the table {table}, row {id} has a {column} of {length} "
            "characters, and the shared database allows at most {limit}. Shorten it, then "
            "copy again.",
        )
    elif reason == "nul":
        text = QCoreApplication.translate(
            "Messages",
            "Nothing was copied: in the table {table}, row {id} holds a NUL character in "
            "{column}, which PostgreSQL cannot store. Correct it, then copy again.",
        )
    elif reason == "out_of_range":
        text = QCoreApplication.translate(
            "Messages",
            "Nothing was copied: in the table {table}, row {id} has {value} in {column}, a "
            "number too large for the shared database. Correct it, then copy again.",
        )
    else:
        text = QCoreApplication.translate(
            "Messages",
            "Nothing was copied: the shared database refuses row {id} of the table {table} "
            "({detail}).",
        )
    return text.format(detail=error.detail, **where)


def _mail_text(error: FacturierError) -> str:
    """The mail account's problems: why nothing could be sent at all."""
    host = str(error.data.get("host", ""))
    code = error.code
    if code == "smtp.auth":
        if MailFailure.of(error.data) is MailFailure.CREDENTIALS_NOT_ASCII:
            return QCoreApplication.translate(
                "Messages",
                "The mail server {host} cannot accept a user name or password with accented "
                "characters; change the password at your mail provider.",
            ).format(host=host)
        return describe(error)  # the same words as the command line's
    if code == "smtp.tls" and MailFailure.of(error.data) is MailFailure.CAFILE:
        return QCoreApplication.translate(
            "Messages",
            "The certificate file named by the FACTURIER_SMTP_CAFILE variable ({cafile}) "
            "cannot be used: correct that variable or remove it. Nothing was sent.",
        ).format(cafile=str(error.data.get("cafile", "")))
    if code == "smtp.tls":
        return QCoreApplication.translate(
            "Messages",
            "The secure connection to the mail server {host} failed: its certificate is not "
            "trusted or it does not offer encryption. Check the server name and security.",
        ).format(host=host)
    if code == "smtp.unreachable":
        return QCoreApplication.translate(
            "Messages",
            "The mail server {host} cannot be reached: check the Internet connection and the "
            "server's name and port.",
        ).format(host=host)
    if code == "smtp.password_missing":
        return _password_missing_text(error)
    if code == "smtp.insecure":
        return QCoreApplication.translate(
            "Messages",
            "Unencrypted mail is only allowed to this computer, and never with a password: "
            "choose SSL or STARTTLS in the settings.",
        )
    return QCoreApplication.translate(
        "Messages", "The sender's address is not set: enter it in the settings."
    )


def _password_missing_text(error: FacturierError) -> str:
    """Why there is no password for the account: a changed server gets none."""
    data = {k: str(v) for k, v in error.data.items()}
    server, previous = data.get("server", ""), data.get("previous", "")
    failure = MailFailure.of(error.data)
    if failure is MailFailure.SERVER_CHANGED:
        return QCoreApplication.translate(
            "Messages",
            "The mail server is now {server} instead of {previous}. The password was "
            "entered for {previous}, and a password is only ever given to the server it was "
            "entered for: if this change is yours, enter the password again in the settings.",
        ).format(server=server, previous=previous)
    if failure is MailFailure.UNBOUND:
        return QCoreApplication.translate(
            "Messages",
            "The mail password was stored by an earlier version of Facturier without the "
            "server it is for. So that it only goes to {server}, enter it again in the "
            "settings.",
        ).format(server=server)
    return QCoreApplication.translate(
        "Messages", "No password is stored for the mail account: enter it in the settings."
    )
