"""How the program talks to the test mail server: the sending tests run under each profile.

``default`` is the program's own default (PIPELINING when offered, two connections);
``plain`` is one connection without pipelining (as before issue 22); ``three`` pipelines
over three connections. The tests of the modules in ``SENDING_MODULES`` that use the
SMTP server run under all three (``pytest_generate_tests`` in tests/conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SendingProfile:
    name: str
    pipelining: bool  # the server offers PIPELINING and the program uses it
    connections: int  # the program's smtp_connections setting


PROFILES = {
    "default": SendingProfile("default", True, 2),
    "plain": SendingProfile("plain", False, 1),
    "three": SendingProfile("three", True, 3),
}
DEFAULT = PROFILES["default"]

# The modules whose tests run under every profile (the sending test suite).
SENDING_MODULES = frozenset(
    {
        "test_transport",
        "test_sending",
        "test_sending_trust",
        "test_send_cli",
        "test_send_trust_cli",
        "test_daily_limit",
        "test_remind",
    }
)
