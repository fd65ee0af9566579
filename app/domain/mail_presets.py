"""A mail provider's settings (a preset) and how they were found for an address.

Plain data: the bundled presets are read by ``app.mail.presets``, found for an address by
``app.mail.discovery`` (through ``app.services.mail_account``); the settings page shows
and applies them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from app.domain.kinds import SmtpAuth, SmtpSecurity

AUTOCONFIG_ID = "autoconfig"  # ``mail_preset`` of settings read from a domain's own file

Username = Literal["address", "localpart"]


@dataclass(frozen=True)
class ServerSettings:
    host: str
    port: int
    security: SmtpSecurity
    auth: SmtpAuth  # the provider's preferred method among those Facturier knows
    username: Username = "address"  # what the user name is made of
    auth_methods: tuple[SmtpAuth, ...] = ()

    def user_for(self, address: str) -> str:
        address = address.strip()
        return address.rpartition("@")[0] if self.username == "localpart" else address

    def for_address(self, address: str) -> ServerSettings:
        return replace(self, host=_substitute(self.host, address))


# The most SMTP connections a drain opens at once, whatever the settings say: beyond a few,
# providers count it as abuse and the gain is gone (the pace is global anyway).
MAX_CONNECTIONS = 5


@dataclass(frozen=True)
class MailPreset:
    id: str
    name: str
    domains: tuple[str, ...]
    smtp: ServerSettings
    imap: ServerSettings | None = None
    oauth_provider: str = ""  # "google" or "microsoft": OAuth2 sign-in is possible
    app_password_url: str = ""  # where the provider makes app passwords
    rate_per_minute: int = 0  # 0: no figure
    daily_message_limit: int = 0
    daily_recipient_limit: int = 0
    max_connections: int = 0  # SMTP connections at once; 0: no figure (MAX_CONNECTIONS)
    files_sent_itself: bool = False  # its SMTP server puts a copy in the Sent folder
    mx: tuple[str, ...] = ()  # MX host suffixes of domains it hosts

    @property
    def accepts_password(self) -> bool:
        return SmtpAuth.PASSWORD in self.smtp.auth_methods

    @property
    def accepts_oauth(self) -> bool:
        return bool(self.oauth_provider) and SmtpAuth.OAUTH2 in self.smtp.auth_methods

    def for_address(self, address: str) -> MailPreset:
        """The preset with placeholders in server names (``mail.%EMAILDOMAIN%``) filled."""
        imap = self.imap.for_address(address) if self.imap else None
        return replace(self, smtp=self.smtp.for_address(address), imap=imap)


def _substitute(text: str, address: str) -> str:
    local, _, domain = address.strip().rpartition("@")
    return (
        text.replace("%EMAILADDRESS%", address.strip())
        .replace("%EMAILLOCALPART%", local)
        .replace("%EMAILDOMAIN%", domain.lower())
    )


class DiscoverySource(StrEnum):
    BUNDLED = "bundled"  # the presets shipped with Facturier, by the address's domain
    MX = "mx"  # the domain's mail servers reveal a known provider
    AUTOCONFIG = "autoconfig"  # the domain's own published configuration file


@dataclass(frozen=True)
class Discovery:
    address: str
    preset: MailPreset  # with server names filled in for this address
    source: DiscoverySource
    detail: str = ""  # the MX host or the URL that gave it


def address_domain(address: str) -> str:
    """The domain of an address, lowercase, "" when there is none."""
    local, at, domain = address.strip().rpartition("@")
    domain = domain.strip().lower().rstrip(".")
    if not at or not local or "." not in domain or any(c.isspace() for c in domain):
        return ""
    return domain
