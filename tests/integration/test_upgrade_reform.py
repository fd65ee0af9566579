"""Revision 0007 (e-invoicing reform): existing clients get a type and an electronic
address, the company keeps its category unchosen, and nothing archived changes.

The released fixture (schema-0004) is brought to 0006 with Alembic, given identifiers the
way users typed them over the years (a SIREN, only a SIRET, only a VAT number, nothing),
then opened by today's program, which migrates it to the head.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.db.database import alembic_config, open_database
from app.domain.reform import ClientType
from app.services.clients import get_client
from app.services.documents import ensure_archived_pdf, get_document
from app.services.settings import get_company
from tests.db_fixtures import _admin

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema-0004.db"
SIREN = "732829320"
# client id: (siren, siret, vat_number) typed before 0007
IDENTIFIERS = {
    1: (SIREN, "", ""),  # Boulangerie Éclair
    2: ("", "40483304800022", ""),  # Atelier Dupont & Fils: only a SIRET
    3: ("", "", ""),  # Mme Anaïs Le Goff: a private person
    4: ("", "", "FR83404833048"),  # SCI Les Acacias: only a VAT number
}


def _upgrade(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def _downgrade(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()


@pytest.fixture
def at_0006(tmp_path: Path) -> Path:
    """The released 0004 fixture at revision 0006, with identifiers on its clients."""
    path = tmp_path / "facturier.db"
    shutil.copyfile(FIXTURE, path)
    _upgrade(f"sqlite:///{path}", "0006")
    conn = sqlite3.connect(path)
    with conn:
        for client_id, (siren, siret, vat) in IDENTIFIERS.items():
            conn.execute(
                "UPDATE client SET siren = ?, siret = ?, vat_number = ? WHERE id = ?",
                (siren, siret, vat, client_id),
            )
    conn.close()
    return path


def _archive(path: Path) -> dict[str, bytes]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT sha256, data FROM pdf_archive").fetchall())
    finally:
        conn.close()


def test_existing_clients_get_a_type_and_an_address_and_archives_stay(at_0006: Path) -> None:
    archive = _archive(at_0006)
    conn = sqlite3.connect(at_0006)
    references = dict(conn.execute("SELECT id, pdf_sha256 FROM document").fetchall())
    conn.close()
    assert archive and any(references.values())

    db = open_database(str(at_0006), timeout=5)
    try:
        assert db.migrated_from == "0006"
        types = {i: get_client(db, i).client_type for i in IDENTIFIERS}
        assert types == {
            1: ClientType.BUSINESS,
            2: ClientType.BUSINESS,
            3: ClientType.PRIVATE,
            4: ClientType.BUSINESS,
        }
        addresses = {i: get_client(db, i).e_address for i in IDENTIFIERS}
        assert addresses == {1: SIREN, 2: "404833048", 3: "", 4: "404833048"}
        for client_id in IDENTIFIERS:
            client = get_client(db, client_id)
            assert client.operation_category is None and client.delivery.is_empty

        company = get_company(db)
        assert company.e_address == SIREN  # the fixture company's SIREN
        assert company.operation_category is None  # not guessed: chosen by the user
        assert company.vat_on_debits is False

        for document_id, sha in references.items():
            document = get_document(db, document_id)
            assert document.operation_category is None and document.vat_on_debits is None
            assert document.delivery.is_empty
            if sha is not None:  # never rendered again: the very bytes archived
                assert ensure_archived_pdf(db, document_id) == archive[sha]
    finally:
        db.dispose()
    assert _archive(at_0006) == archive


def test_the_revision_goes_down_and_up_again(at_0006: Path) -> None:
    url = f"sqlite:///{at_0006}"
    _upgrade(url, "0007")
    _downgrade(url, "0006")
    conn = sqlite3.connect(at_0006)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(client)")}
    conn.close()
    assert "client_type" not in columns and "e_address" not in columns
    _upgrade(url, "0007")
    db = open_database(str(at_0006), timeout=5)
    try:
        assert get_client(db, 3).client_type == ClientType.PRIVATE
    finally:
        db.dispose()


@pytest.fixture
def empty_pg(pg_server_url: str) -> Iterator[str]:
    name = f"test_{uuid.uuid4().hex[:12]}"
    _admin(pg_server_url, f"CREATE DATABASE {name}")
    yield make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    _admin(pg_server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_the_upgrade_runs_on_postgresql(empty_pg: str) -> None:
    _upgrade(empty_pg, "0006")
    engine = create_engine(empty_pg)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO company_settings (id, name, siren, siret, vat_number, "
                    "legal_form, capital, street, postal_code, city, country, rcs, phone, "
                    "email, website, iban, bic, vat_exempt, payment_terms, payment_days, "
                    "late_penalty_text, sender_name, sender_address, copy_to_self, "
                    "rate_per_minute, smtp_host, smtp_port, smtp_security, smtp_user, "
                    "smtp_insecure) VALUES (1, 'Lefèvre', :siren, '', '', '', '', '', '', '', "
                    "'France', '', '', '', '', '', '', false, '', 30, '', '', '', 'none', 0, "
                    "'', 587, 'starttls', '', false)"
                ),
                {"siren": SIREN},
            )
            for client_id, (siren, siret, vat) in IDENTIFIERS.items():
                conn.execute(
                    text(
                        "INSERT INTO client (id, name, siren, siret, vat_number, street, "
                        "postal_code, city, country, notes, created_at, updated_at) VALUES "
                        "(:id, :name, :siren, :siret, :vat, '', '', '', 'France', '', "
                        "now(), now())"
                    ),
                    {"id": client_id, "name": f"c{client_id}", "siren": siren, "siret": siret,
                     "vat": vat},
                )  # fmt: skip
        _upgrade(empty_pg, "0007")
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, client_type, e_address FROM client ORDER BY id")
            ).all()
            company = conn.execute(
                text("SELECT e_address, operation_category, vat_on_debits FROM company_settings")
            ).one()
        assert [tuple(r) for r in rows] == [
            (1, "business", SIREN),
            (2, "business", "404833048"),
            (3, "private", ""),
            (4, "business", "404833048"),
        ]
        assert tuple(company) == (SIREN, "", False)
        _downgrade(empty_pg, "0006")
    finally:
        engine.dispose()
