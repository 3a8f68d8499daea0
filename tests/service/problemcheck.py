"""Checks shared by the service tests."""

from __future__ import annotations

from typing import Any


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """The problem JSON of a response with that status."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    assert "instance" in body
    return body  # type: ignore[no-any-return]
