"""Corrections brought to bear: applied at once to stored mentions, held on re-ingest, evidence in
disambiguation, undone, and audited — on each store backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storebackends import on_store, store_target_fixture  # noqa: F401  (fixture)

from gazetteer.application import GazetteerAPI
from gazetteer.corrections import CORRECTED, CorrectionScope, mention_id
from gazetteer.documents import Document
from gazetteer.errors import InvalidInput, NotFound
from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.parser import geoparser_for
from gazetteer.results import EventDraft
from gazetteer.settings import load_settings

KHOJAVEND = 146969
"""The Karabakh town once called Martuni."""
MARTUNI_AM = 616438
"""Martuni in Armenia's Gegharkunik province."""
AZERBAIJAN = 587116
ARMENIA = 174982
PARIS_KENTUCKY = 4303602

TEXT = "Officials in Martuni and Vardenis reported damage. A convoy left Martuni at dawn."


@pytest.fixture
def api(tmp_path: Path, store_target: Path | str, gazetteer: Gazetteer) -> Iterator[GazetteerAPI]:
    settings = on_store(load_settings(tmp_path), store_target)
    with GazetteerAPI(settings, gazetteer=gazetteer, parser=geoparser_for(gazetteer)) as layer:
        yield layer


def places(api: GazetteerAPI, document: Document) -> list[tuple[int, str, int]]:
    return [(m.n, m.surface, m.place_id) for m in api.document_mentions(document.id)]


def test_a_mention_correction_changes_that_mention_at_once_and_is_audited(api: GazetteerAPI) -> None:
    document = api.ingest(TEXT)
    assert places(api, document) == [(0, "Martuni", MARTUNI_AM), (1, "Vardenis", 616108), (2, "Martuni", MARTUNI_AM)]
    done = api.correct(mention_id(document.id, 0), KHOJAVEND, author="analyst")
    assert done.changed == 1
    assert places(api, document)[0] == (0, "Martuni", KHOJAVEND)
    assert places(api, document)[2] == (2, "Martuni", MARTUNI_AM)  # only that mention
    corrected = api.mention(mention_id(document.id, 0))
    assert (corrected.place_name, corrected.confidence, corrected.country) == ("Khojavend", 1.0, "AZ")
    (listed,) = api.corrections()
    assert listed == done.correction
    assert (listed.author, listed.old_place_id, listed.place_id, listed.scope) == (
        "analyst",
        MARTUNI_AM,
        KHOJAVEND,
        CorrectionScope.MENTION,
    )
    assert listed.created.endswith("+00:00") and listed.surface == "Martuni"


def test_a_document_correction_covers_every_mention_of_the_surface_and_holds_on_reingest(api: GazetteerAPI) -> None:
    document = api.ingest(TEXT)
    api.correct(mention_id(document.id, 2), KHOJAVEND, scope=CorrectionScope.DOCUMENT, author="analyst")
    assert [p for _, s, p in places(api, document) if s == "Martuni"] == [KHOJAVEND, KHOJAVEND]
    again = api.ingest(TEXT, title="the same text, saved again")
    assert [p for _, s, p in places(api, again) if s == "Martuni"] == [KHOJAVEND, KHOJAVEND]
    found = [m for m in api.document_mentions(again.id) if m.surface == "Martuni"]
    assert all(m.confidence == 1.0 for m in found)
    other = api.ingest("Officials in Martuni and Vardenis met on Monday.")
    assert places(api, other)[0][2] == MARTUNI_AM  # another text: not covered


def test_not_a_place_drops_the_mention_keeps_the_numbering_and_undo_restores_it(api: GazetteerAPI) -> None:
    document = api.ingest(TEXT)
    before = api.document_mentions(document.id)
    done = api.correct(mention_id(document.id, 0), None, scope=CorrectionScope.DOCUMENT, author="analyst")
    assert done.changed == 2
    assert places(api, document) == [(1, "Vardenis", 616108)]
    with pytest.raises(NotFound):
        api.mention(mention_id(document.id, 0))
    again = api.ingest(TEXT)
    assert places(api, again) == [(1, "Vardenis", 616108)]  # numbered with the dropped ones
    undone = api.undo_correction(done.correction.id)
    assert undone.correction == done.correction and undone.changed == 4  # both copies of the text
    assert api.document_mentions(document.id) == before
    assert [m.place_id for m in api.document_mentions(again.id)] == [MARTUNI_AM, 616108, MARTUNI_AM]
    assert api.corrections() == []
    with pytest.raises(NotFound):
        api.undo_correction(done.correction.id)


def test_a_region_correction_covers_documents_about_the_region_only(api: GazetteerAPI) -> None:
    about_azerbaijan = api.ingest("Martuni residents left for Baku on Monday.")
    about_armenia = api.ingest("Farmers in Martuni and Yerevan waited for rain.")
    done = api.correct(mention_id(about_azerbaijan.id, 0), KHOJAVEND, scope=CorrectionScope.REGION, author="a")
    assert (done.correction.region_id, done.correction.region_name) == (AZERBAIJAN, "Azerbaijan")
    assert places(api, about_azerbaijan)[0][2] == KHOJAVEND
    assert places(api, about_armenia)[0][2] == MARTUNI_AM
    later = api.ingest("Buses from Baku reached Martuni by noon.")
    assert [p for _, s, p in places(api, later) if s == "Martuni"] == [KHOJAVEND]
    with pytest.raises(InvalidInput):
        api.correct(
            mention_id(about_armenia.id, 0), KHOJAVEND, scope=CorrectionScope.REGION, region_id=616108, author="a"
        )


def test_the_narrowest_correction_governs_and_undoing_it_falls_back_to_the_broader(api: GazetteerAPI) -> None:
    document = api.ingest(TEXT)
    broad = api.correct(mention_id(document.id, 0), KHOJAVEND, scope=CorrectionScope.DOCUMENT, author="a")
    narrow = api.correct(mention_id(document.id, 2), None, author="b")
    assert places(api, document) == [(0, "Martuni", KHOJAVEND), (1, "Vardenis", 616108)]
    api.undo_correction(narrow.correction.id)
    assert [p for _, s, p in places(api, document) if s == "Martuni"] == [KHOJAVEND, KHOJAVEND]
    api.undo_correction(broad.correction.id)
    assert [p for _, s, p in places(api, document) if s == "Martuni"] == [MARTUNI_AM, MARTUNI_AM]


def test_a_correction_is_evidence_for_the_other_names_of_a_text(api: GazetteerAPI) -> None:
    text = "The delegation flew from Paris to Lebanon for the talks."
    first = api.ingest(text)
    assert places(api, first)[0][2] != PARIS_KENTUCKY
    lebanon = places(api, first)[1][2]
    api.correct(mention_id(first.id, 0), PARIS_KENTUCKY, scope=CorrectionScope.DOCUMENT, author="a")
    mentions, originals = api.corrected_geoparse(text)
    assert mentions[0].place.id == PARIS_KENTUCKY and mentions[0].reasons == {CORRECTED: 1.0}
    assert mentions[1].place.id != lebanon and mentions[1].place.country == "US"  # Lebanon, Kentucky now
    assert {m.surface for m in originals} == {"Paris", "Lebanon"}


def test_bad_corrections_are_refused_and_change_nothing(api: GazetteerAPI) -> None:
    document = api.ingest(TEXT)
    before = api.document_mentions(document.id)
    for call in (
        lambda: api.correct(mention_id(document.id, 9), KHOJAVEND, author="a"),
        lambda: api.correct("nonsense", KHOJAVEND, author="a"),
        lambda: api.correct(mention_id(document.id, 0), 999_999_999_999, author="a"),
        lambda: api.correct(mention_id(document.id, 0), KHOJAVEND, region_id=AZERBAIJAN, author="a"),
        lambda: api.correct(mention_id(document.id, 0), KHOJAVEND, author=""),
    ):
        with pytest.raises((InvalidInput, NotFound)):
            call()
    assert api.document_mentions(document.id) == before and api.corrections() == []


def test_proposed_events_follow_their_mention_and_confirmed_ones_stay(api: GazetteerAPI) -> None:
    text = "Shelling hit Martuni on 12 May 2024. Farmers near Vardenis counted losses on 14 May 2024."
    document = api.ingest(text)

    def proposed() -> list[tuple[int | None, int | None, str]]:
        return [(e.mention_n, e.place_id, e.date) for e in api.events(document_id=document.id, proposed=True)]

    assert proposed() == [(0, MARTUNI_AM, "2024-05-12"), (1, 616108, "2024-05-14")]
    vardenis = api.events(document_id=document.id, proposed=True)[1]
    api.replace_event(vardenis.id, EventDraft(vardenis.title, vardenis.date, place_id=616108, document_id=document.id,
                                             mention_n=1))  # fmt: skip
    moved = api.correct(mention_id(document.id, 0), KHOJAVEND, author="analyst")
    (event,) = api.events(document_id=document.id, proposed=True)
    assert (event.mention_n, event.place_id, event.place_name) == (0, KHOJAVEND, "Khojavend")
    khojavend = api.place(KHOJAVEND)
    assert (event.lon, event.lat) == (khojavend.lon, khojavend.lat)
    api.undo_correction(moved.correction.id)
    assert proposed() == [(0, MARTUNI_AM, "2024-05-12")]
    dropped = api.correct(mention_id(document.id, 0), None, author="analyst")
    assert proposed() == []
    api.correct(mention_id(document.id, 1), None, author="analyst")
    assert [e.place_id for e in api.events(document_id=document.id, proposed=False)] == [616108]  # confirmed
    api.undo_correction(dropped.correction.id)
    assert proposed() == [(0, MARTUNI_AM, "2024-05-12")]  # proposed again from its sentence


def test_a_region_correction_reads_no_texts_when_no_narrower_one_compares_them(
    api: GazetteerAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [api.ingest(f"Convoy {n} left Baku for Martuni.") for n in range(5)]
    read: list[int] = []
    store = api.store
    document = store.document

    def counted(document_id: int) -> Document:
        read.append(document_id)
        return document(document_id)

    monkeypatch.setattr(store, "document", counted)
    api.correct(mention_id(documents[0].id, 1), KHOJAVEND, scope=CorrectionScope.REGION, author="a")
    assert read == [documents[0].id]  # its own text's digest, for the record
    assert all(places(api, d)[1][2] == KHOJAVEND for d in documents)
