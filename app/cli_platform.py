"""`facturier settings platform`, `settings platform-secret` and `facturier platform
test|sync`: the approved e-invoicing platform (docs/PLATFORM.md).

Exit status of `platform test` and `platform sync`: 0 done; 3 the platform cannot be
reached (try later); 5 it refused our settings (URL, client id or secret, certificate) or
none is set; 2 bad input; `platform sync` 4 when a status it sent failed for good.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from app.i18n import _

SECTIONS = ("platform", "platform-secret")
EXIT_OK, EXIT_USAGE, EXIT_QUEUED, EXIT_FAILED, EXIT_SETTINGS = 0, 2, 3, 4, 5


def add_parsers(which: argparse._SubParsersAction[Any]) -> None:
    """The `settings platform` and `settings platform-secret` sections."""
    platform = which.add_parser(
        "platform",
        help="the approved e-invoicing platform (AFNOR XP Z12-013 API base URL, OAuth2 client)",
    )
    platform.add_argument("--url", required=True, help="the platform's API base URL (https://)")
    platform.add_argument("--client-id", required=True, metavar="ID")
    platform.add_argument(
        "--token-url", default="", metavar="URL", help="default: the URL's /oauth/token"
    )
    which.add_parser(
        "platform-secret",
        help="store the platform's client secret in the keyring (typed without echo on a "
        "terminal, else one line read from standard input)",
    )


def add_command(commands: argparse._SubParsersAction[Any], parser_class: type) -> None:
    platform = commands.add_parser("platform", help="the approved e-invoicing platform")
    action = platform.add_subparsers(
        dest="platform_action", metavar="ACTION", parser_class=parser_class
    )
    action.required = True
    action.add_parser("test", help="check the connection, the sign-in and the directory")
    action.add_parser(
        "sync", help="send the statuses waiting (Encaissée), then fetch the invoices' statuses"
    )


def run_settings(db: Any, args: argparse.Namespace, read_secret: Callable[[str], str]) -> int:
    from app.services.platform_account import set_platform, set_platform_secret
    from app.services.settings import PasswordInputError, get_company

    if args.section == "platform":
        company = set_platform(db, url=args.url, client_id=args.client_id, token_url=args.token_url)
        print(
            _("E-invoicing platform: {url}, client {client}.").format(
                url=company.platform_url, client=company.platform_client_id
            )
        )
        return EXIT_OK
    company = get_company(db)
    secret = read_secret(
        _("Client secret of {client} on {url}: ").format(
            client=company.platform_client_id, url=company.platform_url
        )
    )
    if not secret:
        raise PasswordInputError("secret", field="password", reason="empty")
    if "\n" in secret or "\r" in secret:
        raise PasswordInputError("secret", field="password", reason="line_break")
    set_platform_secret(db, secret)
    print(_("The client secret is kept in the system keyring, for this platform only."))
    return EXIT_OK


def run_platform(db: Any, args: argparse.Namespace) -> int:
    from app.cli_text import describe
    from app.platform.errors import PlatformError

    try:
        if args.platform_action == "test":
            return _test(db)
        return _sync(db)
    except PlatformError as error:
        print(describe(error), file=sys.stderr)
        return exit_status(error)


def exit_status(error: Exception) -> int:
    from app.platform.errors import (
        PlatformConnectionLostError,
        PlatformTemporaryError,
        PlatformUnreachableError,
    )

    waits = (PlatformUnreachableError, PlatformConnectionLostError, PlatformTemporaryError)
    return EXIT_QUEUED if isinstance(error, waits) else EXIT_SETTINGS


def _test(db: Any) -> int:
    from app.services.platform_account import check_platform

    check = check_platform(db)
    print(_("The platform answers and accepts the client id and secret."))
    if not check.siren:
        print(_("The company has no SIREN in the settings: the directory was not consulted."))
    elif check.registered:
        print(
            _("Your SIREN {siren} is registered in the directory ({name}).").format(
                siren=check.siren, name=check.company_name or "?"
            )
        )
    else:
        print(
            _(
                "Your SIREN {siren} has no line in the directory yet: your platform registers it."
            ).format(siren=check.siren)
        )
    return EXIT_OK


def _sync(db: Any) -> int:
    from app.cli_send import report_drain
    from app.platform_text import status_name
    from app.services.outbox import drain
    from app.services.platform_outbox import waiting_statuses
    from app.services.platform_sync import sync_statuses

    status = EXIT_OK
    waiting = waiting_statuses(db)
    if waiting:
        status = report_drain(db, drain(db, ids=waiting))
        if status == EXIT_SETTINGS:
            return status
    result = sync_statuses(db)
    for number, code in result.statuses:
        print(f"{number}\t{code}\t{status_name(code)}")
    for number in result.unknown:
        print(
            _("{number}: a status for an invoice this database does not have").format(
                number=number
            ),
            file=sys.stderr,
        )
    print(_("{n} new status(es).").format(n=len(result.statuses)))
    return EXIT_FAILED if status == EXIT_FAILED else EXIT_OK
