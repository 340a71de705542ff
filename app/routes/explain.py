"""POST /v1/explain: what the first LSTM layer's gates and memory do at each token of a text."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.deps import PredictorDep, SettingsDep
from app.errors import ApiError, JsonResponse
from app.schemas import ExplainResponse, ParseRequest
from app.validation import request_utterance
from model.explain import DirectionTrace, lstm_gates

router = APIRouter(prefix="/v1", tags=["explain"])


def gate_stats(trace: DirectionTrace, t: int) -> dict[str, float]:
    return {
        "input": float(trace.input_gate[t]),
        "forget": float(trace.forget_gate[t]),
        "output": float(trace.output_gate[t]),
        "cell_norm": float(trace.cell_norm[t]),
    }


@router.post("/explain", response_model=ExplainResponse)
def explain(body: ParseRequest, predictor: PredictorDep, settings: SettingsDep) -> JsonResponse:
    """Per token and direction: mean input, forget and output gate of the first LSTM layer, and the
    norm of its memory cell, from stepping the trained weights through the LSTM equations. ``top_k``
    and ``compact`` are ignored."""
    checkpoint = predictor.checkpoint
    if checkpoint.model.config.cell != "lstm":
        raise ApiError(
            422, "not_lstm", f"the served model's cell is {checkpoint.model.config.cell!r}; only an LSTM has gates"
        )
    utterance = request_utterance(body, settings, predictor.tokenizer)
    traces = lstm_gates(checkpoint.model, predictor.encoder.encode([[t.text for t in utterance.tokens]]))
    backward = traces.get("backward")
    tokens: list[dict[str, Any]] = [
        {
            "text": token.text,
            "start": token.start,
            "end": token.end,
            "forward": gate_stats(traces["forward"], t),
            "backward": gate_stats(backward, t) if backward is not None else None,
        }
        for t, token in enumerate(utterance.tokens)
    ]
    return JsonResponse(
        {
            "text": utterance.text,
            "layer": 0,
            "hidden_size": checkpoint.model.config.hidden_size,
            "tokens": tokens,
            "model": {"name": checkpoint.name, "version": checkpoint.version},
        }
    )
