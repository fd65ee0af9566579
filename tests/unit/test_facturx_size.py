"""A Factur-X invoice stays small enough for the approved platforms (some accept only a
few hundred kB): a 30-line invoice with the company's logo stays under 300 KiB."""

from __future__ import annotations

import io
from dataclasses import replace

from PIL import Image

from app.pdf.facturx import extract_xml
from tests.unit.test_facturx import SELLER, document, made
from tests.unit.test_facturx import line as make_line

LIMIT = 300 * 1024


def logo() -> bytes:
    image = Image.new("RGB", (1200, 500), (33, 58, 92))  # the largest side the settings keep
    for x in range(0, 1200, 7):  # noise the compressor cannot fold away
        for y in range(0, 500, 5):
            image.putpixel((x, y), ((x * 7) % 256, (y * 13) % 256, (x + y) % 256))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_a_30_line_invoice_with_logo_stays_under_300_kib() -> None:
    lines = tuple(
        make_line(
            f"Article n°{i:02d} — pose et fournitures\nDétail du travail effectué",
            "2",
            "45.5",
            "20",
        )
        for i in range(1, 31)
    )
    company = replace(SELLER, logo_png=logo())
    result = made(document(lines, company=company, operation_category="mixed"))
    assert extract_xml(result.pdf) is not None and result.profile == "en16931"
    assert len(result.pdf) < LIMIT, f"{len(result.pdf) / 1024:.0f} KiB"
