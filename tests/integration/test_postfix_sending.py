"""`facturier send` / `outbox send` through a real Postfix (tests/postfix_server.py).

Postfix is what many providers run: it offers PIPELINING, takes several connections at
once and queues a message only once its final dot is answered. Every message it accepts is
relayed to the sink the tests look at: each must arrive there exactly once, with any number
of connections and with or without pipelining, and a sender killed mid-batch never makes
one arrive twice (those caught in flight are reported uncertain, never resent on their own).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.db.database import open_database
from app.domain.outbox import OutboxState
from app.services.documents import ensure_archived_pdf
from app.services.settings import update_company
from tests.integration.sending_helpers import (
    COMPANY,
    SENDER,
    company_identity,
    invoice,
    mail_client,
)
from tests.integration.test_send_cli import facturier, outbox_states, received_ids
from tests.postfix_server import PostfixServer

pytestmark = pytest.mark.slow  # a session's Postfix, a dozen program starts: about 40 s

BATCH = 12


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory, _postfix: PostfixServer) -> Path:
    """BATCH validated invoices with archived PDFs, each to its own client; the account
    is the session's Postfix, set up as a user would."""
    path = tmp_path_factory.mktemp("postfix-template") / "facturier.db"
    db = open_database(str(path))
    company_identity(db)
    for index in range(1, BATCH + 1):
        client = mail_client(db, f"Client {index:02}", f"compta{index:02}@client{index:02}.example")
        ensure_archived_pdf(db, invoice(db, client, str(100 + index)))
    db.dispose()
    for args in (
        ("settings", "sender", "--name", COMPANY, "--address", SENDER),
        (
            *("settings", "smtp", "--host", _postfix.host, "--port", str(_postfix.port)),
            *("--security", "starttls", "--user", _postfix.user),
        ),
    ):
        result = facturier(path, *args)
        assert result.returncode == 0, result.stdout + result.stderr
    return path


@pytest.fixture
def postfix_db(
    template_db: Path,
    tmp_path: Path,
    postfix_server: PostfixServer,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    path = tmp_path / "facturier.db"
    shutil.copy(template_db, path)
    monkeypatch.setenv("FACTURIER_SMTP_PASSWORD", postfix_server.password)
    return path


def sending_options(path: Path, connections: int, pipelining: bool) -> None:
    db = open_database(str(path))
    update_company(db, smtp_connections=connections, smtp_pipelining=pipelining)
    db.dispose()


@pytest.mark.parametrize(
    ("connections", "pipelining"),
    [(1, False), (1, True), (3, False), (3, True)],
    ids=["1-connection", "1-connection-pipelining", "3-connections", "3-connections-pipelining"],
)
def test_a_batch_through_postfix_arrives_once_each(
    postfix_db: Path, postfix_server: PostfixServer, connections: int, pipelining: bool
) -> None:
    sending_options(postfix_db, connections, pipelining)
    result = facturier(postfix_db, "send", "--kind", "invoice", "--unsent")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("\tenvoyé\t") == BATCH, result.stdout

    messages = postfix_server.wait_until_relayed()
    delivered = received_ids(messages)
    states = outbox_states(postfix_db)
    assert set(states.values()) == {OutboxState.SENT}
    assert set(delivered) == set(states) and len(states) == BATCH  # nothing lost
    assert max(delivered.values()) == 1  # nothing twice
    recipients = sorted(address for m in messages for address in m.rcpt_tos)
    assert recipients == [f"compta{i:02}@client{i:02}.example" for i in range(1, BATCH + 1)]
    # Postfix saw an authenticated submission on no more connections than allowed.
    log = postfix_server.events()
    assert log.count("sasl_username=" + postfix_server.user) == BATCH
    assert 1 <= log.count(" connect from ") <= connections, log


def test_a_sender_killed_mid_batch_never_delivers_twice(
    postfix_db: Path, postfix_server: PostfixServer
) -> None:
    sending_options(postfix_db, 3, True)
    command = ["send", "--kind", "invoice", "--unsent"]
    sender = subprocess.Popen(
        [sys.executable, "-m", "ui.main", "--db", str(postfix_db), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Killed once Postfix has queued some of the batch, at no particular point of the rest.
    deadline = time.monotonic() + 60
    while postfix_server.accepted() < 2 and sender.poll() is None:
        assert time.monotonic() < deadline, postfix_server.events()
        time.sleep(0.005)
    sender.send_signal(signal.SIGKILL)
    out, err = sender.communicate(timeout=60)
    assert sender.returncode == -signal.SIGKILL, f"the batch ended before the kill:\n{out}{err}"
    killed_at = postfix_server.accepted()
    assert killed_at < BATCH

    after = facturier(postfix_db, "outbox", "send")
    states = outbox_states(postfix_db)
    unknown = {m for m, state in states.items() if state == OutboxState.UNKNOWN}
    assert after.returncode == (4 if unknown else 0), after.stdout + after.stderr
    if unknown:
        assert "incertain" in after.stdout
    assert len(states) == BATCH
    assert set(states.values()) <= {OutboxState.SENT, OutboxState.UNKNOWN}

    delivered = received_ids(postfix_server.wait_until_relayed())
    assert set(delivered) <= set(states)
    assert max(delivered.values()) == 1  # never twice
    assert all(delivered[m] == 1 for m, state in states.items() if state == OutboxState.SENT)

    # An uncertain message stays so: another drain sends nothing.
    again = facturier(postfix_db, "outbox", "send")
    assert again.returncode in (0, 4), again.stdout + again.stderr
    assert outbox_states(postfix_db) == states
    assert received_ids(postfix_server.wait_until_relayed()) == delivered
