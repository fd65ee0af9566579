"""Finding the settings of an address: bundled presets, then MX (a local DNS server), then
the domain's autoconfig file (a local HTTP server). Never the Internet."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from app.domain.kinds import SmtpSecurity
from app.mail.discovery import (
    AUTOCONFIG_ID,
    DiscoverySource,
    autoconfig_urls_for,
    discover,
    fetch_autoconfig,
)
from tests.dns_server import DnsServer, dns_server

CONFIG = b"""<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="artisan.fr">
  <domain>artisan.fr</domain><displayName>Artisan Mail</displayName>
  <incomingServer type="imap"><hostname>imap.artisan.fr</hostname><port>993</port>
    <socketType>SSL</socketType><username>%EMAILADDRESS%</username>
    <authentication>password-cleartext</authentication></incomingServer>
  <outgoingServer type="smtp"><hostname>smtp.%EMAILDOMAIN%</hostname><port>465</port>
    <socketType>SSL</socketType><username>%EMAILADDRESS%</username>
    <authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>"""


class ConfigServer:
    """Serves CONFIG at /mail/config-v1.1.xml and records the requests."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                if self.path.startswith("/mail/config-v1.1.xml"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/xml")
                    self.end_headers()
                    self.wfile.write(CONFIG)
                elif self.path == "/slow":
                    time.sleep(2)
                    self.send_response(200)
                    self.end_headers()
                else:
                    self.send_response(404)
                    self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def web() -> Iterator[ConfigServer]:
    server = ConfigServer()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def dns() -> Iterator[DnsServer]:
    with dns_server(
        {
            "boulangerie-martin.fr": [(10, "boulangerie-martin-fr.mail.protection.outlook.com")],
            "plomberie.fr": [(5, "ALT1.ASPMX.L.GOOGLE.COM"), (1, "aspmx.l.google.com")],
            "menuiserie.fr": [(10, "mx1.mail.ovh.net"), (20, "mx2.mail.ovh.net")],
            "artisan.fr": [(10, "mx.artisan.fr")],
        }
    ) as server:
        yield server


def test_bundled_presets_need_no_network() -> None:
    class NoDns:
        def resolve(self, *args: Any, **kwargs: Any) -> Any:
            raise AssertionError("no DNS query for a known domain")

    found = discover(" prenom.nom@orange.fr ", resolver=NoDns(), offline=False)
    assert found is not None and found.source is DiscoverySource.BUNDLED
    assert found.preset.id == "orange" and found.address == "prenom.nom@orange.fr"
    assert found.preset.smtp.host == "smtp.orange.fr"


def test_offline_uses_only_the_bundled_data(dns: DnsServer) -> None:
    start = time.monotonic()
    assert discover("contact@menuiserie.fr", resolver=dns.resolver(), offline=True) is None
    assert time.monotonic() - start < 0.5 and dns.queries == []


def test_offline_by_environment(monkeypatch: pytest.MonkeyPatch, dns: DnsServer) -> None:
    monkeypatch.setenv("FACTURIER_OFFLINE", "1")
    assert discover("contact@menuiserie.fr", resolver=dns.resolver()) is None
    assert dns.queries == []
    assert discover("a@free.fr") is not None  # bundled data still answers


@pytest.mark.parametrize(
    ("address", "preset_id", "host"),
    [
        ("compta@boulangerie-martin.fr", "microsoft", "smtp.office365.com"),
        ("jean@plomberie.fr", "google_workspace", "smtp.gmail.com"),
        ("contact@menuiserie.fr", "ovh", "ssl0.ovh.net"),
    ],
)
def test_mx_reveals_a_hosted_provider(
    dns: DnsServer, address: str, preset_id: str, host: str
) -> None:
    found = discover(address, resolver=dns.resolver(), offline=False, autoconfig_urls=[])
    assert found is not None and found.source is DiscoverySource.MX
    assert found.preset.id == preset_id and found.preset.smtp.host == host
    assert dns.queries == [address.split("@")[1]]


def test_mx_through_the_configured_dns_server(
    monkeypatch: pytest.MonkeyPatch, dns: DnsServer
) -> None:
    monkeypatch.setenv("FACTURIER_DNS_SERVER", f"127.0.0.1:{dns.port}")
    found = discover("jean@plomberie.fr", offline=False, autoconfig_urls=[])
    assert found is not None and found.preset.id == "google_workspace"
    assert found.detail == "aspmx.l.google.com"  # the preferred one


def test_a_stub_resolver_object_is_enough() -> None:
    class Record:
        def __init__(self, preference: int, exchange: str) -> None:
            self.preference, self.exchange = preference, exchange

    class Stub:
        def resolve(self, qname: str, rdtype: str, *, lifetime: float) -> list[Record]:
            assert (qname, rdtype) == ("charpente.fr", "MX")
            return [Record(10, "mx00.ionos.fr.")]

    found = discover("a@charpente.fr", resolver=Stub(), offline=False, autoconfig_urls=[])
    assert found is not None and found.preset.id == "ionos"


def test_then_the_domain_autoconfig_file(dns: DnsServer, web: ConfigServer) -> None:
    urls = [f"{web.base}/missing", f"{web.base}/mail/config-v1.1.xml?emailaddress=x"]
    found = discover(
        "paul@artisan.fr", resolver=dns.resolver(), offline=False, autoconfig_urls=urls
    )
    assert found is not None and found.source is DiscoverySource.AUTOCONFIG
    assert found.preset.id == AUTOCONFIG_ID and found.detail == urls[1]
    assert found.preset.smtp.host == "smtp.artisan.fr"  # %EMAILDOMAIN% filled in
    assert found.preset.smtp.security is SmtpSecurity.SSL
    assert found.preset.imap is not None and found.preset.imap.host == "imap.artisan.fr"
    assert web.requests == ["/missing", "/mail/config-v1.1.xml?emailaddress=x"]


def test_nothing_found_means_manual_entry(dns: DnsServer, web: ConfigServer) -> None:
    urls = [f"{web.base}/missing"]
    assert (
        discover("a@nowhere.fr", resolver=dns.resolver(), offline=False, autoconfig_urls=urls)
        is None
    )
    assert discover("not an address", resolver=dns.resolver()) is None
    assert discover("a@exemple.invalid", resolver=dns.resolver(), offline=False) is None
    assert dns.queries == ["nowhere.fr"]  # reserved names are never asked


def test_a_silent_dns_server_does_not_hang() -> None:
    import socket

    import dns.resolver

    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = ["127.0.0.1"]
    resolver.port = silent.getsockname()[1]
    start = time.monotonic()
    try:
        assert discover("a@menuiserie.fr", resolver=resolver, offline=False, timeout=0.3) is None
    finally:
        silent.close()
    assert time.monotonic() - start < 2


def test_autoconfig_only_over_https_or_loopback(web: ConfigServer) -> None:
    assert autoconfig_urls_for("Jean@Artisan.fr") == [
        "https://autoconfig.artisan.fr/mail/config-v1.1.xml?emailaddress=Jean%40Artisan.fr",
        "https://artisan.fr/.well-known/autoconfig/mail/config-v1.1.xml",
    ]
    assert fetch_autoconfig(f"{web.base}/mail/config-v1.1.xml") is not None
    assert fetch_autoconfig("http://203.0.113.7/mail/config-v1.1.xml") is None  # not fetched
    assert fetch_autoconfig(f"{web.base}/slow", timeout=0.3) is None
