"""The settings' Platform page (``platformPage``): the approved e-invoicing platform.

Its API address, client id, token address (empty: the API's ``/oauth/token``) and client
secret, and a "Test" button that connects with the values on screen in the background:
the service answers, the client signs in, and the company's SIREN in the directory. The
secret is never shown; typed, it goes to the keyring after the settings are saved.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.errors import FacturierError
from app.platform.errors import PlatformError
from app.platform.secret import SECRET_ENV, platform_secret
from app.services.platform_account import PlatformCheck, check_platform
from app.services.settings import Company
from ui.dialogs.settings_widgets import (
    MessageLine,
    SettingsPage,
    add_row,
    chain_tab_order,
    form_box,
    hint,
    line_edit,
    page_layout,
)
from ui.messages import error_text, exception_text
from ui.tasks import Task, run_task

_URL_LIMIT = 500
_CLIENT_ID_LIMIT = 200
_SECRET_LIMIT = 1000


def grouped_siren(siren: str) -> str:
    """``123 456 789``: as a SIREN is written."""
    digits = siren.replace(" ", "")
    return " ".join(digits[i : i + 3] for i in range(0, len(digits), 3))


class PlatformPage(SettingsPage):
    """The platform's account and its test."""

    def __init__(self, current: Callable[[], Company], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("platformPage")
        self._current = current  # the settings as shown on every page
        self.task: Task[PlatformCheck, None] | None = None
        self.intro = hint(
            self.tr(
                "An approved platform (plateforme agréée) carries electronic invoices between "
                "French businesses and reports what becomes of them (received, approved, "
                "paid…). From 1 September 2027, the invoices to your French business clients "
                "must go through it. E-mail stays for private persons, clients abroad, "
                "quotes and the other documents, and courtesy copies."
            )
        )
        self.intro.setObjectName("platformIntro")
        self.url = line_edit(
            "platformUrlEdit", _URL_LIMIT, self.tr("e.g. https://api.my-platform.fr/api/v1")
        )
        self.client_id = line_edit("platformClientIdEdit", _CLIENT_ID_LIMIT)
        self.token_url = line_edit("platformTokenUrlEdit", _URL_LIMIT)
        self.secret = QLineEdit()
        self.secret.setObjectName("platformSecretEdit")
        self.secret.setMaxLength(_SECRET_LIMIT)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("platformTestButton")
        self.test_result = MessageLine("platformTestResult")
        # It may quote the platform: shown as it is, never as rich text.
        self.test_result.label.setTextFormat(Qt.TextFormat.PlainText)
        self._layout()
        for edit in (self.url, self.client_id, self.token_url, self.secret):
            edit.textChanged.connect(self.changed)
        self.url.textChanged.connect(self._show_token_default)
        self.url.editingFinished.connect(self._show_secret_state)
        self.client_id.editingFinished.connect(self._show_secret_state)
        self.test_button.clicked.connect(self.start_test)

    def _layout(self) -> None:
        box, form = form_box(self.tr("Approved e-invoicing platform"))
        add_row(form, self.tr("API address"), self.url)
        add_row(form, self.tr("Client id"), self.client_id)
        add_row(form, self.tr("Client secret"), self.secret)
        add_row(form, self.tr("Token address"), self.token_url)
        form.addRow(
            hint(
                self.tr(
                    "Your platform gives these values when you open an account for "
                    "software (API access). Leave the token address empty unless it says "
                    "otherwise."
                )
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        column = QVBoxLayout()
        column.addLayout(row)
        column.addWidget(self.test_result)
        form.addRow(column)
        page_layout(self, self.intro, box)
        chain_tab_order([self.url, self.client_id, self.secret, self.token_url, self.test_button])

    # --- values -------------------------------------------------------------------------

    def load(self, company: Company) -> None:
        self.url.setText(company.platform_url)
        self.client_id.setText(company.platform_client_id)
        self.token_url.setText(company.platform_token_url)
        self._show_token_default()
        self._show_secret_state()

    def values(self) -> dict[str, Any]:
        return {
            "platform_url": self.url.text().strip().rstrip("/"),
            "platform_client_id": self.client_id.text().strip(),
            "platform_token_url": self.token_url.text().strip(),
        }

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "platform_url": self.url,
            "platform_client_id": self.client_id,
            "platform_token_url": self.token_url,
        }

    def typed_secret(self) -> str:
        return self.secret.text()

    def forget_typed_secret(self) -> None:
        self.secret.clear()
        self._show_secret_state()

    def _show_token_default(self) -> None:
        url = self.url.text().strip().rstrip("/")
        default = f"{url}/oauth/token" if url else self.tr("the API address + /oauth/token")
        self.token_url.setPlaceholderText(self.tr("default: {url}").format(url=default))

    def _show_secret_state(self) -> None:
        """Whether a secret is stored for the address and client id shown (never itself)."""
        values = self.values()
        url, client_id = values["platform_url"], values["platform_client_id"]
        if not (url and client_id):
            text = self.tr("Type the API address and client id first")
        else:
            try:
                stored = platform_secret(url, client_id)
            except FacturierError:
                stored = None
            if stored and os.environ.get(SECRET_ENV):
                text = self.tr("Taken from {name}").format(name=SECRET_ENV)
            elif stored:
                text = self.tr("Stored in the keyring: type to replace it")
            else:
                text = self.tr("Not stored yet")
        self.secret.setPlaceholderText(text)

    # --- the test -----------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self.task is not None

    def start_test(self) -> None:
        if self.task is not None:
            return
        company = self._current()
        secret = self.secret.text()
        self.test_button.setEnabled(False)
        self.test_button.setText(self.tr("Testing…"))
        self.test_result.show_message(
            self.tr("Connecting to the platform {url}…").format(url=company.platform_url), "info"
        )
        self.task = run_task(
            lambda _context: check_platform(company=company, secret=secret),
            on_success=self._test_succeeded,
            on_error=self._test_failed,
        )
        self.task.finished.connect(self._test_finished)

    def _test_succeeded(self, check: PlatformCheck) -> None:
        self.test_result.show_message(check_text(check), "success")

    def _test_failed(self, error: BaseException) -> None:
        self.test_result.show_message(platform_error_text(error))

    def _test_finished(self) -> None:
        self.task = None
        self.test_button.setEnabled(True)
        self.test_button.setText(self.tr("Test connection"))


def check_text(check: PlatformCheck) -> str:
    """What the test found, in one sentence."""
    if not check.siren:
        return QCoreApplication.translate(
            "PlatformTexts",
            "Connection successful: the platform answers and accepts your client id. Type "
            "your SIREN on the Legal mentions tab to check your registration in the directory.",
        )
    siren = grouped_siren(check.siren)
    if check.registered and check.company_name:
        return QCoreApplication.translate(
            "PlatformTexts",
            "Connection successful: the platform answers; your SIREN {siren} is registered "
            "in the directory ({name}).",
        ).format(siren=siren, name=check.company_name)
    if check.registered:
        return QCoreApplication.translate(
            "PlatformTexts",
            "Connection successful: the platform answers; your SIREN {siren} is registered "
            "in the directory.",
        ).format(siren=siren)
    return QCoreApplication.translate(
        "PlatformTexts",
        "Connection successful: the platform answers, but your SIREN {siren} is not "
        "registered in the directory yet: ask your platform to register it.",
    ).format(siren=siren)


def platform_error_text(error: BaseException) -> str:
    """Why the platform cannot be used, in one sentence: what to check next."""
    if not isinstance(error, FacturierError):
        return QCoreApplication.translate("PlatformTexts", "Something went wrong: {error}").format(
            error=exception_text(error)
        )
    data = error.data
    url = str(data.get("url", ""))
    code = error.code
    if code == "platform.not_configured":
        if data.get("reason") == "not_https":
            return QCoreApplication.translate(
                "PlatformTexts",
                "The platform's address must begin with https:// (the connection is always "
                "encrypted).",
            )
        return QCoreApplication.translate(
            "PlatformTexts", "Type the platform's API address and your client id first."
        )
    if code == "platform.secret_missing":
        return QCoreApplication.translate(
            "PlatformTexts",
            "No client secret is stored for this client id: type it in “Client secret”.",
        )
    if code == "platform.unreachable":
        return QCoreApplication.translate(
            "PlatformTexts",
            "The platform cannot be reached at {url}: check its address and the Internet "
            "connection.",
        ).format(url=url)
    if code == "platform.tls":
        if data.get("reason") == "cafile":
            return QCoreApplication.translate(
                "PlatformTexts", "The extra certificate file {file} cannot be read."
            ).format(file=data.get("cafile", ""))
        return QCoreApplication.translate(
            "PlatformTexts",
            "The secure connection to {url} failed: its certificate is not trusted. Check "
            "the address; the connection was stopped to protect your secret.",
        ).format(url=url)
    if code == "platform.auth":
        return QCoreApplication.translate(
            "PlatformTexts",
            "The platform refuses your client id or secret: check them in your platform "
            "account (the secret may have been renewed).",
        )
    if code == "platform.temporary":
        retry = data.get("retry_after")
        if retry is not None:
            seconds = round(float(retry))
            return QCoreApplication.translate(
                "PlatformTexts",
                "The platform is busy or under maintenance: try again in {seconds} s.",
            ).format(seconds=seconds)
        return QCoreApplication.translate(
            "PlatformTexts",
            "The platform is busy or under maintenance: try again in a few minutes.",
        )
    if code == "platform.connection_lost":
        return QCoreApplication.translate(
            "PlatformTexts", "The platform stopped answering during the test: try again."
        )
    if code in ("platform.rejected", "platform.bad_answer"):
        said = error.message if isinstance(error, PlatformError) else ""
        text = QCoreApplication.translate(
            "PlatformTexts",
            "The address answers, but not like an approved platform: check the API address "
            "(it usually ends with /api/v1).",
        )
        return f"{text} ({said})" if said else text
    return error_text(error)
