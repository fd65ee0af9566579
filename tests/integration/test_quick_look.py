"""The glance at the outbox that answers `outbox send` / `outbox list` without SQLAlchemy
(app.db.quick_look) against the outbox's own queries, on real SQLite files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import update

from app.db import backups, quick_look
from app.db.database import Database, open_database
from app.db.models import OutboxMessage
from app.db.revisions import head_revision
from app.domain.outbox import OutboxState
from app.services.batch import prepare_batch
from app.services.outbox_queue import list_outbox, nothing_to_send
from app.services.settings import update_company
from tests.integration.sending_helpers import COMPANY, SENDER, clients, invoice

ROOT = Path(__file__).resolve().parents[2]
FILTERS = [None, *OutboxState]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A database with one prepared message, closed."""
    file = tmp_path / "facturier.db"
    db = open_database(str(file), timeout=5)
    try:
        update_company(db, sender_name=COMPANY, sender_address=SENDER)
        business = clients(db)
        prepare_batch(db, [invoice(db, business.two_addresses)])
    finally:
        db.dispose()
    return file


def _set(db: Database, state: OutboxState, copy_state: str) -> None:
    with db.write() as session:
        session.execute(update(OutboxMessage).values(state=str(state), copy_state=copy_state))


@pytest.mark.parametrize("state", list(OutboxState))
def test_the_glance_agrees_with_the_outbox_on_every_state_and_filter(
    path: Path, state: OutboxState
) -> None:
    for copy_state in ("", "pending", "done"):
        outbox = _outbox_answers(path, state, copy_state)
        glance = _glance_answers(path)
        assert glance == outbox, (state, copy_state)
        assert None not in glance.values()  # the glance answered each, never stepped aside


# The questions: "send" (nothing to send), then each `outbox list` filter, with and without
# --all; the answers: True when nothing waits / nothing is listed.
Answers = dict[tuple[str, OutboxState | None, bool], bool | None]


def _outbox_answers(path: Path, state: OutboxState, copy_state: str) -> Answers:
    """The outbox's own queries, with its one message in ``state``."""
    db = open_database(str(path), timeout=5)
    try:
        _set(db, state, copy_state)
        answers: Answers = {("send", None, False): nothing_to_send(db)}
        for f, every, states, include_sent in _list_filters():
            found = list_outbox(db, states=states, include_sent=include_sent)
            answers[("list", f, every)] = not found
        return answers
    finally:
        db.dispose()


def _glance_answers(path: Path) -> Answers:
    answers: Answers = {("send", None, False): quick_look.nothing_to_send(str(path))}
    for f, every, states, include_sent in _list_filters():
        answers[("list", f, every)] = quick_look.nothing_listed(
            str(path), states=states, include_sent=include_sent
        )
    return answers


def _list_filters() -> Iterator[tuple[OutboxState | None, bool, list[OutboxState] | None, bool]]:
    """Each `outbox list [--state S] [--all]`: the filter, --all, and what the CLI asks."""
    for f in FILTERS:
        for every in (False, True):
            yield f, every, None if f is None else [f], every or f == OutboxState.SENT


def test_the_glance_leaves_the_file_as_closed_cleanly(path: Path) -> None:
    assert backups.closed_cleanly(path)
    assert quick_look.nothing_to_send(str(path)) is False  # the prepared message waits
    assert backups.closed_cleanly(path)  # the next opening needs no integrity check
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_the_glance_steps_aside_for_what_only_the_usual_opening_handles(
    path: Path, tmp_path: Path
) -> None:
    assert quick_look.nothing_to_send("postgresql://me@127.0.0.1:1/facturier") is None
    assert quick_look.nothing_to_send(str(tmp_path / "new.db")) is None
    assert not (tmp_path / "new.db").exists()
    (tmp_path / "text.db").write_text("not a database")
    assert quick_look.nothing_to_send(str(tmp_path / "text.db")) is None
    # Open by another program with changes in its journal: not closed cleanly.
    with closing(sqlite3.connect(path)) as other:
        other.execute("UPDATE outbox_message SET subject = subject || ' (2)'")
        other.commit()
        assert Path(f"{path}-wal").stat().st_size > 0
        assert quick_look.nothing_to_send(str(path)) is None
    # An older schema (upgraded by the usual opening), even when closed cleanly.
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0013'")
        conn.commit()
    backups.record_clean_close(path, create=False)
    assert backups.closed_cleanly(path)
    assert quick_look.nothing_to_send(str(path)) is None
    # Back at the head, but changed since its last clean close: checked the usual way.
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", [head_revision()])
        conn.commit()
    assert not backups.closed_cleanly(path)
    assert quick_look.nothing_to_send(str(path)) is None


def _run(code: str, db: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "FACTURIER_OFFLINE": "1", "HOME": str(db.parent)},
        check=True,
    )
    return done.stdout


LOADED = (
    "import sys\n"
    "from ui.main import main\n"
    "rc = main(['--db', sys.argv[1], {args}])\n"
    "print(rc, 'sqlalchemy' in sys.modules)\n"
)


def test_an_idle_outbox_is_answered_without_loading_sqlalchemy(path: Path) -> None:
    db = open_database(str(path), timeout=5)
    try:
        _set(db, OutboxState.SENT, "done")
    finally:
        db.dispose()
    assert _run(LOADED.format(args="'outbox', 'send'"), path) == "0 False\n"
    assert _run(LOADED.format(args="'outbox', 'list'"), path) == "0 False\n"
    # Something to list: the usual way, which prints it.
    listing = _run(LOADED.format(args="'outbox', 'list', '--all'"), path)
    assert listing.endswith("0 True\n") and len(listing.splitlines()) == 2


def test_a_sqlite_database_opens_without_the_postgresql_dialect(path: Path) -> None:
    """Naming a PostgreSQL option in a model would load that dialect at every start."""
    code = (
        "import sys\n"
        "from app.services.database import open_database\n"
        "open_database(sys.argv[1]).dispose()\n"
        "print('sqlalchemy.dialects.postgresql' in sys.modules)\n"
    )
    assert _run(code, path) == "False\n"


def test_the_partial_index_has_its_condition_on_postgresql_too() -> None:
    from app.db.models import OutboxMessage, declare_postgresql_options

    declare_postgresql_options()
    [index] = [i for i in OutboxMessage.__table__.indexes if i.name.startswith("uq_")]  # type: ignore[attr-defined]
    options = index.dialect_options
    assert str(options["postgresql"]["where"]) == str(options["sqlite"]["where"]) != "None"
