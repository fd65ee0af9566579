"""The names of the reform's lifecycle statuses (app.domain.platform.Lifecycle), for the
command line, in the user's language (the core catalogue); the window has its own table
(ui.platform_texts)."""

from __future__ import annotations

from app.i18n import N_, _

# code -> name (translated in the core catalogue). Kept by code, not by Lifecycle, so that
# this module stays below the domain in the layers.
STATUS_NAMES: dict[str, str] = {
    "200": N_("Deposited"),
    "201": N_("Issued by the platform"),
    "202": N_("Received by the platform"),
    "203": N_("Made available"),
    "204": N_("Taken in charge"),
    "205": N_("Approved"),
    "206": N_("Partly approved"),
    "207": N_("Disputed"),
    "208": N_("Suspended"),
    "209": N_("Completed"),
    "210": N_("Refused"),
    "211": N_("Payment sent"),
    "212": N_("Cashed"),
    "213": N_("Rejected"),
}


def status_name(code: str) -> str:
    """The status in words; a code this version does not know is shown as it is."""
    name = STATUS_NAMES.get(str(code))
    return _(name) if name else _("Status {code}").format(code=code)
