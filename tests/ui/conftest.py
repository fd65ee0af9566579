"""GUI tests: SQLite files only (the PostgreSQL matrix is the services' job), English UI
with its plural forms unless a test switches to French."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.services.database import open_database
from app.services.demo import fill_demo
from tests.ui.fresh_catalogues import use_language
from ui.i18n import install_translators
from ui.tasks import Task

DEMO_TODAY = date(2026, 11, 27)  # the demo's "today": its due dates and statuses stay put


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, made once per module (each validated document renders its PDF); a module
    copies the file for each test. Modules that want another demo define their own."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    template = open_database(str(path))
    try:
        fill_demo(template, clients=12, documents=60, today=DEMO_TODAY)
    finally:
        template.dispose()  # checkpointed: the file alone is the whole database
    return path


@pytest.fixture
def db_url(db_path: Path) -> str:
    return str(db_path)


@pytest.fixture(autouse=True)
def english_catalogue(qapp: QApplication) -> None:
    """Each test starts in English, whatever the one before switched to."""
    install_translators(qapp, "en")


@pytest.fixture(autouse=True)
def no_task_left_running() -> Iterator[None]:
    yield
    assert Task.wait_all(30_000), "a background task did not stop"


@pytest.fixture(autouse=True)
def window_memory(tmp_path: Path) -> None:
    """Remembered window sizes and column widths in the test's own folder: no test
    reopens a window as another left it."""
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "window-memory")
    )


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The window in French, as users get it (widget texts and the core's explanations of
    server replies); English again afterwards."""
    use_language(qapp, "fr")
    yield
    use_language(qapp, "en")
