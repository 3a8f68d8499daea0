"""API keys: the record a store keeps, their secrets and scopes, and the errors of a request without the right key.

A key's secret is a random token from ``secrets``, shown once when the key
is made; the store keeps only its SHA-256 digest (the token has 256 bits of
entropy, so a fast hash is enough), by which a presented secret is found.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

from gazetteer.errors import GazetteerError, InvalidInput

SECRET_PREFIX = "gzk_"
"""How every secret begins, so that a leaked one is recognisable."""
MAX_SECRET = 200
"""Longest secret looked up (longer ones are no key of ours)."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class Scope(StrEnum):
    """What a key may do."""

    READ = "read"
    """Read only: a write with it is refused (403)."""
    WRITE = "write"
    """Read and write."""


@dataclass(frozen=True, slots=True)
class ApiKey:
    """An API key as stored: never its secret, only the secret's digest."""

    name: str
    """Unique name given by the operator (letters, digits, ``.``, ``_``, ``-``; up to 64)."""
    scope: Scope
    """What the key may do."""
    digest: str
    """SHA-256 of the secret, hexadecimal."""
    created: str = ""
    """When the key was made, ISO 8601 UTC."""

    def allows(self, needed: Scope) -> bool:
        """Whether the key may do what ``needed`` names (a write key may read too)."""
        return self.scope is Scope.WRITE or needed is Scope.READ


class MissingKey(GazetteerError):
    """The request needs an API key and brought none, or one that is unknown or revoked."""

    status = 401
    title = "Unauthorized"


class NotAllowed(GazetteerError):
    """The request's API key exists but lacks the scope the request needs."""

    status = 403
    title = "Forbidden"


def new_secret() -> str:
    """A fresh secret: the prefix and 32 random bytes, URL-safe."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def digest_of(secret: str) -> str:
    """The digest under which a secret's key is stored."""
    return hashlib.sha256(secret.encode("utf-8", errors="surrogatepass")).hexdigest()


def check_name(name: str) -> str:
    """A key name: 1 to 64 letters, digits, ``.``, ``_`` or ``-``, beginning with a letter or digit."""
    if not _NAME.fullmatch(name):
        raise InvalidInput(f"a key name is 1-64 letters, digits, '.', '_' or '-', not {name!r}")
    return name


def check_scope(value: str) -> Scope:
    """The scope a word names (``read`` or ``write``)."""
    try:
        return Scope(value)
    except ValueError:
        raise InvalidInput(f"scope must be {' or '.join(Scope)}, not {value!r}") from None
