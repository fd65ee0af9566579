"""The provider's daily limit in words: what leaves now, and when the rest will.

« 480 messages partiront aujourd'hui ; les 120 autres seront envoyés demain à partir de
09:14 (limite de votre fournisseur : 500 messages par jour). » The figures come from
``app.services.sending_limits.batch_forecast``, computed in the background.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QObject

from app.services.sending_limits import BatchForecast
from ui.models.envelope import local_datetime


class DailyLimitWords(QObject):
    """Sentences of the provider's daily limit (translation context "DailyLimitWords")."""

    def when(self, at: datetime, today: QDate | None = None) -> str:
        """ "tomorrow from 09:14", "today from 21:05", "on 05/12 from 09:14"."""
        local = local_datetime(at)
        today = today or QDate.currentDate()
        time = QLocale().toString(local.time(), QLocale.FormatType.ShortFormat)
        if local.date() == today:
            return self.tr("today from {time}").format(time=time)
        if local.date() == today.addDays(1):
            return self.tr("tomorrow from {time}").format(time=time)
        day = QLocale().toString(local.date(), QLocale.FormatType.ShortFormat)
        return self.tr("on {day} from {time}").format(day=day, time=time)

    def limit(self, forecast: BatchForecast) -> str:
        """ "500 messages a day", "10,000 recipients a day", or both."""
        parts = []
        if forecast.messages_per_day:
            parts.append(self.tr("%Ln message(s) a day", "", forecast.messages_per_day))
        if forecast.recipients_per_day:
            parts.append(self.tr("%Ln recipient(s) a day", "", forecast.recipients_per_day))
        if len(parts) == 2:
            return self.tr("{first} and {second}").format(first=parts[0], second=parts[1])
        return "".join(parts)

    def batch(self, forecast: BatchForecast, today: QDate | None = None) -> str:
        """What the confirmation dialog says; "" when the whole batch leaves now."""
        plan = forecast.plan
        if not plan.later or plan.later_at is None:
            return ""
        when = self.when(plan.later_at, today)
        limit = self.tr("(your provider's limit: {limit}).").format(limit=self.limit(forecast))
        if plan.now:
            first = self.tr("%n message(s) will leave today;", "", plan.now)
            rest = self.tr("the other %n will be sent {when}", "", plan.later).format(when=when)
            return f"{first} {rest} {limit}"
        reached = self.tr(
            "Your provider's daily limit is reached: the %n message(s) will be sent {when}",
            "",
            plan.later,
        ).format(when=when)
        return f"{reached} {limit}"
