"""The program's icons: one SVG set in ``resources/icons``, loaded here only.

Every icon is drawn on the same grid and in the same hand, so that they look like one set
at 20 px in a table and at 200 % scaling (SVG: Qt renders them at the size shown):

- a 24×24 ``viewBox``; shapes inside 2–22, strokes 1.5 wide with round joins and caps;
- the body filled light (``#f3f6fa``) and outlined slate (``#46566b``): a light sticker
  with a dark edge reads on a light window and on a dark one alike, which is why the
  colours are fixed (Qt's SVG renderer has no ``currentColor`` to follow the palette);
- meaning in one accent colour: blue ``#2f6fd0`` (to do, information), green ``#2e8b47``
  (done, paid), red ``#cf3a2f`` (failed, refused), amber ``#d98a00`` (look at it), grey
  ``#6b7785`` (paused); a state is a round badge at the bottom right with a white ring.

The folder is registered as Qt's ``icons:`` search path; ``app.resources`` finds it in
the source tree, the installed package and the PyInstaller bundle alike.
"""

from __future__ import annotations

from PySide6.QtCore import QDir, QObject
from PySide6.QtGui import QAction, QIcon

from app.resources import resource_path

GRID = "0 0 24 24"  # every icon's viewBox
SEARCH_PATH = "icons"

# A kind's icon, by its code; a kind without one of its own gets KIND_FALLBACK.
KIND_ICONS = {
    "invoice": "kind-invoice",
    "quote": "kind-quote",
    "order": "kind-order",
    "delivery": "kind-delivery",
    "credit_note": "kind-credit-note",
    "reminder": "kind-reminder",
}
KIND_FALLBACK = "kind-document"

# The navigation's pages that are not a kind's report.
PAGE_ICONS = {
    "clients": "nav-clients",
    "outbox": "nav-outbox",
    "reminders": "kind-reminder",
}

# Actions made without an icon get theirs here, by object name (apply_action_icons).
ACTION_ICONS = {
    "newDocumentAction": "action-new",
    "editDocumentAction": "action-open",
    "duplicateDocumentAction": "action-duplicate",
    "convertDocumentAction": "action-convert",
    "previewDocumentAction": "action-preview",
    "creditNoteAction": "kind-credit-note",
    "markPaidAction": "action-mark-paid",
    "recurrenceAction": "action-recurrence",
    "deleteDraftAction": "action-delete",
    "documentClientAction": "nav-clients",
    "settingsAction": "action-settings",
    "exportAction": "action-export",
    "newClientAction": "client-new",
    "editClientAction": "action-open",
    "deleteClientAction": "action-delete",
    "importClientsAction": "action-import",
    "clientStatementAction": "action-statement",
}

_loaded: dict[str, QIcon] = {}


def icons_folder() -> str:
    return str(resource_path("icons"))


def _register() -> None:
    if icons_folder() not in QDir.searchPaths(SEARCH_PATH):
        QDir.addSearchPath(SEARCH_PATH, icons_folder())


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``, loaded once."""
    found = _loaded.get(name)
    if found is None:
        _register()
        found = _loaded[name] = QIcon(f"{SEARCH_PATH}:{name}.svg")
    return found


def kind_icon(kind: str) -> QIcon:
    """A document kind's icon (a kind registered without one: a plain page)."""
    return icon(KIND_ICONS.get(str(kind), KIND_FALLBACK))


def page_icon(key: str) -> QIcon:
    """The navigation's icon of a page: a kind's report, or clients, outbox, reminders."""
    return icon(PAGE_ICONS[key]) if key in PAGE_ICONS else kind_icon(key)


def apply_action_icons(root: QObject) -> None:
    """Give the actions under ``root`` that have none their icon of ACTION_ICONS."""
    for action in root.findChildren(QAction):
        name = ACTION_ICONS.get(action.objectName())
        if name and action.icon().isNull():
            action.setIcon(icon(name))


def icon_names() -> set[str]:
    """Every icon name this module hands out."""
    return {
        *KIND_ICONS.values(),
        KIND_FALLBACK,
        *PAGE_ICONS.values(),
        *ACTION_ICONS.values(),
    }
