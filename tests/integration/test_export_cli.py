"""`facturier export`: the sales journal of a period as a FEC file (or CSV) on demo data."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.database import open_database
from app.db.models import Document
from app.domain.fec import COLUMNS
from app.domain.kinds import DocumentStatus
from app.services.demo import fill_demo
from tests.integration.test_send_cli import facturier

DEMO_TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "facturier.db"
    db = open_database(str(path))
    fill_demo(db, clients=12, documents=80, today=DEMO_TODAY)
    db.dispose()
    return path


def amount(text: str) -> Decimal:
    assert "." not in text and " " not in text  # a decimal comma, no thousands separator
    return Decimal(text.replace(",", "."))


def legal_totals(path: Path) -> tuple[int, Decimal, Decimal]:
    """How many invoices and credit notes the demo year holds, and their totals."""
    db = open_database(str(path))
    try:
        with db.read() as session:
            rows = session.execute(
                select(Document.kind, Document.total_incl).where(
                    Document.kind.in_(["invoice", "credit_note"]),
                    Document.status == str(DocumentStatus.VALIDATED),
                    Document.issue_date >= date(2026, 1, 1),
                    Document.issue_date <= date(2026, 12, 31),
                )
            ).all()
    finally:
        db.dispose()
    invoices = sum((Decimal(t) for k, t in rows if k == "invoice"), Decimal(0))
    credits = sum((Decimal(t) for k, t in rows if k == "credit_note"), Decimal(0))
    return len(rows), invoices, credits


def test_a_fec_file_for_the_demo_year_balances_and_follows_the_format(
    demo_path: Path, tmp_path: Path
) -> None:
    zip_path = tmp_path / "pdfs.zip"
    result = facturier(
        demo_path,
        "export", "--from", "2026-01-01", "--to", "31/12/2026",
        "--out", str(tmp_path), "--pdfs", str(zip_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    files = list(tmp_path.glob("*FEC20261231.txt"))
    assert len(files) == 1 and files[0].name[:9].isdigit()  # <SIREN>FEC<closing date>.txt
    text = files[0].read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == ""  # every line ends with CRLF
    rows = [line.split("\t") for line in lines[:-1]]
    assert tuple(rows[0]) == COLUMNS and len(COLUMNS) == 18
    assert all(len(fields) == 18 for fields in rows)
    body = rows[1:]
    debit: dict[str, Decimal] = defaultdict(Decimal)
    credit: dict[str, Decimal] = defaultdict(Decimal)
    for fields in body:
        assert fields[0] == "VT" and fields[1] == "Ventes"
        assert len(fields[3]) == 8 and fields[3].startswith("2026")  # AAAAMMJJ
        assert fields[4][:3].isdigit()  # a PCG account
        debit[fields[2]] += amount(fields[11])
        credit[fields[2]] += amount(fields[12])
    assert debit == credit  # every entry balances
    entries = sorted({int(fields[2]) for fields in body})
    count, invoices, credit_notes = legal_totals(demo_path)
    assert entries == list(range(1, count + 1))  # one entry per document, no gap
    clients = [f for f in body if f[4] == "411000"]
    assert all(f[6].startswith("C") and f[7] for f in clients)  # the client's sub-account
    assert sum((amount(f[11]) for f in clients), Decimal(0)) == invoices
    assert sum((amount(f[12]) for f in clients), Decimal(0)) == credit_notes
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        assert len(names) == count and all(n.endswith(".pdf") for n in names)
        assert archive.read(names[0]).startswith(b"%PDF")
    assert f"{count} document(s)" in result.stdout or f"{count} document" in result.stdout


def test_the_csv_journal_and_the_refusals(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "ventes.csv"
    args = ("export", "--from", "2026-06-01", "--to", "2026-06-30", "--format", "csv")
    result = facturier(demo_path, *args, "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == COLUMNS and all(len(r) == 18 for r in rows)
    assert all(r[3].startswith("202606") for r in rows[1:])
    again = facturier(demo_path, *args, "--out", str(out))
    assert again.returncode == 2 and out.read_bytes() == data  # never over a file unasked
    assert facturier(demo_path, *args, "--out", str(out), "--force").returncode == 0
    backwards = facturier(demo_path, "export", "--from", "2026-07-01", "--to", "2026-06-01",
                          "--out", str(tmp_path / "x.txt"))  # fmt: skip
    assert backwards.returncode == 2 and "Traceback" not in backwards.stderr
    assert not (tmp_path / "x.txt").exists()
    bad = facturier(demo_path, "export", "--from", "2026-13-45", "--to", "2026-12-31",
                    "--out", str(tmp_path / "y.txt"))  # fmt: skip
    assert bad.returncode == 2
