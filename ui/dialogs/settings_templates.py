"""Settings page: the e-mail templates, one per document kind, with a live preview.

The subject and body are edited as typed; placeholder buttons insert ``{numero}`` and the
others at the cursor of the last edited field; the preview renders them with sample values
(``render_template``) and, when they cannot be rendered, shows why and highlights the
offending placeholders. Nothing is stored before the dialog's Save.
"""

from __future__ import annotations

import datetime
import re

from PySide6.QtCore import Qt
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
    PLACEHOLDERS,
    SAMPLE_SEQUENCE,
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
from app.services.settings import SUBJECT_LIMIT, Company
from ui.dialogs.settings_texts import template_problem_text
from ui.dialogs.settings_widgets import MessageLine, SettingsPage, hint, mark
from ui.models.client_icons import error_icon
from ui.registry_text import kind_title, pick_text

_FIELD = re.compile(r"\{([^{}]*)\}")


class TemplatesPage(SettingsPage):
    def __init__(
        self, templates: dict[DocumentKind, EmailTemplate], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templatesPage")
        self._templates = dict(templates)  # as edited, for every kind
        self._company = Company()
        self._kinds = registered_kinds()  # every kind has a template
        self._kind = self._kinds[0]
        self._last_editor: QLineEdit | QPlainTextEdit | None = None

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
        self.placeholder_buttons: dict[str, QPushButton] = {}
        for placeholder in PLACEHOLDERS:
            name = placeholder.name
            tip = pick_text(placeholder.description)
            button = QPushButton("{" + name + "}")
            button.setObjectName(f"insert{name.title()}Button")
            button.setToolTip(tip)
            button.setAccessibleName(
                self.tr("Insert {placeholder}").format(placeholder="{" + name + "}")
            )
            button.setAccessibleDescription(tip)
            button.clicked.connect(lambda _checked=False, n=name: self.insert_placeholder(n))
            self.placeholder_buttons[name] = button
        self.reset_button = QPushButton(self.tr("Reset to default"))
        self.reset_button.setObjectName("resetTemplateButton")
        self.problem = MessageLine("templateProblem")
        self.preview_subject = QLabel()
        self.preview_subject.setObjectName("previewSubject")
        self.preview_subject.setWordWrap(True)
        self.preview_subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_body = QPlainTextEdit()
        self.preview_body.setObjectName("previewBody")
        self.preview_body.setReadOnly(True)
        self.preview_body.setAccessibleName(self.tr("Preview of the message"))
        self.preview_body.setStyleSheet("QPlainTextEdit { background: palette(window); }")
        self.preview_body.setPlaceholderText(
            self.tr("The preview appears once the template is correct.")
        )

        self.kind_list.currentRowChanged.connect(self._kind_chosen)
        self.subject.textChanged.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        self.reset_button.clicked.connect(self.reset_to_default)
        focus = QApplication.instance()
        assert isinstance(focus, QApplication)
        focus.focusChanged.connect(self._focus_changed)
        self._layout()
        self.kind_list.setCurrentRow(0)

    def _layout(self) -> None:
        editor = QGroupBox(self.tr("Template"))
        form = QFormLayout(editor)
        form.addRow(self.tr("Subject"), self.subject)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in self.placeholder_buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(self.tr("Insert"), buttons)
        form.addRow(self.tr("Message"), self.body)
        row = QHBoxLayout()
        row.addWidget(
            hint(self.tr("Placeholders are replaced by each document's values when it is sent.")),
            1,
        )
        row.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(row)
        form.addRow(self.problem)

        preview = QGroupBox(self.tr("Preview (sample values)"))
        box = QVBoxLayout(preview)
        box.addWidget(self.preview_subject)
        box.addWidget(self.preview_body, 1)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(editor)
        right.addWidget(preview)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.kind_list)
        layout.addWidget(right, 1)
        QWidget.setTabOrder(self.kind_list, self.subject)
        previous: QWidget = self.subject
        for button in self.placeholder_buttons.values():
            QWidget.setTabOrder(previous, button)
            previous = button
        QWidget.setTabOrder(previous, self.body)
        QWidget.setTabOrder(self.body, self.reset_button)

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

    def _edited(self) -> None:
        self._templates[self._kind] = EmailTemplate(self.subject.text(), self.body.toPlainText())
        self._update_preview()
        self.changed.emit()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self.subject or new is self.body:
            self._last_editor = new

    def insert_placeholder(self, name: str) -> None:
        """Insert ``{name}`` at the cursor of the subject or the message (the last one
        edited), replacing the selection, and give it the focus back."""
        text = "{" + name + "}"
        editor = self._last_editor or self.body
        if isinstance(editor, QLineEdit):
            editor.insert(text)
        else:
            editor.insertPlainText(text)
        editor.setFocus()

    def reset_to_default(self) -> None:
        default = DEFAULT_TEMPLATES[self._kind]
        self.subject.setText(default.subject)
        self.body.setPlainText(default.body)

    # --- preview ------------------------------------------------------------------------

    def sample_values(self) -> TemplateValues:
        today = datetime.date.today()
        return sample_values(
            format_number(self._kind, today.year, SAMPLE_SEQUENCE),
            self._company.name,
            self._company.payment_days,
            today,
            french=is_french(),
        )

    def _update_preview(self) -> None:
        template = self._templates[self._kind]
        try:
            subject, body = render_template(template.subject, template.body, self.sample_values())
        except FacturierError as error:
            self.problem.show_message(template_problem_text(error))
            self.preview_subject.setText("")
            self.preview_body.setPlainText("")
            self._highlight(error)
        else:
            self.problem.clear()
            self.preview_subject.setText("<b>" + self.tr("Subject:") + "</b> " + _escape(subject))
            self.preview_body.setPlainText(body)
            self._highlight(None)
        self._mark_kinds()

    def _highlight(self, error: FacturierError | None) -> None:
        """Mark the offending part: unknown placeholders in the message are highlighted,
        the subject is framed in red."""
        fields = list(error.data.get("fields", [error.data.get("field")])) if error else []
        mark(self.subject, self.problem.text() if "subject" in fields else "")
        selections: list[QTextEdit.ExtraSelection] = []
        if error is not None and "body" in fields:
            unknown = set(error.data.get("unknown", []))
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#f9c0bd"))
            fmt.setUnderlineColor(QColor("#c62828"))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            text = self.body.toPlainText()
            for match in _FIELD.finditer(text):
                if match.group(1) in unknown or error.data.get("reason") == "syntax":
                    selection = QTextEdit.ExtraSelection()
                    cursor = QTextCursor(self.body.document())
                    cursor.setPosition(match.start())
                    cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
                    selection.cursor = cursor  # type: ignore[attr-defined]
                    selection.format = fmt  # type: ignore[attr-defined]
                    selections.append(selection)
        self.body.setExtraSelections(selections)
        self.body.setToolTip(self.problem.text() if "body" in fields else "")

    def _mark_kinds(self) -> None:
        problems = self.problems()
        for row, kind in enumerate(self._kinds):
            item = self.kind_list.item(row)
            changed = self._templates[kind] != DEFAULT_TEMPLATES[kind]
            label = kind_title(kind)
            item.setText(label + (" " + self.tr("(customised)") if changed else ""))
            item.setIcon(
                error_icon()
                if kind in problems
                else QApplication.style().standardIcon(
                    QApplication.style().StandardPixmap.SP_FileIcon
                )
            )
            item.setToolTip(template_problem_text(problems[kind]) if kind in problems else "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
