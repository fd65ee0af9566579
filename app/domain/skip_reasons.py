"""Why a document of a batch was left out (the command line's and the window's sentences
key on these values)."""

from __future__ import annotations

from enum import StrEnum


class SkipReason(StrEnum):
    NO_ADDRESS = "no_address"  # the client has no e-Mail row with Mail ticked
    DRAFT = "draft"  # only validated documents are sent
    NOT_FOUND = "not_found"  # deleted meanwhile
    ALREADY_PENDING = "already_pending"  # a message for it is already waiting in the outbox
    ALREADY_SENT = "already_sent"  # sent before, and the user chose to leave those out
    UNCERTAIN = "uncertain"  # its last message may have arrived: only an explicit resend
    FAILED = "failed"  # its last message was refused: only an explicit resend
    PAID = "paid"  # a paid invoice, and the user chose to leave those out
    PDF_TAMPERED = "pdf_tampered"  # its archived PDF was changed outside the program
    INVALID_ADDRESS = "invalid_address"  # a stored address of the client is not valid
    NOT_FACTURX = "not_facturx"  # for the platform, but its archived PDF is not Factur-X
    TOO_LARGE = "too_large"  # with the kind's attachments, larger than providers accept
