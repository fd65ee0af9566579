"""The icon set: every file a valid SVG on the same grid, every name the program uses
shipped, and the template list, the navigation and the report's envelopes showing them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from app.domain.kinds import registered_kinds
from app.domain.templates import DEFAULT_TEMPLATES
from app.resources import resource_path
from app.services.database import Database
from app.services.reports import EnvelopeState
from tests.ui.report_loading import wait_report_loaded
from tests.unit.test_reports import make_client, make_document
from ui import icons
from ui.dialogs.settings_templates import TemplatesPage
from ui.main import create_main_window
from ui.models.document_table import Column
from ui.models.envelope import envelope_icon

APP_ICON = "facturier.svg"  # the program's own icon: a 256 px tile, not of the set
UI = Path(__file__).resolve().parents[2] / "ui"
USED = re.compile(r"""\bicon\(\s*["']([a-z0-9-]+)["']""")  # icon("search")
# Names kept in tables (state → icon): every string that looks like one of the set's.
PREFIXES = "envelope|platform|outbox|kind|action|nav|state|problem|client"
NAMED = re.compile(rf"""["']((?:{PREFIXES})-[a-z-]+)["']""")


def set_files() -> list[Path]:
    return sorted(p for p in resource_path("icons").glob("*.svg") if p.name != APP_ICON)


@pytest.mark.parametrize("path", set_files(), ids=lambda p: p.stem)
def test_every_icon_is_an_svg_on_the_grid(path: Path) -> None:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    root = ET.parse(path).getroot()
    assert root.get("viewBox") == icons.GRID
    assert (root.get("width"), root.get("height")) == ("24", "24")
    assert root.find("{http://www.w3.org/2000/svg}title") is not None  # what it shows


def names_used_in_ui() -> set[str]:
    names = set(icons.icon_names())
    for source in UI.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        names.update(USED.findall(text), NAMED.findall(text))
    return names


def test_every_icon_name_used_exists(qapp: object) -> None:
    shipped = {p.stem for p in set_files()}
    used = names_used_in_ui()
    assert used >= {"envelope-sent", "kind-invoice", "action-new", "state-success"}  # found
    assert used <= shipped, used - shipped
    for name in used:
        loaded = icons.icon(name)
        assert not loaded.isNull()
        assert not loaded.pixmap(QSize(48, 48)).isNull()  # 200 %: drawn, not scaled up


def test_every_kind_and_envelope_state_has_an_icon(qapp: object) -> None:
    for kind in registered_kinds():
        assert str(kind) in icons.KIND_ICONS
        assert not icons.kind_icon(kind).isNull()
    assert not icons.kind_icon("no-such-kind").isNull()  # a plain page
    for state in EnvelopeState:
        shown = envelope_icon(state)
        assert shown is None or not shown.isNull()


def test_template_list_navigation_and_report_show_icons(
    qtbot: QtBot, db: Database, db_path: Path
) -> None:
    page = TemplatesPage({kind: DEFAULT_TEMPLATES[kind] for kind in registered_kinds()})
    qtbot.addWidget(page)
    for row in range(page.kind_list.count()):
        assert not page.kind_list.item(row).icon().isNull()

    client = make_client(db, "Boulangerie Martin")
    make_document(db, client, sent_at=datetime(2026, 3, 4, 14, 7), sent_to="compta@example.fr")
    window = create_main_window(str(db_path))
    qtbot.addWidget(window)
    window.show()
    wait_report_loaded(qtbot, window.report_view)
    for row in range(window.navigation.count()):
        assert not window.navigation.item(row).icon().isNull()
    model = window.report_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    envelope = model.data(model.index(0, Column.ENVELOPE), Qt.ItemDataRole.DecorationRole)
    assert isinstance(envelope, QIcon) and not envelope.isNull()
    documents = window.report_view.documents
    for action in (documents.new_action, documents.preview_action, window.settings_action):
        assert not action.icon().isNull()
    window.close()
