"""The bundled provider presets (resources/mail_presets/*.xml, Thunderbird clientConfig)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from app.domain.kinds import SmtpAuth, SmtpSecurity
from app.mail.presets import (
    PresetFileError,
    all_presets,
    parse_client_config,
    preset_by_id,
    preset_for_domain,
    preset_for_mx,
)
from app.resources import resource_path

REQUIRED_DOMAINS = {
    "gmail.com": "gmail",
    "googlemail.com": "gmail",
    "outlook.com": "outlook",
    "hotmail.com": "outlook",
    "live.com": "outlook",
    "outlook.fr": "outlook",
    "hotmail.fr": "outlook",
    "live.fr": "outlook",
    "yahoo.fr": "yahoo",
    "yahoo.com": "yahoo",
    "icloud.com": "icloud",
    "me.com": "icloud",
    "mac.com": "icloud",
    "orange.fr": "orange",
    "wanadoo.fr": "orange",
    "free.fr": "free",
    "sfr.fr": "sfr",
    "neuf.fr": "sfr",
    "laposte.net": "laposte",
    "bbox.fr": "bbox",
    "ik.me": "infomaniak",
}
REQUIRED_IDS = {"microsoft", "google_workspace", "ovh", "ionos", "gandi", "infomaniak", "o2switch"}


def test_every_file_is_a_standard_client_config() -> None:
    files = sorted(resource_path("mail_presets").glob("*.xml"))
    assert len(files) == len(all_presets()) >= 16
    for path in files:
        root = etree.parse(str(path)).getroot()
        assert root.tag == "clientConfig" and root.get("version") == "1.1", path.name
        provider = root.find("emailProvider")
        assert provider is not None and provider.get("id") == path.stem
        assert provider.findtext("displayName")
        smtp = provider.find("outgoingServer[@type='smtp']")
        assert smtp is not None
        for tag in ("hostname", "port", "socketType", "username", "authentication"):
            assert smtp.findtext(tag), (path.name, tag)
        # our figures stay in our namespace: the clientConfig part is the standard's
        foreign = {e.tag for e in root.iter() if isinstance(e.tag, str) and "}" in e.tag}
        assert all(tag.startswith("{urn:facturier:presets}") for tag in foreign)


def test_every_required_provider_is_there() -> None:
    for domain, preset_id in REQUIRED_DOMAINS.items():
        preset = preset_for_domain(domain)
        assert preset is not None and preset.id == preset_id, domain
    assert preset_for_domain("Orange.FR.") is preset_by_id("orange")
    assert preset_for_domain("example.org") is None
    assert {p.id for p in all_presets()} >= REQUIRED_IDS


def test_ports_security_and_users_are_sane() -> None:
    for preset in all_presets():
        smtp = preset.smtp
        assert (smtp.port, smtp.security) in (
            (465, SmtpSecurity.SSL),
            (587, SmtpSecurity.STARTTLS),
        ), preset.id
        assert preset.accepts_password or preset.accepts_oauth, preset.id
        if preset.imap is not None:
            assert (preset.imap.port, preset.imap.security) == (993, SmtpSecurity.SSL)
        assert preset.oauth_provider in ("", "google", "microsoft")
        assert not preset.app_password_url or preset.app_password_url.startswith("https://")
        assert preset.rate_per_minute >= 0 and preset.daily_message_limit >= 0


def test_known_servers_and_figures() -> None:
    orange = preset_by_id("orange")
    assert orange is not None and orange.imap is not None
    assert (orange.smtp.host, orange.smtp.port, orange.smtp.security) == (
        "smtp.orange.fr",
        465,
        SmtpSecurity.SSL,
    )
    assert orange.imap.host == "imap.orange.fr"
    assert orange.smtp.user_for("prenom.nom@orange.fr") == "prenom.nom@orange.fr"
    free = preset_by_id("free")
    assert free is not None and free.smtp.user_for("jean.dupont@free.fr") == "jean.dupont"
    m365 = preset_by_id("microsoft")
    assert m365 is not None and m365.imap is not None
    assert (m365.smtp.host, m365.smtp.port, m365.smtp.security) == (
        "smtp.office365.com",
        587,
        SmtpSecurity.STARTTLS,
    )
    assert m365.imap.host == "outlook.office365.com"
    assert (m365.rate_per_minute, m365.daily_recipient_limit) == (30, 10_000)
    assert m365.oauth_provider == "microsoft" and m365.accepts_password
    gmail = preset_by_id("gmail")
    assert gmail is not None
    assert gmail.files_sent_itself and gmail.oauth_provider == "google"
    assert gmail.smtp.auth is SmtpAuth.OAUTH2 and gmail.accepts_password
    assert gmail.daily_message_limit == 500
    assert gmail.app_password_url == "https://myaccount.google.com/apppasswords"
    workspace = preset_by_id("google_workspace")
    assert workspace is not None and workspace.daily_message_limit == 2000
    outlook = preset_by_id("outlook")
    assert outlook is not None and not outlook.accepts_password  # Microsoft sign-in only
    icloud = preset_by_id("icloud")
    assert icloud is not None and icloud.imap is not None
    assert icloud.imap.user_for("emily@icloud.com") == "emily"  # Apple: name before the @
    assert icloud.smtp.user_for("emily@icloud.com") == "emily@icloud.com"
    ovh = preset_by_id("ovh")
    assert ovh is not None and ovh.smtp.host == "ssl0.ovh.net" and ovh.rate_per_minute == 3


def test_server_names_with_the_domain_are_filled_in() -> None:
    o2switch = preset_by_id("o2switch")
    assert o2switch is not None and o2switch.imap is not None
    filled = o2switch.for_address("contact@Boulangerie.fr")
    assert filled.smtp.host == "mail.boulangerie.fr"
    assert filled.imap is not None and filled.imap.host == "mail.boulangerie.fr"


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("aspmx.l.google.com", "google_workspace"),
        ("acme-fr.mail.protection.outlook.com", "microsoft"),
        ("eur.olc.protection.outlook.com", "outlook"),
        ("mx1.mail.ovh.net", "ovh"),
        ("mx00.ionos.fr", "ionos"),
        ("spool.mail.gandi.net", "gandi"),
        ("mta-gw.infomaniak.ch", "infomaniak"),
    ],
)
def test_mx_hosts_reveal_hosted_providers(host: str, expected: str) -> None:
    match = preset_for_mx(["mx.unknown-provider.example", host + "."])
    assert match is not None and match[0].id == expected and match[1] == host


def test_mx_suffixes_match_whole_labels() -> None:
    assert preset_for_mx(["mx.notgoogle.com", "evil-ovh.net"]) is None


def test_a_domain_config_reads_the_same_way() -> None:
    data = b"""<?xml version="1.0"?>
    <clientConfig version="1.1"><emailProvider id="exemple.fr">
      <domain>exemple.fr</domain><displayName>Exemple</displayName>
      <outgoingServer type="smtp"><hostname>smtp.plain.fr</hostname><port>25</port>
        <socketType>plain</socketType><username>%EMAILADDRESS%</username>
        <authentication>password-cleartext</authentication></outgoingServer>
      <outgoingServer type="smtp"><hostname>smtp.exemple.fr</hostname><port>587</port>
        <socketType>STARTTLS</socketType><username>%EMAILLOCALPART%</username>
        <authentication>password-encrypted</authentication></outgoingServer>
    </emailProvider></clientConfig>"""
    preset = parse_client_config(data)
    assert preset.id == "exemple.fr" and preset.name == "Exemple" and preset.imap is None
    assert preset.smtp.host == "smtp.exemple.fr"  # never the unencrypted one
    assert preset.smtp.auth is SmtpAuth.PASSWORD and preset.smtp.username == "localpart"
    assert preset.rate_per_minute == 0 and not preset.files_sent_itself


@pytest.mark.parametrize(
    "data",
    [
        b"not xml",
        b"<clientConfig/>",
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><clientConfig>&e;</clientConfig>',
        b"<clientConfig><emailProvider id='x'><outgoingServer type='smtp'><hostname>h"
        b"</hostname><port>25</port><socketType>plain</socketType></outgoingServer>"
        b"</emailProvider></clientConfig>",
        b"x" * 300_000,
    ],
)
def test_unusable_files_are_refused(data: bytes) -> None:
    with pytest.raises(PresetFileError):
        parse_client_config(data)


def test_what_a_preset_sets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from app.services.mail_account import preset_changes

    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "settings.json"))
    monkeypatch.delenv("FACTURIER_OAUTH_GOOGLE_CLIENT_ID", raising=False)
    icloud = preset_by_id("icloud")
    assert icloud is not None
    changes = preset_changes(icloud, "emily@icloud.com")
    assert (changes["smtp_user"], changes["imap_user"]) == ("emily@icloud.com", "emily")
    assert changes["imap_copy"] is True and changes["smtp_auth"] is SmtpAuth.PASSWORD
    assert changes["daily_message_limit"] == 1000 and changes["mail_preset"] == "icloud"
    gmail = preset_by_id("gmail")
    assert gmail is not None
    changes = preset_changes(gmail, "jean@gmail.com", user=" other@gmail.com ")
    assert changes["smtp_user"] == "other@gmail.com" and changes["imap_user"] == ""
    assert changes["imap_copy"] is False and changes["oauth_provider"] == ""
    monkeypatch.setenv("FACTURIER_OAUTH_GOOGLE_CLIENT_ID", "client")
    changes = preset_changes(gmail, "jean@gmail.com")
    assert (changes["smtp_auth"], changes["oauth_provider"]) == (SmtpAuth.OAUTH2, "google")
