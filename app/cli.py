"""The headless commands of CONTRACTS.md; with no sub-command, the caller opens the GUI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app import __version__
from app.cli_text import describe, say
from app.errors import FacturierError

if TYPE_CHECKING:
    from app.services.database import Database

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_QUEUED = 3
EXIT_FAILED = 4

KIND_CHOICES = ("invoice", "quote", "order", "delivery", "credit_note")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors: keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="facturier", description="Facturier: invoicing and batch e-mailing.")
    parser.add_argument("--version", action="version", version=f"facturier {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help="SQLAlchemy URL or SQLite file (default: FACTURIER_DB, then the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="fill an empty database with demo data")
    demo.add_argument("--clients", type=_positive, default=40)
    demo.add_argument("--documents", type=_positive, default=200)

    pdf = commands.add_parser("pdf", help="write a document's archived PDF to a file")
    pdf.add_argument("--kind", choices=KIND_CHOICES, required=True)
    pdf.add_argument("--number", required=True)
    pdf.add_argument("--out", type=Path, required=True)
    settings = commands.add_parser("settings", help="sender identity and SMTP account")
    which = settings.add_subparsers(dest="section", metavar="SECTION", parser_class=_Parser)
    which.required = True
    smtp = which.add_parser("smtp", help="the SMTP account")
    smtp.add_argument("--host", required=True)
    smtp.add_argument("--port", type=int, required=True)
    smtp.add_argument("--security", choices=("ssl", "starttls", "none"), required=True)
    smtp.add_argument("--user", default="")
    smtp.add_argument(
        "--insecure", action="store_true", help="allow plain SMTP to a non-local host"
    )
    sender = which.add_parser("sender", help="the sender's name and address, copy, pace")
    sender.add_argument("--name", required=True)
    sender.add_argument("--address", required=True)
    sender.add_argument("--copy-to-self", choices=("none", "cc", "bcc"))
    sender.add_argument("--rate-per-minute", type=int, metavar="R")
    which.add_parser("password", help="store the SMTP password (read from standard input)")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None, gui: Callable[[str | None], int] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        if gui is None:
            build_parser().print_help()
            return EXIT_USAGE
        return gui(args.db)
    try:
        return int(_COMMANDS[args.command](args))
    except FacturierError as error:
        print(describe(error), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _open(args: argparse.Namespace) -> Database:
    from app.services.database import open_database

    return open_database(args.db)


def _demo(args: argparse.Namespace) -> int:
    import time

    db = _open(args)
    try:
        from app.services.demo import fill_demo

        start = time.perf_counter()
        summary = fill_demo(db, clients=args.clients, documents=args.documents)
        elapsed = time.perf_counter() - start
    finally:
        db.dispose()
    print(
        say(
            "Demo data: {clients} clients, {documents} documents ({seconds:.1f} s).",
            "Données de démonstration : {clients} clients, {documents} documents "
            "({seconds:.1f} s).",
            clients=summary.clients,
            documents=summary.documents,
            seconds=elapsed,
        )
    )
    return EXIT_OK


def _pdf(args: argparse.Namespace) -> int:
    from app.domain.kinds import DocumentKind
    from app.services.documents import ensure_archived_pdf, find_document

    db = _open(args)
    try:
        document = find_document(db, DocumentKind(args.kind), args.number)
        data = ensure_archived_pdf(db, document.id)
    finally:
        db.dispose()
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        print(
            say(
                "Cannot write {path}: {reason}",
                "Impossible d'écrire {path} : {reason}",
                path=args.out,
                reason=exc.strerror,
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(args.out)
    return EXIT_OK


def _settings(args: argparse.Namespace) -> int:
    from app.domain.addresses import check_address
    from app.domain.kinds import CopyToSelf, SmtpSecurity
    from app.mail.transport import SmtpAccount, check_account
    from app.services.settings import store_smtp_password, update_company

    db = _open(args)
    try:
        if args.section == "smtp":
            security = SmtpSecurity(args.security)
            check_account(
                SmtpAccount(args.host, args.port, security, args.user or None, args.insecure)
            )
            update_company(
                db,
                smtp_host=args.host.strip(),
                smtp_port=args.port,
                smtp_security=security,
                smtp_user=args.user.strip(),
                smtp_insecure=args.insecure,
            )
        elif args.section == "sender":
            changes: dict[str, object] = {
                "sender_name": args.name.strip(),
                "sender_address": check_address(args.address),
            }
            if args.copy_to_self:
                changes["copy_to_self"] = CopyToSelf(args.copy_to_self)
            if args.rate_per_minute is not None:
                changes["rate_per_minute"] = args.rate_per_minute
            update_company(db, **changes)
        else:
            password = sys.stdin.readline().rstrip("\r\n")
            user = store_smtp_password(db, password)
            print(
                say(
                    "Password stored in the keyring for {user}.",
                    "Mot de passe enregistré dans le trousseau pour {user}.",
                    user=user,
                )
            )
    finally:
        db.dispose()
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _demo,
    "pdf": _pdf,
    "settings": _settings,
}

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
