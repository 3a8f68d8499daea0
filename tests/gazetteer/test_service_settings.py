"""The service's keys and limits from the environment: defaults, parsing, refusals, and the README's list."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from gazetteer.errors import InvalidInput
from gazetteer.settings import SERVICE_ENV, ServiceSettings, is_loopback, load_settings, service_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_variable_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    given = {
        "GAZETTEER_HOST": "0.0.0.0",
        "GAZETTEER_REQUIRE_KEYS": "yes",
        "GAZETTEER_RATE_LIMIT": "0",
        "GAZETTEER_MAX_BODY_BYTES": "1024",
        "GAZETTEER_HEADER_TIMEOUT": "2.5",
        "GAZETTEER_BODY_TIMEOUT": "3",
        "GAZETTEER_REQUEST_TIMEOUT": "4",
        "GAZETTEER_ALLOWED_HOSTS": " api.example.org, *.example.net ,",
        "GAZETTEER_CORS_ORIGINS": "https://maps.example.org",
    }
    assert set(given) == set(SERVICE_ENV.values())
    for name, value in given.items():
        monkeypatch.setenv(name, value)
    assert load_settings(Path("unused")).service == ServiceSettings(
        "0.0.0.0", True, 0, 1024, 2.5, 3.0, 4.0, ("api.example.org", "*.example.net"), ("https://maps.example.org",)
    )


def test_defaults_keep_writes_open_on_loopback_only() -> None:
    defaults = service_settings({})
    assert defaults == ServiceSettings() and not defaults.keys_required
    assert defaults.rate_per_minute > 0 and defaults.allowed_hosts == () and defaults.cors_origins == ()
    assert service_settings({"GAZETTEER_HOST": "192.0.2.10"}).keys_required
    assert service_settings({"GAZETTEER_REQUIRE_KEYS": "1"}).keys_required
    assert not service_settings({"GAZETTEER_REQUIRE_KEYS": "off"}).keys_required


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GAZETTEER_REQUIRE_KEYS", "maybe"),
        ("GAZETTEER_RATE_LIMIT", "-1"),
        ("GAZETTEER_RATE_LIMIT", "fast"),
        ("GAZETTEER_MAX_BODY_BYTES", "1e6"),
        ("GAZETTEER_HEADER_TIMEOUT", "0"),
        ("GAZETTEER_BODY_TIMEOUT", "inf"),
        ("GAZETTEER_REQUEST_TIMEOUT", "nan"),
        ("GAZETTEER_HOST", " "),
    ],
)
def test_a_bad_value_names_its_variable(name: str, value: str) -> None:
    with pytest.raises(InvalidInput, match=name):
        service_settings({name: value})


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.0.2.1", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_readme_lists_every_variable_with_its_default() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Keys and limits") :]
    defaults = ServiceSettings()
    for field in fields(ServiceSettings):
        line = next((row for row in section.splitlines() if f"`{SERVICE_ENV[field.name]}`" in row), "")
        assert line, SERVICE_ENV[field.name]
        default = getattr(defaults, field.name)
        if isinstance(default, (int, float)) and not isinstance(default, bool):
            assert f"{default:,g}" in line or f"{default:g}" in line or f"{default:,}" in line, line
