"""The floor for the HTTP benchmark: FastAPI doing everything /v1/parse does except the model.

Same request model and validation (``app.schemas.ParseRequest``), same event loop and HTTP stack
(uvicorn with uvloop and httptools), same orjson response class, an ``async`` route; the answer is
a fixed small body. Whatever the service serves beyond this is what the model and its answer cost.

Run by ``bench/run.py`` as ``uvicorn --app-dir bench floor:app``.
"""

from __future__ import annotations

from fastapi import FastAPI

from app.errors import JsonResponse, install_error_handlers
from app.schemas import ParseRequest

ANSWER = {"text": "", "tokens": [], "slots": [], "intent": {"name": "floor", "confidence": 1.0, "ranking": []}}

app = FastAPI(title="slotfill floor")
install_error_handlers(app)  # the same 4xx answers as the service


@app.post("/v1/parse")
async def parse(body: ParseRequest) -> JsonResponse:
    return JsonResponse(ANSWER)


@app.get("/readyz")
async def readyz() -> JsonResponse:
    return JsonResponse({"status": "ready"})
