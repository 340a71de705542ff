"""GET /docs (Swagger UI) and /redoc (ReDoc), with their scripts and styles served by the service.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, so they stay blank where the service
cannot reach the internet. The fastapi-offline package ships both bundles; they are mounted at
``ASSETS_URL`` and the pages point there. Each page gets a Content-Security-Policy that allows this
origin only, plus what the page itself needs (see ``swagger_ui_policy`` and ``REDOC_POLICY``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/docs-assets"

# Both pages: this origin only, SVG icons as data: URLs, nothing may frame them.
_BASE_POLICY = (
    "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# ReDoc writes its styles into <style> elements at run time (and its page has a <style> block), and
# its search runs in a worker made from a blob: URL. Its bundle also shows Redocly's logo from their
# CDN: the policy blocks that image (ReDoc then hides it), so the page still sends nothing elsewhere.
REDOC_POLICY = f"{_BASE_POLICY}; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src blob:"

# Swagger UI's page starts the bundle with an inline <script> that names the OpenAPI URL.
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)

router = APIRouter(include_in_schema=False)


def swagger_ui_policy(html: str) -> str:
    """The docs page's policy: scripts from this origin, and the page's own inline script by its hash
    (a hash admits that script only, where 'unsafe-inline' would admit any injected one)."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(html)
    )
    return f"{_BASE_POLICY}; script-src 'self' {hashes}; style-src 'self'"


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    page = get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title}: Swagger UI",
        swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
        # No badge from the public validator: it would be a request to another site.
        swagger_ui_parameters={"validatorUrl": None},
    )
    page.headers["Content-Security-Policy"] = swagger_ui_policy(bytes(page.body).decode())
    return page


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    page = get_redoc_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title}: ReDoc",
        redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
        redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
        with_google_fonts=False,
    )
    page.headers["Content-Security-Policy"] = REDOC_POLICY
    return page


def static_files() -> StaticFiles:
    """Swagger UI's and ReDoc's scripts, style sheet and icon, mounted at ``ASSETS_URL``."""
    return StaticFiles(directory=ASSETS_DIR)
