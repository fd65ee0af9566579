"""Payment reminders ("relances"): the levels, when each falls due, and what a late
invoice owes (Code de commerce L441-10: late-payment penalties from the day after the due
date, and the 40 € recovery indemnity per invoice for a business client).

Plain rules on plain values: the services read the database and call these.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
DAYS_IN_YEAR = Decimal(365)
RECOVERY_INDEMNITY = Decimal("40.00")  # per late invoice, business clients only
# The legal interest rate for professional creditors, second half of 2025 (Banque de
# France): the user sets the one in force in Settings › Relances; this is the fallback.
DEFAULT_LEGAL_INTEREST_RATE = Decimal("2.76")
LEGAL_RATE_MULTIPLIER = Decimal(3)  # the minimum penalty rate is three times the legal rate
# A rate typed as a number: "2,76", "3.5 %" (what follows a leading number is words).
RATE_NUMBER = re.compile(r"\s*(\d{1,3}(?:[.,]\d{1,4})?)\s*%?")


class ReminderBase(StrEnum):
    """What a level's delay counts from."""

    DUE = "due"  # the invoice's due date
    PREVIOUS = "previous"  # the day the previous level was sent


@dataclass(frozen=True)
class LevelSpec:
    """One reminder level as the user set it (Settings › Relances)."""

    position: int  # 1, 2, 3 …
    name: str
    delay_days: int
    after: ReminderBase
    subject: str
    body: str
    letter: bool = False  # attach the formal letter (mise en demeure) PDF
    statement: bool = False  # attach the statement of account PDF
    deadline_days: int = 8  # the letter's payment deadline, in days from today


_FRIENDLY_BODY = """Bonjour,

Sauf erreur de notre part, le règlement des factures suivantes ne nous est pas encore parvenu :

{liste_factures}

Montant restant dû : {montant_du}.

Vous trouverez ci-joint votre relevé de compte. Il s’agit peut-être d’un simple oubli : \
nous vous remercions de bien vouloir procéder au règlement dès que possible. Si votre \
paiement a été effectué entre-temps, merci de ne pas tenir compte de ce message.

Cordialement,
{societe}
"""

_SECOND_BODY = """Bonjour,

Malgré notre précédent rappel, nous restons à ce jour sans règlement des factures \
suivantes, échues depuis {jours_de_retard} jours :

{liste_factures}

Montant restant dû : {montant_du}.

Vous trouverez ci-joint votre relevé de compte. Nous vous remercions de régulariser cette \
situation sous huit jours.

Cordialement,
{societe}
"""

_FORMAL_BODY = """Madame, Monsieur,

Malgré nos relances, les factures suivantes restent impayées :

{liste_factures}

Vous trouverez ci-joint notre mise en demeure de payer la somme de {montant_du}, dont la \
lettre détaille les sommes dues, ainsi que votre relevé de compte.

À défaut de règlement dans le délai indiqué, nous nous réserverons le droit d’engager une \
procédure de recouvrement.

Veuillez agréer, Madame, Monsieur, nos salutations distinguées.
{societe}
"""

DEFAULT_LEVELS: tuple[LevelSpec, ...] = (
    LevelSpec(
        1,
        "Relance amiable",
        7,
        ReminderBase.DUE,
        "Rappel : facture(s) en attente de règlement — {societe}",
        _FRIENDLY_BODY,
        statement=True,
    ),
    LevelSpec(
        2,
        "Deuxième relance",
        21,
        ReminderBase.DUE,
        "Deuxième relance : facture(s) impayée(s) — {societe}",
        _SECOND_BODY,
        statement=True,
    ),
    LevelSpec(
        3,
        "Mise en demeure de payer",
        45,
        ReminderBase.DUE,
        "Mise en demeure de payer — {societe}",
        _FORMAL_BODY,
        letter=True,
        statement=True,
    ),
)


def penalty_rate(company_rate: str, legal_rate: str = "") -> Decimal:
    """The yearly penalty rate in percent: the company's own rate when it is a number
    ("10,5 %"); otherwise (empty, or words) three times the legal interest rate."""
    own = rate_value(company_rate)
    if own is not None:
        return own
    legal = rate_value(legal_rate)
    return LEGAL_RATE_MULTIPLIER * (legal if legal is not None else DEFAULT_LEGAL_INTEREST_RATE)


def rate_value(text: str) -> Decimal | None:
    """The number a rate starts with ("10,5 % l'an" → 10.5), or None (words, or zero)."""
    match = RATE_NUMBER.match(text)
    if match is None:
        return None
    value = Decimal(match.group(1).replace(",", "."))
    return value if value > 0 else None


def days_late(due_date: date | None, today: date) -> int:
    """Whole days since the due date (0 when not yet due)."""
    if due_date is None:
        return 0
    return max((today - due_date).days, 0)


def late_penalties(amount: Decimal, rate_percent: Decimal, due_date: date, today: date) -> Decimal:
    """Simple interest on ``amount`` at ``rate_percent`` a year, for each day after the due
    date up to ``today``, on a 365-day year, rounded half up to the cent."""
    days = days_late(due_date, today)
    if days == 0 or amount <= 0:
        return Decimal("0.00")
    value = amount * rate_percent / Decimal(100) * Decimal(days) / DAYS_IN_YEAR
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def recovery_indemnity(business: bool, days: int) -> Decimal:
    """The fixed 40 € owed by a business client for each invoice paid late."""
    return RECOVERY_INDEMNITY if business and days > 0 else Decimal("0.00")


@dataclass(frozen=True)
class NextLevel:
    """The level an overdue invoice reaches next and the day it falls due (None: all the
    levels were sent)."""

    level: LevelSpec | None
    due_on: date | None

    def is_due(self, today: date) -> bool:
        return self.level is not None and self.due_on is not None and self.due_on <= today


def next_level(levels: Sequence[LevelSpec], due_date: date, sent: Mapping[int, date]) -> NextLevel:
    """The next level of an invoice due on ``due_date`` whose levels ``sent`` (position ->
    day sent) went out. A level only follows the one before it: level 2 waits for level 1,
    then for its own delay — counted from the due date, but never closer to the previous
    level than the two levels' delays are apart (a late first reminder pushes the second
    back), or counted from the previous level when the level says so."""
    ordered = sorted(levels, key=lambda level: level.position)
    reached = max((p for p in sent if any(level.position == p for level in ordered)), default=0)
    following = [level for level in ordered if level.position > reached]
    if not following:
        return NextLevel(None, None)
    level = following[0]
    previous = next((lv for lv in reversed(ordered) if lv.position == reached), None)
    if previous is None:  # the first reminder
        return NextLevel(level, due_date + timedelta(days=max(level.delay_days, 1)))
    last = sent[reached]
    if level.after == ReminderBase.PREVIOUS:
        return NextLevel(level, last + timedelta(days=max(level.delay_days, 1)))
    gap = max(level.delay_days - previous.delay_days, 1)
    return NextLevel(
        level, max(due_date + timedelta(days=level.delay_days), last + timedelta(days=gap))
    )
