"""One validation per setting, at entry, with the same limits on SQLite and PostgreSQL
(issue 15, point 11); `db copy` names the row a target refuses instead of a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import String, func, select, text

from app.cli import main
from app.core_text import set_language
from app.db.database import Database, open_database
from app.db.models import Client, CompanySettings
from app.errors import ValidationError
from app.services.clients import ClientData, save_client
from app.services.db_copy import CopyRowError, copy_database
from app.services.settings import (
    COLUMN_LIMITS,
    LIMITS,
    RANGES,
    Company,
    company_problems,
    get_company,
    save_settings,
    update_company,
)

LINE_SEPARATOR = "\u2028"


@pytest.fixture(autouse=True)
def language() -> Iterator[None]:
    yield
    set_language(None)


def settings(db_url: str, *args: str) -> int:
    return main(["--db", db_url, "settings", *args])


# --- the command line -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            f"Atelier{LINE_SEPARATOR}Dupont",
            "Le nom de l’expéditeur (--name)\u00a0: Les retours à la ligne et caractères de "
            "contrôle (U+2028) ne sont pas permis.",
        ),
        (
            "Atelier\u202eDupont",  # right-to-left override: shows the name backwards
            "Le nom de l’expéditeur (--name)\u00a0: Les retours à la ligne et caractères de "
            "contrôle (U+202E) ne sont pas permis.",
        ),
        (
            "A" * 201,
            "Le nom de l’expéditeur (--name)\u00a0: Trop long\u00a0: 201 caractères, 200 au plus.",
        ),
    ],
    ids=["line-separator", "bidi-override", "too-long"],
)
def test_settings_sender_refuses_a_name_that_would_break_sending(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    """Before: accepted on SQLite (every later send broke), a traceback on PostgreSQL."""
    update_company(db, name="Atelier Dupont", sender_name="Atelier Dupont")
    set_language("fr")
    code = settings(db_url, "sender", "--name", name, "--address", "contact@atelier.example")
    assert code == 2
    err = capsys.readouterr().err
    assert err.strip() == message
    assert get_company(db).sender_name == "Atelier Dupont"  # nothing written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["sender", "--name", "A", "--address", "a@b.example", "--rate-per-minute", "9" * 12],
            "La cadence (--rate-per-minute)\u00a0: 999999999999 n’est pas permis\u00a0: "
            "la valeur doit être comprise entre 0 et 1000.",
        ),
        (
            ["smtp", "--host", "smtp.example.org", "--port", "70000", "--security", "ssl"],
            "Le port (--port)\u00a0: 70000 n’est pas permis\u00a0: la valeur doit être comprise "
            "entre 1 et 65535.",
        ),
        (
            ["smtp", "--host", "smtp.example.org", "--port", "465", "--security", "ssl",
             "--user", "u" * 255],
            "L’identifiant (--user)\u00a0: Trop long\u00a0: 255 caractères, 254 au plus.",
        ),
        (
            ["smtp", "--host", "smtp\u0000.example.org", "--port", "465", "--security", "ssl"],
            "Le serveur de messagerie (--host)\u00a0: Les retours à la ligne et caractères de "
            "contrôle (U+0000) ne sont pas permis.",
        ),
    ],
    ids=["rate", "port", "user", "host"],
)  # fmt: skip
def test_settings_commands_check_every_field_the_same_on_both_databases(
    db: Database,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    set_language("fr")
    assert settings(db_url, *args) == 2
    err = capsys.readouterr().err
    assert err.strip() == message and "Traceback" not in err
    assert get_company(db) == Company()  # nothing written


def test_a_good_setting_is_still_written(db: Database, db_url: str) -> None:
    assert settings(db_url, "sender", "--name", "Atelier Dupont", "--address", "a@b.example") == 0
    assert get_company(db).sender_name == "Atelier Dupont"


def test_the_command_line_runs_as_a_process_without_traceback(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", str(db_path), "settings", "sender",
         "--name", f"A{LINE_SEPARATOR}B", "--address", "a@b.example"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LANG": "fr_FR.UTF-8", "PYTHONIOENCODING": "utf-8"},
        encoding="utf-8",
    )  # fmt: skip
    assert result.returncode == 2
    assert "Le nom de l’expéditeur (--name)" in result.stderr
    assert "Traceback" not in result.stderr


# --- the service: what the window and the command line share ----------------------------


def test_update_company_checks_the_fields_it_changes(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        update_company(db, sender_name=f"A{LINE_SEPARATOR}B")
    assert caught.value.code == "client.control_character"
    assert caught.value.data["field"] == "sender_name"
    with pytest.raises(ValidationError) as too_long:
        update_company(db, city="x" * 121)
    assert too_long.value.code == "client.too_long" and too_long.value.data["limit"] == 120
    with pytest.raises(ValidationError) as days:
        update_company(db, payment_days=366)
    assert days.value.data == {
        "field": "payment_days", "value": 366, "low": 0, "high": 365, "reason": "range"
    }  # fmt: skip
    update_company(db, city="Lyon")  # a field left as it was does not block another
    assert get_company(db).city == "Lyon"


def test_the_limits_are_the_columns(db: Database) -> None:
    columns = {
        column.name: column.type.length
        for column in CompanySettings.__table__.columns
        if isinstance(column.type, String) and column.type.length
    }
    assert columns == COLUMN_LIMITS
    for name, limit in LIMITS.items():
        assert name in ("payment_terms", "late_penalty_text") or columns[name] == limit
    assert RANGES["smtp_port"] == (1, 65535)


def test_a_value_that_grows_when_normalized_must_fit_its_column(db: Database) -> None:
    """A 33-character IBAN is written in groups of four: 41 characters, the column 40."""
    iban = _iban("RU", "04452560040702810412345678901")
    assert len(iban) == 33
    problems = company_problems(Company(name="Atelier", iban=iban))
    assert [(p.code, p.data["field"], p.data["length"]) for p in problems] == [
        ("client.too_long", "iban", 41)
    ]
    with pytest.raises(ValidationError):
        save_settings(db, {"name": "Atelier", "iban": iban})
    save_settings(db, {"name": "Atelier", "iban": _iban("FR", "30004008250001234567843")})


def _iban(country: str, bban: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


# --- db copy: the row a target refuses is named ------------------------------------------


def _source_with(db_path: Path, sql: str) -> Database:
    source = open_database(str(db_path))
    save_client(source, ClientData("Boulangerie Éclair", city="Lyon"))
    with source.write() as session:
        session.execute(text(sql))  # what SQLite (or an older version) let in
    return source


@pytest.mark.parametrize(
    ("sql", "reason", "column"),
    [
        (f"UPDATE client SET name = '{'N' * 250}' WHERE id = 1", "too_long", "name"),
        ("UPDATE client SET notes = 'a' || char(0) || 'b' WHERE id = 1", "nul", "notes"),
    ],
    ids=["too-long", "nul"],
)
def test_db_copy_names_the_row_postgresql_would_refuse(
    db_path: Path, pg_url: str, sql: str, reason: str, column: str
) -> None:
    source = _source_with(db_path, sql)
    try:
        with pytest.raises(CopyRowError) as caught:
            copy_database(source, pg_url)
    finally:
        source.dispose()
    data = caught.value.data
    assert (data["table"], data["id"], data["column"], data["reason"]) == (
        "client", "1", column, reason
    )  # fmt: skip
    target = open_database(pg_url)
    try:
        with target.read() as session:
            assert session.scalar(select(func.count()).select_from(Client)) == 0
    finally:
        target.dispose()


def test_db_copy_command_reports_the_row_in_french(db_path: Path, pg_url: str) -> None:
    """Before: a StringDataRightTruncation traceback."""
    _source_with(db_path, f"UPDATE client SET name = '{'N' * 250}' WHERE id = 1").dispose()
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "--db", str(db_path), "db", "copy", "--to", pg_url],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "LANG": "fr_FR.UTF-8"},
    )
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert (
        "dans la table client, la ligne 1 a un champ name de 250 caractères, et la base de "
        "destination en permet 200 au plus" in result.stderr
    )
    assert "Rien n’a été copié." in result.stderr


def test_the_accountant_address_is_set_checked_shown_and_removed(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["sender", "--name", "Atelier Dupont", "--address", "a@b.example"]
    assert settings(db_url, *base, "--accountant", " cabinet@compta.example ") == 0
    assert get_company(db).accountant_address == "cabinet@compta.example"
    assert settings(db_url, "show") == 0
    assert "sender.accountant: cabinet@compta.example" in capsys.readouterr().out.splitlines()

    set_language("en")
    assert settings(db_url, *base, "--accountant", "cabinet@@compta") == 2
    err = capsys.readouterr().err
    assert err.startswith("The accountant's address (--accountant): ")
    assert get_company(db).accountant_address == "cabinet@compta.example"  # unchanged

    assert settings(db_url, *base) == 0  # not given: left as it is
    assert get_company(db).accountant_address == "cabinet@compta.example"
    assert settings(db_url, *base, "--accountant", "") == 0
    assert get_company(db).accountant_address == ""
