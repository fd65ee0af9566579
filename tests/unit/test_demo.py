"""Demo data (``facturier demo``): real SQLite files, checked table by table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from stdnum import iban

from app.db.database import Database, open_database
from app.db.models import (
    Base,
    Contact,
    Document,
    DocumentLine,
    NumberCounter,
    PdfArchive,
    SendRecord,
)
from app.domain.addresses import check_address
from app.domain.kinds import ContactKind, DocumentKind, DocumentStatus
from app.domain.money import LineAmounts, compute_totals, to_decimal
from app.domain.numbering import format_number
from app.errors import DatabaseNotEmptyError, ValidationError
from app.services import demo
from app.services.clients import ClientData, ContactData, get_client, list_clients, save_client
from app.services.demo import DemoSummary, fill_demo
from app.services.demo_data import luhn_ok, vat_number_for
from app.services.settings import get_company, update_company

TODAY = date(2026, 3, 15)
KINDS = (DocumentKind.INVOICE, DocumentKind.QUOTE, DocumentKind.ORDER, DocumentKind.DELIVERY)


def _open(path: Path) -> Database:
    return open_database(str(path), timeout=5)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    """The default demo, made once (each validated document renders its PDF): tests that
    use it only read it."""
    db = _open(tmp_path_factory.mktemp("demo") / "demo.db")
    try:
        yield db, fill_demo(db, today=TODAY)
    finally:
        db.dispose()


@pytest.fixture
def small_demo(tmp_path: Path) -> Iterator[tuple[Database, DemoSummary]]:
    db = _open(tmp_path / "demo.db")
    try:
        yield db, fill_demo(db, clients=8, documents=24, today=TODAY)
    finally:
        db.dispose()


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    with db.read() as session:
        return {
            table.name: [
                tuple(row)
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


def _documents(db: Database) -> list[Document]:
    with db.read() as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


def test_counts_per_kind_and_summary(demo_db: tuple[Database, DemoSummary]) -> None:
    db, summary = demo_db
    docs = _documents(db)
    assert len(docs) == summary.documents == 200
    counts = {kind: sum(1 for d in docs if d.kind == kind) for kind in KINDS}
    assert counts == summary.by_kind
    assert all(counts[kind] > 0 for kind in KINDS)
    assert counts[DocumentKind.INVOICE] > sum(counts.values()) / 2  # mostly invoices
    assert summary.clients == len(list_clients(db)) == 40
    assert summary.years == (2025, 2026)
    with db.read() as session:
        assert len(session.scalars(select(DocumentLine)).all()) == summary.lines
        assert len(session.scalars(select(SendRecord)).all()) == summary.send_records
        assert len(session.scalars(select(Contact)).all()) == summary.contacts
    assert summary.validated == 200  # the default demo: every document validated
    with db.read() as session:
        archived = {a.sha256: a.data for a in session.scalars(select(PdfArchive))}
    for doc in docs:
        assert doc.status == DocumentStatus.VALIDATED
        assert doc.validated_at is not None
        # Archived when validated, as a real document (before: rendered at first use).
        assert doc.pdf_sha256 is not None and archived[doc.pdf_sha256].startswith(b"%PDF-")
        assert (doc.facturx_profile is not None) == (doc.kind == DocumentKind.INVOICE)
        assert TODAY - timedelta(days=430) <= doc.issue_date <= TODAY
        assert (doc.due_date is not None) == (doc.kind == DocumentKind.INVOICE)
        if doc.due_date is not None:
            assert doc.due_date == doc.issue_date + timedelta(days=30)


def test_numbering_is_contiguous_chronological_and_counters_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "CHUNK", 37)  # several chunks, boundaries inside a series
    monkeypatch.setattr(demo, "VALIDATED_LIMIT", 60)  # and drafts between the numbers
    db = _open(tmp_path / "demo.db")
    try:
        fill_demo(db, documents=300, clients=12, today=TODAY)
        series: dict[tuple[str, int], list[Document]] = defaultdict(list)
        for doc in _documents(db):
            if doc.status == DocumentStatus.DRAFT:
                continue
            assert doc.year == doc.issue_date.year
            series[(doc.kind, doc.issue_date.year)].append(doc)
        assert {year for _, year in series} == {2025, 2026}
        with db.read() as session:
            counters = {
                (c.kind, c.year): c.last_value for c in session.scalars(select(NumberCounter))
            }
        assert set(counters) == set(series)
        for (kind, year), docs in series.items():
            docs.sort(key=lambda d: d.sequence or 0)
            assert [d.sequence for d in docs] == list(range(1, len(docs) + 1))
            assert [d.number for d in docs] == [
                format_number(DocumentKind(kind), year, n) for n in range(1, len(docs) + 1)
            ]
            dates = [d.issue_date for d in docs]
            assert dates == sorted(dates)  # numbers follow the dates
            assert counters[(kind, year)] == len(docs)
    finally:
        db.dispose()


def test_next_real_validation_continues_the_series(
    small_demo: tuple[Database, DemoSummary],
) -> None:
    pytest.importorskip("app.pdf.render")
    from app.services.documents import validate_document

    db, _summary = small_demo
    docs = _documents(db)
    taken = {d.number for d in docs}
    drafts: dict[tuple[DocumentKind, int], int] = {}
    with db.write() as session:  # drafts as the document editor saves them
        for kind, issued in (
            (DocumentKind.INVOICE, TODAY),
            (DocumentKind.QUOTE, date(2025, 12, 31)),
        ):
            row = Document(
                kind=str(kind),
                status=str(DocumentStatus.DRAFT),
                client_id=docs[0].client_id,
                issue_date=issued,
                created_at=datetime(2026, 3, 15, 9),
                updated_at=datetime(2026, 3, 15, 9),
                lines=[
                    DocumentLine(
                        description="Main-d'œuvre",
                        quantity=Decimal("2"),
                        unit="h",
                        unit_price=Decimal("50"),
                        vat_rate=Decimal("20"),
                    )
                ],
            )
            session.add(row)
            session.flush()
            drafts[(kind, issued.year)] = row.id
    for (kind, year), draft_id in drafts.items():
        in_series = sum(1 for d in docs if d.kind == kind and d.year == year)
        validated = validate_document(db, draft_id)
        assert validated.number == format_number(kind, year, in_series + 1)
        assert validated.number not in taken


def test_totals_are_compute_totals_of_the_stored_lines(
    demo_db: tuple[Database, DemoSummary],
) -> None:
    db, _summary = demo_db
    rates: set[Decimal] = set()
    with db.read() as session:
        lines: dict[int, list[DocumentLine]] = defaultdict(list)
        for line in session.scalars(select(DocumentLine).order_by(DocumentLine.position)):
            lines[line.document_id].append(line)
        for doc in session.scalars(select(Document)):
            assert 1 <= len(lines[doc.id]) <= 6
            assert [line.position for line in lines[doc.id]] == list(range(len(lines[doc.id])))
            amounts = [
                LineAmounts(
                    to_decimal(line.quantity),
                    to_decimal(line.unit_price),
                    to_decimal(line.vat_rate),
                    to_decimal(line.discount_percent),
                )
                for line in lines[doc.id]
            ]
            for line in lines[doc.id]:
                assert line.description and line.unit
                rates.add(to_decimal(line.vat_rate).normalize())
            totals = compute_totals(amounts)
            assert doc.total_excl == totals.total_excl
            assert doc.total_vat == totals.total_vat
            assert doc.total_incl == totals.total_incl == doc.total_excl + doc.total_vat
            assert doc.total_incl > 0
    assert rates == {Decimal("20"), Decimal("10"), Decimal("5.5")}


def test_clients_mail_addresses(demo_db: tuple[Database, DemoSummary]) -> None:
    db, summary = demo_db
    clients = [get_client(db, c.id) for c in list_clients(db)]
    without = [c for c in clients if not c.mailing_addresses]
    assert len(without) == summary.clients_without_mail >= 2
    assert len(without) <= len(clients) // 5
    # both ways of having no Mail address: no e-Mail row, or an e-Mail row left unticked
    assert any(not any(r.kind == ContactKind.EMAIL for r in c.contacts) for c in without)
    assert any(any(r.kind == ContactKind.EMAIL for r in c.contacts) for c in without)
    two = [c for c in clients if len(c.mailing_addresses) == 2]
    assert len(two) == summary.clients_with_two_mail >= 2
    non_ascii = [a for c in clients for a in c.mailing_addresses if not a.isascii()]
    assert non_ascii == ["françoise@ébénisterie-lemaître.example"]
    assert check_address(non_ascii[0]) == non_ascii[0]  # valid with SMTPUTF8
    kinds = {r.kind for c in clients for r in c.contacts}
    assert {ContactKind.EMAIL, ContactKind.PHONE, ContactKind.MOBILE, ContactKind.WEB} <= kinds
    for client in clients:
        assert client.name and client.street and client.postal_code and client.city
        for row in client.contacts:
            if row.kind == ContactKind.EMAIL:
                assert check_address(row.value) == row.value
                assert row.value.endswith(".example")  # never a real mailbox
            else:
                assert not row.mail
        if client.siren:
            assert luhn_ok(client.siren) and luhn_ok(client.siret)
            assert client.siret.startswith(client.siren)
            assert client.vat_number == vat_number_for(client.siren)
    names = [c.name for c in clients]
    assert len(set(names)) == len(names)
    assert any(n.startswith(("M. ", "Mme ")) for n in names)  # individuals
    assert any(not n.startswith(("M. ", "Mme ")) for n in names)  # businesses


def test_sent_documents_have_history_and_an_address(
    demo_db: tuple[Database, DemoSummary],
) -> None:
    db, summary = demo_db
    addresses = {c.id: c.mailing_addresses for c in list_clients(db)}
    with db.read() as session:
        records: dict[int, list[SendRecord]] = defaultdict(list)
        for record in session.scalars(select(SendRecord).order_by(SendRecord.at)):
            records[record.document_id].append(record)
    docs = _documents(db)
    sent = [d for d in docs if d.sent_at is not None]
    assert len(sent) == summary.sent
    assert 0 < len(sent) < len(docs)
    assert {d.kind for d in sent} == set(KINDS)
    assert set(records) == {d.id for d in sent}
    for doc in docs:
        if doc.sent_at is None:
            assert doc.sent_to == ""
            continue
        assert addresses[doc.client_id], "sent to a client without address"
        assert doc.sent_to == ", ".join(addresses[doc.client_id])
        assert doc.validated_at is not None and doc.sent_at > doc.validated_at
        assert doc.sent_at.date() <= TODAY
        final = records[doc.id][-1]
        assert final.result == "sent"
        assert final.at == doc.sent_at
        assert final.to_addrs == doc.sent_to
        assert final.server_reply == "250 2.0.0 Ok: queued"
        assert final.message_id == f"<demo-{doc.id}@atelier-dupont.fr>"
        assert doc.number is not None and doc.number in final.subject
        assert "Atelier Dupont" in final.subject
        assert all(r.message_id == final.message_id for r in records[doc.id])
    # the latest documents are left unsent, for the user to try the batch
    mailable = [d for d in docs if addresses[d.client_id]]
    assert any(d.sent_at is None for d in mailable)


def test_company_settings(demo_db: tuple[Database, DemoSummary]) -> None:
    db, summary = demo_db
    assert summary.company_written
    company = get_company(db)
    assert company.name == "Atelier Dupont"
    assert company.city == "Lyon" and company.postal_code.startswith("69")
    assert len(company.siren) == 9 and luhn_ok(company.siren)
    assert len(company.siret) == 14 and luhn_ok(company.siret)
    assert company.siret.startswith(company.siren)
    key = (12 + 3 * (int(company.siren) % 97)) % 97
    assert company.vat_number == f"FR{key:02d}{company.siren}"
    assert company.siren[:3] in company.rcs and company.rcs.startswith("RCS Lyon")
    assert iban.is_valid(company.iban) and company.iban.startswith("FR76")
    assert company.email == company.sender_address == company.smtp_user
    assert company.email == "contact@atelier-dupont.fr"
    assert company.sender_name == company.name
    assert company.smtp_host == "smtp.atelier-dupont.fr" and company.smtp_port == 587
    assert company.smtp_security == "starttls"
    assert company.payment_terms == "30 jours" and company.payment_days == 30
    assert company.capital and company.phone and company.late_penalty_text
    assert not company.vat_exempt


def test_keeps_a_company_the_user_already_named(tmp_path: Path) -> None:
    db = _open(tmp_path / "demo.db")
    try:
        update_company(db, name="Menuiserie Martin", sender_address="jean@martin.example")
        before = get_company(db)
        summary = fill_demo(db, documents=20, clients=6, today=TODAY)
        assert not summary.company_written
        assert get_company(db) == before
        with db.read() as session:
            ids = session.scalars(select(SendRecord.message_id)).all()
        assert ids and all(i.endswith("@martin.example>") for i in ids)
    finally:
        db.dispose()


def test_refuses_a_database_with_a_client(tmp_path: Path) -> None:
    db = _open(tmp_path / "demo.db")
    try:
        save_client(db, ClientData("Client réel", contacts=(ContactData(ContactKind.PHONE, "1"),)))
        before = _dump(db)
        with pytest.raises(DatabaseNotEmptyError) as caught:
            fill_demo(db, today=TODAY)
        assert caught.value.code == "database.not_empty"
        assert caught.value.data == {"clients": 1, "documents": 0}
        assert _dump(db) == before
    finally:
        db.dispose()


def test_refuses_a_second_fill(demo_db: tuple[Database, DemoSummary]) -> None:
    db, _summary = demo_db
    before = _dump(db)
    with pytest.raises(DatabaseNotEmptyError):
        fill_demo(db, today=TODAY, seed=7)
    assert _dump(db) == before


def test_same_seed_same_database_other_seed_other_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "VALIDATED_LIMIT", 8)  # the PDFs too: rendering is deterministic
    dumps = []
    for name, seed in (("a.db", 11), ("b.db", 11), ("c.db", 12)):
        db = _open(tmp_path / name)
        try:
            fill_demo(db, documents=60, clients=15, today=TODAY, seed=seed)
            dumps.append(_dump(db))
        finally:
            db.dispose()
    assert dumps[0] == dumps[1]
    assert dumps[0]["client"] != dumps[2]["client"]
    assert dumps[0]["document"] != dumps[2]["document"]


def test_progress_reports_every_chunk_and_archiving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "CHUNK", 40)
    monkeypatch.setattr(demo, "VALIDATED_LIMIT", 25)  # every fourth document
    monkeypatch.setattr(demo, "ARCHIVE_PROGRESS", 4)
    calls: list[tuple[int, int]] = []
    db = _open(tmp_path / "demo.db")
    try:
        fill_demo(
            db, documents=100, today=TODAY, progress=lambda done, total: calls.append((done, total))
        )
    finally:
        db.dispose()
    # Chunk ends, and within a chunk every fourth PDF: the documents before it are done.
    assert calls == [
        (0, 100), (15, 100), (31, 100), (40, 100), (55, 100), (71, 100), (80, 100),
        (95, 100), (100, 100),
    ]  # fmt: skip


def test_a_demo_document_keeps_the_pdf_of_its_validation(
    small_demo: tuple[Database, DemoSummary],
) -> None:
    """Before: validated without a PDF, its first one was rendered later, from the
    settings of that day (here another company name)."""
    from app.services.documents import ensure_archived_pdf

    db, _summary = small_demo
    invoice = next(d for d in _documents(db) if d.kind == DocumentKind.INVOICE)
    update_company(db, name="Menuiserie Martin")  # the user puts in their own company
    text = _pdf_text(ensure_archived_pdf(db, invoice.id))
    assert "Atelier Dupont" in text and "Menuiserie Martin" not in text


def _pdf_text(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_a_big_demo_validates_a_few_documents_spread_over_its_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering costs: past VALIDATED_LIMIT, the other documents are drafts, never
    "validated" without their PDF."""
    monkeypatch.setattr(demo, "VALIDATED_LIMIT", 12)
    db = _open(tmp_path / "demo.db")
    try:
        summary = fill_demo(db, documents=120, clients=10, today=TODAY)
        docs = _documents(db)
    finally:
        db.dispose()
    validated = [d for d in docs if d.status == DocumentStatus.VALIDATED]
    assert summary.validated == len(validated) == 12 and summary.documents == 120
    assert [d.id for d in validated] == list(range(10, 121, 10))  # spread, the last included
    assert all(d.pdf_sha256 is not None and d.number for d in validated)
    assert summary.sent == sum(1 for d in docs if d.sent_at is not None) > 0
    for draft in (d for d in docs if d.status == DocumentStatus.DRAFT):
        assert draft.number is None and draft.sequence is None and draft.validated_at is None
        assert draft.pdf_sha256 is None and draft.sent_at is None and draft.paid_on is None
        assert draft.total_incl > 0


def test_small_and_invalid_sizes(tmp_path: Path) -> None:
    db = _open(tmp_path / "demo.db")
    try:
        with pytest.raises(ValidationError):
            fill_demo(db, clients=0, documents=3, today=TODAY)
        with pytest.raises(ValidationError):
            fill_demo(db, clients=-1, documents=0, today=TODAY)
        summary = fill_demo(db, clients=1, documents=3, today=TODAY)
        assert (summary.clients, summary.documents) == (1, 3)
        assert summary.by_kind[DocumentKind.DELIVERY] == 0
        assert len(_documents(db)) == 3
    finally:
        db.dispose()
