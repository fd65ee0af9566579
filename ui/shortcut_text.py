"""Shortcuts as the system writes them, in tooltips: "New (Ctrl+N)"."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence


def native_keys(keys: str | QKeySequence) -> str:
    """The keys as the system writes them ("Ctrl+N", "⌘N" on a Mac)."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def shortcut_hint(keys: str | QKeySequence) -> str:
    """ "(Ctrl+N)": the keys in brackets, to end a tooltip."""
    return f"({native_keys(keys)})"


def show_shortcuts_in_tooltips(actions: Iterable[QAction]) -> None:
    """Each action's tooltip ends with its shortcut, unless it already names it."""
    for action in actions:
        keys = native_keys(action.shortcut())
        if not keys:
            continue
        tip = action.toolTip() or action.text().replace("&", "")
        if keys not in tip:
            action.setToolTip(f"{tip} ({keys})")
