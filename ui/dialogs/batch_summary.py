"""The end of a batch, told exactly (what the confirmation dialog shows once it ran).

``BatchSummary`` turns what a batch did into words: a title that says what happened
("12 envoyés, 1 refusé, 30 en pause", "Aucun message envoyé : le serveur refuse le mot de
passe"), a summary whose non-zero counts are links to their category, and the details
themselves (one plain line per document, listed by category under the summary).

A message counts as sent only when the client got it (the core's ``SENT``); one whose
every client address was refused is *refused*, even if the copy to self went through.
Foreign text (client names, addresses, anything a mail server said) goes through
``safe_text`` and, in the summary's rich text, ``html.escape``: nothing a server says can
become a link or an escape sequence on the screen. The server's own words are not shown
here at all, only its codes and what they mean.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QLocale, QObject

from app.domain.mail_failure import MailFailure
from app.domain.outbox import HoldReason, OutboxState, accountant_copies
from app.domain.smtp_replies import safe_text
from app.errors import FacturierError
from app.services.outbox import DrainProgress, OutboxItem
from app.services.send_documents import BatchOutcome, BatchPlan, Choices, PlanItem, SkipReason
from ui.dialogs.daily_limit import DailyLimitWords
from ui.messages import error_text
from ui.models.envelope import date_and_time, date_text, local_datetime
from ui.oauth_problems import oauth_short_reason
from ui.smtp_replies import refusal_text, reply_sentence

MAX_SHOWN = 5  # documents named in a check box's text; the rest counted
_LINE_LIMIT = 2000
_NO_BREAK = ("\u00a0", "\u202f")
_NO_BREAK_SPLIT = re.compile("([\u00a0\u202f])")


class Group(StrEnum):
    """The summary's counts; each is also the link (and details key) of its count."""

    SENT = "sent"  # delivered: at least one client address accepted it
    REFUSALS = "refusals"  # delivered, but some client address was refused
    FAILED = "failed"  # refused: the client got nothing
    UNKNOWN = "unknown"  # the link broke after the final dot: it may have arrived
    WAITING = "waiting"  # waits for an automatic new attempt
    HELD = "held"  # paused: goes out only when the user resumes
    DAY_LIMIT = "daily_limit"  # the provider's day is full: leaves when its window frees
    MISSING = "missing"  # the client has no mailing address
    PAID = "paid"  # paid invoices the user left out
    PROBLEMS = "problems"  # last message failed or uncertain, left out
    LEFT_OUT = "left_out"  # already waiting in the outbox, or skipped at preparation


class DetailLines(Mapping[str, list[str]]):
    """Each group's plain lines, by group name, each message's line written when its group
    is first asked for (a count's link, the summary's problems): writing 500 lines as the
    batch ends would hold the window up for nothing."""

    def __init__(
        self, entries: dict[Group, list[str | OutboxItem]], line: Callable[[OutboxItem], str]
    ) -> None:
        self._entries = entries
        self._line = line
        self._written: dict[str, list[str]] = {}

    def count(self, group: Group) -> int:
        """Documents, not lines: a message for several of a client's counts each one."""
        return sum(
            len(e.documents) if isinstance(e, OutboxItem) else 1 for e in self._entries[group]
        )

    def __getitem__(self, key: str) -> list[str]:
        if key not in self._written:
            entries = self._entries[Group(key)]
            self._written[key] = [e if isinstance(e, str) else self._line(e) for e in entries]
        return self._written[key]

    def __iter__(self) -> Iterator[str]:
        return (str(group) for group in self._entries)

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True)
class BatchReport:
    title: str  # plain text
    summary: str  # rich text: every dynamic part escaped, links only on non-zero counts
    details: DetailLines  # plain lines per Group value
    delivered: list[int]  # documents the client received (SENT, refusals included)
    counts: dict[Group, int]


def plain(text: str) -> str:
    """Foreign or composed text on one safe line: no escape sequence, no control char
    (the French non-breaking spaces of the translations are kept)."""
    return "".join(
        part if part in _NO_BREAK else safe_text(part, _LINE_LIMIT)
        for part in _NO_BREAK_SPLIT.split(text)
    )


def rich(text: str) -> str:
    return html.escape(plain(text), quote=False)


def button_text(text: str) -> str:
    """Plain text for a check box or button: "&" is not a mnemonic."""
    return text.replace("&", "&&")


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def group_of(item: OutboxItem) -> Group:
    state = item.state
    if state == OutboxState.SENT:
        return Group.REFUSALS if item.client_refusals else Group.SENT
    if state == OutboxState.FAILED:
        return Group.FAILED
    if state == OutboxState.UNKNOWN:
        return Group.UNKNOWN
    if state == OutboxState.HELD:
        return Group.DAY_LIMIT if item.hold_reason == HoldReason.DAILY_LIMIT else Group.HELD
    return Group.WAITING


class BatchSummary(QObject):
    """Words for a batch (translation context "BatchSummary"); ``reminders``: the batch's
    messages are payment reminders, not documents."""

    def __init__(self, parent: QObject | None = None, *, reminders: bool = False) -> None:
        super().__init__(parent)
        self.reminders = reminders

    # --- before the run: the choices' lists -------------------------------------------

    def sent_choice(self, items: list[PlanItem]) -> tuple[str, str]:
        """The check box that sends again documents already sent: text and tooltip."""
        last = max(item.sent_at for item in items if item.sent_at is not None)
        text = self.tr(
            "Send again the %n document(s) already sent (the last on {date})", "", len(items)
        ).format(
            date=QLocale().toString(local_datetime(last).date(), QLocale.FormatType.ShortFormat)
        )
        tip = "<br>".join(
            rich(
                self.tr("{number} already sent on {date} at {time} to {sent_to}").format(
                    number=item.number,
                    date=date_and_time(item.sent_at)[0],
                    time=date_and_time(item.sent_at)[1],
                    sent_to=item.sent_to,
                )
            )
            for item in items
            if item.sent_at is not None
        )
        return button_text(text), f"<p>{tip}</p>"  # always rich text, so always escaped

    def problem_choice(self, items: list[PlanItem]) -> str:
        """The check box that sends again documents the client may already have."""
        count = len(items)
        head = [
            self.tr(
                "%n document(s) whose last message failed or is uncertain: send again",
                "",
                count,
            ),
            self.tr("(the client may already have the document(s)):", "", count),
        ]
        return self._with_list(head, [self._problem_line(i) for i in items])

    def _problem_line(self, item: PlanItem) -> str:
        if item.problem == OutboxState.UNKNOWN:
            word = self.tr("{number} — {client} (uncertain: it may have arrived)")
        else:
            word = self.tr("{number} — {client} (failed)")
        return word.format(number=item.number, client=_short(item.client_name))

    def paid_choice(self, items: list[PlanItem]) -> str:
        """The check box that sends paid invoices too (left out unless ticked)."""
        count = len(items)
        head = [
            self.tr("%n invoice(s) already paid: include in this sending", "", count),
            self.tr("(the e-mail does not ask for payment):", "", count),
        ]
        lines = [
            self.tr("{number} — {client} (paid on {date})").format(
                number=item.number,
                client=_short(item.client_name),
                date=date_text(item.paid_on) if item.paid_on else "",
            )
            for item in items
        ]
        return self._with_list(head, lines)

    def _with_list(self, head: list[str], lines: list[str]) -> str:
        """Short lines: a check box does not wrap its text."""
        shown = [plain(line) for line in lines[:MAX_SHOWN]]
        text = "\n".join([*head, *("    " + line for line in shown)])
        if len(lines) > len(shown):
            text += "\n    " + self.tr("…and %n more", "", len(lines) - len(shown))
        return button_text(text)

    # --- during the run -----------------------------------------------------------------

    def progress(self, value: DrainProgress, tally: dict[Group, int]) -> str:
        line = self.tr("{number} handled ({done} of {total})").format(
            number=value.number, done=value.done, total=value.total
        )
        so_far = self._counts_text(tally, sent_always=True)
        return plain(line) + "\n" + self.tr("So far: {counts}").format(counts=so_far)

    # --- after the run ------------------------------------------------------------------

    def report(self, outcome: BatchOutcome, plan: BatchPlan, choices: Choices) -> BatchReport:
        entries: dict[Group, list[str | OutboxItem]] = {group: [] for group in Group}
        delivered: list[int] = []
        for item in outcome.items:
            group = group_of(item)
            if item.state == OutboxState.SENT:
                delivered.extend(item.documents)  # each document of a message for several
                entries[Group.SENT].append(item)
                if group == Group.REFUSALS:
                    entries[Group.REFUSALS].append(item)
            else:
                entries[group].append(item)
        self._left_out(entries, outcome, plan, choices)
        details = DetailLines(entries, self._line)
        counts = {group: details.count(group) for group in Group}
        return BatchReport(
            title=self._title(outcome, counts),
            summary=self._summary(outcome, counts),
            details=details,
            delivered=delivered,
            counts=counts,
        )

    def _left_out(
        self,
        details: dict[Group, list[str | OutboxItem]],
        outcome: BatchOutcome,
        plan: BatchPlan,
        choices: Choices,
    ) -> None:
        def add(group: Group, number: str, client: str, what: str) -> None:
            line = self.tr("{number} — {client}: {what}")
            details[group].append(plain(line.format(number=number, client=client, what=what)))

        no_mail = self.tr("the client has no e-mail address with “Mail” ticked")
        for p in plan.missing_address:
            add(Group.MISSING, p.number, p.client_name, no_mail)
        chosen = {i.document_id for i in plan.to_send(choices)}
        paid: set[int] = set()
        if not choices.paid:
            for p in plan.paid:
                if p.document_id not in chosen and p.paid_on is not None:
                    paid.add(p.document_id)
                    when = self.tr("paid on {date}, left out").format(date=date_text(p.paid_on))
                    add(Group.PAID, p.number, p.client_name, when)
        if not choices.problems:
            for p in plan.problems:
                if p.document_id not in chosen and p.document_id not in paid:
                    details[Group.PROBLEMS].append(plain(self._problem_line(p)))
        for p in plan.pending:
            add(
                Group.LEFT_OUT,
                p.number,
                p.client_name,
                self._skip_reason(SkipReason.ALREADY_PENDING),
            )
        for skipped in outcome.prepared.skipped:
            reason = self._skip_reason(skipped.reason)
            add(Group.LEFT_OUT, skipped.number, skipped.client_name, reason)

    def _skip_reason(self, reason: SkipReason) -> str:
        texts = {
            SkipReason.NO_ADDRESS: self.tr("the client has no e-mail address"),
            SkipReason.DRAFT: self.tr("still a draft"),
            SkipReason.NOT_FOUND: self.tr("deleted meanwhile"),
            SkipReason.ALREADY_PENDING: self.tr("already waiting in the outbox"),
            SkipReason.ALREADY_SENT: (
                self.tr("reminder already sent or no longer due")
                if self.reminders
                else self.tr("already sent")
            ),
            SkipReason.UNCERTAIN: self.tr("its last message may have arrived"),
            SkipReason.FAILED: self.tr("its last message failed"),
            SkipReason.PAID: self.tr("already paid"),
            SkipReason.TOO_LARGE: self.tr(
                "with its attachments, over 20 MB: more than mail providers accept"
            ),
        }
        return texts.get(reason, str(reason))

    # --- one line per message -----------------------------------------------------------

    def _line(self, item: OutboxItem) -> str:
        return plain(
            self.tr("{number} — {client}: {what}").format(
                number=item.number, client=item.client_name, what=self._what(item)
            )
        )

    def _what(self, item: OutboxItem) -> str:
        state = item.state
        if state == OutboxState.SENT:
            to = [r.address for r in item.recipients if r.client and r.accepted]
            sent_to = ", ".join(to) or item.to
            refused = item.client_refusals
            if refused:
                what = self.tr("sent to {accepted}, not to {refused}").format(
                    accepted=sent_to, refused="; ".join(refusal_text(r) for r in refused)
                )
            else:
                what = self.tr("sent to {addresses}").format(addresses=sent_to)
            return self._with_accountant(what, item)
        if state == OutboxState.FAILED:
            refused = item.client_refusals
            if refused:
                why = "; ".join(refusal_text(r) for r in refused)
            else:
                addresses = ", ".join(item.client_addresses) or item.to
                why = reply_sentence(item.last_reply or item.last_error, addresses)
            return self.tr("not sent — {reason}").format(reason=why)
        if state == OutboxState.UNKNOWN:
            return self.tr(
                "the connection dropped after the server took the message: it may have "
                "arrived. Check before sending it again from the outbox."
            )
        if state == OutboxState.HELD and item.hold_reason == HoldReason.DAILY_LIMIT:
            when = DailyLimitWords(self).when(item.next_attempt_at or item.created_at)
            return self.tr("waits for your provider's daily limit: leaves {when}").format(when=when)
        if state == OutboxState.HELD:
            return self._held(item.hold_reason)
        if item.last_reply.strip()[:1] in ("4", "5"):
            return self.tr("waits for a new attempt — {reply}").format(
                reply=reply_sentence(item.last_reply)
            )
        return self.tr("waits for a new attempt")

    def _with_accountant(self, what: str, item: OutboxItem) -> str:
        """The accountant's hidden copy, said apart: never the client's delivery."""
        for copy in accountant_copies(item.recipients):
            if copy.refused:
                what = self.tr("{what}; accountant's copy refused: {refusal}").format(
                    what=what, refusal=refusal_text(copy)
                )
            else:
                what = self.tr("{what} (accountant's copy: {address})").format(
                    what=what, address=copy.address
                )
        return what

    def _held(self, reason: HoldReason | None) -> str:
        if reason == HoldReason.LATER:
            return self.tr("paused (prepared for later)")
        if reason == HoldReason.SETTINGS:
            return self.tr("paused until the mail settings are corrected")
        if reason == HoldReason.ADDRESS_CHANGED:
            return self.tr("paused (the client's addresses changed since it was prepared)")
        return self.tr("paused (sending stopped)")

    # --- the title ----------------------------------------------------------------------

    def _counts_text(self, counts: dict[Group, int], *, sent_always: bool) -> str:
        parts = [self.tr("%n sent", "", counts.get(Group.SENT, 0))] if sent_always else []
        words = {
            Group.FAILED: self.tr("%n refused", "", counts.get(Group.FAILED, 0)),
            Group.UNKNOWN: self.tr("%n uncertain", "", counts.get(Group.UNKNOWN, 0)),
            Group.WAITING: self.tr("%n waiting", "", counts.get(Group.WAITING, 0)),
            Group.HELD: self.tr("%n paused", "", counts.get(Group.HELD, 0)),
            Group.DAY_LIMIT: self.tr(
                "%n for later (daily limit)", "", counts.get(Group.DAY_LIMIT, 0)
            ),
        }
        parts += [text for group, text in words.items() if counts.get(group, 0)]
        return ", ".join(parts)

    def _title(self, outcome: BatchOutcome, counts: dict[Group, int]) -> str:
        drained = outcome.drained
        if drained is None:
            prepared = len(outcome.prepared.prepared)
            return self.tr("No message sent: {details}").format(
                details=self.tr("%n message(s) prepared, paused", "", prepared)
            )
        stopped = drained.stopped
        if counts[Group.SENT] == 0:
            if stopped is not None:
                reason = self.short_reason(stopped)
                return plain(self.tr("No message sent: {details}").format(details=reason))
            others = self._counts_text(counts, sent_always=False)
            if others:
                return self.tr("No message sent: {details}").format(details=others)
            return self.nothing_sent()
        title = self._counts_text(counts, sent_always=True)
        if stopped is not None:
            title = self.tr("{counts}: {reason}").format(
                counts=title, reason=self.short_reason(stopped)
            )
        return plain(title)

    def nothing_sent(self) -> str:
        return self.tr("No message sent.")

    def short_reason(self, error: FacturierError) -> str:
        """Why nothing (more) could be sent, in a few words, for the title."""
        short = oauth_short_reason(error)
        if short is not None:
            return short
        code = error.code
        failure = MailFailure.of(error.data)
        if code == "smtp.auth" and failure is MailFailure.CREDENTIALS_NOT_ASCII:
            return self.tr("the server cannot take a password with accented characters")
        if code == "smtp.auth" and failure in (MailFailure.REJECTED, MailFailure.AUTH_FAILED, None):
            return self.tr("the server refuses the password")
        if code == "smtp.auth":
            return self.tr("the server refuses the login")
        if code == "smtp.tls":
            return self.tr("the secure connection to the server failed")
        if code == "smtp.unreachable":
            return self.tr("the mail server cannot be reached")
        if code == "smtp.password_missing":
            return self.tr("no password is stored for the mail account")
        if code == "smtp.insecure":
            return self.tr("the mail settings are not secure")
        return error_text(error)

    # --- the outcome, category by category ---------------------------------------------

    def heading(self, group: Group, count: int) -> str:
        """A category's heading above its documents: "Refused: nothing reached the client (2)"."""
        names = {
            Group.SENT: self.tr("Sent to the client"),
            Group.REFUSALS: self.tr("Sent, but an address was refused"),
            Group.FAILED: self.tr("Refused: the client received nothing"),
            Group.UNKNOWN: self.tr("Uncertain: may have arrived"),
            Group.WAITING: self.tr("Waiting for a new attempt"),
            Group.HELD: self.tr("Paused in the Outbox"),
            Group.DAY_LIMIT: self.tr("For later: your provider's daily limit"),
            Group.MISSING: self.tr("Left out: no e-mail address"),
            Group.PAID: self.tr("Left out: already paid"),
            Group.PROBLEMS: self.tr("Left out: last message failed or uncertain"),
            Group.LEFT_OUT: self.tr("Left out"),
        }
        return f"{names[group]} ({QLocale().toString(count)})"

    # --- the summary --------------------------------------------------------------------

    def _summary(self, outcome: BatchOutcome, counts: dict[Group, int]) -> str:
        sent = counts[Group.SENT]
        words = {
            Group.SENT: (
                self.tr("%n reminder(s) sent", "", sent)
                if self.reminders
                else self.tr("%n document(s) sent", "", sent)
            ),
            Group.REFUSALS: self.tr(
                "%n of them with a refused address", "", counts[Group.REFUSALS]
            ),
            Group.FAILED: self.tr("%n refused", "", counts[Group.FAILED]),
            Group.UNKNOWN: self.tr("%n uncertain", "", counts[Group.UNKNOWN]),
            Group.WAITING: self.tr("%n waiting", "", counts[Group.WAITING]),
            Group.HELD: self.tr("%n paused", "", counts[Group.HELD]),
            Group.DAY_LIMIT: self.tr("%n for later (daily limit)", "", counts[Group.DAY_LIMIT]),
            Group.MISSING: self.tr("%n without address", "", counts[Group.MISSING]),
            Group.PAID: self.tr("%n paid invoice(s) left out", "", counts[Group.PAID]),
            Group.PROBLEMS: self.tr(
                "%n left out (last message failed or uncertain)", "", counts[Group.PROBLEMS]
            ),
            Group.LEFT_OUT: self.tr("%n left out", "", counts[Group.LEFT_OUT]),
        }
        # A sending run always says how many went and how many were refused.
        always = {Group.SENT, Group.FAILED} if outcome.drained is not None else set()
        pieces = []
        for group, text in words.items():
            if counts[group]:
                pieces.append(f'<a href="{group}">{rich(text)}</a>')
            elif group in always:
                pieces.append(rich(text))  # a zero is plain text, never a link
        # Each document's line is in the outcome's list below, not repeated here.
        blocks = [", ".join(pieces)]
        blocks += [rich(note) for note in self._notes(outcome, counts)]
        return "<br><br>".join(blocks)

    def _notes(self, outcome: BatchOutcome, counts: dict[Group, int]) -> list[str]:
        notes: list[str] = []
        held = counts[Group.HELD]
        drained = outcome.drained
        if counts[Group.FAILED] and self.reminders:
            notes.append(
                self.tr(
                    "The client did not receive the refused reminders: correct the "
                    "addresses in the client's record, then send them again from the "
                    "Reminders report."
                )
            )
        elif counts[Group.FAILED]:
            notes.append(
                self.tr(
                    "The client did not receive the refused documents: correct the "
                    "addresses in the client's record, then send them again."
                )
            )
        if counts[Group.REFUSALS]:
            notes.append(
                self.tr(
                    "Some addresses were refused although the client received the message: "
                    "correct them in the client's record."
                )
            )
        if counts[Group.UNKNOWN]:
            notes.append(
                self.tr(
                    "Uncertain: the connection dropped after the server took the message, "
                    "which may have arrived. Check with the client before sending it again."
                )
            )
        if drained is None:
            notes.append(
                self.tr(
                    "The messages are paused in the Outbox: nothing is sent until you press "
                    "“Resume sending” there.",
                )
            )
        elif drained.stopped is not None:
            reason = error_text(drained.stopped)
            if drained.settings_refused:
                notes.append(
                    self.tr(
                        "{reason} The messages are paused in the Outbox: correct the settings, "
                        "then press “Resume sending” there."
                    ).format(reason=reason)
                )
            elif outcome.auto_retry:
                notes.append(
                    self.tr(
                        "{reason} The messages wait in the Outbox and are tried again "
                        "automatically."
                    ).format(reason=reason)
                )
            else:
                notes.append(
                    self.tr(
                        "{reason} The messages wait in the Outbox until you press “Resume "
                        "sending” there."
                    ).format(reason=reason)
                )
        elif drained.cancelled and held:
            notes.append(
                self.tr(
                    "Sending was stopped: %n message(s) paused in the Outbox; they go out "
                    "only when you press “Resume sending” there.",
                    "",
                    held,
                )
            )
        if counts[Group.DAY_LIMIT]:
            notes.append(self._day_limit_note(outcome, counts[Group.DAY_LIMIT]))
        if drained is not None and drained.address_changed:
            notes.append(
                self.tr(
                    "%n message(s) paused because the client's addresses changed since "
                    "preparation: check them in the Outbox.",
                    "",
                    len(drained.address_changed),
                )
            )
        return notes

    def _day_limit_note(self, outcome: BatchOutcome, count: int) -> str:
        times = [i.next_attempt_at for i in outcome.items if group_of(i) == Group.DAY_LIMIT]
        first = min((t for t in times if t is not None), default=None)
        when = DailyLimitWords(self).when(first) if first is not None else ""
        if outcome.auto_retry:
            text = self.tr(
                "Your mail provider's daily limit is reached: %n message(s) wait in the "
                "Outbox and leave on their own {when}, while Facturier is open.",
                "",
                count,
            )
        else:
            text = self.tr(
                "Your mail provider's daily limit is reached: %n message(s) wait in the "
                "Outbox; press “Resume sending” there {when}.",
                "",
                count,
            )
        return text.format(when=when)


def progress_tally(tally: dict[Group, int], value: DrainProgress) -> None:
    """Count one handled message for the progress line (refusals count as sent)."""
    group = {
        OutboxState.SENT: Group.SENT,
        OutboxState.FAILED: Group.FAILED,
        OutboxState.UNKNOWN: Group.UNKNOWN,
        OutboxState.RETRY_WAIT: Group.WAITING,
    }.get(value.state, Group.WAITING)
    tally[group] = tally.get(group, 0) + 1
