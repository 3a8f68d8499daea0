"""Idempotency keys of ingest: a retried request gets the document its first attempt stored.

In the manner of the IETF draft ``draft-ietf-httpapi-idempotency-key-header``:
the client names an operation with a key of its choosing; the store keeps the
key with a fingerprint of the request, in the same transaction as the
document, so a crash keeps both or neither.  A retry with the same key and the
same request gets the stored document back; the same key with another request
is refused with ``KeyReused`` (422).  Keys do not expire.

    >>> fingerprint("Talks in Baku.", "", "", "", "fast") == fingerprint("Talks in Baku.", "", "", "", "fast")
    True
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from gazetteer.documents import Document
from gazetteer.errors import InvalidInput

MAX_KEY_LENGTH = 255
"""Longest idempotency key, in characters."""
KEY_CHARACTERS = r"\x20\x21\x23-\x5b\x5d-\x7e"
"""What a key may hold: printable ASCII but the quote and the backslash (an sf-string that needs no escapes)."""
KEY = rf"[{KEY_CHARACTERS}]{{1,{MAX_KEY_LENGTH}}}"
"""A key, as a regular expression."""
_KEY = re.compile(KEY)


class KeyReused(InvalidInput):
    """The idempotency key was already used for a different request."""

    status = 422
    title = "Idempotency key reused"


@dataclass(frozen=True, slots=True)
class IdempotencyKey:
    """A client's key for one ingest, with the fingerprint of the request it names."""

    key: str
    """The key as the client gave it."""
    fingerprint: str
    """SHA-256 (hex) of the request's fields, to tell a retry from another request."""


@dataclass(frozen=True, slots=True)
class Ingested:
    """The outcome of a keyed ingest."""

    document: Document
    """The stored document."""
    replayed: bool
    """Whether it was stored by an earlier request with the same key (then nothing was stored now)."""


def check_key(key: str) -> str:
    """The key, when it is 1 to ``MAX_KEY_LENGTH`` of ``KEY_CHARACTERS``; ``InvalidInput`` otherwise."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise InvalidInput(f'an idempotency key is 1 to {MAX_KEY_LENGTH} printable ASCII characters but " and \\')
    return key


def fingerprint(*fields: str) -> str:
    """The SHA-256 (hex) of the request fields, in order."""
    canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", errors="surrogatepass")).hexdigest()


def reused(key: str) -> KeyReused:
    """The error for a key already used by another request."""
    return KeyReused(f"the idempotency key {key!r} was already used with a different request")
