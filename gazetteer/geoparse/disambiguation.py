"""Choosing one place for each name of a document, with the reasons.

Every distinct name of a document is resolved once (one sense per discourse).
A candidate's score (``scoring``) adds up four explainable parts, each in 0..1:

``prominence``
    ``ranking.prominence``: how likely a bare mention of the name means it.
``name``
    1 when the name is the place's main (or preferred) name, 0 for an alternate one.
``country``
    Share of the document's other names resolved to places in the candidate's
    country (country focus).
``coherence``
    Mean closeness, ``exp(-km / 300)``, to the places of the other names
    (spatial coherence).

The first round uses prominence and name alone; the second uses the document
context that the first round gives.  A small place (``prominence`` below
``SMALL``), or a less than prominent one reached by an alternate name, in a
document whose other names neither share its country nor lie near it, is
dropped as unsupported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from operator import attrgetter

from gazetteer.geoparse.document_context import DocumentContext, Points
from gazetteer.geoparse.false_hits import PROMINENT
from gazetteer.geoparse.name_dictionary import PlaceTable, SpotDictionary
from gazetteer.geoparse.scoring import Option, Scored, best_row, only, option, ranked, scored
from gazetteer.memo import Memo
from gazetteer.ranking import tempered

ROUNDS = 2
"""Resolution rounds (the first without context)."""
SMALL = 0.5
"""Prominence under which a place needs support from the document."""
SUPPORT_CLOSENESS = math.exp(-3)
"""Closeness (about 900 km away) that counts as support for a small place."""
SHOWN = 5
"""Candidates reported per name."""
MEMORY = 200_000
"""Names whose options are remembered across documents."""
_PRIOR = attrgetter("prior")
_WEIGHTS = [0.0] + [1.0 + math.log(n) for n in range(1, 64)]
"""Weight of a name mentioned ``n`` times, ``1 + ln(n)``, for small ``n``."""


@dataclass(slots=True)
class Choice:
    """The place chosen for one name of a document."""

    best: Scored
    """The chosen candidate."""
    confidence: float
    """0..1: the best score tempered by its share of all candidates' scores."""
    ranked: tuple[Scored, ...]
    """Up to ``SHOWN`` candidates, best first (the chosen one included)."""


class Resolver:
    """Resolves the names of one document at a time."""

    def __init__(self, dictionary: SpotDictionary) -> None:
        self.dictionary = dictionary
        self.places: PlaceTable = dictionary.places
        self.points = Points(dictionary.places)
        self._options: Memo[int, list[Option]] = Memo(MEMORY)

    def resolve(self, counts: dict[int, int], allowed: Mapping[int, frozenset[int]] | None = None) -> dict[int, Choice]:
        """Choices for a document's keys (key id -> mentions); unsupported ones are left out.

        ``allowed``: key id -> the place rows left to it (by ``qualifiers``); other keys keep all theirs.
        """
        if not counts:
            return {}
        options, weights, chosen, ambiguous = self._first_guess(counts, allowed or {})
        context = DocumentContext(self.places, self.points, chosen, weights)
        for _ in range(ROUNDS - 1 if ambiguous else 0):
            picks = {key: best_row(options[key], context, key) for key in ambiguous}
            if all(chosen[key] == row for key, row in picks.items()):
                break  # the next context would be this one
            chosen.update(picks)
            context = DocumentContext(self.places, self.points, chosen, weights)
        choices = {}
        for key, opts in options.items():
            choice = self._only(opts[0], context, key) if len(opts) == 1 else self._choose(opts, context, key)
            if choice is not None:
                choices[key] = choice
        return choices

    def options(self, key: int) -> list[Option]:
        """The options of the candidates of a key (place row, is main name, prior score, prominence)."""
        found = self._options.get(key)
        if found is None:
            self._learn([key])
            found = self._options[key]
        return found

    def _learn(self, keys: list[int]) -> None:
        """Read the candidates of ``keys`` at once and remember their options."""
        prominence = self.places.prominence
        read = self.dictionary.candidates_of(keys)
        self._options.put_all({key: [option(row, main, prominence[row]) for row, main in read[key]] for key in keys})

    def _first_guess(
        self, counts: dict[int, int], allowed: Mapping[int, frozenset[int]]
    ) -> tuple[dict[int, list[Option]], dict[int, float], dict[int, int], list[int]]:
        """Options and weight of each key, its place by prior alone, and the keys with a choice."""
        known = self._options
        new = [key for key in counts if key not in known]
        if new:
            self._learn(new)
        options: dict[int, list[Option]] = {}
        weights: dict[int, float] = {}
        chosen: dict[int, int] = {}
        ambiguous = []
        for key, n in counts.items():
            opts = known.get(key) or self.options(key)
            rows = allowed.get(key)
            if rows is not None:
                opts = [o for o in opts if o.row in rows] or opts
            options[key] = opts
            weights[key] = _WEIGHTS[n] if n < len(_WEIGHTS) else 1.0 + math.log(n)
            if len(opts) == 1:
                chosen[key] = opts[0].row
            else:
                chosen[key] = max(opts, key=_PRIOR).row
                ambiguous.append(key)
        return options, weights, chosen, ambiguous

    def _choose(self, options: list[Option], context: DocumentContext, key: int) -> Choice | None:
        totals, score_sum = ranked(options, context, key, SHOWN)
        best = scored(totals[0])
        if not _supported(best.parts, context, key):
            return None
        shown = (best, *[scored(total) for total in totals[1:]])
        return Choice(best, tempered(best.score, score_sum), shown)

    def _only(self, choice: Option, context: DocumentContext, key: int) -> Choice | None:
        """``_choose`` for a name with one candidate place."""
        best, score = only(choice, context, key)
        if not _supported(best.parts, context, key):
            return None
        return Choice(best, tempered(best.score, score), (best,))


def _supported(parts: dict[str, float], context: DocumentContext, key: int) -> bool:
    """Small places, and places named by an alternate name, need the document's support."""
    prominence = parts["prominence"]
    if prominence >= PROMINENT or (prominence >= SMALL and parts["name"]):
        return True
    if not context.has_others(key):
        return True
    return parts["country"] > 0.0 or parts["coherence"] >= SUPPORT_CLOSENESS
