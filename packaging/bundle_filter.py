"""What the frozen build ships (facturier.spec): our data files, and on Linux, which of the
binaries PyInstaller collected.

Data: every file of resources/ but the package's own code and the translators' sources
(*.ts, *.po, pending/), and Alembic's scripts, which are read from the file system at run time
(app/db/database.py finds them beside its own __file__, i.e. _internal/app/db/migrations).

PyInstaller copies every shared library the program links to, system ones included. For a
Linux package that is wrong for the desktop stack: a bundled libstdc++, fontconfig,
freetype, glib, D-Bus or X11/xcb library from the build machine meets the user's newer
graphics drivers and configuration files and breaks (missing GLIBCXX symbols, unreadable
fonts.conf). Those come from the system instead, declared in the package's Depends
(packaging/linux/control.in; packaging/linux/check-depends.py checks the two agree).

Also left out: Qt plugins the program never uses (the GTK 3 theme alone pulls in cairo,
pango, atk and gdk-pixbuf; EGLFS, VNC, linuxfb, evdev; network information and TLS
backends) and Qt's own translations other than French. Libraries that only the dropped
files needed are dropped with them.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

Entry = tuple[str, str, str]  # PyInstaller TOC entry: (destination, source, type)

QT_PLUGINS_DROPPED = (
    "platformthemes/libqgtk3.so",
    "egldeviceintegrations/",
    "platforms/libqeglfs.so",
    "platforms/libqlinuxfb.so",
    "platforms/libqminimalegl.so",
    "platforms/libqvkkhrdisplay.so",
    "platforms/libqvnc.so",
    "generic/",
    "networkinformation/",
    "tls/",
)

# Sonames taken from the system (see the module's docstring). Wheels' own copies have a
# hash in their names (libxcb-9065bb12.so.1.1.0, Pillow's) and stay.
SYSTEM_LIBRARIES = re.compile(
    r"^lib("
    r"stdc\+\+|gcc_s"
    r"|X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|xcb|xcb-[a-z-]+|xkbcommon|xkbcommon-x11"
    r"|fontconfig|freetype"
    r"|glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0"
    r"|dbus-1|systemd"
    r"|cups"  # printing: the system's CUPS client, with its own TLS and Kerberos stack
    r"|wayland-[a-z]+|EGL|GL|GLX|OpenGL|drm|gbm"
    r")\.so(\.\d+)*$"
)

QT_TRANSLATIONS_KEPT = re.compile(r"^qt(base)?_fr\.qm$")


def shipped_resource(relative: PurePosixPath | Path) -> bool:
    parts = relative.parts
    return not (
        "pending" in parts
        or "__pycache__" in parts
        or relative.suffix in (".py", ".pyc", ".ts", ".po")
    )


def resource_datas(root: Path) -> list[tuple[str, str]]:
    """(source, destination folder) pairs: resources/** to _internal/resources/**."""
    base = root / "resources"
    return [
        (str(path), str(Path("resources") / path.parent.relative_to(base)))
        for path in sorted(base.rglob("*"))
        if path.is_file() and shipped_resource(path.relative_to(base))
    ]


def migration_datas(root: Path) -> list[tuple[str, str]]:
    """Alembic's env.py, script template and versions, as files (not bytecode)."""
    base = root / "app" / "db" / "migrations"
    paths = [*base.glob("*.py"), *base.glob("*.mako"), *(base / "versions").glob("*.py")]
    return [
        (str(path), str(Path("app/db/migrations") / path.parent.relative_to(base)))
        for path in sorted(paths)
    ]


def is_dropped_plugin(destination: str) -> bool:
    path = PurePosixPath(destination).as_posix()
    return "/Qt/plugins/" in path and any(part in path for part in QT_PLUGINS_DROPPED)


def is_system_library(destination: str) -> bool:
    return bool(SYSTEM_LIBRARIES.match(PurePosixPath(destination).name))


def keep_data(entry: Entry) -> bool:
    """Qt's translations: French only (the interface is French or English)."""
    path = PurePosixPath(entry[0])
    if "translations" in path.parts and "Qt" in path.parts:
        return bool(QT_TRANSLATIONS_KEPT.match(path.name))
    return True


def needed(path: str) -> list[str]:
    """The sonames an ELF file links to (its DT_NEEDED entries)."""
    result = subprocess.run(
        ["readelf", "--dynamic", "--wide", path], capture_output=True, text=True, check=False
    )
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", result.stdout)


def _is_root(entry: Entry) -> bool:
    destination, _source, kind = entry
    name = PurePosixPath(destination).name
    return kind == "EXTENSION" or "/Qt/plugins/" in destination or name.startswith("libpython")


def prune_binaries(binaries: Iterable[Entry]) -> list[Entry]:
    """Drop unused Qt plugins and system libraries, then whatever only they needed."""
    kept = [
        entry
        for entry in binaries
        if not is_dropped_plugin(entry[0]) and not is_system_library(entry[0])
    ]
    by_name: dict[str, list[Entry]] = {}
    for entry in kept:
        by_name.setdefault(PurePosixPath(entry[0]).name, []).append(entry)
    reachable: set[Entry] = set()
    todo = [entry for entry in kept if _is_root(entry)]
    while todo:
        entry = todo.pop()
        if entry in reachable:
            continue
        reachable.add(entry)
        for soname in needed(entry[1]):
            todo.extend(by_name.get(soname, []))
    return [entry for entry in kept if entry in reachable]


def drop_dangling_links(datas: Iterable[Entry], binaries: Iterable[Entry]) -> list[Entry]:
    """PyInstaller's SYMLINK entries (e.g. _internal/libQt6Core.so.6) whose target is gone."""
    present = {PurePosixPath(entry[0]).as_posix() for entry in binaries}
    entries = list(datas)
    present |= {PurePosixPath(entry[0]).as_posix() for entry in entries if entry[2] != "SYMLINK"}
    return [
        entry
        for entry in entries
        if entry[2] != "SYMLINK"
        or posixpath.normpath(posixpath.join(posixpath.dirname(entry[0]), entry[1])) in present
    ]
