"""The latency proxy of the sending benchmark: a round trip costs its rtt, chunks in
flight overlap (each one delayed from its own arrival), bytes arrive whole and in order,
SMTP with STARTTLS and a login passes through."""

from __future__ import annotations

import contextlib
import os
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.latency_proxy import LatencyProxy
from tests.smtp_server import SmtpCertificates, SmtpTestServer

RTT = 0.2  # long enough that a busy machine's scheduling noise stays well below rtt / 4


class _Target:
    """A loopback server on threads: echoes what it reads, or (``echo=False``) only notes
    when each chunk arrived."""

    def __init__(self, *, echo: bool) -> None:
        self.echo = echo
        self.arrivals: list[tuple[float, bytes]] = []
        self.arrived = threading.Condition()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            while data := conn.recv(65536):
                with self.arrived:
                    self.arrivals.append((time.perf_counter(), data))
                    self.arrived.notify_all()
                if self.echo:
                    conn.sendall(data)

    def wait_for_bytes(self, count: int) -> None:
        with self.arrived:
            done = self.arrived.wait_for(
                lambda: sum(len(d) for _, d in self.arrivals) >= count, timeout=10
            )
        assert done, "the target did not receive everything"

    def arrival_of_byte(self, offset: int) -> float:
        """When the byte at ``offset`` (of all received) arrived."""
        received = 0
        for at, data in self.arrivals:
            received += len(data)
            if received > offset:
                return at
        raise AssertionError(f"byte {offset} never arrived")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self.listener.close()


@pytest.fixture
def echo() -> Iterator[_Target]:
    target = _Target(echo=True)
    yield target
    target.close()


@pytest.fixture
def sink() -> Iterator[_Target]:
    target = _Target(echo=False)
    yield target
    target.close()


def _receive(conn: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = conn.recv(count - len(data))
        assert chunk, "connection closed early"
        data += chunk
    return data


def _wait_until(condition: object, timeout: float = 10.0) -> None:
    assert callable(condition)
    deadline = time.perf_counter() + timeout
    while not condition():
        assert time.perf_counter() < deadline, "condition not met in time"
        time.sleep(0.0005)  # polling a condition, not a fixed wait


def test_a_round_trip_costs_the_rtt(echo: _Target) -> None:
    with LatencyProxy("127.0.0.1", echo.port, rtt=RTT) as proxy:
        start = time.perf_counter()
        with socket.create_connection((proxy.host, proxy.port)) as conn:
            conn.sendall(b"hello")
            assert _receive(conn, 5) == b"hello"
            first = time.perf_counter() - start  # opening the connection, then a round trip
            start = time.perf_counter()
            conn.sendall(b"again")
            assert _receive(conn, 5) == b"again"
            second = time.perf_counter() - start
    assert second >= RTT
    assert first >= RTT


FIRST = b"MAIL FROM:<a@example.com>\r\n"
SECOND = b"RCPT TO:<b@example.com>\r\n"


def test_chunks_in_flight_are_each_delayed_from_their_own_arrival(sink: _Target) -> None:
    with (
        LatencyProxy("127.0.0.1", sink.port, rtt=RTT) as proxy,
        socket.create_connection((proxy.host, proxy.port)) as conn,
    ):
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        _wait_until(lambda: proxy.connections == 1)
        first_sent = time.perf_counter()
        conn.sendall(FIRST)
        _wait_until(lambda: proxy.chunks == 1)  # two chunks for the proxy, not one
        second_sent = time.perf_counter()
        conn.sendall(SECOND)
        sink.wait_for_bytes(len(FIRST + SECOND))
    assert b"".join(data for _, data in sink.arrivals) == FIRST + SECOND
    first_at = sink.arrival_of_byte(len(FIRST) - 1)
    second_at = sink.arrival_of_byte(len(FIRST + SECOND) - 1)
    assert first_at - first_sent >= RTT / 2
    assert second_at - second_sent >= RTT / 2
    # Queued behind the first, the second would arrive a whole rtt after the first was sent.
    assert second_at - first_sent < RTT * 3 / 4


def test_bytes_arrive_whole_and_in_order_on_many_connections(echo: _Target) -> None:
    payloads = [os.urandom(200_000 + n) for n in range(20)]

    def round_trip(payload: bytes) -> bytes:
        with socket.create_connection((proxy.host, proxy.port)) as conn:
            sender = threading.Thread(target=conn.sendall, args=(payload,))
            sender.start()  # echoed while still being sent: both directions at once
            received = _receive(conn, len(payload))
            sender.join()
            return received

    with LatencyProxy("127.0.0.1", echo.port, rtt=0.02) as proxy:
        with ThreadPoolExecutor(len(payloads)) as pool:
            received = list(pool.map(round_trip, payloads))
        assert proxy.connections == len(payloads)
    assert received == payloads


def test_a_closed_target_closes_the_client() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))  # a port nothing listens on
        port = unused.getsockname()[1]
    with (
        LatencyProxy("127.0.0.1", port, rtt=0.01) as proxy,
        socket.create_connection((proxy.host, proxy.port)) as conn,
        contextlib.suppress(ConnectionResetError),  # cut: as good as closed
    ):
        conn.settimeout(10)
        assert conn.recv(1) == b""


def test_smtp_with_starttls_and_login_passes_through(
    smtp_server_factory: Callable[..., SmtpTestServer], smtp_certs: SmtpCertificates
) -> None:
    server = smtp_server_factory()
    context = ssl.create_default_context(cafile=str(smtp_certs.ca_path))
    with (
        LatencyProxy(server.host, server.port, rtt=0.01) as proxy,
        smtplib.SMTP(proxy.host, proxy.port, timeout=10) as smtp,
    ):
        smtp.starttls(context=context)
        smtp.login(server.user, server.password)
        smtp.sendmail("a@example.com", ["b@example.com"], b"Subject: hi\r\n\r\nthrough\r\n")
    (received,) = server.wait_for_messages(1)
    assert received.rcpt_tos == ["b@example.com"]
    assert received.authenticated_as == server.user
    assert b"through" in received.data
