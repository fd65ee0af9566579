"""The export for the accountant as the window makes it: the period's sales journal (FEC
or CSV) written in a folder under its usual name, and optionally the period's PDFs in a
zip file beside it. The files are checked before anything is written; an existing file
is only replaced when the caller says so (``replace``), the database's files never.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from app.db.database import Database
from app.domain.fec import file_name
from app.files import check_target, write_file
from app.services.sales_journal import SalesJournal, csv_bytes, fec_bytes, pdfs_zip, sales_journal


class ExportFormat(StrEnum):
    FEC = "fec"  # the tax administration's format (Fichier des écritures comptables)
    CSV = "csv"  # the same lines for a spreadsheet


class ExportStep(StrEnum):
    """What the export is doing, for a progress line."""

    JOURNAL = "journal"  # reading the period's documents
    PDFS = "pdfs"  # archiving and zipping their PDFs


@dataclass(frozen=True)
class ExportResult:
    journal_path: Path
    pdfs_path: Path | None
    documents: int
    lines: int
    debit: Decimal
    credit: Decimal


def journal_name(journal: SalesJournal, fmt: ExportFormat) -> str:
    """``<SIREN>FEC<AAAAMMJJ>.txt`` or ``ventes-<from>-<to>.csv`` (as ``facturier export``)."""
    if fmt == ExportFormat.FEC:
        return file_name(journal.siren, journal.end)
    return f"ventes-{journal.start:%Y%m%d}-{journal.end:%Y%m%d}.csv"


def pdfs_name(journal: SalesJournal) -> str:
    return f"ventes-{journal.start:%Y%m%d}-{journal.end:%Y%m%d}-pdf.zip"


def export_for_accountant(
    db: Database,
    start: date,
    end: date,
    fmt: ExportFormat,
    folder: Path,
    *,
    pdfs: bool = False,
    replace: bool = False,
    progress: Callable[[ExportStep], None] | None = None,
) -> ExportResult:
    """Write the files; raises ``PeriodError`` for a bad period and the ``app.files``
    errors (``file.exists`` unless ``replace``, missing folder, full disk...)."""
    report = progress or (lambda _step: None)
    guard = db.output_guard()
    report(ExportStep.JOURNAL)
    journal = sales_journal(db, start, end)
    target = check_target(folder / journal_name(journal, fmt), force=replace, guard=guard)
    zip_target = (
        check_target(folder / pdfs_name(journal), force=replace, guard=guard) if pdfs else None
    )
    data = fec_bytes(journal) if fmt == ExportFormat.FEC else csv_bytes(journal)
    archive = b""
    if zip_target is not None:  # made before writing anything: all or nothing
        report(ExportStep.PDFS)
        archive = pdfs_zip(db, journal)
    write_file(target, data, force=replace, guard=guard)
    if zip_target is not None:
        write_file(zip_target, archive, force=replace, guard=guard)
    return ExportResult(
        target,
        zip_target,
        len(journal.documents),
        len(journal.lines),
        journal.debit,
        journal.credit,
    )
