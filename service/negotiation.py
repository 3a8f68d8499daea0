"""Content negotiation: does the client prefer HTML over JSON?"""

from __future__ import annotations


def _quality(params: list[str]) -> float:
    for param in params:
        key, _, value = param.strip().partition("=")
        if key.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0


def _ranges(accept: str) -> dict[str, float]:
    ranges: dict[str, float] = {}
    for part in accept.split(",")[:50]:
        media, *params = part.split(";")
        media = media.strip().lower()
        if media:
            ranges[media] = max(ranges.get(media, 0.0), _quality(params))
    return ranges


def _quality_of(ranges: dict[str, float], media: str) -> float:
    kind = media.split("/")[0] + "/*"
    for candidate in (media, kind, "*/*"):
        if candidate in ranges:
            return ranges[candidate]
    return 0.0


def prefers_html(accept: str | None) -> bool:
    """Whether the Accept header ranks text/html strictly above application/json.

    >>> prefers_html("text/html,application/xhtml+xml,*/*;q=0.8")
    True
    >>> prefers_html("*/*")
    False
    """
    if not accept:
        return False
    ranges = _ranges(accept)
    return _quality_of(ranges, "text/html") > _quality_of(ranges, "application/json")
