"""The platform client against a real HTTPS platform on loopback (tests/platform_server.py):
the token's life, deposits of real Factur-X invoices, the search, the lifecycle messages,
and every failure told apart by what it means for the deposit (sent or not)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.db.database import open_database
from app.platform.cdar import lifecycle_message, parse_lifecycle
from app.platform.client import PlatformClient
from app.platform.errors import (
    PlatformAuthError,
    PlatformConnectionLostError,
    PlatformNotConfiguredError,
    PlatformRejectedError,
    PlatformTemporaryError,
    PlatformTlsError,
    PlatformUnreachableError,
)
from app.platform.flows import (
    INCOMING,
    INVOICE_FLOW,
    LIFECYCLE_FLOW,
    MEDIA_PDF,
    MEDIA_XML,
    OUTGOING,
    FlowInfo,
    PlatformAccount,
)
from app.services.documents import ensure_archived_pdf, get_document
from tests.integration.sending_helpers import clients, invoice
from tests.platform_server import PLATFORM_CLIENT_ID, PLATFORM_SECRET, PlatformTestServer

SELLER_SIREN = "732829320"


@pytest.fixture(scope="module")
def archived_invoice(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes]:
    """A validated invoice's number and archived Factur-X PDF, as the program makes them."""
    db = open_database(str(tmp_path_factory.mktemp("platform") / "facturier.db"), timeout=5)
    try:
        document_id = invoice(db, clients(db).two_addresses, "1200")
        number = get_document(db, document_id).number or ""
        return number, ensure_archived_pdf(db, document_id)
    finally:
        db.dispose()


def account(server: PlatformTestServer, **fields: object) -> PlatformAccount:
    values: dict[str, object] = {
        "url": server.url,
        "client_id": PLATFORM_CLIENT_ID,
        "secret": PLATFORM_SECRET,
        "timeout": 5.0,
    }
    values.update(fields)
    return PlatformAccount(**values)  # type: ignore[arg-type]


@pytest.fixture
def client(platform_server: PlatformTestServer) -> Iterator[PlatformClient]:
    with PlatformClient(account(platform_server)) as platform:
        yield platform


def deposit_invoice(
    client: PlatformClient, archived: tuple[str, bytes], tracking_id: str = "doc-1"
) -> str:
    number, pdf = archived
    info = FlowInfo(tracking_id, f"{number}.pdf", "Factur-X")
    return client.deposit(info, pdf, f"{number}.pdf", MEDIA_PDF).flow_id


# --- the token -------------------------------------------------------------------------------


def test_health_needs_no_token_and_one_token_serves_many_calls(
    platform_server: PlatformTestServer, client: PlatformClient
) -> None:
    client.health()
    assert platform_server.tokens_issued == 0
    assert client.directory_line(SELLER_SIREN) is not None
    assert client.legal_unit(SELLER_SIREN) is not None
    assert platform_server.tokens_issued == 1


def test_a_wrong_secret_is_refused_at_the_token_endpoint(
    platform_server: PlatformTestServer,
) -> None:
    with (
        PlatformClient(account(platform_server, secret="wrong")) as platform,
        pytest.raises(PlatformAuthError) as raised,
    ):
        platform.authenticate()
    assert raised.value.data["error"] == "invalid_client"
    assert raised.value.http_status == 401


def test_an_expired_token_is_renewed_and_the_call_repeated_once(
    platform_server: PlatformTestServer, client: PlatformClient, archived_invoice: tuple[str, bytes]
) -> None:
    client.authenticate()
    platform_server.expire_tokens()
    flow_id = deposit_invoice(client, archived_invoice)
    assert platform_server.tokens_issued == 2
    assert len(platform_server.deposits) == 1  # refused once, deposited once
    assert client.flow(flow_id).flow_id == flow_id


def test_a_401_with_a_fresh_token_is_an_auth_error(
    platform_server: PlatformTestServer, client: PlatformClient
) -> None:
    client.authenticate()
    platform_server.unauthorized_next("/flows/search", count=2)
    with pytest.raises(PlatformAuthError) as raised:
        client.search_flows(tracking_id="doc-1")
    assert raised.value.http_status == 401
    assert platform_server.tokens_issued == 2  # renewed once, not more


# --- deposits and the search -----------------------------------------------------------------


def test_a_real_factur_x_invoice_is_deposited_acknowledged_and_found_again(
    platform_server: PlatformTestServer, client: PlatformClient, archived_invoice: tuple[str, bytes]
) -> None:
    number, pdf = archived_invoice
    before = datetime.now(UTC).replace(microsecond=0)
    receipt = client.deposit(
        FlowInfo("doc-42", f"{number}.pdf", "Factur-X"), pdf, "f.pdf", MEDIA_PDF
    )
    assert receipt.submitted_at >= before and receipt.submitted_at.tzinfo is not None
    (deposit,) = platform_server.deposits
    assert (deposit.flow_id, deposit.data, deposit.invoice_number) == (receipt.flow_id, pdf, number)
    assert deposit.flow_info["flowSyntax"] == "Factur-X"
    flow = client.flow(receipt.flow_id)
    assert (flow.tracking_id, flow.flow_type, flow.direction, flow.syntax, flow.ack_status) == (
        "doc-42",
        INVOICE_FLOW,
        OUTGOING,
        "Factur-X",
        "Ok",
    )
    assert flow.name == f"{number}.pdf" and flow.ack_reasons == ()
    assert client.search_flows(tracking_id="doc-42") == [flow]
    assert client.search_flows(tracking_id="doc-other") == []
    assert client.download(receipt.flow_id) == pdf


def test_a_file_that_is_not_factur_x_is_rejected_with_the_platform_reason(
    platform_server: PlatformTestServer, client: PlatformClient
) -> None:
    info = FlowInfo("doc-1", "F-1.pdf", "Factur-X")
    with pytest.raises(PlatformRejectedError) as raised:
        client.deposit(info, b"%PDF-1.4 not really a PDF", "F-1.pdf", MEDIA_PDF)
    assert raised.value.http_status == 422
    assert "Factur-X" in raised.value.message
    assert raised.value.code == "platform.rejected"
    assert platform_server.deposits == []


def test_a_rejection_at_reception_is_the_flow_acknowledgement_with_its_reason(
    platform_server: PlatformTestServer, client: PlatformClient, archived_invoice: tuple[str, bytes]
) -> None:
    platform_server.reject_next_deposit("BT-48: numéro de TVA de l'acheteur invalide")
    flow = client.flow(deposit_invoice(client, archived_invoice))
    assert flow.ack_status == "Error"
    assert flow.ack_reasons == ("BT-48: numéro de TVA de l'acheteur invalide",)


def test_an_unknown_flow_is_rejected_as_not_found(client: PlatformClient) -> None:
    with pytest.raises(PlatformRejectedError) as raised:
        client.flow("00000000-0000-0000-0000-000000000000")
    assert raised.value.http_status == 404
    assert raised.value.message  # the AFNORError message


# --- failures: sent or not -------------------------------------------------------------------


def test_429_is_temporary_with_the_platform_retry_after(
    platform_server: PlatformTestServer, client: PlatformClient
) -> None:
    platform_server.throttle_next("/flows/search", retry_after=7)
    with pytest.raises(PlatformTemporaryError) as raised:
        client.search_flows(tracking_id="doc-1")
    assert (raised.value.http_status, raised.value.retry_after) == (429, 7.0)
    assert client.search_flows(tracking_id="doc-1") == []  # the next one goes through


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_temporary(
    platform_server: PlatformTestServer,
    client: PlatformClient,
    archived_invoice: tuple[str, bytes],
    status: int,
) -> None:
    platform_server.fail_next("/flows", status)
    with pytest.raises(PlatformTemporaryError) as raised:
        deposit_invoice(client, archived_invoice)
    assert raised.value.http_status == status
    assert raised.value.retry_after is None
    assert platform_server.deposits == []


def test_a_deposit_whose_answer_is_lost_may_exist_and_the_search_finds_it(
    platform_server: PlatformTestServer, client: PlatformClient, archived_invoice: tuple[str, bytes]
) -> None:
    client.authenticate()  # the dropped request is the deposit itself
    platform_server.drop_after_request("/flows", method="POST")
    with pytest.raises(PlatformConnectionLostError) as raised:
        deposit_invoice(client, archived_invoice, tracking_id="doc-7")
    assert raised.value.code == "platform.connection_lost"
    (found,) = client.search_flows(tracking_id="doc-7")  # the same client, a new connection
    assert found.flow_id == platform_server.deposits[0].flow_id


def test_an_answer_that_never_comes_is_a_lost_connection(
    platform_server: PlatformTestServer, archived_invoice: tuple[str, bytes]
) -> None:
    platform_server.slow(30, "/flows")
    with PlatformClient(account(platform_server, timeout=0.5)) as platform:
        platform.authenticate()
        with pytest.raises(PlatformConnectionLostError):
            deposit_invoice(platform, archived_invoice)


def test_a_closed_port_is_unreachable(platform_server: PlatformTestServer) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"https://127.0.0.1:{port}/api/v1"
    with PlatformClient(account(platform_server, url=url)) as platform:
        with pytest.raises(PlatformUnreachableError) as raised:
            platform.health()
        with pytest.raises(PlatformUnreachableError):
            platform.authenticate()
    assert raised.value.url == f"{url}/healthcheck"


def test_a_certificate_from_an_untrusted_authority_is_a_tls_error(
    platform_server: PlatformTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACTURIER_PLATFORM_CAFILE")
    with PlatformClient(account(platform_server)) as platform, pytest.raises(PlatformTlsError):
        platform.health()
    assert platform_server.tokens_issued == 0


def test_an_unreadable_ca_file_is_a_tls_error(
    platform_server: PlatformTestServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FACTURIER_PLATFORM_CAFILE", str(tmp_path / "missing.pem"))
    with pytest.raises(PlatformTlsError) as raised:
        PlatformClient(account(platform_server))
    assert raised.value.data["cafile"] == str(tmp_path / "missing.pem")


def test_a_plain_http_url_is_refused(platform_server: PlatformTestServer) -> None:
    with pytest.raises(PlatformNotConfiguredError):
        PlatformClient(account(platform_server, url=platform_server.url.replace("https", "http")))
    with pytest.raises(PlatformNotConfiguredError):
        PlatformClient(replace(account(platform_server), client_id=" "))


# --- directory -------------------------------------------------------------------------------


def test_the_directory_tells_who_receives_e_invoices(
    platform_server: PlatformTestServer, client: PlatformClient
) -> None:
    line = client.directory_line("55210055400021")  # a SIRET of a registered company
    assert line is not None
    assert (line.identifier, line.siren, line.platform_name) == (
        "55210055400021",
        "552100554",
        "PA Test",
    )
    platform_server.unregister("552100554")
    assert client.directory_line("552100554") is None  # 404: receives by e-mail
    unit = client.legal_unit(SELLER_SIREN)
    assert unit is not None and (unit.siren, unit.name) == (SELLER_SIREN, "Atelier Dupont & Fils")
    assert client.legal_unit("552100554") is None


# --- lifecycle statuses ----------------------------------------------------------------------


def test_incoming_statuses_are_found_after_the_cursor_and_read(
    platform_server: PlatformTestServer, client: PlatformClient, archived_invoice: tuple[str, bytes]
) -> None:
    number, _pdf = archived_invoice
    deposit_invoice(client, archived_invoice)
    platform_server.advance(number, "202", "204")
    first = client.search_flows(flow_types=[LIFECYCLE_FLOW], directions=[INCOMING])
    assert [f.syntax for f in first] == ["CDAR", "CDAR"]
    events = [parse_lifecycle(client.download(f.flow_id)) for f in first]
    assert [(e.invoice_number, e.status_code) for e in events] == [(number, "202"), (number, "204")]
    assert all(e.at.tzinfo is UTC for e in events)

    cursor = first[-1].updated_at
    platform_server.reject(number, "Prix non conforme à la commande", reason_code="PRIX")
    (refused,) = client.search_flows(
        flow_types=[LIFECYCLE_FLOW], directions=[INCOMING], updated_after=cursor
    )
    event = parse_lifecycle(client.download(refused.flow_id))
    assert (event.status_code, event.reason, event.reason_code) == (
        "210",
        "Prix non conforme à la commande",
        "PRIX",
    )


def test_the_seller_sends_the_cashed_status_as_a_cdar_flow(
    platform_server: PlatformTestServer, client: PlatformClient, archived_invoice: tuple[str, bytes]
) -> None:
    number, _pdf = archived_invoice
    xml = lifecycle_message(
        invoice_number=number,
        invoice_date=date(2026, 11, 2),
        status_code="212",
        sender_siren=SELLER_SIREN,
        issued_at=datetime.now(UTC),
        amount=Decimal("1440"),
    )
    info = FlowInfo(f"{number}-212", f"CDAR_{number}_212.xml", "CDAR")
    receipt = client.deposit(info, xml, info.name, MEDIA_XML)
    (status,) = platform_server.seller_statuses
    assert (status.flow_id, status.invoice_number, status.status_code) == (
        receipt.flow_id,
        number,
        "212",
    )
    assert (status.amount, status.sender_siren) == ("1440.00", SELLER_SIREN)
    flow = client.flow(receipt.flow_id)
    assert (flow.flow_type, flow.direction) == (LIFECYCLE_FLOW, OUTGOING)
