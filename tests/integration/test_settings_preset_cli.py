"""`facturier settings smtp --preset auto` and `facturier settings show`, through the
command line's main function, on a real SQLite file; MX answers from a local DNS server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.core_text import set_language
from tests.dns_server import DnsServer, dns_server

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "config" / "settings.json"))
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")
    for provider in ("GOOGLE", "MICROSOFT"):  # no OAuth client configured here
        monkeypatch.delenv(f"FACTURIER_OAUTH_{provider}_CLIENT_ID", raising=False)
    set_language(None)  # the locale decides, whatever a window test forced before
    yield
    set_language(None)


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    def run(*args: str) -> tuple[int, str, str]:
        try:
            status = main(["--db", str(db_path), *args])
        except SystemExit as exit_:  # argparse's usage errors
            status = int(exit_.code or 0)
        out = capsys.readouterr()
        return status, out.out, out.err

    yield run


def shown(cli: Cli) -> dict[str, str]:
    status, out, _err = cli("settings", "show")
    assert status == 0
    return dict(
        line.split(": ", 1) if ": " in line else (line.rstrip(":"), "") for line in out.splitlines()
    )


def test_an_orange_address_gets_the_orange_servers(cli: Cli) -> None:
    assert cli("settings", "sender", "--name", "Jean", "--address", "prenom.nom@orange.fr")[0] == 0
    status, out, err = cli("settings", "smtp", "--preset", "auto")
    assert (status, err) == (0, "")
    assert "Orange" in out and "smtp.orange.fr:465" in out
    assert "facturier settings password" in out
    settings = shown(cli)
    assert settings["smtp.host"] == "smtp.orange.fr"
    assert (settings["smtp.port"], settings["smtp.security"]) == ("465", "ssl")
    assert (settings["smtp.auth"], settings["smtp.user"]) == ("password", "prenom.nom@orange.fr")
    assert (settings["imap.host"], settings["imap.port"], settings["imap.security"]) == (
        "imap.orange.fr",
        "993",
        "ssl",
    )
    assert settings["imap.copy"] == "true" and settings["preset"] == "orange"
    assert settings["sender.address"] == "prenom.nom@orange.fr"
    assert settings["pace.per_minute"] == "10"
    assert not any("password" in key or "token" in key for key in settings)


def test_user_option_and_localpart_rule(cli: Cli) -> None:
    cli("settings", "sender", "--name", "Jean", "--address", "jean.dupont@free.fr")
    assert cli("settings", "smtp", "--preset", "auto")[0] == 0
    assert shown(cli)["smtp.user"] == "jean.dupont"  # Free: the name before the @
    assert cli("settings", "smtp", "--preset", "auto", "--user", "jdupont")[0] == 0
    assert shown(cli)["smtp.user"] == "jdupont"


def test_gmail_without_oauth_needs_an_app_password(cli: Cli) -> None:
    cli("settings", "sender", "--name", "Jean", "--address", "jean@gmail.com")
    status, out, _err = cli("settings", "smtp", "--preset", "auto")
    assert status == 0
    assert "app password" in out and "https://myaccount.google.com/apppasswords" in out
    settings = shown(cli)
    assert (settings["smtp.host"], settings["smtp.auth"]) == ("smtp.gmail.com", "password")
    assert settings["imap.copy"] == "false"  # Gmail files sent mail itself
    assert settings["pace.per_day"] == "500" and settings["oauth.provider"] == ""


def test_oauth_when_a_client_id_is_configured(
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FACTURIER_OAUTH_GOOGLE_CLIENT_ID", "test-client.apps.example")
    cli("settings", "sender", "--name", "Jean", "--address", "jean@gmail.com")
    status, out, _err = cli("settings", "smtp", "--preset", "auto")
    assert status == 0 and "facturier settings oauth --provider google" in out
    settings = shown(cli)
    assert (settings["smtp.auth"], settings["oauth.provider"]) == ("oauth2", "google")


def test_a_company_domain_found_by_its_mx(
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server: DnsServer
    with dns_server(
        {"boulangerie-martin.fr": [(0, "boulangerie-martin-fr.mail.protection.outlook.com")]}
    ) as server:
        monkeypatch.setenv("FACTURIER_DNS_SERVER", f"127.0.0.1:{server.port}")
        monkeypatch.setenv("FACTURIER_OFFLINE", "0")
        cli("settings", "sender", "--name", "B", "--address", "compta@boulangerie-martin.fr")
        status, out, _err = cli("settings", "smtp", "--preset", "auto")
    assert status == 0 and "Microsoft 365" in out and "(MX)" in out
    settings = shown(cli)
    assert (settings["smtp.host"], settings["smtp.port"]) == ("smtp.office365.com", "587")
    assert settings["imap.host"] == "outlook.office365.com"
    assert (settings["pace.per_minute"], settings["pace.recipients_per_day"]) == ("30", "10000")


def test_unknown_domain_offline_exits_2_and_changes_nothing(
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FACTURIER_OFFLINE", "1")
    cli("settings", "sender", "--name", "B", "--address", "contact@menuiserie-durand.fr")
    cli("settings", "smtp", "--host", "smtp.example.net", "--port", "587", "--security", "starttls")
    before = shown(cli)
    status, out, err = cli("settings", "smtp", "--preset", "auto")
    assert (status, out) == (2, "")
    assert "menuiserie-durand.fr" in err and "--host" in err
    assert shown(cli) == before
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    status, _out, err = cli("settings", "smtp", "--preset", "auto")
    assert status == 2 and "Aucun réglage trouvé pour menuiserie-durand.fr" in err


def test_no_sender_address_and_usage_errors(cli: Cli) -> None:
    status, _out, err = cli("settings", "smtp", "--preset", "auto")
    assert status == 2 and "facturier settings sender" in err
    status, _out, err = cli("settings", "smtp")
    assert status == 2 and "--host" in err and "--preset" in err
    status, _out, err = cli("settings", "smtp", "--preset", "auto", "--host", "h")
    assert status == 2
    cli("settings", "sender", "--name", "B", "--address", "b@orange.fr")
    status, _out, err = cli("settings", "smtp", "--preset", "wanadoo")
    assert status == 2 and "orange" in err  # the known ids are listed
    assert cli("settings", "smtp", "--preset", "ovh")[0] == 0  # an id instead of auto
    assert shown(cli)["smtp.host"] == "ssl0.ovh.net"
    # the manual form still works as before
    assert cli("settings", "smtp", "--host", "h.fr", "--port", "465", "--security", "ssl")[0] == 0
