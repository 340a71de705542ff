"""Every error leaves the service as ``{"error": {"code", "message"}}``: a 4xx status for a request
the service refuses, 503 while the model is not ready.

Unexpected failures become a 500 with a fixed message: stack traces stay in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.schemas import ErrorResponse

log = logging.getLogger("slotfill")

# The error answers of the API, documented on every /v1 operation: the OpenAPI page and
# schemathesis read these, so an answer missing here would be an undocumented one.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "body is not JSON in UTF-8"},
    401: {"model": ErrorResponse, "description": "missing or wrong X-API-Key (when one is configured)"},
    413: {"model": ErrorResponse, "description": "over a size limit"},
    422: {"model": ErrorResponse, "description": "invalid request, named in the message"},
    503: {"model": ErrorResponse, "description": "the model is not loaded yet, or the service is shutting down"},
}

# Error codes for the HTTP errors Starlette and FastAPI raise themselves.
HTTP_ERROR_CODES = {400: "invalid_body", 404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}


class JsonResponse(Response):
    """orjson-encoded JSON: faster than the default encoder on big distributions, and it writes numpy rows."""

    media_type = "application/json"

    def render(self, content: object) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        location = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        message = error.get("msg", "invalid value")
        parts.append(f"{location}: {message}" if location else message)
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JsonResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JsonResponse:
        return error_response(422, "invalid_request", _describe_validation(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JsonResponse:
        code = HTTP_ERROR_CODES.get(exc.status_code, "http_error")
        message = str(exc.detail)
        if exc.status_code == 400 and message == "There was an error parsing the body":
            message = "request body could not be read as JSON (is it UTF-8?)"  # FastAPI's wording names no cause
        return error_response(exc.status_code, code, message, exc.headers)  # keeps e.g. 405's Allow header

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JsonResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "internal error; see the server log")
