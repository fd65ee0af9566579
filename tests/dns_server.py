"""A tiny DNS server on loopback for the tests: answers MX queries from a dict, NXDOMAIN
for other names (dnspython's message API; UDP only)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import dns.message
import dns.rcode
import dns.rdatatype
import dns.resolver
import dns.rrset


class DnsServer:
    def __init__(self, mx: dict[str, list[tuple[int, str]]]) -> None:
        self.mx = {name.lower().rstrip("."): records for name, records in mx.items()}
        self.queries: list[str] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = int(self.sock.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                data, peer = self.sock.recvfrom(4096)
            except OSError:  # closed
                return
            query = dns.message.from_wire(data)
            question = query.question[0]
            name = question.name.to_text().rstrip(".").lower()
            self.queries.append(name)
            response = dns.message.make_response(query)
            records = self.mx.get(name)
            if records is None:
                response.set_rcode(dns.rcode.NXDOMAIN)
            elif question.rdtype == dns.rdatatype.MX:
                texts = [f"{preference} {host}." for preference, host in records]
                response.answer.append(
                    dns.rrset.from_text_list(question.name, 300, "IN", "MX", texts)
                )
            self.sock.sendto(response.to_wire(), peer)

    def close(self) -> None:
        self.sock.close()

    def resolver(self) -> dns.resolver.Resolver:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = ["127.0.0.1"]
        resolver.port = self.port
        resolver.timeout = resolver.lifetime = 2.0
        return resolver


@contextmanager
def dns_server(mx: dict[str, list[tuple[int, str]]]) -> Iterator[DnsServer]:
    server = DnsServer(mx)
    server.start()
    try:
        yield server
    finally:
        server.close()
