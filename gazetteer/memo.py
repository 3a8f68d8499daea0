"""A bounded memo: a dict that starts afresh when it is full.

Hot paths read a memo as a plain dict (``memo.get(key)``, one C call) and
store new answers with ``put``, which forgets everything first when the memo
holds ``limit`` entries.  Forgetting all at once costs less than keeping any
order of use, and texts repeat their words, so the memo soon holds what
matters again.  Only answers that are a function of their key belong in one.

    >>> memo: Memo[str, int] = Memo(2)
    >>> memo.put("a", 1), memo.put("b", 2), memo.put("c", 3)
    (1, 2, 3)
    >>> dict(memo)
    {'c': 3}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V], Generic[K, V]):
    """A dict of at most ``limit`` remembered answers; read it as a dict, fill it with ``put``."""

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        if limit < 1:
            raise ValueError(f"a memo holds at least one entry, not {limit}")
        self.limit = limit
        """Entries held before the memo starts afresh."""

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` (forgetting all else first when full); return ``value``."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value

    def put_all(self, answers: Mapping[K, V]) -> None:
        """Remember all of ``answers``, forgetting all else first when they would not fit."""
        if len(self) + len(answers) > self.limit:
            self.clear()
        self.update(answers)

    def get_many(self, keys: Iterable[K], read: Callable[[list[K]], Mapping[K, V]]) -> dict[K, V]:
        """The answers for ``keys``: those remembered, and the others from one call of ``read``, remembered.

        ``read`` gets the keys not remembered yet and may leave out keys that have no answer.
        """
        found: dict[K, V] = {}
        missing: list[K] = []
        for key in keys:
            value = self.get(key)
            if value is None:
                missing.append(key)
            else:
                found[key] = value
        if missing:
            fresh = read(missing)
            self.put_all(fresh)
            found.update(fresh)
        return found
