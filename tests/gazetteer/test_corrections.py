"""Corrections: which mentions a scope covers, which correction governs, and mention ids."""

from __future__ import annotations

import pytest

from gazetteer.corrections import (
    Correction,
    CorrectionScope,
    Covered,
    case_variants,
    covers,
    governing,
    mention_id,
    parse_mention_id,
    text_digest_of,
)
from gazetteer.errors import InvalidInput

TEXT = "Shelling near Martuni was reported."
DIGEST = text_digest_of(TEXT)


def correction(cid: int, scope: CorrectionScope, **fields: object) -> Correction:
    base: dict[str, object] = {
        "id": cid,
        "surface": "Martuni",
        "place_id": 146969,
        "place_name": "Khojavend",
        "old_place_id": 616438,
        "old_place_name": "Martuni",
        "scope": scope,
        "document_id": 1,
        "mention_n": 0,
        "mention_start": 14,
        "text_digest": DIGEST,
        "region_id": None,
        "region_name": "",
        "author": "analyst",
        "created": "2026-01-01T00:00:00+00:00",
    }
    return Correction(**(base | fields))  # type: ignore[arg-type]


def test_a_mention_correction_covers_its_mention_and_its_span_in_the_same_text() -> None:
    rule = correction(1, CorrectionScope.MENTION)
    assert covers(rule, Covered("Martuni", 14, "other", document_id=1, n=0))
    assert covers(rule, Covered("MARTUNI", 14, DIGEST))  # the same text ingested again, folded surface
    assert not covers(rule, Covered("Martuni", 40, DIGEST))  # another mention of the same text
    assert not covers(rule, Covered("Martuni", 14, "other", document_id=2, n=0))
    assert not covers(rule, Covered("Hadrut", 14, DIGEST, document_id=1, n=0))


def test_a_document_correction_covers_the_surface_anywhere_in_its_document_or_text() -> None:
    rule = correction(1, CorrectionScope.DOCUMENT)
    assert covers(rule, Covered("Martuni", 99, "other", document_id=1, n=5))
    assert covers(rule, Covered("martuni", 3, DIGEST))
    assert not covers(rule, Covered("Martuni", 14, "other", document_id=2, n=0))


def test_a_region_correction_covers_documents_about_its_region_only() -> None:
    rule = correction(1, CorrectionScope.REGION, region_id=587116)
    assert covers(rule, Covered("Martuni", 0, "x", frozenset({587116}), document_id=9, n=0))
    assert not covers(rule, Covered("Martuni", 0, "x", frozenset({174982}), document_id=9, n=0))


def test_the_narrowest_scope_governs_then_the_newest() -> None:
    region = correction(5, CorrectionScope.REGION, region_id=587116)
    document = correction(3, CorrectionScope.DOCUMENT, place_id=None)
    newer_document = correction(4, CorrectionScope.DOCUMENT, place_id=616437)
    mention = correction(2, CorrectionScope.MENTION, place_id=616438)
    here = Covered("Martuni", 14, DIGEST, frozenset({587116}), document_id=1, n=0)
    elsewhere = Covered("Martuni", 50, DIGEST, frozenset({587116}), document_id=1, n=3)
    assert governing([region, document, newer_document, mention], here) == mention
    assert governing([region, document, newer_document], elsewhere) == newer_document
    assert governing([region], elsewhere) == region
    assert governing([region], Covered("Hadrut", 50, DIGEST, frozenset({587116}))) is None


def test_mention_ids_read_back_and_refuse_anything_else() -> None:
    assert parse_mention_id(mention_id(12, 3)) == (12, 3)
    for bad in ("12", "12-", "-3", "a-3", "12-3-4", "0-1", "12-٣", "1-" + "9" * 30):
        with pytest.raises(InvalidInput):
            parse_mention_id(bad)


def test_case_variants_include_the_spelling_as_written() -> None:
    assert case_variants("Martuni") == ["MARTUNI", "Martuni", "martuni"]
