"""``facturier settings smtp --preset …`` and ``facturier settings show``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.cli_text import describe, describe_field
from app.domain.mail_presets import DiscoverySource
from app.errors import FacturierError, ValidationError
from app.i18n import _

if TYPE_CHECKING:  # the command line starts without the database layer
    from app.services.database import Database
    from app.services.settings import Company

EXIT_OK = 0
EXIT_USAGE = 2


def handles(args: argparse.Namespace) -> bool:
    return args.section == "show" or (args.section == "smtp" and bool(args.preset))


def smtp_usage_problem(args: argparse.Namespace) -> str:
    """Why the ``settings smtp`` options do not go together ("" when they do)."""
    manual = [args.host, args.port, args.security]
    if args.preset:
        if any(value is not None for value in manual) or args.insecure:
            return "--preset cannot be combined with --host, --port, --security or --insecure"
        return ""
    if any(value is None for value in manual):
        return "the following arguments are required: --host, --port, --security (or --preset)"
    return ""


def run(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Database]) -> int:
    db = open_db(args)
    try:
        if args.section == "show":
            for key, value in settings_lines(_company(db)):
                print(f"{key}: {value}")
            return EXIT_OK
        return _apply(db, args.preset, args.user)
    except ValidationError as error:
        print(describe_field(error), file=sys.stderr)
        return EXIT_USAGE
    except FacturierError as error:
        print(describe(error), file=sys.stderr)
        return EXIT_USAGE
    finally:
        db.dispose()


def _company(db: Database) -> Company:
    # lazy: app.cli imports this module at start-up; the settings service would add 0.46 s
    # of CPU to `facturier --help` (SQLAlchemy, the mail transport)
    from app.services.settings import get_company

    return get_company(db)


def _apply(db: Database, which: str, user: str) -> int:
    # lazy: as _company (app.services.mail_account 0.47 s, app.mail.presets with lxml 10 ms)
    from app.mail.presets import preset_by_id
    from app.services.mail_account import (
        SenderAddressMissingError,
        apply_preset,
        discover_for,
    )

    address = _company(db).sender_address.strip()
    if not address:
        raise SenderAddressMissingError("sender_address", field="sender_address")
    if which == "auto":
        found = discover_for(address=address)
        preset, source = found.preset, found.source
    else:
        chosen = preset_by_id(which)
        if chosen is None:
            print(_unknown_preset(which), file=sys.stderr)
            return EXIT_USAGE
        preset, source = chosen, DiscoverySource.BUNDLED
    company = apply_preset(db, preset, user or None)
    print(_found_line(preset.name, source, address))
    print(
        _("Sending: {host}:{port} ({security}), user {user}.").format(
            host=company.smtp_host,
            port=company.smtp_port,
            security=str(company.smtp_security).upper(),
            user=company.smtp_user,
        )
    )
    if company.imap_copy:
        print(
            _("Copy in the Sent folder: {host}:{port}.").format(
                host=company.imap_host, port=company.imap_port
            )
        )
    for line in _next_steps(db, company):
        print(line)
    return EXIT_OK


def _unknown_preset(which: str) -> str:
    from app.mail.presets import all_presets  # lazy: lxml, 10 ms at start-up (as _company)

    names = ", ".join(["auto", *(p.id for p in all_presets())])
    return _("Unknown preset {which}: choose one of {names}.").format(which=which, names=names)


def _found_line(name: str, source: str, address: str) -> str:
    domain = address.rpartition("@")[2]
    if source == "mx":
        return _("Provider: {name}, recognised from the mail servers (MX) of {domain}.").format(
            name=name, domain=domain
        )
    if source == "autoconfig":
        return _("Settings published by {domain}.").format(domain=domain)
    return _("Provider: {name} (settings included with Facturier).").format(name=name)


def _next_steps(db: Database, company: Company) -> list[str]:
    """What is left to do: sign in, or store the password (an app password for some)."""
    # lazy: as _apply
    from app.mail.presets import preset_by_id
    from app.services.mail_account import needs_app_password

    preset = preset_by_id(company.mail_preset)
    if company.oauth_provider:
        return [
            _("Sign in with: facturier settings oauth --provider {provider}").format(
                provider=company.oauth_provider
            )
        ]
    lines = []
    if preset is not None and not preset.accepts_password:
        lines.append(
            _(
                "Warning: {name} accepts only a sign-in with {provider} (OAuth2), and this "
                "installation has no OAuth client id for it: ask whoever installed Facturier "
                "to configure one."
            ).format(name=preset.name, provider=preset.oauth_provider.title())
        )
    if preset is not None and needs_app_password(preset):
        lines.append(
            _(
                "{name} needs an app password, not your usual password: create one at "
                "{url}, then store it with: facturier settings password"
            ).format(name=preset.name, url=preset.app_password_url)
        )
    elif preset is None or preset.accepts_password:
        lines.append(_("Then store the password with: facturier settings password"))
    return lines


def _flag(value: bool) -> str:
    return "true" if value else "false"


def settings_lines(company: Company) -> list[tuple[str, str]]:
    """The settings as ``key: value`` pairs (stable English keys, for scripts); never a
    password or a token."""
    return [
        ("sender.name", company.sender_name),
        ("sender.address", company.sender_address),
        ("sender.copy_to_self", str(company.copy_to_self)),
        ("sender.accountant", company.accountant_address),
        ("preset", company.mail_preset),
        ("smtp.host", company.smtp_host),
        ("smtp.port", str(company.smtp_port)),
        ("smtp.security", str(company.smtp_security)),
        ("smtp.insecure", _flag(company.smtp_insecure)),
        ("smtp.auth", str(company.smtp_auth)),
        ("smtp.user", company.smtp_user),
        ("oauth.provider", company.oauth_provider),
        ("imap.copy", _flag(company.imap_copy)),
        ("imap.host", company.imap_host),
        ("imap.port", str(company.imap_port)),
        ("imap.security", str(company.imap_security)),
        ("imap.user", company.imap_user),
        ("imap.sent_folder", company.imap_sent_folder),
        ("smtp.connections", str(company.smtp_connections)),
        ("smtp.pipelining", _flag(company.smtp_pipelining)),
        ("pace.per_minute", str(company.rate_per_minute)),
        ("pace.per_day", str(company.daily_message_limit)),
        ("pace.recipients_per_day", str(company.daily_recipient_limit)),
        ("retry.auto", _flag(company.auto_retry)),
        ("platform.url", company.platform_url),
        ("platform.client_id", company.platform_client_id),
        ("platform.auth_url", company.platform_token_url),  # "token" would look like a secret
    ]
