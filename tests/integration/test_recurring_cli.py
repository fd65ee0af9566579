"""`facturier recurring run` from two processes at the same moment, on one SQLite file and
on one PostgreSQL database (the ``db_url`` fixture): each period is made once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select

from app.db.database import open_database
from app.db.models import Document, OutboxMessage, RecurrenceRun
from app.domain.kinds import DocumentKind, DocumentStatus
from app.domain.recurrence import Frequency, RecurrenceMode
from app.services.recurring import set_recurrence
from tests.unit.test_recurring import client, company, model

pytestmark = pytest.mark.slow  # two program starts, PDFs rendered


def recurring_run(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ui.main", "--db", url, "recurring", "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LANG": "C"},
    )


def months_ago(today: date, months: int) -> date:
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def test_two_processes_make_each_period_once(db_url: str) -> None:
    today = date.today()
    db = open_database(db_url)
    try:
        company(db)
        drafts = model(db, client(db))
        sent = model(db, client(db))
        start = months_ago(today, 2)  # three periods due: two missed, and this month's
        set_recurrence(db, drafts, Frequency.MONTHLY, 1, start, today=today)
        set_recurrence(db, sent, Frequency.MONTHLY, 1, start, mode=RecurrenceMode.SEND)
    finally:
        db.dispose()

    runs = [recurring_run(db_url), recurring_run(db_url)]  # at the same moment
    outputs = [run.communicate(timeout=180) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err
    lines = [line for out, _err in outputs for line in out.splitlines() if "\t" in line]
    assert len(lines) == 6, outputs  # each invoice told once, by the process that made it

    db = open_database(db_url)
    try:
        with db.read() as session:
            made = session.scalars(
                select(Document).where(Document.id.not_in([drafts, sent])).order_by(Document.id)
            ).all()
            periods = session.execute(
                select(RecurrenceRun.recurrence_id, RecurrenceRun.period)
            ).all()
            held = session.scalars(select(OutboxMessage.document_id)).all()
    finally:
        db.dispose()
    expected = [months_ago(today, 2), months_ago(today, 1), months_ago(today, 0)]
    assert len(made) == 6 and len(periods) == 6
    by_recurrence = Counter(recurrence for recurrence, _period in periods)
    assert sorted(by_recurrence.values()) == [3, 3]
    assert sorted({period for _r, period in periods}) == expected
    drafts_made = [d for d in made if d.status == DocumentStatus.DRAFT]
    validated = [d for d in made if d.status == DocumentStatus.VALIDATED]
    assert sorted(d.issue_date for d in drafts_made) == expected
    assert sorted(d.issue_date for d in validated) == expected
    assert sorted(held) == sorted(d.id for d in validated)  # one message each, held
    # Numbering stayed gap-free: after the two models, the next numbers of each year.
    assert all(d.kind == str(DocumentKind.INVOICE) for d in made)
    for year in {d.year for d in validated}:
        sequences = sorted(d.sequence for d in validated if d.year == year)
        assert sequences == list(range(sequences[0], sequences[0] + len(sequences)))
