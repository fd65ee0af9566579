"""How the user interface shows e-mail states: icons, dates and tooltip sentences.

Shared by the report's envelope column and the Information dialog. Dates and times are
stored as naive UTC; they are shown in local time, in the locale's short format
(``28/11/2026 14:05`` on a French system).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, QTime, QTimeZone
from PySide6.QtGui import QIcon

from app.domain.outbox import OutboxState
from app.resources import resource_path
from app.services.reports import EnvelopeState, PendingSend, ReportRow, split_addresses

_ENVELOPE_ICONS = {
    EnvelopeState.SENT: "envelope-sent",
    EnvelopeState.WAITING: "envelope-waiting",
    EnvelopeState.FAILED: "envelope-failed",
    EnvelopeState.UNCERTAIN: "envelope-uncertain",
}
_icons: dict[str, QIcon] = {}
MAX_REPLY = 300  # characters of a server reply shown in a tooltip


def icon(name: str) -> QIcon:
    """An icon of ``resources/icons`` (SVG: sharp at any size), loaded once."""
    found = _icons.get(name)
    if found is None:
        found = _icons[name] = QIcon(str(resource_path("icons", f"{name}.svg")))
    return found


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


def _date_and_time(value: datetime) -> tuple[str, str]:
    local = local_datetime(value)
    locale = QLocale()
    return (
        locale.toString(local.date(), QLocale.FormatType.ShortFormat),
        locale.toString(local.time(), QLocale.FormatType.ShortFormat),
    )


def addresses_text(addresses: str) -> str:
    return ", ".join(split_addresses(addresses))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_REPLY else text[: MAX_REPLY - 1] + "…"


class EnvelopeTexts(QObject):
    """The sentences of the envelope column (one instance, ``TEXTS``)."""

    def state_name(self, state: EnvelopeState) -> str:
        names = {
            EnvelopeState.NONE: self.tr("Not sent yet"),
            EnvelopeState.SENT: self.tr("E-mailed"),
            EnvelopeState.WAITING: self.tr("Waiting in the outbox"),
            EnvelopeState.FAILED: self.tr("Sending failed"),
            EnvelopeState.UNCERTAIN: self.tr("Outcome uncertain"),
        }
        return names[state]

    def tooltip(self, row: ReportRow) -> str:
        """When and to whom the document was sent, or why it is waiting or failed."""
        lines: list[str] = []
        if row.pending is not None:
            lines += self.pending_lines(row.pending)
            if row.sent_at is not None:
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
        return "\n".join(lines)

    def last_sent(self, sent_at: datetime, sent_to: str) -> str:
        when, at = _date_and_time(sent_at)
        if not sent_to:
            return self.tr("Last sent on {date} at {time}").format(date=when, time=at)
        return self.tr("Last sent on {date} at {time} to {addresses}").format(
            date=when, time=at, addresses=addresses_text(sent_to)
        )

    def pending_lines(self, pending: PendingSend) -> list[str]:
        when, at = _date_and_time(pending.since)
        reason = _short(pending.last_reply or pending.last_error)
        lines: list[str] = []
        if pending.state == OutboxState.SENDING:
            lines.append(self.tr("Being sent now"))
        elif pending.state == OutboxState.RETRY_WAIT:
            lines.append(
                self.tr("Waiting in the outbox: the mail server asked to try again later.")
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
            lines.append(self.tr("Sending failed on {date} at {time}").format(date=when, time=at))
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
            reason = _short(pending.last_reply)  # last_error only says the link broke
        if reason:
            lines.append(self.tr("Server reply: {reply}").format(reply=reason))
        lines.append(self.tr("To: {addresses}").format(addresses=addresses_text(pending.to_addrs)))
        if pending.cc_addrs:
            lines.append(
                self.tr("Cc: {addresses}").format(addresses=addresses_text(pending.cc_addrs))
            )
        return lines


TEXTS = EnvelopeTexts()
