"""The files added to every e-mail of a document kind (Settings › E-mail templates).

Adding or removing a file is stored at once, in a background task: a file is not a text
being edited, and the dialog's Cancel leaving a half-read 10 MB file aside would surprise
more than it helps. The line under the list says what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import DocumentKind
from app.errors import FacturierError
from app.services.attachments import (
    AttachmentInfo,
    add_attachment,
    list_attachments,
    remove_attachment,
)
from app.services.database import Database
from ui.data_size import data_size_text
from ui.dialogs.settings_widgets import MessageLine
from ui.messages import error_text, exception_text
from ui.registry_text import kind_title
from ui.tasks import Task, run_task


class KindAttachmentsBox(QGroupBox):
    """List, Add…, Remove for one kind at a time (``set_kind``). ``loaded`` is emitted
    each time the list shows the stored files (tests wait on it)."""

    loaded = Signal()

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Files attached to every e-mail"), parent)
        self.setObjectName("kindAttachmentsBox")
        self.db = db
        self._kind: DocumentKind | None = None
        self._writing = False
        self._task: Task[list[AttachmentInfo], object] | None = None
        self.list = QListWidget()
        self.list.setObjectName("kindAttachmentList")
        self.list.setAccessibleName(self.tr("Files attached to every e-mail"))
        self.list.setMaximumHeight(90)
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setObjectName("addAttachmentButton")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeAttachmentButton")
        self.message = MessageLine("kindAttachmentMessage")
        self.add_button.clicked.connect(self.choose_file)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.message)
        self.setEnabled(db is not None)
        self._update_buttons()

    def set_kind(self, kind: DocumentKind) -> None:
        """Show the kind's files (read in the background)."""
        self._kind = kind
        self.setTitle(
            self.tr("Files attached to every e-mail ({kind})").format(kind=kind_title(kind))
        )
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        db, kind = self.db, self._kind
        if db is None or kind is None:
            return
        self._run(lambda: list_attachments(db, kind), self._show, writing=False)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file to attach to every e-mail"), "", self.tr("All files (*)")
        )
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> None:
        """Store ``path`` for the current kind, then show the list again."""
        db, kind = self.db, self._kind
        if db is None or kind is None:
            return

        def work() -> list[AttachmentInfo]:
            add_attachment(db, kind, path)
            return list_attachments(db, kind)

        name = path.name
        self._run(work, lambda files: self._show(files, self.tr("{name} added.").format(name=name)))

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        db, kind = self.db, self._kind
        if item is None or db is None or kind is None:
            return
        attachment_id = int(item.data(Qt.ItemDataRole.UserRole))
        name = str(item.data(Qt.ItemDataRole.UserRole + 1))

        def work() -> list[AttachmentInfo]:
            remove_attachment(db, attachment_id)
            return list_attachments(db, kind)

        self._run(
            work, lambda files: self._show(files, self.tr("{name} removed.").format(name=name))
        )

    def is_busy(self) -> bool:
        """A file is being stored or removed (a mere reading does not hold the dialog)."""
        return self._task is not None and self._writing

    def is_reading(self) -> bool:
        return self._task is not None

    # --- helpers ------------------------------------------------------------------------

    def _run(
        self,
        work: Callable[[], list[AttachmentInfo]],
        done: Callable[[list[AttachmentInfo]], None],
        *,
        writing: bool = True,
    ) -> None:
        if self._task is not None:
            return  # one change at a time; the buttons are off meanwhile
        kind = self._kind
        self._writing = writing

        def finished(files: list[AttachmentInfo]) -> None:
            self._task = None
            self._update_buttons()
            if kind == self._kind:  # the user may have moved to another kind
                done(files)
            else:
                self.reload()

        def failed(error: BaseException) -> None:
            self._task = None
            self._update_buttons()
            if isinstance(error, FacturierError):
                self.message.show_message(error_text(error))
            else:
                text = self.tr("The attachments could not be changed: {error}")
                self.message.show_message(text.format(error=exception_text(error)))

        # Parented: a dialog closed meanwhile takes the task's callbacks with it.
        self._task = run_task(
            lambda _context: work(), on_success=finished, on_error=failed, parent=self
        )
        self._update_buttons()

    def _show(self, files: list[AttachmentInfo], note: str = "") -> None:
        self.list.clear()
        for info in files:
            item = QListWidgetItem(f"{info.filename} ({data_size_text(info.size)})")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, info.filename)
            self.list.addItem(item)
        if not files:
            placeholder = QListWidgetItem(self.tr("None: the e-mail carries the document only."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        if note:
            self.message.show_message(note, "success")
        self._update_buttons()
        self.loaded.emit()

    def _update_buttons(self) -> None:
        idle = self._task is None and self.db is not None
        item = self.list.currentItem()
        self.add_button.setEnabled(idle)
        self.remove_button.setEnabled(
            idle and item is not None and item.data(Qt.ItemDataRole.UserRole) is not None
        )
