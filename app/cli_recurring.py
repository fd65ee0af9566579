"""`facturier recurring run`: make the recurring invoices that are due, once per period
(from a scheduled task, or by hand; the window does the same when it opens).

One line per invoice made (number, or "draft", then client, period, and what became of
it), then a summary. Exit status 0, also when one period could not be made (it is said on
standard error and tried again at the next run).
"""

from __future__ import annotations

import argparse
import sys

from app.cli_text import describe
from app.domain.formatting import format_date
from app.domain.kinds import DocumentStatus
from app.i18n import N_, _
from app.services.batch import SkipReason
from app.services.database import Database
from app.services.recurring import MadeInvoice, run_due

EXIT_OK = 0

_NOT_PREPARED = {
    SkipReason.NO_ADDRESS: N_("validated; not prepared: the client has no mailing address"),
    SkipReason.INVALID_ADDRESS: N_(
        "validated; not prepared: an address of the client is invalid, correct its record"
    ),
}


def run_recurring(db: Database, args: argparse.Namespace) -> int:
    result = run_due(db)
    for made in result.made:
        print(_line(made))
    for _recurrence, period, error in result.failed:
        print(
            _("Period {period} not made: {reason}").format(
                period=format_date(period), reason=describe(error)
            ),
            file=sys.stderr,
        )
    if result.already_made:  # another workstation ran at the same moment
        print(
            _("{n} period(s) made by another run at the same moment").format(n=result.already_made)
        )
    if not result.made and not result.failed:
        print(_("No recurring invoice is due."))
        return EXIT_OK
    drafts = sum(1 for m in result.made if m.status is DocumentStatus.DRAFT)
    held = sum(1 for m in result.made if m.held)
    print(
        _("{n} recurring invoice(s) made: {drafts} draft(s), {held} held in the outbox").format(
            n=len(result.made), drafts=drafts, held=held
        )
    )
    return EXIT_OK


def _line(made: MadeInvoice) -> str:
    """number or "draft", client, period, outcome (tab-separated)."""
    return "\t".join(
        part
        for part in (
            made.number or _("draft"),
            made.client_name,
            format_date(made.period),
            _outcome(made),
        )
        if part
    )


def _outcome(made: MadeInvoice) -> str:
    if made.held:
        return _("held in the outbox for the next batch")
    if made.error is not None:
        return describe(made.error)
    if made.not_prepared is not None:
        text = _NOT_PREPARED.get(made.not_prepared, N_("validated; not prepared ({reason})"))
        return _(text).format(reason=str(made.not_prepared))
    return ""
