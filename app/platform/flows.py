"""The e-invoicing platform's flows and accounts as plain data: what the services read and
write without loading the HTTP client (requests, 70 ms at start-up) until they talk to
the platform (``app.platform.client``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

FlowSyntax = Literal["Factur-X", "CDAR"]
MEDIA_PDF = "application/pdf"
MEDIA_XML = "application/xml"
# flowType / flowDirection / acknowledgement status values of the API
INVOICE_FLOW = "CustomerInvoice"
LIFECYCLE_FLOW = "CustomerInvoiceLC"
INCOMING = "In"
OUTGOING = "Out"


@dataclass(frozen=True)
class PlatformAccount:
    url: str  # the API's base URL, e.g. https://pa.example/api/v1
    client_id: str
    secret: str = field(repr=False)
    token_url: str = ""  # empty: url + "/oauth/token"
    timeout: float = 30.0  # seconds, to connect and between bytes of the answer

    @property
    def base_url(self) -> str:
        return self.url.strip().rstrip("/")

    @property
    def effective_token_url(self) -> str:
        return self.token_url.strip() or f"{self.base_url}/oauth/token"


@dataclass(frozen=True)
class FlowInfo:
    tracking_id: str  # ours: the invoice's identity, to find the flow again
    name: str  # the file's name, e.g. F-2027-0001.pdf
    flow_syntax: FlowSyntax
    flow_profile: str = "EN16931"
    processing_rule: str = "B2B"


@dataclass(frozen=True)
class FlowReceipt:
    flow_id: str
    submitted_at: datetime  # UTC


@dataclass(frozen=True)
class Flow:
    flow_id: str
    tracking_id: str
    flow_type: str  # INVOICE_FLOW or LIFECYCLE_FLOW
    direction: str  # OUTGOING (we sent it) or INCOMING (for us)
    syntax: str  # "Factur-X" or "CDAR"
    name: str
    ack_status: str  # "Pending", "Ok" or "Error"
    ack_reasons: tuple[str, ...]  # the acknowledgement's reasons (message, else code)
    submitted_at: datetime  # UTC
    updated_at: datetime  # UTC


@dataclass(frozen=True)
class DirectoryLine:
    identifier: str  # the addressing identifier: SIREN, SIRET or routing code
    siren: str
    platform_name: str  # the receiver's platform


@dataclass(frozen=True)
class LegalUnit:
    siren: str
    name: str
