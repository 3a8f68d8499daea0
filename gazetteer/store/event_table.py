"""Rows of the ``events`` table, to and from ``Event`` records (parameterised SQL only)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import astuple, replace

from gazetteer.documents import Event
from gazetteer.store.document_table import _rows_in

_COLUMNS = "id, title, date, lon, lat, radius_km, place_id, place_name, document_id, mention_n, proposed"
_FIELDS = _COLUMNS.split(", ")[1:]


def _event(row: Sequence[object]) -> Event:
    values = list(row)
    values[-1] = bool(values[-1])
    return Event(*values)  # type: ignore[arg-type]


def _values(event: Event) -> tuple[object, ...]:
    values = astuple(event)[1:]
    return (*values[:-1], int(event.proposed))


def insert_event(db: sqlite3.Connection, event: Event) -> Event:
    """Insert an event; the returned record carries its new id."""
    cursor = db.execute(
        f"INSERT INTO events ({', '.join(_FIELDS)}) VALUES ({','.join('?' * len(_FIELDS))})",
        _values(event),
    )
    return replace(event, id=int(cursor.lastrowid or 0))


def update_event(db: sqlite3.Connection, event: Event) -> bool:
    """Replace the stored fields of ``event.id``; whether such an event existed."""
    assignments = ", ".join(f"{field} = ?" for field in _FIELDS)
    cursor = db.execute(f"UPDATE events SET {assignments} WHERE id = ?", (*_values(event), event.id))
    return cursor.rowcount > 0


def delete_event(db: sqlite3.Connection, event_id: int) -> bool:
    """Delete an event; whether it existed."""
    return db.execute("DELETE FROM events WHERE id = ?", (event_id,)).rowcount > 0


def get_event(db: sqlite3.Connection, event_id: int) -> Event | None:
    """The event with that id, or ``None``."""
    row = db.execute(f"SELECT {_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
    return _event(row) if row else None


def document_events(db: sqlite3.Connection, document_ids: Sequence[int]) -> list[Event]:
    """The events of the given documents, by document then id."""
    query = f"SELECT {_COLUMNS} FROM events WHERE document_id IN ({{}}) ORDER BY document_id, id"
    return [_event(row) for row in _rows_in(db, query, document_ids)]


def list_events(
    db: sqlite3.Connection,
    *,
    proposed: bool | None = None,
    document_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Event]:
    """Events by date then id, optionally only proposed (or only confirmed) ones, or one document's."""
    where, params = ["1 = 1"], []
    if proposed is not None:
        where.append("proposed = ?")
        params.append(int(proposed))
    if document_id is not None:
        where.append("document_id = ?")
        params.append(document_id)
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM events WHERE {' AND '.join(where)} ORDER BY date, id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [_event(row) for row in rows]
