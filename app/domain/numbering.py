"""Document numbers: ``<prefix>-<year>-<sequence>``, gap-free per kind and year."""

from __future__ import annotations

import re

from app.domain.kinds import DocumentKind, kind_of_prefix

_NUMBER = re.compile(r"^(?P<prefix>[A-Z]+)-(?P<year>\d{4})-(?P<seq>\d{4,})$")


def format_number(kind: DocumentKind, year: int, sequence: int) -> str:
    if sequence < 1:
        raise ValueError("sequences start at 1")
    return f"{kind.prefix}-{year:04d}-{sequence:04d}"


def parse_number(number: str) -> tuple[DocumentKind, int, int]:
    match = _NUMBER.match(number.strip())
    if not match:
        raise ValueError(f"not a document number: {number!r}")
    kind = kind_of_prefix(match["prefix"])
    if kind is None:
        raise ValueError(f"unknown prefix in {number!r}")
    return kind, int(match["year"]), int(match["seq"])
