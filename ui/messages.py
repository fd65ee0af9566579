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
    return QCoreApplication.translate("Messages", "Something went wrong: {detail}").format(
        detail=error.detail or code
    )
