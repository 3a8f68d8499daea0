"""Requests generated from the OpenAPI spec, valid and invalid: none may cause a server error.

Each operation gets a bounded number of positive and negative examples, so the
whole run stays near a minute.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from servicefixtures import parser_fixture  # noqa: F401  (fixtures)

from gazetteer.gazetteer import Gazetteer
from gazetteer.settings import load_settings
from service.app import create_app
from service.state import api_of

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
"""Examples per operation and mode (``FUZZ_EXAMPLES`` for a deeper run)."""
SLOW = {"GET /map": 3, "GET /events/{event_id}/map": 3, "POST /documents": max(3, EXAMPLES // 2)}
"""Fewer examples for operations that build maps or geoparse."""
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
"""For this project's own operations: no server error, and every response as documented."""
ONLY_NO_SERVER_ERROR = ("GET /map", "GET /events/{event_id}/map")
"""Map pages: checked for server errors only."""
LABELS = sorted(
    op.ok().label for op in schemathesis.openapi.from_asgi("/openapi.json", create_app()).get_all_operations()
)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory, gazetteer: Gazetteer, parser: Any) -> Any:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    app = create_app(load_settings(folder), gazetteer=gazetteer, parser=parser)
    assert api_of(app).spatial.places, "spatial indexes built before the first request: cold, it outlasts its timeout"
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize("label", LABELS)
def test_no_server_error(api_schema: Any, label: str, mode: GenerationMode) -> None:
    operation = api_schema.find_operation_by_label(label)

    @given(operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=SLOW.get(label, EXAMPLES),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=EXAMPLES <= 10,
        database=None,
    )
    def run(case: Any) -> None:
        case.call_and_validate(checks=[not_a_server_error] if label in ONLY_NO_SERVER_ERROR else CHECKS)

    run()
