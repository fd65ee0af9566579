"""Factur-X: an invoice's PDF with its structured data (CII XML) inside, as PDF/A-3B.

:func:`make_facturx` takes the PDF :func:`app.pdf.render.render_document` made and the
:class:`PrintDocument` it was made from, and returns the hybrid file a person and a
machine can both read. The ``factur-x`` library embeds the XML (``factur-x.xml``,
AFRelationship /Data, listed in the catalogue's /AF) and writes the XMP metadata
(pdfaid part 3 conformance B, the Factur-X extension schema and profile). This module
adds what the library leaves to its caller for PDF/A-3: an sRGB output intent, and
metadata that do not depend on the clock, so that the same document and creation date
always give the same bytes (fpdf2 already embeds every font and writes the file ID).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import Any, cast

import facturx
from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from app.domain.facturx_codes import BASIC, BASIC_WL, EN16931, GENERATION_FAILED, PROFILE_NAMES
from app.pdf.cii import NO_FACTURX, build_cii_xml, check_invoice, profile_for
from app.pdf.model import PrintDocument
from app.pdf.render import document_title
from app.resources import resource_path

log = logging.getLogger(__name__)

__all__ = [
    "BASIC",
    "BASIC_WL",
    "EN16931",
    "GENERATION_FAILED",
    "NO_FACTURX",
    "PROFILE_NAMES",
    "FacturXResult",
    "extract_xml",
    "facturx_profile",
    "make_facturx",
]

XML_FILENAME = "factur-x.xml"
CREATOR = "Facturier"
PRODUCER = "Facturier (fpdf2, factur-x)"
ICC_FILE = ("icc", "sRGB2014.icc")
_XPACKET_HEAD = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
_XPACKET_TAIL = '<?xpacket end="w"?>'
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_FACTURX_URN = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"


@dataclass(frozen=True)
class FacturXResult:
    """The file to archive and e-mail, and what it carries.

    ``profile`` is ``"en16931"``, ``"basic"`` or ``"basicwl"``; :data:`NO_FACTURX` (empty)
    when ``pdf`` is the plain PDF because no profile could be honoured. ``reasons`` holds
    stable codes (see :mod:`app.pdf.cii`) saying why the profile is less than EN 16931.
    """

    pdf: bytes
    profile: str
    reasons: tuple[str, ...] = ()

    @property
    def profile_name(self) -> str:
        """``"EN 16931"``, ``"BASIC"``, ``"BASIC WL"``, or ``""`` for a plain PDF."""
        return PROFILE_NAMES.get(self.profile, self.profile.upper())


def make_facturx(
    pdf: bytes, doc: PrintDocument, *, creation_date: datetime | None = None
) -> FacturXResult:
    """The Factur-X (PDF/A-3B) version of ``pdf``, the rendering of invoice or credit note
    ``doc``, in the richest profile the document's data allows.

    ``creation_date`` defaults to the creation date written in ``pdf`` (the renderer's),
    so re-making the file from the same rendering gives the same bytes.
    Raises ValueError for a document that is not an invoice or a credit note, a draft, or
    totals that do not add up.
    """
    check_invoice(doc)
    profile, reasons = profile_for(doc)
    if profile == NO_FACTURX:
        return FacturXResult(pdf, NO_FACTURX, reasons)
    xml = build_cii_xml(doc, profile)
    when = _utc(creation_date or _creation_date(pdf) or datetime.now(UTC))
    metadata = {
        "title": document_title(doc),
        "author": doc.company.name,
        "subject": f"{document_title(doc)} ({doc.client.name})",
        "keywords": "",
    }
    try:
        hybrid = facturx.generate_from_binary(
            pdf,
            xml,
            flavor="factur-x",
            level=profile,
            check_xsd=True,
            pdf_metadata=dict(metadata),
            lang="fr-FR",
            xmp_compression=False,
        )
        hybrid = _finish_pdfa(hybrid, profile, metadata, when)
    except Exception:
        log.exception("no Factur-X for document %s: keeping the plain PDF", doc.number)
        return FacturXResult(pdf, NO_FACTURX, (*reasons, GENERATION_FAILED))
    return FacturXResult(hybrid, profile, reasons)


def xsd_error(doc: PrintDocument) -> str:
    """Why the Factur-X XSD rejects the CII XML of ``doc`` ("": it passes, or no profile
    applies). Offline (lxml and the XSD the factur-x library ships)."""
    profile, _reasons = profile_for(doc)
    if profile == NO_FACTURX:
        return ""
    try:
        facturx.xml_check_xsd(build_cii_xml(doc, profile), flavor="factur-x", level=profile)
    except Exception as error:  # the library raises a bare Exception with the reason
        return str(error)
    return ""


def extract_xml(pdf: bytes) -> bytes | None:
    """The Factur-X (or ZUGFeRD) XML embedded in ``pdf``; None when there is none."""
    try:
        _name, xml = facturx.get_facturx_xml_from_pdf(pdf, check_xsd=False)
    except (PdfReadError, ValueError, TypeError, OSError):
        return None
    return bytes(xml) if xml else None


def facturx_profile(pdf: bytes) -> str:
    """The profile ``pdf`` carries (``"en16931"``, ``"basic"``…), ``""`` for a plain PDF."""
    xml = extract_xml(pdf)
    if xml is None:
        return NO_FACTURX
    try:
        return str(facturx.get_level(etree.fromstring(xml)))
    except Exception:  # an XML the library cannot read: not one of ours
        return NO_FACTURX


# --- PDF/A-3 ---------------------------------------------------------------------------


def _utc(when: datetime) -> datetime:
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.replace(microsecond=0)


def _creation_date(pdf: bytes) -> datetime | None:
    try:
        metadata = PdfReader(BytesIO(pdf)).metadata
    except (PdfReadError, ValueError, OSError):
        return None
    try:
        return metadata.creation_date if metadata is not None else None
    except ValueError:  # an unreadable date string
        return None


def _pdf_date(when: datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


def _finish_pdfa(pdf: bytes, profile: str, metadata: dict[str, str], when: datetime) -> bytes:
    """Output intent, and dates that are ``when`` rather than the moment of the call."""
    writer = PdfWriter(clone_from=BytesIO(pdf))
    writer.pdf_header = b"%PDF-1.7"  # PDF/A-3 is based on PDF 1.7
    root = writer.root_object
    if "/OutputIntents" not in root:
        root[NameObject("/OutputIntents")] = ArrayObject([_output_intent(writer)])
    writer.metadata = {
        "/Title": metadata["title"],
        "/Author": metadata["author"],
        "/Subject": metadata["subject"],
        "/Creator": CREATOR,
        "/Producer": PRODUCER,
        "/CreationDate": _pdf_date(when),
        "/ModDate": _pdf_date(when),
    }
    stream = root["/Metadata"].get_object()
    assert isinstance(stream, StreamObject)
    stream.set_data(_xmp(profile, metadata, when))
    for filespec in _embedded_files(root):
        files = cast(DictionaryObject, filespec["/EF"].get_object())
        embedded = cast(StreamObject, files["/F"].get_object())
        params = cast(DictionaryObject, embedded["/Params"].get_object())
        params[NameObject("/ModDate")] = TextStringObject(_pdf_date(when))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _output_intent(writer: PdfWriter) -> Any:
    profile = DecodedStreamObject()
    profile.set_data(resource_path(*ICC_FILE).read_bytes())
    profile[NameObject("/N")] = NumberObject(3)
    profile[NameObject("/Alternate")] = NameObject("/DeviceRGB")
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/Info"): TextStringObject("sRGB2014 (ICC v2)"),
            NameObject("/DestOutputProfile"): writer._add_object(profile.flate_encode()),
        }
    )
    return writer._add_object(intent)


def _embedded_files(root: DictionaryObject) -> list[DictionaryObject]:
    names = root.get("/Names", DictionaryObject()).get_object()
    tree = names.get("/EmbeddedFiles", DictionaryObject()).get_object()
    pairs = tree.get("/Names", ArrayObject()).get_object()
    return [pairs[i + 1].get_object() for i in range(0, len(pairs) - 1, 2)]


def _xmp(profile: str, metadata: dict[str, str], when: datetime) -> bytes:
    """The XMP packet the factur-x library writes, with our dates and tool names."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    root = facturx.generate_xmp_object(
        {
            "pdfa3_flavor": "B",
            "title": metadata["title"],
            "author": metadata["author"],
            "subject": metadata["subject"],
            "producer": PRODUCER,
            "creator_tool": CREATOR,
            "timestamp": stamp,
            "version": "1.0",
            "documenttype": "INVOICE",
            "xml_filename": XML_FILENAME,
            "xmp_level": PROFILE_NAMES[profile],
            "urn": _FACTURX_URN,
        }
    )
    for description in root.iter(f"{{{_RDF}}}Description"):
        description.set(f"{{{_RDF}}}about", "")  # XMP requires it, even empty
    body = etree.tostring(root, pretty_print=True).decode("utf-8").strip()
    return "\n".join((_XPACKET_HEAD, body, _XPACKET_TAIL)).encode("utf-8")
