"""`facturier db check | backup | backups | restore`: the database's safety, headless.

Exit status of `db check`: 0 intact, 1 damage found, 2 the check could not run (not a
database, locked, unreachable). The others: 0 done, 2 refused (message on standard error,
nothing written).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from app.db.backups import (
    all_backups,
    backups_folder,
    guard_for,
    latest_backup,
    manual_path,
    online_backup,
    restore,
)
from app.db.preflight import SQLITE_MAGIC, quick_check
from app.domain.smtp_replies import safe_text
from app.errors import NotADatabaseError
from app.files import make_private_folder, readable_size
from app.i18n import _

EXIT_OK = 0
EXIT_DAMAGED = 1
EXIT_USAGE = 2
ACTIONS = frozenset({"check", "backup", "backups", "restore"})
MAX_PROBLEMS = 20


def add_parsers(db_action: argparse._SubParsersAction[Any]) -> None:
    db_action.add_parser(
        "check",
        help="check the database's integrity, read-only (exit status 0: intact, "
        "1: damaged, 2: cannot be checked)",
    )
    backup = db_action.add_parser(
        "backup",
        help="write a consistent, checked copy of a SQLite database, even while Facturier "
        "is running (default: into the database's backups folder)",
    )
    backup.add_argument("--to", type=Path, metavar="FILE", help="where to write the copy")
    backup.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never a database)"
    )
    listing = db_action.add_parser(
        "backups",
        help="list the backups of a SQLite database; --keep N: how many daily automatic "
        "backups this computer keeps (default 7, 0: none)",
    )
    listing.add_argument("--keep", type=_count, metavar="N")
    restore = db_action.add_parser(
        "restore",
        help="put the last good backup (or --from FILE) back in place of the database, "
        "Facturier being closed; the database replaced is kept aside, never deleted",
    )
    restore.add_argument("--from", dest="source", type=Path, metavar="FILE")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("0 or more")
    return value


def run(args: argparse.Namespace) -> int:
    # lazy: app.cli imports this module at start-up; SQLAlchemy would add 0.17 s of CPU
    from app.db.location import resolve_url, sqlite_path

    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is None:
        if args.db_action == "check":
            return _check_server(args.db)
        print(
            _(
                "Backups of a PostgreSQL database are made on its server, with pg_dump "
                "(for example: pg_dump -Fc -f facturier.dump DATABASE) and restored with "
                "pg_restore; Facturier does not make them itself."
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.db_action == "backups":
        return _backups(path, args.keep)
    if not path.is_file():
        if args.db_action == "restore" and args.source is not None:
            return _restore(path, args.source)
        print(
            _("There is no database {path}.").format(path=path),
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.db_action == "check":
        return _check(path)
    if args.db_action == "backup":
        return _backup(path, args.to, args.force)
    return _restore(path, args.source)


# --- check --------------------------------------------------------------------------------


def _check(path: Path) -> int:
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise NotADatabaseError("no SQLite header", path=str(path))
    result = quick_check(path, None, full=True)
    if not result.damaged:
        print(
            _("The database {path} is intact (full check of {size} in {seconds:.1f} s).").format(
                path=path, size=readable_size(path.stat().st_size), seconds=result.seconds
            )
        )
        return EXIT_OK
    print(_("The database {path} is damaged. SQLite found:").format(path=path))
    for problem in result.problems[:MAX_PROBLEMS]:
        print(f"  {safe_text(problem)}")
    backup = latest_backup(path)
    if backup is None:
        advice = _(
            "No automatic backup was found: restore a backup copy of your own. Nothing was changed."
        )
    else:
        advice = _(
            "Last backup: {backup} ({date}). To go back to it, close Facturier and run "
            "'facturier db restore' (the damaged file is kept aside). Nothing was changed."
        ).format(backup=backup, date=_when(backup))
    print(advice)
    return EXIT_DAMAGED


def _check_server(db: str | None) -> int:
    """A server database: every table is read through (the server checks its own files)."""
    # lazy: as run (SQLAlchemy, the models and Alembic: 0.42 s of CPU)
    from sqlalchemy import func, select
    from sqlalchemy.exc import DBAPIError

    from app.db.database import open_database
    from app.db.models import Base

    database = open_database(db, migrate=False)
    rows = 0
    try:
        with database.read() as session:
            for table in Base.metadata.sorted_tables:
                rows += int(session.scalar(select(func.count()).select_from(table)) or 0)
    except DBAPIError as exc:
        state = str(getattr(exc.orig, "sqlstate", "") or "")
        if not state.startswith("XX"):  # XX: internal error, data corrupted
            raise
        print(_("The database is damaged: {detail}").format(detail=safe_text(str(exc.orig))))
        return EXIT_DAMAGED
    finally:
        database.dispose()
    print(
        _(
            "Every table can be read through ({tables} tables, {rows} rows). The server "
            "checks its own files (amcheck, pg_checksums: its administrator's tools)."
        ).format(tables=len(Base.metadata.sorted_tables), rows=rows)
    )
    return EXIT_OK


# --- backup -------------------------------------------------------------------------------


def _backup(path: Path, to: Path | None, force: bool) -> int:
    start = time.monotonic()
    if to is None:
        target = manual_path(path, datetime.now())
        make_private_folder(target.parent)
        online_backup(path, target, check_seconds=None)
    else:
        target = to
        online_backup(
            path, target, force=force, guard=guard_for(path), check_seconds=None, replace_copy=True
        )
    print(
        _("Backup written and checked: {path} ({size}, {seconds:.1f} s).").format(
            path=target, size=readable_size(target.stat().st_size), seconds=time.monotonic() - start
        )
    )
    return EXIT_OK


def _backups(path: Path, keep: int | None) -> int:
    from app.db.location import backup_count, set_backup_count  # lazy: as run

    if keep is not None:
        settings = set_backup_count(keep)
        print(
            _(
                "This computer now keeps the last {count} daily backup(s) (setting saved in "
                "{path})."
            ).format(count=keep, path=settings)
        )
    found = all_backups(path)
    if not found:
        print(
            _("No backup of {path} yet (they go to {folder}).").format(
                path=path, folder=backups_folder(path)
            )
        )
    for backup in found:
        print(f"{backup}\t{_when(backup)}\t{readable_size(backup.stat().st_size)}")
    if keep is None:
        print(_("Daily automatic backups kept: {count}.").format(count=backup_count()))
    return EXIT_OK


def _when(path: Path) -> str:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return "?"


# --- restore ------------------------------------------------------------------------------


def _restore(path: Path, source: Path | None) -> int:
    if source is None:
        good = [b for b in all_backups(path) if not quick_check(b, None).damaged]
        if not good:
            print(
                _("No good backup of {path} was found in {folder}; nothing was changed.").format(
                    path=path, folder=backups_folder(path)
                ),
                file=sys.stderr,
            )
            return EXIT_USAGE
        source = good[0]
    elif source.resolve() == path.resolve() or not source.is_file():
        print(
            _("{source} is not a backup that can be put back; nothing was changed.").format(
                source=source
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    done = restore(path, source)
    print(
        _("Database restored from {source} ({date}).").format(
            source=done.source, date=_when(done.source)
        )
    )
    if done.kept is not None:
        print(_("The database it replaced is kept aside: {kept}").format(kept=done.kept))
    return EXIT_OK
