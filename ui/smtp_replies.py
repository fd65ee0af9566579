"""What a mail server's reply means, in a sentence for the user."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_CODE = re.compile(r"^\s*(\d{3})\b")


def reply_code(reply: str) -> int | None:
    match = _CODE.match(reply)
    return int(match.group(1)) if match else None


def reply_sentence(reply: str, recipients: str = "") -> str:
    """E.g. "Le serveur de messagerie a refusé l'adresse a@b.fr (550)"."""
    code = reply_code(reply)
    if code is None:
        if not reply:
            return QCoreApplication.translate("SmtpReplies", "No answer from the mail server.")
        return QCoreApplication.translate(
            "SmtpReplies", "The connection to the mail server was lost ({detail})."
        ).format(detail=reply)
    if code in (550, 551, 553, 501) and recipients:
        return QCoreApplication.translate(
            "SmtpReplies", "The mail server refused the address {address} ({code})."
        ).format(address=recipients, code=code)
    if code == 552:
        return QCoreApplication.translate(
            "SmtpReplies", "The message is too large for the mail server ({code})."
        ).format(code=code)
    if code == 421 or 400 <= code < 500:
        return QCoreApplication.translate(
            "SmtpReplies", "The mail server asks to try again later ({code})."
        ).format(code=code)
    return QCoreApplication.translate(
        "SmtpReplies", "The mail server rejected the message ({code}): {text}"
    ).format(code=code, text=reply[3:].strip())
