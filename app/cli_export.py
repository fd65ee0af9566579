"""`facturier export`: the sales journal of a period for the accountant, as a FEC file
(default) or a CSV file, and optionally the period's PDFs in a zip file.

``--out`` names the file, or a folder to write it in under its usual name
(``<SIREN>FEC<AAAAMMJJ>.txt``, ``ventes-<from>-<to>.csv``). Nothing is written over an
existing file without ``--force``, never over the database; bad dates exit 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.domain.fec import file_name
from app.domain.formatting import format_amount
from app.files import check_target, write_file
from app.i18n import _
from app.services.database import Database
from app.services.sales_journal import SalesJournal, csv_bytes, fec_bytes, pdfs_zip, sales_journal

EXIT_OK = 0


def run_export(db: Database, args: argparse.Namespace) -> int:
    guard = db.output_guard()
    journal = sales_journal(db, args.start, args.end)
    target = _target(args.out, journal, args.format)
    check_target(target, force=args.force, guard=guard)
    if args.pdfs is not None:
        check_target(args.pdfs, force=args.force, guard=guard)
    data = fec_bytes(journal) if args.format == "fec" else csv_bytes(journal)
    write_file(target, data, force=args.force, guard=guard)
    print(
        _(
            "{path}: {documents} document(s), {lines} line(s), debit {debit} = credit {credit}"
        ).format(
            path=target,
            documents=len(journal.documents),
            lines=len(journal.lines),
            debit=format_amount(journal.debit),
            credit=format_amount(journal.credit),
        )
    )
    if args.pdfs is not None:
        write_file(args.pdfs, pdfs_zip(db, journal), force=args.force, guard=guard)
        print(_("{path}: {n} PDF(s)").format(path=args.pdfs, n=len(journal.documents)))
    return EXIT_OK


def _target(out: Path, journal: SalesJournal, kind: str) -> Path:
    if not out.expanduser().is_dir():
        return out
    if kind == "fec":
        return out / file_name(journal.siren, journal.end)
    return out / f"ventes-{journal.start:%Y%m%d}-{journal.end:%Y%m%d}.csv"
