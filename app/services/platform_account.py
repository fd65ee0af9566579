"""The approved e-invoicing platform's account: settings, secret, and the "Test" check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.db.database import Database
from app.platform.errors import PlatformNotConfiguredError, PlatformSecretMissingError
from app.platform.flows import PlatformAccount
from app.platform.secret import platform_secret, store_platform_secret
from app.services.settings import Company, get_company, update_company

if TYPE_CHECKING:
    from app.platform.client import PlatformClient


def platform_configured(company: Company) -> bool:
    return bool(company.platform_url and company.platform_client_id)


def platform_account(
    company: Company, timeout: float = 30.0, *, secret: str = ""
) -> PlatformAccount:
    """The account to connect with (``secret``: one typed, else the stored one); typed
    errors when it is not set or has no secret."""
    if not platform_configured(company):
        raise PlatformNotConfiguredError("no platform URL or client id")
    secret = secret or platform_secret(company.platform_url, company.platform_client_id) or ""
    if not secret:
        raise PlatformSecretMissingError(
            "no client secret", url=company.platform_url, client_id=company.platform_client_id
        )
    return PlatformAccount(
        url=company.platform_url,
        client_id=company.platform_client_id,
        secret=secret,
        token_url=company.platform_token_url,
        timeout=timeout,
    )


def open_platform(company: Company, timeout: float = 30.0) -> PlatformClient:
    # lazy: the HTTP client (requests, 70 ms) only when the platform is spoken to
    from app.platform.client import PlatformClient

    return PlatformClient(platform_account(company, timeout))


def set_platform(db: Database, *, url: str, client_id: str, token_url: str = "") -> Company:
    """Save the platform's URL and client (checked like every setting)."""
    return update_company(
        db,
        platform_url=url.strip().rstrip("/"),
        platform_client_id=client_id.strip(),
        platform_token_url=token_url.strip(),
    )


def set_platform_secret(db: Database, secret: str) -> None:
    company = get_company(db)
    if not platform_configured(company):
        raise PlatformNotConfiguredError("set the platform's URL and client id first")
    store_platform_secret(company.platform_url, company.platform_client_id, secret)


@dataclass(frozen=True)
class PlatformCheck:
    """What "Test" found: the service answers, the client signs in, and the directory."""

    siren: str
    company_name: str  # as the directory knows the company's SIREN ("" when not found)
    registered: bool  # the company's SIREN has a directory line (it can receive invoices)


def check_platform(
    db: Database | None = None,
    *,
    company: Company | None = None,
    secret: str = "",
    timeout: float = 20.0,
) -> PlatformCheck:
    """Health check, then a directory lookup of the company's own SIREN (needs a token):
    typed errors (app.platform.errors) say what is wrong. ``company`` and ``secret``: the
    values on screen, not saved yet (default: the saved settings, the stored secret)."""
    if company is None:
        if db is None:
            raise TypeError("check_platform needs a database or the settings to test")
        company = get_company(db)
    account = platform_account(company, timeout, secret=secret)
    siren = company.siren.replace(" ", "")
    from app.platform.client import PlatformClient  # lazy: as open_platform

    with PlatformClient(account) as client:
        client.health()
        unit = client.legal_unit(siren) if siren else None
        line = client.directory_line(siren) if siren else None
        if not siren:  # the directory needs a SIREN: sign in with a search instead
            client.search_flows(tracking_id="facturier-connection-test", limit=1)
    return PlatformCheck(siren, unit.name if unit else "", line is not None)
