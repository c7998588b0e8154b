"""The workbench in a real browser: headless Chromium opens the front door, a State page,
a search and both network views from a local server; each page is screenshotted (into
``test-artifacts/``), shows no literal Markdown, and has no axe-core violation of impact
serious or critical. The overview opens aggregated, a group expands on click, and the
search box focuses a node hidden in a group.

Needs Debian's chromium, websocket-client, and axe-core's ``axe.min.js``: from
``$RIGHTSGRAPH_AXE_JS`` (``.ci/run`` installs the npm package ``axe-core`` and sets it);
skipped with the reason otherwise.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backends import memory_store_with
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.store import Store
from live_servers import chromium, serve_in_thread
from test_views_browser import ARTIFACTS, CHROMIUM

AXE_ENV = "RIGHTSGRAPH_AXE_JS"
MARKDOWN = re.compile(r"\*\*\w|\[\^\d+\]|^#{1,6} |\]\(/|^\s*- \*\*", re.MULTILINE)
SERIOUS = ("serious", "critical")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

PAGES = {
    "front-door": "/",
    "state-page": "/states/CHN",
    "search": "/search?q=age+verification&format=html",
    "state-network": "/states/CHN/graph",
    "overview-network": "/graph/overview",
    "analytics": "/analytics",
    "timeline": "/timeline/communications?as_of=2022-01-01",
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    location = os.environ.get(AXE_ENV)
    if not location or not Path(location).is_file():
        pytest.skip(f"set {AXE_ENV} to axe-core's axe.min.js (npm package axe-core; .ci/run installs it)")
    return Path(location).read_text("utf-8")


@pytest.fixture(scope="module")
def store(shared_dir: Path, seed_paths: list[Path]) -> Iterator[Store]:
    with memory_store_with([*seed_paths, shared_dir / "reference" / "untc", shared_dir / "corpus" / "real"]) as opened:
        yield opened


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[str]:
    """The whole service (create_app) served by uvicorn on 127.0.0.1 (a free port)."""
    with serve_in_thread(create_app(store, Settings())) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium(CHROMIUM) as opened:
        yield opened


def open_page(browser, url: str, network: bool) -> None:
    browser.navigate(url)
    ready = "document.documentElement.getAttribute('data-drawn')" if network else "document.readyState === 'complete'"
    browser.wait_for(f"location.href === {url!r} && {ready}")


def axe_violations(browser, axe_source: str) -> list[dict]:
    if not browser.evaluate("typeof window.axe !== 'undefined'"):
        browser.evaluate(axe_source)
    found = browser.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { return JSON.stringify("
        "r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })}; })); })")
    return json.loads(found)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_screenshot_no_markdown_no_serious_accessibility_violation(browser, server, axe_source, name):
    network = "network" in name
    open_page(browser, server + PAGES[name], network)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.png").write_bytes(browser.screenshot())
    text = browser.evaluate("document.body.innerText")
    assert text.strip() and not MARKDOWN.search(text), MARKDOWN.search(text)
    serious = [v for v in axe_violations(browser, axe_source) if v["impact"] in SERIOUS]
    assert not serious, json.dumps(serious, indent=1)


def test_keyboard_reaches_the_search_box_from_the_skip_link(browser, server):
    open_page(browser, server + "/", network=False)
    browser.send("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
    browser.send("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab", windowsVirtualKeyCode=9)
    assert browser.evaluate("document.activeElement.className") == "skip"
    assert browser.evaluate("document.activeElement.getBoundingClientRect().left >= 0")


def test_overview_opens_aggregated_expands_on_click_and_focuses_a_search(browser, server):
    open_page(browser, server + "/graph/overview", network=True)
    clusters = browser.evaluate("network.body.nodeIndices.filter(function (id) { return network.isCluster(id); })")
    assert clusters, "the overview opens with groups"
    visible = browser.evaluate("network.body.nodeIndices.length")
    assert visible < browser.evaluate("rgNodes.length")
    group = max(clusters, key=lambda c: c.startswith("cluster:communication|"))
    point = browser.evaluate(
        "(function(){var id=%r; var p=network.getPositions([id])[id]; var d=network.canvasToDOM(p);"
        "var r=document.getElementById('network').getBoundingClientRect(); return [d.x+r.left, d.y+r.top];})()" % group)
    browser.evaluate("network.moveTo({position: network.getPositions([%r])[%r], scale: 1.0})" % (group, group))
    point = browser.evaluate(
        "(function(){var id=%r; var p=network.getPositions([id])[id]; var d=network.canvasToDOM(p);"
        "var r=document.getElementById('network').getBoundingClientRect(); return [d.x+r.left, d.y+r.top];})()" % group)
    browser.click(*point)
    browser.wait_for("!network.isCluster(%r) && network.body.nodeIndices.indexOf(%r) < 0" % (group, group), timeout=10)
    assert browser.evaluate("network.body.nodeIndices.length") > visible - 1
    hidden = browser.evaluate(
        "(function(){var ids = network.body.nodeIndices; for (var i = 0; i < ids.length; i++) {"
        " if (network.isCluster(ids[i])) { return network.getNodesInCluster(ids[i])[0]; } } return null; })()")
    assert hidden, "another group is still closed"
    name = browser.evaluate(f"rgNodes.get({hidden!r}).name")
    browser.evaluate(f"document.getElementById('focus').value = {name!r};"
                     "document.getElementById('focus-form').requestSubmit(); true")
    browser.wait_for(f"network.getSelectedNodes().indexOf({hidden!r}) >= 0", timeout=10)
    assert browser.evaluate("document.getElementById('focus-status').textContent").startswith("Showing ")
    time.sleep(0.5)  # the focus animation
    (ARTIFACTS / "overview-focused.png").write_bytes(browser.screenshot())
