"""app.metrics and GET /metrics: Prometheus text format, counters by route template and status, the served model."""

from __future__ import annotations

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families


def samples(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample on /metrics, keyed by (sample name, sorted labels)."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def value(all_samples: dict, sample: str, **labels: str) -> float:
    return all_samples.get((sample, tuple(sorted(labels.items()))), 0.0)


def test_parse_request_increments_its_counter_and_histogram(client: TestClient) -> None:
    labels = {"method": "POST", "endpoint": "/v1/parse", "status": "200"}
    before = samples(client)
    response = client.post("/v1/parse", json={"text": "flights from boston to denver"})
    assert response.status_code == 200
    after = samples(client)
    assert (
        value(after, "slotfill_http_requests_total", **labels)
        == value(before, "slotfill_http_requests_total", **labels) + 1
    )
    count = "slotfill_http_request_duration_seconds_count"
    assert value(after, count, **labels) == value(before, count, **labels) + 1
    slowest = value(after, "slotfill_http_request_duration_seconds_bucket", **labels, le="+Inf")
    assert slowest == value(after, count, **labels)


def test_status_codes_are_labelled_and_urls_are_not(client: TestClient) -> None:
    before = samples(client)
    assert client.post("/v1/parse", json={"text": "   "}).status_code == 422
    assert client.get("/no/such/page/12345").status_code == 404
    after = samples(client)
    bad = {"method": "POST", "endpoint": "/v1/parse", "status": "422"}
    assert (
        value(after, "slotfill_http_requests_total", **bad) == value(before, "slotfill_http_requests_total", **bad) + 1
    )
    missing = {"method": "GET", "endpoint": "<unmatched>", "status": "404"}
    assert (
        value(after, "slotfill_http_requests_total", **missing)
        == value(before, "slotfill_http_requests_total", **missing) + 1
    )
    # The raw URL never becomes a label value: the number of series stays bounded.
    assert not any("12345" in v for (_, labels) in after for _, v in labels)


def test_refused_body_is_counted_under_its_route(client: TestClient) -> None:
    refused = {"method": "POST", "endpoint": "/v1/parse", "status": "413"}
    before = samples(client)
    big = client.post(
        "/v1/parse", content=b"x", headers={"content-length": "999999999", "content-type": "application/json"}
    )
    assert big.status_code == 413
    after = samples(client)
    assert (
        value(after, "slotfill_http_requests_total", **refused)
        == value(before, "slotfill_http_requests_total", **refused) + 1
    )


def test_model_info_names_the_served_checkpoint(client: TestClient) -> None:
    model = client.get("/v1/model").json()
    assert value(samples(client), "slotfill_model_info", name=model["name"], version=model["version"]) == 1


def test_docs_pages_and_their_assets_count_under_their_templates(client: TestClient) -> None:
    before = samples(client)
    assert client.get("/docs").status_code == 200
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200
    after = samples(client)
    for endpoint in ("/docs", "/docs-assets"):
        labels = {"method": "GET", "endpoint": endpoint, "status": "200"}
        assert (
            value(after, "slotfill_http_requests_total", **labels)
            == value(before, "slotfill_http_requests_total", **labels) + 1
        ), endpoint
