"""`facturier settings imap` and `facturier settings imap-password` (README.md, "Using it"): the
IMAP account that receives a copy of each sent message in its Sent folder."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any

from app.domain.kinds import SmtpSecurity
from app.errors import ValidationError
from app.i18n import _

SECTIONS = ("imap", "imap-password")
_HOST = re.compile(r"[A-Za-z0-9._\-]+|\[[0-9A-Fa-f:.]+\]")


def add_parsers(which: argparse._SubParsersAction[Any]) -> None:
    imap = which.add_parser(
        "imap",
        help="the IMAP account that receives a copy of each sent message in its Sent folder",
        description="Keep a copy of each sent message in the Sent folder of this IMAP "
        "account (same password as SMTP unless 'settings imap-password'); --off stops the "
        "copies.",
    )
    imap.add_argument("--host")
    imap.add_argument("--port", type=int)
    imap.add_argument("--security", choices=("ssl", "starttls"))
    imap.add_argument("--user", help="default: the SMTP user")
    imap.add_argument(
        "--sent-folder",
        metavar="NAME",
        help="default: the folder flagged \\Sent, else a usual name (Sent, Éléments envoyés…)",
    )
    imap.add_argument("--off", action="store_true", help="stop the copies")
    imap.set_defaults(imap_parser=imap)
    which.add_parser(
        "imap-password",
        help="store the IMAP password in the keyring, when it differs from the SMTP one "
        "(typed without echo on a terminal, else one line read from standard input)",
    )


def run(db: Any, args: argparse.Namespace, read_secret: Callable[[str], str]) -> int:
    """``db``: an open ``app.services.database.Database``."""
    if args.section == "imap":
        return _imap(db, args)
    return _imap_password(db, read_secret)


def _imap(db: Any, args: argparse.Namespace) -> int:
    # lazy: app.cli imports this module at start-up; the settings service (SQLAlchemy,
    # the mail transport) would add 0.46 s of CPU to `facturier --help`
    from app.mail.imap_copy import files_sent_itself
    from app.services.settings import update_company

    parser: argparse.ArgumentParser = args.imap_parser
    given = [
        name
        for name in ("host", "port", "security", "user", "sent_folder")
        if getattr(args, name) is not None
    ]
    if args.off:
        if given:
            parser.error("--off takes no other option")
        update_company(db, imap_copy=False)
        print(_("Copies to the Sent folder are off."))
        return 0
    missing = [f"--{n}" for n in ("host", "port", "security") if getattr(args, n) is None]
    if missing:
        parser.error(f"the following arguments are required: {', '.join(missing)} (or --off)")
    host = args.host.strip()
    if not _HOST.fullmatch(host):
        raise ValidationError("host", field="imap_host", value=host, reason="host")
    folder = (args.sent_folder or "").strip()
    if any(ord(c) < 32 or c == "\x7f" for c in folder):
        raise ValidationError("folder", field="imap_sent_folder", reason="control")
    company = update_company(
        db,
        imap_host=host,
        imap_port=args.port,
        imap_security=SmtpSecurity(args.security),
        imap_user=(args.user or "").strip(),
        imap_sent_folder=folder,
        imap_copy=True,
    )
    where = company.imap_sent_folder or _("the folder flagged Sent")
    print(
        _("A copy of each sent message will be kept in {folder} on {host}:{port}.").format(
            folder=where, host=company.imap_host, port=company.imap_port
        )
    )
    if files_sent_itself(company):
        print(_("Note: this provider files sent messages itself; no copy is made."))
    return 0


def _imap_password(db: Any, read_secret: Callable[[str], str]) -> int:
    # lazy: as _imap (0.46 s; app.mail.imap_copy alone 0.09 s, app.services.client_rules 23 ms)
    from app.mail.imap_copy import imap_account_of, store_imap_password
    from app.mail.transport import server_name
    from app.services.client_rules import RequiredFieldError
    from app.services.settings import (
        KeyringUnavailableError,
        PasswordInputError,
        get_company,
    )

    account = imap_account_of(get_company(db))  # before anything is typed
    if not account.host:
        raise RequiredFieldError("imap_host", field="imap_host")
    if not account.user:
        raise RequiredFieldError("imap_user", field="imap_user")
    server = server_name(account.host, account.port)
    password = read_secret(
        _("IMAP password of {user} on {server}: ").format(user=account.user, server=server)
    )
    if not password:
        raise PasswordInputError("password", field="password", reason="empty")
    if "\n" in password or "\r" in password:
        raise PasswordInputError("password", field="password", reason="line_break")
    try:
        store_imap_password(account, password)
    except Exception as exc:  # no backend on a headless machine, locked store, D-Bus down
        raise KeyringUnavailableError(
            f"{type(exc).__name__}: {exc}", user=account.user, server=server, reason="imap"
        ) from exc
    print(
        _(
            "IMAP password stored in the keyring for {user} on {server}; it will only be "
            "given to that server."
        ).format(user=account.user, server=server),
        file=sys.stdout,
    )
    return 0
