"""The settings' test of the mail account, told step by step: one line per step (done or
failed) and, when a step failed, what to do about it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.domain.smtp_replies import safe_text
from app.errors import FacturierError
from app.services.mail_test import StepResult, TestStep
from app.services.settings import Company
from ui.dialogs.settings_texts import mail_test_error_text

_DONE, _FAILED = "✔", "✘"


class MailTestWords(QObject):
    """Sentences of the test (a QObject for its translation context)."""

    def step_line(self, result: StepResult, company: Company) -> str:
        smtp = f"{company.smtp_host}:{company.smtp_port}"
        imap = f"{company.imap_host}:{company.imap_port}"
        if result.ok:
            text = {
                TestStep.CONNECT: self.tr("Connected to the sending server {server}").format(
                    server=smtp
                ),
                TestStep.LOGIN: self.tr("Signed in"),
                TestStep.SEND: self.tr("Test message sent to {address}").format(
                    address=company.sender_address
                ),
                TestStep.IMAP_LOGIN: self.tr("Signed in to the IMAP server {server}").format(
                    server=imap
                ),
                TestStep.SENT_COPY: self.tr("The message is in the folder “{folder}”").format(
                    folder=result.detail
                ),
            }[result.step]
            return f"{_DONE} {safe_text(text)}"
        text = {
            TestStep.CONNECT: self.tr("No connection to the sending server {server}").format(
                server=smtp
            ),
            TestStep.LOGIN: self.tr("Sign-in refused by the sending server"),
            TestStep.SEND: self.tr("The test message was not accepted"),
            TestStep.IMAP_LOGIN: self.tr("No connection to the IMAP server {server}").format(
                server=imap
            ),
            TestStep.SENT_COPY: self.tr("The message could not be filed in the Sent folder"),
        }[result.step]
        return f"{_FAILED} {safe_text(text)}"

    def advice(self, result: StepResult) -> str:
        """What to do when this step failed."""
        error = result.error
        if error is None:
            return ""
        if result.step in (TestStep.CONNECT, TestStep.LOGIN, TestStep.SEND):
            return mail_test_error_text(error)
        return self.imap_advice(error)

    def imap_advice(self, error: FacturierError) -> str:
        code, reason = error.code, error.data.get("reason")
        folder = str(error.data.get("folder", ""))
        if code == "imap.auth" and reason == "oauth_token":
            return self.tr("Sign in to your mail account again (button “Sign in”).")
        if code == "imap.auth":
            return self.tr(
                "The IMAP server refuses the user name or the password. Check the IMAP user "
                "name; the password is the one used for sending."
            )
        if code == "imap.password_missing":
            return self.tr("Type the mail password above, then test again.")
        if code == "imap.tls":
            return self.tr(
                "Check the IMAP security and port: usually 993 with SSL/TLS, 143 with "
                "STARTTLS. If the server's certificate is not trusted, check its name."
            )
        if code == "imap.unreachable":
            return self.tr(
                "Check the IMAP server's name and port, and the Internet connection. The "
                "messages are sent all the same; their copies wait."
            )
        if code == "imap.no_sent_folder" and reason == "configured":
            return self.tr(
                "The folder “{folder}” does not exist: correct its name, or leave “Sent folder” "
                "empty to find it automatically."
            ).format(folder=folder)
        if code == "imap.no_sent_folder":
            return self.tr("No Sent folder was found: type its name in “Sent folder”.")
        if code == "imap.append_refused":
            return self.tr("The server refused to store the copy: your mailbox may be full.")
        if code == "imap.not_in_sent":
            return self.tr(
                "Your provider did not file the message in “{folder}” yet: look for it in your "
                "mail program's Sent folder."
            ).format(folder=folder)
        return mail_test_error_text(error)

    def report(self, steps: Sequence[StepResult], company: Company, running: bool) -> str:
        """What to do (a step failed) or that all is well, then every step, one a line;
        while the test runs, the steps so far."""
        lines = [self.step_line(step, company) for step in steps]
        failed = next((step for step in steps if not step.ok), None)
        if failed is not None:
            return "\n".join([safe_text(self.advice(failed), 2000), "", *lines])
        if running:
            return "\n".join([*lines, self.tr("Testing…")])
        sent = next((step for step in steps if step.step == TestStep.SEND), None)
        summary = self.tr(
            "The test message was sent to {address}; check your inbox. The server answered: {reply}"
        ).format(
            address=company.sender_address,
            reply=safe_text(sent.detail if sent is not None else ""),
        )
        return "\n".join([summary, "", *lines])
