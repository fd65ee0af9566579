"""A keyring backend in a JSON file, for tests that run the program as a process.

``PYTHON_KEYRING_BACKEND=tests.file_keyring.FileKeyring`` makes keyring load it in the child
process (keyring's own mechanism), and ``FACTURIER_TEST_KEYRING`` names the file: the child
then stores and reads secrets through the real ``keyring`` API, and the test can read them
too. Never the user's real keyring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend

PATH_ENV = "FACTURIER_TEST_KEYRING"
BACKEND = "tests.file_keyring.FileKeyring"


class FileKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def _path(self) -> Path:
        return Path(os.environ[PATH_ENV])

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return dict(data)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}\n{username}", None)
        self._path().write_text(json.dumps(data), encoding="utf-8")
