"""OAuth2 account problems that stopped a batch, as sentences (ui/messages.py) and as a
few words for a batch title (ui/dialogs/batch_summary.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.oauth_providers import provider_name
from app.errors import FacturierError


def oauth_problem_text(error: FacturierError) -> str | None:
    """The sentence for an OAuth2 account's problem that stopped a batch (held, reason
    SETTINGS), or None when ``error`` is not one (ui/messages.py asks first)."""
    name = str(error.data.get("provider_name", "")) or provider_name(
        str(error.data.get("provider", ""))
    )
    context = "OAuthMessages"
    if error.code == "oauth.revoked":
        return QCoreApplication.translate(
            context, "{provider} sign-in expired: sign in again in Settings > Mail."
        ).format(provider=name)
    if error.code == "oauth.not_configured":
        return QCoreApplication.translate(
            context,
            "Sign-in with {provider} is not configured in this copy of Facturier: whoever "
            "installed it must provide an OAuth2 client id ({variable}, or the file "
            "oauth_clients.json). Meanwhile, use an app password.",
        ).format(provider=name, variable=str(error.data.get("variable", "")))
    if error.code == "oauth.unreachable":
        return QCoreApplication.translate(
            context,
            "{provider} cannot be reached: check the Internet connection, then try again.",
        ).format(provider=name)
    if error.code.startswith("oauth") or (
        error.code == "smtp.auth" and str(error.data.get("reason", "")).startswith("oauth")
    ):
        return QCoreApplication.translate(
            context,
            "The mail server refuses the {provider} sign-in: sign in again in Settings > Mail.",
        ).format(provider=name)
    return None


def oauth_short_reason(error: FacturierError) -> str | None:
    """A few words for a batch title (ui/dialogs/batch_summary.py), or None."""
    if error.code == "oauth.unreachable":
        return QCoreApplication.translate("OAuthMessages", "the sign-in service cannot be reached")
    if oauth_problem_text(error) is None:
        return None
    name = str(error.data.get("provider_name", "")) or "OAuth2"
    return QCoreApplication.translate("OAuthMessages", "the {provider} sign-in expired").format(
        provider=name
    )
