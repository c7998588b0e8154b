"""How long headless Chromium takes to draw the corpus overview, big against small.

Generates synthetic networks (fictional letters, companies, people; real-looking types and
edges) of a baseline size and of a large size, renders :func:`overview_view` for each, loads
each page from a file in headless Chromium over the DevTools protocol and reads the moment
vis-network first drew (``performance.now()`` recorded on ``afterDrawing``, i.e. from
navigation start). Reports render time (server side), page size, and draw time, with the
large/baseline ratio. Not a test: numbers depend on the machine.

    .venv/bin/python benchmarks/bench_overview.py [--nodes 5000] [--baseline 500] [--runs 3]

:class:`Chromium` (a minimal DevTools client over ``websocket-client``) is also used by
``tests/test_views_browser.py``.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1400,1000",
]


class Chromium:
    """Headless Chromium with a fresh profile, driven over one DevTools websocket."""

    def __init__(self, binary: str = CHROMIUM, timeout: float = 30.0) -> None:
        import websocket  # websocket-client (test extra)

        self.profile = Path(tempfile.mkdtemp(prefix="rg-chromium-"))
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port = self._port(timeout)
        target = self._page_target(port, timeout)
        self.socket = websocket.create_connection(target, timeout=timeout, suppress_origin=True)
        self._next_id = 0
        self.send("Page.enable")
        self.send("Runtime.enable")

    def _port(self, timeout: float) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            time.sleep(0.05)
        raise TimeoutError("chromium did not open its DevTools port")

    @staticmethod
    def _page_target(port: int, timeout: float) -> str:
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as answer:
                pages = [t for t in json.load(answer) if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            time.sleep(0.05)
        raise TimeoutError("chromium opened no page")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a DevTools method and return its result (events in between are skipped)."""
        self._next_id += 1
        call_id = self._next_id
        self.socket.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    def navigate(self, url: str) -> None:
        self.send("Page.navigate", url=url)

    def wait_for(self, expression: str, timeout: float = 60.0) -> Any:
        """Poll ``expression`` until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise TimeoutError(f"never true: {expression}")

    def screenshot(self) -> bytes:
        return base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                      clickCount=0 if kind == "mouseMoved" else 1)

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


DRAWN = "document.documentElement.getAttribute('data-drawn')"


def synthetic_network(nodes: int, seed: int = 7):
    """A fictional network of about ``nodes`` nodes with the projection's types and edges."""
    import networkx as nx
    from rightsgraph.graph.network import RightsNetwork

    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    base = "https://example.org/synthetic/"

    def add(kind: str, i: int, label: str) -> str:
        iri = f"{base}{kind}/{i}"
        graph.add_node(iri, iri=iri, type=kind, label=label, title=label, date=None, deadline=None)
        return iri

    def link(u: str, v: str, kind: str) -> None:
        graph.add_edge(u, v, key=kind, type=kind, date="2021-03-30", dates=["2021-03-30"],
                       quote=f"synthetic {kind}", source={"document": "synthetic.txt", "reference": None,
                                                          "start": 0, "end": 10}, count=1)

    states = [add("state", i, f"State {i}") for i in range(200)]
    instruments = [add("instrument", i, f"INSTR-{i}") for i in range(30)]
    mandates = [add("mandate", i, f"Mandate {i}") for i in range(50)]
    rest = max(nodes - 280, 100)
    provisions = [add("provision", i, f"art. {i}") for i in range(rest // 5)]
    companies = [add("company", i, f"Company {i}") for i in range(rest // 10)]
    people = [add("person", i, f"Person {i}") for i in range(rest // 10)]
    letters = [add("communication", i, f"AL XXX {i}/2021") for i in range(rest - len(provisions) - 2 * len(companies))]
    for provision in provisions:
        link(provision, rng.choice(instruments), "part_of")
    for state in states:
        for instrument in rng.sample(instruments, 8):
            link(state, instrument, rng.choice(["ratified", "acceded", "signed"]))
    for company in companies:
        link(company, rng.choice(states), "based_in")
    for letter in letters:
        link(letter, rng.choice(states + companies), "addressed_to")
        for provision in rng.sample(provisions, 3):
            link(letter, provision, "cites")
        link(letter, rng.choice(mandates), "sent_on_behalf_of")
        link(letter, rng.choice(people), "signed_by")
        if rng.random() < 0.5:
            link(letter, rng.choice(companies), "concerns")
    top = max(dict(graph.degree()).values())
    for iri, degree in graph.degree():
        graph.nodes[iri]["degree"] = degree
        graph.nodes[iri]["importance"] = round(degree / top, 4)
    return RightsNetwork(graph)


def measure(size: int, runs: int, out: Path) -> dict[str, float]:
    from rightsgraph.api.network_pages import overview_view

    network = synthetic_network(size)
    started = time.perf_counter()
    page = overview_view(network)
    render = time.perf_counter() - started
    path = out / f"overview-{size}.html"
    path.write_text(page, encoding="utf-8")
    draws = []
    for _ in range(runs):
        with Chromium() as browser:
            browser.navigate(path.as_uri())
            draws.append(float(browser.wait_for(DRAWN, timeout=180)))
    return {"nodes": network.graph.number_of_nodes(), "edges": network.graph.number_of_edges(),
            "render_s": render, "page_mb": len(page.encode()) / 1e6, "draw_ms": statistics.median(draws)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--baseline", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = measure(args.baseline, args.runs, Path(folder))
        big = measure(args.nodes, args.runs, Path(folder))
    for name, row in (("baseline", base), ("large", big)):
        print(f"{name:8} {row['nodes']:6} nodes {row['edges']:6} edges  render {row['render_s']:.2f} s  "
              f"page {row['page_mb']:.1f} MB  drawn after {row['draw_ms']:.0f} ms (median of {args.runs})")
    print(f"ratio large/baseline: nodes {big['nodes'] / base['nodes']:.1f}x, render "
          f"{big['render_s'] / base['render_s']:.1f}x, draw {big['draw_ms'] / base['draw_ms']:.2f}x")


if __name__ == "__main__":
    main()
