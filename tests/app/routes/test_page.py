"""GET /: the try-it page and its assets, all from this origin."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_page_and_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    html = page.text
    assert "i would like to arrive taipei on november second" in html
    assert "i would like to leave taipei on november second" in html
    assert "http://" not in html and "https://" not in html  # nothing from other sites
    for asset, kind in (("/static/app.js", "javascript"), ("/static/style.css", "text/css")):
        response = client.get(asset)
        assert response.status_code == 200 and kind in response.headers["content-type"]
        assert "http://" not in response.text and "https://" not in response.text
