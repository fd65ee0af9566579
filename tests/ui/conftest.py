"""GUI tests: SQLite files only (the PostgreSQL matrix is the services' job), English UI
with its plural forms unless a test switches to French."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui.i18n import install_translators
from ui.tasks import Task


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
