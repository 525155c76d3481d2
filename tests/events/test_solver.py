"""The temporal network: exact arithmetic, redundancy, symmetry and contradiction detection.

The solver is checked against a plain Floyd–Warshall oracle written here (the all-pairs closure
it replaced), fact by fact with the same rejection rule."""

from __future__ import annotations

import datetime as dt
import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline.events.solver import (
    INF,
    Bound,
    Constraint,
    add_calendar,
    from_seconds,
    interval_value,
    offset_range,
    solve,
    to_seconds,
)
from timeline.types import Grain

DAY = 86_400
START = to_seconds(dt.datetime(2016, 1, 9))

offsets = st.lists(st.integers(min_value=-400 * DAY, max_value=400 * DAY), min_size=1, max_size=8)


def _chain(steps: list[int]) -> tuple[list[Bound], list[Constraint]]:
    bounds = [Bound(0, START, START)]
    constraints = [Constraint(i, i + 1, step, step) for i, step in enumerate(steps)]
    return bounds, constraints


@settings(max_examples=60, deadline=None)
@given(offsets)
def test_chain_of_offsets_equals_the_arithmetic(steps: list[int]) -> None:
    bounds, constraints = _chain(steps)
    solution = solve(len(steps) + 1, bounds, constraints)
    assert not solution.rejected
    expected = START
    for i, step in enumerate(steps, start=1):
        expected += step
        assert solution.lo[i] == expected == solution.hi[i]


@settings(max_examples=60, deadline=None)
@given(offsets, st.data())
def test_redundant_consistent_constraint_changes_nothing(steps: list[int], data: st.DataObject) -> None:
    bounds, constraints = _chain(steps)
    n = len(steps) + 1
    before = solve(n, bounds, constraints)
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(0, n - 1))
    exact = sum(steps[min(i, j):max(i, j)]) * (1 if j >= i else -1)
    slack = data.draw(st.integers(0, 30 * DAY))
    extra = Constraint(i, j, exact - slack, exact + data.draw(st.integers(0, 30 * DAY)))
    after = solve(n, bounds, [*constraints, extra])
    assert not after.rejected
    assert after.lo == before.lo and after.hi == before.hi


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-100 * DAY, 100 * DAY), st.integers(0, 10 * DAY)),
                min_size=1, max_size=6), st.lists(st.booleans(), min_size=6, max_size=6))
def test_reversing_a_constraint_with_negated_offsets_gives_the_same_dates(
    steps: list[tuple[int, int]], flips: list[bool]
) -> None:
    bounds = [Bound(0, START, START + DAY - 1)]
    forward = [Constraint(i, i + 1, lo, lo + width) for i, (lo, width) in enumerate(steps)]
    mixed = [
        Constraint(c.target, c.source, -c.hi, -c.lo) if flip else c
        for c, flip in zip(forward, flips)
    ]
    a = solve(len(steps) + 1, bounds, forward)
    b = solve(len(steps) + 1, bounds, mixed)
    assert a.lo == b.lo and a.hi == b.hi
    assert not a.rejected and not b.rejected


@settings(max_examples=60, deadline=None)
@given(offsets, st.integers(min_value=1, max_value=50 * DAY), st.booleans())
def test_a_contradictory_cycle_is_always_detected(steps: list[int], error: int, late: bool) -> None:
    bounds, constraints = _chain(steps)
    n = len(steps) + 1
    total = sum(steps)
    wrong = total + (error if late else -error)
    closing = Constraint(0, n - 1, wrong, wrong)
    solution = solve(n, bounds, [*constraints, closing])
    assert solution.rejected == (closing,)
    # what was accepted is still the chain's arithmetic
    assert solution.lo[n - 1] == START + total


def test_contradiction_between_bounds_is_reported_not_overwritten() -> None:
    solution = solve(2, [Bound(0, 0, 10), Bound(1, 100, 200)], [Constraint(0, 1, 0, 5)])
    assert len(solution.rejected) == 1
    assert solution.lo == (0.0, 100.0) and solution.hi == (10.0, 200.0)


def test_unbounded_side_stays_infinite_and_between_reports_relative_bounds() -> None:
    solution = solve(2, [Bound(0, 0, 0)], [Constraint(0, 1, 5, INF)])
    assert solution.lo[1] == 5 and math.isinf(solution.hi[1])
    assert solution.between(0, 1) == (5, INF)


# --- oracle: the all-pairs closure, recomputed from scratch after every accepted fact ---------


def _oracle(n: int, bounds: list[Bound], constraints: list[Constraint]
            ) -> tuple[list[float], list[float], list[Bound | Constraint], list[list[float]]]:
    """``(lo, hi, rejected, d)`` by Floyd–Warshall: vertex 0 the origin, node i vertex i + 1."""
    size = n + 1
    d = [[0.0 if i == j else INF for j in range(size)] for i in range(size)]
    rejected: list[Bound | Constraint] = []
    for fact in [*bounds, *constraints]:
        src, dst = (0, fact.node + 1) if isinstance(fact, Bound) else (fact.source + 1, fact.target + 1)
        if d[dst][src] + fact.hi < 0 or d[src][dst] - fact.lo < 0:
            rejected.append(fact)
            continue
        d[src][dst] = min(d[src][dst], fact.hi)
        d[dst][src] = min(d[dst][src], -fact.lo)
        for k in range(size):
            for i in range(size):
                for j in range(size):
                    if d[i][k] + d[k][j] < d[i][j]:
                        d[i][j] = d[i][k] + d[k][j]
    lo = [-d[v][0] for v in range(1, size)]
    hi = [d[0][v] for v in range(1, size)]
    return lo, hi, rejected, d


@st.composite
def _sides(draw: st.DrawFn, width: int) -> tuple[float, float]:
    """A ``(lo, hi)`` pair of small integers, either side possibly unbounded."""
    lo: float = draw(st.integers(-width, width))
    hi: float = draw(st.integers(lo, lo + width))
    if draw(st.integers(0, 5)) == 0:
        lo = -INF
    elif draw(st.integers(0, 5)) == 0:
        hi = INF
    return lo, hi


@st.composite
def _systems(draw: st.DrawFn, width: int = 12
             ) -> tuple[int, list[Bound], list[Constraint]]:
    n = draw(st.integers(1, 7))
    node = st.integers(0, n - 1)
    bounds = [Bound(draw(node), *draw(_sides(width)))
              for _ in range(draw(st.integers(0, 4)))]
    constraints = [Constraint(draw(node), draw(node), *draw(_sides(width)))
                   for _ in range(draw(st.integers(0, 10)))]
    return n, bounds, constraints


@settings(max_examples=400, deadline=None)
@given(_systems())
def test_solve_matches_the_floyd_warshall_oracle(system: tuple[int, list[Bound], list[Constraint]]
                                                 ) -> None:
    n, bounds, constraints = system
    lo, hi, rejected, d = _oracle(n, bounds, constraints)
    solution = solve(n, bounds, constraints)
    assert list(solution.lo) == lo and list(solution.hi) == hi
    assert list(solution.rejected) == rejected
    for s in range(n):
        for t in range(n):
            assert solution.between(s, t) == (-d[t + 1][s + 1], d[s + 1][t + 1])


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 7), st.data())
def test_contradictions_in_a_dense_system_match_the_oracle(n: int, data: st.DataObject) -> None:
    """Many tight constraints between few nodes: most later facts close a negative cycle."""
    node = st.integers(0, n - 1)
    constraints = [Constraint(data.draw(node), data.draw(node), *data.draw(_sides(3)))
                   for _ in range(data.draw(st.integers(5, 16)))]
    bounds = [Bound(data.draw(node), START + lo, START + hi)
              for lo, hi in data.draw(st.lists(_sides(5), max_size=3))]
    lo, hi, rejected, _ = _oracle(n, bounds, constraints)
    solution = solve(n, bounds, constraints)
    assert list(solution.lo) == lo and list(solution.hi) == hi
    assert list(solution.rejected) == rejected


def test_a_rejected_fact_leaves_the_earlier_ones_intact() -> None:
    # 0 -> 1 -> 2 is 2 days; "2 is 1 day after 0" closes a negative cycle and is dropped
    constraints = [Constraint(0, 1, DAY, DAY), Constraint(1, 2, DAY, DAY), Constraint(0, 2, DAY, DAY),
                   Constraint(2, 3, 0, 5)]
    solution = solve(4, [Bound(0, START, START)], constraints)
    assert solution.rejected == (constraints[2],)
    assert solution.lo[:3] == (START, START + DAY, START + 2 * DAY) == solution.hi[:3]
    assert (solution.lo[3], solution.hi[3]) == (START + 2 * DAY, START + 2 * DAY + 5)


def test_a_long_star_of_events_is_dated_right() -> None:
    """One event (merged by stem) tied to hundreds of others: the component grows with the text."""
    text = "He met her on Thursday, a day after the vote. " * 200
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        events = timeline.build(text, published="2016-01-15").events
    met = events[events["event"] == "He met her"]
    vote = events[events["event"] == "the vote"]
    assert len(met) == 200 and set(met["value"]) == {"2016-01-14"}
    assert len(vote) >= 1 and set(vote["value"]) == {"2016-01-13"}
    assert not events["note"].fillna("").str.contains("contradiction").any()


def test_bad_input_raises() -> None:
    with pytest.raises(ValueError):
        solve(1, [], [Constraint(0, 3, 0, 1)])
    with pytest.raises(ValueError):
        solve(2, [], [Constraint(0, 1, 5, 1)])
    with pytest.raises(ValueError):
        solve(1, [Bound(0, math.nan, 0)], [])
    with pytest.raises(ValueError):
        solve(1, [Bound(0, -INF, -INF)], [])
    with pytest.raises(ValueError):
        offset_range(1, "fortnight")


def test_calendar_months_clip_the_day() -> None:
    assert add_calendar(dt.datetime(2016, 1, 31), 1, "month") == dt.datetime(2016, 2, 29)
    assert add_calendar(dt.datetime(2016, 1, 8), -6, "month") == dt.datetime(2015, 7, 8)
    assert add_calendar(dt.datetime(9999, 6, 1), 1, "year") is None


def test_offset_range_calendar_and_slack() -> None:
    lo, hi, widened = offset_range(6, "month", reference=dt.datetime(2015, 7, 8))
    assert (lo, hi) == ((184 - 15) * DAY, (184 + 15) * DAY) and widened
    assert offset_range(2, "day") == (2 * DAY, 2 * DAY, False)
    assert offset_range(None, "day", vague=(2, 10)) == (2 * DAY, 10 * DAY, True)


@given(st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)))
def test_seconds_round_trip(moment: dt.datetime) -> None:
    moment = moment.replace(microsecond=0)
    assert from_seconds(to_seconds(moment)) == moment


def test_interval_value_grains() -> None:
    day = interval_value(dt.datetime(2016, 1, 8), dt.datetime(2016, 1, 9))
    assert (day.value, day.grain, day.approximate) == ("2016-01-08", Grain.DAY, False)
    month = interval_value(dt.datetime(2015, 6, 23), dt.datetime(2015, 7, 24))
    assert (month.value, month.grain, month.approximate) == ("2015-07", Grain.MONTH, True)
    week = interval_value(dt.datetime(2016, 3, 7), dt.datetime(2016, 3, 14))
    assert (week.value, week.approximate) == ("2016-W10", False)
    year = interval_value(dt.datetime(1066, 1, 1), dt.datetime(1067, 1, 1))
    assert (year.value, year.approximate) == ("1066", False)
    with pytest.raises(ValueError):
        interval_value(dt.datetime(2016, 1, 9), dt.datetime(2016, 1, 9))
