"""Writing files without ever destroying data: the one way the program writes a file.

- The bytes go to a temporary file in the target's folder, are flushed to the disk, then
  the temporary file takes the target's name in one step (a rename): a crash or a full disk
  leaves the old file whole, never half a file.
- A database is never a target, even with ``force``: the open database, its ``-wal``,
  ``-shm`` and ``-journal`` files and its backups (the caller's ``guard`` knows their
  names), nor any file that starts like a SQLite database.
- An existing file is replaced only with ``force`` (a file that appears while we write is
  not replaced either); the replacement keeps the old file's mode. Folders, devices and
  other special files are refused.
- A full disk is a ``DiskFullError`` naming the folder, the free space and what was needed.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from app.errors import FacturierError

PRIVATE = 0o600  # readable and writable by this user only (POSIX)
PRIVATE_FOLDER = 0o700
SQLITE_MAGIC = b"SQLite format 3\x00"
TEMPORARY_SUFFIX = ".part"

# A guard says why a path must never be written ("database", "backup") or None.
Guard = Callable[[Path], "str | None"]


# --- errors (phrased by app/cli_text.py and the window) ----------------------------------


class FileError(FacturierError):
    """Writing ``data['path']`` was refused or failed; nothing was written."""

    code = "file"


class FileExistsRefusedError(FileError):
    code = "file.exists"


class ProtectedFileError(FileError):
    """``data['what']``: "database" or "backup"; refused even with ``force``."""

    code = "file.protected"


class NotAFileError(FileError):
    """``data['kind']``: "folder" or "special" (a device, a pipe…)."""

    code = "file.not_regular"


class MissingFolderError(FileError):
    """``data['folder']`` does not exist (or is not a folder)."""

    code = "file.no_folder"


class FileWriteError(FileError):
    """The system refused: ``data['system']`` (its words), ``data['errno']`` (EACCES, …)."""

    code = "file.write"


class DiskFullError(FacturierError):
    """No room: ``data['folder']`` is where space is missing, ``data['free']`` and
    ``data['needed']`` are byte counts (``free_text``/``needed_text``: readable sizes)."""

    code = "disk_full"


# --- free space ---------------------------------------------------------------------------


def free_space(folder: Path) -> int:
    """Bytes this user may still write in ``folder`` (or its nearest existing parent)."""
    place = folder
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        return shutil.disk_usage(place).free
    except OSError:
        return -1  # unknown


def readable_size(count: int) -> str:
    """1 234 567 -> "1.2 MB" (decimal units, as file managers show them)."""
    if count < 0:
        return "?"
    size = float(count)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} TB"  # pragma: no cover - the loop returns at GB


def disk_full(
    folder: Path, needed: int, error_type: type[DiskFullError] = DiskFullError, **data: object
) -> DiskFullError:
    free = free_space(folder)
    return error_type(
        "disk full",
        folder=str(folder),
        free=free,
        needed=needed,
        free_text=readable_size(free),
        needed_text=readable_size(needed),
        **data,
    )


def is_disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


# --- refusing ---------------------------------------------------------------------------


def target_of(path: Path) -> Path:
    """The file really written: a symbolic link is followed (its target is replaced)."""
    path = Path(path).expanduser()
    return path.resolve() if path.is_symlink() else path.absolute()


def check_target(
    path: Path, *, force: bool = False, guard: Guard | None = None, allow_database: bool = False
) -> Path:
    """The file to write (links followed), or a typed refusal; nothing is written.
    ``allow_database``: only for putting a backup back in place of a database."""
    given = Path(path).expanduser()
    target = target_of(given)
    for candidate in dict.fromkeys((given.absolute(), target)):
        what = guard(candidate) if guard is not None else None
        if what:
            raise ProtectedFileError(what, path=str(given), what=what, reason=what)
    folder = target.parent
    if not folder.is_dir():
        raise MissingFolderError(str(folder), path=str(given), folder=str(folder))
    if not _writable(folder):
        raise _write_error(PermissionError(errno.EACCES, os.strerror(errno.EACCES)), given)
    try:
        info = target.stat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise _write_error(exc, given) from exc
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError("folder", path=str(given), kind="folder", reason="folder")
    if not stat.S_ISREG(info.st_mode):
        raise NotAFileError("special", path=str(given), kind="special", reason="special")
    if not allow_database and _is_sqlite(target):
        raise ProtectedFileError("database", path=str(given), what="database", reason="")
    if not force:
        raise FileExistsRefusedError(str(given), path=str(given))
    if not _writable(target):  # read-only: its owner does not want it changed
        raise _write_error(PermissionError(errno.EACCES, os.strerror(errno.EACCES)), given)
    return target


def _writable(path: Path) -> bool:
    """Writable for us *and* not marked read-only by its owner (root ignores the bits)."""
    mode = path.stat().st_mode
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _write_error(exc: OSError, path: Path, needed: int = 0) -> FacturierError:
    if is_disk_full(exc):
        return disk_full(target_of(path).parent, needed, path=str(path))
    name = errno.errorcode.get(exc.errno or 0, "")
    return FileWriteError(
        str(exc), path=str(path), system=exc.strerror or str(exc), errno=name, reason=name
    )


# --- writing ----------------------------------------------------------------------------


@contextmanager
def replacing(
    path: Path,
    *,
    force: bool = False,
    guard: Guard | None = None,
    mode: int | None = None,
    needed: int = 0,
    allow_database: bool = False,
) -> Iterator[Path]:
    """A temporary file beside ``path`` to fill (by any means: a SQLite backup, bytes…);
    when the block ends without error it becomes ``path``, else it is removed.

    ``mode``: the new file's permissions; None keeps those of the file replaced, or gives
    a new file the usual ones (0666 less the umask). ``needed``: bytes about to be written,
    checked against the free space first.
    """
    target = check_target(path, force=force, guard=guard, allow_database=allow_database)
    folder = target.parent
    if needed:
        free = free_space(folder)
        if 0 <= free < needed:
            raise disk_full(folder, needed, path=str(path))
    # None: a new file gets the usual mode (0666 less the umask, applied by the system).
    final_mode = mode if mode is not None else _mode_of(target)
    try:
        temporary = _temporary(folder, target.name, final_mode)
    except OSError as exc:
        raise _write_error(exc, path, needed) from exc
    try:
        try:
            yield temporary
            if os.name == "posix" and final_mode is not None:
                os.chmod(temporary, final_mode)
            _sync(temporary)
            _commit(temporary, target, replace=force, guard=guard, given=Path(path))
        except OSError as exc:
            raise _write_error(exc, path, needed) from exc
    finally:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
    _sync_folder(folder)


def write_file(
    path: Path,
    data: bytes,
    *,
    force: bool = False,
    guard: Guard | None = None,
    mode: int | None = None,
) -> Path:
    """Write ``data`` whole to ``path`` (see ``replacing``); returns the path written."""
    with replacing(path, force=force, guard=guard, mode=mode, needed=len(data)) as temporary:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
        try:
            view = memoryview(data)
            while view:
                written = os.write(descriptor, view)
                view = view[written:]
        finally:
            os.close(descriptor)
    return Path(path)


def make_private_folder(folder: Path) -> Path:
    """A folder only this user may enter (created if needed; an existing one is kept)."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    return folder


def _commit(
    temporary: Path, target: Path, *, replace: bool, guard: Guard | None, given: Path
) -> None:
    if replace:
        os.replace(temporary, target)
        return
    # Never replace a file that appeared meanwhile: a hard link fails if the name exists.
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise FileExistsRefusedError(str(given), path=str(given)) from None
    except OSError as exc:
        if exc.errno not in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EXDEV,
            errno.EMLINK,
            errno.ENOSYS,
        ):
            raise
        # No hard links on this file system (FAT, some network shares).
        if target.exists():
            raise FileExistsRefusedError(str(given), path=str(given)) from None
        os.rename(temporary, target)  # Windows: refuses an existing name too
        return
    temporary.unlink()


def _mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _temporary(folder: Path, name: str, mode: int | None) -> Path:
    """A new empty file ".<name>.<random>.part" in ``folder``, created with ``mode`` (or
    0666 less the umask), so that it is never readable by others when it must not be."""
    for _attempt in range(100):
        candidate = folder / f".{name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
        try:
            descriptor = os.open(
                candidate,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                0o666 if mode is None else mode,
            )
        except FileExistsError:
            continue
        os.close(descriptor)
        return candidate
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    if os.name != "posix":
        return
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
