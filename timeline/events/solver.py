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

Calendar units: :func:`offset_range` turns "6 months after" into seconds with calendar arithmetic
from a reference instant (July 8 -> January 8 is 184 days, not 6 x 30), and widens coarse or
round units by their uncertainty (:data:`UNIT_SLACK`): people say "6 months" for anything from
about 5.5 to 6.5 months, "two years" for 1.5 to 2.5 years; days, hours and minutes are exact.
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import math

import attrs

from timeline.calendar import format_value, interval_of
from timeline.types import Grain, TimeValue

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

#: an unbounded side of an interval
INF = math.inf

_DAY = 86_400

#: average length of one unit in seconds (months and years use calendar arithmetic when a
#: reference instant is known; these are the fallbacks)
UNIT_SECONDS: dict[str, int] = {
    "second": 1,
    "minute": 60,
    "hour": 3_600,
    "part_of_day": 6 * 3_600,
    "day": _DAY,
    "week": 7 * _DAY,
    "month": 2_629_746,  # 365.2425 / 12 days
    "quarter": 3 * 2_629_746,
    "season": 3 * 2_629_746,
    "half_year": 6 * 2_629_746,
    "year": 31_556_952,
    "decade": 10 * 31_556_952,
    "century": 100 * 31_556_952,
    "millennium": 1000 * 31_556_952,
}

#: how far a round amount of a unit is widened on each side, in seconds. Days and finer units
#: are taken at their word; "a week" may be a day off; a month count +-15 days; a quarter or
#: season +-45 days; a year count +-6 months; decades and longer +-half a unit.
UNIT_SLACK: dict[str, int] = {
    "second": 0,
    "minute": 0,
    "hour": 0,
    "part_of_day": 0,
    "day": 0,
    "week": _DAY,
    "month": 15 * _DAY,
    "quarter": 45 * _DAY,
    "season": 45 * _DAY,
    "half_year": 91 * _DAY,
    "year": 182 * _DAY,
    "decade": 5 * 31_556_952,
    "century": 50 * 31_556_952,
    "millennium": 500 * 31_556_952,
}

_MIN_SECONDS = 0
_MAX_SECONDS = (dt.date.max.toordinal()) * _DAY - 1


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


# --- calendar ------------------------------------------------------------------------------


def to_seconds(moment: dt.datetime | dt.date) -> int:
    """Seconds from ``0001-01-01T00:00`` (naive; a timezone is dropped, microseconds ignored)."""
    if not isinstance(moment, dt.datetime):
        return (moment.toordinal() - 1) * _DAY
    return (moment.toordinal() - 1) * _DAY + moment.hour * 3600 + moment.minute * 60 + moment.second


def from_seconds(seconds: float) -> dt.datetime | None:
    """The naive datetime ``seconds`` after ``0001-01-01T00:00``; ``None`` outside years 1..9999."""
    if not math.isfinite(seconds) or seconds < _MIN_SECONDS or seconds > _MAX_SECONDS:
        return None
    whole = int(seconds)
    days, rest = divmod(whole, _DAY)
    base = dt.datetime.fromordinal(days + 1)
    return base + dt.timedelta(seconds=rest)


def add_calendar(moment: dt.datetime, amount: int, unit: str) -> dt.datetime | None:
    """``moment`` moved by ``amount`` whole units, months and years by the calendar.

    The day of month is clipped (January 31 + 1 month = February 29 in a leap year).
    Returns ``None`` when the result leaves years 1..9999.
    """
    months = {"month": 1, "quarter": 3, "season": 3, "half_year": 6, "year": 12,
              "decade": 120, "century": 1200, "millennium": 12000}.get(unit)
    try:
        if months is None:
            return moment + dt.timedelta(seconds=amount * UNIT_SECONDS[unit])
        total = moment.year * 12 + (moment.month - 1) + amount * months
        year, month0 = divmod(total, 12)
        if not 1 <= year <= 9999:
            return None
        day = min(moment.day, calendar.monthrange(year, month0 + 1)[1])
        return moment.replace(year=year, month=month0 + 1, day=day)
    except (OverflowError, ValueError):
        return None


def offset_range(
    amount: float | None,
    unit: str,
    *,
    reference: dt.datetime | None = None,
    approximate: bool = False,
    vague: tuple[float, float] = (2.0, 10.0),
) -> tuple[float, float, bool]:
    """The ``(lo, hi, widened)`` seconds that "``amount`` ``unit``" can span, going forward.

    ``reference`` is the instant the amount is counted from when known (calendar arithmetic
    for months and years); ``approximate`` ("about 6 months") widens by one more unit's slack
    or a quarter of the amount, whichever is larger (at least half a unit). ``amount=None``
    ("several days") spans ``vague`` units. ``widened`` is True when the result is a range.

    Raises:
        ValueError: ``unit`` is not a known grain or ``amount`` is negative.
    """
    if unit not in UNIT_SECONDS:
        raise ValueError(f"unknown unit {unit!r}")
    size = UNIT_SECONDS[unit]
    if amount is None:
        return (vague[0] * size, vague[1] * size, True)
    if amount < 0:
        raise ValueError("amount must be >= 0")
    exact: float
    if reference is not None and float(amount).is_integer():
        moved = add_calendar(reference, int(amount), unit)
        exact = (to_seconds(moved) - to_seconds(reference)) if moved is not None else amount * size
    else:
        exact = amount * size
    slack = UNIT_SLACK[unit] if amount >= 1 else 0
    if not float(amount).is_integer():
        slack = max(slack, size // 4)
    if approximate:
        slack = slack + int(max(UNIT_SLACK[unit], amount * size / 4, size / 2))
    lo = max(0.0, exact - slack)
    return (lo, exact + slack, slack > 0)


# --- turning an interval into an honest TIMEX3 value ----------------------------------------

_GRAIN_LIMITS: tuple[tuple[int, Grain], ...] = (
    (120, Grain.MINUTE),
    (2 * 3_600, Grain.HOUR),
    (3 * _DAY, Grain.DAY),
    (14 * _DAY, Grain.WEEK),
    (62 * _DAY, Grain.MONTH),
    (800 * _DAY, Grain.YEAR),
    (15 * 366 * _DAY, Grain.DECADE),
)


def interval_value(start: dt.datetime, end: dt.datetime, *, timex_type: str = "DATE") -> TimeValue:
    """A :class:`TimeValue` for the interval ``[start, end)`` at the grain its width supports.

    The value names the calendar unit that holds the interval's midpoint ("2015-07");
    ``approximate`` is True unless the interval is exactly that unit. ``start``/``end`` stay
    the interval itself, not the unit's.

    Raises:
        ValueError: ``end`` is not after ``start``.
    """
    if end <= start:
        raise ValueError("end must be after start")
    width = (end - start).total_seconds()
    mid = start + (end - start) / 2
    grain = Grain.CENTURY
    for limit, candidate in _GRAIN_LIMITS:
        if width <= limit:
            grain = candidate
            break
    value, unit_start, unit_end = _unit_of(mid, grain)
    exact = unit_start == start and unit_end == end
    return TimeValue(
        timex_type=timex_type,
        value=value,
        start=start,
        end=end,
        grain=grain,
        approximate=not exact,
    )


def _unit_of(mid: dt.datetime, grain: Grain) -> tuple[str, dt.datetime, dt.datetime]:
    """The TIMEX3 value of the ``grain``-sized period holding ``mid``, and its interval."""
    value = format_value(mid, grain)
    interval = interval_of(value)
    if interval is None:  # a period that runs off the calendar (year 0, after 9999)
        return value, mid, mid
    return value, interval[0], interval[1]
