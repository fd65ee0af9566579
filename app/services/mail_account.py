"""The mail account filled in from a provider preset: one mapping from a preset to the
settings, used by ``facturier settings smtp --preset`` and by the settings dialog, and the
presets the dialog offers and finds for an address (read from ``app.mail.presets``,
found by ``app.mail.discovery``)."""

from __future__ import annotations

from typing import Any

from app.db.database import Database
from app.domain.kinds import SmtpAuth
from app.domain.mail_presets import Discovery, DiscoverySource, MailPreset, address_domain
from app.errors import FacturierError, ValidationError
from app.mail.discovery import DEFAULT_TIMEOUT, Resolver, discover
from app.mail.oauth import oauth_config
from app.mail.presets import all_presets, preset_by_id, preset_for_domain
from app.services.settings import Company, get_company, update_company


class NoPresetError(FacturierError):
    """No provider settings were found for the address (data: ``address``, ``domain``)."""

    code = "mail.no_preset"


class SenderAddressMissingError(ValidationError):
    """A preset is chosen from the sender address, and none is set."""

    code = "mail.no_sender_address"


def known_preset(preset_id: str) -> MailPreset | None:
    """The bundled preset with this id (the account's ``mail_preset``), or None."""
    return preset_by_id(preset_id)


def paced_presets() -> list[MailPreset]:
    """The bundled providers with a per-minute figure, for the pace list."""
    return [p for p in all_presets() if p.rate_per_minute]


def bundled_discovery(address: str) -> Discovery | None:
    """The bundled preset of ``address``'s domain, filled in for it: at once, offline (no
    network, unlike ``discover_for``). None when the domain has none or there is none."""
    domain = address_domain(address)
    preset = preset_for_domain(domain) if domain else None
    if preset is None:
        return None
    return Discovery(address, preset.for_address(address), DiscoverySource.BUNDLED)


def oauth_ready(provider: str) -> bool:
    """Whether this installation can sign in with ``provider`` (a client id is configured,
    ``app.mail.oauth.oauth_config``)."""
    if not provider:
        return False
    try:
        return oauth_config(provider) is not None
    except (ValueError, FacturierError):  # an unknown provider, an unusable configuration
        return False


def uses_oauth(preset: MailPreset) -> bool:
    """OAuth2 when the provider accepts it and this installation is set up for it."""
    return preset.accepts_oauth and oauth_ready(preset.oauth_provider)


def needs_app_password(preset: MailPreset) -> bool:
    """A password that is not the account's own: the provider's app password page applies
    unless the account signs in with OAuth2."""
    return bool(preset.app_password_url) and not uses_oauth(preset)


def preset_changes(preset: MailPreset, address: str, user: str | None = None) -> dict[str, Any]:
    """The ``Company`` fields a preset sets for ``address`` (its placeholders filled in):
    servers, security, sign-in method, user names, the copy to the Sent folder (on when
    the preset knows the IMAP server and the provider does not file sent mail itself),
    the provider's pace, and the preset's id."""
    preset = preset.for_address(address)
    oauth = uses_oauth(preset)
    smtp_user = (user or "").strip() or preset.smtp.user_for(address)
    changes: dict[str, Any] = {
        "smtp_host": preset.smtp.host,
        "smtp_port": preset.smtp.port,
        "smtp_security": preset.smtp.security,
        "smtp_insecure": False,
        "smtp_user": smtp_user,
        "smtp_auth": SmtpAuth.OAUTH2 if oauth else SmtpAuth.PASSWORD,
        "oauth_provider": preset.oauth_provider if oauth else "",
        "rate_per_minute": preset.rate_per_minute,
        "daily_message_limit": preset.daily_message_limit,
        "daily_recipient_limit": preset.daily_recipient_limit,
        "mail_preset": preset.id,
    }
    if preset.imap is not None:
        imap_user = preset.imap.user_for(address) if not user else smtp_user
        changes.update(
            imap_host=preset.imap.host,
            imap_port=preset.imap.port,
            imap_security=preset.imap.security,
            imap_user="" if imap_user == smtp_user else imap_user,  # "": the SMTP user
            imap_copy=not preset.files_sent_itself,
        )
    else:
        changes["imap_copy"] = False
    return changes


def apply_preset(db: Database, preset: MailPreset, user: str | None = None) -> Company:
    """Fill the account from ``preset`` for the saved sender address, in one transaction.
    ``SenderAddressMissingError`` when no sender address is set."""
    address = get_company(db).sender_address.strip()
    if not address:
        raise SenderAddressMissingError("sender_address", field="sender_address")
    return update_company(db, **preset_changes(preset, address, user))


def discover_for(
    db: Database | None = None,
    *,
    address: str | None = None,
    offline: bool | None = None,
    resolver: Resolver | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Discovery:
    """The provider of ``address`` (default: the saved sender address): bundled presets,
    then MX, then the domain's autoconfig file. ``SenderAddressMissingError`` without an
    address, ``NoPresetError`` when nothing is found."""
    if address is None:
        address = get_company(db).sender_address if db is not None else ""
    address = address.strip()
    if not address:
        raise SenderAddressMissingError("sender_address", field="sender_address")
    found = discover(address, resolver=resolver, offline=offline, timeout=timeout)
    if found is None:
        raise NoPresetError(address, address=address, domain=address_domain(address))
    return found
