"""Marking an invoice paid is the payments dialog's "Paid in full" (ui.dialogs.payments);
the old name stays for the callers that knew it."""

from __future__ import annotations

from ui.dialogs.payments import PaymentsDialog as MarkPaidDialog

__all__ = ["MarkPaidDialog"]
