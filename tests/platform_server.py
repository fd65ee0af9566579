"""A real approved e-invoicing platform (plateforme agréée) for the tests, over HTTPS on a
free loopback port.

It speaks the subset of the AFNOR XP Z12-013 interfaces Facturier uses (the agreed
description: a Flow Service and a Directory Service behind one gateway, ``/api/v1``):

- OAuth2 client credentials (RFC 6749 §4.4): ``POST /oauth/token`` authenticates the one
  client (``PLATFORM_CLIENT_ID``/``PLATFORM_SECRET``, HTTP Basic or form fields) and issues
  bearer tokens that live ``token_lifetime`` seconds; ``expire_tokens()`` ends them early.
- Flows: a *flow* is one file exchanged with the platform, with its tracking id (the
  sender's reference), its syntax (``Factur-X`` invoice, ``CDAR`` lifecycle message), its
  direction (``Out``: deposited by us, ``In``: for us) and the platform's acknowledgement
  (``Pending``, then ``Ok``, or ``Error`` with the reasons: the invoice is *rejected*, status
  213). ``POST /flows`` receives one (multipart: ``flowInfo`` JSON + ``file``), checks it
  (SHA-256, the Factur-X XML against its XSD, the CDAR subset) and answers 202 with the
  full flow info; ``GET /flows/{id}`` gives its metadata or its original file; ``POST
  /flows/search`` finds flows by tracking id, update time, type, direction, acknowledgement.
- Lifecycle statuses (the reform's CDAR messages): ``advance()`` plays the buyer's side,
  putting for each status code (202 Reçue … 212 Encaissée, 210 Refusée) an incoming
  ``CustomerInvoiceLC`` flow whose original is a CDAR message naming the invoice number.
  Statuses we send (212 Encaissée) are recorded in ``seller_statuses``.
- Directory: ``GET /directory-line/code:{id}`` (is this company reachable on the network?)
  and ``GET /siren/code-insee:{siren}`` (the company's registry record), from a small
  directory (``register()``).

Every error has the AFNORError body. Fault injection for the client's resilience: the next
answers on a path prefix replaced by 401, 429 (Retry-After), 500 or 503
(``fail_next``); a request processed but never answered (``drop_after_request``: the
connection is closed, the flow exists); ``slow()`` answers; ``reject_next_deposit()``.

Not a test module: import it (``from tests.platform_server import PlatformTestServer``);
the ``platform_server`` fixture (tests/conftest.py) starts one with the session's test CA.
Waiting is done on conditions (``wait_for``), never fixed sleeps.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import hashlib
import json
import secrets
import socket
import ssl
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import facturx
from lxml import etree

PLATFORM_CLIENT_ID = "facturier-pa-test-client"
PLATFORM_SECRET = "pa-test-secret-not-so-secret"
BASE_PATH = "/api/v1"
PLATFORM = {"registrationId": "0042", "name": "PA Test"}
DIRECTORY_FROM = "2026-09-01"  # start of the registrations' period
# A few real-looking companies (SIRENs with a correct Luhn key) registered by default.
DEFAULT_DIRECTORY: Mapping[str, str] = {
    "732829320": "Atelier Dupont & Fils",
    "552100554": "Boulangerie Éclair",
    "443061841": "Garage du Centre",
}
DEFAULT_BUYER_SIREN = "552100554"  # who sends statuses when the invoice names no buyer

PAID_SCRIPT = ("202", "203", "204", "205", "211")  # Reçue … Paiement transmis
REFUSED = "210"
REJECTED = "213"

CDAR_NS = "urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100"
RAM_NS = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT_NS = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT_NS = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
CDAR_GUIDELINE = "urn.cpro.gouv.fr:1p0:CDV:invoice"
_NS = {"rsm": CDAR_NS, "ram": RAM_NS, "udt": UDT_NS, "qdt": QDT_NS}
_CII_NS = dict(facturx.get_xml_namespaces("factur-x"))
_CII_NUMBER = "rsm:ExchangedDocument/ram:ID/text()"
_CII_BUYER_SIREN = (
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
    "/ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID/text()"
)
_CDAR_REFERENCE = "rsm:AcknowledgementDocument/ram:ReferenceReferencedDocument"
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SEARCH_FILTERS = ("trackingId", "updatedAfter", "flowType", "flowDirection", "ackStatus")
MEDIA_TYPES = {"Factur-X": "application/pdf", "CDAR": "application/xml"}


# --- what the server holds ------------------------------------------------------------------


@dataclass(frozen=True)
class Deposit:
    """An invoice flow we deposited (``POST /flows``, Factur-X), as received."""

    flow_id: str
    tracking_id: str
    name: str
    data: bytes  # the file, exactly as received
    invoice_number: str  # rsm:ExchangedDocument/ram:ID of its CII XML
    buyer_siren: str | None  # the buyer's SpecifiedLegalOrganization ID, when given
    rejected: bool  # acknowledgement Error (reject_next_deposit)
    flow_info: dict[str, Any]  # the flowInfo part as sent


@dataclass(frozen=True)
class SellerStatus:
    """A lifecycle status we sent (``POST /flows``, CDAR), e.g. 212 Encaissée."""

    flow_id: str
    tracking_id: str
    invoice_number: str
    status_code: str
    reason_code: str
    reason: str
    amount: str | None  # 212: the amount received (SpecifiedDocumentCharacteristic MEN)
    sender_siren: str
    data: bytes


@dataclass
class _Flow:
    flow_id: str
    tracking_id: str
    submitted_at: datetime
    updated_at: datetime
    flow_type: str  # CustomerInvoice | CustomerInvoiceLC
    direction: str  # Out | In
    syntax: str  # Factur-X | CDAR
    profile: str
    processing_rule: str
    name: str
    data: bytes
    ack_status: str = "Pending"
    ack_details: list[dict[str, str]] = field(default_factory=list)

    def metadata(self) -> dict[str, Any]:
        return {
            "flowId": self.flow_id,
            "trackingId": self.tracking_id,
            "submittedAt": _iso(self.submitted_at),
            "updatedAt": _iso(self.updated_at),
            "flowType": self.flow_type,
            "flowDirection": self.direction,
            "flowSyntax": self.syntax,
            "flowProfile": self.profile,
            "processingRule": self.processing_rule,
            "name": self.name,
            "acknowledgement": {
                "status": self.ack_status,
                "details": [dict(d) for d in self.ack_details],
            },
        }


@dataclass
class _Fault:
    prefix: str
    method: str | None
    remaining: int
    status: int = 0  # 0: drop the connection after processing the request
    retry_after: int | None = None

    def matches(self, method: str, path: str) -> bool:
        return (
            self.remaining > 0
            and path.startswith(self.prefix)
            and (self.method is None or self.method == method)
        )


class _ApiError(Exception):
    def __init__(self, status: int, message: str, details: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details


class _Answer:
    """What a request gets back: a status, a body, its headers."""

    def __init__(
        self,
        status: int,
        body: dict[str, Any] | bytes,
        media_type: str = "application/json",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.data = json.dumps(body).encode() if isinstance(body, dict) else body
        self.media_type = media_type
        self.headers = dict(headers or {})


class _TlsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler], context: ssl.SSLContext) -> None:
        self.context = context
        super().__init__(("127.0.0.1", 0), handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = self.socket.accept()
        # The handshake happens in the request's own thread (Handler.setup), so that a slow
        # or failing client never holds up the accepting loop.
        wrapped = self.context.wrap_socket(
            connection, server_side=True, do_handshake_on_connect=False
        )
        return wrapped, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up or refuses the certificate: nothing to report


class PlatformTestServer:
    """One platform. ``server_context``: the TLS context (``SmtpCertificates.server_context()``)."""

    def __init__(
        self,
        server_context: ssl.SSLContext,
        *,
        client_id: str = PLATFORM_CLIENT_ID,
        secret: str = PLATFORM_SECRET,
        token_lifetime: int = 3600,
        directory: Mapping[str, str] | None = None,
    ) -> None:
        self.client_id = client_id
        self.secret = secret
        self.token_lifetime = token_lifetime
        # True: deposited flows stay Pending until release_acknowledgements().
        self.hold_acknowledgements = False
        self.tokens_issued = 0
        self.requests: list[tuple[str, str]] = []  # (method, path under /api/v1), answered or not
        self._cond = threading.Condition()
        self._tokens: dict[str, float] = {}  # access token -> expiry (time.time())
        self._flows: dict[str, _Flow] = {}
        self._deposits: list[Deposit] = []
        self._seller_statuses: list[SellerStatus] = []
        self._directory: dict[str, tuple[str, str]] = {}  # siren -> (name, entity type)
        self._faults: list[_Fault] = []
        self._rejections: list[tuple[str, str]] = []  # (reason code, message) for next deposits
        self._delay = 0.0
        self._delay_prefix = ""
        self._last_stamp = datetime.now(UTC) - timedelta(seconds=1)
        self._stopping = threading.Event()
        for siren, name in (DEFAULT_DIRECTORY if directory is None else directory).items():
            self.register(siren, name=name)
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a client's session uses it
            timeout = 10

            def setup(self) -> None:
                super().setup()
                assert isinstance(self.request, ssl.SSLSocket)
                self.request.do_handshake()

            def do_GET(self) -> None:
                owner._handle(self, "GET")

            def do_POST(self) -> None:
                owner._handle(self, "POST")

            def do_PUT(self) -> None:
                owner._handle(self, "PUT")

            def do_DELETE(self) -> None:
                owner._handle(self, "DELETE")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = _TlsServer(Handler, server_context)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def start(self) -> PlatformTestServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Quick: slowed answers stop waiting, the listening socket is closed."""
        self._stopping.set()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> PlatformTestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}{BASE_PATH}"

    @property
    def token_url(self) -> str:
        return f"{self.url}/oauth/token"

    # --- what tests inspect ---------------------------------------------------------------

    @property
    def deposits(self) -> list[Deposit]:
        with self._cond:
            return list(self._deposits)

    def deposits_for(self, tracking_id: str) -> list[Deposit]:
        with self._cond:
            return [d for d in self._deposits if d.tracking_id == tracking_id]

    @property
    def seller_statuses(self) -> list[SellerStatus]:
        with self._cond:
            return list(self._seller_statuses)

    def flow(self, flow_id: str) -> dict[str, Any]:
        """A flow's metadata, as ``GET /flows/{id}`` gives it (KeyError when unknown)."""
        with self._cond:
            return self._flows[flow_id].metadata()

    def flows(self) -> list[dict[str, Any]]:
        """Every flow's metadata, oldest update first."""
        with self._cond:
            ordered = sorted(self._flows.values(), key=lambda f: f.updated_at)
            return [f.metadata() for f in ordered]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        with self._cond:
            if not self._cond.wait_for(predicate, timeout):
                raise TimeoutError("platform test server: condition not met in time")

    def wait_for_deposits(self, count: int, timeout: float = 5.0) -> list[Deposit]:
        self.wait_for(lambda: len(self._deposits) >= count, timeout)
        return self.deposits

    def wait_for_seller_statuses(self, count: int, timeout: float = 5.0) -> list[SellerStatus]:
        self.wait_for(lambda: len(self._seller_statuses) >= count, timeout)
        return self.seller_statuses

    # --- what tests change ----------------------------------------------------------------

    def register(
        self, siren: str, *, name: str = "Entreprise de test", entity_type: str = "Private"
    ) -> None:
        """Put a company in the directory (reachable by e-invoicing)."""
        if not (len(siren) == 9 and siren.isdigit() and _luhn_ok(siren)):
            raise ValueError(f"not a valid SIREN: {siren!r}")
        with self._cond:
            self._directory[siren] = (name, entity_type)

    def unregister(self, siren: str) -> None:
        with self._cond:
            self._directory.pop(siren, None)

    def expire_tokens(self) -> None:
        """Every token issued so far is refused from now on (expired mid-batch)."""
        with self._cond:
            for token in self._tokens:
                self._tokens[token] = 0.0

    def fail_next(
        self,
        path_prefix: str,
        status: int,
        count: int = 1,
        *,
        retry_after: int | None = None,
        method: str | None = None,
    ) -> None:
        """The next ``count`` requests whose path (under /api/v1, e.g. "/flows") starts with
        ``path_prefix`` get ``status`` (401, 429, 500, 503…) without being processed."""
        with self._cond:
            self._faults.append(_Fault(_relative(path_prefix), method, count, status, retry_after))

    def unauthorized_next(self, path_prefix: str, count: int = 1) -> None:
        self.fail_next(path_prefix, 401, count)

    def throttle_next(self, path_prefix: str, count: int = 1, retry_after: int = 1) -> None:
        self.fail_next(path_prefix, 429, count, retry_after=retry_after)

    def server_error_next(self, path_prefix: str, count: int = 1) -> None:
        self.fail_next(path_prefix, 500, count)

    def unavailable_next(
        self, path_prefix: str, count: int = 1, retry_after: int | None = 1
    ) -> None:
        self.fail_next(path_prefix, 503, count, retry_after=retry_after)

    def drop_after_request(
        self, path_prefix: str, count: int = 1, *, method: str | None = None
    ) -> None:
        """The next ``count`` matching requests are read and processed in full (a POST
        /flows creates its flow), then the connection is closed without any answer."""
        with self._cond:
            self._faults.append(_Fault(_relative(path_prefix), method, count))

    def slow(self, seconds: float, path_prefix: str = "") -> None:
        """Wait ``seconds`` before answering each request (on that prefix); 0: no delay."""
        with self._cond:
            self._delay = seconds
            self._delay_prefix = _relative(path_prefix) if path_prefix else ""

    def clear_faults(self) -> None:
        with self._cond:
            self._faults.clear()
            self._rejections.clear()
            self._delay = 0.0

    def reject_next_deposit(self, reason: str, reason_code: str = "REJ_SEMAN") -> None:
        """The next invoice flow deposited is stored, acknowledged ``Error`` (213 Rejetée)."""
        with self._cond:
            self._rejections.append((reason_code, reason))

    def release_acknowledgements(self) -> None:
        """Pending flows (``hold_acknowledgements``) become Ok (or Error when rejected)."""
        with self._cond:
            for flow in self._flows.values():
                if flow.ack_status == "Pending":
                    self._acknowledge(flow)
            self._cond.notify_all()

    # --- the buyer's side: lifecycle statuses ---------------------------------------------

    def advance(
        self,
        invoice_number: str,
        *codes: str | int,
        reason: str = "",
        reason_code: str = "",
        amount: str | None = None,
    ) -> list[str]:
        """For each status code, an incoming CDAR flow about the invoice; its flow ids."""
        sender = DEFAULT_BUYER_SIREN
        with self._cond:
            for deposit in self._deposits:
                if deposit.invoice_number == invoice_number and deposit.buyer_siren:
                    sender = deposit.buyer_siren
        flow_ids = []
        for code in codes:
            with self._cond:
                stamp = self._stamp_locked()
                lc_id = f"LC-{uuid.uuid4()}"
                xml = cdar_xml(
                    invoice_number,
                    str(code),
                    sender_siren=sender,
                    document_id=lc_id,
                    issued_at=stamp,
                    reason=reason,
                    reason_code=reason_code or ("AUTRE" if reason else ""),
                    amount=amount,
                )
                flow = _Flow(
                    flow_id=str(uuid.uuid4()),
                    tracking_id=lc_id,
                    submitted_at=stamp,
                    updated_at=stamp,
                    flow_type="CustomerInvoiceLC",
                    direction="In",
                    syntax="CDAR",
                    profile="Basic",
                    processing_rule="B2B",
                    name=f"CDAR_{invoice_number}_{code}.xml",
                    data=xml,
                    ack_status="Ok",
                )
                self._flows[flow.flow_id] = flow
                self._cond.notify_all()
            flow_ids.append(flow.flow_id)
        return flow_ids

    def advance_all(self, *codes: str | int) -> list[str]:
        """``advance`` every invoice deposited and not rejected, in deposit order."""
        with self._cond:
            numbers = list(
                dict.fromkeys(
                    d.invoice_number for d in self._deposits if not d.rejected and d.invoice_number
                )
            )
        return [flow_id for number in numbers for flow_id in self.advance(number, *codes)]

    def script_to_paid(self, invoice_number: str) -> list[str]:
        """Reçue, Mise à disposition, Prise en charge, Approuvée, Paiement transmis."""
        return self.advance(invoice_number, *PAID_SCRIPT)

    def reject(self, invoice_number: str, reason: str, reason_code: str = "AUTRE") -> list[str]:
        """The buyer refuses the invoice (210 Refusée) with that reason."""
        return self.advance(invoice_number, REFUSED, reason=reason, reason_code=reason_code)

    # --- the HTTP side --------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        parts = urllib.parse.urlsplit(request.path)
        path = parts.path
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        relative = path[len(BASE_PATH) :] if path.startswith(BASE_PATH + "/") else None
        shown = relative if relative is not None else path
        with self._cond:
            self.requests.append((method, shown))
            delay = self._delay if shown.startswith(self._delay_prefix) else 0.0
        if delay:
            self._stopping.wait(delay)
        drop = False
        answer: _Answer | None = None
        with self._cond:
            for fault in self._faults:
                if fault.matches(method, shown):
                    fault.remaining -= 1
                    if fault.status:
                        answer = _fault_answer(fault, shown)
                    else:
                        drop = True
                    break
            self._faults = [f for f in self._faults if f.remaining > 0]
        if answer is None:
            try:
                if relative is None:
                    raise _ApiError(404, "Not found", path)
                answer = self._route(request, method, relative, parts.query, body)
            except _ApiError as error:
                answer = _error_answer(error, shown)
        if drop:
            request.close_connection = True
            return  # processed, never answered: the client sees the connection close
        _send(request, answer)

    def _route(
        self,
        request: BaseHTTPRequestHandler,
        method: str,
        path: str,
        query: str,
        body: bytes,
    ) -> _Answer:
        if path == "/healthcheck" and method == "GET":
            return _Answer(200, {"status": "UP"})
        if path == "/oauth/token":
            if method != "POST":
                raise _ApiError(405, "Method not allowed")
            return self._token(request, body)
        unauthorized = self._check_bearer(request)
        if unauthorized is not None:
            return unauthorized
        if path == "/flows" and method == "POST":
            return self._deposit(request, body)
        if path == "/flows/search" and method == "POST":
            return self._search(body)
        if path.startswith("/flows/") and method == "GET":
            return self._get_flow(path[len("/flows/") :], query)
        if path.startswith("/directory-line/code:") and method == "GET":
            return self._directory_line(urllib.parse.unquote(path.partition(":")[2]))
        if path.startswith("/siren/code-insee:") and method == "GET":
            return self._siren(urllib.parse.unquote(path.partition(":")[2]))
        raise _ApiError(404, "Not found", f"{method} {path}")

    # --- OAuth2 client credentials --------------------------------------------------------

    def _token(self, request: BaseHTTPRequestHandler, body: bytes) -> _Answer:
        form = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace")))
        client_id, secret = form.get("client_id"), form.get("client_secret")
        basic = request.headers.get("Authorization", "")
        if basic.startswith("Basic "):
            try:
                decoded = base64.b64decode(basic[6:]).decode()
            except ValueError:
                decoded = ""
            client_id, _, secret = (urllib.parse.unquote(p) for p in decoded.partition(":"))
        if client_id != self.client_id or secret != self.secret:
            return _Answer(401, {"error": "invalid_client"}, headers={"Cache-Control": "no-store"})
        if form.get("grant_type") != "client_credentials":
            return _Answer(400, {"error": "unsupported_grant_type"})
        token = secrets.token_urlsafe(32)
        with self._cond:
            self._tokens[token] = time.time() + self.token_lifetime
            self.tokens_issued += 1
            self._cond.notify_all()
        answer: dict[str, Any] = {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.token_lifetime,
        }
        if form.get("scope"):
            answer["scope"] = form["scope"]
        return _Answer(200, answer, headers={"Cache-Control": "no-store"})

    def _check_bearer(self, request: BaseHTTPRequestHandler) -> _Answer | None:
        header = request.headers.get("Authorization", "")
        token = header[len("Bearer ") :] if header.startswith("Bearer ") else ""
        with self._cond:
            expiry = self._tokens.get(token, 0.0) if token else 0.0
        if expiry > time.time():
            return None
        path = urllib.parse.urlsplit(request.path).path[len(BASE_PATH) :]
        error = _ApiError(401, "Invalid or expired access token", "invalid_token")
        return _error_answer(error, path)

    # --- Flow Service ---------------------------------------------------------------------

    def _deposit(self, request: BaseHTTPRequestHandler, body: bytes) -> _Answer:
        info, filename, data = _multipart(request.headers.get("Content-Type", ""), body)
        syntax = info.get("flowSyntax")
        if syntax not in MEDIA_TYPES:
            raise _ApiError(422, f"Unsupported flowSyntax: {syntax!r}")
        given = info.get("sha256")
        if given and str(given).lower() != hashlib.sha256(data).hexdigest():
            raise _ApiError(422, "sha256 does not match the file")
        flow = _Flow(
            flow_id=str(uuid.uuid4()),
            tracking_id=str(info.get("trackingId") or ""),
            submitted_at=_EPOCH,  # stamped when stored
            updated_at=_EPOCH,
            flow_type="CustomerInvoice" if syntax == "Factur-X" else "CustomerInvoiceLC",
            direction="Out",
            syntax=syntax,
            profile=str(info.get("flowProfile") or ("EN16931" if syntax == "Factur-X" else "")),
            processing_rule=str(info.get("processingRule") or "B2B"),
            name=str(info.get("name") or filename),
            data=data,
        )
        if syntax == "Factur-X":
            number, buyer = _check_facturx(data)
            with self._cond:
                rejection = self._rejections.pop(0) if self._rejections else None
                if rejection is not None:
                    flow.ack_details = [
                        {
                            "level": "Error",
                            "item": flow.name,
                            "reasonCode": rejection[0],
                            "reasonMessage": rejection[1],
                        }
                    ]
                self._deposits.append(
                    Deposit(
                        flow.flow_id,
                        flow.tracking_id,
                        flow.name,
                        data,
                        number,
                        buyer,
                        rejection is not None,
                        dict(info),
                    )
                )
                self._store(flow)
        else:
            status = _parse_cdar(data)
            with self._cond:
                self._seller_statuses.append(
                    SellerStatus(flow.flow_id, flow.tracking_id, data=data, **status)
                )
                self._store(flow)
        full = dict(info)
        full.update(flowId=flow.flow_id, submittedAt=_iso(flow.submitted_at))
        return _Answer(202, full)

    def _store(self, flow: _Flow) -> None:
        """Under the lock: keep the new flow, acknowledge it unless held. Stamped here, so
        that flows appear in the order of their updatedAt."""
        flow.submitted_at = flow.updated_at = self._stamp_locked()
        self._flows[flow.flow_id] = flow
        if not self.hold_acknowledgements:
            self._acknowledge(flow)
        self._cond.notify_all()

    def _acknowledge(self, flow: _Flow) -> None:
        flow.ack_status = "Error" if flow.ack_details else "Ok"
        flow.updated_at = self._stamp_locked()

    def _get_flow(self, flow_id: str, query: str) -> _Answer:
        doc_type = dict(urllib.parse.parse_qsl(query)).get("docType", "Metadata")
        with self._cond:
            flow = self._flows.get(flow_id)
            if flow is None:
                raise _ApiError(404, "Flow not found", flow_id)
            if doc_type == "Metadata":
                return _Answer(200, flow.metadata())
            if doc_type == "Original":
                disposition = f'attachment; filename="{flow.name}"'
                return _Answer(
                    200,
                    flow.data,
                    MEDIA_TYPES[flow.syntax],
                    {"Content-Disposition": disposition},
                )
        raise _ApiError(400, f"Unsupported docType: {doc_type}")

    def _search(self, body: bytes) -> _Answer:
        try:
            query = json.loads(body or b"{}")
        except ValueError as error:
            raise _ApiError(400, "Body is not JSON", str(error)) from error
        if not isinstance(query, dict):
            raise _ApiError(400, "Body is not a JSON object")
        limit = query.get("limit", 100)
        where = query.get("where") or {}
        if not isinstance(limit, int) or limit < 1 or not isinstance(where, dict):
            raise _ApiError(400, "Bad limit or where")
        unknown = set(where) - set(SEARCH_FILTERS)
        if unknown:
            raise _ApiError(400, f"Unknown filters: {sorted(unknown)}")
        if not where:
            raise _ApiError(400, "At least one filter is required")
        after = None
        if "updatedAfter" in where:
            try:
                after = datetime.fromisoformat(str(where["updatedAfter"]))
            except ValueError as error:
                raise _ApiError(400, "updatedAfter is not ISO 8601") from error
            if after.tzinfo is None:
                after = after.replace(tzinfo=UTC)
        types = _as_list(where.get("flowType"))
        directions = _as_list(where.get("flowDirection"))

        def wanted(flow: _Flow) -> bool:
            return (
                ("trackingId" not in where or flow.tracking_id == where["trackingId"])
                and (after is None or flow.updated_at > after)
                and (types is None or flow.flow_type in types)
                and (directions is None or flow.direction in directions)
                and ("ackStatus" not in where or flow.ack_status == where["ackStatus"])
            )

        with self._cond:
            found = sorted(filter(wanted, self._flows.values()), key=lambda f: f.updated_at)
            results = [f.metadata() for f in found[:limit]]
        return _Answer(200, {"limit": limit, "filters": where, "results": results})

    # --- Directory Service ----------------------------------------------------------------

    def _directory_line(self, identifier: str) -> _Answer:
        siren = identifier[:9] if len(identifier) == 14 and identifier.isdigit() else identifier
        with self._cond:
            known = siren in self._directory
        if not known:
            raise _ApiError(404, "No directory line for this identifier", identifier)
        return _Answer(
            200,
            {
                "idInstance": str(uuid.uuid5(uuid.NAMESPACE_URL, f"directory:{identifier}")),
                "addressingIdentifier": identifier,
                "siren": siren,
                "platform": dict(PLATFORM),
                "period": {"from": DIRECTORY_FROM},
            },
        )

    def _siren(self, siren: str) -> _Answer:
        with self._cond:
            entry = self._directory.get(siren)
        if entry is None:
            raise _ApiError(404, "Unknown SIREN", siren)
        name, entity_type = entry
        return _Answer(
            200,
            {
                "siren": siren,
                "businessName": name,
                "entityType": entity_type,
                "administrativeStatus": "A",
            },
        )

    # --- time -----------------------------------------------------------------------------

    def _stamp_locked(self) -> datetime:
        """Now, to the millisecond, always later than the previous stamp: flows' updatedAt
        are strictly increasing, so a client's "updatedAfter" cursor never misses one."""
        now = datetime.now(UTC)
        now = now.replace(microsecond=now.microsecond // 1000 * 1000)
        stamp = max(now, self._last_stamp + timedelta(milliseconds=1))
        self._last_stamp = stamp
        return stamp


# --- the files --------------------------------------------------------------------------------


def cdar_xml(
    invoice_number: str,
    status_code: str,
    *,
    sender_siren: str = DEFAULT_BUYER_SIREN,
    document_id: str | None = None,
    issued_at: datetime | None = None,
    reason: str = "",
    reason_code: str = "",
    amount: str | None = None,
) -> bytes:
    """A lifecycle message (CDAR, the agreed subset) about one invoice."""
    when = (issued_at or datetime.now(UTC)).strftime("%Y%m%d%H%M%S")
    root = etree.Element(f"{{{CDAR_NS}}}CrossDomainAcknowledgementAndResponse", nsmap=_NS)

    def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> Any:
        prefix, _, local = tag.partition(":")
        element = etree.SubElement(parent, f"{{{_NS[prefix]}}}{local}", attrs)
        if text is not None:
            element.text = text
        return element

    context = sub(root, "rsm:ExchangedDocumentContext")
    guideline = sub(context, "ram:GuidelineSpecifiedDocumentContextParameter")
    sub(guideline, "ram:ID", CDAR_GUIDELINE)
    document = sub(root, "rsm:ExchangedDocument")
    sub(document, "ram:ID", document_id or f"LC-{uuid.uuid4()}")
    sub(sub(document, "ram:IssueDateTime"), "udt:DateTimeString", when, format="204")
    sub(sub(document, "ram:SenderTradeParty"), "ram:GlobalID", sender_siren, schemeID="0002")
    acknowledgement = sub(root, "rsm:AcknowledgementDocument")
    sub(sub(acknowledgement, "ram:IssueDateTime"), "udt:DateTimeString", when, format="204")
    reference = sub(acknowledgement, "ram:ReferenceReferencedDocument")
    sub(reference, "ram:IssuerAssignedID", invoice_number)
    sub(reference, "ram:StatusCode", status_code)
    if reason or reason_code:
        status = sub(reference, "ram:SpecifiedDocumentStatus")
        if reason_code:
            sub(status, "ram:ReasonCode", reason_code)
        if reason:
            sub(status, "ram:Reason", reason)
    if amount is not None:
        characteristic = sub(reference, "ram:SpecifiedDocumentCharacteristic")
        sub(characteristic, "ram:TypeCode", "MEN")
        sub(characteristic, "ram:ValueAmount", amount)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _parse_cdar(data: bytes) -> dict[str, Any]:
    """The fields of a CDAR message (the agreed subset); 422 when it is not one."""
    try:
        root = etree.fromstring(data, _SAFE_XML)
    except etree.XMLSyntaxError as error:
        raise _ApiError(422, "CDAR: not well-formed XML", str(error)) from error
    if root.tag != f"{{{CDAR_NS}}}CrossDomainAcknowledgementAndResponse":
        raise _ApiError(422, "CDAR: not a CrossDomainAcknowledgementAndResponse", str(root.tag))

    def text(xpath: str) -> str:
        found = root.xpath(f"{xpath}/text()", namespaces=_NS)
        return str(found[0]).strip() if found else ""

    number = text(f"{_CDAR_REFERENCE}/ram:IssuerAssignedID")
    code = text(f"{_CDAR_REFERENCE}/ram:StatusCode")
    if not number or not code:
        raise _ApiError(422, "CDAR: IssuerAssignedID and StatusCode are required")
    amount = text(f"{_CDAR_REFERENCE}/ram:SpecifiedDocumentCharacteristic/ram:ValueAmount")
    return {
        "invoice_number": number,
        "status_code": code,
        "reason_code": text(f"{_CDAR_REFERENCE}/ram:SpecifiedDocumentStatus/ram:ReasonCode"),
        "reason": text(f"{_CDAR_REFERENCE}/ram:SpecifiedDocumentStatus/ram:Reason"),
        "amount": amount or None,
        "sender_siren": text("rsm:ExchangedDocument/ram:SenderTradeParty/ram:GlobalID"),
    }


def _check_facturx(pdf: bytes) -> tuple[str, str | None]:
    """The invoice number and buyer SIREN of a Factur-X PDF; 422 when it is not one whose
    XML passes the Factur-X XSD of its own profile."""
    try:
        _name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=False)
    except Exception as error:  # the library raises whatever its PDF reader raises
        raise _ApiError(422, "Not a Factur-X PDF", str(error)) from error
    if not xml:
        raise _ApiError(422, "The PDF carries no Factur-X XML")
    try:
        root = etree.fromstring(xml, _SAFE_XML)
        level = facturx.get_level(root)
        facturx.xml_check_xsd(xml, flavor="factur-x", level=level)
    except Exception as error:  # XSD errors, unknown profile, bad XML
        raise _ApiError(422, f"Factur-X XML refused: {error}", str(error)) from error
    numbers = root.xpath(_CII_NUMBER, namespaces=_CII_NS)
    buyers = root.xpath(_CII_BUYER_SIREN, namespaces=_CII_NS)
    return (str(numbers[0]).strip() if numbers else ""), (
        str(buyers[0]).strip() if buyers else None
    )


def _multipart(content_type: str, body: bytes) -> tuple[dict[str, Any], str, bytes]:
    """flowInfo (JSON), the file's name and bytes of a multipart/form-data body."""
    if not content_type.lower().startswith("multipart/form-data"):
        raise _ApiError(400, "multipart/form-data expected", content_type)
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(head + body)
    info: dict[str, Any] | None = None
    filename, data = "", None
    for part in message.walk():
        if not part.is_multipart():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if name == "flowInfo" and isinstance(payload, bytes):
                try:
                    loaded = json.loads(payload)
                except ValueError as error:
                    raise _ApiError(400, "flowInfo is not JSON", str(error)) from error
                if not isinstance(loaded, dict):
                    raise _ApiError(400, "flowInfo is not a JSON object")
                info = loaded
            elif name == "file" and isinstance(payload, bytes):
                filename, data = part.get_filename() or "", payload
    if info is None or data is None:
        raise _ApiError(400, "The parts flowInfo and file are required")
    return info, filename, data


# --- small helpers ----------------------------------------------------------------------------


def _relative(prefix: str) -> str:
    return prefix[len(BASE_PATH) :] if prefix.startswith(BASE_PATH + "/") else prefix


def _as_list(value: Any) -> Iterable[Any] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _error_answer(error: _ApiError, instance: str) -> _Answer:
    body = {
        "type": "about:blank",
        "message": error.message,
        "status": error.status,
        "details": error.details,
        "instance": instance,
    }
    headers = {}
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return _Answer(error.status, body, headers=headers)


def _fault_answer(fault: _Fault, instance: str) -> _Answer:
    messages = {
        401: "Invalid or expired access token",
        429: "Too many requests",
        500: "Internal server error",
        503: "Service unavailable",
    }
    answer = _error_answer(
        _ApiError(fault.status, messages.get(fault.status, "Injected fault"), "injected"),
        instance,
    )
    if fault.retry_after is not None:
        answer.headers["Retry-After"] = str(fault.retry_after)
    return answer


def _send(request: BaseHTTPRequestHandler, answer: _Answer) -> None:
    request.send_response(answer.status)
    request.send_header("Content-Type", answer.media_type)
    request.send_header("Content-Length", str(len(answer.data)))
    for name, value in answer.headers.items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(answer.data)
