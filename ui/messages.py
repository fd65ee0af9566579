"""Typed errors from the core, as sentences for the user (never a traceback)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.errors import FacturierError


def error_text(error: FacturierError) -> str:
    data = {k: str(v) for k, v in error.data.items()}
    path = data.get("path", data.get("url", ""))
    code = error.code
    if code == "database.not_a_database":
        return QCoreApplication.translate(
            "Messages", "{path} is not a Facturier database. It was left untouched."
        ).format(path=path)
    if code == "database.corrupt":
        return QCoreApplication.translate(
            "Messages",
            "The database {path} is damaged and cannot be read. It was left untouched; "
            "restore a backup copy.",
        ).format(path=path)
    if code == "database.newer_version":
        return QCoreApplication.translate(
            "Messages",
            "The database {path} was made by a newer version of Facturier. Install that "
            "version or a newer one to open it. The file was left untouched.",
        ).format(path=path)
    if code == "database.read_only":
        return QCoreApplication.translate(
            "Messages",
            "The database {path} cannot be written to (read-only file or folder). "
            "Check its permissions. Nothing was changed.",
        ).format(path=path)
    if code == "database.locked":
        return QCoreApplication.translate(
            "Messages",
            "The database {path} is in use by another program and stayed locked. "
            "Close the other program and try again. Nothing was changed.",
        ).format(path=path)
    if code.startswith("database"):
        return QCoreApplication.translate(
            "Messages", "The database {path} cannot be reached."
        ).format(path=path)
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
    return QCoreApplication.translate("Messages", "Something went wrong: {detail}").format(
        detail=error.detail or code
    )


def _mail_text(error: FacturierError) -> str:
    """The mail account's problems: why nothing could be sent at all."""
    host = str(error.data.get("host", ""))
    reply = str(error.data.get("smtp_reply", "") or error.detail)
    code = error.code
    if code == "smtp.auth":
        if error.data.get("reason") == "credentials_not_ascii":
            return QCoreApplication.translate(
                "Messages",
                "The mail server {host} cannot accept a user name or password with accented "
                "characters; change the password at your mail provider.",
            ).format(host=host)
        return QCoreApplication.translate(
            "Messages", "The mail server {host} refuses the user name or password ({reply})."
        ).format(host=host, reply=reply)
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
        return QCoreApplication.translate(
            "Messages", "No password is stored for the mail account: enter it in the settings."
        )
    if code == "smtp.insecure":
        return QCoreApplication.translate(
            "Messages",
            "Unencrypted mail is only allowed to this computer, and never with a password: "
            "choose SSL or STARTTLS in the settings.",
        )
    return QCoreApplication.translate(
        "Messages", "The sender's address is not set: enter it in the settings."
    )
