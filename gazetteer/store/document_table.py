"""Rows of the ``documents`` and ``mentions`` tables, to and from records.

Every statement is parameterised: text from users is data, never SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from gazetteer.documents import Document, StoredMention, StoredPage
from gazetteer.mention_filter import MentionFilter, MentionOrder
from gazetteer.results import NearQuery
from gazetteer.store.base import POINT_FEATURES
from geo.bbox import circle_boxes

_DOCUMENT_COLUMNS = "id, text, title, date, source, created"
_MENTION_COLUMNS = (
    'document_id, n, start, "end", surface, place_id, place_name, lon, lat, '
    "feature_code, country, confidence, snippet, snippet_start"
)
_QUALIFIED_COLUMNS = ", ".join(f"m.{column.strip()}" for column in _MENTION_COLUMNS.split(","))
"""``_MENTION_COLUMNS`` of the table named ``m``."""
_CHUNK = 500
"""Ids per ``IN (...)`` query (SQLite allows 999 parameters in older builds)."""


def insert_document(db: sqlite3.Connection, text: str, title: str, date: str, source: str, created: str) -> Document:
    """Insert a document row; the returned record carries its new id."""
    cursor = db.execute(
        "INSERT INTO documents (text, title, date, source, created) VALUES (?, ?, ?, ?, ?)",
        (text, title, date, source, created),
    )
    return Document(int(cursor.lastrowid or 0), text, title, date, source, created)


def insert_mentions(db: sqlite3.Connection, mentions: Iterable[StoredMention]) -> None:
    """Insert mention rows."""
    db.executemany(
        f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES ({','.join('?' * 14)})",
        (_mention_row(mention) for mention in mentions),
    )


def _mention_row(m: StoredMention) -> tuple[object, ...]:
    return (
        m.document_id,
        m.n,
        m.start,
        m.end,
        m.surface,
        m.place_id,
        m.place_name,
        m.lon,
        m.lat,
        m.feature_code,
        m.country,
        m.confidence,
        m.snippet,
        m.snippet_start,
    )


def _document(row: Sequence[object]) -> Document:
    pid, text, title, date, source, created = row
    return Document(int(pid), str(text), str(title), str(date), str(source), str(created))  # type: ignore[call-overload]


def _mention(row: Sequence[object]) -> StoredMention:
    return StoredMention(*row)  # type: ignore[arg-type]


def get_document(db: sqlite3.Connection, document_id: int) -> Document | None:
    """The document with that id, or ``None``."""
    row = db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (document_id,)).fetchone()
    return _document(row) if row else None


def list_documents(db: sqlite3.Connection, limit: int, offset: int) -> list[Document]:
    """Documents, newest first."""
    rows = db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
    return [_document(row) for row in rows]


def count_documents(db: sqlite3.Connection) -> int:
    """Number of stored documents."""
    return int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


def has_document(db: sqlite3.Connection, document_id: int) -> bool:
    """Whether a document with that id is stored (its text is not read)."""
    return db.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None


def document_mentions(db: sqlite3.Connection, document_ids: Sequence[int]) -> list[StoredMention]:
    """The mentions of the given documents, by document then position."""
    query = f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE document_id IN ({{}}) ORDER BY document_id, n"
    return [_mention(row) for row in _rows_in(db, query, document_ids)]


def _rows_in(db: sqlite3.Connection, query: str, ids: Sequence[int]) -> Iterator[Any]:
    """The rows of ``query`` whose ``IN ({})`` list is ``ids``, read in chunks of ``_CHUNK`` (each chunk
    sorted as the query sorts, the chunks in the order of ``ids``)."""
    for first in range(0, len(ids), _CHUNK):
        chunk = list(ids[first : first + _CHUNK])
        yield from db.execute(query.format(",".join("?" * len(chunk))), chunk)


def place_mentions(
    db: sqlite3.Connection, place_id: int, limit: int, offset: int, selection: MentionFilter | None = None
) -> list[StoredMention]:
    """Mentions of one place across documents, by document then position (or as ``selection`` bounds and sorts)."""
    source, where, order, params = place_listing(selection or MentionFilter(), "?")
    rows = db.execute(
        f"SELECT {_QUALIFIED_COLUMNS} FROM {source} WHERE m.place_id = ?{where} ORDER BY {order} LIMIT ? OFFSET ?",
        (place_id, *params, limit, offset),
    )
    return [_mention(row) for row in rows]


_ORDERS = {
    MentionOrder.POSITION: "m.document_id, m.n",
    MentionOrder.OLDEST: "d.date = '', d.date, m.document_id, m.n",
    MentionOrder.NEWEST: "d.date = '', d.date DESC, m.document_id DESC, m.n",
}
"""``ORDER BY`` of each order of a place's mentions (``d.date = ''`` puts the undated documents last)."""


def place_listing(selection: MentionFilter, mark: str) -> tuple[str, str, str, list[object]]:
    """(``FROM`` source, ``AND ...`` clauses, ``ORDER BY`` terms, parameters) of a listing of a place's mentions
    (``m``, joined to their documents ``d`` when the filter reads their dates); ``mark`` is the backend's
    placeholder.  Shared by both backends."""
    source = "mentions m JOIN documents d ON d.id = m.document_id" if selection.dated else "mentions m"
    where, params = "", list[object]()
    if selection.date_from:
        where += f" AND d.date >= {mark}"
        params.append(selection.date_from)
    if selection.date_to:
        where += f" AND d.date <> '' AND d.date <= {mark}"
        params.append(selection.date_to)
    return source, where, _ORDERS[selection.sort], params


def mention_counts(db: sqlite3.Connection, place_ids: Sequence[int]) -> dict[int, int]:
    """How many mentions each of the given places has (places without any are left out)."""
    rows = _rows_in(db, "SELECT place_id, COUNT(*) FROM mentions WHERE place_id IN ({}) GROUP BY place_id", place_ids)
    return {int(pid): int(n) for pid, n in rows}


def mentioned_places(db: sqlite3.Connection, near: NearQuery | None = None) -> list[tuple[int, float, float, int]]:
    """(place id, lon, lat, mention count) of every place mentioned in any document; with ``near``, of those
    whose point lies in the boxes around its circle (``geo.bbox``: a superset the caller cuts exactly) and
    of every one that is no populated place."""
    where, params = "", list[object]()
    if near is not None:
        boxes = circle_boxes(near.lon, near.lat, near.radius_km)
        inside = " OR ".join("(lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?)" for _ in boxes)
        where = f"WHERE {inside} OR feature_code NOT LIKE ?"
        params = [value for west, south, east, north in boxes for value in (west, east, south, north)]
        params.append(POINT_FEATURES)
    rows = db.execute(f"SELECT place_id, lon, lat, COUNT(*) FROM mentions {where} GROUP BY place_id", params)
    return [(int(pid), float(lon), float(lat), int(n)) for pid, lon, lat, n in rows]


def count_mentions(db: sqlite3.Connection, document_id: int) -> int:
    """How many mentions a document has."""
    return int(db.execute("SELECT COUNT(*) FROM mentions WHERE document_id = ?", (document_id,)).fetchone()[0])


def insert_idempotency_key(db: sqlite3.Connection, key: str, fingerprint: str, document_id: int, created: str) -> None:
    """Insert an idempotency key row naming the document its request stored."""
    db.execute(
        "INSERT INTO idempotency_keys (key, fingerprint, document_id, created) VALUES (?, ?, ?, ?)",
        (key, fingerprint, document_id, created),
    )


def find_idempotency_key(db: sqlite3.Connection, key: str) -> tuple[str, int] | None:
    """(fingerprint, document id) stored with an idempotency key, or ``None``."""
    row = db.execute("SELECT fingerprint, document_id FROM idempotency_keys WHERE key = ?", (key,)).fetchone()
    return (str(row[0]), int(row[1])) if row else None


_PAGE_COLUMNS = "document_id, html, url, author"


def _page(row: Sequence[object]) -> StoredPage:
    document_id, html, url, author = row
    return StoredPage(int(str(document_id)), str(html), str(url), str(author))


def insert_page(db: sqlite3.Connection, page: StoredPage) -> None:
    """Insert the row of a document's original web page."""
    db.execute(
        f"INSERT INTO pages ({_PAGE_COLUMNS}) VALUES (?, ?, ?, ?)", (page.document_id, page.html, page.url, page.author)
    )


def get_page(db: sqlite3.Connection, document_id: int) -> StoredPage | None:
    """The original web page of a document, or ``None`` (no such document, or a text given as text)."""
    row = db.execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE document_id = ?", (document_id,)).fetchone()
    return _page(row) if row else None
