"""The names of the reform's lifecycle statuses in the window (the command line has its
own table: app.platform_text)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.domain.platform import Lifecycle, lifecycle_of


class PlatformTexts(QObject):
    """One instance, ``PLATFORM_TEXTS``: the translator is asked each time, so a language
    switch shows at once."""

    def status_name(self, code: str) -> str:
        names = {
            Lifecycle.DEPOSITED: self.tr("Deposited"),
            Lifecycle.ISSUED: self.tr("Issued by the platform"),
            Lifecycle.RECEIVED: self.tr("Received by the platform"),
            Lifecycle.MADE_AVAILABLE: self.tr("Made available"),
            Lifecycle.TAKEN_IN_CHARGE: self.tr("Taken in charge"),
            Lifecycle.APPROVED: self.tr("Approved"),
            Lifecycle.PARTLY_APPROVED: self.tr("Partly approved"),
            Lifecycle.DISPUTED: self.tr("Disputed"),
            Lifecycle.SUSPENDED: self.tr("Suspended"),
            Lifecycle.COMPLETED: self.tr("Completed"),
            Lifecycle.REFUSED: self.tr("Refused"),
            Lifecycle.PAYMENT_SENT: self.tr("Payment sent"),
            Lifecycle.CASHED: self.tr("Cashed"),
            Lifecycle.REJECTED: self.tr("Rejected"),
        }
        status = lifecycle_of(code)
        if status is None:
            return self.tr("Status {code}").format(code=code)
        return names[status]


PLATFORM_TEXTS = PlatformTexts()
