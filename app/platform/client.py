"""The client of the e-invoicing platform's API (AFNOR XP Z12-013 subset, see
docs: the agreed platform API): OAuth2 client credentials, the Flow and Directory services.

Every failure is a typed error of ``app.platform.errors``; what matters most is whether
the request may have reached the platform: ``PlatformUnreachableError`` and
``PlatformTlsError`` mean it did not, ``PlatformConnectionLostError`` means it was sent and
may have been processed (look for the flow by its tracking id before depositing again).
TLS is always verified: the system's trust store, plus ``FACTURIER_PLATFORM_CAFILE``.
"""

from __future__ import annotations

import email.utils
import functools
import hashlib
import json
import os
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar

import requests
import requests.adapters
import urllib3.exceptions

from app.platform.errors import (
    PlatformAuthError,
    PlatformBadAnswerError,
    PlatformConnectionLostError,
    PlatformError,
    PlatformNotConfiguredError,
    PlatformRejectedError,
    PlatformTemporaryError,
    PlatformTlsError,
    PlatformUnreachableError,
)
from app.platform.flows import (
    DirectoryLine,
    Flow,
    FlowInfo,
    FlowReceipt,
    LegalUnit,
    PlatformAccount,
)

CAFILE_ENV = "FACTURIER_PLATFORM_CAFILE"
TEMPORARY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# A cached token is dropped this long before it expires (at most a tenth of its life), so
# that a call never leaves with a token about to die on the way.
TOKEN_MARGIN = 30.0

_T = TypeVar("_T")


def parse_timestamp(value: object) -> datetime:
    """An ISO 8601 timestamp (``Z`` or an offset; none means UTC), in UTC."""
    if not isinstance(value, str):
        raise ValueError(f"not a timestamp: {value!r}")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def format_timestamp(moment: datetime) -> str:
    """``2027-09-15T10:30:00Z`` (a naive datetime is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def make_ssl_context() -> ssl.SSLContext:
    """The system's trust store plus ``FACTURIER_PLATFORM_CAFILE``; verification always on."""
    context = ssl.create_default_context()
    cafile = os.environ.get(CAFILE_ENV)
    if cafile:
        try:
            context.load_verify_locations(cafile=cafile)
        except (OSError, ssl.SSLError) as exc:
            raise PlatformTlsError(str(exc), reason="cafile", cafile=cafile) from exc
    return context


class _TlsAdapter(requests.adapters.HTTPAdapter):
    """Connections verified with our SSL context instead of requests' CA bundle."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self._context
        return super().proxy_manager_for(proxy, **proxy_kwargs)


class PlatformClient:
    """One platform account over one HTTP session; use it as a context manager or call
    ``close()``. The access token is fetched when first needed and reused until shortly
    before it expires; a call refused with 401 gets a new token and is repeated once."""

    def __init__(self, account: PlatformAccount) -> None:
        if not account.base_url or not account.client_id.strip():
            raise PlatformNotConfiguredError(
                "no platform URL or client id", url=account.url, client_id=account.client_id
            )
        for url in (account.base_url, account.effective_token_url):
            if urllib.parse.urlsplit(url).scheme.lower() != "https" or not _host(url):
                raise PlatformNotConfiguredError(
                    "the platform URL must be https://HOST/...", reason="not_https", url=url
                )
        self.account = account
        self._session = requests.Session()
        self._session.mount("https://", _TlsAdapter(make_ssl_context()))
        self._session.headers["Accept"] = "application/json"
        self._token: str | None = None
        self._token_expires = 0.0  # time.monotonic() after which the token is not used
        self._token_lock = threading.Lock()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    # --- the services ---------------------------------------------------------------------

    def health(self) -> None:
        """Returns when the platform says it is up (no token needed); a 200 saying
        otherwise is ``PlatformTemporaryError`` (reason "down")."""
        response = self._call("GET", "/healthcheck", auth=False)
        status = self._json(response).get("status")
        if status != "UP":
            raise PlatformTemporaryError(
                f"platform status {status!r}", reason="down", retry_after=None, **_about(response)
            )

    def authenticate(self) -> None:
        """Get a new access token now: checks the client id and secret."""
        with self._token_lock:
            self._token = None
        self._access_token()

    def directory_line(self, identifier: str) -> DirectoryLine | None:
        """Who receives invoices for this SIREN, SIRET or routing code; None when the
        identifier is not registered (the client receives invoices by e-mail)."""
        response = self._call(
            "GET", f"/directory-line/code:{_segment(identifier)}", missing_ok=True
        )
        if response.status_code == 404:
            return None
        answer = self._json(response)
        return _build(
            response,
            lambda: DirectoryLine(
                identifier=str(answer["addressingIdentifier"]),
                siren=str(answer.get("siren") or ""),
                platform_name=str((answer.get("platform") or {}).get("name") or ""),
            ),
        )

    def legal_unit(self, siren: str) -> LegalUnit | None:
        """The company registered under this SIREN, or None when unknown."""
        response = self._call("GET", f"/siren/code-insee:{_segment(siren)}", missing_ok=True)
        if response.status_code == 404:
            return None
        answer = self._json(response)
        return _build(
            response,
            lambda: LegalUnit(siren=str(answer["siren"]), name=str(answer.get("businessName", ""))),
        )

    def deposit(
        self, info: FlowInfo, content: bytes, filename: str, media_type: str
    ) -> FlowReceipt:
        """Send a file (an invoice's Factur-X PDF, or a CDAR lifecycle message).

        ``PlatformConnectionLostError`` means it may have been received: search its
        tracking id before depositing again (the platform does not refuse a double)."""
        flow_info = {
            "trackingId": info.tracking_id,
            "name": info.name,
            "processingRule": info.processing_rule,
            "flowSyntax": info.flow_syntax,
            "flowProfile": info.flow_profile,
            "sha256": hashlib.sha256(content).hexdigest(),
        }
        files = {
            "flowInfo": (None, json.dumps(flow_info).encode(), "application/json"),
            "file": (filename, content, media_type),
        }
        response = self._call("POST", "/flows", files=files)
        answer = self._json(response)
        return _build(
            response,
            lambda: FlowReceipt(
                flow_id=str(answer["flowId"]),
                submitted_at=parse_timestamp(answer["submittedAt"]),
            ),
        )

    def flow(self, flow_id: str) -> Flow:
        """The flow's metadata and acknowledgement (``PlatformRejectedError`` 404 when
        the platform does not know it)."""
        response = self._call("GET", f"/flows/{_segment(flow_id)}")
        answer = self._json(response)
        return _build(response, functools.partial(_flow, answer))

    def search_flows(
        self,
        *,
        tracking_id: str | None = None,
        flow_types: Sequence[str] = (),
        directions: Sequence[str] = (),
        updated_after: datetime | None = None,
        limit: int = 100,
    ) -> list[Flow]:
        """The flows matching every filter given (at least one), oldest update first."""
        where: dict[str, Any] = {}
        if tracking_id is not None:
            where["trackingId"] = tracking_id
        if flow_types:
            where["flowType"] = list(flow_types)
        if directions:
            where["flowDirection"] = list(directions)
        if updated_after is not None:
            where["updatedAfter"] = format_timestamp(updated_after)
        if not where:
            raise ValueError("search_flows needs at least one filter")
        response = self._call("POST", "/flows/search", json={"limit": limit, "where": where})
        answer = self._json(response)
        results = answer.get("results")
        if not isinstance(results, list):
            raise _bad_answer(response, "no results list")
        flows = []
        for item in results:
            if not isinstance(item, Mapping):
                raise _bad_answer(response, "a result is not an object")
            flows.append(_build(response, functools.partial(_flow, item)))
        return flows

    def download(self, flow_id: str) -> bytes:
        """The flow's file as deposited (the PDF, the CDAR XML)."""
        response = self._call(
            "GET", f"/flows/{_segment(flow_id)}", params={"docType": "Original"}, accept="*/*"
        )
        return response.content

    # --- the token --------------------------------------------------------------------------

    def _access_token(self) -> tuple[str, bool]:
        """The token to use, and whether it was just fetched."""
        with self._token_lock:
            if self._token is not None and time.monotonic() < self._token_expires:
                return self._token, False
            self._token = None
            token, lifetime = self._fetch_token()
            self._token = token
            margin = min(TOKEN_MARGIN, lifetime / 10)
            self._token_expires = time.monotonic() + max(0.0, lifetime - margin)
            return token, True

    def _drop_token(self, token: str) -> None:
        with self._token_lock:
            if self._token == token:
                self._token = None

    def _fetch_token(self) -> tuple[str, float]:
        url = self.account.effective_token_url
        try:
            response = self._session.post(
                url,
                data={"grant_type": "client_credentials"},
                # RFC 6749 §2.3.1: both form-encoded before HTTP Basic
                auth=(_form_encoded(self.account.client_id), _form_encoded(self.account.secret)),
                timeout=self.account.timeout,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            error = _network_error(exc, url)
            if isinstance(error, PlatformConnectionLostError):
                # Only the token request was lost: the call itself was not sent.
                error = PlatformTemporaryError(error.detail, stage="token", **error.data)
            raise error from exc
        if response.status_code in (400, 401, 403):
            body = _body(response)
            raise PlatformAuthError(
                f"token refused: HTTP {response.status_code}",
                stage="token",
                error=str(body.get("error", "")),
                **_about(response),
            )
        if not response.ok:
            raise _status_error(response)
        answer = self._json(response)
        token = answer.get("access_token")
        if not isinstance(token, str) or not token:
            raise _bad_answer(response, "no access_token")
        try:
            lifetime = float(answer.get("expires_in", 3600))
        except (TypeError, ValueError):
            lifetime = 3600.0  # RFC 6749: expires_in is only recommended
        return token, lifetime

    # --- one call -----------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        missing_ok: bool = False,
        accept: str = "application/json",
        **options: Any,
    ) -> requests.Response:
        """The 2xx response (or the 404 one when ``missing_ok``), else a typed error."""
        url = self.account.base_url + path
        headers = {"Accept": accept}
        token, fresh = "", True
        for attempt in range(2):
            if auth:
                token, fresh = self._access_token()
                headers["Authorization"] = f"Bearer {token}"
            response = self._send(method, url, headers, options)
            if response.status_code == 401 and auth and attempt == 0 and not fresh:
                self._drop_token(token)  # expired or revoked on the platform's side
                continue
            break
        if response.status_code in (401, 403):
            raise PlatformAuthError(
                f"refused: HTTP {response.status_code}", stage="call", **_about(response)
            )
        if response.status_code == 404 and missing_ok:
            return response
        if not 200 <= response.status_code < 300:
            raise _status_error(response)
        return response

    def _send(
        self, method: str, url: str, headers: Mapping[str, str], options: Mapping[str, Any]
    ) -> requests.Response:
        try:
            return self._session.request(
                method,
                url,
                headers=dict(headers),
                timeout=self.account.timeout,
                allow_redirects=False,
                **options,
            )
        except requests.RequestException as exc:
            raise _network_error(exc, url) from exc

    @staticmethod
    def _json(response: requests.Response) -> dict[str, Any]:
        try:
            answer = response.json()
        except ValueError as exc:
            raise _bad_answer(response, "not JSON") from exc
        if not isinstance(answer, dict):
            raise _bad_answer(response, "not a JSON object")
        return answer


# --- answers --------------------------------------------------------------------------------


def _flow(answer: Mapping[str, Any]) -> Flow:
    ack = answer.get("acknowledgement") or {}
    reasons = tuple(
        str(item.get("reasonMessage") or item.get("reasonCode") or "")
        for item in ack.get("details") or ()
        if isinstance(item, Mapping)
    )
    return Flow(
        flow_id=str(answer["flowId"]),
        tracking_id=str(answer.get("trackingId") or ""),
        flow_type=str(answer.get("flowType") or ""),
        direction=str(answer.get("flowDirection") or ""),
        syntax=str(answer.get("flowSyntax") or ""),
        name=str(answer.get("name") or ""),
        ack_status=str(ack.get("status") or ""),
        ack_reasons=tuple(reason for reason in reasons if reason),
        submitted_at=parse_timestamp(answer["submittedAt"]),
        updated_at=parse_timestamp(answer.get("updatedAt") or answer["submittedAt"]),
    )


def _build(response: requests.Response, make: Callable[[], _T]) -> _T:
    """``make()``, a 2xx answer missing a field or holding a bad one being a
    ``PlatformBadAnswerError``."""
    try:
        return make()
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _bad_answer(response, f"{type(exc).__name__}: {exc}") from exc


def _body(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _about(response: requests.Response) -> dict[str, Any]:
    """The error data of an answer: url, http_status, platform_message (AFNORError)."""
    body = _body(response)
    said = [str(body[k]).strip() for k in ("message", "details") if body.get(k)]
    if len(said) == 2 and said[0] == said[1]:
        said.pop()
    return {
        "url": response.url,
        "http_status": response.status_code,
        "platform_message": ": ".join(said),
    }


def _status_error(response: requests.Response) -> PlatformError:
    status = response.status_code
    about = _about(response)
    detail = f"HTTP {status} {about['platform_message']}".strip()
    if status in TEMPORARY_STATUSES:
        retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        return PlatformTemporaryError(detail, retry_after=retry_after, **about)
    if 400 <= status < 500:
        return PlatformRejectedError(detail, **about)
    return PlatformError(detail, **about)  # a redirect, 501, 505...: not what the API says


def _bad_answer(response: requests.Response, why: str) -> PlatformBadAnswerError:
    return PlatformBadAnswerError(
        f"unexpected answer: {why}", url=response.url, http_status=response.status_code
    )


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds from now: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


# --- network failures -----------------------------------------------------------------------


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and what it wraps (requests → urllib3 → socket/ssl)."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        wrapped += [arg for arg in current.args if isinstance(arg, BaseException)]
        pending += [w for w in wrapped if isinstance(w, BaseException)]


def _network_error(exc: requests.RequestException, url: str) -> PlatformError:
    detail = f"{type(exc).__name__}: {exc}"
    data: dict[str, Any] = {"url": url, "network_error": detail}
    causes = list(_causes(exc))
    if any(isinstance(c, requests.exceptions.SSLError | ssl.SSLError) for c in causes):
        return PlatformTlsError(detail, **data)
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return PlatformNotConfiguredError(detail, reason="bad_url", **data)
    not_sent = (
        requests.exceptions.ConnectTimeout,
        requests.exceptions.ProxyError,
        urllib3.exceptions.NewConnectionError,  # refused, unknown host (NameResolutionError)
        urllib3.exceptions.ConnectTimeoutError,
    )
    if any(isinstance(c, not_sent) for c in causes):
        return PlatformUnreachableError(detail, **data)
    # Read timeout, connection reset or closed once the request was on its way (or a
    # failure we cannot place): the platform may have processed it.
    return PlatformConnectionLostError(detail, **data)


def _form_encoded(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).hostname or ""


def _segment(value: str) -> str:
    """A path segment: nothing in it can change the path."""
    return urllib.parse.quote(value.strip(), safe=":")
