"""app.config: settings come from SLOTFILL_* variables; an empty one counts as unset."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SLOTFILL_MODEL", "/models/atis")
    monkeypatch.setenv("SLOTFILL_BATCHING", "false")
    monkeypatch.setenv("SLOTFILL_MAX_TOKENS", "50")
    monkeypatch.setenv("SLOTFILL_CORS_ORIGINS", '["https://app.example"]')
    settings = Settings()
    assert settings.model == Path("/models/atis")
    assert settings.batching is False and settings.max_tokens == 50
    assert settings.cors_origins == ["https://app.example"]


def test_empty_variable_is_unset(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SLOTFILL_MODEL", "")
    assert Settings().model is None  # the bundled model


def test_limits_must_be_positive(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SLOTFILL_MAX_TOKENS", "0")
    with pytest.raises(ValueError, match="max_tokens"):
        Settings()


def test_the_in_domain_threshold_is_a_probability(monkeypatch: pytest.MonkeyPatch):
    assert Settings().in_domain_threshold is None  # the model's own
    monkeypatch.setenv("SLOTFILL_IN_DOMAIN_THRESHOLD", "0.3")
    assert Settings().in_domain_threshold == 0.3
    monkeypatch.setenv("SLOTFILL_IN_DOMAIN_THRESHOLD", "1.5")
    with pytest.raises(ValueError, match="in_domain_threshold"):
        Settings()


def test_the_resolving_stage_is_on_unless_switched_off(monkeypatch: pytest.MonkeyPatch):
    assert Settings().resolve is True
    monkeypatch.setenv("SLOTFILL_RESOLVE", "false")
    assert Settings().resolve is False
    monkeypatch.setenv("SLOTFILL_RESOLVE", "sometimes")
    with pytest.raises(ValueError, match="resolve"):
        Settings()
