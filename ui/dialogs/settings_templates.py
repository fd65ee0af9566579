"""Settings page: the e-mail templates, one per document kind, with a live preview.

The subject and body are edited as typed; placeholder buttons insert ``{numero}`` and the
others at the cursor of the last edited field; the preview renders them with sample values
(``render_template``) and, when they cannot be rendered, shows why and highlights the
offending placeholders. Nothing is stored before the dialog's Save, except the files
attached to every e-mail of a kind (ui/dialogs/kind_attachments.py), stored at once.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core_text import is_french
from app.domain.kinds import DocumentKind, registered_kinds
from app.domain.numbering import format_number
from app.domain.template_placeholders import (
    DOCUMENT_PLACEHOLDERS,
    SAMPLE_SEQUENCE,
    Placeholder,
    TemplateValues,
    sample_values,
)
from app.domain.templates import (
    DEFAULT_TEMPLATES,
    EmailTemplate,
    render_template,
    validate_template,
)
from app.errors import FacturierError
from app.services.database import Database
from app.services.settings import SUBJECT_LIMIT, Company
from ui.dialogs.kind_attachments import KindAttachmentsBox
from ui.dialogs.settings_texts import template_problem_text
from ui.dialogs.settings_widgets import MessageLine, SettingsPage, chain_tab_order, hint, mark
from ui.icons import kind_icon
from ui.models.client_icons import error_icon
from ui.registry_text import kind_title, pick_text

_FIELD = re.compile(r"\{([^{}]*)\}")


class TemplatesPage(SettingsPage):
    def __init__(
        self,
        templates: dict[DocumentKind, EmailTemplate],
        db: Database | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templatesPage")
        self._templates = dict(templates)  # as edited, for every kind
        self._company = Company()
        self._kinds = registered_kinds()  # every kind has a template
        self._kind = self._kinds[0]

        self.kind_list = QListWidget()
        self.kind_list.setObjectName("templateKindList")
        self.kind_list.setAccessibleName(self.tr("Document kind"))
        self.kind_list.setMaximumWidth(190)
        for kind in self._kinds:
            item = QListWidgetItem(kind_title(kind))
            item.setData(Qt.ItemDataRole.UserRole, str(kind))
            self.kind_list.addItem(item)
        self.subject = QLineEdit()
        self.subject.setObjectName("templateSubjectEdit")
        self.subject.setMaxLength(SUBJECT_LIMIT)
        self.subject.setAccessibleName(self.tr("Subject"))
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBodyEdit")
        self.body.setAccessibleName(self.tr("Message"))
        self.body.setTabChangesFocus(True)
        self.inserter = PlaceholderInserter(self.subject, self.body)
        self.placeholder_buttons = placeholder_buttons(DOCUMENT_PLACEHOLDERS, self.inserter.insert)
        self.reset_button = QPushButton(self.tr("Reset to default"))
        self.reset_button.setObjectName("resetTemplateButton")
        self.problem = MessageLine("templateProblem")
        self.preview = TemplatePreview("preview")
        self.preview_subject = self.preview.subject
        self.preview_body = self.preview.body
        self.attachments = KindAttachmentsBox(db)  # stored at once, not with Save

        self.kind_list.currentRowChanged.connect(self._kind_chosen)
        self.subject.textChanged.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        self.reset_button.clicked.connect(self.reset_to_default)
        self._layout()
        self.kind_list.setCurrentRow(0)

    def _layout(self) -> None:
        editor = QGroupBox(self.tr("Template"))
        form = QFormLayout(editor)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Insert"), button_rows(self.placeholder_buttons.values()))
        form.addRow(self.tr("Message"), self.body)
        row = QHBoxLayout()
        row.addWidget(
            hint(self.tr("Placeholders are replaced by each document's values when it is sent.")),
            1,
        )
        row.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(row)
        form.addRow(self.problem)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(editor)
        right.addWidget(self.preview)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        column = QVBoxLayout()
        column.addWidget(right, 1)
        column.addWidget(self.attachments)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.kind_list)
        layout.addLayout(column, 1)
        buttons = self.placeholder_buttons.values()
        files = self.attachments
        chain_tab_order(
            [
                self.kind_list,
                self.subject,
                *buttons,
                self.body,
                self.reset_button,
                files.list,
                files.add_button,
                files.remove_button,
            ]
        )

    # --- data ---------------------------------------------------------------------------

    def load(self, company: Company) -> None:
        self._company = company
        self._show_kind(self._kind)

    def refresh(self, company: Company) -> None:
        self._company = company
        self._update_preview()

    def templates(self) -> dict[DocumentKind, EmailTemplate]:
        return dict(self._templates)

    def problems(self) -> dict[DocumentKind, FacturierError]:
        found: dict[DocumentKind, FacturierError] = {}
        for kind, template in self._templates.items():
            try:
                validate_template(template.subject, template.body)
            except FacturierError as error:
                found[kind] = error
        return found

    def show_kind(self, kind: DocumentKind) -> None:
        self.kind_list.setCurrentRow(self._kinds.index(kind))

    # --- editing ------------------------------------------------------------------------

    def _kind_chosen(self, row: int) -> None:
        if row >= 0:
            self._show_kind(self._kinds[row])

    def _show_kind(self, kind: DocumentKind) -> None:
        self._kind = kind
        template = self._templates[kind]
        for widget in (self.subject, self.body):
            widget.blockSignals(True)
        self.subject.setText(template.subject)
        self.body.setPlainText(template.body)
        for widget in (self.subject, self.body):
            widget.blockSignals(False)
        self._update_preview()
        self.attachments.set_kind(kind)

    def _edited(self) -> None:
        self._templates[self._kind] = EmailTemplate(self.subject.text(), self.body.toPlainText())
        self._update_preview()
        self.changed.emit()

    def reset_to_default(self) -> None:
        default = DEFAULT_TEMPLATES[self._kind]
        self.subject.setText(default.subject)
        self.body.setPlainText(default.body)

    # --- preview ------------------------------------------------------------------------

    def sample_values(self) -> TemplateValues:
        return preview_values(self._kind, self._company)

    def _update_preview(self) -> None:
        template = self._templates[self._kind]
        render_preview(
            template.subject,
            template.body,
            self.sample_values(),
            TemplateEditors(self.subject, self.body, self.problem, self.preview),
        )
        self._mark_kinds()

    def _mark_kinds(self) -> None:
        problems = self.problems()
        for row, kind in enumerate(self._kinds):
            item = self.kind_list.item(row)
            changed = self._templates[kind] != DEFAULT_TEMPLATES[kind]
            label = kind_title(kind)
            item.setText(label + (" " + self.tr("(customised)") if changed else ""))
            item.setIcon(error_icon() if kind in problems else kind_icon(kind))
            item.setToolTip(template_problem_text(problems[kind]) if kind in problems else "")


# --- shared with the reminders page (ui/dialogs/settings_reminders.py) --------------------


def placeholder_buttons(
    placeholders: Sequence[Placeholder], insert: Callable[[str], None], prefix: str = "insert"
) -> dict[str, QPushButton]:
    """One button per placeholder, inserting it (``insert(name)``); tooltip: what it shows."""
    buttons: dict[str, QPushButton] = {}
    for placeholder in placeholders:
        name = placeholder.name
        tip = pick_text(placeholder.description)
        button = QPushButton("{" + name + "}")
        button.setObjectName(f"{prefix}{name.title().replace('_', '')}Button")
        button.setToolTip(tip)
        button.setAccessibleName(
            QCoreApplication.translate("TemplatesPage", "Insert {placeholder}").format(
                placeholder="{" + name + "}"
            )
        )
        button.setAccessibleDescription(tip)
        button.clicked.connect(lambda _checked=False, n=name: insert(n))
        buttons[name] = button
    return buttons


def button_rows(buttons: Iterable[QPushButton], per_row: int = 0) -> QVBoxLayout:
    """The buttons in rows of ``per_row`` (0: one row), packed to the left."""
    rows = QVBoxLayout()
    rows.setSpacing(4)
    row: QHBoxLayout | None = None
    for count, button in enumerate(buttons):
        if row is None or (per_row and count % per_row == 0):
            if row is not None:
                row.addStretch(1)
            row = QHBoxLayout()
            row.setSpacing(4)
            rows.addLayout(row)
        row.addWidget(button)
    if row is not None:
        row.addStretch(1)
    return rows


class PlaceholderInserter(QObject):
    """Inserts a placeholder at the cursor of the subject or the message, whichever had
    the focus last (the placeholder buttons take it)."""

    def __init__(self, subject: QLineEdit, body: QPlainTextEdit) -> None:
        super().__init__(subject)
        self.subject, self.body = subject, body
        self._last: QLineEdit | QPlainTextEdit | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self.subject or new is self.body:
            self._last = new

    def insert(self, name: str) -> None:
        """Insert ``{name}`` at the cursor of the subject or the message (the last one
        edited), replacing the selection, and give it the focus back."""
        text = "{" + name + "}"
        editor = self._last or self.body
        if isinstance(editor, QLineEdit):
            editor.insert(text)
        else:
            editor.insertPlainText(text)
        editor.setFocus()


class TemplatePreview(QGroupBox):
    """The rendered subject and message (``{name}Subject``, ``{name}Body``)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("TemplatesPage", "Preview (sample values)"), parent
        )
        self.subject = QLabel()
        self.subject.setObjectName(f"{name}Subject")
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QPlainTextEdit()
        self.body.setObjectName(f"{name}Body")
        self.body.setReadOnly(True)
        self.body.setAccessibleName(
            QCoreApplication.translate("TemplatesPage", "Preview of the message")
        )
        self.body.setStyleSheet("QPlainTextEdit { background: palette(window); }")
        self.body.setPlaceholderText(
            QCoreApplication.translate(
                "TemplatesPage", "The preview appears once the template is correct."
            )
        )
        box = QVBoxLayout(self)
        box.addWidget(self.subject)
        box.addWidget(self.body, 1)

    def show_rendered(self, subject: str, body: str) -> None:
        label = QCoreApplication.translate("TemplatesPage", "Subject:")
        self.subject.setText("<b>" + label + "</b> " + _escape(subject))
        self.body.setPlainText(body)

    def clear(self) -> None:
        self.subject.setText("")
        self.body.setPlainText("")


class TemplateEditors:
    """The widgets of one template being edited: its fields, its problem line, its preview."""

    def __init__(
        self,
        subject: QLineEdit,
        body: QPlainTextEdit,
        problem: MessageLine,
        preview: TemplatePreview,
    ) -> None:
        self.subject, self.body, self.problem, self.preview = subject, body, problem, preview


def preview_values(kind: DocumentKind, company: Company) -> TemplateValues:
    """The sample values a preview shows, with a sample number of ``kind``."""
    today = datetime.date.today()
    return sample_values(
        format_number(kind, today.year, SAMPLE_SEQUENCE),
        company.name,
        company.payment_days,
        today,
        french=is_french(),
    )


def render_preview(
    subject: str, body: str, values: TemplateValues, editors: TemplateEditors
) -> FacturierError | None:
    """Render the template into the preview, or say why it cannot be and mark where;
    returns the problem (None: none)."""
    try:
        rendered_subject, rendered_body = render_template(subject, body, values)
    except FacturierError as error:
        editors.problem.show_message(template_problem_text(error))
        editors.preview.clear()
        highlight_problem(editors, error)
        return error
    editors.problem.clear()
    editors.preview.show_rendered(rendered_subject, rendered_body)
    highlight_problem(editors, None)
    return None


def highlight_problem(editors: TemplateEditors, error: FacturierError | None) -> None:
    """Mark the offending part: unknown placeholders in the message are highlighted, the
    subject is framed in red."""
    fields = list(error.data.get("fields", [error.data.get("field")])) if error else []
    text = template_problem_text(error) if error is not None else ""
    mark(editors.subject, text if "subject" in fields else "")
    selections: list[QTextEdit.ExtraSelection] = []
    if error is not None and "body" in fields:
        unknown = set(error.data.get("unknown", []))
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#f9c0bd"))
        fmt.setUnderlineColor(QColor("#c62828"))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        for match in _FIELD.finditer(editors.body.toPlainText()):
            if match.group(1) in unknown or error.data.get("reason") == "syntax":
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(editors.body.document())
                cursor.setPosition(match.start())
                cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor  # type: ignore[attr-defined]
                selection.format = fmt  # type: ignore[attr-defined]
                selections.append(selection)
    editors.body.setExtraSelections(selections)
    editors.body.setToolTip(text if "body" in fields else "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
