"""Recurring invoices: an invoice made again every month, quarter or year from a model
invoice (its client, lines, payment terms and notes), as a draft or validated and held in
the outbox for the next batch.

``run_due`` makes what is due, at the window's start or by ``facturier recurring run``.
Each period is made once, even by two workstations at the same moment: its
``RecurrenceRun`` row (unique per recurrence and period) is inserted first, in the same
transaction as the invoice; the second one to insert it fails on the unique key and skips
the period. Numbering stays gap-free: the number is taken when the invoice is validated,
in its own transaction, which rolls the number back with it.

Catch-up: after months without a run, every missed period is made, each dated its own
period (the client owes each of them), oldest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Document, Recurrence, RecurrenceRun
from app.domain.kinds import DocumentKind, DocumentStatus, kind_spec
from app.domain.recurrence import (
    MAX_DAY,
    Frequency,
    RecurrenceMode,
    due_periods,
    issue_dates,
    period_slot,
)
from app.domain.skip_reasons import SkipReason
from app.errors import FacturierError, NotFoundError, ValidationError, WrongKindError
from app.services.document_actions import copy_document
from app.services.documents import validate_document

__all__ = [
    "MAX_START_AGE",
    "MadeInvoice",
    "RecurrenceData",
    "RunResult",
    "recurrence_of",
    "run_due",
    "set_recurrence",
    "stop_recurrence",
]

# A start date further back is a typing slip (2016 for 2026): it would make years of
# invoices at the next run.
MAX_START_AGE = timedelta(days=366)


@dataclass(frozen=True)
class RecurrenceData:
    id: int
    model_id: int
    frequency: Frequency
    day: int
    start_date: date
    end_date: date | None
    mode: RecurrenceMode
    active: bool
    next_date: date | None  # the next invoice's date (None: ended or stopped)
    made: int  # invoices made so far


@dataclass(frozen=True)
class MadeInvoice:
    """One period's invoice. ``status`` says how far it went: a draft (mode draft, or its
    validation was refused: ``error``), validated (``not_prepared`` or ``error`` say why
    it is not in the outbox), or held in the outbox (``held``)."""

    recurrence_id: int
    period: date
    document_id: int
    number: str | None
    client_name: str
    status: DocumentStatus
    held: bool = False
    not_prepared: SkipReason | None = None
    error: FacturierError | None = None


@dataclass
class RunResult:
    made: list[MadeInvoice] = field(default_factory=list)
    already_made: int = 0  # periods another process made at the same moment
    failed: list[tuple[int, date, FacturierError]] = field(default_factory=list)


# --- setting a recurrence --------------------------------------------------------------------


def _model(session: Session, invoice_id: int) -> Document:
    row = session.get(Document, invoice_id)
    if row is None:
        raise NotFoundError("document", id=invoice_id, what=f"document {invoice_id}")
    if not kind_spec(row.kind).payable:
        expected = tuple(str(k) for k in DocumentKind if k.spec.payable)
        raise WrongKindError("not recurrent", id=invoice_id, kind=row.kind, expected=expected)
    return row


def _check(day: int, start: date, end: date | None) -> None:
    if not 1 <= day <= MAX_DAY:
        raise ValidationError("day", field="day", reason="range", value=day, low=1, high=MAX_DAY)
    if end is not None and end < start:
        raise ValidationError(
            "end before start", field="end_date", reason="range", value=end, low=start, high=""
        )


def _check_start(start: date, today: date) -> None:
    earliest = today - MAX_START_AGE
    if start < earliest:
        raise ValidationError(
            "start", field="start_date", reason="range", value=start, low=earliest, high=""
        )


def set_recurrence(
    db: Database,
    invoice_id: int,
    frequency: Frequency,
    day: int,
    start: date,
    end: date | None = None,
    mode: RecurrenceMode = RecurrenceMode.DRAFT,
    *,
    today: date | None = None,
) -> RecurrenceData:
    """Make ``invoice_id`` (an invoice, draft or validated) the model of a recurrence, or
    change its recurrence; the periods already made stay made."""
    frequency, mode = Frequency(frequency), RecurrenceMode(mode)
    today = today or date.today()
    _check(day, start, end)
    with db.write() as session:
        _model(session, invoice_id)
        row = session.scalars(select(Recurrence).where(Recurrence.model_id == invoice_id)).first()
        if row is None or row.start_date != start:  # an old recurrence keeps its start
            _check_start(start, today)
        if row is None:
            row = Recurrence(model_id=invoice_id, created_at=utcnow())
            session.add(row)
        row.frequency, row.day, row.start_date, row.end_date = str(frequency), day, start, end
        row.mode, row.active = str(mode), True
        session.flush()
        return _data(session, row)


def stop_recurrence(db: Database, invoice_id: int) -> None:
    """No more invoices from this model (the ones made stay); nothing to stop is fine."""
    with db.write() as session:
        for row in session.scalars(select(Recurrence).where(Recurrence.model_id == invoice_id)):
            row.active = False


def recurrence_of(db: Database, invoice_id: int) -> RecurrenceData | None:
    """The recurrence whose model is ``invoice_id``, stopped or not; None if it has none."""
    with db.read() as session:
        row = session.scalars(select(Recurrence).where(Recurrence.model_id == invoice_id)).first()
        return None if row is None else _data(session, row)


def _data(session: Session, row: Recurrence) -> RecurrenceData:
    """The next date is the first period not made yet (due already when the program did
    not run since)."""
    frequency = Frequency(row.frequency)
    made = _made_slots(session, row)
    upcoming = next(
        (
            issued
            for issued in issue_dates(frequency, row.day, row.start_date, row.end_date)
            if period_slot(frequency, row.start_date, issued) not in made
        ),
        None,
    )
    runs = session.scalars(select(RecurrenceRun.id).where(RecurrenceRun.recurrence_id == row.id))
    return RecurrenceData(
        id=row.id,
        model_id=row.model_id,
        frequency=frequency,
        day=row.day,
        start_date=row.start_date,
        end_date=row.end_date,
        mode=RecurrenceMode(row.mode),
        active=row.active,
        next_date=upcoming if row.active else None,
        made=len(runs.all()),
    )


# --- making what is due -------------------------------------------------------------------


@dataclass(frozen=True)
class _Due:
    period: date
    recurrence_id: int
    mode: RecurrenceMode


def _due(db: Database, today: date) -> list[_Due]:
    """Every period due and not made yet, oldest first across recurrences (numbers then
    follow the dates)."""
    due: list[_Due] = []
    with db.read() as session:
        for row in session.scalars(select(Recurrence).where(Recurrence.active.is_(True))):
            frequency = Frequency(row.frequency)
            made = _made_slots(session, row)
            for period in due_periods(frequency, row.day, row.start_date, row.end_date, today):
                if period_slot(frequency, row.start_date, period) not in made:
                    due.append(_Due(period, row.id, RecurrenceMode(row.mode)))
    return sorted(due, key=lambda d: (d.period, d.recurrence_id))


def _made_slots(session: Session, row: Recurrence) -> set[int]:
    periods = session.scalars(
        select(RecurrenceRun.period).where(RecurrenceRun.recurrence_id == row.id)
    )
    return {period_slot(Frequency(row.frequency), row.start_date, p) for p in periods}


def run_due(db: Database, today: date | None = None) -> RunResult:
    """Make every period due on ``today`` (default: today) that is not made yet."""
    result = RunResult()
    for due in _due(db, today or date.today()):
        try:
            made = _make_period(db, due)
        except FacturierError as error:  # this period only: the others go on
            result.failed.append((due.recurrence_id, due.period, error))
            continue
        if made is None:
            result.already_made += 1
            continue
        if due.mode is RecurrenceMode.SEND:
            made = _validate_and_hold(db, made)
        result.made.append(made)
    return result


def _make_period(db: Database, due: _Due) -> MadeInvoice | None:
    """The period's run row and draft, in one transaction; None when another process made
    the period first (its run row is there: the unique key refused ours)."""
    try:
        with db.write() as session:
            recurrence = session.get(Recurrence, due.recurrence_id)
            if recurrence is None or not recurrence.active:
                return None  # stopped or deleted since the list was read
            if period_slot(Frequency(recurrence.frequency), recurrence.start_date, due.period) in (
                _made_slots(session, recurrence)
            ):
                return None  # made by another process since the list was read
            run = RecurrenceRun(recurrence_id=recurrence.id, period=due.period, created_at=utcnow())
            session.add(run)
            session.flush()  # first: a concurrent process waits here, then fails
            model = _model(session, recurrence.model_id)
            copy = copy_document(
                session,
                model,
                DocumentKind(model.kind),
                due.period,
                payment_terms=model.payment_terms,
                notes=model.notes,
            )
            run.document_id = copy.id
            session.flush()
            return MadeInvoice(
                recurrence_id=recurrence.id,
                period=due.period,
                document_id=copy.id,
                number=None,
                client_name=copy.client.name,
                status=DocumentStatus.DRAFT,
            )
    except IntegrityError:
        if _run_exists(db, due):
            return None
        raise


def _run_exists(db: Database, due: _Due) -> bool:
    with db.read() as session:
        found = session.scalar(
            select(RecurrenceRun.id).where(
                RecurrenceRun.recurrence_id == due.recurrence_id,
                RecurrenceRun.period == due.period,
            )
        )
        return found is not None


def _validate_and_hold(db: Database, made: MadeInvoice) -> MadeInvoice:
    """Mode "send": validate the draft (its own transaction: number and archived PDF), then
    hold its message in the outbox. What fails leaves the invoice as far as it went."""
    try:
        validated = validate_document(db, made.document_id)
    except FacturierError as error:  # e.g. a mention the client lacks: left as a draft
        return replace(made, error=error)
    made = replace(made, number=validated.number, status=DocumentStatus.VALIDATED)
    from app.services.batch import prepare_batch  # lazy: only a validated invoice is held

    try:
        prepared = prepare_batch(db, [made.document_id], later=True)
    except FacturierError as error:  # no sender address yet
        return replace(made, error=error)
    if prepared.skipped:
        return replace(made, not_prepared=prepared.skipped[0].reason)
    return replace(made, held=True)
