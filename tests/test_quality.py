"""The house rules a machine can check: lint, formatting, types, layer contracts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["app", "ui", "tests", "packaging"]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def existing(paths: list[str]) -> list[str]:
    return [p for p in paths if (ROOT / p).exists()]


def test_ruff_lint() -> None:
    result = run(tool("ruff"), "check", *existing(SOURCES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = run(tool("ruff"), "format", "--check", *existing(SOURCES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts() -> None:
    result = run(tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 7 kept, 0 broken" in result.stdout  # pyproject.toml's, all checked


def test_no_dead_code() -> None:
    """vulture over app and ui; what it cannot see used is in tests/vulture_whitelist.py
    (framework hooks, reflection, the widgets' test API). Migrations are Alembic's."""
    result = run(
        tool("vulture"),
        "app",
        "ui",
        "tests/vulture_whitelist.py",
        "--min-confidence",
        "60",
        "--exclude",
        "app/db/migrations",
    )
    assert result.returncode == 0, result.stdout + result.stderr
