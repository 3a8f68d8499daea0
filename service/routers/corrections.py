"""Corrections: a mention's place decided by an analyst (``PATCH /mentions/{id}``), listed, undone."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from gazetteer.corrections import Corrected, CorrectionScope, mention_id
from gazetteer.errors import NotFound
from gazetteer.limits import MAX_ID
from gazetteer.public import correction_json, mention_json
from service.deps import ApiDep, JsonBody, Offset, PageLimit, WriteKey
from service.schemas.corrections import (
    MENTION_ID_PATTERN,
    CorrectionList,
    CorrectionMade,
    CorrectionPublic,
    MentionCorrection,
)
from service.schemas.places import MentionPublic
from service.schemas.problem import problem_responses

router = APIRouter(tags=["corrections"], responses=problem_responses(422, 503))
_UNKNOWN = problem_responses(404)
_KEYED = problem_responses(401, 403, 404)
MentionId = Annotated[str, Path(pattern=MENTION_ID_PATTERN, description="<document id>-<ordinal>, such as 12-3.")]
CorrectionId = Annotated[int, Path(ge=1, le=MAX_ID, description="Correction id.")]


def _made(api: ApiDep, done: Corrected) -> dict[str, Any]:
    correction = done.correction
    mention = None
    if correction.document_id is not None and correction.mention_n is not None:
        try:
            mention = mention_json(api.mention(mention_id(correction.document_id, correction.mention_n)))
        except NotFound:
            mention = None  # it names no place now
    return {"correction": correction_json(correction), "changed": done.changed, "mention": mention}


@router.get("/mentions/{mention_id}", response_model=MentionPublic, responses=_UNKNOWN)
def get_mention(mention_id: MentionId, api: ApiDep) -> dict[str, Any]:
    """One stored mention."""
    return mention_json(api.mention(mention_id))


@router.patch("/mentions/{mention_id}", response_model=CorrectionMade, dependencies=[JsonBody], responses=_KEYED)
def correct_mention(mention_id: MentionId, body: MentionCorrection, api: ApiDep, key: WriteKey) -> dict[str, Any]:
    """Correct a mention: the place its surface names, or not a place, for this mention, every mention of
    the surface in its document, or in every document about a region.  It applies at once to the stored
    mentions it covers, and later ingests follow it.  Needs a write key; the key's name is recorded."""
    done = api.correct(
        mention_id,
        None if body.not_a_place else body.place_id,
        scope=CorrectionScope(body.scope),
        region_id=body.region_id,
        author=key.name,
    )
    return _made(api, done)


@router.get("/corrections", response_model=CorrectionList)
def list_corrections(api: ApiDep, limit: PageLimit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Corrections, newest first: who made each, when, the old and the new place, and the scope."""
    found = [correction_json(c) for c in api.corrections(limit, offset)]
    return {"limit": limit, "offset": offset, "count": len(found), "corrections": found}


@router.get("/corrections/{correction_id}", response_model=CorrectionPublic, responses=_UNKNOWN)
def get_correction(correction_id: CorrectionId, api: ApiDep) -> dict[str, Any]:
    """One correction."""
    return correction_json(api.correction(correction_id))


@router.delete("/corrections/{correction_id}", response_model=CorrectionMade, responses=_KEYED)
def undo_correction(correction_id: CorrectionId, api: ApiDep, key: WriteKey) -> dict[str, Any]:
    """Undo a correction: the mentions it governed go back to what other corrections say, or to the parse."""
    return _made(api, api.undo_correction(correction_id))
