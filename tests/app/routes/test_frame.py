"""The stage after the model in /v1/parse and /v1/parse/batch: reference_time, slot places, the frame.

Most tests run the real app (bundled model) with a stand-in resolver that records what the routes hand
it, so they test the service's part alone; the tests marked ``needs_world`` run the real resolver
(world/resolve.py and the modules it reads) and are skipped while ``world.frame`` cannot be imported.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient

import app.main as main_module
from app.config import Settings
from app.schemas import BatchResponse, Frame, ParseResponse
from world.frame import EXAMPLE_FRAME as FRAME_EXAMPLE


def _world_frame_importable() -> bool:
    try:
        importlib.import_module("world.frame")
    except ImportError:
        return False
    return True


needs_world = pytest.mark.skipif(not _world_frame_importable(), reason="world.frame is not importable yet")

FLIGHT = "flights from boston to denver tomorrow"
PIZZA = "order me a large pepperoni pizza"
ALASKA_LATE = "2026-11-29T23:30:00-09:00"  # already 30 November in UTC: "tomorrow" must still be the 30th


class FakeResolver:
    """What ``world.resolve.Resolver`` does to an answer, in outline, recording every reference time."""

    loads: ClassVar[int] = 0

    def __init__(self) -> None:
        self.seen: list[datetime | None] = []

    @classmethod
    def load(cls) -> FakeResolver:
        cls.loads += 1
        return cls()

    @classmethod
    def fresh(cls) -> type[FakeResolver]:
        """A class of its own, so that its loads are counted apart from other apps'."""
        return type("FreshFakeResolver", (cls,), {"loads": 0})

    def resolve(self, answer: dict[str, Any], reference_time: datetime | None = None) -> dict[str, Any]:
        self.seen.append(reference_time)
        for slot in answer["slots"]:
            if slot["name"].endswith("city_name"):
                slot["place"] = {"name": slot["value"].title(), "airports": [slot["value"][:3].upper()]}
        out = answer["intent"]["name"] == "out_of_scope"
        stamp = reference_time.isoformat() if reference_time else None
        answer["frame"] = None if out else {"reference_time": stamp, "intent": answer["intent"]["name"]}
        return answer


def faked_client(settings: Settings, resolver: type[FakeResolver]) -> Iterator[TestClient]:
    with ExitStack() as running:
        # Patched for start-up only: apps started later in the session (conftest's client) get the real one.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(main_module, "Resolver", resolver)
            client = running.enter_context(TestClient(main_module.create_app(settings)))
        yield client


@pytest.fixture(scope="module")
def faked() -> Iterator[TestClient]:
    yield from faked_client(Settings(resolve=True), FakeResolver.fresh())


def seen(client: TestClient) -> list[datetime | None]:
    """The reference times the app's resolver was given, in order (start-up's warm-up first)."""
    resolver: FakeResolver = client.app.state.resolver  # type: ignore[attr-defined]
    return resolver.seen


def post(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    response = client.post(path, json=body)
    assert response.status_code == 200, response.text
    return response.json()


# ---- reference_time ----


def test_default_reference_time_is_now_in_utc(faked: TestClient):
    before = datetime.now(UTC).replace(microsecond=0)
    result = post(faked, "/v1/parse", {"text": FLIGHT})
    after = datetime.now(UTC)
    given = seen(faked)[-1]
    assert given is not None and given.utcoffset() == timedelta(0)
    assert before <= given <= after
    assert result["frame"]["reference_time"] == given.isoformat()


def test_reference_time_reaches_the_resolver_with_its_own_offset(faked: TestClient):
    result = post(faked, "/v1/parse", {"text": FLIGHT, "reference_time": ALASKA_LATE})
    given = seen(faked)[-1]
    assert given is not None and given.utcoffset() == timedelta(hours=-9)  # not turned into UTC
    assert result["frame"]["reference_time"] == ALASKA_LATE
    assert post(faked, "/v1/parse", {"text": FLIGHT, "reference_time": "2026-11-29T23:30:00Z"})["frame"][
        "reference_time"
    ] == ("2026-11-29T23:30:00+00:00")


@pytest.mark.parametrize("path", ["/v1/parse", "/v1/parse/batch"])
@pytest.mark.parametrize(
    "value",
    ["yesterday-ish", "2026-11-29T10:00:00", "2026-11-29", "", "1764480600", 1764480600, ["2026-11-29T10:00:00Z"]],
    ids=["words", "no offset", "date only", "empty", "digits", "unix time", "list"],
)
def test_invalid_reference_time_is_refused_naming_it(faked: TestClient, path: str, value: object):
    body = {"text": FLIGHT} if path == "/v1/parse" else {"texts": [FLIGHT]}
    response = faked.post(path, json={**body, "reference_time": value})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["message"].startswith("reference_time: ") and "UTC offset" in error["message"], error["message"]


def test_batch_reads_every_text_at_one_reference_time(faked: TestClient):
    texts = [FLIGHT, "fares to dallas tomorrow", "boston"]
    for body in ({"texts": texts}, {"texts": texts, "reference_time": ALASKA_LATE}):
        seen(faked).clear()
        results = post(faked, "/v1/parse/batch", body)["results"]
        # The same object, not three equal clock readings: equal to the second is not the same moment.
        first = seen(faked)[0]
        assert first is not None and len(seen(faked)) == 3 and all(t is first for t in seen(faked))
        assert len({r["frame"]["reference_time"] for r in results}) == 1
    assert results[0]["frame"]["reference_time"] == ALASKA_LATE


# ---- what the answers carry ----


def test_every_kind_of_answer_carries_places_and_the_frame(faked: TestClient):
    answers = [
        post(faked, "/v1/parse", {"text": FLIGHT}),
        post(faked, "/v1/parse", {"text": FLIGHT, "compact": True}),
        post(faked, "/v1/parse", {"text": FLIGHT, "top_k": 2}),
        post(faked, "/v1/parse", {"tokens": FLIGHT.split()}),
        *post(faked, "/v1/parse/batch", {"texts": [FLIGHT]})["results"],
        *post(faked, "/v1/parse/batch", {"texts": [FLIGHT], "compact": True})["results"],
    ]
    for answer in answers:
        assert answer["frame"] == {"reference_time": answer["frame"]["reference_time"], "intent": "atis_flight"}
        places = {s["value"]: s["place"]["airports"] for s in answer["slots"] if "place" in s}
        assert places == {"boston": ["BOS"], "denver": ["DEN"]}


def test_out_of_scope_answers_have_a_null_frame(faked: TestClient):
    assert post(faked, "/v1/parse", {"text": PIZZA})["frame"] is None
    results = post(faked, "/v1/parse/batch", {"texts": [PIZZA, FLIGHT]})["results"]
    assert results[0]["frame"] is None and results[1]["frame"] is not None


def test_resolve_setting_off_serves_the_tagger_alone(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SLOTFILL_RESOLVE", "false")
    settings = Settings()
    assert settings.resolve is False
    resolver = FakeResolver.fresh()
    for client in faked_client(settings, resolver):
        answers = [
            post(client, "/v1/parse", {"text": FLIGHT, "reference_time": ALASKA_LATE}),
            post(client, "/v1/parse", {"text": FLIGHT, "compact": True}),
            *post(client, "/v1/parse/batch", {"texts": [FLIGHT, PIZZA]})["results"],
        ]
        for answer in answers:
            assert "frame" not in answer
            assert answer["slots"] and not any("place" in s for s in answer["slots"])
        # Still checked, so that a client's mistake shows the day the stage is switched on.
        assert client.post("/v1/parse", json={"text": FLIGHT, "reference_time": "soon"}).status_code == 422
    assert resolver.loads == 0  # the places and airlines data were never loaded


def test_resolver_is_loaded_once_at_start_up(faked: TestClient):
    post(faked, "/v1/parse", {"text": FLIGHT})
    post(faked, "/v1/parse/batch", {"texts": [FLIGHT, FLIGHT]})
    assert type(faked.app.state.resolver).loads == 1  # type: ignore[attr-defined]


# ---- the declarations ----


def test_openapi_documents_reference_time_and_the_frame(faked: TestClient):
    schemas = faked.get("/openapi.json").json()["components"]["schemas"]
    for request in ("ParseRequest", "BatchRequest"):
        field = schemas[request]["properties"]["reference_time"]
        assert {"type": "string", "format": "date-time"} in field["anyOf"]
        assert "UTC offset" in field["description"]
    assert schemas["ParseResponse"]["properties"]["frame"]["anyOf"][0] == {"$ref": "#/components/schemas/Frame"}
    assert "place" in schemas["SlotResult"]["properties"]
    [example] = schemas["Frame"]["examples"]
    assert example["origin"]["airports"] == ["BOS"] and example["destination"]["airports"][0] == "DEN"
    assert example["round_trip"] is True and example["airline"]["code"] == "UA"
    assert set(schemas["Frame"]["required"]) >= {"origin", "destination", "depart", "return", "airline"}


def test_frame_example_is_valid_and_keeps_its_wire_names():
    frame = Frame.model_validate(FRAME_EXAMPLE)
    assert frame.return_ is not None and frame.return_.date == "2026-11-29"
    assert frame.model_dump(by_alias=True) == FRAME_EXAMPLE


# ---- with the real resolver ----


@needs_world
def test_tomorrow_is_the_reference_times_own_tomorrow(client: TestClient):
    result = post(client, "/v1/parse", {"text": FLIGHT, "reference_time": ALASKA_LATE})
    frame = result["frame"]
    assert frame["depart"]["date"] == "2026-11-30", frame
    assert frame["origin"]["airports"][0] == "BOS" and frame["destination"]["airports"][0] == "DEN"
    boston = next(s for s in result["slots"] if s["value"] == "boston")
    assert "BOS" in boston["place"]["airports"]
    ParseResponse.model_validate(result)  # the declarations describe what the resolver writes


@needs_world
def test_without_reference_time_tomorrow_is_tomorrow_in_utc(client: TestClient):
    before = datetime.now(UTC).date()
    frame = post(client, "/v1/parse", {"text": FLIGHT})["frame"]
    after = datetime.now(UTC).date()
    assert frame["depart"]["date"] in {str(before + timedelta(days=1)), str(after + timedelta(days=1))}


@needs_world
def test_real_batch_and_compact_answers_carry_frames(client: TestClient):
    body = {"texts": [FLIGHT, PIZZA], "reference_time": ALASKA_LATE, "compact": True}
    answer = post(client, "/v1/parse/batch", body)
    BatchResponse.model_validate(answer)
    flight, pizza = answer["results"]
    assert flight["frame"]["depart"]["date"] == "2026-11-30" and pizza["frame"] is None
