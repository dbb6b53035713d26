"""Settings: defaults, then the TOML file, then CADRE_* variables, then explicit overrides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.config import load_settings


def test_file_then_environment_then_overrides(tmp_path, monkeypatch):
    config = tmp_path / "cadre.toml"
    config.write_text('max_file_mb = 8\nindex_dir = "/srv/cadre/index"\ntoday = "2027-01-15"\n', encoding="utf-8")
    monkeypatch.setenv("CADRE_CONFIG", str(config))
    monkeypatch.setenv("CADRE_MAX_FILE_MB", "12")
    settings = load_settings(index_dir=tmp_path / "cli-index")
    assert settings.max_file_mb == 12.0
    assert settings.index_dir == tmp_path / "cli-index"
    assert settings.today == date(2027, 1, 15)
    assert isinstance(settings.cache_dir, Path)


def test_unknown_setting_and_bad_authority_are_refused(tmp_path, monkeypatch):
    config = tmp_path / "cadre.toml"
    config.write_text("max_file_megabytes = 8\n", encoding="utf-8")
    monkeypatch.setenv("CADRE_CONFIG", str(config))
    with pytest.raises(ValueError, match=r"unknown settings .*max_file_megabytes"):
        load_settings()
    monkeypatch.delenv("CADRE_CONFIG")
    monkeypatch.setenv("CADRE_USER_AUTHORITY", "loi")
    with pytest.raises(ValueError, match="user_authority must be one of"):
        load_settings()


def test_an_unreadable_value_names_its_setting_and_an_empty_one_is_unset(monkeypatch):
    monkeypatch.setenv("CADRE_TODAY", "demain")
    with pytest.raises(ValueError, match=r"setting today \(CADRE_TODAY\) must be a date YYYY-MM-DD, not 'demain'"):
        load_settings()
    monkeypatch.setenv("CADRE_MAX_FILE_MB", "douze")
    monkeypatch.setenv("CADRE_TODAY", "")
    with pytest.raises(ValueError, match=r"setting max_file_mb \(CADRE_MAX_FILE_MB\) must be a float, not 'douze'"):
        load_settings()
    monkeypatch.setenv("CADRE_MAX_FILE_MB", "")
    assert load_settings().today is None
