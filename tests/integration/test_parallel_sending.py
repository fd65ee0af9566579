"""Several SMTP connections at once (issue 22): each claims its messages atomically, so
nothing goes twice; the pace and the provider's cap hold; a server that takes fewer
connections than asked still gets everything over the ones it took."""

from __future__ import annotations

from collections import Counter

import pytest

from app.db.database import Database
from app.domain.mail_presets import MAX_CONNECTIONS
from app.domain.outbox import OutboxState
from app.mail.errors import SmtpAuthError
from app.mail.presets import connection_cap
from app.services.batch import prepare_batch
from app.services.outbox import DrainProgress, drain, states_of
from app.services.settings import update_company
from tests.integration.sending_helpers import clients, configure, invoice
from tests.smtp_server import SmtpTestServer


@pytest.fixture
def ids(db: Database, smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    configure(db, smtp_server, monkeypatch)
    update_company(db, smtp_connections=3)
    business = clients(db)
    return prepare_batch(db, [invoice(db, business.two_addresses) for _ in range(12)]).outbox_ids


def message_ids(server: SmtpTestServer) -> Counter[str]:
    return Counter(str(m.message["Message-ID"]) for m in server.messages)


def test_three_connections_send_each_message_once(
    db: Database, smtp_server: SmtpTestServer, ids: list[int]
) -> None:
    seen: list[DrainProgress] = []
    result = drain(db, progress=seen.append)
    assert sorted(result.sent) == ids
    assert smtp_server.handler.connections == 3 and smtp_server.handler.logins == 3
    assert len(smtp_server.messages) == 12 and set(message_ids(smtp_server).values()) == {1}
    assert [p.done for p in seen] == list(range(1, 13))  # one count, in order, for all
    assert set(states_of(db, ids).values()) == {OutboxState.SENT}


def test_a_server_taking_fewer_connections_gets_everything_over_those(
    db: Database, smtp_server: SmtpTestServer, ids: list[int]
) -> None:
    smtp_server.behavior.max_connections = 1
    result = drain(db)
    assert sorted(result.sent) == ids and result.stopped is None
    assert smtp_server.handler.turned_away >= 1  # asked for more, was told no
    assert len(smtp_server.messages) == 12 and set(message_ids(smtp_server).values()) == {1}


def test_a_refused_login_is_met_once_and_holds_everything(
    db: Database, smtp_server: SmtpTestServer, ids: list[int]
) -> None:
    smtp_server.behavior.reject_auth = True
    result = drain(db)
    assert isinstance(result.stopped, SmtpAuthError)
    assert smtp_server.handler.connections == 1  # the others never tried
    assert set(states_of(db, ids).values()) == {OutboxState.HELD}


def test_a_slow_pace_keeps_to_one_connection(
    db: Database, smtp_server: SmtpTestServer, ids: list[int]
) -> None:
    update_company(db, rate_per_minute=0)
    drain(db, ids=ids[:3])
    assert smtp_server.handler.connections == 3
    update_company(db, rate_per_minute=60)  # a second apart: one connection keeps up
    before = smtp_server.handler.connections
    result = drain(db, ids=ids[3:5])
    assert sorted(result.sent) == ids[3:5]
    assert smtp_server.handler.connections == before + 1


def test_one_message_opens_one_connection(
    db: Database, smtp_server: SmtpTestServer, ids: list[int]
) -> None:
    drain(db, ids=ids[:1])
    assert smtp_server.handler.connections == 1


@pytest.mark.parametrize(
    ("host", "cap"),
    [
        ("smtp.gmail.com", 3),
        ("smtp.office365.com", 3),
        ("smtp-mail.outlook.com", 2),
        ("mail.atelier-dupont.fr", MAX_CONNECTIONS),  # a host named after the domain
        ("smtp.unknown-provider.example", MAX_CONNECTIONS),
    ],
)
def test_the_provider_caps_the_connections(host: str, cap: int) -> None:
    assert connection_cap(host) == cap
