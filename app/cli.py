"""The headless commands (README.md, "Using it"), and the parser of the whole ``facturier``
command (ui.main dispatches: no sub-command opens the window, ``self-check`` is ui's)."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from app import __version__, cli_db, cli_imap, cli_mail_account, cli_platform
from app.cli_text import describe, describe_field
from app.domain.addresses import check_address
from app.domain.kinds import CopyToSelf, DocumentKind, SmtpSecurity, kind_codes, report_kinds
from app.domain.mail_failure import MailFailure
from app.domain.outbox import OutboxState
from app.errors import FacturierError, ValidationError
from app.files import check_target, write_file
from app.i18n import _

if TYPE_CHECKING:
    from app.services.database import Database
    from app.services.settings import Company

# LAZY_IMPORTS: each command imports its services when it runs. `facturier --help` and
# the window's start import this module: SQLAlchemy, Alembic and the services would add
# 0.6 s (app.services.database) to 1.3 s (app.services.printing, with fpdf2) of CPU to the
# 0.09 s it takes (measured with python -c, median of 3, issue 21).
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_QUEUED = 3
EXIT_FAILED = 4


def _codes(kinds: Sequence[str]) -> tuple[str, ...]:
    """Command line choices: each registered kind's code (see app.domain.kinds)."""
    return tuple(str(k) for k in kinds)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors: keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def _add_send_parsers(commands: argparse._SubParsersAction[Any]) -> None:
    send = commands.add_parser("send", help="e-mail documents (prepare, then send)")
    send.add_argument("--kind", choices=_codes(report_kinds()), required=True)
    which = send.add_mutually_exclusive_group(required=True)
    which.add_argument("--numbers", help="comma-separated document numbers")
    which.add_argument("--unsent", action="store_true", help="every validated unsent document")
    send.add_argument("--later", action="store_true", help="prepare only; send with 'outbox send'")
    send.add_argument(
        "--include-sent",
        action="store_true",
        help="also send documents e-mailed before (left out by default: no accidental repeat)",
    )
    send.add_argument(
        "--channel",
        choices=("auto", "email", "platform"),
        default="auto",
        help="each client's channel (auto: the platform for French businesses found in its "
        "directory, else e-mail), or e-mail or the platform for the whole batch",
    )
    send.add_argument(
        "--include-paid",
        action="store_true",
        help="with --unsent, also send paid invoices (left out by default)",
    )
    send.add_argument(
        "--one-mail-per-client",
        action="store_true",
        help="a client's documents go in one e-mail with all of them attached",
    )
    outbox = commands.add_parser("outbox", help="messages prepared and not yet sent")
    action = outbox.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    action.required = True
    listing = action.add_parser("list", help="one line per message not yet sent")
    listing.add_argument("--all", action="store_true", help="sent messages too, with their date")
    listing.add_argument(
        "--state",
        choices=_outbox_states(),
        help="only the messages in this state",
    )
    sending = action.add_parser("send", help="send what waits: queued, paused (held) and retries")
    sending.add_argument(
        "--as-is",
        nargs="+",
        type=int,
        metavar="ID",
        help="send these messages to the addresses they were prepared for, although the "
        "client's addresses changed since",
    )
    again = action.add_parser("resend", help="queue failed or uncertain messages again")
    again.add_argument("ids", nargs="+", type=int, metavar="ID")
    anew = action.add_parser(
        "reprepare", help="prepare waiting messages again with the client's current addresses"
    )
    anew.add_argument("ids", nargs="+", type=int, metavar="ID")


def _add_remind_parser(commands: argparse._SubParsersAction[Any]) -> None:
    remind = commands.add_parser(
        "remind", help="payment reminders for overdue invoices, through the same outbox"
    )
    remind.add_argument(
        "--level",
        default="auto",
        type=_level,
        help="auto (each invoice's next level, when due) or N (only invoices whose next "
        "level is N)",
    )
    remind.add_argument("--client", type=int, metavar="ID", help="only this client's invoices")
    remind.add_argument(
        "--later", action="store_true", help="prepare only; send with 'outbox send'"
    )
    remind.add_argument(
        "--dry-run", action="store_true", help="list what would be sent; write nothing"
    )


def _level(text: str) -> int | None:
    if text == "auto":
        return None
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError("auto or a level number (1, 2, 3 …)")


def _add_export_parser(commands: argparse._SubParsersAction[Any]) -> None:
    export = commands.add_parser(
        "export", help="the sales journal of a period for the accountant (FEC or CSV)"
    )
    export.add_argument("--from", dest="start", type=_day, required=True, metavar="DATE")
    export.add_argument("--to", dest="end", type=_day, required=True, metavar="DATE")
    export.add_argument("--format", choices=("fec", "csv"), default="fec")
    export.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help="the file, or a folder to write it in (FEC: <SIREN>FEC<AAAAMMJJ>.txt)",
    )
    export.add_argument(
        "--pdfs", type=Path, metavar="ZIP", help="also write the period's PDFs in this zip file"
    )
    export.add_argument("--force", action="store_true", help="replace files that exist")


def _day(text: str) -> date:
    """2026-01-31 or 31/01/2026."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError("a date as 2026-01-31 or 31/01/2026")


def _outbox_states() -> list[str]:
    return [str(state) for state in OutboxState]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="facturier", description="Facturier: invoicing and batch e-mailing.")
    parser.add_argument("--version", action="version", version=f"facturier {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help="SQLAlchemy URL or SQLite file (default: FACTURIER_DB, then the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser(
        "self-check",
        help="check this installation in a temporary folder: database, main window "
        "(offscreen), demo data, one PDF; exit status 0 when all is well",
    )

    clients = commands.add_parser(
        "import-clients",
        help="import clients from a CSV file, all or nothing",
        description="Import clients from a CSV file with a header line (name, address, postal "
        "code, city, country, e-mail(s), phone, mobile, SIREN, SIRET, VAT number, notes; "
        "French or English column names), ';' or ',' separated, UTF-8 or Windows-1252. "
        "When any row is invalid nothing is imported, each bad row is reported with its line "
        "number, and the exit status is 2. Clients already in the address book are skipped. "
        "A file that is not UTF-8 is only read as Windows-1252 with --encoding cp1252 (the "
        "first line that is not UTF-8 is shown otherwise, exit status 2).",
    )
    clients.add_argument("file", type=Path, metavar="FILE.csv")
    clients.add_argument(
        "--encoding",
        type=_encoding,
        metavar="{utf-8,cp1252}",
        help="the file's encoding (default: UTF-8, checked); cp1252 (Windows-1252) for a "
        "file saved by Excel or an older program",
    )
    clients.add_argument(
        "--dry-run", action="store_true", help="check the file and report, without importing"
    )

    demo = commands.add_parser("demo", help="fill an empty database with demo data")
    demo.add_argument("--clients", type=_positive, default=40)
    demo.add_argument("--documents", type=_positive, default=200)

    pdf = commands.add_parser("pdf", help="write a document's archived PDF to a file")
    pdf.add_argument("--kind", choices=kind_codes(), required=True)
    pdf.add_argument("--number", required=True)
    pdf.add_argument("--out", type=Path, required=True)
    pdf.add_argument(
        "--force",
        action="store_true",
        help="replace FILE if it exists (never the database, its own files or backups)",
    )
    _add_export_parser(commands)
    settings = commands.add_parser("settings", help="sender identity and SMTP account")
    which = settings.add_subparsers(dest="section", metavar="SECTION", parser_class=_Parser)
    which.required = True
    smtp = which.add_parser("smtp", help="the SMTP account")
    smtp.add_argument("--host")  # --host, --port, --security: required without --preset
    smtp.add_argument("--port", type=int)
    smtp.add_argument("--security", choices=("ssl", "starttls", "none"))
    smtp.add_argument(
        "--preset",
        metavar="auto|ID",
        help="fill the account (SMTP, IMAP, sign-in method, pace) from the sender address's "
        "provider: 'auto' finds it (bundled presets, then MX, then the domain's autoconfig); "
        "or a preset's id (gmail, microsoft, orange, ovh...)",
    )
    smtp.set_defaults(smtp_parser=smtp)
    smtp.add_argument("--user", default="")
    smtp.add_argument(
        "--insecure", action="store_true", help="allow plain SMTP to a non-local host"
    )
    sender = which.add_parser("sender", help="the sender's name and address, copy, pace")
    sender.add_argument("--name", required=True)
    sender.add_argument("--address", required=True)
    sender.add_argument("--copy-to-self", choices=("none", "cc", "bcc"))
    sender.add_argument("--rate-per-minute", type=int, metavar="R")
    sender.add_argument(
        "--connections",
        type=int,
        metavar="N",
        help="SMTP connections at once (1-5, never more than the provider's preset allows)",
    )
    sender.add_argument(
        "--pipelining",
        choices=("on", "off"),
        help="send MAIL, RCPT and DATA together when the server offers PIPELINING",
    )
    sender.add_argument(
        "--accountant",
        metavar="ADDRESS",
        help="the accountant's address: a hidden copy of every invoice and credit note sent "
        '("" removes it)',
    )
    which.add_parser(
        "password",
        help="store the SMTP password in the keyring, for the account's server only (typed "
        "without echo on a terminal, else one line read from standard input)",
    )
    oauth = which.add_parser(
        "oauth",
        help="sign the sender's mail account in with Google or Microsoft (OAuth2) in the "
        "browser; prints the address to open when no browser is available",
    )
    oauth.add_argument("--provider", choices=("google", "microsoft"), required=True)
    cli_imap.add_parsers(which)  # imap, imap-password
    cli_platform.add_parsers(which)  # platform, platform-secret
    which.add_parser("show", help="print the settings, one 'key: value' per line (no secret)")

    _add_send_parsers(commands)
    cli_platform.add_command(commands, _Parser)
    _add_remind_parser(commands)
    recurring = commands.add_parser("recurring", help="recurring invoices")
    recurring_action = recurring.add_subparsers(
        dest="recurring_action", metavar="ACTION", parser_class=_Parser
    )
    recurring_action.required = True
    recurring_action.add_parser(
        "run", help="create the recurring invoices that are due, once per period"
    )

    database = commands.add_parser("db", help="the database: test, copy, choose")
    db_action = database.add_subparsers(dest="db_action", metavar="ACTION", parser_class=_Parser)
    db_action.required = True
    db_test = db_action.add_parser("test", help="open a database and report its server")
    db_test.add_argument("url", nargs="?", help="default: the database in use")
    db_copy = db_action.add_parser("copy", help="copy this database into an empty one")
    db_copy.add_argument("--to", required=True, metavar="URL")
    db_use = db_action.add_parser("use", help="open this database by default on this computer")
    db_use.add_argument("url", help="a SQLAlchemy URL or a SQLite file; '' for the default")
    cli_db.add_parsers(db_action)  # check, backup, backups, restore
    return parser


def _encoding(text: str) -> str:
    from app.services.client_import import encoding_name  # lazy: see LAZY_IMPORTS

    try:
        return encoding_name(text)
    except ValueError:
        raise argparse.ArgumentTypeError("utf-8 or cp1252 (Windows-1252)") from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run a headless command (``python -m app.cli``); the ``facturier`` command itself is
    ui.main, which parses with the same parser and opens the window or runs self-check."""
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run the headless command that ``build_parser()`` parsed into ``args``."""
    if args.command is None:
        build_parser().print_help()
        return EXIT_USAGE
    if args.command == "self-check":
        print("self-check needs the graphical interface (ui.main).", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(_COMMANDS[args.command](args))
    except FacturierError as error:
        print(describe(error), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _open(args: argparse.Namespace) -> Database:
    from app.services.database import open_database  # lazy: see LAZY_IMPORTS

    return open_database(args.db)


def _demo(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        from app.services.demo import fill_demo  # lazy: see LAZY_IMPORTS

        start = time.perf_counter()
        summary = fill_demo(db, clients=args.clients, documents=args.documents)
        elapsed = time.perf_counter() - start
    finally:
        db.dispose()
    print(
        _("Demo data: {clients} clients, {documents} documents ({seconds:.1f} s).").format(
            clients=summary.clients, documents=summary.documents, seconds=elapsed
        )
    )
    return EXIT_OK


def _pdf(args: argparse.Namespace) -> int:
    from app.services.documents import ensure_archived_pdf, find_document  # lazy: see LAZY_IMPORTS

    db = _open(args)
    try:
        # Never onto the database, its -wal/-shm or backups, nor an existing file without
        # --force: refused before any work (typed errors: exit 2, nothing written).
        guard = db.output_guard()
        check_target(args.out, force=args.force, guard=guard)
        document = find_document(db, DocumentKind(args.kind), args.number)
        data = ensure_archived_pdf(db, document.id)
    finally:
        db.dispose()
    write_file(args.out, data, force=args.force, guard=guard)  # whole, or not at all
    print(args.out)
    return EXIT_OK


def _settings(args: argparse.Namespace) -> int:
    if args.section == "oauth":
        from app.cli_oauth import run_settings_oauth  # lazy: see LAZY_IMPORTS

        db = _open(args)
        try:
            return run_settings_oauth(db, args.provider)
        finally:
            db.dispose()
    if args.section == "smtp" and (problem := cli_mail_account.smtp_usage_problem(args)):
        args.smtp_parser.error(problem)  # exit 2, like any usage error
    if cli_mail_account.handles(args):  # settings show, settings smtp --preset
        return cli_mail_account.run(args, _open)
    try:
        return _change_settings(args)
    except ValidationError as error:
        print(describe_field(error), file=sys.stderr)
        return EXIT_USAGE


def _read_secret(prompt: str) -> str:
    """A secret, never echoed: typed on a terminal (getpass), else one line of standard
    input (a pipe, a file)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    return (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")


def _tell_if_password_needed(company: Company) -> None:
    """After ``settings smtp``: a password entered for another server is not given to this
    one; say so now rather than at the first send."""
    from app.mail.errors import MissingPasswordError  # lazy: see LAZY_IMPORTS
    from app.mail.transport import SmtpAccount, get_password

    if not company.smtp_user:
        return
    account = SmtpAccount(
        company.smtp_host, company.smtp_port, company.smtp_security, company.smtp_user
    )
    try:
        get_password(account)
    except MissingPasswordError as missing:
        if missing.failure in (MailFailure.SERVER_CHANGED, MailFailure.UNBOUND):
            print(describe(missing), file=sys.stderr)


def _change_settings(args: argparse.Namespace) -> int:
    from app.mail.transport import SmtpAccount, check_account, server_name  # lazy: see LAZY_IMPORTS
    from app.services.settings import (
        get_company,
        password_account,
        store_smtp_password,
        update_company,
    )

    db = _open(args)
    try:
        if args.section in cli_imap.SECTIONS:
            return cli_imap.run(db, args, _read_secret)
        if args.section in cli_platform.SECTIONS:
            return cli_platform.run_settings(db, args, _read_secret)
        if args.section == "smtp":
            security = SmtpSecurity(args.security)
            check_account(
                SmtpAccount(args.host, args.port, security, args.user or None, args.insecure)
            )
            company = update_company(
                db,
                smtp_host=args.host.strip(),
                smtp_port=args.port,
                smtp_security=security,
                smtp_user=args.user.strip(),
                smtp_insecure=args.insecure,
            )
            _tell_if_password_needed(company)
        elif args.section == "sender":
            changes: dict[str, object] = {
                "sender_name": args.name.strip(),
                "sender_address": check_address(args.address),
            }
            if args.copy_to_self:
                changes["copy_to_self"] = CopyToSelf(args.copy_to_self)
            if args.rate_per_minute is not None:
                changes["rate_per_minute"] = args.rate_per_minute
            if args.connections is not None:
                changes["smtp_connections"] = args.connections
            if args.pipelining is not None:
                changes["smtp_pipelining"] = args.pipelining == "on"
            if args.accountant is not None:  # "" removes it; checked by update_company
                changes["accountant_address"] = args.accountant.strip()
            update_company(db, **changes)
        else:
            account = password_account(get_company(db))  # before anything is typed
            server = server_name(account.host, account.port)
            password = _read_secret(
                _("Mail password of {user} on {server}: ").format(user=account.user, server=server)
            )
            user = store_smtp_password(db, password)
            print(
                _(
                    "Password stored in the keyring for {user} on {server}; it will only be "
                    "given to that server."
                ).format(user=user, server=server)
            )
    finally:
        db.dispose()
    return EXIT_OK


def _send(args: argparse.Namespace) -> int:
    # lazy, and only the command's own module: see LAZY_IMPORTS (the export's journal and
    # PDFs cost `outbox list` 0.3 s)
    if args.command == "export":
        from app.cli_export import run_export as run
    elif args.command == "remind":
        from app.cli_remind import run_remind as run
    elif args.command == "outbox":
        if _outbox_at_rest(args):
            return EXIT_OK
        from app.cli_send import run_outbox as run
    else:
        from app.cli_send import run_send as run
    db = _open(args)
    try:
        return run(db, args)
    finally:
        db.dispose()


def _outbox_at_rest(args: argparse.Namespace) -> bool:
    """`outbox send` or `outbox list` with nothing to do, told by a glance at the local file
    without importing SQLAlchemy (see app.db.quick_look): a scheduled task's usual run."""
    from app.db import quick_look  # lazy: see LAZY_IMPORTS

    if args.action == "send" and not args.as_is:
        return quick_look.nothing_to_send(args.db) is True
    if args.action == "list":
        states = [OutboxState(args.state)] if args.state else None
        include_sent = args.all or args.state == OutboxState.SENT
        return quick_look.nothing_listed(args.db, states=states, include_sent=include_sent) is True
    return False


def _platform(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        return cli_platform.run_platform(db, args)
    finally:
        db.dispose()


def _recurring(args: argparse.Namespace) -> int:
    from app.cli_recurring import run_recurring  # lazy: see LAZY_IMPORTS

    db = _open(args)
    try:
        return run_recurring(db, args)
    finally:
        db.dispose()


def _import_clients(args: argparse.Namespace) -> int:
    from app.services.client_import import (  # lazy: see LAZY_IMPORTS
        import_parsed,
        parse_clients_csv,
        read_import_file,
    )

    # The database is not opened yet.
    parsed = parse_clients_csv(read_import_file(args.file), args.encoding)
    for problem in parsed.problems:
        place = {"line": problem.line, "column": problem.column, "reason": describe(problem.error)}
        if problem.column:
            text = _("Line {line}, column {column}: {reason}").format(**place)
        else:
            text = _("Line {line}: {reason}").format(**place)
        print(text, file=sys.stderr)
    if parsed.ignored_columns:
        columns = ", ".join(parsed.ignored_columns)
        print(_("Columns ignored: {columns}").format(columns=columns))
    if parsed.problems:
        rows = len({p.line for p in parsed.problems})
        print(
            _(
                "Nothing was imported: {rows} invalid row(s). "
                "Correct them and import the file again."
            ).format(rows=rows),
            file=sys.stderr,
        )
        return EXIT_USAGE
    db = _open(args)
    try:
        report = import_parsed(db, parsed, write=not args.dry_run)
    finally:
        db.dispose()
    for skipped in report.skipped:
        print(
            _("Line {line}: {name} is already in the address book; skipped.").format(
                line=skipped.line, name=skipped.name
            )
        )
    if args.dry_run:
        print(
            _("Check only: {count} client(s) would be imported; nothing was written.").format(
                count=report.imported
            )
        )
    else:
        print(
            _("{count} client(s) imported from {path}.").format(
                count=report.imported, path=args.file
            )
        )
    return EXIT_OK


def _use_database(url: str) -> int:
    """``db use``: never prints the password; says where it is kept, and plainly when it
    is in clear in the settings file."""
    from app.services.db_copy import PasswordPlace, use_database  # lazy: see LAZY_IMPORTS

    saved = use_database(url)  # refuses a database that cannot be opened
    print(_("Saved in {path}.").format(path=saved.path))
    if saved.password is PasswordPlace.KEYRING:
        print(_("The password is kept in the system keyring, for this server only."))
    elif saved.password is PasswordPlace.FILE:
        print(
            _(
                "Warning: no system keyring is available, so the password is written "
                "UNENCRYPTED in {path} (readable by your user account only). To avoid that, "
                "remove the password from the address and put it in ~/.pgpass or PGPASSWORD."
            ).format(path=saved.path),
            file=sys.stderr,
        )
    return EXIT_OK


def _db(args: argparse.Namespace) -> int:
    from app.services.database import open_database  # lazy: see LAZY_IMPORTS
    from app.services.db_copy import copy_database, server_version

    if args.db_action in cli_db.ACTIONS:
        return cli_db.run(args)
    if args.db_action == "use":
        return _use_database(args.url)
    db = open_database(args.url) if args.db_action == "test" and args.url else _open(args)
    try:
        if args.db_action == "test":
            print(_("Connection works: {version}.").format(version=server_version(db)))
            return EXIT_OK
        for copied in copy_database(db, args.to, progress=None):
            print(f"{copied.table}\t{copied.rows}\t{copied.digest[:16]}")
        print(_("Copy verified: every table holds the same rows."))
        return EXIT_OK
    finally:
        db.dispose()


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "db": _db,
    "send": _send,
    "outbox": _send,
    "demo": _demo,
    "pdf": _pdf,
    "settings": _settings,
    "import-clients": _import_clients,
    "remind": _send,
    "export": _send,
    "recurring": _recurring,
    "platform": _platform,
}

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
