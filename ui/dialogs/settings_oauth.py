"""Sign in with Google or Microsoft (OAuth2), for the mail settings page.

``OAuthSignInBox`` shows whether the account is signed in, signs it in in the system
browser (``app.services.oauth_account.sign_in``, in the background through ``ui.tasks``: the window
stays responsive while the user signs in, and the button cancels the wait) and signs it
out. It saves nothing in the settings itself: ``signedIn(provider, address)`` tells the
page to switch the account to OAuth2.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.oauth_providers import SignInResult, env_variable, provider_name
from app.errors import FacturierError
from app.services import oauth_account
from app.services.oauth_account import OAuthAccountState
from ui.tasks import Task, TaskContext, run_task


class OAuthSignInBox(QWidget):
    signedIn = Signal(str, str)  # provider, address
    signedOut = Signal(str, str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.open_url = open_url  # None: the system browser
        self._provider = ""
        self._address = ""
        self._generation = 0  # a status computed for an older account is dropped
        self._sign_in_task: Task[SignInResult, None] | None = None

        self.button = QPushButton(self)
        self.button.setObjectName("oauthSignInButton")
        self.button.clicked.connect(self._on_button)
        self.sign_out_button = QPushButton(self.tr("Sign out"), self)
        self.sign_out_button.setObjectName("oauthSignOutButton")
        self.sign_out_button.clicked.connect(self.sign_out)
        self.status = QLabel(self)
        self.status.setObjectName("oauthStatusLabel")
        self.status.setWordWrap(True)
        self.status.setOpenExternalLinks(False)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.button)
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._show_idle(signed_in=False)

    # --- the account -------------------------------------------------------------------

    def set_account(self, provider: str, address: str) -> None:
        """Show the state of ``address`` with ``provider`` ("google" or "microsoft")."""
        self._cancel_sign_in()
        self._provider = provider.strip().lower()
        self._address = address.strip()
        self.refresh()

    @property
    def provider(self) -> str:
        return self._provider

    @property
    def address(self) -> str:
        return self._address

    def refresh(self) -> None:
        """Read, in the background (the keyring may be slow), whether the account is
        configured and signed in."""
        self._generation += 1
        generation = self._generation
        provider, address = self._provider, self._address
        self.button.setText(self._sign_in_text())
        if provider not in ("google", "microsoft"):
            self.button.setEnabled(False)
            self.sign_out_button.setVisible(False)
            self.status.setText(self.tr("Sign-in with Google or Microsoft is not available."))
            return

        def status(_: TaskContext[None]) -> OAuthAccountState:
            return oauth_account.oauth_account_state(provider, address)

        def show(state: OAuthAccountState) -> None:
            if generation != self._generation:
                return
            if not state.configured:
                self._show_not_configured()
            else:
                self._show_idle(signed_in=state.signed_in)

        run_task(status, on_success=show, on_error=self._show_error, parent=self)

    # --- signing in and out ------------------------------------------------------------

    def _on_button(self) -> None:
        if self._sign_in_task is not None:
            self._cancel_sign_in()
            return
        self.sign_in()

    def sign_in(self) -> None:
        if not self._address or self._sign_in_task is not None:
            return
        provider, address, open_url = self._provider, self._address, self.open_url
        self._generation += 1
        generation = self._generation

        def work(context: TaskContext[None]) -> SignInResult:
            return oauth_account.sign_in(
                provider, address, open_url=open_url, cancel=context.cancel
            )

        def done(_result: SignInResult) -> None:
            self._sign_in_task = None
            if generation != self._generation:
                return
            self._show_idle(signed_in=True)
            self.signedIn.emit(provider, address)

        def failed(error: BaseException) -> None:
            self._sign_in_task = None
            if generation == self._generation:
                self._show_error(error)

        self.button.setText(self.tr("Cancel sign-in"))
        self.sign_out_button.setVisible(False)
        self.status.setText(
            self.tr(
                "Sign in to {provider} as {address} in your browser, then come back here. "
                "Waiting for the browser…"
            ).format(provider=self._provider_name(), address=address)
        )
        self._sign_in_task = run_task(work, on_success=done, on_error=failed, parent=self)

    def _cancel_sign_in(self) -> None:
        task, self._sign_in_task = self._sign_in_task, None
        if task is not None:
            task.cancel()
            self._generation += 1
            self._show_idle(signed_in=False)
            self.status.setText(self.tr("Sign-in cancelled."))

    def sign_out(self) -> None:
        provider, address = self._provider, self._address

        def work(_: TaskContext[None]) -> None:
            oauth_account.sign_out(provider, address)

        def done(_: None) -> None:
            self.signedOut.emit(provider, address)
            self.refresh()

        run_task(work, on_success=done, on_error=self._show_error, parent=self)

    def is_signing_in(self) -> bool:
        return self._sign_in_task is not None

    # --- what the user sees ------------------------------------------------------------

    def _provider_name(self) -> str:
        return provider_name(self._provider)

    def _sign_in_text(self) -> str:
        if self._provider == "microsoft":
            return self.tr("Sign in with Microsoft")
        return self.tr("Sign in with Google")

    def _show_idle(self, *, signed_in: bool) -> None:
        self.button.setText(self._sign_in_text())
        self.button.setEnabled(bool(self._address) and bool(self._provider))
        self.sign_out_button.setVisible(signed_in)
        if not self._address:
            self.status.setText(self.tr("Enter the sender's address first."))
        elif signed_in:
            self.status.setText(
                self.tr("Signed in as {address} with {provider}.").format(
                    address=self._address, provider=self._provider_name()
                )
            )
        else:
            self.status.setText(self.tr("Not signed in."))

    def _show_not_configured(self) -> None:
        self.button.setEnabled(False)
        self.sign_out_button.setVisible(False)
        self.status.setText(
            self.tr(
                "Sign-in with {provider} is not configured in this copy of Facturier: "
                "whoever installed it must provide an OAuth2 client id ({variable}, or the "
                "file oauth_clients.json). Meanwhile, use an app password."
            ).format(
                provider=self._provider_name(),
                variable=env_variable(self._provider, "client_id"),
            )
        )

    def _show_error(self, error: BaseException) -> None:
        # By its code: the error types belong to the mail package, which the window
        # does not import (pyproject.toml, import-linter).
        if isinstance(error, FacturierError) and error.code == "oauth.not_configured":
            self._show_not_configured()
            return
        self._show_idle(signed_in=False)
        self.status.setText(self.error_text(error))

    def error_text(self, error: object) -> str:
        """One sentence for a sign-in's failure."""
        if not isinstance(error, FacturierError):
            return self.tr("The sign-in failed: {detail}").format(detail=str(error))
        name = self._provider_name()
        reason = str(error.data.get("reason", ""))
        if error.code == "oauth.revoked":
            return self.tr(
                "{provider} sign-in expired: sign in again with the button above."
            ).format(provider=name)
        if error.code == "oauth.unreachable":
            return self.tr(
                "{provider} cannot be reached: check the Internet connection, then try again."
            ).format(provider=name)
        if reason == "denied":
            return self.tr("The sign-in was refused in the browser. Nothing was changed.")
        if reason == "timeout":
            return self.tr(
                "No answer came from the browser in time. Click the button to try again."
            )
        if reason == "cancelled":
            return self.tr("Sign-in cancelled.")
        if reason == "browser":
            return self.tr("No browser could be opened on this computer.")
        if reason == "keyring":
            return self.tr("The system keyring is not available: the sign-in could not be kept.")
        return self.tr("{provider} refused the sign-in ({detail}).").format(
            provider=name, detail=str(error.data.get("error", "")) or error.detail
        )
