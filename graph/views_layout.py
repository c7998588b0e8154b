"""Node positions computed server-side in pure Python (no numpy here), so pages can draw with
physics off: a force-directed layout with grid-bucketed repulsion for up to a few hundred
nodes, and for big graphs that layout on the best-connected nodes with every other node
placed on a golden-angle spiral around the neighbour that reached it first.

>>> positions = force_layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> sorted(positions) == ["a", "b", "c"]
True
>>> positions == force_layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
True
"""

from __future__ import annotations

import math
import random
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence

import networkx as nx

__all__ = ["force_layout", "large_layout"]

Position = tuple[float, float]
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def force_layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    iterations: int = 80,
    seed: int = 7,
    fixed: dict[str, Position] | None = None,
    scale: float = 1.0,
) -> dict[str, Position]:
    """Fruchterman–Reingold in the unit square, repulsion only between nodes in neighbouring
    grid cells (linear time per iteration); deterministic for a given ``seed``. ``fixed``
    nodes keep their positions (in the same unit square). Returns positions times ``scale``."""
    index = {node: i for i, node in enumerate(nodes)}
    count = len(nodes)
    if count == 0:
        return {}
    rng = random.Random(seed)
    pos = [[rng.random() - 0.5, rng.random() - 0.5] for _ in nodes]
    pinned = set()
    for node, (x, y) in (fixed or {}).items():
        if node in index:
            pos[index[node]] = [x, y]
            pinned.add(index[node])
    links = [(index[u], index[v]) for u, v in edges if u in index and v in index and u != v]
    k = math.sqrt(1.0 / count)
    temperature = 0.1
    for _ in range(iterations):
        disp = [[0.0, 0.0] for _ in nodes]
        _repel(pos, disp, k)
        for i, j in links:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            distance = math.hypot(dx, dy) or 1e-6
            force = distance * distance / k
            fx, fy = dx / distance * force, dy / distance * force
            disp[i][0] -= fx
            disp[i][1] -= fy
            disp[j][0] += fx
            disp[j][1] += fy
        for i, (dx, dy) in enumerate(disp):
            if i in pinned:
                continue
            length = math.hypot(dx, dy) or 1e-6
            step = min(length, temperature)
            pos[i][0] += dx / length * step
            pos[i][1] += dy / length * step
        temperature = max(temperature * 0.95, 0.002)
    return {node: (pos[i][0] * scale, pos[i][1] * scale) for node, i in index.items()}


def _repel(pos: list[list[float]], disp: list[list[float]], k: float) -> None:
    """Repulsion k²/d: exact between nodes of one grid cell (size 2k), from the centroid
    (weighted by its count) of each of the eight neighbouring cells; farther cells ignored."""
    cell = 2 * k
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(pos):
        grid[(math.floor(x / cell), math.floor(y / cell))].append(i)
    centroids = {
        key: (sum(pos[i][0] for i in members) / len(members), sum(pos[i][1] for i in members) / len(members),
              len(members))
        for key, members in grid.items()
    }
    k2 = k * k
    for (cx, cy), members in grid.items():
        around = [centroids[(cx + ox, cy + oy)] for ox in (-1, 0, 1) for oy in (-1, 0, 1)
                  if (ox or oy) and (cx + ox, cy + oy) in centroids]
        for i in members:
            xi, yi = pos[i]
            fx = fy = 0.0
            for j in members:
                if j != i:
                    fx, fy = _push(fx, fy, xi - pos[j][0], yi - pos[j][1], k2, 1, i)
            for x, y, count in around:
                fx, fy = _push(fx, fy, xi - x, yi - y, k2, count, i)
            disp[i][0] += fx
            disp[i][1] += fy


def _push(fx: float, fy: float, dx: float, dy: float, k2: float, weight: int, i: int) -> tuple[float, float]:
    d2 = dx * dx + dy * dy
    if d2 < 1e-12:
        dx, dy, d2 = 1e-3 * ((i % 7) - 3 or 1), 1e-3, 2e-6
    force = weight * k2 / d2
    return fx + dx * force, fy + dy * force


def large_layout(graph: nx.Graph | nx.MultiDiGraph, *, skeleton: int = 200, scale: float = 1.0,
                 seed: int = 7) -> dict[str, Position]:
    """A layout for graphs of thousands of nodes in about linear time.

    The ``skeleton`` best-connected nodes get :func:`force_layout`; every other node reached
    from them (breadth-first) sits on a spiral around the node that reached it; what no
    skeleton node reaches (small separate components, isolated nodes) is laid out on rows
    below. Deterministic for a given graph and ``seed``.
    """
    simple = nx.Graph(graph)
    degree = dict(simple.degree())
    ranked = sorted(simple.nodes, key=lambda n: (-degree[n], str(n)))
    core = [n for n in ranked[:skeleton] if degree[n] > 0]
    core_set = set(core)
    spread = math.sqrt(max(len(simple), 1) / max(len(core), 1))
    positions = force_layout(core, [(u, v) for u, v in simple.edges(core) if v in core_set], iterations=60, seed=seed)
    positions = {n: (x * spread, y * spread) for n, (x, y) in positions.items()}
    _place_satellites(simple, core, positions, 0.6 / math.sqrt(max(len(core), 1)))
    _place_rest(simple, positions, spread)
    return {n: (x * scale, y * scale) for n, (x, y) in positions.items()}


def _place_satellites(graph: nx.Graph, core: list[str], positions: dict[str, Position], radius: float) -> None:
    placed_around: dict[str, int] = defaultdict(int)
    queue = deque(core)
    while queue:
        anchor = queue.popleft()
        ax, ay = positions[anchor]
        for node in sorted(graph.neighbors(anchor), key=str):
            if node in positions:
                continue
            rank = placed_around[anchor]
            placed_around[anchor] += 1
            distance = radius * (0.35 + 0.12 * math.sqrt(rank))
            angle = rank * _GOLDEN_ANGLE
            positions[node] = (ax + distance * math.cos(angle), ay + distance * math.sin(angle))
            queue.append(node)


def _place_rest(graph: nx.Graph, positions: dict[str, Position], spread: float) -> None:
    rest = [n for n in sorted(graph.nodes, key=str) if n not in positions]
    if not rest:
        return
    bottom = max((y for _, y in positions.values()), default=0.0) + 0.1 * spread
    left = min((x for x, _ in positions.values()), default=-0.5 * spread)
    per_row = max(int(math.sqrt(len(rest)) * 2), 1)
    gap = spread / per_row
    for i, node in enumerate(rest):
        positions[node] = (left + (i % per_row) * gap, bottom + (i // per_row) * gap)
