"""Sentences for the command line, in French or English after the user's locale.

The command line is a user interface too: typed errors become sentences here,
never tracebacks.
"""

from __future__ import annotations

import re

from app.core_text import is_french, say
from app.domain.smtp_replies import safe_text
from app.errors import FacturierError

__all__ = ["describe", "describe_field", "is_french", "say"]

_TEXT: dict[str, tuple[str, str]] = {
    # code: (English, French)
    "database.not_a_database": (
        "{path} is not a Facturier database. It was left untouched.",
        "{path} n'est pas une base de données Facturier. Le fichier n'a pas été modifié.",
    ),
    "database.corrupt": (
        "The database {path} is damaged. Facturier no longer writes to it, so as not to make "
        "things worse; nothing was changed. Run 'facturier db check' for the details, then "
        "restore a backup copy.",
        "La base de données {path} est endommagée. Facturier n'y écrit plus rien pour ne pas "
        "aggraver les dégâts ; rien n'a été modifié. Lancez « facturier db check » pour le "
        "détail, puis restaurez une copie de sauvegarde.",
    ),
    "database.corrupt/backup": (
        "The database {path} is damaged. Facturier no longer writes to it, so as not to make "
        "things worse; nothing was changed. Run 'facturier db check' for the details. To go "
        "back to the last automatic backup ({backup}), close Facturier and run "
        "'facturier db restore' (the damaged file is kept aside).",
        "La base de données {path} est endommagée. Facturier n'y écrit plus rien pour ne pas "
        "aggraver les dégâts ; rien n'a été modifié. Lancez « facturier db check » pour le "
        "détail. Pour revenir à la dernière sauvegarde automatique ({backup}), fermez "
        "Facturier et lancez « facturier db restore » (le fichier endommagé est mis de côté).",
    ),
    # a full disk (app/files.py, app/db/preflight.py): never told as damage
    "database.disk_full": (
        "The disk holding the database {path} is full: {free_text} free in {folder}, at "
        "least {needed_text} needed. Free some space on that disk, then try again. The "
        "database was left untouched: nothing was changed.",
        "Le disque qui contient la base de données {path} est plein : il reste {free_text} "
        "dans {folder}, il faut au moins {needed_text}. Libérez de la place sur ce disque, "
        "puis réessayez. La base de données n'a pas été modifiée : rien n'a changé.",
    ),
    "database.disk_full/server": (
        "The database server {path} has no disk space left. Ask its administrator to free "
        "some space. Nothing was changed.",
        "Le serveur de base de données {path} n'a plus de place sur son disque (disque "
        "plein). Demandez à son administrateur de libérer de la place. Rien n'a été modifié.",
    ),
    "disk_full": (
        "The disk is full: {path} cannot be written ({free_text} free in {folder}, at least "
        "{needed_text} needed). Free some space or choose another place. Nothing was written.",
        "Le disque est plein : impossible d'écrire {path} (il reste {free_text} dans "
        "{folder}, il faut au moins {needed_text}). Libérez de la place ou choisissez un "
        "autre emplacement. Rien n'a été écrit.",
    ),
    # files the program writes (app/files.py)
    "file.exists": (
        "{path} already exists and was left untouched. Choose another name, or add --force "
        "to replace it.",
        "Le fichier {path} existe déjà ; il n'a pas été modifié. Choisissez un autre nom, ou "
        "ajoutez --force pour le remplacer.",
    ),
    "file.protected": (
        "{path} is a database: Facturier never writes over it, even with --force. "
        "Choose another name.",
        "{path} est une base de données : Facturier n'écrit jamais par-dessus, même avec "
        "--force. Choisissez un autre nom.",
    ),
    "file.protected/database": (
        "{path} is the database or one of its own files: Facturier never writes over it, "
        "even with --force. Choose another name.",
        "{path} est la base de données ou l'un de ses fichiers : Facturier n'écrit jamais "
        "par-dessus, même avec --force. Choisissez un autre nom.",
    ),
    "file.protected/backup": (
        "{path} is a backup of the database: Facturier never writes over it, even with "
        "--force. Choose another name.",
        "{path} est une sauvegarde de la base de données : Facturier n'écrit jamais "
        "par-dessus, même avec --force. Choisissez un autre nom.",
    ),
    "file.not_regular": (
        "{path} is not an ordinary file: Facturier does not write to it.",
        "{path} n'est pas un fichier ordinaire : Facturier n'y écrit pas.",
    ),
    "file.not_regular/folder": (
        "{path} is a folder: give a file name.",
        "{path} est un dossier : indiquez un nom de fichier.",
    ),
    "file.no_folder": (
        "The folder {folder} does not exist: nothing was written.",
        "Le dossier {folder} n'existe pas : rien n'a été écrit.",
    ),
    "file.write": (
        "Cannot write {path}: {system}. Nothing was written.",
        "Impossible d'écrire {path} : {system}. Rien n'a été écrit.",
    ),
    "file.write/EACCES": (
        "Cannot write {path}: permission denied. Nothing was written.",
        "Impossible d'écrire {path} : accès refusé (droits insuffisants). Rien n'a été écrit.",
    ),
    "file.write/EPERM": (
        "Cannot write {path}: permission denied. Nothing was written.",
        "Impossible d'écrire {path} : accès refusé (droits insuffisants). Rien n'a été écrit.",
    ),
    "file.write/EROFS": (
        "Cannot write {path}: the disk is read-only. Nothing was written.",
        "Impossible d'écrire {path} : le disque est en lecture seule. Rien n'a été écrit.",
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
    "database.copy_row": (
        "The copy stopped at row {id} of the table {table}, which the target database "
        "refuses ({detail}). Nothing was copied.",
        "La copie s'est arrêtée à la ligne {id} de la table {table}, que la base de "
        "destination refuse ({detail}). Rien n'a été copié.",
    ),
    "database.copy_row/too_long": (
        "The copy stopped: in the table {table}, row {id} has a {column} of {length} "
        "characters, and the target database allows at most {limit}. Shorten it in this "
        "database, then copy again. Nothing was copied.",
        "La copie s'est arrêtée : dans la table {table}, la ligne {id} a un champ {column} de "
        "{length} caractères, et la base de destination en permet {limit} au plus. "
        "Raccourcissez-le dans cette base, puis recommencez la copie. Rien n'a été copié.",
    ),
    "database.copy_row/nul": (
        "The copy stopped: in the table {table}, row {id} has a NUL character in {column}, "
        "which PostgreSQL cannot store. Correct it in this database, then copy again. "
        "Nothing was copied.",
        "La copie s'est arrêtée : dans la table {table}, la ligne {id} contient un caractère "
        "NUL dans {column}, que PostgreSQL ne peut pas enregistrer. Corrigez-le dans cette "
        "base, puis recommencez la copie. Rien n'a été copié.",
    ),
    "database.copy_row/out_of_range": (
        "The copy stopped: in the table {table}, row {id} has {value} in {column}, a number "
        "too large for the target database. Correct it in this database, then copy again. "
        "Nothing was copied.",
        "La copie s'est arrêtée : dans la table {table}, la ligne {id} a la valeur {value} "
        "dans {column}, un nombre trop grand pour la base de destination. Corrigez-le dans "
        "cette base, puis recommencez la copie. Rien n'a été copié.",
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
    "smtp.tls/cafile": (
        "The certificate file named by FACTURIER_SMTP_CAFILE ({cafile}) cannot be used: "
        "{detail}. Correct that variable or remove it; nothing was sent.",
        "Le fichier de certificats indiqué par FACTURIER_SMTP_CAFILE ({cafile}) est "
        "inutilisable : {detail}. Corrigez cette variable ou supprimez-la ; rien n'a été "
        "envoyé.",
    ),
    "smtp.unreachable": (
        "The mail server {host} cannot be reached ({detail}).",
        "Le serveur de messagerie {host} est injoignable ({detail}).",
    ),
    "smtp.password_missing": (
        "No password is stored for the mail account {user} on {server}: run "
        "'facturier settings password' or set FACTURIER_SMTP_PASSWORD.",
        "Aucun mot de passe n'est enregistré pour le compte de messagerie {user} sur "
        "{server} : lancez « facturier settings password » ou définissez "
        "FACTURIER_SMTP_PASSWORD.",
    ),
    "smtp.password_missing/server_changed": (
        "The mail server is now {server} instead of {previous}: the password of {user} "
        "was entered for {previous}, and a password is only ever given to the server it was "
        "entered for. If this change is yours, enter the password for {server}: run "
        "'facturier settings password'.",
        "Le serveur de messagerie est maintenant {server} au lieu de {previous} : le mot de "
        "passe de {user} a été saisi pour {previous}, et un mot de passe n'est jamais donné "
        "à un autre serveur que celui pour lequel il a été saisi. Si ce changement vient de "
        "vous, saisissez le mot de passe pour {server} : lancez « facturier settings "
        "password ».",
    ),
    "smtp.password_missing/unbound": (
        "The password of {user} was stored by an earlier version of Facturier without the "
        "server it is for. So that it only goes to {server}, enter it again: run "
        "'facturier settings password'.",
        "Le mot de passe de {user} a été enregistré par une version précédente de Facturier "
        "sans le serveur auquel il est destiné. Pour qu'il ne soit donné qu'à {server}, "
        "saisissez-le à nouveau : lancez « facturier settings password ».",
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
        "The system keyring is not available ({detail}): the password was not stored. "
        "Set FACTURIER_SMTP_PASSWORD instead.",
        "Le trousseau du système n'est pas disponible ({detail}) : le mot de passe n'a pas "
        "été enregistré. Définissez plutôt FACTURIER_SMTP_PASSWORD.",
    ),
    "settings.password": (
        "The password is empty or holds a line break: nothing was stored.",
        "Le mot de passe est vide ou contient un retour à la ligne : rien n'a été enregistré.",
    ),
    "invalid/range": (
        "{value} is not allowed: from {low} to {high}.",
        "{value} n'est pas permis : de {low} à {high}.",
    ),
    "outbox.not_resendable": (
        "Message {id} is {state}: only failed or uncertain messages can be queued again.",
        "Le message {id} est « {state} » : seuls les messages en échec ou incertains peuvent "
        "être remis en file d'attente.",
    ),
    "outbox.outcome_not_recorded": (
        "The message for {number} went out (the mail server answered), but the database "
        "{path} stayed unavailable and its outcome could not be recorded. It will be shown as "
        "uncertain and never sent again without your say-so; the other messages wait in the "
        "outbox.",
        "Le message de {number} est parti (le serveur de messagerie a répondu), mais la base "
        "de données {path} est restée indisponible et ce résultat n'a pas pu être enregistré. "
        "Il apparaîtra comme incertain et ne sera jamais renvoyé sans votre accord ; les "
        "autres messages attendent dans la boîte d'envoi.",
    ),
    "document.pdf_tampered": (
        "The archived PDF of a document was modified outside Facturier: it is no longer the "
        "one that was issued. It was not sent.",
        "Le PDF archivé d'un document a été modifié en dehors de Facturier : ce n'est plus "
        "celui qui a été émis. Il n'a pas été envoyé.",
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
        "Line {line} of the file is not {encoding} text. Nothing was imported.",
        "La ligne {line} du fichier n'est pas du texte {encoding}. Rien n'a été importé.",
    ),
    "import.encoding/unknown": (
        "Line {line} of the file is neither UTF-8 nor Windows-1252 text: save the file again "
        "as CSV UTF-8. Nothing was imported.",
        "La ligne {line} du fichier n'est ni du texte UTF-8 ni du Windows-1252 : enregistrez "
        "à nouveau le fichier en CSV UTF-8. Rien n'a été importé.",
    ),
    "import.encoding/utf16": (
        "The file begins as UTF-16 text but is not valid UTF-16: save it again as CSV UTF-8. "
        "Nothing was imported.",
        "Le fichier commence comme du texte UTF-16 mais n'en est pas : enregistrez-le à "
        "nouveau en CSV UTF-8. Rien n'a été importé.",
    ),
    "import.is_utf8": (
        "The file is UTF-8 text (see line {line}), not Windows-1252: import it without "
        "--encoding cp1252. Nothing was imported.",
        "Le fichier est du texte UTF-8 (voir la ligne {line}), pas du Windows-1252 : "
        "importez-le sans --encoding cp1252. Rien n'a été importé.",
    ),
    "import.not_utf8": (
        "Line {line} of the file is not UTF-8 text; read as Windows-1252 it says: "
        "“{sample}”. If that is right (a file saved by Excel or an older program), import "
        "it with --encoding cp1252; otherwise save it again as CSV UTF-8. Nothing was "
        "imported.",
        "La ligne {line} du fichier n'est pas du texte UTF-8 ; lue en Windows-1252, elle "
        "donne : « {sample} ». Si c'est juste (fichier enregistré par Excel ou un ancien "
        "logiciel), importez-le avec --encoding cp1252 ; sinon enregistrez-le à nouveau en "
        "CSV UTF-8. Rien n'a été importé.",
    ),
    "import.mixed_encoding": (
        "The file mixes two encodings: line {utf8_line} is UTF-8 text, line {line} is not. "
        "Read either way, some names would be garbled: save the file again as CSV UTF-8. "
        "Nothing was imported.",
        "Le fichier mélange deux encodages : la ligne {utf8_line} est du texte UTF-8, la "
        "ligne {line} non. Lus d'une façon ou de l'autre, des noms seraient défigurés : "
        "enregistrez à nouveau le fichier en CSV UTF-8. Rien n'a été importé.",
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


def describe(error: FacturierError) -> str:
    """One sentence for a typed error; unknown codes fall back on the generic family.
    A sentence for the error's ``reason`` (key ``"code/reason"``) comes first."""
    code = error.code
    if f"{code}/{error.data.get('reason')}" in _TEXT:
        code = f"{code}/{error.data.get('reason')}"
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
            "server",
            "previous",
            "cafile",
            "detail",
        ),
        "",
    )
    values.update(detail=error.detail, what=error.detail)
    values.update({k: str(v) for k, v in error.data.items()})
    # Values may come from a server or a file: one line, no control characters.
    values = {k: safe_text(v) for k, v in values.items()}
    text = say(english, french, **values)
    return _EMPTY_BRACKETS.sub("", text)  # "refuses the password ()": nothing to add


_EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)")

# The settings a command line sets, as its user knows them.
_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("The company name", "Le nom de l'entreprise"),
    "sender_name": ("The sender's name (--name)", "Le nom de l'expéditeur (--name)"),
    "sender_address": (
        "The sender's address (--address)",
        "L'adresse de l'expéditeur (--address)",
    ),
    "rate_per_minute": ("The pace (--rate-per-minute)", "La cadence (--rate-per-minute)"),
    "smtp_host": ("The mail server (--host)", "Le serveur de messagerie (--host)"),
    "smtp_port": ("The port (--port)", "Le port (--port)"),
    "smtp_user": ("The user name (--user)", "L'identifiant (--user)"),
    "password": ("The password", "Le mot de passe"),
}


def describe_field(error: FacturierError) -> str:
    """``describe(error)`` after the name of the setting at fault (``data['field']``)."""
    field = str(error.data.get("field", ""))
    if field not in _FIELDS:
        return describe(error)
    label = say(*_FIELDS[field])
    return say("{label}: {text}", "{label} : {text}", label=label, text=describe(error))
