"""What a mail server's reply means, in words a user understands (English and French).

A reply is a basic code (``550``), often an enhanced status code (``5.1.1``, RFC 3463) and
free text from the server. The meaning comes from the codes, never from the free text,
which is kept for the details only: it is foreign text and goes through ``safe_text``
before being shown anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from app.i18n import N_, in_language

_REPLY = re.compile(r"^\s*(\d{3})(?:[ -]+([245])\.(\d{1,3})\.(\d{1,3}))?\b")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
MAX_REPLY = 300  # characters of server text kept for display


class ReplyMeaning(StrEnum):
    UNKNOWN_ADDRESS = "unknown_address"  # x.1.1
    UNKNOWN_DOMAIN = "unknown_domain"  # x.1.2, x.4.4 for a domain, x.1.10 (null MX)
    BAD_ADDRESS = "bad_address"  # x.1.3, 501/553
    MAILBOX_DISABLED = "mailbox_disabled"  # x.2.1
    MAILBOX_FULL = "mailbox_full"  # x.2.2, 452
    TOO_LARGE = "too_large"  # x.2.3, x.3.4, 552
    POLICY = "policy"  # x.7.1: spam filter, relaying denied
    SENDER_NOT_AUTHENTICATED = "sender_not_authenticated"  # x.7.26, x.7.23: SPF/DKIM/DMARC
    TRY_LATER = "try_later"  # 4.7.x greylisting, 4.2.1, 450/451
    RATE_LIMITED = "rate_limited"  # 4.7.28, 421 "too many"
    SERVER_PROBLEM = "server_problem"  # x.3.x, 451
    NETWORK = "network"  # x.4.x
    CLOSING = "closing"  # 421
    COMMAND_REFUSED = "command_refused"  # x.5.x, 500-504
    MAILBOX_UNAVAILABLE = "mailbox_unavailable"  # 550 without a better code
    REFUSED = "refused"  # any other 5xx
    TEMPORARY = "temporary"  # any other 4xx
    NO_REPLY = "no_reply"  # the connection broke before an answer
    ACCEPTED = "accepted"  # 2xx


# The meanings in English; French in the core catalogue (app.i18n).
_TEXTS: dict[ReplyMeaning, str] = {
    ReplyMeaning.UNKNOWN_ADDRESS: N_("unknown address"),
    ReplyMeaning.UNKNOWN_DOMAIN: N_("this domain does not receive e-mail"),
    ReplyMeaning.BAD_ADDRESS: N_("address not accepted"),
    ReplyMeaning.MAILBOX_DISABLED: N_("mailbox closed or disabled"),
    ReplyMeaning.MAILBOX_FULL: N_("mailbox full"),
    ReplyMeaning.TOO_LARGE: N_("message too large"),
    ReplyMeaning.POLICY: N_("refused by the server's rules (spam filter or relaying not allowed)"),
    ReplyMeaning.SENDER_NOT_AUTHENTICATED: N_(
        "the sender's domain could not be authenticated (SPF, DKIM, DMARC)"
    ),
    ReplyMeaning.TRY_LATER: N_("refused for now, to be tried again later"),
    ReplyMeaning.RATE_LIMITED: N_("too many messages at once: the server asks to slow down"),
    ReplyMeaning.SERVER_PROBLEM: N_("the mail server has a problem"),
    ReplyMeaning.NETWORK: N_("network or routing problem"),
    ReplyMeaning.CLOSING: N_("the mail server closed the connection"),
    ReplyMeaning.COMMAND_REFUSED: N_("the mail server did not understand the request"),
    ReplyMeaning.MAILBOX_UNAVAILABLE: N_("mailbox unavailable or address refused"),
    ReplyMeaning.REFUSED: N_("refused by the mail server"),
    ReplyMeaning.TEMPORARY: N_("temporary refusal of the mail server"),
    ReplyMeaning.NO_REPLY: N_("the connection to the mail server was lost"),
    ReplyMeaning.ACCEPTED: N_("accepted"),
}


@dataclass(frozen=True)
class ParsedReply:
    code: int | None
    enhanced: str  # "5.1.1", or "" when the server gave none
    text: str  # the rest, made safe to show

    @property
    def codes(self) -> str:
        """ "550 5.1.1", "421" or ""."""
        return " ".join(part for part in (str(self.code or ""), self.enhanced) if part)


def parse_reply(reply: str, code: int | None = None) -> ParsedReply:
    """Split "550 5.1.1 <x@y>: user unknown" (or ``code`` + "5.1.1 …") into its parts."""
    text = reply or ""
    if code is not None and not _REPLY.match(text):
        text = f"{code} {text}"
    match = _REPLY.match(text)
    if match is None:
        return ParsedReply(None, "", safe_text(text))
    enhanced = ".".join(match.group(i) for i in (2, 3, 4)) if match.group(2) else ""
    rest = text[match.end() :].lstrip(" -")
    return ParsedReply(int(match.group(1)), enhanced, safe_text(rest))


def meaning(reply: ParsedReply) -> ReplyMeaning:
    code = reply.code
    if code is None:
        return ReplyMeaning.NO_REPLY
    if 200 <= code < 300:
        return ReplyMeaning.ACCEPTED
    found = _by_enhanced(reply.enhanced) if reply.enhanced else None
    if found is not None:
        return found
    return _BY_CODE.get(code) or (
        ReplyMeaning.TEMPORARY if 400 <= code < 500 else ReplyMeaning.REFUSED
    )


_BY_CODE: dict[int, ReplyMeaning] = {
    421: ReplyMeaning.CLOSING,
    450: ReplyMeaning.TRY_LATER,
    451: ReplyMeaning.SERVER_PROBLEM,
    452: ReplyMeaning.MAILBOX_FULL,
    500: ReplyMeaning.COMMAND_REFUSED,
    501: ReplyMeaning.BAD_ADDRESS,
    502: ReplyMeaning.COMMAND_REFUSED,
    503: ReplyMeaning.COMMAND_REFUSED,
    504: ReplyMeaning.COMMAND_REFUSED,
    550: ReplyMeaning.MAILBOX_UNAVAILABLE,
    551: ReplyMeaning.UNKNOWN_ADDRESS,
    552: ReplyMeaning.TOO_LARGE,
    553: ReplyMeaning.BAD_ADDRESS,
    554: ReplyMeaning.REFUSED,
}

_BY_DETAIL: dict[tuple[str, str], ReplyMeaning] = {
    ("1", "1"): ReplyMeaning.UNKNOWN_ADDRESS,
    ("1", "2"): ReplyMeaning.UNKNOWN_DOMAIN,
    ("1", "3"): ReplyMeaning.BAD_ADDRESS,
    ("1", "6"): ReplyMeaning.UNKNOWN_ADDRESS,  # mailbox has moved
    ("1", "10"): ReplyMeaning.UNKNOWN_DOMAIN,  # null MX
    ("2", "1"): ReplyMeaning.MAILBOX_DISABLED,
    ("2", "2"): ReplyMeaning.MAILBOX_FULL,
    ("2", "3"): ReplyMeaning.TOO_LARGE,
    ("3", "4"): ReplyMeaning.TOO_LARGE,
    ("4", "4"): ReplyMeaning.UNKNOWN_DOMAIN,  # unable to route
    ("7", "1"): ReplyMeaning.POLICY,
    ("7", "23"): ReplyMeaning.SENDER_NOT_AUTHENTICATED,
    ("7", "25"): ReplyMeaning.SENDER_NOT_AUTHENTICATED,
    ("7", "26"): ReplyMeaning.SENDER_NOT_AUTHENTICATED,
    ("7", "27"): ReplyMeaning.UNKNOWN_DOMAIN,  # sender's domain has a null MX
    ("7", "28"): ReplyMeaning.RATE_LIMITED,
}


def _by_enhanced(enhanced: str) -> ReplyMeaning | None:
    klass, subject, detail = enhanced.split(".")
    temporary = klass == "4"
    if temporary and subject == "2" and detail == "1":
        return ReplyMeaning.TRY_LATER  # mailbox busy for now
    if temporary and subject == "4" and detail == "4":
        return ReplyMeaning.NETWORK
    if temporary and subject == "7":  # greylisting (4.7.1) or a rate limit (4.7.28)
        return ReplyMeaning.RATE_LIMITED if detail == "28" else ReplyMeaning.TRY_LATER
    found = _BY_DETAIL.get((subject, detail))
    if found is not None:
        return found
    if subject == "7":
        return ReplyMeaning.TRY_LATER if temporary else ReplyMeaning.POLICY
    return {
        "3": ReplyMeaning.SERVER_PROBLEM,
        "4": ReplyMeaning.NETWORK,
        "5": ReplyMeaning.COMMAND_REFUSED,
        "1": ReplyMeaning.MAILBOX_UNAVAILABLE,
        "2": ReplyMeaning.MAILBOX_UNAVAILABLE,
    }.get(subject)


def meaning_text(value: ReplyMeaning, french: bool) -> str:
    return in_language(_TEXTS[value], french)


def explain(reply: str, french: bool, code: int | None = None) -> str:
    """ "550 5.1.1 adresse inconnue": the codes, then what they mean, never the server's
    own words (those stay in the details)."""
    parsed = parse_reply(reply, code)
    text = meaning_text(meaning(parsed), french)
    return f"{parsed.codes} {text}" if parsed.codes else text


def safe_text(text: str, limit: int = MAX_REPLY) -> str:
    """Foreign text on one line: escape sequences removed, control and bidirectional
    characters replaced by U+FFFD, runs of white space folded, at most ``limit`` chars."""
    text = _ANSI.sub("\ufffd", text)
    if not text.isprintable():  # printable text has none of them: skip the slow scan
        out: list[str] = []
        for char in text:
            if char in "\r\n\t":
                out.append(" ")
            elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
                out.append("\ufffd")
            else:
                out.append(char)
        text = "".join(out)
    folded = " ".join(text.split())
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"
