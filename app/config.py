"""Service settings, read from the environment (prefix ``SLOTFILL_``) by pydantic-settings."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

OneDnn = Literal["auto", "on", "off"]  # which kernels run the model's LSTM (app/kernels.py)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SLOTFILL_", env_ignore_empty=True)  # SLOTFILL_MODEL="" = unset

    model: Path | None = Field(None, description="checkpoint folder; unset = the bundled ATIS model")
    torch_threads: int = Field(1, ge=1, description="torch threads per worker; 1 per worker per core is fastest")
    onednn: OneDnn = Field(
        "auto",
        description="oneDNN's kernels for the model's LSTM: auto = the faster of them and PyTorch's own for one "
        "sentence, timed at start-up (which is faster depends on the processor; app/kernels.py)",
    )
    max_text_chars: int = Field(2_000, ge=1, description="longest text accepted, in characters")
    max_tokens: int = Field(200, ge=1, description="most tokens accepted in one text")
    max_batch_texts: int = Field(256, ge=1, description="most texts in one /v1/parse/batch request")
    max_body_bytes: int = Field(1_000_000, ge=1, description="largest request body accepted")
    api_key: SecretStr | None = Field(None, description="if set, /v1/* requires this value in the X-API-Key header")
    cors_origins: list[str] = Field([], description='origins allowed by CORS, as JSON: ["https://app.example"]')
    batching: bool = Field(True, description="group concurrent /v1/parse requests into one forward pass")
    in_domain_threshold: float | None = Field(
        None,
        ge=0,
        le=1,
        description='under this in_domain probability the intent is "out_of_scope"; unset = the model\'s own, '
        "chosen on its validation data",
    )
    batching_max_size: int = Field(64, ge=1, description="most /v1/parse requests in one forward pass")
    resolve: bool = Field(
        True,
        description="resolve each answer's places, dates and airline into a booking frame (world/resolve.py); "
        "false serves the tagger alone and skips loading the places and airlines data",
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
