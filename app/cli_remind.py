"""`facturier remind`: the payment reminders due today, prepared and sent through the
outbox like `facturier send` (same lines, same summary, same exit statuses).

``--dry-run`` prints what would go (one line per reminder e-mail) and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.cli_send import EXIT_FAILED, EXIT_OK, copy_to_sent, report
from app.cli_text import describe
from app.domain.formatting import format_amount
from app.i18n import _
from app.services.database import Database
from app.services.outbox import DrainResult, OutcomeNotRecordedError
from app.services.reminders import ReminderGroup, plan_reminders, waiting_reminders
from app.services.send_reminders import send_reminders


def run_remind(db: Database, args: argparse.Namespace) -> int:
    today = date.today()
    plan = plan_reminders(db, today, level=args.level, client_id=args.client)
    if args.dry_run:
        for group in plan.groups:
            print(_group_line(group))
        for group in plan.missing_address:
            print(_group_line(group, _("no mailing address")))
        print(
            _("{n} reminder(s) would be sent, {missing} without address").format(
                n=len(plan.groups), missing=len(plan.missing_address)
            )
        )
        return EXIT_OK
    # What an interrupted or stopped run left waiting goes first, never prepared twice.
    waiting = [] if args.later else waiting_reminders(db, client_id=args.client)
    try:
        outcome = send_reminders(db, plan.groups, later=args.later, also=waiting)
    except OutcomeNotRecordedError as error:
        print(describe(error), file=sys.stderr)
        return EXIT_FAILED
    if not args.later:
        copy_to_sent(db)
    for group in plan.missing_address:
        print(_group_line(group, _("no mailing address")))
    drained = outcome.drained or DrainResult()
    # A message an interrupted run was sending is now uncertain: told, never resent.
    return report(db, outcome.prepared, drained, also=[*waiting, *drained.recovered_unknown])


def _group_line(group: ReminderGroup, note: str = "") -> str:
    """numbers, level, client, recipients, amount due (tab-separated)."""
    level = _("level {n}: {name}").format(n=group.level.position, name=group.level.name)
    return "\t".join(
        part
        for part in (
            group.numbers,
            level,
            group.client_name,
            note or ", ".join(group.recipients),
            format_amount(group.left),
        )
        if part
    )
