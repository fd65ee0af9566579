"""What a report shows in its Status column: one definition of each status.

A document's *stored* status is only draft or validated (``DocumentStatus``); what the user
reads is derived from it and from the document's facts (kind, payment, due date, credit
notes, e-mail). That derivation is declared once, as ``RULES``: an ordered table where the
first rule whose conditions all hold gives the status. It has two renderings that must agree
(``tests/unit/test_status.py`` checks them on a real database):

- ``status_of(facts, today)``: plain Python, for display (``ui.models.document_table``);
- ``app.db.status_sql.status_order_case(...)``: the same table as one SQL ``CASE`` giving
  ``DisplayStatus.order``, so the report sorts and filters by status in SQL.

Each status carries its English label and its French one in both genders (the French
label agrees with the kind's noun: "facture validée", "devis validé"; ``status_label``
picks it, and every place that shows a status asks it), a colour role (``Tone``: the UI maps
``ALERT`` to red) and its rank when the Status column is sorted. The sort order is the
document's life: draft, validated, e-mailed, overdue, paid, credited, then credit notes —
so sorting groups equal labels and the problems (overdue) sit between the open documents
and the settled ones.

There are no partial payments in the data (a document has one ``paid_on`` date): a
"partly paid" status would be a new member, a rule, and a condition in both renderings.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Protocol

from app.domain.kinds import DocumentKind, DocumentStatus, Gender, kind_spec, registered_kinds


class Tone(StrEnum):
    """How a status is coloured: the UI maps each role to a colour."""

    NORMAL = "normal"
    ALERT = "alert"  # needs the user's attention (an overdue invoice)


@dataclass(frozen=True)
class StatusInfo:
    label: str  # English, as the window shows it
    label_fr: str  # French, agreeing with a masculine noun ("devis", "avoir")
    tone: Tone
    order: int  # rank when the Status column is sorted (also the SQL CASE's value)
    label_fr_feminine: str = ""  # with a feminine noun ("facture"); "": the same

    def label_for(self, gender: Gender, french: bool) -> str:
        if not french:
            return self.label
        if gender == Gender.FEMININE and self.label_fr_feminine:
            return self.label_fr_feminine
        return self.label_fr


class DisplayStatus(StrEnum):
    DRAFT = "draft"
    VALIDATED = "validated"
    EMAILED = "emailed"  # delivered to at least one of the client's own addresses
    OVERDUE = "overdue"  # an unpaid invoice past its due date
    PAID = "paid"
    CREDITED = "credited"  # an invoice fully cancelled by validated credit notes
    CREDIT_NOTE = "credit_note"

    @property
    def info(self) -> StatusInfo:
        return STATUSES[self]

    @property
    def label(self) -> str:
        return STATUSES[self].label

    @property
    def label_fr(self) -> str:
        return STATUSES[self].label_fr

    @property
    def tone(self) -> Tone:
        return STATUSES[self].tone

    @property
    def order(self) -> int:
        return STATUSES[self].order

    def label_in(self, french: bool, kind: DocumentKind | str | None = None) -> str:
        """The label in the language asked; in French, agreeing with ``kind``'s noun
        (masculine when no kind is given)."""
        gender = kind_spec(kind).gender if kind is not None else Gender.MASCULINE
        return STATUSES[self].label_for(gender, french)


STATUSES: dict[DisplayStatus, StatusInfo] = {
    DisplayStatus.DRAFT: StatusInfo("Draft", "Brouillon", Tone.NORMAL, 0),
    DisplayStatus.VALIDATED: StatusInfo("Validated", "Validé", Tone.NORMAL, 1, "Validée"),
    DisplayStatus.EMAILED: StatusInfo("E-mailed", "Envoyé", Tone.NORMAL, 2, "Envoyée"),
    DisplayStatus.OVERDUE: StatusInfo("Overdue", "En retard", Tone.ALERT, 3),
    DisplayStatus.PAID: StatusInfo("Paid", "Payé", Tone.NORMAL, 4, "Payée"),
    DisplayStatus.CREDITED: StatusInfo(
        "Credited", "Annulé par avoir", Tone.NORMAL, 5, "Annulée par avoir"
    ),
    DisplayStatus.CREDIT_NOTE: StatusInfo("Credit note", "Avoir", Tone.NORMAL, 6),
}


@dataclass(frozen=True)
class Rule:
    """``status`` applies when every condition given holds (None: either way) and no
    earlier rule applied."""

    status: DisplayStatus
    draft: bool | None = None  # stored status is draft
    credit: bool | None = None  # of a kind that cancels another (``KindSpec.credits``)
    payable: bool | None = None  # of a kind tracked paid / unpaid (``KindSpec.payable``)
    cancelled: bool | None = None  # fully cancelled by validated credit notes
    paid: bool | None = None  # has a payment date
    past_due: bool | None = None  # has a due date before today
    sent: bool | None = None  # delivered by e-mail (``sent_at`` set)

    def conditions(self) -> dict[str, object]:
        """The conditions this rule sets, by field name (what both renderings read)."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name != "status" and getattr(self, f.name) is not None
        }


# First match wins; the last rule has no condition (every document gets a status).
RULES: tuple[Rule, ...] = (
    Rule(DisplayStatus.DRAFT, draft=True),
    Rule(DisplayStatus.CREDIT_NOTE, credit=True),
    Rule(DisplayStatus.CREDITED, payable=True, cancelled=True),
    Rule(DisplayStatus.PAID, payable=True, paid=True),
    Rule(DisplayStatus.OVERDUE, payable=True, past_due=True),
    # sent_at is set only when a message reached at least one of the client's own
    # addresses: a failed, uncertain, held or waiting message never makes it "E-mailed".
    Rule(DisplayStatus.EMAILED, sent=True),
    Rule(DisplayStatus.VALIDATED),
)


class StatusFacts(Protocol):
    """What the derivation reads (``app.services.reports.ReportRow`` has it)."""

    @property
    def kind(self) -> DocumentKind: ...

    @property
    def status(self) -> DocumentStatus: ...

    @property
    def cancelled(self) -> bool: ...

    @property
    def paid_on(self) -> date | None: ...

    @property
    def due_date(self) -> date | None: ...

    @property
    def sent_at(self) -> object | None: ...


_CONDITIONS = tuple((rule.status, rule.conditions()) for rule in RULES)


def status_of(facts: StatusFacts, today: date) -> DisplayStatus:
    """The status a document shows on ``today`` (the first rule of ``RULES`` that holds)."""
    spec = kind_spec(facts.kind)
    actual = {
        "draft": facts.status == DocumentStatus.DRAFT,
        "credit": spec.credits is not None,
        "payable": spec.payable,
        "cancelled": facts.cancelled,
        "paid": facts.paid_on is not None,
        "past_due": facts.due_date is not None and facts.due_date < today,
        "sent": facts.sent_at is not None,
    }
    for status, conditions in _CONDITIONS:
        if all(actual[name] == wanted for name, wanted in conditions.items()):
            return status
    raise AssertionError("the last rule has no condition")  # pragma: no cover


def status_label(status: DisplayStatus, kind: DocumentKind | str, french: bool) -> str:
    """The one text of a status, everywhere it is shown (report, Information dialog,
    command line): in French it agrees with the kind’s noun ("facture payée",
    "devis validé")."""
    return status.label_in(french, kind)


def status_text(facts: StatusFacts, today: date, french: bool) -> str:
    """What a document's status reads on ``today``."""
    return status_label(status_of(facts, today), facts.kind, french)


def kind_codes_where(condition: str) -> tuple[str, ...]:
    """The registered kinds' codes for which a kind condition of ``Rule`` (``credit``,
    ``payable``) holds: what the SQL rendering compares the kind column with."""
    if condition == "credit":
        return tuple(str(k) for k in registered_kinds() if k.spec.credits is not None)
    if condition == "payable":
        return tuple(str(k) for k in registered_kinds() if k.spec.payable)
    raise ValueError(f"{condition!r} is not a kind condition")
