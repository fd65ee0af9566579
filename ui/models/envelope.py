"""How the user interface shows e-mail states: icons, dates and tooltip sentences.

Shared by the report's envelope column and the Information dialog. Dates and times are
stored as naive UTC; they are shown in local time, in the locale's short format
(``28/11/2026 14:05`` on a French system).

A mail server's reply is foreign text: it is shown explained (``ui.smtp_replies``), and
its own words only through ``server_words`` (one line, control characters replaced),
never on a tooltip's first line, which is what Qt reads to decide whether a tooltip is
rich text (``plain_tooltip`` checks it).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime

from PySide6 import QtGui
from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, QTime, QTimeZone
from PySide6.QtGui import QIcon

from app.domain.outbox import HoldReason, OutboxState, Recipient
from app.domain.platform import PROBLEMS, Channel, Lifecycle, lifecycle_of
from app.domain.smtp_replies import parse_reply, safe_text
from app.services.outbox_queue import split_addresses
from app.services.reports import EnvelopeState, PendingSend, PlatformStatus, ReportRow
from ui.icons import icon as icon  # re-exported: the views import it from here too
from ui.platform_texts import PLATFORM_TEXTS
from ui.smtp_replies import refusal_text, reply_sentence, server_words

_ENVELOPE_ICONS = {
    EnvelopeState.SENT: "envelope-sent",
    EnvelopeState.REFUSALS: "envelope-refusals",
    EnvelopeState.WAITING: "envelope-waiting",
    EnvelopeState.HELD: "envelope-held",
    EnvelopeState.FAILED: "envelope-failed",
    EnvelopeState.UNCERTAIN: "envelope-uncertain",
    EnvelopeState.PLATFORM: "platform-deposited",
    EnvelopeState.PLATFORM_APPROVED: "platform-approved",
    EnvelopeState.PLATFORM_ATTENTION: "platform-attention",
    EnvelopeState.PLATFORM_REJECTED: "platform-rejected",
}
BULLET = "  • "


def envelope_icon(state: EnvelopeState) -> QIcon | None:
    name = _ENVELOPE_ICONS.get(state)
    return icon(name) if name else None


def local_datetime(value: datetime) -> QDateTime:
    """A stored (naive UTC) timestamp as local time."""
    utc = QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute, value.second),
        QTimeZone.utc(),
    )
    return utc.toLocalTime()


def datetime_text(value: datetime) -> str:
    return QLocale().toString(local_datetime(value), QLocale.FormatType.ShortFormat)


def date_text(value: date) -> str:
    return QLocale().toString(
        QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
    )


def day_text(value: datetime) -> str:
    """A stored (naive UTC) timestamp's day, in local time: ``04/12/2026``."""
    return QLocale().toString(local_datetime(value).date(), QLocale.FormatType.ShortFormat)


def date_and_time(value: datetime) -> tuple[str, str]:
    """A stored timestamp's local day and time, for the one sentence form "on {date} at
    {time}" ("le 25/11/2026 à 17:24"); tables show ``datetime_text`` instead."""
    return _date_and_time(value)


def _date_and_time(value: datetime) -> tuple[str, str]:
    local = local_datetime(value)
    locale = QLocale()
    return (
        locale.toString(local.date(), QLocale.FormatType.ShortFormat),
        locale.toString(local.time(), QLocale.FormatType.ShortFormat),
    )


def addresses_text(addresses: str) -> str:
    return ", ".join(split_addresses(addresses))


def might_be_rich_text(text: str) -> bool:
    """What Qt decides before showing a tooltip or an AutoText label."""
    return bool(QtGui.Qt.mightBeRichText(text))


def plain_tooltip(lines: Sequence[str]) -> str:
    """Tooltip lines as text Qt shows as it is, never as rich text.

    Qt renders a tooltip as HTML when ``Qt.mightBeRichText`` says so (it looks at the
    first line). Our first lines are our own sentences; should one still look like HTML
    (a client's name, a subject), everything is escaped into equivalent rich text.
    """
    text = "\n".join(lines)
    if not might_be_rich_text(text):
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"


def server_said(reply: str) -> bool:
    """Did a server reply (a code) come with words worth showing in the details? Without
    a code, the text is ours (how the connection broke), not the server's."""
    parsed = parse_reply(reply)
    return parsed.code is not None and bool(parsed.text)


class EnvelopeTexts(QObject):
    """The sentences of the envelope column (one instance, ``TEXTS``)."""

    def state_name(self, state: EnvelopeState) -> str:
        names = {
            EnvelopeState.NONE: self.tr("Not sent yet"),
            EnvelopeState.SENT: self.tr("E-mailed"),
            EnvelopeState.REFUSALS: self.tr("E-mailed, an address was refused"),
            EnvelopeState.WAITING: self.tr("Waiting in the outbox"),
            EnvelopeState.HELD: self.tr("On hold in the outbox"),
            EnvelopeState.FAILED: self.tr("Sending failed"),
            EnvelopeState.UNCERTAIN: self.tr("Outcome uncertain"),
            EnvelopeState.PLATFORM: self.tr("Deposited on the platform"),
            EnvelopeState.PLATFORM_APPROVED: self.tr("Approved on the platform"),
            EnvelopeState.PLATFORM_ATTENTION: self.tr("Disputed or suspended on the platform"),
            EnvelopeState.PLATFORM_REJECTED: self.tr("Rejected or refused on the platform"),
        }
        return names[state]

    def accessible_name(self, row: ReportRow) -> str:
        """The envelope in words; a platform invoice's with its status."""
        if row.pending is None and row.platform is not None:
            return self.tr("Platform: {status}").format(
                status=PLATFORM_TEXTS.status_name(row.platform.code)
            )
        return self.state_name(row.envelope)

    def platform_lines(self, platform: PlatformStatus) -> list[str]:
        """Where an invoice deposited on the platform stands and since when, and the
        reason given when it was rejected, refused, disputed or suspended."""
        status = lifecycle_of(platform.code)
        on = day_text(platform.at) if platform.at is not None else ""
        reason = safe_text(platform.reason) if status in PROBLEMS else ""
        if status == Lifecycle.REJECTED:
            if reason:
                return [
                    self.tr("Rejected by the platform on {date}: {reason}").format(
                        date=on, reason=reason
                    )
                ]
            return [self.tr("Rejected by the platform on {date}").format(date=on)]
        if status == Lifecycle.DEPOSITED:
            return [self.tr("Deposited on the platform on {date}").format(date=on)]
        name = PLATFORM_TEXTS.status_name(platform.code)
        if platform.deposited_at is not None:
            line = self.tr("Deposited on the platform on {date}; status: {status} ({day})").format(
                date=day_text(platform.deposited_at), status=name, day=on
            )
        else:
            line = self.tr("Sent through the platform; status: {status} ({day})").format(
                status=name, day=on
            )
        lines = [line]
        if reason:
            lines.append(self.tr("Reason: {reason}").format(reason=reason))
        return lines

    def tooltip(self, row: ReportRow) -> str:
        """When and to whom the document was sent, or why it is waiting or failed."""
        lines: list[str] = []
        pending = row.outbox_news
        if pending is None and row.platform is not None:
            lines += self.platform_lines(row.platform)
        elif pending is not None:
            lines += self.pending_lines(pending, row.sent_at)
            if row.sent_at is not None and pending.state != OutboxState.SENT:
                lines.append(self.last_sent(row.sent_at, row.sent_to))
        elif row.sent_at is not None:
            when, at = _date_and_time(row.sent_at)
            lines.append(self.tr("Sent on {date} at {time}").format(date=when, time=at))
            if row.sent_to:
                lines.append(
                    self.tr("To: {addresses}").format(addresses=addresses_text(row.sent_to))
                )
        elif row.number is None:
            lines.append(self.tr("Draft: it can be e-mailed once validated."))
        else:
            lines.append(self.tr("Not sent yet"))
        return plain_tooltip(lines)

    def last_sent(self, sent_at: datetime, sent_to: str) -> str:
        when, at = _date_and_time(sent_at)
        if not sent_to:
            return self.tr("Last sent on {date} at {time}").format(date=when, time=at)
        return self.tr("Last sent on {date} at {time} to {addresses}").format(
            date=when, time=at, addresses=addresses_text(sent_to)
        )

    def pending_lines(self, pending: PendingSend, sent_at: datetime | None = None) -> list[str]:
        """The newest message's state: waiting, held, failed, uncertain, or delivered with
        some of the client's addresses refused."""
        if pending.state == OutboxState.SENT:
            return self._refusals_lines(pending, sent_at or pending.since)
        if pending.channel == Channel.PLATFORM:
            return self._platform_pending_lines(pending)
        when, at = _date_and_time(pending.since)
        lines: list[str] = []
        reply = pending.last_reply
        if pending.state == OutboxState.SENDING:
            lines.append(self.tr("Being sent now"))
        elif pending.state == OutboxState.HELD:
            lines.append(self.tr("On hold since {date} at {time}").format(date=when, time=at))
            lines += self.hold_lines(pending.hold_reason, pending.next_attempt_at)
        elif pending.state == OutboxState.RETRY_WAIT:
            if parse_reply(reply).code is not None:
                lines.append(
                    self.tr("Waiting in the outbox: the mail server asked to try again later.")
                )
            else:
                lines.append(
                    self.tr(
                        "Waiting in the outbox: the mail server could not be reached; "
                        "it will be tried again."
                    )
                )
            if pending.next_attempt_at is not None:
                next_date, next_time = _date_and_time(pending.next_attempt_at)
                lines.append(
                    self.tr("Next attempt on {date} at {time}").format(
                        date=next_date, time=next_time
                    )
                )
            if reply:
                lines.append(self.tr("Reason: {reason}").format(reason=reply_sentence(reply)))
        elif pending.state == OutboxState.QUEUED:
            lines.append(
                self.tr("Waiting in the outbox since {date} at {time}").format(date=when, time=at)
            )
        elif pending.state == OutboxState.FAILED:
            lines.append(self.tr("Sending failed on {date} at {time}").format(date=when, time=at))
            refused = pending.client_refusals
            if refused:
                lines += self.refused_lines(refused)
                lines.append(self.tr("Nothing was delivered to the client."))
            else:
                lines.append(self.tr("Reason: {reason}").format(reason=reply_sentence(reply)))
        else:
            lines.append(
                self.tr(
                    "Outcome uncertain: the connection to the mail server was lost on {date} "
                    "at {time}, after the message was handed over."
                ).format(date=when, time=at)
            )
            lines.append(
                self.tr("It may have been delivered: check with the client before sending again.")
            )
            # last_error only says how the link broke: the engine's words, not for users.
        if server_said(reply):
            lines.append(self.tr("Server reply: {reply}").format(reply=server_words(reply)))
        lines.append(self.tr("To: {addresses}").format(addresses=addresses_text(pending.to_addrs)))
        if pending.cc_addrs:
            lines.append(
                self.tr("Cc: {addresses}").format(addresses=addresses_text(pending.cc_addrs))
            )
        return lines

    def _platform_pending_lines(self, pending: PendingSend) -> list[str]:
        """A deposit on the platform still in the outbox, or refused by it."""
        when, at = _date_and_time(pending.since)
        lines: list[str] = []
        if pending.state == OutboxState.SENDING:
            lines.append(self.tr("Being deposited on the platform now"))
        elif pending.state == OutboxState.HELD:
            lines.append(self.tr("On hold since {date} at {time}").format(date=when, time=at))
            lines += self.hold_lines(pending.hold_reason, pending.next_attempt_at)
        elif pending.state == OutboxState.RETRY_WAIT:
            lines.append(
                self.tr(
                    "Waiting in the outbox: the platform could not take it; it will be tried again."
                )
            )
            if pending.next_attempt_at is not None:
                next_date, next_time = _date_and_time(pending.next_attempt_at)
                lines.append(
                    self.tr("Next attempt on {date} at {time}").format(
                        date=next_date, time=next_time
                    )
                )
        elif pending.state == OutboxState.QUEUED:
            lines.append(
                self.tr("Waiting in the outbox since {date} at {time}").format(date=when, time=at)
            )
        elif pending.state == OutboxState.FAILED:
            lines.append(
                self.tr("Refused by the platform on {date} at {time}").format(date=when, time=at)
            )
        else:
            lines.append(
                self.tr("Outcome uncertain since {date} at {time}").format(date=when, time=at)
            )
        if pending.last_reply and pending.state in (OutboxState.FAILED, OutboxState.RETRY_WAIT):
            lines.append(
                self.tr("Platform's answer: {reply}").format(reply=safe_text(pending.last_reply))
            )
        if pending.to_addrs:
            lines.append(self.tr("Client's SIREN: {siren}").format(siren=pending.to_addrs))
        return lines

    def hold_lines(self, reason: HoldReason | None, until: datetime | None = None) -> list[str]:
        """Why a message waits for the user, and what makes it leave (``until``: when the
        provider's daily limit lets it)."""
        resume = self.tr("It leaves when you resume sending in the outbox.")
        if reason == HoldReason.DAILY_LIMIT:
            lines = [self.tr("Your mail provider's daily limit was reached.")]
            if until is not None:
                when, at = _date_and_time(until)
                lines.append(
                    self.tr(
                        "It leaves on its own on {date} at {time} while Facturier is open "
                        "(unless automatic retries are off), or when you resume sending then."
                    ).format(date=when, time=at)
                )
            return lines
        if reason == HoldReason.STOPPED:
            return [self.tr("You stopped the sending."), resume]
        if reason == HoldReason.LATER:
            return [self.tr("Prepared to be sent later."), resume]
        if reason == HoldReason.SETTINGS:
            return [
                self.tr(
                    "The mail server refused the mail settings (login, password or certificate)."
                ),
                self.tr("Check the mail settings, then resume sending in the outbox."),
            ]
        if reason == HoldReason.ADDRESS_CHANGED:
            return [
                self.tr("The client's e-mail addresses changed since it was prepared."),
                self.tr("In the outbox, prepare it again or send it as it is."),
            ]
        return [resume]

    def refused_lines(self, refused: Sequence[Recipient]) -> list[str]:
        """ "Address refused by the server:" then one line per address with its reason."""
        heading = (
            self.tr("Address refused by the server:")
            if len(refused) == 1
            else self.tr("Addresses refused by the server:")
        )
        return [heading, *(BULLET + refusal_text(r) for r in refused)]

    def _refusals_lines(self, pending: PendingSend, sent_at: datetime) -> list[str]:
        when, at = _date_and_time(sent_at)
        delivered = [r.address for r in pending.recipients if r.client and r.accepted]
        lines = [self.tr("Sent on {date} at {time}").format(date=when, time=at)]
        if delivered:
            lines.append(
                self.tr("Delivered to: {addresses}").format(addresses=", ".join(delivered))
            )
        lines += self.refused_lines(pending.client_refusals)
        lines.append(self.tr("Check the client's e-mail addresses in their record."))
        return lines


TEXTS = EnvelopeTexts()
