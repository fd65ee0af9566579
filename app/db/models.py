"""SQLAlchemy 2 models: the tables of the application (docs/ARCHITECTURE.md "Data").

Money columns are ``Numeric`` (exact decimals); dates are naive UTC datetimes.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so Alembic migrations work the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PENDING_SQL = "state IN ('queued', 'sending', 'retry_wait', 'held')"
# A document's own message (not a payment reminder): at most one waiting per document.
PENDING_DOCUMENT_SQL = f"{PENDING_SQL} AND purpose = 'document'"

Money = Numeric(14, 2, asdecimal=True)
Quantity = Numeric(14, 4, asdecimal=True)
Rate = Numeric(5, 2, asdecimal=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CompanySettings(Base):
    """One row (id 1): the business's identity, sender and SMTP account."""

    __tablename__ = "company_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    legal_form: Mapped[str] = mapped_column(String(60), default="")
    capital: Mapped[str] = mapped_column(String(60), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str] = mapped_column(String(80), default="France")
    siren: Mapped[str] = mapped_column(String(20), default="")
    siret: Mapped[str] = mapped_column(String(20), default="")
    rcs: Mapped[str] = mapped_column(String(120), default="")
    vat_number: Mapped[str] = mapped_column(String(30), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    iban: Mapped[str] = mapped_column(String(40), default="")
    bic: Mapped[str] = mapped_column(String(20), default="")
    vat_exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    payment_terms: Mapped[str] = mapped_column(Text, default="")
    payment_days: Mapped[int] = mapped_column(Integer, default=30)
    late_penalty_text: Mapped[str] = mapped_column(Text, default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # sender identity
    sender_name: Mapped[str] = mapped_column(String(200), default="")
    sender_address: Mapped[str] = mapped_column(String(254), default="")
    copy_to_self: Mapped[str] = mapped_column(String(10), default="none")
    rate_per_minute: Mapped[int] = mapped_column(Integer, default=0)  # 0: no limit
    # Messages of a batch the user started that met a temporary failure are retried alone.
    auto_retry: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # SMTP account (the password lives in the keyring, never here)
    smtp_host: Mapped[str] = mapped_column(String(253), default="")
    smtp_port: Mapped[int] = mapped_column(Integer, default=587)
    smtp_security: Mapped[str] = mapped_column(String(10), default="starttls")
    smtp_user: Mapped[str] = mapped_column(String(254), default="")
    smtp_insecure: Mapped[bool] = mapped_column(Boolean, default=False)
    # Connections the drain opens at once (capped by the provider's preset) and whether it
    # pipelines MAIL/RCPT/DATA when the server offers PIPELINING (0014).
    smtp_connections: Mapped[int] = mapped_column(Integer, default=2, server_default="2")
    smtp_pipelining: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # "password" or "oauth2" (SASL XOAUTH2; the refresh token lives in the keyring)
    smtp_auth: Mapped[str] = mapped_column(
        String(20), default="password", server_default="password"
    )
    oauth_provider: Mapped[str] = mapped_column(String(20), default="", server_default="")
    mail_preset: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # IMAP account that receives a copy of each sent message in its Sent folder
    imap_host: Mapped[str] = mapped_column(String(253), default="", server_default="")
    imap_port: Mapped[int] = mapped_column(Integer, default=993, server_default="993")
    imap_security: Mapped[str] = mapped_column(String(10), default="ssl", server_default="ssl")
    imap_user: Mapped[str] = mapped_column(String(254), default="", server_default="")
    imap_sent_folder: Mapped[str] = mapped_column(String(200), default="", server_default="")
    imap_copy: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The provider's limits (0: none), counted across runs and processes
    daily_message_limit: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    daily_recipient_limit: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Factur-X: validated invoices and credit notes are archived as PDF/A-3 with their XML
    facturx_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # E-invoicing reform (0007): the company's electronic address in the directory (BT-34,
    # scheme 0225, its SIREN by default); the default category of its operations
    # (app.domain.reform.OperationCategory, "" = not chosen yet); the VAT-on-debits option.
    e_address: Mapped[str] = mapped_column(String(120), default="", server_default="")
    operation_category: Mapped[str] = mapped_column(String(10), default="", server_default="")
    vat_on_debits: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Late-payment terms (0008): the penalty rate ("" = three times the legal interest
    # rate) and the early-payment discount terms ("" = none), printed for businesses.
    late_penalty_rate: Mapped[str] = mapped_column(String(100), default="", server_default="")
    early_payment_discount: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # Payment reminders (0010): the legal interest rate in force ("" = the program's
    # default), used when the penalty rate is "three times the legal rate"; one reminder
    # per invoice instead of one per client.
    legal_interest_rate: Mapped[str] = mapped_column(String(20), default="", server_default="")
    reminder_per_invoice: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # The accountant (0011): receives a hidden copy of every invoice and credit note sent
    # ("" = none); never counted as a delivery to the client.
    accountant_address: Mapped[str] = mapped_column(String(254), default="", server_default="")
    # The approved e-invoicing platform (0012): its API base URL and OAuth2 client (the
    # secret is in the keyring), and how far its lifecycle statuses have been read.
    platform_url: Mapped[str] = mapped_column(String(300), default="", server_default="")
    platform_client_id: Mapped[str] = mapped_column(String(200), default="", server_default="")
    platform_token_url: Mapped[str] = mapped_column(String(300), default="", server_default="")
    platform_synced_to: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Client(Base):
    __tablename__ = "client"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    siren: Mapped[str] = mapped_column(String(20), default="")
    siret: Mapped[str] = mapped_column(String(20), default="")
    vat_number: Mapped[str] = mapped_column(String(30), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str] = mapped_column(String(80), default="France")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # E-invoicing reform (0007): "business" or "private" (app.domain.reform.ClientType);
    # a business's electronic address (BT-49, scheme 0225, its SIREN by default); its
    # default operation category ("" = the company's); its default delivery address
    # ("" = the billing address).
    client_type: Mapped[str] = mapped_column(
        String(10), default="business", server_default="business"
    )
    e_address: Mapped[str] = mapped_column(String(120), default="", server_default="")
    operation_category: Mapped[str] = mapped_column(String(10), default="", server_default="")
    delivery_street: Mapped[str] = mapped_column(String(300), default="", server_default="")
    delivery_postal_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    delivery_city: Mapped[str] = mapped_column(String(120), default="", server_default="")
    delivery_country: Mapped[str] = mapped_column(String(80), default="", server_default="")
    # "" (computed from the directory), "email", "platform", "platform_copy" (0012)
    delivery_channel: Mapped[str] = mapped_column(String(16), default="", server_default="")
    # The platform directory's answer for the SIREN (None: never asked), and its date.
    in_directory: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    directory_checked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="client",
        cascade="all, delete-orphan",
        order_by="Contact.position",
    )


class Contact(Base):
    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10))  # ContactKind
    label: Mapped[str] = mapped_column(String(120), default="")
    value: Mapped[str] = mapped_column(String(254))
    mail: Mapped[bool] = mapped_column(Boolean, default=False)
    # How a Mail address receives the documents (0011): "to" or "cc" (e.g. the client's
    # accounting address in copy); both are the client's addresses.
    send_as: Mapped[str] = mapped_column(String(4), default="to", server_default="to")

    client: Mapped[Client] = relationship(back_populates="contacts")


class NumberCounter(Base):
    """Last number given per kind and year: the row lock makes numbering gap-free."""

    __tablename__ = "number_counter"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class PdfArchive(Base):
    """Content-addressed archived PDFs: a row is written once and never changed."""

    __tablename__ = "pdf_archive"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (
        UniqueConstraint("kind", "number", name="uq_document_kind_number"),
        Index("ix_document_kind_issue_date", "kind", "issue_date"),
        Index("ix_document_kind_sent_at", "kind", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # DocumentKind
    status: Mapped[str] = mapped_column(String(20), default="draft")  # DocumentStatus
    number: Mapped[str | None] = mapped_column(String(30), nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sequence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="RESTRICT"), index=True)
    issue_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    validity_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    delivery_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    payment_terms: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Totals are stored when lines change so reports never recompute 100,000 documents.
    total_excl: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    total_vat: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    total_incl: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # Indexed (0011): each report page sums the credit notes cancelling its invoices.
    cancels_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    paid_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    payment_method: Mapped[str] = mapped_column(String(40), default="")
    pdf_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("pdf_archive.sha256", ondelete="RESTRICT"), nullable=True
    )
    # What the archived PDF carries: the Factur-X profile ("en16931", "basic", "basicwl",
    # the factur-x library's names) or None for a plain PDF; and why it is not EN 16931
    # (or not Factur-X at all), as space-separated stable codes (app.domain.facturx_codes).
    facturx_profile: Mapped[str | None] = mapped_column(String(20), nullable=True)
    facturx_reasons: Mapped[str] = mapped_column(Text, default="", server_default="")
    validated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Last successful e-mail: the report's envelope and the "envoyé" status.
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    sent_to: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # E-invoicing reform (0007): the operation category ("" = the client's, then the
    # company's); the delivery address ("" = the billing address); the VAT-on-debits
    # mention (None = the company's option).
    operation_category: Mapped[str] = mapped_column(String(10), default="", server_default="")
    delivery_street: Mapped[str] = mapped_column(String(300), default="", server_default="")
    delivery_postal_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    delivery_city: Mapped[str] = mapped_column(String(120), default="", server_default="")
    delivery_country: Mapped[str] = mapped_column(String(80), default="", server_default="")
    vat_on_debits: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # "En litige" (0010): the client disputes it; no reminder goes for it.
    disputed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The platform's latest lifecycle status code (app.domain.platform.Lifecycle), 0012.
    platform_status: Mapped[str] = mapped_column(String(3), default="", server_default="")
    platform_status_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # An invoice's place in a quote's or order's invoicing (0013): "" (a whole invoice),
    # "deposit" (facture d'acompte) or "final" (facture de solde, deducting the deposits).
    invoice_role: Mapped[str] = mapped_column(String(10), default="", server_default="")

    client: Mapped[Client] = relationship()
    lines: Mapped[list[DocumentLine]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="DocumentLine.position",
    )


class DocumentLine(Base):
    __tablename__ = "document_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(20), default="")
    unit_price: Mapped[Decimal] = mapped_column(Quantity)
    vat_rate: Mapped[Decimal] = mapped_column(Rate)
    discount_percent: Mapped[Decimal] = mapped_column(Rate, default=Decimal("0"))

    document: Mapped[Document] = relationship(back_populates="lines")


class EmailTemplate(Base):
    __tablename__ = "email_template"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)


class OutboxMessage(Base):
    """A prepared e-mail: sent exactly as stored (same bytes, same Message-ID)."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        Index("ix_outbox_message_state_next", "state", "next_attempt_at"),
        # At most one item waiting per document and channel: never two copies queued.
        Index(
            "uq_outbox_message_pending_document",
            "document_id",
            "channel",
            unique=True,
            # and postgresql_where, the same, set by declare_postgresql_options()
            sqlite_where=text(PENDING_DOCUMENT_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(20), default="queued")  # OutboxState
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    envelope_from: Mapped[str] = mapped_column(String(254))
    to_addrs: Mapped[str] = mapped_column(Text)  # comma-separated, as in the headers
    cc_addrs: Mapped[str] = mapped_column(Text, default="")
    bcc_addrs: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(String(998))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    claim_expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_reply: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    # Each envelope recipient, whether it is the client's, and the server's answer to it
    # (JSON, app.domain.outbox.Recipient); "" for messages prepared before it was recorded.
    recipients: Mapped[str] = mapped_column(Text, default="", server_default="")
    hold_reason: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # The client's mailing addresses when the message was prepared (address_key): a change
    # since then stops the message until it is prepared again or confirmed as it is.
    prepared_for: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The copy in the user's Sent folder (IMAP APPEND), a step of its own after the send:
    # "" (none wanted), "pending", "done", "failed"; its failure never resends the e-mail.
    copy_state: Mapped[str] = mapped_column(String(10), default="", server_default="", index=True)
    copy_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    copy_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    copy_next_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # "document" (the document itself) or "reminder" (a payment reminder, 0010: it names
    # its invoices in the reminder table; ``document_id`` is the first of them).
    purpose: Mapped[str] = mapped_column(
        String(10), default="document", server_default="document", index=True
    )
    # "email", or "platform" (0012): a deposit on the approved e-invoicing platform, whose
    # ``raw`` is the file deposited (the Factur-X PDF, or a lifecycle message for purpose
    # "status"), ``flow_info`` the flow's JSON with ``message_id`` as its tracking id, and
    # ``flow_id`` the platform's id of the flow once it took it.
    channel: Mapped[str] = mapped_column(String(10), default="email", server_default="email")
    flow_id: Mapped[str] = mapped_column(String(100), default="", server_default="")
    flow_info: Mapped[str] = mapped_column(Text, default="", server_default="")


class SendRecord(Base):
    """One line of a document's send history."""

    __tablename__ = "send_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="SET NULL"), nullable=True
    )
    at: Mapped[datetime] = mapped_column(DateTime)
    to_addrs: Mapped[str] = mapped_column(Text, default="")
    cc_addrs: Mapped[str] = mapped_column(Text, default="")
    bcc_addrs: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(String(998), default="")
    message_id: Mapped[str] = mapped_column(String(250), default="")
    result: Mapped[str] = mapped_column(String(20))  # sent, retry, failed, unknown
    server_reply: Mapped[str] = mapped_column(Text, default="")
    refused_addrs: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text, default="", server_default="")  # as outbox
    purpose: Mapped[str] = mapped_column(
        String(10), default="document", server_default="document"
    )  # as outbox
    channel: Mapped[str] = mapped_column(
        String(10), default="email", server_default="email"
    )  # as outbox


class PlatformEvent(Base):
    """One lifecycle status of an invoice deposited on the platform (0012)."""

    __tablename__ = "platform_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(3))  # app.domain.platform.Lifecycle
    at: Mapped[datetime] = mapped_column(DateTime)  # when the platform set it
    reason: Mapped[str] = mapped_column(Text, default="")
    # The lifecycle flow that carried it: read twice (two workstations), recorded once.
    source_flow_id: Mapped[str | None] = mapped_column(String(100), nullable=True, unique=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class Payment(Base):
    """One payment received for an invoice (several make a partial payment)."""

    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    method: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ReminderLevel(Base):
    """One step of the payment reminders (Settings › Relances), in ``position`` order."""

    __tablename__ = "reminder_level"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)  # 1, 2, 3 …: the level's number
    name: Mapped[str] = mapped_column(String(120))
    delay_days: Mapped[int] = mapped_column(Integer)
    after: Mapped[str] = mapped_column(String(10), default="due")  # ReminderBase
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    letter: Mapped[bool] = mapped_column(Boolean, default=False)  # the formal letter PDF
    statement: Mapped[bool] = mapped_column(Boolean, default=False)  # the statement PDF
    deadline_days: Mapped[int] = mapped_column(Integer, default=8)  # the letter's deadline


class Reminder(Base):
    """One invoice in one reminder message, at one level: the (invoice, level) sent once."""

    __tablename__ = "reminder"
    __table_args__ = (Index("ix_reminder_document_level", "document_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="SET NULL"), nullable=True, index=True
    )
    level: Mapped[int] = mapped_column(Integer)  # ReminderLevel.position when prepared
    level_name: Mapped[str] = mapped_column(String(120), default="")
    amount_due: Mapped[Decimal] = mapped_column(Money)  # what it asked for
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Recurrence(Base):
    """An invoice made again every period from a model invoice (0011)."""

    __tablename__ = "recurrence"

    id: Mapped[int] = mapped_column(primary_key=True)
    model_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    frequency: Mapped[str] = mapped_column(String(10))  # monthly, quarterly, yearly
    day: Mapped[int] = mapped_column(Integer)  # day of the month (past its end: the last)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # "draft": a draft to check; "send": validated and held in the outbox for the next batch
    mode: Mapped[str] = mapped_column(String(10), default="draft")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class RecurrenceRun(Base):
    """One period of a recurrence, made once: the unique key is the guarantee, even with
    two workstations running it at the same moment."""

    __tablename__ = "recurrence_run"
    __table_args__ = (UniqueConstraint("recurrence_id", "period", name="uq_recurrence_run_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recurrence_id: Mapped[int] = mapped_column(
        ForeignKey("recurrence.id", ondelete="CASCADE"), index=True
    )
    period: Mapped[date] = mapped_column(Date)  # the issue date of that period's invoice
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CatalogItem(Base):
    """A reusable product or service to pick document lines from."""

    __tablename__ = "catalog_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(20), default="")
    unit_price: Mapped[Decimal] = mapped_column(Quantity)
    vat_rate: Mapped[Decimal] = mapped_column(Rate)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class ChangeCounter(Base):
    """One row whose value every committed change of documents, clients or the outbox
    raises by one (app/db/changes.py): other processes poll it by primary key to see
    that something changed, instead of scanning the document table."""

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class KindAttachment(Base):
    """A file added to every e-mail of a document kind (e.g. the general terms of sale)."""

    __tablename__ = "kind_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # DocumentKind
    position: Mapped[int] = mapped_column(Integer, default=0)
    filename: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxDocument(Base):
    """The documents one e-mail carries when several of a client's go together (0013);
    ``OutboxMessage.document_id`` is the first of them. Each keeps its own history row."""

    __tablename__ = "outbox_document"

    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


def declare_postgresql_options() -> None:
    """Each partial index's condition for PostgreSQL too (its migration makes it there as
    on SQLite). Declared when a PostgreSQL database is opened rather than above: naming
    ``postgresql_where`` in a model imports SQLAlchemy's PostgreSQL dialect, 0.04 s at every
    start on SQLite."""
    for table in Base.metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_options["sqlite"]["where"]
            if where is not None:
                index.dialect_options["postgresql"]["where"] = where
