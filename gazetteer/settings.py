"""Where the project keeps its files, the deployment's home region and how the service guards itself.

Everything comes from the environment or the defaults written here, once:
``ServiceSettings`` names each variable with its default, and the README
lists them.
"""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from gazetteer.errors import InvalidInput
from gazetteer.limits import MAX_TEXT_BYTES

APP_NAME = "karabakh-gazetteer"


@dataclass(frozen=True, slots=True)
class Region:
    """A deployment's home region: lookups without focus or country prefer places in it."""

    west: float
    """Western edge, degrees east."""
    south: float
    """Southern edge, degrees north."""
    east: float
    """Eastern edge, degrees east (not across the antimeridian)."""
    north: float
    """Northern edge, degrees north."""
    name: str = ""
    """What the box stands for, for display."""

    def clamp(self, lon: float, lat: float) -> tuple[float, float]:
        """The point of the box nearest in longitude and latitude to ``(lon, lat)`` (itself when inside)."""
        return min(max(lon, self.west), self.east), min(max(lat, self.south), self.north)


SOUTH_CAUCASUS = Region(38.0, 36.5, 51.0, 44.5, "South Caucasus")
"""Azerbaijan, Armenia and Georgia with their borderlands: eastern Turkey, north-western Iran, the North Caucasus."""
NO_REGION = ("", "none", "off")
"""``GAZETTEER_REGION`` values that turn the region preference off."""


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
"""Host names of the loopback interface."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 in brackets or not) is the loopback interface.

    >>> is_loopback("127.0.0.2"), is_loopback("[::1]"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """How the HTTP service guards itself: keys on writes, and the limits an operator sets.

    Each field is read from the environment variable named in ``SERVICE_ENV``.
    """

    host: str = "127.0.0.1"
    """Address the server listens on (``gazetteer serve --host`` sets it); beyond loopback writes need a key."""
    require_keys: bool = False
    """Writes (POST, PUT, DELETE) need a key on loopback too."""
    rate_per_minute: int = 1200
    """Requests one client (IP address) may make per minute, in bursts up to that many; 0 for no limit."""
    max_body_bytes: int = 3 * MAX_TEXT_BYTES + 64 * 1024
    """Largest request body: room for the largest text even when JSON escapes every character."""
    header_timeout_s: float = 10.0
    """Seconds a client has to send a request's line and headers, from connecting or from the last response."""
    body_timeout_s: float = 30.0
    """Seconds a request body may pause between two pieces before the request is answered 408 and closed."""
    request_timeout_s: float = 60.0
    """Seconds a request may take before it is answered 503."""
    allowed_hosts: tuple[str, ...] = ()
    """Host names the server answers to (``*.example.org`` patterns, ``*`` for any); empty: on connections
    over loopback only the loopback names and the listening host (no DNS rebinding), on others any."""
    cors_origins: tuple[str, ...] = ()
    """Origins whose pages may call the API from a browser (``*`` for any); empty: CORS off."""

    @property
    def keys_required(self) -> bool:
        """Whether every write needs a key, whatever the connection: keys forced, or a host beyond loopback."""
        return self.require_keys or not is_loopback(self.host)


SERVICE_ENV = {
    "host": "GAZETTEER_HOST",
    "require_keys": "GAZETTEER_REQUIRE_KEYS",
    "rate_per_minute": "GAZETTEER_RATE_LIMIT",
    "max_body_bytes": "GAZETTEER_MAX_BODY_BYTES",
    "header_timeout_s": "GAZETTEER_HEADER_TIMEOUT",
    "body_timeout_s": "GAZETTEER_BODY_TIMEOUT",
    "request_timeout_s": "GAZETTEER_REQUEST_TIMEOUT",
    "allowed_hosts": "GAZETTEER_ALLOWED_HOSTS",
    "cors_origins": "GAZETTEER_CORS_ORIGINS",
}
"""The environment variable of each field of ``ServiceSettings``."""
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


@dataclass(frozen=True, slots=True)
class Settings:
    """Paths used by the CLI and the service, and the region lookups prefer."""

    data_dir: Path
    """Folder for the index and the store (``GAZETTEER_HOME``, else the user data dir)."""
    index_path: Path
    """Gazetteer index file (``GAZETTEER_INDEX``, else ``data_dir/gazetteer.sqlite``)."""
    store_path: Path
    """Document store file (``GAZETTEER_STORE``, else ``data_dir/store.sqlite``)."""
    region: Region | None = SOUTH_CAUCASUS
    """Home region (``GAZETTEER_REGION`` = ``west,south,east,north`` or ``none``; default the South Caucasus)."""
    service: ServiceSettings = ServiceSettings()
    """Keys and limits of the HTTP service (``GAZETTEER_HOST``, ``GAZETTEER_RATE_LIMIT``... see ``SERVICE_ENV``)."""
    store_url: str = ""
    """PostgreSQL store (``GAZETTEER_STORE`` when it is a ``postgresql://`` URL); when set, ``store_path`` is unused."""

    @property
    def store(self) -> Path | str:
        """What ``open_store`` opens: the PostgreSQL URL when there is one, else the SQLite file."""
        return self.store_url or self.store_path


def load_settings(data_dir: Path | None = None) -> Settings:
    """Settings from the environment, ``data_dir`` taking precedence when given."""
    home = Path(data_dir or os.environ.get("GAZETTEER_HOME") or user_data_dir(APP_NAME))
    index = os.environ.get("GAZETTEER_INDEX") if data_dir is None else None
    store = os.environ.get("GAZETTEER_STORE") if data_dir is None else None
    return Settings(
        data_dir=home,
        index_path=Path(index) if index else home / "gazetteer.sqlite",
        store_path=Path(store) if store and not is_store_url(store) else home / "store.sqlite",
        region=parse_region(os.environ.get("GAZETTEER_REGION")),
        service=service_settings(os.environ),
        store_url=store if store and is_store_url(store) else "",
    )


STORE_URL_SCHEMES = ("postgresql://", "postgres://")
"""How a PostgreSQL store is named (anything else names an SQLite file)."""


def is_store_url(target: str | Path) -> bool:
    """Whether ``target`` names a PostgreSQL store rather than an SQLite file.

    >>> is_store_url("postgresql://analyst@db.example/news"), is_store_url("var/store.sqlite")
    (True, False)
    """
    return isinstance(target, str) and target.startswith(STORE_URL_SCHEMES)


def service_settings(environ: Mapping[str, str]) -> ServiceSettings:
    """The service settings named in ``environ`` (unset variables keep their defaults); ``InvalidInput`` if bad.

    >>> service_settings({"GAZETTEER_RATE_LIMIT": "60", "GAZETTEER_CORS_ORIGINS": "https://a.example"}).cors_origins
    ('https://a.example',)
    """
    given: dict[str, Any] = {}
    for field in fields(ServiceSettings):
        name = SERVICE_ENV[field.name]
        if name in environ:
            given[field.name] = _parse(name, environ[name], type(field.default))
    return ServiceSettings(**given)


def _parse(name: str, value: str, kind: type) -> Any:
    parse, expected = _PARSERS[kind]
    try:
        return parse(value.strip())
    except ValueError:
        raise InvalidInput(f"{name} must be {expected}, not {value!r}") from None


def _flag(value: str) -> bool:
    if value.lower() not in (*_TRUE, *_FALSE):
        raise ValueError(value)
    return value.lower() in _TRUE


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


def _seconds(value: str) -> float:
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise ValueError(value)
    return number


def _host(value: str) -> str:
    if not value:
        raise ValueError(value)
    return value


def _names(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


_PARSERS: dict[type, tuple[Callable[[str], Any], str]] = {
    bool: (_flag, "1 or 0 (true/false, yes/no, on/off)"),
    int: (_count, "a whole number, 0 or more"),
    float: (_seconds, "a number of seconds above 0"),
    str: (_host, "a host name or address"),
    tuple: (_names, "a comma-separated list"),
}


def parse_region(value: str | None) -> Region | None:
    """The region a ``GAZETTEER_REGION`` value names: unset → the South Caucasus, ``none`` → no preference.

    >>> parse_region("44,39,47,41")
    Region(west=44.0, south=39.0, east=47.0, north=41.0, name='')
    """
    if value is None:
        return SOUTH_CAUCASUS
    if value.strip().lower() in NO_REGION:
        return None
    expected = "west,south,east,north in degrees (west < east, south < north) or none"
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise InvalidInput(f"GAZETTEER_REGION must be {expected}, not {value!r}") from None
    inside = all(map(math.isfinite, (west, south, east, north))) and -180 <= west < east <= 180
    if not (inside and -90 <= south < north <= 90):
        raise InvalidInput(f"GAZETTEER_REGION must be {expected}, not {value!r}")
    return Region(west, south, east, north)
