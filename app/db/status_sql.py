"""The report's status in SQL: ``app.domain.status.RULES`` rendered as one ``CASE``.

The domain declares the statuses and the rules once; this module only translates each
rule's conditions into SQL (the domain stays free of SQLAlchemy). The ``CASE`` yields
``DisplayStatus.order``, so ``ORDER BY`` follows the labels' order and ``WHERE case = n``
selects one status. ``tests/unit/test_status.py`` checks it against ``status_of``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, case, literal, not_, or_

from app.domain.kinds import DocumentStatus
from app.domain.status import RULES, kind_codes_where


@dataclass(frozen=True)
class _Columns:
    kind: SQLColumnExpression[Any]
    status: SQLColumnExpression[Any]
    cancelled: ColumnElement[bool]
    paid_on: SQLColumnExpression[Any]
    due_date: SQLColumnExpression[Any]
    sent_at: SQLColumnExpression[Any]
    today: date

    def condition(self, name: str, wanted: object) -> ColumnElement[bool]:
        """One condition of a rule (``Rule.conditions()``) in SQL."""
        if name in ("credit", "payable"):
            codes = kind_codes_where(name)
            return self.kind.in_(codes) if wanted else self.kind.not_in(codes)
        if name == "draft":
            draft = str(DocumentStatus.DRAFT)
            return self.status == draft if wanted else self.status != draft
        if name == "cancelled":
            return self.cancelled if wanted else not_(self.cancelled)
        if name == "paid":
            return self.paid_on.is_not(None) if wanted else self.paid_on.is_(None)
        if name == "past_due":
            if wanted:
                return and_(self.due_date.is_not(None), self.due_date < self.today)
            return or_(self.due_date.is_(None), self.due_date >= self.today)
        if name == "sent":
            return self.sent_at.is_not(None) if wanted else self.sent_at.is_(None)
        raise ValueError(f"no SQL for the status condition {name!r}")


def status_order_case(
    *,
    kind: SQLColumnExpression[Any],
    status: SQLColumnExpression[Any],
    cancelled: ColumnElement[bool],
    paid_on: SQLColumnExpression[Any],
    due_date: SQLColumnExpression[Any],
    sent_at: SQLColumnExpression[Any],
    today: date,
) -> ColumnElement[int]:
    """``DisplayStatus.order`` of each row, from these columns (``cancelled`` is a boolean
    expression: the report's "fully cancelled by credit notes" subquery)."""
    columns = _Columns(kind, status, cancelled, paid_on, due_date, sent_at, today)
    *conditional, last = RULES
    assert not last.conditions(), "the last status rule must apply to every document"
    whens = [
        (
            and_(*(columns.condition(n, w) for n, w in rule.conditions().items())),
            literal(rule.status.order),
        )
        for rule in conditional
    ]
    return case(*whens, else_=literal(last.status.order))
