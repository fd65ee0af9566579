"""The reminder levels (Settings › Relances): the rules a set of levels follows, the
defaults until the user saves some, and saving them with the other settings in one
transaction (nothing written when any part is refused)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.db.database import Database
from app.domain.reminders import DEFAULT_LEVELS, LevelSpec, ReminderBase
from app.errors import ValidationError
from app.services.reminder_levels import (
    ReminderLevelsError,
    check_levels,
    get_levels,
    numbered_levels,
    save_levels,
)
from app.services.settings import get_company, save_settings, update_company

FIRST, SECOND, THIRD = DEFAULT_LEVELS


def refused(levels: list[LevelSpec]) -> dict[str, object]:
    with pytest.raises(ReminderLevelsError) as caught:
        check_levels(levels)
    return {k: caught.value.data[k] for k in ("position", "field", "reason")}


# --- the rules ---------------------------------------------------------------------------


def test_the_defaults_follow_the_rules() -> None:
    check_levels(DEFAULT_LEVELS)
    assert [level.delay_days for level in DEFAULT_LEVELS] == [7, 21, 45]


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([], {"position": 0, "field": "levels", "reason": "empty"}),
        ([FIRST] * 10, {"position": 0, "field": "levels", "reason": "too_many"}),
        ([replace(FIRST, name="  ")], {"position": 1, "field": "name", "reason": "empty"}),
        ([replace(FIRST, name="x" * 121)], {"position": 1, "field": "name", "reason": "too_long"}),
        ([replace(FIRST, delay_days=0)], {"position": 1, "field": "delay", "reason": "range"}),
        ([replace(FIRST, delay_days=3651)], {"position": 1, "field": "delay", "reason": "range"}),
        (
            [FIRST, replace(SECOND, delay_days=7)],
            {"position": 2, "field": "delay", "reason": "not_after_previous"},
        ),
        (
            [FIRST, replace(THIRD, deadline_days=0)],
            {"position": 2, "field": "deadline", "reason": "range"},
        ),
        (
            [FIRST, replace(SECOND, subject="x" * 301)],
            {"position": 2, "field": "subject", "reason": "too_long"},
        ),
        (
            [FIRST, SECOND, replace(THIRD, body="Bonjour {clientt}")],
            {"position": 3, "field": "body", "reason": "template"},
        ),
        (
            [replace(FIRST, subject="Relance {numero")],
            {"position": 1, "field": "subject", "reason": "template"},
        ),
    ],
)
def test_a_level_breaking_a_rule_is_named(
    levels: list[LevelSpec], expected: dict[str, object]
) -> None:
    assert refused(levels) == expected


def test_counted_from_the_previous_level_any_delay_follows() -> None:
    check_levels([THIRD, replace(FIRST, after=ReminderBase.PREVIOUS, delay_days=3)])


def test_an_unknown_placeholder_is_listed() -> None:
    with pytest.raises(ReminderLevelsError) as caught:
        check_levels([replace(FIRST, body="{clientt} {montant_du} {foo}")])
    assert caught.value.data["unknown"] == ["clientt", "foo"]


def test_the_reminder_placeholders_are_accepted() -> None:
    body = "{jours_de_retard} {montant_du} {penalites} {liste_factures} {numero}"
    check_levels([replace(FIRST, body=body)])


def test_levels_are_numbered_in_their_order_and_names_stripped() -> None:
    numbered = numbered_levels([replace(FIRST, position=9, name=" Amiable ")])
    assert numbered == [replace(FIRST, position=1, name="Amiable")]


# --- stored ------------------------------------------------------------------------------


def test_the_defaults_until_levels_are_saved(db: Database) -> None:
    assert get_levels(db) == list(DEFAULT_LEVELS)
    saved = save_levels(db, [replace(SECOND, position=5), replace(THIRD, letter=False)])
    assert get_levels(db) == saved
    assert [(level.position, level.name, level.letter) for level in saved] == [
        (1, SECOND.name, False),
        (2, THIRD.name, False),
    ]


def test_save_settings_writes_the_levels_with_the_company(db: Database) -> None:
    levels = [FIRST, replace(SECOND, after=ReminderBase.PREVIOUS, delay_days=10)]
    company = save_settings(
        db, {"name": "ACME", "legal_interest_rate": " 3,05 ", "reminder_per_invoice": True},
        levels=levels,
    )  # fmt: skip
    assert company.legal_interest_rate == "3,05"
    assert get_company(db).reminder_per_invoice is True
    assert get_levels(db) == numbered_levels(levels)

    save_settings(db, {"name": "ACME 2"})  # no levels given: left as they are
    assert get_levels(db) == numbered_levels(levels)


def test_a_refused_level_writes_nothing(db: Database) -> None:
    update_company(db, name="ACME")
    save_levels(db, [FIRST, SECOND])
    before_company, before_levels = get_company(db), get_levels(db)
    with pytest.raises(ReminderLevelsError) as caught:
        save_settings(
            db,
            {"name": "Autre nom", "city": "Lyon"},
            levels=[THIRD, replace(FIRST, delay_days=45)],
        )
    assert caught.value.data["position"] == 2
    assert get_company(db) == before_company
    assert get_levels(db) == before_levels


def test_a_refused_company_field_writes_no_level(db: Database) -> None:
    update_company(db, name="ACME")
    with pytest.raises(ValidationError):
        save_settings(db, {"legal_interest_rate": "0"}, levels=[FIRST])
    assert get_levels(db) == list(DEFAULT_LEVELS)  # still none stored
    assert get_company(db).legal_interest_rate == ""


@pytest.mark.parametrize(
    ("typed", "reason"), [("0", "range"), ("100", "range"), ("2,7a", "format"), ("-1", "format")]
)
def test_a_bad_legal_rate_is_refused(db: Database, typed: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        save_settings(db, {"name": "ACME", "legal_interest_rate": typed})
    assert caught.value.code == "settings.legal_rate"
    assert caught.value.data["reason"] == reason
    assert get_company(db).name == ""


@pytest.mark.parametrize("typed", ["2,76", "2.76", "3 %", "12,5%", ""])
def test_a_legal_rate_is_accepted(db: Database, typed: str) -> None:
    assert save_settings(db, {"name": "ACME", "legal_interest_rate": typed}).name == "ACME"
