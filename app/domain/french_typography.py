"""French typography, one rule for every French text the program shows or writes.

``typeset(text)`` puts a narrow no-break space (U+202F) before ``;`` ``!`` ``?`` and inside
« », a no-break space (U+00A0) before ``:``, and the typographic apostrophe ``’`` in words
(``l’envoi``). It is idempotent and leaves alone what is not prose: placeholders
(``{name}``, ``{amount:.2f}``, ``%1``, ``%n``, ``%s``), HTML tags and entities, URLs, e-mail
addresses, times and ratios (``17:24``, ``1:2``), and a colon or mark glued to the next
character (``N°:``, ``a;b``, ``?x=1``), which is code, not a sentence.

``problems(text)`` says where a text breaks the rule: what the tests check every French
string and every generated text with.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # NARROW NO-BREAK SPACE: before ; ! ? and inside « »
NBSP = "\u00a0"  # NO-BREAK SPACE: before :
APOSTROPHE = "\u2019"

_SPACES = " \u00a0\u202f\u2009"  # what may already stand before a mark
_FIRST_PRIVATE = 0xE000  # protected pieces become private-use characters while working
_MARKUP = 0xF000

_PROTECTED = re.compile(
    r"""
    (?:https?|ftp|file)://[^\s<>"'«»]+[^\s<>"'«».,;:!?)]   # URLs
    | mailto:[^\s<>"']+
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                         # e-mail addresses
    | </?[A-Za-z!][^<>]*>                                   # HTML tags
    | &(?:\#\d+|\#x[0-9a-fA-F]+|[A-Za-z]+);                 # HTML entities
    | \{[^{}\s]*\}                                          # str.format placeholders
    | %(?:L?\d+|n|\([a-z_]+\)[sd]|[sd])                     # Qt and printf placeholders
    | N°:                                                   # a compact field label
    """,
    re.VERBOSE,
)

# A mark ends a sentence or a clause only when whitespace, the end or a closing sign
# follows it; glued to a letter, digit or slash it is code (a time, a URL, a ratio).
_AFTER = r"(?=$|[\s)\]»\"’'.,…<!?]|[\ue000-\uf8ff])"
# What a mark may follow directly: not a space, not an opening sign, not another mark.
_BEFORE_CHAR = r"[^\s(\[«;:!?]"

# A fragment may start with the space of a mark that follows the previous fragment.
_HIGH = re.compile(rf"(?:(?<={_BEFORE_CHAR})[{_SPACES}]*|^[{_SPACES}]+)([;!?])" + _AFTER)
_COLON = re.compile(rf"(?:(?<={_BEFORE_CHAR})[{_SPACES}]*|^[{_SPACES}]+):(?=$|\s|[\uf000-\uf8ff])")
_OPEN_QUOTE = re.compile(rf"«[{_SPACES}]*(?=[^\s])")
_CLOSE_QUOTE = re.compile(rf"(?<=[^\s])[{_SPACES}]*»")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W_]|[\ue000-\uf8ff])")


def _protect(text: str) -> tuple[str, dict[str, str]]:
    """Protected pieces replaced by private-use characters: markup (tags, entities) from
    U+F000, which punctuation may precede like a space; the rest from U+E000."""
    pieces: dict[str, str] = {}

    def keep(match: re.Match[str]) -> str:
        piece = match.group(0)
        base = _MARKUP if piece[0] in "<&" else _FIRST_PRIVATE
        key = chr(base + len(pieces))
        pieces[key] = piece
        return key

    return _PROTECTED.sub(keep, text), pieces


def _restore(text: str, pieces: dict[str, str]) -> str:
    for key, piece in pieces.items():
        text = text.replace(key, piece)
    return text


def typeset(text: str) -> str:
    """``text`` (French) with French typography; idempotent."""
    work, pieces = _protect(text)
    work = _HIGH.sub(lambda m: NNBSP + m.group(1), work)
    work = _COLON.sub(NBSP + ":", work)
    work = _OPEN_QUOTE.sub("«" + NNBSP, work)
    work = _CLOSE_QUOTE.sub(NNBSP + "»", work)
    work = _APOSTROPHE.sub(APOSTROPHE, work)
    return _restore(work, pieces)


def problems(text: str) -> str | None:
    """Where ``text`` first breaks the rule, shown with what it should read (None: fine)."""
    fixed = typeset(text)
    if fixed == text:
        return None
    index = next(
        (i for i, (a, b) in enumerate(zip(text, fixed, strict=False)) if a != b),
        min(len(text), len(fixed)),
    )
    start = max(0, index - 20)
    return f"{text[start : index + 20]!r} should read {fixed[start : index + 21]!r}"
