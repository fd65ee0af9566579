"""`facturier self-check`: what the package smoke test runs on the installed program."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import cli
from ui import self_check
from ui.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_self_check_passes_and_says_what_it_checked(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["self-check"]) == 0
    out = capsys.readouterr().out
    for step in ("Qt:", "resources:", "database:", "main window:", "demo:", "PDF:"):
        assert f"ok      {step}" in out, out
    assert "rendered and archived" in out
    assert "Self-check passed" in out


def test_a_missing_resource_fails_with_its_name(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = ("fonts", "NoSuchFont.ttf")
    monkeypatch.setattr(self_check, "REQUIRED_RESOURCES", (*self_check.REQUIRED_RESOURCES, missing))
    assert main(["self-check"]) == self_check.EXIT_FAILED
    captured = capsys.readouterr()
    assert "FAILED  resources" in captured.err
    assert "NoSuchFont.ttf" in captured.err
    assert "Self-check failed." in captured.err
    assert "ok      database" not in captured.out  # it stops at the first failure


def test_a_database_that_cannot_be_created_fails_with_a_sentence(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    def refuse(self: object) -> str:
        from app.errors import ReadOnlyDatabaseError

        raise ReadOnlyDatabaseError("read-only", path=str(tmp_path))

    monkeypatch.setattr(self_check._Checker, "database", refuse)
    assert main(["self-check"]) == self_check.EXIT_FAILED
    err = capsys.readouterr().err
    assert "FAILED  database" in err
    assert "cannot be written to" in err  # ui.messages' sentence, not a traceback
    assert "Traceback" not in err


def test_the_core_cli_alone_refuses_self_check(capsys: pytest.CaptureFixture[str]) -> None:
    """app/ never imports Qt: without ui's hook the command cannot run."""
    assert cli.main(["self-check"]) == cli.EXIT_USAGE
    assert "graphical interface" in capsys.readouterr().err


def test_self_check_runs_as_a_program_without_a_display(tmp_path: Path) -> None:
    """As the smoke test runs it: a new process, no DISPLAY, no QT_QPA_PLATFORM."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "self-check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "platform offscreen" in result.stdout
    assert list(tmp_path.iterdir()) == []  # the temporary folder is gone
