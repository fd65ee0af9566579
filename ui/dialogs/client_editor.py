"""The client editor (``clientEditorDialog``): type (business or private person), identity,
billing and default delivery addresses, contact rows, notes.

A business has a SIREN, SIRET, VAT number and electronic address (``eAddressEdit``, scheme
0225, the SIREN until another one is typed); these rows are hidden for a private person and
not saved for one. Each identifier's problem is shown under it as it is typed.

Values are checked as they are typed; a value that cannot be saved is marked and its reason
shown in the message bar. Nothing is written before Save, and Save is one transaction.
Closing with unsaved changes asks Save / Discard / Cancel (``ask_unsaved``, overridable).

``edit_client(parent, db, client_id)`` opens it modally from anywhere (the batch confirmation
dialog, a document's row) and tells whether the client can now receive documents by e-mail.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import ContactKind
from app.domain.reform import E_ADDRESS_SCHEME, ClientType, siren_of
from app.errors import FacturierError, NotFoundError, ValidationError
from app.services.clients import (
    ClientData,
    DirectoryStatus,
    client_can_receive_mail,
    client_problems,
    directory_status,
    get_client,
    save_client,
)
from app.services.database import Database
from ui.client_problems import kind_label, problem_text
from ui.dialogs.client_channel import DeliveryChannelBox
from ui.dialogs.reform_widgets import category_combo, category_of, set_category
from ui.dialogs.settings_widgets import chain_tab_order
from ui.dialogs.unsaved import ask_unsaved, confirm_discard
from ui.models.client_icons import error_icon
from ui.models.contact_table import ContactDelegate, ContactTableModel
from ui.scroll_area import vertical_scroll_area
from ui.tasks import Task, run_task

INVALID_STYLE = "QLineEdit, QPlainTextEdit { border: 2px solid #c62828; background: #fde7e7; }"
FIELDS = (
    "name",
    "siren",
    "siret",
    "vat_number",
    "e_address",
    "street",
    "postal_code",
    "city",
    "country",
    "delivery_street",
    "delivery_postal_code",
    "delivery_city",
    "delivery_country",
)
BUSINESS_ONLY = ("siren", "siret", "vat_number", "e_address")
MESSAGE_STYLE = "color: #8c1d18;"
HINT_STYLE = "color: palette(placeholder-text);"
_SEPARATORS = re.compile(r"[\s.\-/]")


class ClientEditorDialog(QDialog):
    saved = Signal(int)  # the client's id, once saved

    def __init__(
        self, db: Database, client_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("clientEditorDialog")
        self.setModal(True)
        # A new client is a business until said otherwise: a business taken for a private
        # person would print an invoice without the B2B mentions, unnoticed.
        self._original = (
            get_client(db, client_id)
            if client_id is not None
            else ClientData("", client_type=ClientType.BUSINESS)
        )
        self.client_id = client_id
        self._tried_to_save = False
        self._touched: set[str] = set()

        self.edits: dict[str, QLineEdit] = {}
        for name in FIELDS:
            edit = QLineEdit()
            first, *rest = name.split("_")
            edit.setObjectName(first + "".join(w.title() for w in rest) + "Edit")  # vatNumberEdit
            edit.setText(getattr(self._original, name))
            edit.textChanged.connect(lambda _text, n=name: self._field_edited(n))
            self.edits[name] = edit
        # Under each identifier: why it cannot be saved, as it is typed.
        self.messages: dict[str, QLabel] = {}
        for name in BUSINESS_ONLY:
            label = QLabel()
            label.setObjectName(self.edits[name].objectName().removesuffix("Edit") + "Message")
            label.setWordWrap(True)
            label.setStyleSheet(MESSAGE_STYLE)
            label.setVisible(False)
            self.messages[name] = label
        self.business_radio = QRadioButton(self.tr("Business"))
        self.business_radio.setObjectName("clientTypeBusiness")
        self.private_radio = QRadioButton(self.tr("Private person"))
        self.private_radio.setObjectName("clientTypePrivate")
        self.type_group = QButtonGroup(self)
        self.type_group.addButton(self.business_radio)
        self.type_group.addButton(self.private_radio)
        private = self._original.kind == ClientType.PRIVATE
        (self.private_radio if private else self.business_radio).setChecked(True)
        self.business_radio.toggled.connect(self._type_changed)
        self.e_address_scheme = QLabel(self.tr("scheme {scheme}").format(scheme=E_ADDRESS_SCHEME))
        self.e_address_scheme.setObjectName("eAddressScheme")
        self.e_address_scheme.setStyleSheet(HINT_STYLE)
        self.e_address_scheme.setToolTip(
            self.tr(
                "The address the e-invoicing directory routes invoices on (scheme 0225: "
                "based on the SIREN). It is the SIREN unless the client gave another one."
            )
        )
        self.edits["e_address"].setPlaceholderText(self.tr("the SIREN"))
        # The e-address follows the SIREN until the user types another one.
        self._e_address_follows = self._original.e_address in ("", self._typed_siren())
        self.edits["e_address"].textEdited.connect(self._e_address_edited)
        for name in ("siren", "siret", "vat_number"):
            self.edits[name].textEdited.connect(lambda _text: self._follow_siren())
        self.category = category_combo(self.tr("Company's default"))
        self.category.setObjectName("operationCategoryCombo")
        set_category(self.category, self._original.operation_category)
        self.category.currentIndexChanged.connect(lambda _i: self._refresh())
        # Invoices by e-mail or the platform; the directory's last answer is read apart.
        self.channel_box = DeliveryChannelBox(self._original.delivery_channel)
        self.channel_box.changed.connect(self._refresh)
        self.delivery_hint = QLabel(
            self.tr("Leave empty when the goods go to the billing address.")
        )
        self.delivery_hint.setObjectName("deliveryHint")
        self.delivery_hint.setStyleSheet(HINT_STYLE)
        self.delivery_hint.setWordWrap(True)
        self.edits["siren"].setPlaceholderText(self.tr("9 digits"))
        self.edits["siret"].setPlaceholderText(self.tr("14 digits"))
        self.edits["vat_number"].setPlaceholderText(self.tr("e.g. FR44732829320"))
        self.edits["postal_code"].setMaximumWidth(90)
        self.edits["delivery_postal_code"].setMaximumWidth(90)
        self.notes = QPlainTextEdit(self._original.notes)
        self.notes.setObjectName("notesEdit")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.notes.textChanged.connect(lambda: self._field_edited("notes"))

        self.contacts = ContactTableModel(self._original.contacts, self)
        self.delegate = ContactDelegate(self)
        self.contact_table = QTableView()
        # Tab leaves the table, the arrows move inside (while a cell is edited, Tab goes on
        # to the next cell: the delegate ends the edit with EditNextItem).
        self.contact_table.setTabKeyNavigation(False)
        self.contact_table.setObjectName("contactTable")
        self.contact_table.setModel(self.contacts)
        self.contact_table.setItemDelegate(self.delegate)
        self._setup_table()

        self.add_button = QPushButton(self.tr("Add a row"))
        self.add_button.setObjectName("addContactButton")
        self.add_button.setToolTip(
            self.tr("Add an e-Mail row (change its kind in the first column)")
        )
        self.remove_button = QPushButton(self.tr("Remove the row"))
        self.remove_button.setObjectName("removeContactButton")
        self.problem_icon = QLabel()
        self.problem_icon.setPixmap(error_icon().pixmap(18, 18))
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setWordWrap(True)
        self.problem_bar = QFrame()
        self.problem_bar.setObjectName("problemBar")
        self.problem_bar.setStyleSheet(
            "#problemBar { background: #fde7e7; border: 1px solid #f2b8b5; border-radius: 4px; }"
            "#problemLabel { color: #8c1d18; }"
        )
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("cancelButton")
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.activated.connect(self.save)
        self._layout(buttons)
        chain_tab_order(self.tab_order())

        self.add_button.clicked.connect(self.add_contact)
        self.remove_button.clicked.connect(self.remove_contacts)
        self.contacts.changed.connect(self._refresh)
        self.delegate.typing.connect(self._typing)
        selection = self.contact_table.selectionModel()
        selection.selectionChanged.connect(self._update_buttons)
        self.resize(860, 740)
        self._show_type()
        self._refresh()
        self._update_buttons()
        self._read_directory_status()

    def _read_directory_status(self) -> None:
        db, client_id = self.db, self.client_id
        self.status_task: Task[DirectoryStatus, None] = run_task(
            lambda _context: directory_status(db, client_id),
            on_success=self.channel_box.set_status,
            on_error=lambda _error: self.channel_box.set_status(None),
            parent=self,
        )

    # --- layout -------------------------------------------------------------------------

    def tab_order(self) -> list[QWidget]:
        """The fields in the order Tab visits them (hidden ones are skipped by Qt)."""
        e = self.edits
        return [
            self.business_radio,
            self.private_radio,
            e["name"],
            e["siren"],
            e["siret"],
            e["vat_number"],
            e["e_address"],
            self.category,
            self.channel_box.combo,
            e["street"],
            e["postal_code"],
            e["city"],
            e["country"],
            e["delivery_street"],
            e["delivery_postal_code"],
            e["delivery_city"],
            e["delivery_country"],
            self.contact_table,
            self.add_button,
            self.remove_button,
            self.notes,
            self.save_button,
            self.cancel_button,
        ]

    def _setup_table(self) -> None:
        table = self.contact_table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        table.setMinimumHeight(150)
        header = table.horizontalHeader()
        header.setSectionResizeMode(ContactTableModel.VALUE, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(ContactTableModel.KIND, 120)
        table.setColumnWidth(ContactTableModel.LABEL, 190)
        table.setColumnWidth(ContactTableModel.MAIL, 60)
        table.setColumnWidth(ContactTableModel.SEND_AS, 80)

    def _layout(self, buttons: QDialogButtonBox) -> None:
        e = self.edits
        identity = QGroupBox(self.tr("Client"))
        form = QFormLayout(identity)
        self.identity_form = form
        kinds = QHBoxLayout()
        kinds.addWidget(self.business_radio)
        kinds.addWidget(self.private_radio)
        kinds.addStretch(1)
        form.addRow(self.tr("Type"), kinds)
        form.addRow(self.tr("Name *"), e["name"])
        self.business_rows: list[QVBoxLayout] = []
        for name, label in (
            ("siren", self.tr("SIREN")),
            ("siret", self.tr("SIRET")),
            ("vat_number", self.tr("VAT number")),
        ):
            form.addRow(label, self._with_message(name))
        address_row = QHBoxLayout()
        address_row.addWidget(e["e_address"], 1)
        address_row.addWidget(self.e_address_scheme)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addLayout(address_row)
        column.addWidget(self.messages["e_address"])
        self.business_rows.append(column)
        form.addRow(self.tr("E-invoicing address"), column)
        form.addRow(self.tr("Operation category"), self.category)
        form.addRow(self.tr("Invoices sent by"), self.channel_box)

        address = QGroupBox(self.tr("Billing address"))
        form = QFormLayout(address)
        form.addRow(self.tr("Street"), e["street"])
        town = QHBoxLayout()
        town.addWidget(e["postal_code"])
        town.addWidget(e["city"], 1)
        form.addRow(self.tr("Postal code, city"), town)
        form.addRow(self.tr("Country"), e["country"])
        delivery = QGroupBox(self.tr("Default delivery address"))
        delivery.setObjectName("deliveryGroup")
        form = QFormLayout(delivery)
        form.addRow(self.delivery_hint)
        form.addRow(self.tr("Street"), e["delivery_street"])
        town = QHBoxLayout()
        town.addWidget(e["delivery_postal_code"])
        town.addWidget(e["delivery_city"], 1)
        form.addRow(self.tr("Postal code, city"), town)
        form.addRow(self.tr("Country"), e["delivery_country"])
        addresses = QVBoxLayout()
        addresses.addWidget(address)
        addresses.addWidget(delivery)
        top = QHBoxLayout()
        top.addWidget(identity, 1)
        top.addLayout(addresses, 1)

        contacts = QGroupBox(self.tr("Contacts"))
        box = QVBoxLayout(contacts)
        box.addWidget(self.contact_table)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        hint = QLabel(self.tr("Documents are e-mailed to the e-Mail rows with Mail ticked."))
        hint.setObjectName("mailHint")
        hint.setStyleSheet("color: palette(placeholder-text);")
        row.addWidget(hint)
        box.addLayout(row)

        notes = QGroupBox(self.tr("Notes"))
        QVBoxLayout(notes).addWidget(self.notes)

        bar = QHBoxLayout(self.problem_bar)
        bar.setContentsMargins(8, 6, 8, 6)
        bar.addWidget(self.problem_icon, 0, Qt.AlignmentFlag.AlignTop)
        bar.addWidget(self.problem_label, 1)

        # The fields scroll on a small screen (800×600); the problems and buttons stay.
        body = QWidget()
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        content.addLayout(top)
        content.addWidget(contacts, 1)
        content.addWidget(notes)
        layout = QVBoxLayout(self)
        layout.addWidget(vertical_scroll_area(body, "clientEditorScroll"), 1)
        layout.addWidget(self.problem_bar)
        layout.addWidget(buttons)

    # --- data ---------------------------------------------------------------------------

    def _with_message(self, name: str) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.edits[name])
        column.addWidget(self.messages[name])
        self.business_rows.append(column)
        return column

    def client_type(self) -> ClientType:
        return ClientType.PRIVATE if self.private_radio.isChecked() else ClientType.BUSINESS

    def current_data(self) -> ClientData:
        """What the dialog shows, as typed (not normalized)."""
        e = self.edits
        return ClientData(
            name=e["name"].text(),
            client_type=self.client_type(),
            e_address=e["e_address"].text(),
            operation_category=category_of(self.category),
            delivery_street=e["delivery_street"].text(),
            delivery_postal_code=e["delivery_postal_code"].text(),
            delivery_city=e["delivery_city"].text(),
            delivery_country=e["delivery_country"].text(),
            street=e["street"].text(),
            postal_code=e["postal_code"].text(),
            city=e["city"].text(),
            country=e["country"].text(),
            siren=e["siren"].text(),
            siret=e["siret"].text(),
            vat_number=e["vat_number"].text(),
            notes=self.notes.toPlainText(),
            contacts=self.contacts.contacts(),
            delivery_channel=self.channel_box.choice(),
            id=self._original.id,
            updated_at=self._original.updated_at,
        )

    def is_dirty(self) -> bool:
        original = self._original
        return self.current_data() != replace(original, client_type=original.kind)

    # --- the client's type and its electronic address -----------------------------------

    def _type_changed(self) -> None:
        self._show_type()
        self._refresh()

    def _show_type(self) -> None:
        """The business-only rows are hidden for a private person."""
        business = self.client_type() == ClientType.BUSINESS
        for row in self.business_rows:
            self.identity_form.setRowVisible(row, business)

    def _typed_siren(self) -> str:
        e = self.edits
        return siren_of(
            _SEPARATORS.sub("", e["siren"].text()),
            _SEPARATORS.sub("", e["siret"].text()),
            _SEPARATORS.sub("", e["vat_number"].text()).upper(),
        )

    def _follow_siren(self) -> None:
        if self._e_address_follows:
            self.edits["e_address"].setText(self._typed_siren())

    def _e_address_edited(self, text: str) -> None:
        self._e_address_follows = text.strip() in ("", self._typed_siren())

    def can_receive_mail(self) -> bool:
        return bool(self.current_data().mailing_addresses)

    # --- checking as typed --------------------------------------------------------------

    def _field_edited(self, name: str) -> None:
        self._touched.add(name)
        self._refresh()

    def _field_problems(self) -> dict[str, ValidationError]:
        """Problems of the fields (not the contact rows) worth showing now."""
        data = self.current_data()
        found: dict[str, ValidationError] = {}
        for problem in client_problems(data):
            name = str(problem.data.get("field", ""))
            if "row" in problem.data or name in found:
                continue
            if problem.code == "client.required" and not (
                self._tried_to_save or name in self._touched
            ):
                continue
            found[name] = problem
        return found

    def _refresh(self) -> None:
        data = self.current_data()
        self.setWindowTitle(
            self.tr("Client: {name}").format(name=data.name.strip())
            if data.name.strip()
            else self.tr("New client")
        )
        fields = self._field_problems()
        for name, edit in self.edits.items():
            problem = fields.get(name)
            edit.setStyleSheet(INVALID_STYLE if problem else "")
            edit.setToolTip(problem_text(problem) if problem else "")
        for name, label in self.messages.items():
            problem = fields.get(name)
            label.setText(problem_text(problem) if problem else "")
            label.setVisible(problem is not None)
        notes_problem = fields.get("notes")
        self.notes.setStyleSheet(INVALID_STYLE if notes_problem else "")
        self.notes.setToolTip(problem_text(notes_problem) if notes_problem else "")
        self.channel_box.follow(data.kind, data.country, self._typed_siren())
        self._show_problem(self._first_message(fields))

    def _first_message(self, fields: dict[str, ValidationError]) -> str:
        messages = [problem_text(p) for p in fields.values()]
        for row, problem in self.contacts.problems():
            if self.contacts.is_fresh(row) and not self._tried_to_save:
                continue
            messages.append(self._row_text(row, problem_text(problem)))
        if not messages:
            return ""
        if len(messages) == 1:
            return messages[0]
        more = self.tr("(and %n other problem(s))", "", len(messages) - 1)
        return f"{messages[0]} {more}"

    def _row_text(self, row: int, message: str) -> str:
        kind = ContactKind(str(self.contacts.index(row, 0).data(Qt.ItemDataRole.EditRole)))
        return self.tr("Contacts, row {row} ({kind}): {problem}").format(
            row=row + 1, kind=kind_label(kind), problem=message
        )

    def _typing(self, row: int, message: str) -> None:
        if message:
            self._show_problem(self._row_text(row, message))
        else:
            self._refresh()

    def _show_problem(self, message: str) -> None:
        self.problem_label.setText(message)
        self.problem_bar.setVisible(bool(message))

    def problem_message(self) -> str:
        """The message bar's text ("" when it is hidden)."""
        return self.problem_label.text() if not self.problem_bar.isHidden() else ""

    # --- contact rows -------------------------------------------------------------------

    def add_contact(self) -> None:
        row = self.contacts.add_row(ContactKind.EMAIL)
        index = self.contacts.index(row, ContactTableModel.VALUE)
        self.contact_table.setCurrentIndex(index)
        self.contact_table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.contact_table.setFocus()
        self.contact_table.edit(index)

    def remove_contacts(self) -> None:
        self.delegate.commit_open_editors()
        rows = [i.row() for i in self.contact_table.selectionModel().selectedRows()]
        if not rows and self.contact_table.currentIndex().isValid():
            rows = [self.contact_table.currentIndex().row()]
        self.contacts.remove_rows(rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_rows = self.contacts.rowCount() > 0
        selected = self.contact_table.selectionModel().hasSelection()
        self.remove_button.setEnabled(has_rows and selected)

    # --- saving and closing -------------------------------------------------------------

    def save(self) -> bool:
        """Check everything, then write in one transaction; False (nothing written) when a
        value is invalid or the database refuses."""
        self.delegate.commit_open_editors()
        self._tried_to_save = True
        self.contacts.reveal_problems()
        self._refresh()
        fields = self._field_problems()
        rows = self.contacts.problems()
        if fields or rows:
            self._focus_problem(fields, rows)
            return False
        try:
            client_id = save_client(self.db, self.current_data())
        except ValidationError as error:
            self._show_problem(problem_text(error))
            return False
        except FacturierError as error:
            self._show_problem(problem_text(error))
            return False
        self.client_id = client_id
        self._original = get_client(self.db, client_id)
        self.saved.emit(client_id)
        self.accept()
        return True

    def _focus_problem(
        self, fields: dict[str, ValidationError], rows: list[tuple[int, ValidationError]]
    ) -> None:
        for name in FIELDS:
            if name in fields:
                self.edits[name].setFocus()
                return
        if "notes" in fields:
            self.notes.setFocus()
            return
        row = rows[0][0]
        index = self.contacts.index(row, self.contacts.problem_column(row))
        self.contact_table.setCurrentIndex(index)
        self.contact_table.setFocus()

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel: what to do with unsaved changes (overridable in tests)."""
        name = self.current_data().name.strip() or self.tr("this new client")
        return ask_unsaved(self, self.tr("Save the changes to {name}?").format(name=name))

    def reject(self) -> None:
        """Cancel, Escape or the window's close button: ask first when something changed."""
        self.delegate.commit_open_editors()
        if confirm_discard(self.is_dirty(), self.ask_unsaved, self.save):
            super().reject()


def open_client_editor(
    parent: QWidget | None, db: Database, client_id: int | None = None
) -> int | None:
    """Open the editor modally (a new client when ``client_id`` is None); the saved client's
    id, or None when nothing was saved."""
    try:
        dialog = ClientEditorDialog(db, client_id, parent)
    except NotFoundError as error:
        title = QCoreApplication.translate("ClientEditorDialog", "Client")
        QMessageBox.warning(parent, title, problem_text(error))
        return None
    saved: list[int] = []
    dialog.saved.connect(saved.append)
    dialog.exec()
    dialog.deleteLater()
    return saved[-1] if saved else None


def edit_client(parent: QWidget | None, db: Database, client_id: int) -> bool:
    """Open the client's record modally; True when, once closed, the client can receive
    documents by e-mail (at least one e-Mail row with Mail ticked)."""
    open_client_editor(parent, db, client_id)
    try:
        return client_can_receive_mail(db, client_id)
    except FacturierError:
        return False
