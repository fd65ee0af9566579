"""The core's sentences for its typed errors, in the user's language (French or English).

One catalogue for the command line and the window: each error code (or "code/reason")
names an English sentence of the core catalogue (app.i18n), translated there. The command
line prints them (app.cli_text); the window shows them for the situations it phrases the
same way (ui/messages.py).
"""

from __future__ import annotations

import errno
import re
import socket
import ssl

from app.ctc_text import describe_non_compliant
from app.domain.smtp_replies import safe_text
from app.errors import FacturierError
from app.i18n import N_, _

__all__ = ["describe"]

_TEXT: dict[str, str] = {
    # code (or "code/reason"): the English sentence
    "database.not_a_database": N_("{path} is not a Facturier database. It was left untouched."),
    "database.corrupt": N_(
        "The database {path} is damaged. Facturier no longer writes to it, so as not to make "
        "things worse; nothing was changed. Run 'facturier db check' for the details, then "
        "restore a backup copy."
    ),
    "database.corrupt/backup": N_(
        "The database {path} is damaged. Facturier no longer writes to it, so as not to make "
        "things worse; nothing was changed. Run 'facturier db check' for the details. To go "
        "back to the last automatic backup ({backup}), close Facturier and run "
        "'facturier db restore' (the damaged file is kept aside)."
    ),
    # a full disk (app/files.py, app/db/preflight.py): never told as damage
    "database.disk_full": N_(
        "The disk holding the database {path} is full: {free_text} free in {folder}, at "
        "least {needed_text} needed. Free some space on that disk, then try again. The "
        "database was left untouched: nothing was changed."
    ),
    "database.disk_full/server": N_(
        "The database server {path} has no disk space left. Ask its administrator to free "
        "some space. Nothing was changed."
    ),
    "disk_full": N_(
        "The disk is full: {path} cannot be written ({free_text} free in {folder}, at least "
        "{needed_text} needed). Free some space or choose another place. Nothing was written."
    ),
    # files the program writes (app/files.py)
    "file.exists": N_(
        "{path} already exists and was left untouched. Choose another name, or add --force "
        "to replace it."
    ),
    "file.protected": N_(
        "{path} is a database: Facturier never writes over it, even with --force. "
        "Choose another name."
    ),
    "file.protected/database": N_(
        "{path} is the database or one of its own files: Facturier never writes over it, "
        "even with --force. Choose another name."
    ),
    "file.protected/backup": N_(
        "{path} is a backup of the database: Facturier never writes over it, even with "
        "--force. Choose another name."
    ),
    "file.not_regular": N_("{path} is not an ordinary file: Facturier does not write to it."),
    "file.not_regular/folder": N_("{path} is a folder: give a file name."),
    "file.no_folder": N_("The folder {folder} does not exist: nothing was written."),
    "file.write": N_("Cannot write {path}: {system}. Nothing was written."),
    "file.write/EACCES": N_("Cannot write {path}: permission denied. Nothing was written."),
    "file.write/EPERM": N_("Cannot write {path}: permission denied. Nothing was written."),
    "file.write/EROFS": N_("Cannot write {path}: the disk is read-only. Nothing was written."),
    "database.newer_version": N_(
        "The database {path} was made by a newer version of Facturier. Install that version "
        "or newer to open it. The file was left untouched."
    ),
    "database.read_only": N_(
        "The database {path} cannot be written to (read-only file or folder). "
        "Check its permissions. Nothing was changed."
    ),
    "database.locked": N_(
        "The database {path} is in use by another program and stayed locked. "
        "Close the other program and try again. Nothing was changed."
    ),
    "database.unavailable": N_("The database {url} cannot be reached: {detail}"),
    "database.not_empty": N_(
        "The database already holds data; this is only done on an empty database."
    ),
    "not_found": N_("Not found: {what}."),
    "database.copy_mismatch": N_(
        "The copy does not match the original in: {tables}. Do not use the copy."
    ),
    "database.copy_row": N_(
        "The copy stopped at row {id} of the table {table}, which the target database "
        "refuses ({detail}). Nothing was copied."
    ),
    "database.copy_row/too_long": N_(
        "The copy stopped: in the table {table}, row {id} has a {column} of {length} "
        "characters, and the target database allows at most {limit}. Shorten it in this "
        "database, then copy again. Nothing was copied."
    ),
    "database.copy_row/nul": N_(
        "The copy stopped: in the table {table}, row {id} has a NUL character in {column}, "
        "which PostgreSQL cannot store. Correct it in this database, then copy again. "
        "Nothing was copied."
    ),
    "database.copy_row/out_of_range": N_(
        "The copy stopped: in the table {table}, row {id} has {value} in {column}, a number "
        "too large for the target database. Correct it in this database, then copy again. "
        "Nothing was copied."
    ),
    "export.period": N_(
        "The period runs from {start} to {end}: the first date must come before the last, "
        "at most three years apart. Nothing was written."
    ),
    "reminders.level": N_(
        "Reminder level {position} cannot be saved ({field}: {reason}); nothing was changed."
    ),
    "documents.unknown_numbers": N_(
        "No document of that kind has the number {numbers}; nothing was prepared."
    ),
    "smtp.auth": N_("The mail server {host} refuses the user name or password ({smtp_reply})."),
    "smtp.tls": N_(
        "The secure connection to the mail server {host} failed: its certificate is not "
        "trusted or it does not offer encryption ({detail})."
    ),
    "smtp.tls/cafile": N_(
        "The certificate file named by FACTURIER_SMTP_CAFILE ({cafile}) cannot be used: "
        "{detail}. Correct that variable or remove it; nothing was sent."
    ),
    "smtp.unreachable": N_("The mail server {host} cannot be reached ({detail})."),
    "smtp.password_missing": N_(
        "No password is stored for the mail account {user} on {server}: run "
        "'facturier settings password' or set FACTURIER_SMTP_PASSWORD."
    ),
    "smtp.password_missing/server_changed": N_(
        "The mail server is now {server} instead of {previous}: the password of {user} "
        "was entered for {previous}, and a password is only ever given to the server it was "
        "entered for. If this change is yours, enter the password for {server}: run "
        "'facturier settings password'."
    ),
    "smtp.password_missing/unbound": N_(
        "The password of {user} was stored by an earlier version of Facturier without the "
        "server it is for. So that it only goes to {server}, enter it again: run "
        "'facturier settings password'."
    ),
    "smtp.insecure": N_(
        "Unencrypted SMTP is only allowed to this computer, or to another host with "
        "--insecure, and never with a password."
    ),
    # OAuth2 sign-in (app.mail.oauth, app.cli_oauth)
    "oauth.not_configured": N_(
        "Sign-in with {provider_name} is not configured in this copy of Facturier: no "
        "OAuth2 client id. Whoever installed it must provide one (variable {variable}, or "
        "the file oauth_clients.json: {files}). Meanwhile, use an app password: "
        "'facturier settings password'."
    ),
    "oauth.revoked": N_(
        "{provider_name} sign-in expired: sign in again with 'facturier settings oauth "
        "--provider {provider}' (or in Settings > Mail)."
    ),
    "oauth.revoked/not_signed_in": N_(
        "The mail account {address} is not signed in with {provider_name}: run 'facturier "
        "settings oauth --provider {provider}' (or sign in in Settings > Mail)."
    ),
    "oauth.sign_in": N_(
        "{provider_name} refused the sign-in ({error} {description}). Nothing was changed."
    ),
    "oauth.sign_in/denied": N_(
        "The sign-in with {provider_name} was refused in the browser ({error}). Nothing "
        "was changed."
    ),
    "oauth.sign_in/timeout": N_(
        "No answer came from the browser in time: the sign-in with {provider_name} was "
        "abandoned. Nothing was changed; run the command again."
    ),
    "oauth.sign_in/cancelled": N_(
        "The sign-in with {provider_name} was cancelled. Nothing was changed."
    ),
    "oauth.sign_in/keyring": N_(
        "The system keyring is not available ({detail}): the {provider_name} sign-in "
        "could not be kept. Nothing was changed."
    ),
    "oauth.sign_in/no_refresh_token": N_(
        "{provider_name} did not grant lasting access (no refresh token). Remove "
        "Facturier from your account's connected apps, then sign in again."
    ),
    "oauth.unreachable": N_(
        "{provider_name}'s sign-in service cannot be reached ({detail}); try again later."
    ),
    "smtp.auth/oauth_rejected": N_(
        "The mail server {host} refuses the {provider_name} sign-in ({smtp_reply}): sign in "
        "again with 'facturier settings oauth --provider {provider}'; check that the "
        "account may send mail with SMTP."
    ),
    "smtp.auth/oauth_unsupported": N_(
        "The mail server {host} does not accept a {provider_name} sign-in (no AUTH "
        "XOAUTH2): check the server's name, or use a password."
    ),
    "settings.sender_missing": N_(
        "The sender's address is not set: run 'facturier settings sender'."
    ),
    "keyring.unavailable": N_(
        "The system keyring is not available ({detail}): the password was not stored. "
        "Set FACTURIER_SMTP_PASSWORD instead."
    ),
    "keyring.unavailable/platform": N_(
        "The system keyring is not available ({detail}): the platform's client secret was "
        "not stored. Set FACTURIER_PLATFORM_SECRET instead."
    ),
    # the approved e-invoicing platform (app/platform/errors.py)
    "platform": N_("The e-invoicing platform answered with an error ({detail})."),
    "platform.not_configured": N_(
        "No e-invoicing platform is set: 'facturier settings platform --url URL --client-id "
        "ID', then 'facturier settings platform-secret'."
    ),
    "platform.not_configured/not_https": N_(
        "The platform's address must begin with https:// (the connection is always "
        "encrypted): {url}"
    ),
    "platform.secret_missing": N_(
        "No client secret is stored for the platform {url}: 'facturier settings "
        "platform-secret' stores it in the keyring (or set FACTURIER_PLATFORM_SECRET)."
    ),
    "platform.unreachable": N_(
        "The e-invoicing platform cannot be reached ({url}): check the Internet connection "
        "and the platform's address. Nothing was deposited."
    ),
    "platform.tls": N_(
        "The secure connection to the e-invoicing platform failed: its certificate is not "
        "trusted ({url}). Nothing was deposited."
    ),
    "platform.auth": N_(
        "The e-invoicing platform refuses the client id or secret ({error}): check them in "
        "the platform's settings. Nothing was deposited."
    ),
    "platform.connection_lost": N_(
        "The connection to the e-invoicing platform broke before it answered ({url}). What "
        "may have arrived is looked for before anything is sent again."
    ),
    "platform.temporary": N_(
        "The e-invoicing platform is busy or failing for now (HTTP {http_status}): it will "
        "be tried again later."
    ),
    "platform.temporary/down": N_(
        "The e-invoicing platform says it is not available for now: try again later."
    ),
    "platform.rejected": N_(
        "The e-invoicing platform refused the request (HTTP {http_status}): {platform_message}"
    ),
    "platform.bad_answer": N_(
        "The e-invoicing platform gave an answer Facturier cannot read ({url})."
    ),
    "platform.bad_lifecycle": N_("A status message from the platform cannot be read ({field})."),
    "settings.platform_url": N_(
        "The platform's address must begin with https:// and name a server: {value}"
    ),
    "keyring.unavailable/imap": N_(
        "The system keyring is not available ({detail}): the password was not stored. "
        "Set FACTURIER_IMAP_PASSWORD instead."
    ),
    # the copy in the Sent folder (app/mail/imap_copy.py)
    "imap": N_("The copy in the Sent folder on {host} failed ({detail})."),
    "imap.auth": N_("The IMAP server {host} refuses the user name or password."),
    "imap.tls": N_(
        "The secure connection to the IMAP server {host} failed: its certificate is not "
        "trusted or it does not offer encryption ({detail})."
    ),
    "imap.unreachable": N_("The IMAP server {host} cannot be reached ({detail})."),
    "imap.password_missing": N_(
        "No password for the IMAP account {user}: run 'facturier settings imap-password' "
        "or 'facturier settings password'."
    ),
    "imap.no_sent_folder": N_(
        "No Sent folder was found on {host}: name it with 'facturier settings imap "
        "--sent-folder NAME'."
    ),
    "imap.no_sent_folder/configured": N_(
        "The folder {folder} does not exist on {host}: correct its name with 'facturier "
        "settings imap --sent-folder NAME'."
    ),
    "imap.append_refused": N_("The IMAP server {host} refused to store the copy (mailbox full?)."),
    "settings.password": N_("The password is empty or holds a line break: nothing was stored."),
    "invalid/host": N_("“{value}” is not a server name (letters, digits, dots and dashes only)."),
    "invalid/control": N_("The name holds a control character."),
    "invalid/range": N_("{value} is not allowed: from {low} to {high}."),
    "outbox.not_resendable": N_(
        "Message {id} is {state}: only failed or uncertain messages can be queued again."
    ),
    "outbox.outcome_not_recorded": N_(
        "The message for {number} went out (the mail server answered), but the database "
        "{path} stayed unavailable and its outcome could not be recorded. It will be shown as "
        "uncertain and never sent again without your say-so; the other messages wait in the "
        "outbox."
    ),
    "document.pdf_tampered": N_(
        "The archived PDF of a document was modified outside Facturier: it is no longer the "
        "one that was issued. It was not sent."
    ),
    "outbox.busy": N_("Another sending is already running in this program."),
    "address.invalid": N_("Invalid e-mail address {value}: {reason}"),
    "mail.header_injection": N_("A line break is not allowed in {field}."),
    "template.invalid": N_("The e-mail template is not valid ({reason}: {unknown})."),
    # deposit and final invoices (app/services/deposits.py)
    "invalid/deposit_percent": N_(
        "The deposit's percentage must be more than 0 and less than 100."
    ),
    "invalid/deposit_amount": N_(
        "The deposit must be more than 0 and at most what is left to invoice ({left_text})."
    ),
    "invalid/deposit_split": N_(
        "{value} cannot be split between the VAT rates to the cent: change it by a cent."
    ),
    "invalid/final_exists": N_("The final invoice of this document was already made."),
    "invalid/deposit_draft": N_(
        "A deposit invoice of this document is still a draft: validate or delete it first."
    ),
    "invalid": N_("Invalid value for {field}: {detail}"),
    # files added to every e-mail of a kind (app/services/attachments.py)
    "attachment.invalid/empty": N_("{name} is empty: there is nothing to attach."),
    "attachment.invalid/name": N_(
        "{name} cannot be the name of an attachment: no slashes, line breaks or control "
        "characters, at most 255 characters."
    ),
    "attachment.invalid/too_large": N_(
        "{name} is larger than {limit_mb} MB: too large to go with every e-mail."
    ),
    "attachment.invalid/unreadable": N_("{path} cannot be read: {detail}"),
    "mail.too_large": N_(
        "With its attachments the e-mail is larger than {limit_mb} MB, more than mail "
        "providers accept. Remove attachments in Settings, E-mail templates."
    ),
    # clients (app/services/client_rules.py, clients.py, client_import.py)
    "client.required": N_("This value is required."),
    "client.too_long": N_("Too long: {length} characters, at most {limit}."),
    "client.control_character": N_(
        "Line breaks and control characters ({character}) are not allowed."
    ),
    "client.siren": N_(
        "{value} is not a valid SIREN number (9 digits, the last one a check digit)."
    ),
    "client.siret": N_(
        "{value} is not a valid SIRET number (14 digits, the last one a check digit)."
    ),
    "client.siret_siren": N_("The SIRET {siret} does not begin with the SIREN {siren}."),
    "client.vat_number": N_(
        "{value} is not a valid intra-community VAT number (or does not match the SIREN)."
    ),
    "client.e_address": N_(
        "{value} is not a valid e-invoicing address (letters, digits and . _ - only)."
    ),
    "client.type": N_(
        "“{value}” is not a client type: write entreprise or particulier (business or "
        "private), or leave the cell empty."
    ),
    "client.operation_category": N_(
        "“{value}” is not an operation category: write biens, services or mixte (goods, "
        "services or mixed), or leave the cell empty."
    ),
    "client.in_use": N_("{name} cannot be deleted: {documents} document(s) refer to this client."),
    "client.changed": N_("{name} was changed elsewhere in the meantime; open it again."),
    "import.extra_values": N_("{count} value(s) more than the header has columns."),
    "import.duplicate_row": N_("{name} already appears on line {first_line}."),
    "import.unreadable": N_("Cannot read {path}: {reason}"),
    "import.spreadsheet": N_("This is a spreadsheet file, not a CSV file: save it as CSV first."),
    "import.not_text": N_("This is not a text (CSV) file."),
    "import.encoding": N_("Line {line} of the file is not {encoding} text. Nothing was imported."),
    "import.encoding/unknown": N_(
        "Line {line} of the file is neither UTF-8 nor Windows-1252 text: save the file again "
        "as CSV UTF-8. Nothing was imported."
    ),
    "import.encoding/utf16": N_(
        "The file begins as UTF-16 text but is not valid UTF-16: save it again as CSV UTF-8. "
        "Nothing was imported."
    ),
    "import.is_utf8": N_(
        "The file is UTF-8 text (see line {line}), not Windows-1252: import it without "
        "--encoding cp1252. Nothing was imported."
    ),
    "import.not_utf8": N_(
        "Line {line} of the file is not UTF-8 text; read as Windows-1252 it says: "
        "“{sample}”. If that is right (a file saved by Excel or an older program), import "
        "it with --encoding cp1252; otherwise save it again as CSV UTF-8. Nothing was "
        "imported."
    ),
    "import.mixed_encoding": N_(
        "The file mixes two encodings: line {utf8_line} is UTF-8 text, line {line} is not. "
        "Read either way, some names would be garbled: save the file again as CSV UTF-8. "
        "Nothing was imported."
    ),
    "import.malformed": N_("The CSV file is malformed near line {line}: {detail}"),
    "import.empty": N_("The file is empty."),
    "import.no_rows": N_("The file has a header line but no client."),
    "import.no_name_column": N_(
        "No column gives the client's name (expected e.g. Nom, Raison sociale, Name); "
        "the columns are: {columns}."
    ),
    "import.duplicate_column": N_(
        "The columns {first} and {column} say the same thing: keep only one."
    ),
    "import.too_large": N_("The file is larger than {limit_mb} MB: split it."),
    "import.too_many_rows": N_("The file has more than {limit} rows: split it."),
    "document.draft": N_("{number} is a draft: validate it first."),
    # provider presets (settings smtp --preset auto)
    "mail.no_preset": N_(
        "No settings were found for {domain}: it is not among the providers Facturier "
        "knows, and neither its mail servers (MX) nor a published configuration tell them "
        "(or there is no Internet connection). Set the account by hand: facturier settings "
        "smtp --host H --port P --security ssl|starttls --user U"
    ),
    "mail.no_sender_address": N_(
        "set it first with: facturier settings sender --name N --address A"
    ),
}


def describe(error: FacturierError) -> str:
    """One sentence for a typed error; unknown codes fall back on the generic family.
    A sentence for the error's ``reason`` (key ``"code/reason"``) comes first."""
    code = error.code
    if code == "document.non_compliant":  # one line per rule broken
        return describe_non_compliant(error)
    if f"{code}/{error.data.get('reason')}" in _TEXT:
        code = f"{code}/{error.data.get('reason')}"
    while code not in _TEXT and "." in code:
        code = code.rsplit(".", 1)[0]
    if code not in _TEXT:
        return _("Error: {detail}").format(detail=error.detail or error.code)
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
            # the e-invoicing platform (app.platform.errors)
            "http_status",
            "platform_message",
        ),
        "",
    )
    values.update(detail=error.detail, what=error.detail)
    values.update({k: str(v) for k, v in error.data.items()})
    if error.__cause__ is not None and (system := os_error_text(error.__cause__)):
        values["detail"] = system
    # Values may come from a server or a file: one line, no control characters.
    values = {k: safe_text(v) for k, v in values.items()}
    text = _(_TEXT[code]).format(**values)
    return _EMPTY_BRACKETS.sub("", text)  # "refuses the password ()": nothing to add


_EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)")

# What the system said, in the user's language: Python's own text ("[Errno 2] No such file
# or directory") is English whatever the language shown.
_OS_ERRORS = {
    errno.ENOENT: N_("the file or folder does not exist"),
    errno.EACCES: N_("access denied"),
    errno.EPERM: N_("access denied"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a folder on the way is a file"),
    errno.ECONNREFUSED: N_("the connection was refused"),
    errno.ECONNRESET: N_("the connection was cut"),
    errno.ETIMEDOUT: N_("no answer in time"),
    errno.EHOSTUNREACH: N_("the network cannot reach it"),
    errno.ENETUNREACH: N_("the network cannot reach it"),
}


def os_error_text(error: BaseException) -> str | None:
    """A system error (file, network, certificate) in a few words of the user's language;
    None when it is not one this table knows (its own text is kept then)."""
    if isinstance(error, ssl.SSLError):
        return _("not a certificate file that can be read")
    if isinstance(error, socket.gaierror):
        return _("this server name is unknown")
    if isinstance(error, OSError) and error.errno in _OS_ERRORS:
        return _(_OS_ERRORS[error.errno])
    return None
