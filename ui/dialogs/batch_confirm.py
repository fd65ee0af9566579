"""Envoi Webmail: confirm a batch, fix missing addresses, then prepare and send it.

The dialog shows what will happen before anything is written (``plan_batch``), lets the
user fix a client without an address on the spot, previews each message, and then runs
``send_documents`` (the same use case as ``facturier send``) through ``ui/tasks.py`` while
the main window stays usable. Every database read and write runs in a background task:
the plan, the checks, the daily-limit forecast, the preview and the batch itself.

Two states. Before: the count, the choices, the problems (missing addresses, e-invoicing
checks; shown only when they list something) above the preview, in a splitter that gives
the message's body the free height. After: the pre-send widgets leave; the title, the
summary (its non-zero counts link to their category) and each category's documents
(``ui/dialogs/batch_outcome.py``). The dialog is resizable and its size is remembered.

The same dialog sends the payment reminders: a ``ReminderSource`` (ui/dialogs/
batch_source.py) gives it the reminder e-mails as plan items, their previews and
``send_reminders``; it has no e-invoicing hint and no "include sent/paid/problems" choice.
"""

from __future__ import annotations

import html
import sys
import traceback
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ctc_text import problem_sentence
from app.errors import FacturierError
from app.services.database import Database
from app.services.outbox import DrainProgress
from app.services.send_documents import (
    BatchOutcome,
    BatchPlan,
    Choices,
    MessagePreview,
    NonCompliant,
    PlanItem,
    PrepareResult,
    SendProgress,
    daily_forecast,
    non_compliant_documents,
)
from app.services.sending_limits import BatchForecast
from ui.data_size import data_size_text
from ui.dialogs.batch_outcome import BatchOutcomeView
from ui.dialogs.batch_source import BatchSource, BatchWords
from ui.dialogs.batch_summary import (
    BatchReport,
    BatchSummary,
    Group,
    plain,
    progress_tally,
)
from ui.dialogs.client_editor import edit_client
from ui.dialogs.daily_limit import DailyLimitWords
from ui.dialogs.settings_widgets import chain_tab_order
from ui.messages import error_text, exception_text
from ui.tasks import Task, TaskContext, run_task
from ui.window_memory import remember_geometry, restore_geometry

__all__ = ["BatchConfirmDialog", "BatchOutcome", "BatchSource"]

REFRESH_MS = 500  # the report follows a running batch without rereading per message
MEMORY_NAME = "batchConfirmDialog"  # its size, remembered on this computer
DEFAULT_SIZE = QSize(760, 720)  # first opening: room for the lists and ~15 lines of body


class BatchConfirmDialog(QDialog):
    documentsChanged = Signal()  # documents of the batch changed state (report refresh)
    documentsUpdated = Signal(list)  # these documents were handled: reread their rows
    documentsDelivered = Signal(list)  # document ids the client received: untick them
    batchFinished = Signal()
    batchStarting = Signal()  # an automatic retry in the window should stop first
    drainFinished = Signal(object)  # the DrainResult, for the window's status and retries
    planLoaded = Signal()  # the plan was read (in the background) and is shown

    def __init__(
        self,
        db: Database,
        document_ids: list[int],
        parent: QWidget | None = None,
        *,
        source: BatchSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.document_ids = list(document_ids)
        self.source = source if source is not None else BatchSource(self.document_ids)
        self.texts = self.source.words() or self._document_words()
        self.plan = BatchPlan([], [], [], [])
        self.plan_ready = False  # False while the plan is read: nothing can start yet
        self._plan_task: Task[BatchPlan, None] | None = None
        self._focus_given = False  # Validate got the focus once the plan was shown
        self.task: Task[BatchOutcome, SendProgress] | None = None
        self.outcome: BatchOutcome | None = None
        self.error: BaseException | None = None
        self.words = BatchSummary(self, reminders=self.source.reminders)
        self._preview_at = 0
        self._choices = Choices(already_sent=False, problems=False, paid=False)
        self._tally: dict[Group, int] = {}
        self._prepared = False  # the messages of a run are in the outbox
        self.setObjectName("batchConfirmDialog")
        self.setWindowTitle(self.texts.title)
        self.setMinimumSize(560, 420)
        self.setSizeGripEnabled(True)
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(REFRESH_MS)
        self._refresh_soon.timeout.connect(self._rows_changed)
        # The e-invoicing hint, read in the background: a started batch stops it (the user
        # has decided, and it would compete with the batch for the interpreter).
        self._rules_task: Task[list[NonCompliant], None] | None = None
        # What the window hears when a run ends, one step per turn of the event loop.
        self._steps: list[Callable[[], None]] = []
        self._next_step = QTimer(self)
        self._next_step.setSingleShot(True)
        self._next_step.setInterval(0)
        self._next_step.timeout.connect(self._run_step)
        self._handled: list[int] = []  # documents sent (or not) since the last update
        self._build()
        self._sized = restore_geometry(MEMORY_NAME, self)  # else a size that fits the screen
        if not self._sized:
            self._default_size()
        self.reload_plan()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.count_label = QLabel()
        self.count_label.setObjectName("documentCountLabel")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setWordWrap(True)
        font = self.count_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.count_label.setFont(font)
        layout.addWidget(self.count_label)
        # By which channel they leave, once the platform takes some of them.
        self.channel_label = QLabel()
        self.channel_label.setObjectName("channelCountLabel")
        self.channel_label.setTextFormat(Qt.TextFormat.PlainText)
        self.channel_label.setWordWrap(True)
        self.channel_label.setVisible(False)
        layout.addWidget(self.channel_label)

        # Before the run: the choices, the problems and the preview; hidden once it starts.
        self.choices_panel = QWidget()
        self.choices_panel.setObjectName("batchChoicesPanel")
        choices = QVBoxLayout(self.choices_panel)
        choices.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choices_panel)
        self.sent_box = QCheckBox()
        self.sent_box.setObjectName("includeSentCheck")
        self.paid_box = QCheckBox()
        self.paid_box.setObjectName("includePaidCheck")
        self.problems_box = QCheckBox()
        self.problems_box.setObjectName("includeProblemsCheck")
        for box in (self.sent_box, self.paid_box, self.problems_box):
            box.setChecked(False)  # only the plain "not sent yet" documents by default
            box.setVisible(False)  # offered once the plan has such documents
            box.toggled.connect(self._update_counts)
            choices.addWidget(box)
        # How the e-mails are made, not which documents go: the counts stay as they are.
        self.one_mail_box = QCheckBox(self.tr("One e-mail per client"))
        self.one_mail_box.setObjectName("oneMailPerClientBox")
        self.one_mail_box.setToolTip(
            self.tr(
                "A client with several documents of the batch receives them all attached to "
                "one e-mail; each document keeps its own sending history. Deposits on the "
                "platform stay one per invoice."
            )
        )
        self.one_mail_box.setChecked(False)
        self.one_mail_box.setVisible(False)
        choices.addWidget(self.one_mail_box)
        self.pending_label = QLabel()
        self.pending_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pending_label.setWordWrap(True)
        self.pending_label.setVisible(False)
        choices.addWidget(self.pending_label)
        # The provider's daily limit: what leaves today and when the rest will (background).
        self.day_limit_label = QLabel()
        self.day_limit_label.setObjectName("dailyLimitLabel")
        self.day_limit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.day_limit_label.setWordWrap(True)
        self.day_limit_label.setVisible(False)
        self._forecast_for: list[int] = []  # the batch (ids, addresses) of the figure shown
        choices.addWidget(self.day_limit_label)

        # The problems above, the preview below: the splitter gives the message's body the
        # free height, and the user can move the line between them.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("batchBeforeSplitter")
        self.splitter.setChildrenCollapsible(False)
        self._splitter_moved = False
        self.splitter.splitterMoved.connect(self._user_moved)
        self.problems_panel = QWidget()
        self.problems_panel.setObjectName("batchProblemsPanel")
        problems = self._problems_layout = QVBoxLayout(self.problems_panel)
        problems.setContentsMargins(0, 0, 0, 0)

        self.missing_group = QGroupBox(self.tr("Missing e-mail addresses"))
        missing = QVBoxLayout(self.missing_group)
        explain = QLabel(self.texts.missing_explanation)
        explain.setWordWrap(True)
        missing.addWidget(explain)
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("missingAddressList")
        self.missing_list.setAccessibleName(self.texts.missing_name)
        self.missing_list.setMaximumHeight(120)
        self.missing_list.itemActivated.connect(self.fix_client)
        missing.addWidget(self.missing_list)
        problems.addWidget(self.missing_group)

        # Validated before the reform's checks existed: sendable (their archived PDF cannot
        # change), but the user should know which records to complete for the next ones.
        self.non_compliant_group = QGroupBox(self.tr("Documents that fail the e-invoicing checks"))
        non_compliant = QVBoxLayout(self.non_compliant_group)
        explain_checks = QLabel(
            self.tr(
                "These documents lack data the e-invoicing rules require. They can still be "
                "sent as they are; double-click one to complete the client's record."
            )
        )
        explain_checks.setWordWrap(True)
        non_compliant.addWidget(explain_checks)
        self.non_compliant_list = QListWidget()
        self.non_compliant_list.setObjectName("nonCompliantList")
        self.non_compliant_list.setAccessibleName(self.tr("Documents failing the checks"))
        self.non_compliant_list.setMaximumHeight(120)
        self.non_compliant_list.itemActivated.connect(self.fix_client)
        non_compliant.addWidget(self.non_compliant_list)
        problems.addWidget(self.non_compliant_group)
        self.splitter.addWidget(self.problems_panel)

        self.preview_group = QGroupBox(self.tr("Message preview"))
        preview = QVBoxLayout(self.preview_group)
        stepper = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.previous_button.setObjectName("previewPreviousButton")
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setObjectName("previewNextButton")
        self.next_button.clicked.connect(lambda: self._step(1))
        self.position_label = QLabel()
        stepper.addWidget(self.previous_button)
        stepper.addWidget(self.position_label, 1, Qt.AlignmentFlag.AlignCenter)
        stepper.addWidget(self.next_button)
        preview.addLayout(stepper)
        form = QFormLayout()
        self.to_label, self.copy_label = QLabel(), QLabel()
        self.subject_label, self.attachment_label = QLabel(), QLabel()
        for label in (self.to_label, self.copy_label, self.subject_label, self.attachment_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # a client's name is never markup
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("To:"), self.to_label)
        form.addRow(self.tr("Copy:"), self.copy_label)
        form.addRow(self.tr("Subject:"), self.subject_label)
        form.addRow(self.tr("Attachment:"), self.attachment_label)
        preview.addLayout(form)
        self.body_view = QPlainTextEdit()
        self.body_view.setObjectName("previewBody")
        self.body_view.setReadOnly(True)
        self.body_view.setMinimumHeight(4 * self.body_view.fontMetrics().lineSpacing() + 12)
        preview.addWidget(self.body_view, 1)  # the body takes the group's free height
        self.splitter.addWidget(self.preview_group)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        # Shown once the plan (read in the background) says there is something to show.
        for group in (self.missing_group, self.non_compliant_group, self.preview_group):
            group.setVisible(False)
        self.problems_panel.setVisible(False)

        self.progress = QProgressBar()
        self.progress.setObjectName("batchProgressBar")
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setVisible(False)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("batchSummaryLabel")
        self.summary_label.setWordWrap(True)
        # Rich text for the count links only: every dynamic part is escaped (batch_summary).
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setOpenExternalLinks(False)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.summary_label.linkActivated.connect(self.show_details)
        self.summary_label.setVisible(False)
        layout.addWidget(self.summary_label)
        # After the run: each category with its documents (the count links lead there).
        self.outcome_view = BatchOutcomeView()
        self.outcome_view.setVisible(False)
        layout.addWidget(self.outcome_view, 1)
        self.spacer = QWidget()  # while running: the progress stays at the top
        self.spacer.setVisible(False)
        layout.addWidget(self.spacer, 1)

        buttons = QHBoxLayout()
        self.later_button = QPushButton(self.tr("Prepare for later"))
        self.later_button.setObjectName("prepareLaterButton")
        self.later_button.setToolTip(
            self.tr(
                "Prepare the messages now and keep them paused in the Outbox until you "
                "press “Resume sending” there"
            )
        )
        self.later_button.clicked.connect(lambda: self.start(send=False))
        self.validate_button = QPushButton(self.tr("Validate"))
        self.validate_button.setObjectName("validateButton")
        self.validate_button.setDefault(True)
        self.validate_button.clicked.connect(lambda: self.start(send=True))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self._cancel_clicked)
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        buttons.addWidget(self.validate_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        chain_tab_order(self.tab_order())

    def tab_order(self) -> list[QWidget]:
        """The controls in the order Tab visits them (hidden ones are skipped by Qt)."""
        return [
            self.sent_box,
            self.paid_box,
            self.problems_box,
            self.one_mail_box,
            self.missing_list,
            self.non_compliant_list,
            self.previous_button,
            self.next_button,
            self.body_view,
            self.outcome_view,
            self.later_button,
            self.validate_button,
            self.cancel_button,
        ]

    def _document_words(self) -> BatchWords:
        """The documents' sentences, in this dialog's translation context."""
        return BatchWords(
            title=self.tr("Send by e-mail"),
            reading=self.tr("Reading the documents…"),
            missing_explanation=self.tr(
                "These documents cannot be sent: their client has no e-mail address with "
                "“Mail” ticked. Double-click one to complete the client's record."
            ),
            missing_name=self.tr("Documents without address"),
            count=lambda n: self.tr("%n document(s) will be sent.", "", n),
            sending=lambda n: self.tr("Sending %n document(s)…", "", n),
            preparing=lambda n: self.tr("Preparing %n document(s)…", "", n),
            pending=lambda n: self.tr(
                "Left out: %n document(s) already waiting in the outbox.", "", n
            ),
        )

    # --- the plan -----------------------------------------------------------------------

    def reload_plan(self) -> None:
        """Read the plan again in the background; ``planLoaded`` once it is shown."""
        if self._plan_task is not None:
            self._plan_task.cancel()  # its answer is dropped: only the newest counts
        db, source = self.db, self.source
        self.plan_ready = False
        if not self.plan.sendable and not self.plan.missing_address:
            self.count_label.setText(self.texts.reading)
        self._update_buttons()
        task: Task[BatchPlan, None] = run_task(
            lambda _context: source.plan(db),
            on_success=lambda plan: self._plan_read(task, plan),
            on_error=lambda error: self._plan_failed(task, error),
            parent=self,
        )
        self._plan_task = task

    def _plan_read(self, task: Task[BatchPlan, None], plan: BatchPlan) -> None:
        if task is not self._plan_task:
            return  # read again meanwhile
        self._plan_task = None
        self.plan = plan
        self.plan_ready = True
        self._show_plan()
        self._grow()
        self._focus_validate()
        self.planLoaded.emit()

    def _focus_validate(self) -> None:
        """Once the plan is first shown, Enter validates: the focus, parked on Cancel while
        Validate waited disabled (a focused button takes Enter), goes to Validate."""
        if self._focus_given or not self.validate_button.isEnabled():
            return
        self._focus_given = True
        focused = self.focusWidget()
        if focused is None or focused is self.cancel_button:
            self.validate_button.setFocus()

    def _available(self) -> QSize | None:
        """The free area of the screen the dialog (or its window) is on."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry().size() if screen is not None else None

    def _default_size(self) -> None:
        """Never remembered: a size for the preview's body, within the screen."""
        size = DEFAULT_SIZE
        available = self._available()
        if available is not None:
            size = size.boundedTo(available - QSize(40, 60))
        self.resize(size.expandedTo(self.minimumSize()))

    def _grow(self) -> None:
        """Shown before the plan was read: grow to show the lists and the preview whole
        (not when the user's own size was remembered; never beyond the screen)."""
        if self._sized:
            return
        layout = self.layout()
        if layout is not None:
            layout.activate()
        size = self.size().expandedTo(self.sizeHint())
        available = self._available()
        if available is not None:
            size = size.boundedTo(available - QSize(40, 60)).expandedTo(self.size())
        self.resize(size)

    def _plan_failed(self, task: Task[BatchPlan, None], error: BaseException) -> None:
        if task is not self._plan_task:
            return
        self._plan_task = None
        self.count_label.setText(plain(self._sentence(error)))
        self.planLoaded.emit()

    def _show_plan(self) -> None:
        self.missing_list.clear()
        for item in self.plan.missing_address:
            row = QListWidgetItem(plain(f"{item.number} — {item.client_name}"))
            row.setData(Qt.ItemDataRole.UserRole, item.client_id)
            row.setToolTip(self.tr("Double-click to complete this client's record"))
            self.missing_list.addItem(row)
        self.missing_group.setVisible(bool(self.plan.missing_address))
        self._fit_list(self.missing_list)
        self._show_problems()
        if not self.source.reminders:  # reminders: no e-invoicing to check
            self._check_rules()
        # A reminder is never "already sent", paid or a resend: those choices stay hidden.
        already = self.plan.already_sent
        self.sent_box.setVisible(bool(already))
        if already:
            text, tip = self.words.sent_choice(already)
            self.sent_box.setText(text)
            self.sent_box.setToolTip(tip)
        paid = self.plan.paid
        self.paid_box.setVisible(bool(paid))
        self.paid_box.setText(self.words.paid_choice(paid) if paid else "")
        # Offered once some client has several documents to e-mail (never for reminders).
        emailed = Counter(i.client_id for i in self.plan.sendable if "email" in i.channels)
        several = any(count > 1 for count in emailed.values())
        self.one_mail_box.setVisible(not self.source.reminders and several)
        problems = self.plan.problems
        self.problems_box.setVisible(bool(problems))
        self.problems_box.setText(self.words.problem_choice(problems) if problems else "")
        pending = self.plan.pending
        self.pending_label.setVisible(bool(pending))
        self.pending_label.setText(self.texts.pending(len(pending)))
        self._update_counts()

    def _fit_list(self, shown: QListWidget) -> None:
        """As high as its lines, up to five (then it scrolls)."""
        lines = min(max(shown.count(), 1), 5)
        height = shown.sizeHintForRow(0) if shown.count() else shown.fontMetrics().height()
        shown.setMaximumHeight(lines * max(height, 1) + 2 * shown.frameWidth() + 4)

    def _check_rules(self) -> None:
        """List, from the background, the documents the e-invoicing checks would refuse."""
        plan, db = self.plan, self.db
        items = [*plan.sendable, *plan.missing_address, *plan.pending]

        def shown(value: list[NonCompliant]) -> None:
            if plan is not self.plan or self.task is not None or self.outcome is not None:
                return  # the plan was read again, or the batch started, meanwhile
            self.non_compliant_list.clear()
            for broken in value:
                item = broken.item
                row = QListWidgetItem(
                    plain(f"{item.number} — {item.client_name} ({', '.join(broken.rules)})")
                )
                row.setData(Qt.ItemDataRole.UserRole, item.client_id)
                row.setToolTip("\n".join(problem_sentence(p.code, p.data) for p in broken.problems))
                self.non_compliant_list.addItem(row)
            self.non_compliant_group.setVisible(bool(value))
            self._fit_list(self.non_compliant_list)
            self._show_problems()

        self.non_compliant_group.setVisible(False)
        self._show_problems()
        if self._rules_task is not None:
            self._rules_task.cancel()
        self._rules_task = run_task(
            lambda context: non_compliant_documents(db, items, lambda: context.cancelled),
            on_success=shown,
            on_error=lambda _error: None,  # only a hint; sending checks nothing of it
            parent=self,
        )

    def _show_problems(self) -> None:
        """The problems' pane only when it lists something (no empty, greyed box)."""
        running = self.task is not None or self.outcome is not None or self.error is not None
        shown = not running and (
            not self.missing_group.isHidden() or not self.non_compliant_group.isHidden()
        )
        self.problems_panel.setVisible(shown)
        self._balance()

    def _balance(self) -> None:
        """The problems as high as their lists, the rest to the message's body (until the
        user moves the line between them)."""
        if self._splitter_moved or self.problems_panel.isHidden():
            return
        self._problems_layout.activate()
        panel = self.problems_panel
        width = self.splitter.width()
        if panel.hasHeightForWidth() and width > 0:
            wanted = panel.heightForWidth(width)
        else:
            wanted = panel.sizeHint().height()
        total = sum(self.splitter.sizes())
        if total > wanted > 0:
            self.splitter.setSizes([wanted, total - wanted])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._balance()

    def _user_moved(self) -> None:
        self._splitter_moved = True

    def choices(self) -> Choices:
        """What the user ticked beyond the documents never sent (all unticked at first)."""
        return Choices(
            already_sent=self.sent_box.isChecked(),
            problems=self.problems_box.isChecked(),
            paid=self.paid_box.isChecked(),
            one_mail_per_client=self.one_mail_box.isChecked() and not self.source.reminders,
        )

    def to_send(self) -> list[PlanItem]:
        return self.plan.to_send(self.choices())

    def _update_buttons(self) -> None:
        count = len(self.to_send())
        ready = self.plan_ready and self.task is None and self.outcome is None
        self.validate_button.setEnabled(ready and count > 0)
        self.later_button.setEnabled(ready and count > 0)

    def _update_counts(self) -> None:
        count = len(self.to_send())
        self.count_label.setText(self.texts.count(count))
        self._show_channels()
        idle = self.task is None and self.outcome is None
        self._update_buttons()
        self._preview_at = min(self._preview_at, max(count - 1, 0))
        self._show_preview()
        if idle:
            self._forecast_day()

    def _show_channels(self) -> None:
        """ "12 by e-mail, 5 through the platform"; hidden while all go by e-mail."""
        counts = self.plan.channel_counts(self.choices())
        by_mail, by_platform = counts.get("email", 0), counts.get("platform", 0)
        self.channel_label.setVisible(by_platform > 0)
        if not by_platform:
            self.channel_label.clear()
            return
        platform = self.tr("%n through the platform", "", by_platform)
        if not by_mail:
            self.channel_label.setText(platform)
            return
        mail = self.tr("%n by e-mail", "", by_mail)
        both = self.tr("{email}, {platform}").format(email=mail, platform=platform)
        self.channel_label.setText(both)

    def _forecast_day(self) -> None:
        """Ask, in the background, whether the batch fits in the provider's day."""
        items = self.to_send()
        wanted = [item.document_id for item in items] + [len(i.recipients) for i in items]
        if wanted == self._forecast_for:
            return
        self._forecast_for = wanted
        db = self.db

        def shown(value: BatchForecast) -> None:
            if wanted != self._forecast_for or self.task is not None or self.outcome is not None:
                return  # the choice changed meanwhile, or the batch started
            text = DailyLimitWords(self).batch(value)
            self.day_limit_label.setText(text)
            self.day_limit_label.setVisible(bool(text))

        run_task(
            lambda _context: daily_forecast(db, items),
            on_success=shown,
            on_error=lambda _error: self.day_limit_label.setVisible(False),  # only a hint
            parent=self,
        )

    def fix_client(self, row: QListWidgetItem) -> None:
        """Open the client's record; once saved, the lists and the count follow at once."""
        client_id = int(row.data(Qt.ItemDataRole.UserRole))
        edit_client(self, self.db, client_id)
        self.reload_plan()

    # --- preview ------------------------------------------------------------------------

    def _step(self, delta: int) -> None:
        self._preview_at += delta
        self._show_preview()

    def _show_preview(self) -> None:
        items = self.to_send()
        self.preview_group.setVisible(bool(items))
        if not items:
            return
        self._preview_at = max(0, min(self._preview_at, len(items) - 1))
        self.previous_button.setEnabled(self._preview_at > 0)
        self.next_button.setEnabled(self._preview_at < len(items) - 1)
        self.position_label.setText(
            self.tr("Message {number} of {count}").format(
                number=self._preview_at + 1, count=len(items)
            )
        )
        item = items[self._preview_at]
        if "email" not in item.channels:
            self._show_deposit(item)
            return
        self.to_label.setText(", ".join(item.recipients))
        self.subject_label.setText(self.tr("(preparing the preview…)"))
        self.body_view.setPlainText("")
        # The PDF may need rendering first: never on the GUI thread.
        db, source, plan = self.db, self.source, self.plan
        run_task(
            lambda _context: source.preview(db, plan, item),
            on_success=self._preview_ready,
            on_error=self._preview_failed,
        )

    def _show_deposit(self, item: PlanItem) -> None:
        """An invoice for the platform: no e-mail, its Factur-X file is deposited."""
        self.to_label.setText(
            self.tr("the approved platform, for {client}").format(client=item.client_name)
        )
        self.copy_label.setText("—")
        self.subject_label.setText(
            self.tr("Deposit of invoice {number} (Factur-X)").format(number=item.number)
        )
        self.attachment_label.setText(f"{item.number}.pdf")
        self.body_view.setPlainText(
            self.tr(
                "No e-mail: this invoice is deposited on your approved e-invoicing platform, "
                "which delivers it to {client} through the directory. Its status (received, "
                "approved, paid…) then shows in the report's Sent column."
            ).format(client=item.client_name)
        )

    def _current_id(self) -> int | None:
        items = self.to_send()
        return items[self._preview_at].document_id if items else None

    def _preview_ready(self, value: MessagePreview) -> None:
        if value.document_id != self._current_id():
            return  # the user has moved on
        self.to_label.setText(", ".join(value.to))
        hidden = self.tr("hidden copy")
        copies = [*value.cc, *(f"{a} ({hidden})" for a in value.bcc)]
        self.copy_label.setText(", ".join(copies) or "—")
        self.subject_label.setText(plain(value.subject))
        files = [(value.attachment_name, value.attachment_size), *value.attachments]
        self.attachment_label.setText(
            ", ".join(f"{name} ({data_size_text(size)})" for name, size in files)
        )
        self.body_view.setPlainText(value.body)

    def _preview_failed(self, error: BaseException) -> None:
        self.subject_label.setText(plain(self._sentence(error)))

    # --- running ------------------------------------------------------------------------

    def start(self, *, send: bool) -> None:
        """Prepare the chosen documents; then send them, or ("prepare for later") keep
        them paused in the outbox until the user resumes."""
        if not self.plan_ready or self.task is not None:
            return
        choices = self._choices = self.choices()
        plan = self.plan
        items = plan.to_send(choices)
        db, source = self.db, self.source
        if send:
            self.batchStarting.emit()
        if self._rules_task is not None:
            self._rules_task.cancel()

        def work(context: TaskContext[SendProgress]) -> BatchOutcome:
            return source.send(
                db,
                plan,
                items,
                choices=choices,
                later=not send,
                progress=context.progress,
                cancel=context.cancel,
            )

        for widget in (
            self.validate_button,
            self.later_button,
            self.sent_box,
            self.paid_box,
            self.problems_box,
            self.missing_list,
            self.previous_button,
            self.next_button,
        ):
            widget.setEnabled(False)
        self.cancel_button.setText(self.tr("Stop sending"))
        if send:
            self.count_label.setText(self.texts.sending(len(items)))
        else:
            self.count_label.setText(self.texts.preparing(len(items)))
        self._leave_before()  # the messages are made: the choices and preview are past
        self.progress.setRange(0, 0)  # busy until the messages are prepared
        self.progress.setVisible(True)
        self.progress_label.setVisible(True)
        self.progress_label.setText(self.tr("Preparing the messages…"))
        self.task = run_task(
            work,
            on_progress=self._progressed,
            on_success=self._finished,
            on_error=self._failed,
            parent=self,
        )

    def _leave_before(self) -> None:
        """From the run on, nothing of the choice stays on screen (no greyed lists)."""
        for widget in (
            self.choices_panel,
            self.channel_label,
            self.splitter,
            self.validate_button,
            self.later_button,
        ):
            widget.setVisible(False)
        self.spacer.setVisible(True)

    def _progressed(self, value: SendProgress) -> None:
        if isinstance(value, PrepareResult):
            self._prepared = True
            self.progress.setRange(0, max(len(value.prepared), 1))
            self.progress.setValue(0)
            self.progress_label.setText(self.tr("Connecting to the mail server…"))
        elif isinstance(value, DrainProgress):
            self.progress.setRange(0, value.total)
            self.progress.setValue(value.done)
            progress_tally(self._tally, value)
            if not (self.task is not None and self.task.cancel_requested):
                self.progress_label.setText(self.words.progress(value, self._tally))
            self._handled.extend(value.document_ids or (value.document_id,))
            if not self._refresh_soon.isActive():  # the report rereads at most twice a second
                self._refresh_soon.start()

    def _rows_changed(self) -> None:
        handled, self._handled = self._handled, []
        self.documentsUpdated.emit(handled)

    def _finished(self, value: BatchOutcome) -> None:
        self.outcome = value
        report = self.words.report(value, self.plan, self._choices)
        if report.delivered:
            self._steps.append(lambda: self.documentsDelivered.emit(report.delivered))
        drained = value.drained
        if drained is not None:
            self._steps.append(lambda: self.drainFinished.emit(drained))
        self._done()
        self.count_label.setText(report.title)
        self.summary_label.setText(report.summary)
        self.summary_label.setVisible(True)
        # Each document's line: written on the next turn of the event loop, after the
        # title and the summary are on screen (a large batch has hundreds).
        self._steps.insert(0, lambda: self._show_outcome(report))

    def _show_outcome(self, report: BatchReport) -> None:
        self.outcome_view.show_report(report, self.words.heading)
        shown = bool(self.outcome_view.groups())
        self.outcome_view.setVisible(shown)
        self.spacer.setVisible(not shown)

    def _failed(self, error: BaseException) -> None:
        self.error = error
        self._done()
        if not isinstance(error, FacturierError):
            traceback.print_exception(error, file=sys.stderr)  # for support, not the user
        if self._prepared:
            self.count_label.setText(self.tr("The batch could not be completed."))
        else:
            self.count_label.setText(self.words.nothing_sent())
        text = html.escape(plain(self._sentence(error)))
        if self._prepared:
            text += "<br><br>" + html.escape(
                self.tr(
                    "The messages not sent are paused in the outbox; check there what was "
                    "sent before sending the rest with “Resume sending”."
                )
            )
        self.summary_label.setText(text)
        self.summary_label.setVisible(True)
        self._leave_before()

    def _done(self) -> None:
        self.task = None
        self._refresh_soon.stop()
        self.progress.setVisible(False)
        self.progress_label.setVisible(False)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setEnabled(True)
        # The summary first; then the window hears of the end (ticks of the delivered
        # documents, the outbox's counts, the report's rows and its full reread) one step
        # per turn of the event loop: short pauses apart, not one long one.
        self._steps += [self._rows_changed, self.documentsChanged.emit, self.batchFinished.emit]
        self._next_step.start()

    def _run_step(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            self._next_step.start()

    def done(self, result: int) -> None:
        while self._steps:  # closed at once: the window still hears of the end
            self._run_step()
        remember_geometry(MEMORY_NAME, self)
        super().done(result)

    def _sentence(self, error: object) -> str:
        if isinstance(error, FacturierError):
            return error_text(error)
        return self.tr("An unexpected error stopped the batch: {error}").format(
            error=exception_text(error) if isinstance(error, BaseException) else error
        )

    def show_details(self, key: str) -> None:
        """A count's link: its category, with its documents, brought into view."""
        self.outcome_view.reveal(key)

    # --- closing ------------------------------------------------------------------------

    def _cancel_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()  # stops between two messages; what was sent stays sent
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(
                self.tr("Stopping after the current message… the rest will be paused.")
            )
            return
        if self.outcome is not None or self.error is not None:
            self.accept()
        else:
            self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:  # never leave a batch running unseen
            self._cancel_clicked()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.task is not None:
            self._cancel_clicked()
            return
        super().reject()
