"""Sentences for the command line, in French or English after the user's locale.

The command line is a user interface too: typed errors become sentences here,
never tracebacks. The sentence of each error code is in the core's catalogue of error
sentences (app.services.messages, shared with the window); this module adds what only
the command line says (its options' names, the copy in the Sent folder).
"""

from __future__ import annotations

from app.core_text import is_french
from app.errors import FacturierError
from app.i18n import N_, _
from app.services.messages import describe

__all__ = ["describe", "describe_field", "is_french"]

# The settings a command line sets, as its user knows them.
_FIELDS: dict[str, str] = {
    "name": N_("The company name"),
    "sender_name": N_("The sender's name (--name)"),
    "sender_address": N_("The sender's address (--address)"),
    "accountant_address": N_("The accountant's address (--accountant)"),
    "rate_per_minute": N_("The pace (--rate-per-minute)"),
    "smtp_connections": N_("The connections at once (--connections)"),
    "smtp_host": N_("The mail server (--host)"),
    "smtp_port": N_("The port (--port)"),
    "smtp_user": N_("The user name (--user)"),
    "imap_host": N_("The IMAP server (--host)"),
    "imap_port": N_("The IMAP port (--port)"),
    "imap_user": N_("The IMAP user name (--user)"),
    "imap_sent_folder": N_("The Sent folder (--sent-folder)"),
    "password": N_("The password"),
}


def describe_field(error: FacturierError) -> str:
    """``describe(error)`` after the name of the setting at fault (``data['field']``)."""
    field = str(error.data.get("field", ""))
    if field not in _FIELDS:
        return describe(error)
    label = _(_FIELDS[field])
    return _("{label}: {text}").format(label=label, text=describe(error))


# --- the copy in the Sent folder, as a detail of a sent message ---------------------------

_COPY_REASONS: dict[str, str] = {
    "imap.auth": N_("the IMAP server refuses the user name or password"),
    "imap.auth/oauth_token": N_("sign in to the mail account again"),
    "imap.auth/oauth_unavailable": N_("sign-in with the provider is not available"),
    "imap.tls": N_("the secure connection to the IMAP server failed"),
    "imap.unreachable": N_("the IMAP server cannot be reached"),
    "imap.password_missing": N_("no password for the IMAP account"),
    "imap.no_sent_folder": N_("no Sent folder found"),
    "imap.no_sent_folder/configured": N_("the folder named in the settings does not exist"),
    "imap.append_refused": N_("the server refused to store it (mailbox full?)"),
}

_UNEXPECTED = N_("unexpected error")


def copy_reason(copy_error: str) -> str:
    """Why a copy in the Sent folder failed (``copy_error``: "code/reason"), briefly."""
    key = copy_error
    while key and key not in _COPY_REASONS:
        key = key.rpartition("/")[0] if "/" in key else key.rpartition(".")[0]
    return _(_COPY_REASONS.get(key, _UNEXPECTED))


def copy_text(copy_state: str, copy_error: str, outbox_id: int) -> str:
    """A sent message's copy in the Sent folder: "" when none is wanted or it is done."""
    if copy_state == "pending":
        text = _("copy in Sent: pending")
        if copy_error:
            text += _(" (last attempt: {reason})").format(reason=copy_reason(copy_error))
        return text
    if copy_state == "failed":
        return _(
            "copy in Sent failed: {reason}; 'facturier outbox resend {id}' tries it again"
        ).format(reason=copy_reason(copy_error), id=outbox_id)
    return ""
