"""Sentences for the command line, in French or English after the user's locale.

The command line is a user interface too: typed errors become sentences here,
never tracebacks.
"""

from __future__ import annotations

import locale
import os

from app.errors import FacturierError

_TEXT: dict[str, tuple[str, str]] = {
    # code: (English, French)
    "database.not_a_database": (
        "{path} is not a Facturier database. It was left untouched.",
        "{path} n'est pas une base de données Facturier. Le fichier n'a pas été modifié.",
    ),
    "database.corrupt": (
        "The database {path} is damaged and cannot be read. It was left untouched; "
        "restore a backup copy.",
        "La base de données {path} est endommagée et illisible. Elle n'a pas été modifiée ; "
        "restaurez une copie de sauvegarde.",
    ),
    "database.newer_version": (
        "The database {path} was made by a newer version of Facturier. Install that version "
        "or newer to open it. The file was left untouched.",
        "La base de données {path} a été créée par une version plus récente de Facturier. "
        "Installez cette version ou une plus récente pour l'ouvrir. Le fichier n'a pas été "
        "modifié.",
    ),
    "database.read_only": (
        "The database {path} cannot be written to (read-only file or folder). "
        "Check its permissions. Nothing was changed.",
        "Impossible d'écrire dans la base de données {path} (fichier ou dossier en lecture "
        "seule). Vérifiez ses droits d'accès. Rien n'a été modifié.",
    ),
    "database.locked": (
        "The database {path} is in use by another program and stayed locked. "
        "Close the other program and try again. Nothing was changed.",
        "La base de données {path} est utilisée par un autre programme et reste verrouillée. "
        "Fermez l'autre programme puis réessayez. Rien n'a été modifié.",
    ),
    "database.unavailable": (
        "The database {url} cannot be reached: {detail}",
        "La base de données {url} est injoignable : {detail}",
    ),
    "database.not_empty": (
        "The database already holds data; demo data is only added to an empty database.",
        "La base de données contient déjà des données ; les données de démonstration ne "
        "s'ajoutent qu'à une base vide.",
    ),
    "not_found": ("Not found: {what}.", "Introuvable : {what}."),
    "invalid": ("Invalid value for {field}.", "Valeur invalide pour {field}."),
    "document.draft": (
        "{number} is a draft: validate it first.",
        "{number} est un brouillon : validez-le d'abord.",
    ),
}


def is_french() -> bool:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name)
        if value:
            return value.lower().startswith("fr")
    code = locale.getlocale()[0] or ""
    return code.lower().startswith("fr")


def say(english: str, french: str, **values: object) -> str:
    return (french if is_french() else english).format(**values)


def describe(error: FacturierError) -> str:
    """One sentence for a typed error; unknown codes fall back on the generic family."""
    code = error.code
    while code not in _TEXT and "." in code:
        code = code.rsplit(".", 1)[0]
    if code not in _TEXT:
        return say("Error: {detail}", "Erreur : {detail}", detail=error.detail or error.code)
    english, french = _TEXT[code]
    values = {
        "path": "",
        "url": "",
        "detail": error.detail,
        "what": error.detail,
        "field": "",
        "number": "",
    }
    values.update({k: str(v) for k, v in error.data.items()})
    return say(english, french, **values)
