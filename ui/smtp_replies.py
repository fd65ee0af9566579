"""What a mail server's reply means, in a sentence for the user (the core's explanation,
in the window's language; the server's own words never reach a widget unescaped)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core_text import is_french
from app.domain.outbox import Recipient
from app.domain.smtp_replies import explain, parse_reply, safe_text


def reply_code(reply: str) -> int | None:
    return parse_reply(reply).code


def reply_sentence(reply: str, recipients: str = "") -> str:
    """E.g. "550 5.1.1 adresse inconnue (a@b.fr)"; a lost connection says so."""
    if not reply.strip():
        return QCoreApplication.translate("SmtpReplies", "No answer from the mail server.")
    text = explain(reply, is_french())
    if recipients and parse_reply(reply).code is not None:
        return QCoreApplication.translate("SmtpReplies", "{reason} ({addresses})").format(
            reason=text, addresses=recipients
        )
    return text


def refusal_text(recipient: Recipient) -> str:
    """ "compta@x.fr : 550 5.1.1 adresse inconnue"."""
    return QCoreApplication.translate("SmtpReplies", "{address}: {reason}").format(
        address=recipient.address, reason=explain(recipient.reply, is_french(), recipient.code)
    )


def server_words(reply: str) -> str:
    """The server's own reply, for the details: one line, control characters replaced."""
    return safe_text(reply)
