"""The one JSON error shape every 4xx/5xx answer has, checked the same way by every test."""

from __future__ import annotations


def assert_error_shape(status: int, body: object) -> dict:
    """The one error shape: ``{"error": {"status", "code", "message", "details"}}``."""
    assert isinstance(body, dict) and set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"status", "code", "message", "details"}, error
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and isinstance(error["details"], dict)
    return error


def assert_error(response, status: int, code: str) -> dict:  # noqa: ANN001 - httpx or TestClient response
    """``response`` is the error ``code`` with ``status``, in the one shape, as JSON."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    error = assert_error_shape(status, response.json())
    assert error["code"] == code, error
    return error
