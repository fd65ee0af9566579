"""What each committed transaction changed, told to whoever listens (the window's views).

No service has to remember to report its changes: session events on the write sessions
collect them.

- ``after_flush``: the ids of the documents, outbox messages and clients added, changed or
  deleted through the unit of work (a line, a send record or a contact counts for its
  document or client);
- ``do_orm_execute``: a bulk ``UPDATE``/``DELETE`` run through the session names its rows
  by a ``SELECT`` of the same ``WHERE`` first; a bulk ``INSERT`` (the demo, an import) or
  too many rows count as "some, unknown which" (``None``);
- ``before_commit``: the database's change counter (table ``change_counter``, one row) is
  raised by one in the same transaction, so that other processes see a change by reading
  one row by primary key (``read_counter``);
- ``after_commit`` publishes a ``Changes`` to the subscribers (on the committing thread);
  a rollback drops what was collected.

A process tells its own commits from others' with ``ChangeBus.external_since``: the counter
values it wrote itself are remembered.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, event, select, update
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.sql.dml import Delete, Insert, Update

from app.db.models import (
    ChangeCounter,
    Client,
    Contact,
    Document,
    DocumentLine,
    OutboxDocument,
    OutboxMessage,
    SendRecord,
)

COUNTER_ID = 1
MAX_NAMED = 1000  # a bulk statement touching more rows counts as "some, unknown which"
OWN_KEPT = 10_000  # own counter values remembered (a poll sees far fewer between reads)
_INFO_KEY = "facturier.changes"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Changes:
    """Ids changed by one commit (or by another process: ``EVERYTHING``).

    ``None`` means "some of these changed, which ones is unknown": reread them all.
    """

    documents: frozenset[int] | None = frozenset()
    outbox: frozenset[int] | None = frozenset()
    clients: frozenset[int] | None = frozenset()
    counter: int | None = None  # the change counter's value after this commit
    external: bool = False  # seen by polling: another process changed the database

    @property
    def empty(self) -> bool:
        none: frozenset[int] = frozenset()
        return self.documents == none and self.outbox == none and self.clients == none


EVERYTHING = Changes(documents=None, outbox=None, clients=None, external=True)
Subscriber = Callable[[Changes], None]


@dataclass
class _Collected:
    documents: set[int] | None = field(default_factory=set)
    outbox: set[int] | None = field(default_factory=set)
    clients: set[int] | None = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return self.documents == set() and self.outbox == set() and self.clients == set()

    def add(self, kind: str, ids: Iterable[int | None] | None) -> None:
        current: set[int] | None = getattr(self, kind)
        if current is None:
            return
        if ids is None:
            setattr(self, kind, None)
        else:
            current.update(i for i in ids if i is not None)

    def frozen(self, counter: int | None) -> Changes:
        def freeze(ids: set[int] | None) -> frozenset[int] | None:
            return None if ids is None else frozenset(ids)

        return Changes(freeze(self.documents), freeze(self.outbox), freeze(self.clients), counter)


class ChangeBus:
    """The subscribers of one database, and the counter values this process wrote."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []
        self._own: set[int] = set()
        self._own_order: deque[int] = deque()
        self.counting = False  # the schema has the change counter (set once migrated)

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber(changes)`` after each commit (on the committing thread);
        returns the function that unsubscribes."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: Changes) -> None:
        with self._lock:
            if changes.counter is not None:
                self._own.add(changes.counter)
                self._own_order.append(changes.counter)
                while len(self._own_order) > OWN_KEPT:
                    self._own.discard(self._own_order.popleft())
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(changes)
            except Exception:  # a listener's failure never undoes or fails a commit
                log.exception("change subscriber failed")

    def external_since(self, known: int, current: int) -> bool:
        """Did another process commit between counter values ``known`` and ``current``?"""
        if current == known:
            return False
        if current < known or current - known > OWN_KEPT:
            return True  # the counter went back (a restored copy) or too far to tell
        with self._lock:
            return any(value not in self._own for value in range(known + 1, current + 1))


def read_counter(session: Session) -> int:
    """The change counter's value (a primary-key read)."""
    value = session.scalar(select(ChangeCounter.value).where(ChangeCounter.id == COUNTER_ID))
    return int(value or 0)


def track_changes(sessions: sessionmaker[Session], bus: ChangeBus) -> None:
    """Collect, count and publish what the sessions of ``sessions`` change."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _do_orm_execute)
    event.listen(sessions, "before_commit", lambda session: _before_commit(session, bus))
    event.listen(sessions, "after_commit", lambda session: _after_commit(session, bus))
    event.listen(sessions, "after_rollback", _after_rollback)


def _collected(session: Session) -> _Collected:
    found = session.info.get(_INFO_KEY)
    if found is None:
        found = session.info[_INFO_KEY] = _Collected()
    assert isinstance(found, _Collected)
    return found


def _after_flush(session: Session, _context: object) -> None:
    collected = _collected(session)
    for obj in (*session.new, *session.dirty, *session.deleted):
        _collect_object(collected, obj)


def _collect_object(collected: _Collected, obj: object) -> None:
    if isinstance(obj, Document):
        collected.add("documents", [obj.id])
    elif isinstance(obj, (DocumentLine, SendRecord)):
        collected.add("documents", [obj.document_id])
    elif isinstance(obj, OutboxMessage):
        collected.add("outbox", [obj.id])
        collected.add("documents", [obj.document_id])
    elif isinstance(obj, OutboxDocument):  # a document joins a message for several
        collected.add("outbox", [obj.outbox_id])
        collected.add("documents", [obj.document_id])
    elif isinstance(obj, Client):
        collected.add("clients", [obj.id])
    elif isinstance(obj, Contact):
        collected.add("clients", [obj.client_id])


# table -> (kind, id column, document id column or None)
_TABLES: dict[str, tuple[str, Any, Any]] = {
    "document": ("documents", Document.id, None),
    "document_line": ("documents", DocumentLine.document_id, None),
    "send_record": ("documents", SendRecord.document_id, None),
    "outbox_message": ("outbox", OutboxMessage.id, OutboxMessage.document_id),
    "client": ("clients", Client.id, None),
    "contact": ("clients", Contact.client_id, None),
}


def _do_orm_execute(state: ORMExecuteState) -> None:
    statement = state.statement
    if not isinstance(statement, (Insert, Update, Delete)):
        return
    table = statement.table
    name = table.name if isinstance(table, Table) else getattr(table, "name", "")
    known = _TABLES.get(name)
    if known is None:
        return
    kind, id_column, document_column = known
    collected = _collected(state.session)
    where = statement.whereclause if not isinstance(statement, Insert) else None
    if where is None:  # a bulk insert, or every row: unknown which
        collected.add(kind, None)
        if document_column is not None:
            collected.add("documents", None)
        return
    columns = [id_column] if document_column is None else [id_column, document_column]
    query = select(*columns).where(where).limit(MAX_NAMED + 1)
    rows = state.session.connection().execute(query).all()
    if len(rows) > MAX_NAMED:
        collected.add(kind, None)
        if document_column is not None:
            collected.add("documents", None)
        return
    collected.add(kind, [r[0] for r in rows])
    if document_column is not None:
        collected.add("documents", [r[1] for r in rows])


def _before_commit(session: Session, bus: ChangeBus) -> None:
    session.flush()  # what is still pending is collected before counting
    collected = session.info.get(_INFO_KEY)
    if not isinstance(collected, _Collected) or collected.empty or not bus.counting:
        return
    # On the connection: no ORM event sees it, and the row lock is ours until the commit.
    connection = session.connection()
    row = ChangeCounter.id == COUNTER_ID
    connection.execute(update(ChangeCounter).where(row).values(value=ChangeCounter.value + 1))
    value = connection.execute(select(ChangeCounter.value).where(row)).scalar()
    session.info[_INFO_KEY + ".counter"] = int(value or 0)


def _after_commit(session: Session, bus: ChangeBus) -> None:
    collected = session.info.pop(_INFO_KEY, None)
    counter = session.info.pop(_INFO_KEY + ".counter", None)
    if isinstance(collected, _Collected) and not collected.empty:
        bus.publish(collected.frozen(counter if isinstance(counter, int) else None))


def _after_rollback(session: Session) -> None:
    session.info.pop(_INFO_KEY, None)
    session.info.pop(_INFO_KEY + ".counter", None)
