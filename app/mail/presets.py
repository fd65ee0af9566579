"""Mail providers' settings, from Thunderbird autoconfig files (``clientConfig`` XML).

The bundled presets are one file per provider in ``resources/mail_presets/``, in the
format of Mozilla's ISPDB, so that they can be checked against it and a domain's own
published autoconfig file reads the same way. What the format has no element for (sending
limits, the OAuth provider, the app-password page, whether the provider files sent mail
in the Sent folder itself, the MX hosts that reveal it) is in our own namespaced element,
``<facturier:preset xmlns:facturier="urn:facturier:presets">``, inside ``emailProvider``;
programs that read clientConfig ignore it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from lxml import etree

from app.domain.kinds import SmtpAuth, SmtpSecurity
from app.domain.mail_presets import MAX_CONNECTIONS, MailPreset, ServerSettings, Username
from app.errors import FacturierError
from app.resources import resource_path

NAMESPACE = "urn:facturier:presets"
_EXT = f"{{{NAMESPACE}}}"
MAX_CONFIG_BYTES = 256 * 1024  # a clientConfig file is a few kB


class PresetFileError(FacturierError):
    """A clientConfig file that cannot be used (``reason``: "xml", "no_smtp", "value")."""

    code = "mail.preset_file"


_SECURITY = {"SSL": SmtpSecurity.SSL, "STARTTLS": SmtpSecurity.STARTTLS}
_AUTH = {
    "password-cleartext": SmtpAuth.PASSWORD,
    "plain": SmtpAuth.PASSWORD,  # older files
    "password-encrypted": SmtpAuth.PASSWORD,  # CRAM-MD5: smtplib's login() offers it too
    "OAuth2": SmtpAuth.OAUTH2,
}


def _parser() -> etree.XMLParser:
    # Files may come from a domain's web server: no entities, no network, no DTD.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _text(element: etree._Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _server(element: etree._Element) -> ServerSettings | None:
    """One server element, or None when it is unencrypted or unusable."""
    security = _SECURITY.get(_text(element, "socketType"))
    host = _text(element, "hostname")
    try:
        port = int(_text(element, "port"))
    except ValueError:
        return None
    if security is None or not host or not 0 < port < 65536:
        return None
    methods: list[SmtpAuth] = []
    for auth in element.findall("authentication"):
        method = _AUTH.get((auth.text or "").strip())
        if method is not None and method not in methods:
            methods.append(method)
    if not element.findall("authentication"):
        methods.append(SmtpAuth.PASSWORD)
    if not methods:
        return None
    template = _text(element, "username")
    username: Username = "localpart" if template == "%EMAILLOCALPART%" else "address"
    return ServerSettings(host, port, security, methods[0], username, tuple(methods))


def _first(provider: etree._Element, tag: str, kind: str) -> ServerSettings | None:
    for element in provider.findall(tag):
        if element.get("type") == kind:
            server = _server(element)
            if server is not None:
                return server
    return None


def _number(element: etree._Element | None, name: str) -> int:
    if element is None:
        return 0
    value = int(element.get(name, "0") or 0)
    if value < 0:
        raise ValueError(name)
    return value


def parse_client_config(data: bytes, *, preset_id: str = "") -> MailPreset:
    """A clientConfig document as a preset: its first encrypted SMTP server and IMAP
    server, and our extension's figures when present. ``PresetFileError`` otherwise."""
    if len(data) > MAX_CONFIG_BYTES:
        raise PresetFileError("too large", reason="xml")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise PresetFileError(str(exc), reason="xml") from exc
    provider = root.find("emailProvider") if root.tag == "clientConfig" else None
    if provider is None:
        raise PresetFileError("no emailProvider", reason="xml")
    smtp = _first(provider, "outgoingServer", "smtp")
    if smtp is None:
        raise PresetFileError("no encrypted SMTP server", reason="no_smtp")
    domains = tuple(
        (d.text or "").strip().lower() for d in provider.findall("domain") if (d.text or "").strip()
    )
    extension = provider.find(f"{_EXT}preset")
    name = _text(provider, "displayName") or _text(provider, "displayShortName")
    preset = MailPreset(
        id=preset_id or provider.get("id", "") or (domains[0] if domains else ""),
        name=name or (domains[0] if domains else smtp.host),
        domains=domains,
        smtp=smtp,
        imap=_first(provider, "incomingServer", "imap"),
    )
    if extension is None:
        return preset
    try:
        limits = extension.find(f"{_EXT}limits")
        oauth = extension.find(f"{_EXT}oauth")
        app_password = extension.find(f"{_EXT}appPassword")
        sent = extension.find(f"{_EXT}sentCopy")
        return replace(
            preset,
            oauth_provider=oauth.get("provider", "") if oauth is not None else "",
            app_password_url=app_password.get("url", "") if app_password is not None else "",
            rate_per_minute=_number(limits, "perMinute"),
            daily_message_limit=_number(limits, "messagesPerDay"),
            daily_recipient_limit=_number(limits, "recipientsPerDay"),
            max_connections=_number(limits, "connections"),
            files_sent_itself=sent is not None and sent.get("filedByServer") == "true",
            mx=tuple(
                (m.text or "").strip().lower().rstrip(".")
                for m in extension.findall(f"{_EXT}mx")
                if (m.text or "").strip()
            ),
        )
    except ValueError as exc:
        raise PresetFileError(str(exc), reason="value") from exc


@cache
def all_presets() -> tuple[MailPreset, ...]:
    """The bundled presets, sorted by id (read once)."""
    folder = resource_path("mail_presets")
    return tuple(
        parse_client_config(path.read_bytes(), preset_id=path.stem)
        for path in sorted(folder.glob("*.xml"))
    )


def preset_by_id(preset_id: str) -> MailPreset | None:
    return next((p for p in all_presets() if p.id == preset_id), None)


def preset_for_domain(domain: str) -> MailPreset | None:
    """The bundled preset of an address's domain (``orange.fr``), or None."""
    domain = domain.strip().lower().rstrip(".")
    return next((p for p in all_presets() if domain in p.domains), None)


def connection_cap(host: str) -> int:
    """How many connections at once the account's server takes: its bundled preset's
    figure (cautious where the provider publishes none), else ``MAX_CONNECTIONS``."""
    host = host.strip().lower().rstrip(".")
    for preset in all_presets():
        # A server named after the address's domain (mail.%EMAILDOMAIN%) says nothing.
        if preset.max_connections and preset.smtp.host.lower() == host:
            return min(preset.max_connections, MAX_CONNECTIONS)
    return MAX_CONNECTIONS


def preset_for_mx(hosts: list[str]) -> tuple[MailPreset, str] | None:
    """The bundled preset whose MX suffixes match one of ``hosts`` (in preference order),
    with the host that matched; the longest suffix wins."""
    for host in hosts:
        host = host.strip().lower().rstrip(".")
        best: tuple[int, MailPreset] | None = None
        for preset in all_presets():
            for suffix in preset.mx:
                if (host == suffix or host.endswith("." + suffix)) and (
                    best is None or len(suffix) > best[0]
                ):
                    best = (len(suffix), preset)
        if best is not None:
            return best[1], host
    return None
