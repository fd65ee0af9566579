"""The platform test server itself (tests/platform_server.py), spoken to over HTTPS with a
plain HTTP client that trusts only the test CA: the token, deposits of the program's own
Factur-X PDF, searches, directory, faults and the lifecycle statuses it scripts."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from lxml import etree

from app.db.database import open_database
from app.domain.reform import OperationCategory
from app.services.clients import ClientData, save_client
from app.services.documents import ensure_archived_pdf, get_document
from app.services.settings import update_company
from tests.integration.sending_helpers import company_identity, invoice
from tests.platform_server import (
    CDAR_NS,
    PLATFORM_CLIENT_ID,
    PLATFORM_SECRET,
    PlatformTestServer,
    cdar_xml,
)

BUYER_SIREN = "443061841"


@pytest.fixture(scope="module")
def facturx_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes]:
    """An invoice number and its archived Factur-X PDF, as the program makes them."""
    db = open_database(str(tmp_path_factory.mktemp("platform") / "facturier.db"))
    try:
        company_identity(db)
        # A business buyer: the seller's VAT number and the operation's category are due.
        update_company(
            db, vat_number="FR44732829320", operation_category=OperationCategory.SERVICES
        )
        client = save_client(db, ClientData(name="Garage du Centre", siren=BUYER_SIREN))
        document_id = invoice(db, client)
        return str(get_document(db, document_id).number), ensure_archived_pdf(db, document_id)
    finally:
        db.dispose()


class Client:
    """Just enough of a platform client to exercise the server."""

    def __init__(self, server: PlatformTestServer, ca_path: Path) -> None:
        self.server = server
        self.ca = str(ca_path)
        # Per request: REQUESTS_CA_BUNDLE in the environment would override Session.verify.
        self.session = requests.Session()
        self.token = ""

    def get_token(self) -> str:
        answer = self.session.post(
            self.server.token_url,
            data={"grant_type": "client_credentials"},
            auth=(PLATFORM_CLIENT_ID, PLATFORM_SECRET),
            verify=self.ca,
            timeout=10,
        )
        answer.raise_for_status()
        self.token = str(answer.json()["access_token"])
        return self.token

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}"}
        return self.session.request(
            method, self.server.url + path, headers=headers, verify=self.ca, timeout=10, **kwargs
        )

    def deposit(
        self, data: bytes, name: str, tracking_id: str, syntax: str = "Factur-X"
    ) -> requests.Response:
        info = {
            "trackingId": tracking_id,
            "name": name,
            "processingRule": "B2B",
            "flowSyntax": syntax,
            "flowProfile": "EN16931",
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        media = "application/pdf" if syntax == "Factur-X" else "application/xml"
        files = {
            "flowInfo": (None, json.dumps(info), "application/json"),
            "file": (name, data, media),
        }
        return self.call("POST", "/flows", files=files)

    def search(self, **where: Any) -> list[dict[str, Any]]:
        answer = self.call("POST", "/flows/search", json={"limit": 100, "where": where})
        assert answer.status_code == 200, answer.text
        return list(answer.json()["results"])


@pytest.fixture
def client(platform_server: PlatformTestServer) -> Iterator[Client]:
    """Trusts the CA the fixture announced in FACTURIER_PLATFORM_CAFILE; has a token."""
    result = Client(platform_server, Path(os.environ["FACTURIER_PLATFORM_CAFILE"]))
    result.get_token()
    yield result
    result.session.close()


def test_token_healthcheck_and_refused_clients(
    platform_server: PlatformTestServer, client: Client
) -> None:
    assert platform_server.tokens_issued == 1
    health = client.session.get(platform_server.url + "/healthcheck", verify=client.ca, timeout=10)
    assert health.json() == {"status": "UP"}
    form = {
        "grant_type": "client_credentials",
        "client_id": PLATFORM_CLIENT_ID,
        "client_secret": PLATFORM_SECRET,
    }
    assert client.session.post(
        platform_server.token_url, data=form, verify=client.ca, timeout=10
    ).ok
    form["client_secret"] = "wrong"
    bad = client.session.post(platform_server.token_url, data=form, verify=client.ca, timeout=10)
    assert (bad.status_code, bad.json()) == (401, {"error": "invalid_client"})
    assert platform_server.tokens_issued == 2
    with pytest.raises(requests.exceptions.SSLError):  # only the test CA is trusted
        requests.get(platform_server.url + "/healthcheck", timeout=10)


def test_deposit_search_and_original(
    platform_server: PlatformTestServer, client: Client, facturx_pdf: tuple[str, bytes]
) -> None:
    number, pdf = facturx_pdf
    answer = client.deposit(pdf, f"{number}.pdf", "track-1")
    assert answer.status_code == 202, answer.text
    flow_id = answer.json()["flowId"]
    assert answer.json()["trackingId"] == "track-1" and answer.json()["submittedAt"].endswith("Z")
    (deposit,) = platform_server.deposits_for("track-1")
    assert (deposit.flow_id, deposit.invoice_number, deposit.data) == (flow_id, number, pdf)
    assert deposit.buyer_siren == BUYER_SIREN and not deposit.rejected
    (found,) = client.search(trackingId="track-1")
    assert found["flowId"] == flow_id
    assert (found["flowType"], found["flowDirection"]) == ("CustomerInvoice", "Out")
    assert found["acknowledgement"]["status"] == "Ok"
    original = client.call("GET", f"/flows/{flow_id}", params={"docType": "Original"})
    assert original.content == pdf and original.headers["Content-Type"] == "application/pdf"
    assert client.call("GET", "/flows/unknown").status_code == 404

    platform_server.reject_next_deposit("Adresse de facturation inconnue")
    rejected = client.deposit(pdf, f"{number}.pdf", "track-2")
    assert rejected.status_code == 202
    metadata = client.call("GET", f"/flows/{rejected.json()['flowId']}").json()
    assert metadata["acknowledgement"]["status"] == "Error"
    assert metadata["acknowledgement"]["details"][0]["reasonMessage"] == (
        "Adresse de facturation inconnue"
    )
    assert platform_server.deposits_for("track-2")[0].rejected


def test_refused_files(client: Client, facturx_pdf: tuple[str, bytes]) -> None:
    plain = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    answer = client.deposit(plain, "plain.pdf", "track-plain")
    assert answer.status_code == 422 and answer.json()["status"] == 422
    assert answer.json()["instance"] == "/flows"
    pdf = facturx_pdf[1]
    info = {"trackingId": "t", "flowSyntax": "Factur-X", "sha256": "00" * 32}
    files = {
        "flowInfo": (None, json.dumps(info), "application/json"),
        "file": ("x.pdf", pdf, "application/pdf"),
    }
    assert client.call("POST", "/flows", files=files).status_code == 422
    assert client.deposit(b"<not-cdar/>", "s.xml", "t", syntax="CDAR").status_code == 422
    assert client.search(trackingId="track-plain") == []


def test_seller_status_is_recorded(platform_server: PlatformTestServer, client: Client) -> None:
    message = cdar_xml("F-2026-0001", "212", sender_siren="732829320", amount="120.00")
    answer = client.deposit(message, "status.xml", "lc-1", syntax="CDAR")
    assert answer.status_code == 202, answer.text
    (status,) = platform_server.seller_statuses
    assert (status.invoice_number, status.status_code, status.amount) == (
        "F-2026-0001",
        "212",
        "120.00",
    )
    (flow,) = client.search(trackingId="lc-1")
    assert (flow["flowType"], flow["flowDirection"]) == ("CustomerInvoiceLC", "Out")
    assert platform_server.deposits == []


def test_dropped_answer_still_creates_the_flow(
    platform_server: PlatformTestServer, client: Client, facturx_pdf: tuple[str, bytes]
) -> None:
    number, pdf = facturx_pdf
    platform_server.drop_after_request("/flows", method="POST")
    with pytest.raises(requests.exceptions.ConnectionError):
        client.deposit(pdf, f"{number}.pdf", "track-drop")
    assert len(platform_server.deposits_for("track-drop")) == 1
    (found,) = client.search(trackingId="track-drop")  # the client's way to find out
    assert found["acknowledgement"]["status"] == "Ok"


def test_faults_and_expired_tokens(platform_server: PlatformTestServer, client: Client) -> None:
    platform_server.throttle_next("/directory-line", retry_after=7)
    platform_server.unavailable_next("/directory-line")
    platform_server.server_error_next("/directory-line")
    throttled = client.call("GET", "/directory-line/code:732829320")
    assert (throttled.status_code, throttled.headers["Retry-After"]) == (429, "7")
    assert client.call("GET", "/directory-line/code:732829320").status_code == 503
    assert client.call("GET", "/directory-line/code:732829320").status_code == 500
    assert client.call("GET", "/directory-line/code:732829320").status_code == 200

    platform_server.expire_tokens()
    expired = client.call("POST", "/flows/search", json={"where": {"trackingId": "x"}})
    assert expired.status_code == 401
    assert expired.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    client.get_token()
    assert client.search(trackingId="x") == []
    platform_server.unauthorized_next("/flows")
    assert client.call(
        "POST", "/flows/search", json={"where": {"trackingId": "x"}}
    ).status_code == (401)


def test_directory(platform_server: PlatformTestServer, client: Client) -> None:
    line = client.call("GET", "/directory-line/code:73282932000074")
    assert line.status_code == 200 and line.json()["siren"] == "732829320"
    assert line.json()["platform"]["registrationId"] == "0042"
    assert client.call("GET", "/directory-line/code:542107651").status_code == 404
    platform_server.register("542107651", name="Régie Publique", entity_type="Public")
    assert client.call("GET", "/directory-line/code:542107651").status_code == 200
    record = client.call("GET", "/siren/code-insee:542107651").json()
    assert (record["businessName"], record["entityType"]) == ("Régie Publique", "Public")
    assert client.call("GET", "/siren/code-insee:123456789").status_code == 404
    with pytest.raises(ValueError):
        platform_server.register("123456789")


def test_lifecycle_statuses_are_searchable_cdar_flows(
    platform_server: PlatformTestServer, client: Client, facturx_pdf: tuple[str, bytes]
) -> None:
    number, pdf = facturx_pdf
    assert client.deposit(pdf, f"{number}.pdf", "track-lc").status_code == 202
    platform_server.script_to_paid(number)
    flows = client.search(flowType=["CustomerInvoiceLC"], flowDirection=["In"])
    assert len(flows) == 5
    stamps = [f["updatedAt"] for f in flows]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5
    codes = []
    for flow in flows:
        original = client.call("GET", f"/flows/{flow['flowId']}", params={"docType": "Original"})
        root = etree.fromstring(original.content)
        ns = {"rsm": CDAR_NS, "ram": root.nsmap["ram"]}
        reference = "rsm:AcknowledgementDocument/ram:ReferenceReferencedDocument"
        assert root.xpath(f"{reference}/ram:IssuerAssignedID/text()", namespaces=ns) == [number]
        codes += root.xpath(f"{reference}/ram:StatusCode/text()", namespaces=ns)
        sender = root.xpath(
            "rsm:ExchangedDocument/ram:SenderTradeParty/ram:GlobalID/text()", namespaces=ns
        )
        assert sender == [BUYER_SIREN]
    assert codes == ["202", "203", "204", "205", "211"]
    # The cursor: only what came after the last status seen.
    (refusal,) = platform_server.reject(number, "Prix non conforme")
    later = client.search(updatedAfter=stamps[-1], flowDirection=["In"])
    assert [f["flowId"] for f in later] == [refusal]
    refused = client.call("GET", f"/flows/{refusal}", params={"docType": "Original"})
    assert b"<ram:StatusCode>210</ram:StatusCode>" in refused.content
    assert "Prix non conforme" in refused.content.decode()
    assert len(platform_server.advance_all("212")) == 1


def test_held_acknowledgement_and_slow_answers(
    platform_server: PlatformTestServer, client: Client, facturx_pdf: tuple[str, bytes]
) -> None:
    number, pdf = facturx_pdf
    platform_server.hold_acknowledgements = True
    flow_id = client.deposit(pdf, f"{number}.pdf", "track-held").json()["flowId"]
    pending = client.call("GET", f"/flows/{flow_id}").json()
    assert pending["acknowledgement"]["status"] == "Pending"
    platform_server.release_acknowledgements()
    done = client.call("GET", f"/flows/{flow_id}").json()
    assert done["acknowledgement"]["status"] == "Ok"
    assert done["updatedAt"] > pending["updatedAt"]

    platform_server.slow(30, "/healthcheck")  # stop() ends the wait at teardown
    with pytest.raises(requests.exceptions.ReadTimeout):
        client.session.get(platform_server.url + "/healthcheck", verify=client.ca, timeout=0.3)
    assert client.search(trackingId="track-held")  # other paths answer at once
