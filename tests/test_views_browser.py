"""The network page in a real browser: headless Chromium draws it from a local server with
no internet access, and a click on a node opens that node's page.

Needs Debian's chromium (/usr/bin/chromium) and websocket-client; skipped otherwise.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from live_servers import chromium, serve_in_thread
from rightsgraph.api.errors import install_error_handlers
from rightsgraph.api.views_routes import router
from rightsgraph.graph.network import NetworkCache
from rightsgraph.graph.store import Store
from test_network import CHN_LETTER, TIKTOK, seeded_store

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def store(shared_dir: Path) -> Iterator[Store]:
    with seeded_store(shared_dir) as opened:
        yield opened


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[str]:
    """The exploration routes served by uvicorn on 127.0.0.1 (a free port)."""
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    app.state.store = store
    app.state.network_cache = NetworkCache()  # as create_app sets it
    with serve_in_thread(app, startup_seconds=30) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium(CHROMIUM) as opened:
        yield opened


def distinct_colours(png: bytes, top: int) -> int:
    """How many colours the screenshot has below ``top`` pixels (the drawing area)."""
    image_module = pytest.importorskip("PIL.Image")
    image = image_module.open(io.BytesIO(png)).convert("RGB")
    area = image.crop((0, top, image.width, image.height))
    return len(area.getcolors(maxcolors=1 << 20) or [])


def open_page(browser, url: str) -> None:
    browser.navigate(url)
    browser.wait_for(f"location.href === {url!r} && document.documentElement.getAttribute('data-drawn')")


def test_state_network_is_drawn(browser, server: str) -> None:
    open_page(browser, f"{server}/states/CHN/graph")
    top = browser.evaluate("document.getElementById('network').getBoundingClientRect().top")
    png = browser.screenshot()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "state-chn-graph.png").write_bytes(png)
    assert distinct_colours(png, int(top) + 1) > 10
    assert browser.evaluate("window.rgNodes.length") >= 9


def test_click_on_a_node_opens_its_page(browser, server: str) -> None:
    open_page(browser, f"{server}/states/CHN/graph")
    point = browser.evaluate(
        "(function(){var id=%r; var p=network.getPositions([id])[id]; var d=network.canvasToDOM(p);"
        "var r=document.getElementById('network').getBoundingClientRect(); return [d.x+r.left, d.y+r.top];})()"
        % TIKTOK
    )
    browser.click(*point)
    expected = f"/graph/view?iri={quote(TIKTOK, safe='')}"
    href = browser.wait_for(f"location.href.endsWith({expected!r}) && location.href", timeout=30)
    assert href.endswith(expected)
    browser.wait_for("document.documentElement.getAttribute('data-drawn')")
    assert browser.evaluate("document.title").startswith("TikTok")
    assert browser.evaluate(f"window.rgNodes.get({CHN_LETTER!r}) !== null")
    (ARTIFACTS / "after-click-tiktok.png").write_bytes(browser.screenshot())
