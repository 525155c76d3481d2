"""A simple temporal network: difference constraints between event times, solved exactly.

Every node is one instant, the time an event happened, measured in whole seconds from
``0001-01-01T00:00``. Two kinds of facts constrain the nodes:

* a :class:`Bound` (``lo <= t_node <= hi``): what an explicit date says (an event dated "January
  9th" happened at some instant of that day: ``lo`` = midnight, ``hi`` = the day's last second);
* a :class:`Constraint` (``lo <= t_target - t_source <= hi``): what an event-anchored phrase says
  ("a day after the recapture": ``t_publication - t_recapture`` is exactly one day).

:func:`solve` works on the distance graph of the Simple Temporal Network (Dechter, Meiri and
Pearl): edge ``i -> j`` of weight ``hi`` and ``j -> i`` of weight ``-lo``, with vertex 0 the
origin. The tightest interval of node ``j`` is ``[-d(j, 0), d(0, j)]``: two single-source
shortest-path searches, no all-pairs matrix. Facts are added one at a time in priority order
(explicit bounds first, then the constraints in text order) while the graph keeps a feasible
potential; a fact whose edge violates it is repaired by a search over only the vertices whose
potential must drop (Cotton and Maler's incremental negative-cycle detection), so a fact that
would close a negative cycle is detected at the moment it is added, rejected, and reported; it
never overwrites what came first (a backward search from the edge's other end, given at most
the forward search's work, finds such a cycle where the two meet). A fact that tightens nothing
costs O(1); the usual fact touches a few vertices. The results are exactly those of the
all-pairs closure this replaced. Not guaranteed: a fact that moves the bounds of a whole
component still costs a search of it (O(E log V)), so facts that each re-tighten a long chain
are quadratic overall (4,000 such facts: ~9 s); news text has not been seen to do that.

Calendar units (in :mod:`timeline.events.instants`, re-exported here): :func:`offset_range`
turns "6 months after" into seconds with calendar arithmetic from a reference instant (July 8
-> January 8 is 184 days, not 6 x 30), and widens coarse or round units by their uncertainty
(:data:`UNIT_SLACK`): people say "6 months" for anything from about 5.5 to 6.5 months, "two
years" for 1.5 to 2.5 years; days, hours and minutes are exact.
"""

from __future__ import annotations

import heapq
import math

import attrs

from timeline.events.instants import (
    INF,
    UNIT_SECONDS,
    UNIT_SLACK,
    add_calendar,
    from_seconds,
    interval_value,
    offset_range,
    to_seconds,
)

__all__ = [
    "INF",
    "UNIT_SECONDS",
    "UNIT_SLACK",
    "Bound",
    "Constraint",
    "Solution",
    "add_calendar",
    "from_seconds",
    "interval_value",
    "offset_range",
    "solve",
    "to_seconds",
]


@attrs.frozen
class Bound:
    """``lo <= t_node <= hi`` in seconds (``lo``/``hi`` may be -INF/INF); ``label`` explains it."""

    node: int
    lo: float
    hi: float
    label: str = ""


@attrs.frozen
class Constraint:
    """``lo <= t_target - t_source <= hi`` in seconds; ``label`` explains it ("1 day after")."""

    source: int
    target: int
    lo: float
    hi: float
    label: str = ""


@attrs.frozen
class Solution:
    """The tightest interval of every node and the facts that had to be rejected.

    Attributes:
        lo: per node, the earliest possible time (seconds; -INF when unbounded).
        hi: per node, the latest possible time (seconds; INF when unbounded).
        rejected: the bounds and constraints that contradicted earlier facts, in the order
            they were given; they are not part of the solution.
        component: per node, the connected component (of the constraint graph) it belongs to.
        edges: the accepted edges of the distance graph as ``(from, to, weight)``, vertex 0
            being the origin and node ``i`` vertex ``i + 1`` (``t_to - t_from <= weight``).
        potential: per vertex, a feasible potential of that graph (``potential[to] <=
            potential[from] + weight`` for every edge), used by :meth:`between`.
    """

    lo: tuple[float, ...]
    hi: tuple[float, ...]
    rejected: tuple[Bound | Constraint, ...]
    component: tuple[int, ...] = ()
    edges: tuple[tuple[int, int, float], ...] = ()
    potential: tuple[float, ...] = ()

    def between(self, source: int, target: int) -> tuple[float, float]:
        """The tightest ``(lo, hi)`` the facts give for ``t_target - t_source``.

        Computed on demand (two shortest-path searches over the accepted edges, O(E log V)):
        the solution keeps no pairwise distances.
        """
        if self.component[source] != self.component[target]:
            return (self.lo[target] - self.hi[source], self.hi[target] - self.lo[source])
        size = len(self.potential)
        out: list[list[tuple[int, float]]] = [[] for _ in range(size)]
        into: list[list[tuple[int, float]]] = [[] for _ in range(size)]
        for u, v, w in self.edges:
            out[u].append((v, w))
            into[v].append((u, w))
        forward = _distances(out, self.potential, source + 1, 1.0)
        backward = _distances(into, self.potential, source + 1, -1.0)
        return (-backward[target + 1], forward[target + 1])


def solve(
    n_nodes: int,
    bounds: list[Bound] | tuple[Bound, ...],
    constraints: list[Constraint] | tuple[Constraint, ...],
) -> Solution:
    """Solve the network: every node's tightest interval; contradictory facts are rejected.

    Nodes are numbered ``0 .. n_nodes - 1``. Bounds are added first, then constraints, each in
    the order given; a fact that is inconsistent with the facts already added (it would close a
    negative cycle) is skipped and listed in ``Solution.rejected``. The graph keeps a feasible
    potential; a new edge that violates it is repaired by a search over the vertices whose
    potential must drop (none in the usual case), which either finds the cycle or restores
    feasibility. The intervals are then two shortest-path searches from the origin.

    Raises:
        ValueError: a node number is out of range, or a fact has ``lo > hi``, a NaN side,
            ``lo = INF`` or ``hi = -INF``.
    """
    if n_nodes < 0:
        raise ValueError("n_nodes must be >= 0")
    for bound in bounds:
        _check_node(bound.node, n_nodes)
        _check_fact(bound)
    parent = list(range(n_nodes))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for constraint in constraints:
        _check_node(constraint.source, n_nodes)
        _check_node(constraint.target, n_nodes)
        _check_fact(constraint)
        a, b = find(constraint.source), find(constraint.target)
        if a != b:
            parent[max(a, b)] = min(a, b)
    roots: dict[int, int] = {}
    component = [0] * n_nodes
    for node in range(n_nodes):
        component[node] = roots.setdefault(find(node), len(roots))
    network = _Network(n_nodes + 1)
    rejected: list[Bound | Constraint] = []
    for fact in [*bounds, *constraints]:
        if isinstance(fact, Bound):
            src, dst = 0, fact.node + 1
        else:
            src, dst = fact.source + 1, fact.target + 1
        if not network.add(src, dst, fact.lo, fact.hi):
            rejected.append(fact)
    above = _distances(network.out, network.potential, 0, 1.0)
    below = _distances(network.into, network.potential, 0, -1.0)
    return Solution(
        lo=tuple(-below[v] for v in range(1, n_nodes + 1)),
        hi=tuple(above[1:]),
        rejected=tuple(rejected),
        component=tuple(component),
        edges=tuple((u, v, w) for u, targets in enumerate(network.out) for v, w in targets),
        potential=tuple(network.potential),
    )


def _check_fact(fact: Bound | Constraint) -> None:
    if fact.lo > fact.hi:
        raise ValueError(f"fact {fact!r} has lo > hi")
    if math.isnan(fact.lo) or math.isnan(fact.hi) or fact.lo == INF or fact.hi == -INF:
        raise ValueError(f"fact {fact!r} has no finite side to stand on")


def _check_node(node: int, n_nodes: int) -> None:
    if not 0 <= node < n_nodes:
        raise ValueError(f"node {node} out of range 0..{n_nodes - 1}")


class _Network:
    """The distance graph being built: adjacency both ways and a feasible potential.

    Invariant: ``potential[v] <= potential[u] + w`` for every edge ``u -> v`` of weight ``w``
    (so the graph has no negative cycle). A vertex with no edge yet takes any potential.
    """

    def __init__(self, size: int) -> None:
        self.out: list[list[tuple[int, float]]] = [[] for _ in range(size)]
        self.into: list[list[tuple[int, float]]] = [[] for _ in range(size)]
        self.potential: list[float] = [0.0] * size

    def add(self, src: int, dst: int, lo: float, hi: float) -> bool:
        """Add ``lo <= t_dst - t_src <= hi``; False (graph unchanged) if it closes a negative cycle."""
        if src == dst:  # a self-loop: consistent exactly when it allows a difference of 0
            return hi >= 0 and lo <= 0
        forward, backward = hi < INF, lo > -INF
        if not (forward or backward):
            return True
        potential = self.potential
        if not (self.out[dst] or self.into[dst]):  # a fresh vertex sits where the fact puts it
            potential[dst] = potential[src] + (hi if forward else lo)
        elif not (self.out[src] or self.into[src]):
            potential[src] = potential[dst] - (hi if forward else lo)
        undo: dict[int, float] = {}
        if forward:
            if not self._repair(src, dst, hi, undo):
                return False
            self.out[src].append((dst, hi))
            self.into[dst].append((src, hi))
        if backward:
            # the search may cross the forward edge just added: that cycle weighs hi - lo >= 0
            if not self._repair(dst, src, -lo, undo):
                if forward:
                    self.out[src].pop()
                    self.into[dst].pop()
                for vertex, old in undo.items():
                    potential[vertex] = old
                return False
            self.out[dst].append((src, -lo))
            self.into[src].append((dst, -lo))
        return True

    def _repair(self, u: int, v: int, w: float, undo: dict[int, float]) -> bool:
        """Make room for edge ``u -> v`` (weight ``w``), or find the negative cycle it closes.

        A Dijkstra search on reduced costs from ``v`` (Cotton & Maler 2006) lowers only the
        vertices whose potential must drop; a path ``v -> ... -> u`` with ``w + length < 0`` is
        a negative cycle, and then nothing is changed. To find such a path sooner, a second
        search runs backwards from ``u`` (over the vertices whose potential would have to rise),
        a vertex at a time while it has scanned fewer edges than the first; a cycle is seen where
        the two meet. It only detects: the repair is always the forward one, so the backward search
        at most doubles the work of an accepted fact. Returns False on a cycle; records old
        potentials in ``undo``.
        """
        potential = self.potential
        base = potential[u] + w  # v may sit at most here, or u at least at ``top``
        if base >= potential[v]:
            return True
        top = potential[v] - w  # where u would have to rise to instead
        slack = base - potential[v]  # the new edge's reduced cost, < 0
        # distances v -> x (forward) and x -> u (backward) along the searches
        fdist: dict[int, float] = {v: 0.0}
        bdist: dict[int, float] = {u: 0.0}
        fdone: set[int] = set()
        bdone: set[int] = set()
        fheap: list[tuple[float, float, int]] = [(slack, 0.0, v)]
        bheap: list[tuple[float, float, int]] = [(slack, 0.0, u)]
        out, into = self.out, self.into
        fwork = bwork = 0  # edges scanned by each search
        while True:
            while bheap and bheap[0][2] in bdone:
                heapq.heappop(bheap)  # stale entries: each vertex is expanded once
            if bheap and bwork + len(into[bheap[0][2]]) < fwork:
                _, d, x = heapq.heappop(bheap)
                bdone.add(x)
                bwork += len(into[x]) + 1
                for y, weight in into[x]:
                    nd = weight + d
                    if y == v:
                        if w + nd < 0:
                            return False
                        continue
                    if y not in bdone and potential[y] + nd < top and nd < bdist.get(y, INF):
                        bdist[y] = nd
                        if y in fdist and w + nd + fdist[y] < 0:
                            return False
                        heapq.heappush(bheap, (potential[y] + nd - top, nd, y))
                continue
            while fheap and fheap[0][2] in fdone:
                heapq.heappop(fheap)
            if not fheap:
                for x, d in fdist.items():
                    undo.setdefault(x, potential[x])
                    potential[x] = base + d
                return True
            _, d, x = heapq.heappop(fheap)
            fdone.add(x)
            fwork += len(out[x]) + 1
            for y, weight in out[x]:
                nd = d + weight
                if y == u:
                    if w + nd < 0:
                        return False
                    continue
                if y not in fdone and base + nd < potential[y] and nd < fdist.get(y, INF):
                    fdist[y] = nd
                    if y in bdist and w + nd + bdist[y] < 0:
                        return False
                    heapq.heappush(fheap, (base + nd - potential[y], nd, y))


def _distances(adjacency: list[list[tuple[int, float]]], potential: list[float] | tuple[float, ...],
               source: int, sign: float) -> list[float]:
    """Shortest distances from ``source`` (INF when unreachable), Dijkstra with potentials.

    ``sign`` is 1.0 for the graph whose feasible potential is ``potential`` and -1.0 for its
    reverse (whose feasible potential is the negation): the reduced costs are >= 0, so each
    vertex is expanded once, at its final distance, and the search always ends.
    """
    dist = [INF] * len(adjacency)
    dist[source] = 0.0
    done = [False] * len(adjacency)
    heap: list[tuple[float, float, int]] = [(-sign * potential[source], 0.0, source)]
    while heap:
        _, d, x = heapq.heappop(heap)
        if done[x]:
            continue
        done[x] = True
        for y, weight in adjacency[x]:
            nd = d + weight
            if not done[y] and nd < dist[y]:
                dist[y] = nd
                heapq.heappush(heap, (nd - sign * potential[y], nd, y))
    return dist
