"""Rows of the PostgreSQL store's tables, to and from records (parameterised SQL only).

The PostgreSQL counterparts of ``document_table``, ``event_table`` and
``key_table``: the same columns and orders, ``%s`` parameters, lists passed
whole (``= ANY(%s)``), new ids read with ``RETURNING``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import psycopg

from gazetteer.api_keys import ApiKey
from gazetteer.documents import Document, Event, StoredMention, StoredPage
from gazetteer.mention_filter import MentionFilter
from gazetteer.results import NearQuery
from gazetteer.store.base import POINT_FEATURES
from gazetteer.store.document_table import (
    _MENTION_COLUMNS,
    _PAGE_COLUMNS,
    _QUALIFIED_COLUMNS,
    _document,
    _mention,
    _mention_row,
    _page,
    place_listing,
)
from gazetteer.store.event_table import _COLUMNS as _EVENT_COLUMNS
from gazetteer.store.event_table import _FIELDS as _EVENT_FIELDS
from gazetteer.store.event_table import _event
from gazetteer.store.key_table import _COLUMNS as _KEY_COLUMNS
from gazetteer.store.key_table import _key

Connection = psycopg.Connection[tuple[object, ...]]
"""A connection whose rows are tuples."""

_DOCUMENT_COLUMNS = "id, text, title, date, source, created"


def _one(db: Connection, query: str, params: Sequence[object] = ()) -> tuple[object, ...] | None:
    return db.execute(query, params).fetchone()


def _count(db: Connection, query: str, params: Sequence[object] = ()) -> int:
    row = _one(db, query, params)
    return int(str(row[0])) if row else 0


def insert_document(db: Connection, text: str, title: str, date: str, source: str, created: str) -> Document:
    """Insert a document row; the returned record carries its new id."""
    row = _one(
        db,
        "INSERT INTO documents (text, title, date, source, created) VALUES (%s, %s, %s, %s, %s) RETURNING id",
        (text, title, date, source, created),
    )
    return Document(int(str(row[0])) if row else 0, text, title, date, source, created)


def insert_mentions(db: Connection, mentions: Iterable[StoredMention]) -> None:
    """Insert mention rows (their ``place`` geography follows from lon and lat)."""
    rows = [_mention_row(mention) for mention in mentions]
    if rows:
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES ({','.join(['%s'] * 14)})", rows)


def get_document(db: Connection, document_id: int) -> Document | None:
    """The document with that id, or ``None``."""
    row = _one(db, f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = %s", (document_id,))
    return _document(row) if row else None


def list_documents(db: Connection, limit: int, offset: int) -> list[Document]:
    """Documents, newest first."""
    rows = db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY id DESC LIMIT %s OFFSET %s", (limit, offset))
    return [_document(row) for row in rows]


def count_documents(db: Connection) -> int:
    """Number of stored documents."""
    return _count(db, "SELECT COUNT(*) FROM documents")


def has_document(db: Connection, document_id: int) -> bool:
    """Whether a document with that id is stored (its text is not read)."""
    return _one(db, "SELECT 1 FROM documents WHERE id = %s", (document_id,)) is not None


def document_mentions(db: Connection, document_ids: Sequence[int]) -> list[StoredMention]:
    """The mentions of the given documents, by document then position."""
    rows = db.execute(
        f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE document_id = ANY(%s) ORDER BY document_id, n",
        (list(document_ids),),
    )
    return [_mention(row) for row in rows]


def place_mentions(
    db: Connection, place_id: int, limit: int, offset: int, selection: MentionFilter | None = None
) -> list[StoredMention]:
    """Mentions of one place across documents, by document then position (or as ``selection`` bounds and sorts)."""
    source, where, order, params = place_listing(selection or MentionFilter(), "%s")
    rows = db.execute(
        f"SELECT {_QUALIFIED_COLUMNS} FROM {source} WHERE m.place_id = %s{where} ORDER BY {order} LIMIT %s OFFSET %s",
        (place_id, *params, limit, offset),
    )
    return [_mention(row) for row in rows]


def mention_counts(db: Connection, place_ids: Sequence[int]) -> dict[int, int]:
    """How many mentions each of the given places has (places without any are left out)."""
    rows = db.execute(
        "SELECT place_id, COUNT(*) FROM mentions WHERE place_id = ANY(%s) GROUP BY place_id", (list(place_ids),)
    )
    return {int(str(pid)): int(str(n)) for pid, n in rows}


def mentioned_places(db: Connection, near: NearQuery | None = None) -> list[tuple[int, float, float, int]]:
    """(place id, lon, lat, mention count) of every place mentioned in any document, read from its geography;
    with ``near``, of those within its radius (``ST_DWithin`` on the geography, over its GiST index) and of
    every one that is no populated place."""
    where, params = "", list[object]()
    if near is not None:
        where = (
            "WHERE ST_DWithin(place, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s) OR feature_code NOT LIKE %s"
        )
        params = [near.lon, near.lat, near.radius_km * 1000.0, POINT_FEATURES]
    rows = db.execute(
        "SELECT place_id, ST_X((array_agg(place ORDER BY seq))[1]::geometry), "
        f"ST_Y((array_agg(place ORDER BY seq))[1]::geometry), COUNT(*) FROM mentions {where} "
        "GROUP BY place_id ORDER BY place_id",
        params,
    )
    return [(int(str(pid)), float(str(lon)), float(str(lat)), int(str(n))) for pid, lon, lat, n in rows]


def count_mentions(db: Connection, document_id: int) -> int:
    """How many mentions a document has."""
    return _count(db, "SELECT COUNT(*) FROM mentions WHERE document_id = %s", (document_id,))


def insert_idempotency_key(db: Connection, key: str, fingerprint: str, document_id: int, created: str) -> None:
    """Insert an idempotency key row naming the document its request stored."""
    db.execute(
        "INSERT INTO idempotency_keys (key, fingerprint, document_id, created) VALUES (%s, %s, %s, %s)",
        (key, fingerprint, document_id, created),
    )


def find_idempotency_key(db: Connection, key: str) -> tuple[str, int] | None:
    """(fingerprint, document id) stored with an idempotency key, or ``None``."""
    row = _one(db, "SELECT fingerprint, document_id FROM idempotency_keys WHERE key = %s", (key,))
    return (str(row[0]), int(str(row[1]))) if row else None


def insert_event(db: Connection, event: Event) -> Event:
    """Insert an event; the returned record carries its new id."""
    values = _event_values(event)
    row = _one(
        db,
        f"INSERT INTO events ({', '.join(_EVENT_FIELDS)}) VALUES ({','.join(['%s'] * len(values))}) RETURNING id",
        values,
    )
    return replace(event, id=int(str(row[0])) if row else 0)


def _event_values(event: Event) -> tuple[object, ...]:
    return (
        event.title,
        event.date,
        event.lon,
        event.lat,
        event.radius_km,
        event.place_id,
        event.place_name,
        event.document_id,
        event.mention_n,
        event.proposed,
    )


def update_event(db: Connection, event: Event) -> bool:
    """Replace the stored fields of ``event.id``; whether such an event existed."""
    assignments = ", ".join(f"{field} = %s" for field in _EVENT_FIELDS)
    cursor = db.execute(f"UPDATE events SET {assignments} WHERE id = %s", (*_event_values(event), event.id))
    return cursor.rowcount > 0


def delete_event(db: Connection, event_id: int) -> bool:
    """Delete an event; whether it existed."""
    return db.execute("DELETE FROM events WHERE id = %s", (event_id,)).rowcount > 0


def get_event(db: Connection, event_id: int) -> Event | None:
    """The event with that id, or ``None``."""
    row = _one(db, f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = %s", (event_id,))
    return _event(row) if row else None


def document_events(db: Connection, document_ids: Sequence[int]) -> list[Event]:
    """The events of the given documents, by document then id."""
    rows = db.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE document_id = ANY(%s) ORDER BY document_id, id",
        (list(document_ids),),
    )
    return [_event(row) for row in rows]


def list_events(
    db: Connection, *, proposed: bool | None, document_id: int | None, limit: int, offset: int
) -> list[Event]:
    """Events by date then id, optionally only proposed (or only confirmed) ones, or one document's."""
    where, params = ["TRUE"], list[object]()
    if proposed is not None:
        where.append("proposed = %s")
        params.append(proposed)
    if document_id is not None:
        where.append("document_id = %s")
        params.append(document_id)
    rows = db.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE {' AND '.join(where)} ORDER BY date, id LIMIT %s OFFSET %s",
        (*params, limit, offset),
    )
    return [_event(row) for row in rows]


def insert_api_key(db: Connection, key: ApiKey) -> bool:
    """Insert a key; false when one of that name (or digest) exists."""
    cursor = db.execute(
        f"INSERT INTO api_keys ({_KEY_COLUMNS}) VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
        (key.name, key.scope.value, key.digest, key.created),
    )
    return cursor.rowcount > 0


def api_key_by_digest(db: Connection, digest: str) -> ApiKey | None:
    """The key whose secret has that digest, or ``None``."""
    row = _one(db, f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE digest = %s", (digest,))
    return _key(row) if row else None


def list_api_keys(db: Connection) -> list[ApiKey]:
    """Every key, by name."""
    return [_key(row) for row in db.execute(f"SELECT {_KEY_COLUMNS} FROM api_keys ORDER BY name")]


def delete_api_key(db: Connection, name: str) -> bool:
    """Delete a key; whether it existed."""
    return db.execute("DELETE FROM api_keys WHERE name = %s", (name,)).rowcount > 0


def insert_page(db: Connection, page: StoredPage) -> None:
    """Insert the row of a document's original web page."""
    db.execute(
        f"INSERT INTO pages ({_PAGE_COLUMNS}) VALUES (%s, %s, %s, %s)",
        (page.document_id, page.html, page.url, page.author),
    )


def get_page(db: Connection, document_id: int) -> StoredPage | None:
    """The original web page of a document, or ``None`` (no such document, or a text given as text)."""
    row = _one(db, f"SELECT {_PAGE_COLUMNS} FROM pages WHERE document_id = %s", (document_id,))
    return _page(row) if row else None
