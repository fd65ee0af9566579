"""Finding a mail account's settings from its address.

In order: the bundled presets by the address's domain (instant, offline); the domain's MX
hosts (DNS, dnspython) matched against the presets' ``facturier:mx`` suffixes (a company
domain hosted by Google, Microsoft 365, OVHcloud...); the domain's published autoconfig
file (Thunderbird's clientConfig, over HTTPS only: its server names receive the password).
Nothing found: None, and the user types the settings.

Offline (``offline=True``, ``FACTURIER_OFFLINE=1``, or no route to the DNS server, which
a UDP ``connect`` tells without sending anything) only the bundled data is used, at once.
Every network step has a short timeout; the window runs this in the background.
"""

from __future__ import annotations

import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from app.domain.mail_presets import (
    AUTOCONFIG_ID,
    Discovery,
    DiscoverySource,
    MailPreset,
    address_domain,
)
from app.mail.presets import (
    MAX_CONFIG_BYTES,
    PresetFileError,
    parse_client_config,
    preset_for_domain,
    preset_for_mx,
)

DEFAULT_TIMEOUT = 4.0  # seconds, per network step
OFFLINE_ENV = "FACTURIER_OFFLINE"
DNS_SERVER_ENV = "FACTURIER_DNS_SERVER"  # "host" or "host:port": another DNS server
# RFC 2606 / 6761 names: never a real mailbox, never worth a network request.
_RESERVED_TLDS = ("example", "invalid", "test", "localhost", "local")
_RESERVED_DOMAINS = ("example.com", "example.net", "example.org")


class Resolver(Protocol):
    """What discovery needs of a DNS resolver (``dns.resolver.Resolver`` or a stub)."""

    def resolve(self, qname: str, rdtype: str, *, lifetime: float) -> Iterable[Any]: ...


def discover(
    address: str,
    *,
    resolver: Resolver | None = None,
    offline: bool | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    autoconfig_urls: Sequence[str] | None = None,
) -> Discovery | None:
    """The settings for ``address``, or None (type them by hand).

    ``resolver``: a DNS resolver (default: the system's, or ``FACTURIER_DNS_SERVER``).
    ``autoconfig_urls``: where to look for the domain's file (default:
    ``autoconfig_urls_for(address)``; tests give a loopback server's URL).
    """
    domain = address_domain(address)
    if not domain:
        return None
    address = address.strip()
    bundled = preset_for_domain(domain)
    if bundled is not None:
        return Discovery(address, bundled.for_address(address), DiscoverySource.BUNDLED)
    if _reserved(domain):
        return None
    if offline is None:
        offline = os.environ.get(OFFLINE_ENV, "").strip() not in ("", "0")
    if offline:
        return None
    if resolver is None:
        resolver = default_resolver(timeout)
        if resolver is None or not _reachable(resolver):
            return None
    try:
        hosts = mx_hosts(domain, resolver, timeout)
    except TimeoutError:
        return None  # the network is too slow or gone: the web server would be too
    match = preset_for_mx(hosts)
    if match is not None:
        preset, host = match
        return Discovery(address, preset.for_address(address), DiscoverySource.MX, host)
    urls = autoconfig_urls if autoconfig_urls is not None else autoconfig_urls_for(address)
    for url in urls:
        found = fetch_autoconfig(url, timeout)
        if found is not None:
            preset = found.for_address(address)
            return Discovery(address, preset, DiscoverySource.AUTOCONFIG, url)
    return None


def _reserved(domain: str) -> bool:
    return domain.rsplit(".", 1)[-1] in _RESERVED_TLDS or any(
        domain == d or domain.endswith("." + d) for d in _RESERVED_DOMAINS
    )


def default_resolver(timeout: float = DEFAULT_TIMEOUT) -> Resolver | None:
    """The system's DNS resolver (or the one of ``FACTURIER_DNS_SERVER``); None when the
    system names none (no network configured)."""
    # lazy: dnspython adds 41 ms of CPU (63 ms alone) to the window's start, which loads
    # this module; only a provider look-up needs it
    import dns.resolver

    server = os.environ.get(DNS_SERVER_ENV, "").strip()
    try:
        resolver = dns.resolver.Resolver(configure=not server)
    except dns.resolver.NoResolverConfiguration:
        return None
    if server:
        host, _, port = server.rpartition(":") if server.count(":") == 1 else (server, "", "")
        resolver.nameservers = [host]
        resolver.port = int(port or 53)
    resolver.timeout = resolver.lifetime = timeout
    return resolver  # type: ignore[return-value]


def _reachable(resolver: Resolver) -> bool:
    """Whether the first DNS server can be reached at all: a UDP ``connect`` fails at once
    when there is no route (cable out, Wi-Fi off) and sends nothing otherwise."""
    servers = list(getattr(resolver, "nameservers", []) or [])
    if not servers:
        return False
    port = int(getattr(resolver, "port", 53) or 53)
    server = str(servers[0])
    if "://" in server:  # DNS over HTTPS: let the query tell
        return True
    family = socket.AF_INET6 if ":" in server else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((server, port))
    except OSError:
        return False
    return True


def mx_hosts(domain: str, resolver: Resolver, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """The domain's MX hosts, most preferred first; [] when it has none or does not exist.
    ``TimeoutError`` when no DNS answer came in time."""
    # lazy: as default_resolver
    import dns.exception
    import dns.resolver

    try:
        answer = resolver.resolve(domain, "MX", lifetime=timeout)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer, dns.resolver.NoNameservers):
        return []
    except dns.exception.Timeout as exc:
        raise TimeoutError(str(exc)) from exc
    except (dns.exception.DNSException, OSError):
        return []
    records = sorted(answer, key=lambda r: int(getattr(r, "preference", 0)))
    return [str(getattr(r, "exchange", "")).rstrip(".").lower() for r in records]


def autoconfig_urls_for(address: str) -> list[str]:
    """Where a domain publishes its clientConfig file (Thunderbird's autoconfig)."""
    domain = address_domain(address)
    if not domain:
        return []
    query = urllib.parse.urlencode({"emailaddress": address.strip()})
    return [
        f"https://autoconfig.{domain}/mail/config-v1.1.xml?{query}",
        f"https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml",
    ]


def _allowed(url: str) -> bool:
    """HTTPS, or HTTP to this computer (tests): the file names the servers that will be
    given the password, so it must not be open to tampering on the way."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "::1", "localhost")


def fetch_autoconfig(url: str, timeout: float = DEFAULT_TIMEOUT) -> MailPreset | None:
    """The preset in the clientConfig file at ``url``; None when it cannot be had."""
    if not _allowed(url):
        return None
    request = urllib.request.Request(url, headers={"Accept": "application/xml, text/xml"})
    try:
        # Redirects are followed by urllib: one to plain HTTP elsewhere is refused below.
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if not _allowed(response.geturl()) or response.status != 200:
                return None
            data = response.read(MAX_CONFIG_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError):
        return None
    try:
        return parse_client_config(data, preset_id=AUTOCONFIG_ID)
    except PresetFileError:
        return None
