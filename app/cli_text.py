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
        "The database already holds data; this is only done on an empty database.",
        "La base de données contient déjà des données ; cette opération ne se fait "
        "que sur une base vide.",
    ),
    "not_found": ("Not found: {what}.", "Introuvable : {what}."),
    "database.copy_mismatch": (
        "The copy does not match the original in: {tables}. Do not use the copy.",
        "La copie ne correspond pas à l'original pour : {tables}. N'utilisez pas la copie.",
    ),
    "documents.unknown_numbers": (
        "No document of that kind has the number {numbers}; nothing was prepared.",
        "Aucun document de ce type ne porte le numéro {numbers} ; rien n'a été préparé.",
    ),
    "smtp.auth": (
        "The mail server {host} refuses the user name or password ({smtp_reply}).",
        "Le serveur de messagerie {host} refuse l'identifiant ou le mot de passe ({smtp_reply}).",
    ),
    "smtp.tls": (
        "The secure connection to the mail server {host} failed: its certificate is not "
        "trusted or it does not offer encryption ({detail}).",
        "La connexion sécurisée au serveur de messagerie {host} a échoué : son certificat "
        "n'est pas reconnu ou il ne propose pas le chiffrement ({detail}).",
    ),
    "smtp.unreachable": (
        "The mail server {host} cannot be reached ({detail}).",
        "Le serveur de messagerie {host} est injoignable ({detail}).",
    ),
    "smtp.password_missing": (
        "No password is stored for the mail account {user}: run "
        "'facturier settings password' or set FACTURIER_SMTP_PASSWORD.",
        "Aucun mot de passe n'est enregistré pour le compte de messagerie {user} : lancez "
        "« facturier settings password » ou définissez FACTURIER_SMTP_PASSWORD.",
    ),
    "smtp.insecure": (
        "Unencrypted SMTP is only allowed to this computer, or to another host with "
        "--insecure, and never with a password.",
        "Le SMTP non chiffré n'est permis que vers cet ordinateur, ou vers un autre serveur "
        "avec --insecure, et jamais avec un mot de passe.",
    ),
    "settings.sender_missing": (
        "The sender's address is not set: run 'facturier settings sender'.",
        "L'adresse de l'expéditeur n'est pas renseignée : lancez « facturier settings sender ».",
    ),
    "keyring.unavailable": (
        "The system keyring is not available ({detail}); set FACTURIER_SMTP_PASSWORD instead.",
        "Le trousseau du système n'est pas disponible ({detail}) ; définissez plutôt "
        "FACTURIER_SMTP_PASSWORD.",
    ),
    "outbox.not_resendable": (
        "Message {id} is {state}: only failed or uncertain messages can be queued again.",
        "Le message {id} est « {state} » : seuls les messages en échec ou incertains peuvent "
        "être remis en file d'attente.",
    ),
    "outbox.busy": (
        "Another sending is already running in this program.",
        "Un autre envoi est déjà en cours dans ce programme.",
    ),
    "address.invalid": (
        "Invalid e-mail address {value}: {reason}",
        "Adresse e-mail invalide {value} : {reason}",
    ),
    "mail.header_injection": (
        "A line break is not allowed in {field}.",
        "Un retour à la ligne n'est pas permis dans {field}.",
    ),
    "template.invalid": (
        "The e-mail template is not valid ({reason}: {unknown}).",
        "Le modèle d'e-mail n'est pas valide ({reason} : {unknown}).",
    ),
    "invalid": ("Invalid value for {field}: {detail}", "Valeur invalide pour {field} : {detail}"),
    # clients (app/services/client_rules.py, clients.py, client_import.py)
    "client.required": ("This value is required.", "Cette valeur est obligatoire."),
    "client.too_long": (
        "Too long: {length} characters, at most {limit}.",
        "Trop long : {length} caractères, {limit} au plus.",
    ),
    "client.control_character": (
        "Line breaks and control characters ({character}) are not allowed.",
        "Les retours à la ligne et caractères de contrôle ({character}) ne sont pas permis.",
    ),
    "client.siren": (
        "{value} is not a valid SIREN number (9 digits, the last one a check digit).",
        "{value} n'est pas un numéro SIREN valide (9 chiffres, le dernier étant une clé).",
    ),
    "client.siret": (
        "{value} is not a valid SIRET number (14 digits, the last one a check digit).",
        "{value} n'est pas un numéro SIRET valide (14 chiffres, le dernier étant une clé).",
    ),
    "client.siret_siren": (
        "The SIRET {siret} does not begin with the SIREN {siren}.",
        "Le SIRET {siret} ne commence pas par le SIREN {siren}.",
    ),
    "client.vat_number": (
        "{value} is not a valid intra-community VAT number (or does not match the SIREN).",
        "{value} n'est pas un numéro de TVA intracommunautaire valide (ou ne correspond pas "
        "au SIREN).",
    ),
    "client.in_use": (
        "{name} cannot be deleted: {documents} document(s) refer to this client.",
        "{name} ne peut pas être supprimé : {documents} document(s) concernent ce client.",
    ),
    "client.changed": (
        "{name} was changed elsewhere in the meantime; open it again.",
        "{name} a été modifié ailleurs entre-temps ; ouvrez-le à nouveau.",
    ),
    "import.extra_values": (
        "{count} value(s) more than the header has columns.",
        "{count} valeur(s) de plus que de colonnes dans l'en-tête.",
    ),
    "import.duplicate_row": (
        "{name} already appears on line {first_line}.",
        "{name} figure déjà à la ligne {first_line}.",
    ),
    "import.unreadable": ("Cannot read {path}: {reason}", "Impossible de lire {path} : {reason}"),
    "import.spreadsheet": (
        "This is a spreadsheet file, not a CSV file: save it as CSV first.",
        "Ce fichier est un classeur, pas un fichier CSV : enregistrez-le d'abord au format CSV.",
    ),
    "import.not_text": (
        "This is not a text (CSV) file.",
        "Ce n'est pas un fichier texte (CSV).",
    ),
    "import.encoding": (
        "The file is neither UTF-8 nor Windows-1252 text (byte {position}).",
        "Le fichier n'est ni du texte UTF-8 ni du Windows-1252 (octet {position}).",
    ),
    "import.malformed": (
        "The CSV file is malformed near line {line}: {detail}",
        "Le fichier CSV est mal formé vers la ligne {line} : {detail}",
    ),
    "import.empty": ("The file is empty.", "Le fichier est vide."),
    "import.no_rows": (
        "The file has a header line but no client.",
        "Le fichier a une ligne d'en-tête mais aucun client.",
    ),
    "import.no_name_column": (
        "No column gives the client's name (expected e.g. Nom, Raison sociale, Name); "
        "the columns are: {columns}.",
        "Aucune colonne ne donne le nom du client (par exemple Nom, Raison sociale, Name) ; "
        "les colonnes sont : {columns}.",
    ),
    "import.duplicate_column": (
        "The columns {first} and {column} say the same thing: keep only one.",
        "Les colonnes {first} et {column} disent la même chose : n'en gardez qu'une.",
    ),
    "import.too_large": (
        "The file is larger than {limit_mb} MB: split it.",
        "Le fichier dépasse {limit_mb} Mo : découpez-le.",
    ),
    "import.too_many_rows": (
        "The file has more than {limit} rows: split it.",
        "Le fichier a plus de {limit} lignes : découpez-le.",
    ),
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
    values = dict.fromkeys(
        (
            "path",
            "url",
            "field",
            "number",
            "host",
            "user",
            "smtp_reply",
            "id",
            "state",
            "value",
            "reason",
            "unknown",
            "numbers",
            "tables",
            "table",
        ),
        "",
    )
    values.update(detail=error.detail, what=error.detail)
    values.update({k: str(v) for k, v in error.data.items()})
    return say(english, french, **values)
