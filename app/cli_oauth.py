"""``facturier settings oauth --provider {google,microsoft}``: OAuth2 sign-in from the
command line.

Signs in the mail account (the SMTP user when it is an address, else the sender's address)
in the system browser, or, when no graphical browser is at hand (no display, a server
session), prints the URL to open anywhere on this computer: the provider sends the browser
back to a listener on 127.0.0.1, so the browser must run on this machine. Then stores the
refresh token in the keyring and switches the account to OAuth2.

Exit status: 0 signed in; 2 no sender address, or sign-in not configured (no client id),
or no keyring; 4 the provider cannot be reached; 5 the sign-in was refused, abandoned or
timed out (nothing changed).
"""

from __future__ import annotations

import contextlib
import os
import sys
import webbrowser

from app.cli_text import describe
from app.db.database import Database
from app.domain.kinds import SmtpAuth, SmtpSecurity
from app.domain.oauth_providers import PROVIDERS as OAUTH_PROVIDERS
from app.domain.oauth_providers import OAuthProvider, provider_of
from app.i18n import _
from app.mail import oauth
from app.mail.oauth_errors import OAuthSignInError, OAuthUnreachableError
from app.services.settings import get_company, update_company

EXIT_OK, EXIT_USAGE, EXIT_FAILED, EXIT_SETTINGS = 0, 2, 4, 5
PROVIDERS = tuple(str(p) for p in OAuthProvider)


def has_display() -> bool:
    """Whether a graphical browser can open: always on Windows and macOS, with X11 or
    Wayland elsewhere (without them, ``webbrowser`` would start a text browser in this
    very terminal)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def show_url(url: str) -> None:
    """Print the URL (always: the browser may open on another screen), then try the
    system browser."""
    print(
        _("Open this address in a browser on this computer to sign in:\n{url}").format(url=url),
        flush=True,
    )
    if has_display():
        with contextlib.suppress(webbrowser.Error):  # the printed URL is there
            webbrowser.open(url)


def run_settings_oauth(db: Database, provider: str) -> int:
    company = get_company(db)
    address = sign_in_address(company.smtp_user, company.sender_address)
    if not company.sender_address.strip():
        print(
            _("The sender's address is not set: run 'facturier settings sender' first."),
            file=sys.stderr,
        )
        return EXIT_USAGE
    which = provider_of(provider)
    oauth.require_config(which)  # not configured: FacturierError, exit 2 (cli.main)
    print(
        _("Signing in {address} with {provider}; waiting for the browser…").format(
            address=address, provider=OAUTH_PROVIDERS[which].name
        ),
        flush=True,
    )
    try:
        oauth.sign_in(which, address, open_url=show_url)
    except OAuthUnreachableError as error:
        print(describe(error), file=sys.stderr)
        return EXIT_FAILED
    except OAuthSignInError as error:
        print(describe(error), file=sys.stderr)
        return EXIT_USAGE if error.data.get("reason") == "keyring" else EXIT_SETTINGS
    changes: dict[str, object] = {"smtp_auth": SmtpAuth.OAUTH2, "oauth_provider": str(which)}
    if address != company.smtp_user.strip():
        changes["smtp_user"] = address  # XOAUTH2 logs in as the mailbox signed in
    if not company.smtp_host:  # the provider's submission server, unless one is set
        changes.update(
            smtp_host=OAUTH_PROVIDERS[which].smtp_host,
            smtp_port=587,
            smtp_security=SmtpSecurity.STARTTLS,
        )
    update_company(db, **changes)
    print(
        _(
            "Signed in: mail from {address} is now sent through {provider} (OAuth2); the "
            "sign-in is kept in the system keyring."
        ).format(address=address, provider=OAUTH_PROVIDERS[which].name)
    )
    return EXIT_OK


def sign_in_address(smtp_user: str, sender_address: str) -> str:
    """The mailbox that signs in: the SMTP user when it is an address (the mailbox behind
    an alias), else the sender's address."""
    user = smtp_user.strip()
    return user if "@" in user else sender_address.strip()
