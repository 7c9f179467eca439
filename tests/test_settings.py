"""Settings: every one is declared once, documented in the README, and read from the
environment with its type."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from supplywatch.errors import ConfigError
from supplywatch.settings import SETTINGS, Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_setting_is_declared_and_documented() -> None:
    declared = {s.name: s for s in SETTINGS}
    assert set(declared) == {f.name for f in fields(Settings)}
    readme = README.read_text(encoding="utf-8")
    for name, setting in declared.items():
        assert getattr(Settings(), name) == setting.default, name
        assert f"`SUPPLYWATCH_{name.upper()}`" in readme, f"{name} missing from README's Settings"


def test_environment_values_take_the_setting_type() -> None:
    settings = Settings.load(env={"SUPPLYWATCH_ALLOW_PRIVATE_URLS": "false",
                                  "SUPPLYWATCH_POLL_FEEDS": "0",
                                  "SUPPLYWATCH_RATE_LIMIT": "30",
                                  "SUPPLYWATCH_HOST_INTERVAL": "0.5"})
    assert settings.allow_private_urls is False
    assert settings.poll_feeds is False
    assert settings.rate_limit == 30
    assert settings.host_interval == 0.5
    assert Settings.load(env={"SUPPLYWATCH_ALLOW_PRIVATE_URLS": "yes"}).allow_private_urls


@pytest.mark.parametrize(("name", "value"), [("POLL_FEEDS", "maybe"), ("RATE_LIMIT", "lots")])
def test_a_bad_value_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=f"SUPPLYWATCH_{name}"):
        Settings.load(env={f"SUPPLYWATCH_{name}": value})
