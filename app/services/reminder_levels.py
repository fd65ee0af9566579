"""The reminder levels the user set (Settings › Relances): read, and saved all at once.

Until the user saves levels of their own, the defaults of ``app.domain.reminders`` apply
(friendly reminder at D+7, second reminder at D+21, formal notice at D+45).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.db.models import ReminderLevel
from app.domain.reminders import DEFAULT_LEVELS, LevelSpec, ReminderBase
from app.domain.templates import validate_template
from app.errors import FacturierError, ValidationError

MAX_LEVELS = 9
MAX_DELAY_DAYS = 3650
NAME_LIMIT = 120
SUBJECT_LIMIT = 300


class ReminderLevelsError(ValidationError):
    """A level that cannot be saved; ``data``: ``position`` (1-based), ``field``, ``reason``."""

    code = "reminders.level"


def load_levels(session: Session) -> list[LevelSpec]:
    rows = session.scalars(select(ReminderLevel).order_by(ReminderLevel.position)).all()
    if not rows:
        return list(DEFAULT_LEVELS)
    return [
        LevelSpec(
            position=row.position,
            name=row.name,
            delay_days=row.delay_days,
            after=ReminderBase(row.after),
            subject=row.subject,
            body=row.body,
            letter=row.letter,
            statement=row.statement,
            deadline_days=row.deadline_days,
        )
        for row in rows
    ]


def get_levels(db: Database) -> list[LevelSpec]:
    with db.read() as session:
        return load_levels(session)


def check_levels(levels: Sequence[LevelSpec]) -> None:
    """Raise ``ReminderLevelsError`` for the first level that cannot be saved: a name empty
    or too long, a delay not between 1 and 3650 days, a delay counted from the due date not
    after the previous level's, a template that cannot be rendered. At least one level."""
    if not levels:
        raise ReminderLevelsError("no level", position=0, field="levels", reason="empty")
    if len(levels) > MAX_LEVELS:
        raise ReminderLevelsError("too many", position=0, field="levels", reason="too_many")
    previous: LevelSpec | None = None
    for position, level in enumerate(levels, start=1):
        name = level.name.strip()
        if not name or len(name) > NAME_LIMIT:
            reason = "empty" if not name else "too_long"
            raise ReminderLevelsError("name", position=position, field="name", reason=reason)
        if not 1 <= level.delay_days <= MAX_DELAY_DAYS:
            raise ReminderLevelsError("delay", position=position, field="delay", reason="range")
        if (
            previous is not None
            and level.after == ReminderBase.DUE
            and level.delay_days <= previous.delay_days
        ):
            raise ReminderLevelsError(
                "delay", position=position, field="delay", reason="not_after_previous"
            )
        if not 1 <= level.deadline_days <= 365:
            raise ReminderLevelsError(
                "deadline", position=position, field="deadline", reason="range"
            )
        if len(level.subject) > SUBJECT_LIMIT:
            raise ReminderLevelsError(
                "subject", position=position, field="subject", reason="too_long"
            )
        try:
            validate_template(level.subject, level.body)
        except FacturierError as error:
            raise ReminderLevelsError(
                "template",
                position=position,
                field=str(error.data.get("field", "body")),
                reason="template",
                unknown=error.data.get("unknown", []),
            ) from error
        previous = level


def numbered_levels(levels: Sequence[LevelSpec]) -> list[LevelSpec]:
    """The levels as they will be stored: numbered 1, 2, 3 … in their order, names
    stripped, checked (``ReminderLevelsError``)."""
    numbered = [
        replace(level, position=position, name=level.name.strip())
        for position, level in enumerate(levels, start=1)
    ]
    check_levels(numbered)
    return numbered


def save_levels(db: Database, levels: Sequence[LevelSpec]) -> list[LevelSpec]:
    """Replace the levels (their order gives their numbers), one transaction. Reminders
    already sent keep their number and name in their history."""
    numbered = numbered_levels(levels)
    with db.write() as session:
        write_levels(session, numbered)
    return numbered


def write_levels(session: Session, numbered: Sequence[LevelSpec]) -> None:
    """Store levels ``numbered_levels`` returned, inside the caller's transaction."""
    session.execute(delete(ReminderLevel))
    for level in numbered:
        session.add(
            ReminderLevel(
                position=level.position,
                name=level.name,
                delay_days=level.delay_days,
                after=str(level.after),
                subject=level.subject,
                body=level.body,
                letter=level.letter,
                statement=level.statement,
                deadline_days=level.deadline_days,
            )
        )
