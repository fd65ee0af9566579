"""The one unsaved-changes rule every editor's reject() follows (ui.dialogs.unsaved)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ui.dialogs.unsaved import confirm_discard

Button = QMessageBox.StandardButton


def test_confirm_discard_closes_only_when_clean_or_discarded() -> None:
    saved: list[bool] = []

    def never() -> Button:
        raise AssertionError("nothing changed: no question")

    assert confirm_discard(False, never, lambda: saved.append(True))
    assert confirm_discard(True, lambda: Button.Discard, lambda: saved.append(True))
    assert not confirm_discard(True, lambda: Button.Cancel, lambda: saved.append(True))
    assert saved == []
    # Save saves and leaves the closing to the editor (it closes once saved).
    assert not confirm_discard(True, lambda: Button.Save, lambda: saved.append(True))
    assert saved == [True]
