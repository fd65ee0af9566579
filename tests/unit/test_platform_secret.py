"""The platform's client secret: kept per platform URL and client id, the environment first,
and a failing keyring told with the keyring's own error code."""

from __future__ import annotations

import keyring
import keyring.backend
import pytest

from app.platform.errors import PlatformKeyringError, PlatformSecretMissingError
from app.platform.secret import (
    KEYRING_SERVICE,
    platform_secret,
    require_platform_secret,
    store_platform_secret,
)
from tests.conftest import MemoryKeyring

URL = "https://pa.example/api/v1"


@pytest.fixture(autouse=True)
def _no_env_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTURIER_PLATFORM_SECRET", raising=False)


def test_the_secret_is_bound_to_the_url_and_the_client_id(memory_keyring: MemoryKeyring) -> None:
    store_platform_secret(URL + "/", "client-a", "s3cret")
    assert memory_keyring.passwords == {(KEYRING_SERVICE, f"{URL}|client-a"): "s3cret"}
    assert platform_secret(URL, "client-a") == "s3cret"
    assert platform_secret(URL, "client-b") is None
    assert platform_secret("https://other.example/api/v1", "client-a") is None
    with pytest.raises(PlatformSecretMissingError):
        require_platform_secret(URL, "client-b")


def test_the_environment_overrides_the_keyring(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_platform_secret(URL, "client-a", "stored")
    monkeypatch.setenv("FACTURIER_PLATFORM_SECRET", "from-env")
    assert require_platform_secret(URL, "client-a") == "from-env"


class _Forgetful(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        pass  # like keyring's null backend: accepts and keeps nothing


class _Broken(keyring.backend.KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("D-Bus is down")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("D-Bus is down")

    def delete_password(self, service: str, username: str) -> None:
        raise RuntimeError("D-Bus is down")


@pytest.mark.parametrize("backend", [_Forgetful, _Broken])
def test_a_keyring_that_fails_or_keeps_nothing_is_the_keyring_error(
    backend: type[keyring.backend.KeyringBackend],
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend())
    try:
        with pytest.raises(PlatformKeyringError) as raised:
            store_platform_secret(URL, "client-a", "s3cret")
        assert (raised.value.code, raised.value.data["reason"]) == (
            "keyring.unavailable",
            "platform",
        )
        if backend is _Broken:
            with pytest.raises(PlatformKeyringError, match="D-Bus"):
                platform_secret(URL, "client-a")
    finally:
        keyring.set_keyring(previous)
