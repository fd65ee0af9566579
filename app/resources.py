"""Locating the files shipped in the top-level ``resources`` package.

Fonts, icons and translations live in ``resources/`` beside ``app/`` (a package, so that
it is installed with the wheel). When the application is frozen by PyInstaller, the
data files are unpacked under ``sys._MEIPASS`` and the spec file copies the package
directory there as ``resources/``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

PACKAGE = "resources"


@cache
def resources_dir() -> Path:
    """The directory holding the ``resources`` package's files."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        candidate = Path(bundle) / PACKAGE
        if candidate.is_dir():
            return candidate
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
