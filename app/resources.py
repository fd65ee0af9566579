"""Locating the program's files: those shipped in the top-level ``resources`` package,
and this workstation's own settings file (``config_path``).

Fonts, icons and translations live in ``resources/`` beside ``app/`` (a package, so that
it is installed with the wheel). When the application is frozen by PyInstaller, the
data files are unpacked under ``sys._MEIPASS`` and the spec file copies the package
directory there as ``resources/``.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

PACKAGE = "resources"
APP_NAME = "Facturier"  # the folders' name (platformdirs)


@cache
def resources_dir() -> Path:
    """The directory holding the ``resources`` package's files."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        candidate = Path(bundle) / PACKAGE
        if candidate.is_dir():
            return candidate
    # lazy: not for speed (it is empty) but so that the frozen bundle, which ships
    # resources/ as plain files (packaging/bundle_filter.py), never imports it
    import resources  # the package itself; a plain directory on disk

    return Path(resources.__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Path of a shipped file, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``.

    The path is returned whether or not the file exists; opening it tells.
    """
    for part in parts:
        if Path(part).is_absolute() or ".." in Path(part).parts:
            raise ValueError(f"resource path parts must be relative: {part!r}")
    return resources_dir().joinpath(*parts)


def config_path() -> Path:
    """This workstation's own settings (which database to open); not in the database."""
    given = os.environ.get("FACTURIER_CONFIG")
    if given:
        return Path(given)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"
