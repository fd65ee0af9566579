"""What the settings page asks of the mail account service: presets by id, the providers
with a pace, the instant (bundled, offline) lookup of an address, and the OAuth2 state."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.mail_presets import DiscoverySource
from app.services.mail_account import bundled_discovery, known_preset, paced_presets
from app.services.oauth_account import oauth_account_state, sign_out
from tests.conftest import MemoryKeyring


def test_a_bundled_domain_is_found_at_once_with_its_servers_filled_in() -> None:
    found = bundled_discovery("Jean.Dupont@Orange.fr")
    assert found is not None
    assert found.source is DiscoverySource.BUNDLED
    assert found.address == "Jean.Dupont@Orange.fr"
    assert found.preset.id == "orange"
    assert found.preset.smtp.host == "smtp.orange.fr"


@pytest.mark.parametrize("address", ["jean@artisan-sans-preset.fr", "not an address", ""])
def test_other_addresses_wait_for_discovery(address: str) -> None:
    # None, without the network: the page then runs discover_for in the background.
    assert bundled_discovery(address) is None


def test_presets_by_id_and_the_pace_list() -> None:
    gmail = known_preset("gmail")
    assert gmail is not None and gmail.name
    assert known_preset("no-such-provider") is None
    assert known_preset("") is None
    paced = paced_presets()
    assert paced and all(p.rate_per_minute > 0 for p in paced)
    assert "outlook" in {p.id for p in paced}


def test_oauth_state_follows_the_configuration_and_the_keyring(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    monkeypatch.setenv("FACTURIER_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.delenv("FACTURIER_OAUTH_GOOGLE_CLIENT_ID", raising=False)
    address = "prenom.nom@gmail.com"
    state = oauth_account_state("google", address)
    assert not state.configured and not state.signed_in
    monkeypatch.setenv("FACTURIER_OAUTH_GOOGLE_CLIENT_ID", "test-client")
    assert oauth_account_state("google", address).configured
    memory_keyring.set_password("facturier", f"oauth://google/{address}", "refresh")
    assert oauth_account_state("google", address).signed_in
    assert not oauth_account_state("google", "").signed_in
    sign_out("google", address)
    assert not oauth_account_state("google", address).signed_in
