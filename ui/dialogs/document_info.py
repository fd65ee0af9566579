"""A document's Information dialog: its key facts and every time it was e-mailed; for an
invoice also its payment reminders (a table of their own: a reminder is not a send of the
invoice) and the payments received."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core_text import is_french
from app.domain import facturx_codes as fx
from app.domain.formatting import format_amount
from app.domain.invoice_roles import DEPOSIT
from app.domain.kinds import kind_spec
from app.domain.outbox import HoldReason, OutboxState, Recipient
from app.domain.platform import Channel, Lifecycle
from app.domain.smtp_replies import explain, parse_reply, safe_text
from app.domain.status import DisplayStatus, status_label, status_of
from app.services.database import Database
from app.services.deposits import InvoiceChain, invoice_chain
from app.services.history import (
    DocumentFacts,
    DocumentInfo,
    ReminderEntry,
    SendEntry,
    SendResult,
    document_info,
)
from app.services.platform_history import PlatformEntry
from app.services.reminder_withdrawal import WITHDRAWN_DISPUTED, WITHDRAWN_PAID
from app.services.reports import EnvelopeState, platform_envelope
from ui.data_size import data_size_text
from ui.dialogs.settings_widgets import chain_tab_order
from ui.models.envelope import (
    TEXTS,
    addresses_text,
    date_text,
    datetime_text,
    envelope_icon,
    plain_tooltip,
)
from ui.platform_texts import PLATFORM_TEXTS
from ui.registry_text import kind_title
from ui.smtp_replies import refusal_text, reply_sentence, server_words

_RESULT_ICONS = {
    SendResult.SENT: EnvelopeState.SENT,
    SendResult.RETRY: EnvelopeState.WAITING,
    SendResult.FAILED: EnvelopeState.FAILED,
    SendResult.UNKNOWN: EnvelopeState.UNCERTAIN,
    SendResult.HELD: EnvelopeState.HELD,
}


class HistoryColumn(IntEnum):
    AT = 0
    RESULT = 1
    CHANNEL = 2  # e-mail or the approved platform
    TO = 3  # addresses, or the client's SIREN for the platform
    CC = 4
    BCC = 5
    DETAILS = 6  # each refused address and its reason, or why it failed, in words
    REPLY = 7  # the server's own reply, as plain text


class PlatformColumn(IntEnum):
    AT = 0
    STATUS = 1  # in words
    REASON = 2  # the buyer's or the platform's words


class ReminderColumn(IntEnum):
    LEVEL = 0  # "1 – Relance amiable"
    PREPARED = 1
    SENT = 2  # when it went, or where its message is, in words
    RECIPIENTS = 3
    AMOUNT = 4  # what it asked for


_REMINDER_ICONS = {
    OutboxState.SENT: EnvelopeState.SENT,
    OutboxState.QUEUED: EnvelopeState.WAITING,
    OutboxState.SENDING: EnvelopeState.WAITING,
    OutboxState.RETRY_WAIT: EnvelopeState.WAITING,
    OutboxState.HELD: EnvelopeState.HELD,
    OutboxState.FAILED: EnvelopeState.FAILED,
    OutboxState.UNKNOWN: EnvelopeState.UNCERTAIN,
}


MAX_ROWS = 8  # a table shows this many rows before it scrolls
ELLIPSIS_MIN_CHARS = 8  # a capped column is never narrower than this


class _MiddleElide(QStyledItemDelegate):
    """An address too long for its cell loses its middle, not its domain (the tooltip
    has it whole); several addresses stay on one line."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle  # type: ignore[attr-defined]


def fit_table(
    table: QTableWidget,
    *,
    short: tuple[int, ...],
    capped: dict[int, int],
    addresses: tuple[int, ...],
    stretch: int,
) -> None:
    """Columns as wide as their content: ``short`` ones always, ``capped`` ones up to so
    many characters (then elided, never wrapped mid-word), ``stretch`` takes the rest.
    Never narrower than their title. Height: the rows, up to MAX_ROWS."""
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    for column in addresses:
        table.setItemDelegateForColumn(column, _MiddleElide(table))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    table.resizeColumnsToContents()
    char = table.fontMetrics().averageCharWidth()
    for column, chars in capped.items():
        least = max(header.sectionSizeHint(column), char * ELLIPSIS_MIN_CHARS)
        table.setColumnWidth(column, max(least, min(table.columnWidth(column), char * chars)))
    for column in short:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()  # a line per refused address, no wrapped address
    rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), MAX_ROWS)))
    frame = 2 * table.frameWidth()
    scroll = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    height = header.sizeHint().height() + rows + frame + scroll  # room for a side scroll
    table.setMinimumHeight(height)
    if table.rowCount() <= MAX_ROWS:
        table.setMaximumHeight(height)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)


class DocumentInfoDialog(QDialog):
    HISTORY_COLUMNS = len(HistoryColumn)

    def __init__(self, db: Database, document_id: int, parent: QWidget | None = None) -> None:
        info = document_info(db, document_id)  # first: a missing document leaves no widget
        chain = invoice_chain(db, document_id)  # its deposit and final invoices
        super().__init__(parent)
        self.setObjectName("documentInfoDialog")
        self.info: DocumentInfo = info
        self.chain: InvoiceChain | None = chain
        facts = self.info.facts
        number = facts.number or self.tr("(draft)")
        self.setWindowTitle(self.tr("Information – {number}").format(number=number))

        title = QLabel(f"{kind_title(facts.kind)} {number}")
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        subtitle = QLabel(facts.client_name)
        subtitle.setTextFormat(Qt.TextFormat.PlainText)  # a client's name is never HTML
        subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        facts_box = QWidget()
        facts_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        facts_row = QHBoxLayout(facts_box)
        facts_row.setContentsMargins(0, 0, 0, 0)
        facts_row.setSpacing(0)
        facts_row.addLayout(self._form(self._document_facts(facts)))
        facts_row.addSpacing(40)
        facts_row.addLayout(self._form(self._money_facts(facts)))
        facts_row.addStretch(1)

        history_box = QGroupBox(self.tr("Send history"))
        history_layout = QVBoxLayout(history_box)
        self.history_table = self._history_table(self.info.history)
        history_layout.addWidget(self.history_table)
        self.empty_label = QLabel(self.tr("No send attempt yet."))
        self.empty_label.setObjectName("sendHistoryEmpty")
        self.empty_label.setVisible(not self.info.history)
        self.history_table.setVisible(bool(self.info.history))
        history_layout.addWidget(self.empty_label)

        platform_box: QGroupBox | None = None
        if self.info.platform:  # only for an invoice deposited on the platform
            platform_box = QGroupBox(self.tr("Statuses on the e-invoicing platform"))
            platform_layout = QVBoxLayout(platform_box)
            self.platform_table = self._platform_table(self.info.platform)
            platform_layout.addWidget(self.platform_table)

        reminders_box: QGroupBox | None = None
        if kind_spec(facts.kind).payable:
            reminders_box = QGroupBox(self.tr("Payment reminders"))
            reminders_layout = QVBoxLayout(reminders_box)
            self.reminder_table = self._reminder_table(self.info.reminders)
            reminders_layout.addWidget(self.reminder_table)
            self.reminders_empty = QLabel(self.tr("No reminder for this invoice."))
            self.reminders_empty.setObjectName("reminderHistoryEmpty")
            self.reminders_empty.setVisible(not self.info.reminders)
            self.reminder_table.setVisible(bool(self.info.reminders))
            reminders_layout.addWidget(self.reminders_empty)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("documentInfoCloseButton")
        self.close_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addWidget(facts_box)
        layout.addSpacing(8)
        # A table as tall as its rows (up to a few): the boxes never show empty space;
        # what the window has to spare goes below them.
        boxes = [(platform_box, getattr(self, "platform_table", None))]
        boxes += [(history_box, self.history_table)]
        boxes += [(reminders_box, getattr(self, "reminder_table", None))]
        for box, table in boxes:
            if box is None:
                continue
            grows = table is not None and table.isVisibleTo(box) and table.rowCount() > MAX_ROWS
            box.setSizePolicy(
                QSizePolicy.Policy.Preferred,
                QSizePolicy.Policy.Expanding if grows else QSizePolicy.Policy.Maximum,
            )
            layout.addWidget(box, 1 if grows else 0)
        layout.addStretch(0)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry().width() if self.screen() else 1100
        self.resize(self.fitting_width(screen), self.sizeHint().height())
        chain_tab_order(self.tab_order())
        self.close_button.setFocus()  # once in the dialog: Close has the focus first

    def tab_order(self) -> list[QWidget]:
        """The focus order: the tables from top to bottom (an empty one is hidden, so Tab
        passes it), then Close."""
        tables: list[QTableWidget | None] = [
            getattr(self, "platform_table", None),
            self.history_table,
            getattr(self, "reminder_table", None),
        ]
        return [*(t for t in tables if t is not None), self.close_button]

    def fitting_width(self, screen: int) -> int:
        """Wide enough for the tables' columns (the stretching one gets some room too),
        at least 1100 px, never wider than the ``screen`` width."""
        tables = [self.history_table]
        tables += [t for t in (getattr(self, "platform_table", None),) if t is not None]
        tables += [t for t in (getattr(self, "reminder_table", None),) if t is not None]
        columns = max(sum(t.columnWidth(c) for c in range(t.columnCount())) for t in tables)
        return min(max(1100, columns + 80), screen - 40)

    # --- facts --------------------------------------------------------------------------

    def _form(self, rows: list[tuple[str, str]]) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        for label, value in rows:
            field = QLabel(value)
            field.setTextFormat(Qt.TextFormat.PlainText)  # the e-mail state quotes a server
            if len(value) > 40:  # the e-mail state: wraps instead of widening the dialog
                field.setWordWrap(True)
                field.setMinimumWidth(320)  # a 800 px screen keeps the dialog whole
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
        return form

    def _document_facts(self, facts: DocumentFacts) -> list[tuple[str, str]]:
        rows = [
            (self.tr("Kind:"), kind_title(facts.kind)),
            (self.tr("Number:"), facts.number or self.tr("(draft)")),
            (self.tr("Status:"), self._status(facts)),
            (self.tr("Client:"), facts.client_name),
            (self.tr("Date:"), date_text(facts.issue_date)),
        ]
        optional: list[tuple[str, date | None]] = [
            (self.tr("Due date:"), facts.due_date),
            (self.tr("Valid until:"), facts.validity_date),
            (self.tr("Delivery date:"), facts.delivery_date),
        ]
        rows += [(label, date_text(value)) for label, value in optional if value is not None]
        if facts.validated_at is not None:
            rows.append((self.tr("Validated on:"), datetime_text(facts.validated_at)))
        if self.chain is not None:
            rows.append((self.tr("Invoicing:"), "\n".join(self.chain_lines(self.chain))))
        return rows

    def chain_lines(self, chain: InvoiceChain) -> list[str]:
        """The quote's or order's deposit invoices and final invoice, one a line."""
        lines = [f"{kind_title(chain.source_kind)} {chain.source_number or ''}".strip()]
        for one in (*chain.deposits, *((chain.final,) if chain.final else ())):
            what = self.tr("Deposit") if one.role == DEPOSIT else self.tr("Final invoice")
            number = one.number or self.tr("(draft)")
            lines.append(f"{what} {number} · {format_amount(one.total_incl)}")
        return lines

    def _money_facts(self, facts: DocumentFacts) -> list[tuple[str, str]]:
        rows = [
            (self.tr("Total excl. VAT:"), format_amount(facts.total_excl)),
            (self.tr("VAT:"), format_amount(facts.total_vat)),
            (self.tr("Total incl. VAT:"), format_amount(facts.total_incl)),
        ]
        spec = kind_spec(facts.kind)
        if spec.payable:
            paid = date_text(facts.paid_on) if facts.paid_on else self.tr("Not yet")
            rows.append((self.tr("Paid on:"), paid))
            if self.info.payments:
                lines = [
                    self.tr("{date} · {amount} · {method}")
                    .format(
                        date=date_text(p.paid_on), amount=format_amount(p.amount), method=p.method
                    )
                    .removesuffix(" · ")
                    for p in self.info.payments
                ]
                rows.append((self.tr("Payments received:"), "\n".join(lines)))
        if facts.pdf_size is not None:
            size = data_size_text(facts.pdf_size)
            pdf = self.tr("Yes ({size})").format(size=size)
        else:
            pdf = self.tr("No")
        rows.append((self.tr("Archived PDF:"), pdf))
        if spec.legal_invoice and facts.pdf_size:
            rows.append((self.tr("Factur-X:"), self.facturx_text(facts)))
        platform = facts.platform
        if platform is not None:
            rows.append((self.tr("Platform:"), "\n".join(TEXTS.platform_lines(platform))))
        if platform is None or facts.pending is not None:
            rows.append((self.tr("E-mail:"), self._mail_state(facts)))
        return rows

    def facturx_text(self, facts: DocumentFacts) -> str:
        """Which Factur-X profile the archived PDF carries, and why not EN 16931."""
        profile, reasons = facts.facturx_profile, facts.facturx_reasons
        shown = [r for r in reasons if r != fx.GENERATION_FAILED]
        if not profile and any(r not in fx.DOWNGRADES for r in shown):
            shown = [r for r in shown if r not in fx.DOWNGRADES]  # not why it is plain
        separator = self.tr("; ", "between two reasons")
        because = separator.join(self.reason_text(r) for r in shown)
        if profile == fx.EN16931:
            return self.tr("Yes, profile EN 16931 (the complete structured invoice).")
        if profile == fx.BASIC_WL:
            text = self.tr(
                "Yes, profile BASIC WL rather than EN 16931: the structured invoice has the "
                "totals and VAT but not the lines, because {reasons}."
            )
            return text.format(reasons=because) if because else self.tr("Yes, profile BASIC WL.")
        if profile == fx.BASIC:
            text = self.tr("Yes, profile BASIC rather than EN 16931, because {reasons}.")
            return text.format(reasons=because) if because else self.tr("Yes, profile BASIC.")
        if profile:  # a profile a newer version may write
            name = fx.PROFILE_NAMES.get(profile, profile.upper())
            return self.tr("Yes, profile {profile}.").format(profile=name)
        if fx.FACTURX_DISABLED in reasons:
            return self.tr("No: Factur-X was turned off in the settings when the PDF was made.")
        if fx.GENERATION_FAILED in reasons:
            return self.tr("No: the Factur-X file could not be made (see the log); plain PDF.")
        if because:
            return self.tr("No, a plain PDF, because {reasons}.").format(reasons=because)
        return self.tr("No, a plain PDF.")

    def reason_text(self, reason: str) -> str:
        texts = {
            fx.SELLER_VAT_MISSING: self.tr("your company has no VAT number"),
            fx.UNNAMED_LINE: self.tr("a line has no description"),
            fx.NO_LINES: self.tr("the document has no lines"),
            fx.SELLER_NAME_MISSING: self.tr("your company has no name"),
            fx.BUYER_NAME_MISSING: self.tr("the client has no name"),
            fx.SELLER_COUNTRY_UNKNOWN: self.tr("your company's country is not recognised"),
            fx.BUYER_COUNTRY_UNKNOWN: self.tr("the client's country is not recognised"),
            fx.SELLER_ID_MISSING: self.tr("your company has neither a SIREN nor a VAT number"),
            fx.FACTURX_DISABLED: self.tr("Factur-X was turned off in the settings"),
        }
        return texts.get(reason, reason)  # a code a newer version may write: as it is

    def _status(self, facts: DocumentFacts) -> str:
        """The report's status text (one definition, agreeing with the kind); a document
        the platform carries and nothing settled yet says so instead."""
        shown = status_of(facts, date.today())
        if facts.platform is not None and shown in (DisplayStatus.VALIDATED, DisplayStatus.EMAILED):
            if facts.platform.code == Lifecycle.REJECTED:
                return self.tr("Rejected by the platform")
            return self.tr("Sent through the platform")
        return status_label(shown, facts.kind, is_french())

    def _mail_state(self, facts: DocumentFacts) -> str:
        lines: list[str] = []
        pending = facts.pending
        if pending is not None:
            lines += TEXTS.pending_lines(pending, facts.sent_at)
        if facts.sent_at is not None and (pending is None or pending.state != OutboxState.SENT):
            lines.append(TEXTS.last_sent(facts.sent_at, facts.sent_to))
        if not lines:
            lines.append(TEXTS.state_name(EnvelopeState.NONE))
        return "\n".join(lines)

    # --- history ------------------------------------------------------------------------

    def _history_table(self, history: tuple[SendEntry, ...]) -> QTableWidget:
        table = QTableWidget(len(history), self.HISTORY_COLUMNS)
        table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        table.setObjectName("sendHistoryTable")
        table.setAccessibleName(self.tr("Send history"))
        headers = {
            HistoryColumn.AT: self.tr("Date and time"),
            HistoryColumn.RESULT: self.tr("Result"),
            HistoryColumn.CHANNEL: self.tr("Channel"),
            HistoryColumn.TO: self.tr("To"),
            HistoryColumn.CC: self.tr("Cc"),
            HistoryColumn.BCC: self.tr("Bcc"),
            HistoryColumn.DETAILS: self.tr("Reason"),
            HistoryColumn.REPLY: self.tr("Server reply"),
        }
        table.setHorizontalHeaderLabels([headers[c] for c in HistoryColumn])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.verticalHeader().setVisible(False)
        for row, entry in enumerate(history):
            self._history_row(table, row, entry)
        fit_table(
            table,
            short=(HistoryColumn.AT, HistoryColumn.RESULT, HistoryColumn.CHANNEL),
            capped={
                HistoryColumn.TO: 34,
                HistoryColumn.CC: 28,
                HistoryColumn.BCC: 28,
                HistoryColumn.DETAILS: 40,
            },
            addresses=(HistoryColumn.TO, HistoryColumn.CC, HistoryColumn.BCC),
            stretch=HistoryColumn.REPLY,
        )
        table.setCurrentIndex(QModelIndex())  # no cell looks picked before the user picks one
        return table

    def _history_row(self, table: QTableWidget, row: int, entry: SendEntry) -> None:
        about = [
            self.tr("Subject: {subject}").format(subject=entry.subject),
            self.tr("Message-ID: {id}").format(id=entry.message_id),
        ]
        platform = entry.channel == Channel.PLATFORM
        if platform:  # the platform's answer ("flow …", "422 …") is not an SMTP reply
            reply = safe_text(entry.server_reply) if entry.result != SendResult.SENT else ""
            details = []
            to = self.tr("SIREN {siren}").format(siren=entry.to_addrs) if entry.to_addrs else ""
        else:
            # What the server's answer means, in the window's language; its own words (often
            # English) stay in the tooltip, as the detail.
            words = server_words(entry.server_reply) if parse_reply(entry.server_reply).code else ""
            reply = explain(entry.server_reply, is_french()) if words else ""
            if words and words != reply:
                about.append(self.tr("The server's own words: {reply}").format(reply=words))
            details = self.details_lines(entry)
            to = addresses_text(entry.to_addrs)
        refused = entry.client_refusals
        cells = {
            HistoryColumn.AT: datetime_text(entry.at),
            HistoryColumn.RESULT: (
                self.tr("Deposited")
                if platform and entry.result == SendResult.SENT
                else self.result_text(entry.result, len(refused))
            ),
            HistoryColumn.CHANNEL: self.channel_text(entry.channel),
            HistoryColumn.TO: to,
            HistoryColumn.CC: addresses_text(entry.cc_addrs),
            HistoryColumn.BCC: addresses_text(entry.bcc_addrs),
            HistoryColumn.DETAILS: "\n".join(details),
            HistoryColumn.REPLY: reply,
        }
        labels = {
            HistoryColumn.TO: self.tr("To:"),
            HistoryColumn.CC: self.tr("Cc:"),
            HistoryColumn.BCC: self.tr("Bcc:"),
            HistoryColumn.DETAILS: self.tr("Reason:"),
            HistoryColumn.REPLY: self.tr("Server reply:"),
        }
        for column, text in cells.items():
            item = QTableWidgetItem(text)
            # The first line of a tooltip is ours: Qt never takes a server's words for HTML.
            label = labels.get(column)
            lines = [label, text, "", *about] if label and text else about
            item.setToolTip(plain_tooltip(lines))
            if column == HistoryColumn.AT:
                item.setData(Qt.ItemDataRole.UserRole, entry.at.isoformat())
            table.setItem(row, column, item)
        state = _RESULT_ICONS.get(SendResult(entry.result)) if _known(entry.result) else None
        if state == EnvelopeState.SENT and refused:
            state = EnvelopeState.REFUSALS
        if state == EnvelopeState.SENT and platform:
            state = EnvelopeState.PLATFORM
        result_icon = envelope_icon(state) if state else None
        if result_icon is not None:
            result_item = table.item(row, HistoryColumn.RESULT)
            assert result_item is not None
            result_item.setIcon(result_icon)

    def channel_text(self, channel: str) -> str:
        if channel == Channel.PLATFORM:
            return self.tr("Platform")
        if channel == Channel.EMAIL:
            return self.tr("E-mail")
        return channel  # a newer version's channel

    # --- platform statuses --------------------------------------------------------------

    def _platform_table(self, entries: tuple[PlatformEntry, ...]) -> QTableWidget:
        table = QTableWidget(len(entries), len(PlatformColumn))
        table.setTabKeyNavigation(False)
        table.setObjectName("platformHistoryTable")
        table.setAccessibleName(self.tr("Statuses on the e-invoicing platform"))
        headers = {
            PlatformColumn.AT: self.tr("Date and time"),
            PlatformColumn.STATUS: self.tr("Status"),
            PlatformColumn.REASON: self.tr("Reason"),
        }
        table.setHorizontalHeaderLabels([headers[c] for c in PlatformColumn])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.verticalHeader().setVisible(False)
        for row, entry in enumerate(entries):
            cells = {
                PlatformColumn.AT: datetime_text(entry.at),
                PlatformColumn.STATUS: PLATFORM_TEXTS.status_name(entry.code),
                # Foreign words: one line, shown as plain text (items never render HTML).
                PlatformColumn.REASON: safe_text(entry.reason) if entry.reason else "",
            }
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                if column == PlatformColumn.AT:
                    item.setData(Qt.ItemDataRole.UserRole, entry.at.isoformat())
                if column == PlatformColumn.STATUS:
                    item.setData(Qt.ItemDataRole.UserRole, entry.code)
                    item.setIcon(envelope_icon(platform_envelope(entry.code)) or QIcon())
                if column == PlatformColumn.REASON and text:
                    item.setToolTip(plain_tooltip([self.tr("Reason:"), text]))
                table.setItem(row, column, item)
        fit_table(
            table,
            short=(PlatformColumn.AT, PlatformColumn.STATUS),
            capped={},
            addresses=(),
            stretch=PlatformColumn.REASON,
        )
        table.setCurrentIndex(QModelIndex())
        return table

    # --- reminders ----------------------------------------------------------------------

    def _reminder_table(self, reminders: tuple[ReminderEntry, ...]) -> QTableWidget:
        table = QTableWidget(len(reminders), len(ReminderColumn))
        table.setTabKeyNavigation(False)
        table.setObjectName("reminderHistoryTable")
        table.setAccessibleName(self.tr("Payment reminders"))
        headers = {
            ReminderColumn.LEVEL: self.tr("Level"),
            ReminderColumn.PREPARED: self.tr("Prepared on"),
            ReminderColumn.SENT: self.tr("Sent on"),
            ReminderColumn.RECIPIENTS: self.tr("Recipients"),
            ReminderColumn.AMOUNT: self.tr("Amount asked"),
        }
        table.setHorizontalHeaderLabels([headers[c] for c in ReminderColumn])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.verticalHeader().setVisible(False)
        for row, entry in enumerate(reminders):
            self._reminder_row(table, row, entry)
        fit_table(
            table,
            short=(ReminderColumn.LEVEL, ReminderColumn.PREPARED, ReminderColumn.AMOUNT),
            capped={ReminderColumn.SENT: 48},
            addresses=(ReminderColumn.RECIPIENTS,),
            stretch=ReminderColumn.RECIPIENTS,
        )
        table.setCurrentIndex(QModelIndex())
        return table

    def _reminder_row(self, table: QTableWidget, row: int, entry: ReminderEntry) -> None:
        level = str(entry.level)
        if entry.level_name:
            level = self.tr("{level} – {name}").format(level=entry.level, name=entry.level_name)
        recipients = addresses_text(entry.to_addrs)
        if entry.cc_addrs:
            recipients += "\n" + self.tr("Cc: {addresses}").format(
                addresses=addresses_text(entry.cc_addrs)
            )
        cells = {
            ReminderColumn.LEVEL: level,
            ReminderColumn.PREPARED: datetime_text(entry.prepared_at),
            ReminderColumn.SENT: self.reminder_state_text(entry),
            ReminderColumn.RECIPIENTS: recipients,
            ReminderColumn.AMOUNT: format_amount(entry.amount_due),
        }
        for column, text in cells.items():
            item = QTableWidgetItem(text)
            item.setToolTip(plain_tooltip(text.split("\n")))
            if column == ReminderColumn.AMOUNT:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
        state = _REMINDER_ICONS.get(entry.state) if entry.state is not None else None
        if entry.sent_at is not None:
            state = EnvelopeState.SENT
        result_icon = envelope_icon(state) if state else None
        sent_item = table.item(row, ReminderColumn.SENT)
        if result_icon is not None and sent_item is not None:
            sent_item.setIcon(result_icon)

    def reminder_state_text(self, entry: ReminderEntry) -> str:
        """When the reminder went, or where its message is, in words."""
        if entry.sent_at is not None:
            return datetime_text(entry.sent_at)
        state = entry.state
        if state is None:
            return self.tr("Not sent (message deleted)")
        if state == OutboxState.CANCELLED:
            if entry.last_error == WITHDRAWN_PAID:
                return self.tr("Cancelled: the invoice was paid")
            if entry.last_error == WITHDRAWN_DISPUTED:
                return self.tr("Cancelled: the invoice is disputed")
            return self.tr("Cancelled before it left")
        if state == OutboxState.HELD:
            if entry.hold_reason == HoldReason.LATER:
                return self.tr("Paused: prepared to be sent later")
            return self.tr("Paused in the outbox")
        if state in (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.RETRY_WAIT):
            return self.tr("Waiting in the outbox")
        if state == OutboxState.FAILED:
            why = reply_sentence(entry.last_reply) if entry.last_reply else ""
            if why:
                return self.tr("Refused by the server: {reason}").format(reason=why)
            return self.tr("Refused by the server")
        if state == OutboxState.UNKNOWN:
            return self.tr("Uncertain: the connection was lost, it may have arrived")
        return self.tr("Sent, date unknown")

    def details_lines(self, entry: SendEntry) -> list[str]:
        """Each refused address with its reason in words; else why the attempt did not
        deliver (the reply explained, never the server's own words)."""
        lines = [self.refusal_line(r) for r in entry.refusals]
        if lines or not _known(entry.result):
            return lines
        result = SendResult(entry.result)
        if result == SendResult.UNKNOWN:
            return [
                self.tr(
                    "The connection was lost after the message was handed over: "
                    "it may have arrived."
                )
            ]
        if result in (SendResult.FAILED, SendResult.RETRY):
            return [reply_sentence(entry.server_reply)]
        return []

    def refusal_line(self, recipient: Recipient) -> str:
        text = refusal_text(recipient)
        if recipient.client:
            return text
        return self.tr("{refusal} (your copy)").format(refusal=text)

    def result_text(self, result: str, refused: int = 0) -> str:
        """The outcome in a word or two; ``refused``: the client's addresses refused."""
        if not _known(result):
            return result
        if result == SendResult.SENT and refused == 1:
            return self.tr("Sent, address refused")
        if result == SendResult.SENT and refused > 1:
            return self.tr("Sent, {count} addresses refused").format(count=refused)
        names = {
            SendResult.SENT: self.tr("Delivered"),
            SendResult.RETRY: self.tr("New attempt planned"),
            SendResult.FAILED: self.tr("Refused"),
            SendResult.UNKNOWN: self.tr("Uncertain"),
            SendResult.HELD: self.tr("On hold"),
        }
        return names[SendResult(result)]


def _known(result: str) -> bool:
    return result in {r.value for r in SendResult}
