"""GET /docs and /redoc: the pages load nothing from other sites, their assets come from this service,
and each page's Content-Security-Policy admits exactly what it runs."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.routes.docs import ASSETS_URL

ASSET_URLS = re.compile(r'(?:src|href)="([^"]*)"')
INLINE_SCRIPTS = re.compile(r"<script>(.*?)</script>", re.DOTALL)
KINDS = {".js": "javascript", ".css": "text/css", ".png": "image/png"}


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as directive -> sources."""
    directives = [part.split() for part in response.headers["content-security-policy"].split(";")]
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize(
    ("page", "assets"),
    [
        ("/docs", {"swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"}),
        ("/redoc", {"redoc.standalone.js", "favicon.png"}),
    ],
    ids=["swagger-ui", "redoc"],
)
def test_page_and_its_assets_come_from_this_origin(client: TestClient, page: str, assets: set[str]):
    response = client.get(page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    urls = ASSET_URLS.findall(response.text)
    assert {url.rsplit("/", 1)[-1] for url in urls} == assets
    for url in urls:
        assert url.startswith(f"{ASSETS_URL}/"), url  # a path on this origin, not //cdn... or https://
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert KINDS[url[url.rindex(".") :]] in asset.headers["content-type"], url
        assert len(asset.content) > 1000, url
    assert "fonts.googleapis" not in response.text and "cdn." not in response.text
    rules = policy(response)
    assert rules["default-src"] == ["'self'"] and rules["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in rules["script-src"] and "'unsafe-eval'" not in rules["script-src"]


def test_swagger_ui_policy_admits_its_inline_script_by_hash(client: TestClient):
    response = client.get("/docs")
    [script] = INLINE_SCRIPTS.findall(response.text)
    assert "SwaggerUIBundle(" in script and "'/openapi.json'" in script
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert policy(response)["script-src"] == ["'self'", f"'sha256-{digest}'"]
    assert policy(response)["style-src"] == ["'self'"]


def test_redoc_runs_no_inline_script(client: TestClient):
    response = client.get("/redoc")
    assert INLINE_SCRIPTS.findall(response.text) == []
    assert policy(response)["script-src"] == ["'self'"]


def test_docs_pages_follow_the_root_path(client: TestClient):
    """Behind a proxy that serves the app under a prefix, the pages ask for their assets under it."""
    response = TestClient(client.app, root_path="/slotfill").get("/docs")
    assert response.status_code == 200
    assert f'src="/slotfill{ASSETS_URL}/swagger-ui-bundle.js"' in response.text
    assert "'/slotfill/openapi.json'" in response.text


def test_openapi_is_not_listing_the_pages(client: TestClient):
    paths = client.get("/openapi.json").json()["paths"]
    assert not {"/docs", "/redoc", "/", ASSETS_URL} & set(paths)


# ---- in a real browser: the policies let both pages draw the whole API and block nothing they need ----


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from tests.test_browser import CHROMIUM_FLAGS, find_browser

    chromium, chromedriver = find_browser()
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never try to download a driver
    with tempfile.TemporaryDirectory(prefix="slotfill-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(chromedriver), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def console_problems(driver: Any) -> list[str]:
    # ReDoc's bundle always asks for Redocly's logo from their CDN; the policy blocking it is the point.
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] == "SEVERE" and "cdn.redoc.ly/redoc/logo-mini.svg" not in entry["message"]
    ]


@pytest.mark.slow
def test_swagger_ui_draws_and_tries_a_request(browser: Any, live_server: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{live_server}/docs")
    operation = "#operations-parse-parse_v1_parse_post"
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, operation))
    assert len(browser.find_elements(By.CSS_SELECTOR, ".opblock")) >= 7
    browser.find_element(By.CSS_SELECTOR, f"{operation} .opblock-summary-control").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".try-out__btn"))
    browser.find_element(By.CSS_SELECTOR, ".try-out__btn").click()
    browser.find_element(By.CSS_SELECTOR, ".execute").click()  # sends the schema's first example
    status = ".live-responses-table tbody .response-col_status"
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, status))
    assert browser.find_element(By.CSS_SELECTOR, status).text.startswith("200")
    assert console_problems(browser) == []


@pytest.mark.slow
def test_redoc_draws_and_searches(browser: Any, live_server: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{live_server}/redoc")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "input[placeholder='Search...']"))
    assert browser.find_element(By.CSS_SELECTOR, "h1").text.startswith("slotfill")
    browser.find_element(By.CSS_SELECTOR, "input[placeholder='Search...']").send_keys("explain")
    results = "[data-role='search:results'] li"
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, results))  # the search worker runs
    assert console_problems(browser) == []
