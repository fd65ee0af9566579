"""What a mail server's reply means, from its codes (never from its free text)."""

from __future__ import annotations

import pytest

from app.domain.smtp_replies import ReplyMeaning, explain, meaning, parse_reply, safe_text


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("550 5.1.1 <x@y.fr>: Recipient address rejected", ReplyMeaning.UNKNOWN_ADDRESS),
        ("550 5.1.2 Host unknown", ReplyMeaning.UNKNOWN_DOMAIN),
        ("550 5.1.10 RESOLVER.ADR.RecipientNotFound", ReplyMeaning.UNKNOWN_DOMAIN),
        ("550 5.2.1 Mailbox disabled", ReplyMeaning.MAILBOX_DISABLED),
        ("552 5.2.2 Mailbox full", ReplyMeaning.MAILBOX_FULL),
        ("552 5.3.4 Message too big for system", ReplyMeaning.TOO_LARGE),
        ("554 5.7.1 Rejected as spam", ReplyMeaning.POLICY),
        ("550 5.7.26 Unauthenticated email from acme.fr", ReplyMeaning.SENDER_NOT_AUTHENTICATED),
        ("451 4.7.1 Greylisted, try again later", ReplyMeaning.TRY_LATER),
        ("421 4.7.28 Too many messages", ReplyMeaning.RATE_LIMITED),
        ("450 4.2.1 Mailbox busy", ReplyMeaning.TRY_LATER),
        ("451 4.4.4 Unable to route", ReplyMeaning.NETWORK),
        ("451 4.3.0 Local error", ReplyMeaning.SERVER_PROBLEM),
        ("421 Service not available", ReplyMeaning.CLOSING),
        ("550 Requested action not taken", ReplyMeaning.MAILBOX_UNAVAILABLE),
        ("553 mailbox name not allowed", ReplyMeaning.BAD_ADDRESS),
        ("599 weird", ReplyMeaning.REFUSED),
        ("499 weird", ReplyMeaning.TEMPORARY),
        ("Connection unexpectedly closed", ReplyMeaning.NO_REPLY),
        ("250 2.0.0 OK", ReplyMeaning.ACCEPTED),
    ],
)
def test_meaning_comes_from_the_codes(reply: str, expected: ReplyMeaning) -> None:
    assert meaning(parse_reply(reply)) == expected


def test_explanations_in_french_and_english() -> None:
    assert explain("550 5.1.1 user unknown", french=True) == "550 5.1.1 adresse inconnue"
    assert explain("550 5.1.1 user unknown", french=False) == "550 5.1.1 unknown address"
    assert explain("user unknown", french=True, code=550) == (
        "550 boîte aux lettres indisponible ou adresse refusée"
    )
    assert explain("5.2.2 full", french=True, code=552) == "552 5.2.2 boîte aux lettres pleine"
    assert explain("", french=True) == "la connexion au serveur de messagerie a été perdue"


def test_server_text_is_made_safe() -> None:
    text = safe_text('\x1b[31mREJECTED\x1b[0m\r\nline two\t<a href="x">\x07\u202e')
    assert not any(ord(c) < 32 or c == "\x7f" for c in text)
    assert "\u202e" not in text and "\x1b" not in text
    assert "REJECTED" in text and "line two" in text
    assert len(safe_text("x" * 1000)) == 300
