"""Rows of the ``corrections`` and ``mention_originals`` tables, for both backends.

The statements are the same in SQLite and PostgreSQL but for their parameter
marks, so one ``CorrectionRows`` is made per backend with its mark (``?`` or
``%s``).  Every statement is parameterised: text from users is data, never SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from gazetteer.corrections import Correction, CorrectionScope, MentionChanges
from gazetteer.documents import StoredMention
from gazetteer.store.document_table import _MENTION_COLUMNS, _mention, _mention_row

_FIELDS = (
    "surface, folded, place_id, place_name, old_place_id, old_place_name, scope, document_id, mention_n, "
    "mention_start, text_digest, region_id, region_name, author, created"
)
_COLUMNS = f"id, {_FIELDS}"
_CHUNK = 500
"""Values per ``IN (...)`` list."""


def _correction(row: Sequence[Any]) -> Correction:
    (
        cid,
        surface,
        _folded,
        place_id,
        place_name,
        old_id,
        old_name,
        scope,
        document_id,
        mention_n,
        start,
        digest,
        region_id,
        region_name,
        author,
        created,
    ) = row
    return Correction(
        id=int(cid),
        surface=str(surface),
        place_id=None if place_id is None else int(place_id),
        place_name=str(place_name),
        old_place_id=None if old_id is None else int(old_id),
        old_place_name=str(old_name),
        scope=CorrectionScope(scope),
        document_id=None if document_id is None else int(document_id),
        mention_n=None if mention_n is None else int(mention_n),
        mention_start=None if start is None else int(start),
        text_digest=str(digest),
        region_id=None if region_id is None else int(region_id),
        region_name=str(region_name),
        author=str(author),
        created=str(created),
    )


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    return (values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK))


class CorrectionRows:
    """The corrections' SQL with one backend's parameter mark."""

    def __init__(self, mark: str, insert_mentions: Callable[[Any, Iterable[StoredMention]], None]) -> None:
        self.mark = mark
        self._insert_mentions = insert_mentions

    def _sql(self, query: str) -> str:
        return query.replace("?", self.mark)

    def _marks(self, n: int) -> str:
        return ",".join([self.mark] * n)

    def insert(self, db: Any, c: Correction) -> int:
        """Insert a correction; its new id."""
        row = db.execute(
            self._sql(f"INSERT INTO corrections ({_FIELDS}) VALUES ({','.join('?' * 15)}) RETURNING id"),
            (
                c.surface,
                c.folded,
                c.place_id,
                c.place_name,
                c.old_place_id,
                c.old_place_name,
                c.scope.value,
                c.document_id,
                c.mention_n,
                c.mention_start,
                c.text_digest,
                c.region_id,
                c.region_name,
                c.author,
                c.created,
            ),
        ).fetchone()
        return int(row[0])

    def get(self, db: Any, correction_id: int) -> Correction | None:
        """The correction with that id, or ``None``."""
        row = db.execute(self._sql(f"SELECT {_COLUMNS} FROM corrections WHERE id = ?"), (correction_id,)).fetchone()
        return _correction(row) if row else None

    def page(self, db: Any, limit: int, offset: int) -> list[Correction]:
        """Corrections, newest first."""
        rows = db.execute(
            self._sql(f"SELECT {_COLUMNS} FROM corrections ORDER BY id DESC LIMIT ? OFFSET ?"), (limit, offset)
        )
        return [_correction(row) for row in rows]

    def count(self, db: Any) -> int:
        """How many corrections are stored."""
        return int(db.execute("SELECT COUNT(*) FROM corrections").fetchone()[0])

    def of_surfaces(self, db: Any, folded: Sequence[str]) -> list[Correction]:
        """The corrections of the given folded surfaces, oldest first."""
        found: list[Correction] = []
        unique = sorted(set(folded))
        for chunk in _chunks(unique):
            query = f"SELECT {_COLUMNS} FROM corrections WHERE folded IN ({self._marks(len(chunk))}) ORDER BY id"
            found.extend(_correction(row) for row in db.execute(query, tuple(chunk)))
        return sorted(found, key=lambda c: c.id)

    def delete(self, db: Any, correction_id: int) -> bool:
        """Delete a correction; whether there was one."""
        return int(db.execute(self._sql("DELETE FROM corrections WHERE id = ?"), (correction_id,)).rowcount) > 0

    def mention(self, db: Any, document_id: int, n: int) -> StoredMention | None:
        """The stored mention ``n`` of a document, or ``None``."""
        query = self._sql(f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE document_id = ? AND n = ?")
        row = db.execute(query, (document_id, n)).fetchone()
        return _mention(row) if row else None

    def with_surfaces(self, db: Any, table: str, surfaces: Sequence[str]) -> list[StoredMention]:
        """The rows of ``mentions`` or ``mention_originals`` whose surface is one of ``surfaces``."""
        if table not in ("mentions", "mention_originals"):
            raise ValueError(table)
        found: list[StoredMention] = []
        for chunk in _chunks(sorted(set(surfaces))):
            query = f"SELECT {_MENTION_COLUMNS} FROM {table} WHERE surface IN ({self._marks(len(chunk))})"
            found.extend(_mention(row) for row in db.execute(query, tuple(chunk)))
        return sorted(found, key=lambda m: (m.document_id, m.n))

    def keep_originals(self, db: Any, originals: Iterable[StoredMention]) -> None:
        """Keep mentions as parsed; an original already kept stays."""
        query = (
            f"INSERT INTO mention_originals ({_MENTION_COLUMNS}) VALUES ({self._marks(14)}) "
            "ON CONFLICT (document_id, n) DO NOTHING"
        )
        for original in originals:
            db.execute(query, _mention_row(original))

    def apply(self, db: Any, changes: MentionChanges) -> None:
        """Carry out the changes, within the caller's transaction."""
        self.keep_originals(db, changes.originals)
        delete = self._sql("DELETE FROM mentions WHERE document_id = ? AND n = ?")
        for m in changes.replaced:
            db.execute(delete, (m.document_id, m.n))
        for key in changes.removed:
            db.execute(delete, key)
        self._insert_mentions(db, changes.replaced)
        forget = self._sql("DELETE FROM mention_originals WHERE document_id = ? AND n = ?")
        for key in changes.restored:
            db.execute(forget, key)
