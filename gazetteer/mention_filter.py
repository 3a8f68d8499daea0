"""Which of a place's stored mentions a listing gives, and in what order.

``/places/{id}/mentions`` lists a place's mentions by document then position;
``MentionFilter`` bounds them by their documents' dates (inclusive ISO dates,
undated documents left out once a bound is given) and may order them by date
instead, the undated ones last either way.

    >>> MentionFilter("2023-01-01", "", MentionOrder.NEWEST).checked().sort
    <MentionOrder.NEWEST: '-date'>
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gazetteer.errors import InvalidInput
from gazetteer.limits import check_date


class MentionOrder(StrEnum):
    """How a listing of mentions is sorted."""

    POSITION = ""
    """By document id, then position in the document (the default)."""
    OLDEST = "date"
    """By document date, oldest first, then by document id and position; undated documents last."""
    NEWEST = "-date"
    """By document date, newest first, then newest document id first, by position; undated documents last."""


@dataclass(frozen=True, slots=True)
class MentionFilter:
    """The date range and the order of a listing of a place's mentions."""

    date_from: str = ""
    """Only mentions in documents dated on or after this ISO date; ``""`` for no lower bound."""
    date_to: str = ""
    """Only mentions in documents dated on or before this ISO date; ``""`` for no upper bound."""
    sort: MentionOrder = MentionOrder.POSITION
    """The order of the listing."""

    def checked(self) -> MentionFilter:
        """The filter with its dates in ISO form and in order; ``InvalidInput`` otherwise."""
        date_from, date_to = check_date(self.date_from), check_date(self.date_to)
        if date_from and date_to and date_from > date_to:
            raise InvalidInput(f"from ({date_from}) is after to ({date_to})")
        try:
            sort = MentionOrder(self.sort)
        except ValueError as error:
            raise InvalidInput(f"sort must be date or -date, got {self.sort!r}") from error
        return MentionFilter(date_from, date_to, sort)

    @property
    def dated(self) -> bool:
        """Whether the listing reads its documents' dates (to bound or to sort by)."""
        return bool(self.date_from or self.date_to or self.sort)
