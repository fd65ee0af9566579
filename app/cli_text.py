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
    # OAuth2 sign-in (app.mail.oauth, app.cli_oauth)
    "oauth.not_configured": (
        "Sign-in with {provider_name} is not configured in this copy of Facturier: no "
        "OAuth2 client id. Whoever installed it must provide one (variable {variable}, or "
        "the file oauth_clients.json: {files}). Meanwhile, use an app password: "
        "'facturier settings password'.",
        "La connexion avec {provider_name} n'est pas configurée dans cette copie de "
        "Facturier : il manque l'identifiant client OAuth2. Celui qui l'a installée doit le "
        "fournir (variable {variable}, ou fichier oauth_clients.json : {files}). En "
        "attendant, utilisez un mot de passe d'application : « facturier settings password ».",
    ),
    "oauth.revoked": (
        "{provider_name} sign-in expired: sign in again with 'facturier settings oauth "
        "--provider {provider}' (or in Settings > Mail).",
        "Connexion {provider_name} expirée : reconnectez-vous avec « facturier settings oauth "
        "--provider {provider} » (ou dans Réglages > Messagerie).",
    ),
    "oauth.revoked/not_signed_in": (
        "The mail account {address} is not signed in with {provider_name}: run 'facturier "
        "settings oauth --provider {provider}' (or sign in in Settings > Mail).",
        "Le compte de messagerie {address} n'est pas connecté à {provider_name} : lancez "
        "« facturier settings oauth --provider {provider} » (ou connectez-vous dans "
        "Réglages > Messagerie).",
    ),
    "oauth.sign_in": (
        "{provider_name} refused the sign-in ({error} {description}). Nothing was changed.",
        "{provider_name} a refusé la connexion ({error} {description}). Rien n'a été modifié.",
    ),
    "oauth.sign_in/denied": (
        "The sign-in with {provider_name} was refused in the browser ({error}). Nothing "
        "was changed.",
        "La connexion avec {provider_name} a été refusée dans le navigateur ({error}). Rien "
        "n'a été modifié.",
    ),
    "oauth.sign_in/timeout": (
        "No answer came from the browser in time: the sign-in with {provider_name} was "
        "abandoned. Nothing was changed; run the command again.",
        "Aucune réponse n'est venue du navigateur à temps : la connexion avec "
        "{provider_name} a été abandonnée. Rien n'a été modifié ; relancez la commande.",
    ),
    "oauth.sign_in/cancelled": (
        "The sign-in with {provider_name} was cancelled. Nothing was changed.",
        "La connexion avec {provider_name} a été annulée. Rien n'a été modifié.",
    ),
    "oauth.sign_in/keyring": (
        "The system keyring is not available ({detail}): the {provider_name} sign-in "
        "could not be kept. Nothing was changed.",
        "Le trousseau du système n'est pas disponible ({detail}) : la connexion "
        "{provider_name} n'a pas pu être conservée. Rien n'a été modifié.",
    ),
    "oauth.sign_in/no_refresh_token": (
        "{provider_name} did not grant lasting access (no refresh token). Remove "
        "Facturier from your account's connected apps, then sign in again.",
        "{provider_name} n'a pas accordé d'accès durable (pas de jeton d'actualisation). "
        "Retirez Facturier des applications connectées à votre compte, puis reconnectez-vous.",
    ),
    "oauth.unreachable": (
        "{provider_name}'s sign-in service cannot be reached ({detail}); try again later.",
        "Le service de connexion de {provider_name} est injoignable ({detail}) ; réessayez "
        "plus tard.",
    ),
    "smtp.auth/oauth_rejected": (
        "The mail server {host} refuses the {provider_name} sign-in ({smtp_reply}): sign in "
        "again with 'facturier settings oauth --provider {provider}'; check that the "
        "account may send mail with SMTP.",
        "Le serveur de messagerie {host} refuse la connexion {provider_name} ({smtp_reply}) : "
        "reconnectez-vous avec « facturier settings oauth --provider {provider} » ; vérifiez "
        "que le compte a le droit d'envoyer des e-mails par SMTP.",
    ),
    "smtp.auth/oauth_unsupported": (
        "The mail server {host} does not accept a {provider_name} sign-in (no AUTH "
        "XOAUTH2): check the server's name, or use a password.",
        "Le serveur de messagerie {host} n'accepte pas la connexion {provider_name} (pas "
        "d'AUTH XOAUTH2) : vérifiez le nom du serveur, ou utilisez un mot de passe.",
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
    "keyring.unavailable/imap": (
        "The system keyring is not available ({detail}): the password was not stored. "
        "Set FACTURIER_IMAP_PASSWORD instead.",
        "Le trousseau du système n'est pas disponible ({detail}) : le mot de passe n'a pas "
        "été enregistré. Définissez plutôt FACTURIER_IMAP_PASSWORD.",
    ),
    # the copy in the Sent folder (app/mail/imap_copy.py)
    "imap": (
        "The copy in the Sent folder on {host} failed ({detail}).",
        "La copie dans le dossier Envoyés sur {host} a échoué ({detail}).",
    ),
    "imap.auth": (
        "The IMAP server {host} refuses the user name or password.",
        "Le serveur IMAP {host} refuse l'identifiant ou le mot de passe.",
    ),
    "imap.tls": (
        "The secure connection to the IMAP server {host} failed: its certificate is not "
        "trusted or it does not offer encryption ({detail}).",
        "La connexion sécurisée au serveur IMAP {host} a échoué : son certificat n'est pas "
        "reconnu ou il ne propose pas le chiffrement ({detail}).",
    ),
    "imap.unreachable": (
        "The IMAP server {host} cannot be reached ({detail}).",
        "Le serveur IMAP {host} est injoignable ({detail}).",
    ),
    "imap.password_missing": (
        "No password for the IMAP account {user}: run 'facturier settings imap-password' "
        "or 'facturier settings password'.",
        "Aucun mot de passe pour le compte IMAP {user} : lancez « facturier settings "
        "imap-password » ou « facturier settings password ».",
    ),
    "imap.no_sent_folder": (
        "No Sent folder was found on {host}: name it with 'facturier settings imap "
        "--sent-folder NAME'.",
        "Aucun dossier Envoyés n'a été trouvé sur {host} : indiquez-le avec « facturier "
        "settings imap --sent-folder NOM ».",
    ),
    "imap.no_sent_folder/configured": (
        "The folder {folder} does not exist on {host}: correct its name with 'facturier "
        "settings imap --sent-folder NAME'.",
        "Le dossier {folder} n'existe pas sur {host} : corrigez son nom avec « facturier "
        "settings imap --sent-folder NOM ».",
    ),
    "imap.append_refused": (
        "The IMAP server {host} refused to store the copy (mailbox full?).",
        "Le serveur IMAP {host} a refusé d'enregistrer la copie (boîte pleine ?).",
    ),
    "settings.password": (
        "The password is empty or holds a line break: nothing was stored.",
        "Le mot de passe est vide ou contient un retour à la ligne : rien n'a été enregistré.",
    ),
    "invalid/host": (
        "“{value}” is not a server name (letters, digits, dots and dashes only).",
        "« {value} » n'est pas un nom de serveur (lettres, chiffres, points et tirets seulement).",
    ),
    "invalid/control": (
        "The name holds a control character.",
        "Le nom contient un caractère de contrôle.",
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
    "client.e_address": (
        "{value} is not a valid e-invoicing address (letters, digits and . _ - only).",
        "{value} n'est pas une adresse de facturation électronique valide (lettres, chiffres "
        "et . _ - seulement).",
    ),
    "client.type": (
        "“{value}” is not a client type: write entreprise or particulier (business or "
        "private), or leave the cell empty.",
        "« {value} » n'est pas un type de client : écrivez entreprise ou particulier, ou "
        "laissez la case vide.",
    ),
    "client.operation_category": (
        "“{value}” is not an operation category: write biens, services or mixte (goods, "
        "services or mixed), or leave the cell empty.",
        "« {value} » n'est pas une catégorie d'opération : écrivez biens, services ou mixte, "
        "ou laissez la case vide.",
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
    # provider presets (settings smtp --preset auto)
    "mail.no_preset": (
        "No settings were found for {domain}: it is not among the providers Facturier "
        "knows, and neither its mail servers (MX) nor a published configuration tell them "
        "(or there is no Internet connection). Set the account by hand: facturier settings "
        "smtp --host H --port P --security ssl|starttls --user U",
        "Aucun réglage trouvé pour {domain} : ce fournisseur n'est pas connu de Facturier, "
        "et ni ses serveurs de messagerie (MX) ni une configuration publiée ne les donnent "
        "(ou il n'y a pas de connexion Internet). Réglez le compte à la main : facturier "
        "settings smtp --host H --port P --security ssl|starttls --user U",
    ),
    "mail.no_sender_address": (
        "set it first with: facturier settings sender --name N --address A",
        "réglez-la d'abord avec : facturier settings sender --name N --address A",
    ),
}


def describe(error: FacturierError) -> str:
    """One sentence for a typed error; unknown codes fall back on the generic family.
    A sentence for the error's ``reason`` (key ``"code/reason"``) comes first."""
    code = error.code
    if code == "document.non_compliant":  # one line per rule broken
        from app.ctc_text import describe_non_compliant

        return describe_non_compliant(error)
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
            # OAuth2 (app.mail.oauth_errors)
            "provider",
            "provider_name",
            "address",
            "error",
            "description",
            "variable",
            "files",
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
    "imap_host": ("The IMAP server (--host)", "Le serveur IMAP (--host)"),
    "imap_port": ("The IMAP port (--port)", "Le port IMAP (--port)"),
    "imap_user": ("The IMAP user name (--user)", "L'identifiant IMAP (--user)"),
    "imap_sent_folder": ("The Sent folder (--sent-folder)", "Le dossier Envoyés (--sent-folder)"),
    "password": ("The password", "Le mot de passe"),
}


def describe_field(error: FacturierError) -> str:
    """``describe(error)`` after the name of the setting at fault (``data['field']``)."""
    field = str(error.data.get("field", ""))
    if field not in _FIELDS:
        return describe(error)
    label = say(*_FIELDS[field])
    return say("{label}: {text}", "{label} : {text}", label=label, text=describe(error))


# --- the copy in the Sent folder, as a detail of a sent message ---------------------------

_COPY_REASONS: dict[str, tuple[str, str]] = {
    "imap.auth": (
        "the IMAP server refuses the user name or password",
        "le serveur IMAP refuse l'identifiant ou le mot de passe",
    ),
    "imap.auth/oauth_token": (
        "sign in to the mail account again",
        "reconnectez-vous au compte de messagerie",
    ),
    "imap.auth/oauth_unavailable": (
        "sign-in with the provider is not available",
        "la connexion auprès du fournisseur n'est pas disponible",
    ),
    "imap.tls": (
        "the secure connection to the IMAP server failed",
        "la connexion sécurisée au serveur IMAP a échoué",
    ),
    "imap.unreachable": ("the IMAP server cannot be reached", "le serveur IMAP est injoignable"),
    "imap.password_missing": (
        "no password for the IMAP account",
        "aucun mot de passe pour le compte IMAP",
    ),
    "imap.no_sent_folder": ("no Sent folder found", "aucun dossier Envoyés trouvé"),
    "imap.no_sent_folder/configured": (
        "the folder named in the settings does not exist",
        "le dossier indiqué dans les réglages n'existe pas",
    ),
    "imap.append_refused": (
        "the server refused to store it (mailbox full?)",
        "le serveur a refusé de l'enregistrer (boîte pleine ?)",
    ),
}


def copy_reason(copy_error: str) -> str:
    """Why a copy in the Sent folder failed (``copy_error``: "code/reason"), briefly."""
    key = copy_error
    while key and key not in _COPY_REASONS:
        key = key.rpartition("/")[0] if "/" in key else key.rpartition(".")[0]
    english, french = _COPY_REASONS.get(key, ("unexpected error", "erreur inattendue"))
    return say(english, french)


def copy_text(copy_state: str, copy_error: str, outbox_id: int) -> str:
    """A sent message's copy in the Sent folder: "" when none is wanted or it is done."""
    if copy_state == "pending":
        text = say("copy in Sent: pending", "copie dans Envoyés : en attente")
        if copy_error:
            text += say(
                " (last attempt: {reason})",
                " (dernier essai : {reason})",
                reason=copy_reason(copy_error),
            )
        return text
    if copy_state == "failed":
        return say(
            "copy in Sent failed: {reason}; 'facturier outbox resend {id}' tries it again",
            "copie dans Envoyés échouée : {reason} ; « facturier outbox resend {id} » la réessaie",
            reason=copy_reason(copy_error),
            id=outbox_id,
        )
    return ""
