"""Relations between events (durations, since/until, "shortly after"): the constraint network,
its solving (:func:`timeline.solver.solve`) and the readable derivations."""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from typing import TYPE_CHECKING

import attrs

from timeline.events.instants import INF, add_calendar, from_seconds, interval_value, offset_range
from timeline.events.signals import SIGNALS, VAGUE
from timeline.events.solver import Bound, Constraint, Solution, solve
from timeline.types import Expression, TimeValue

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.collect import Collection

__all__ = [
    "Relation", "UNIT_WORDS", "amount_text", "derivation_tree", "interval_time",
    "narrowed_time", "relation_link", "solve_relations",
]

UNIT_WORDS = {"second": "second", "minute": "minute", "hour": "hour", "day": "day",
               "week": "week", "month": "month", "quarter": "quarter", "season": "season",
               "half_year": "half year", "year": "year", "decade": "decade",
               "century": "century", "millennium": "millennium", "part_of_day": "part of day"}


@attrs.define
class Relation:
    """A constraint between two mentions (keys): the governed event lies ``[lo, hi]`` seconds
    after the anchor (kind duration, qualified, since or until), with what to show of it."""

    governed: int  # mention key
    anchor: int
    kind: str  # duration, qualified, since, until
    expression: Expression | None
    signal: str
    lo: float = 0.0
    hi: float = 0.0
    widened: bool = False
    label: str = ""
    mod: str | None = None  # the TIMEX3 mod, from the reading or the word before the span
    nearly: bool = False  # "nearly/almost two months": a little under the amount
    words: str = ""  # the phrase as written: "within a week of", "two days after"


def solve_relations(c: Collection, nodes: list[int], node_of: dict[int, int], relations: list[Relation],
                    intervals: dict[int, tuple[float, float]],
                    previous: Solution | None = None) -> Solution | None:
    """Solve the relations with the known intervals as bounds (``previous``: the solution
    before relatives were dated, for the durations whose sides it dated)."""
    if not nodes:
        return None
    bounds = [Bound(node_of[k], lo, hi, "date") for k, (lo, hi) in intervals.items()
              if k in node_of]
    constraints: list[Constraint] = []
    for relation in relations:
        if relation.kind == "duration" and relation.expression is not None:
            _duration_range(c, relation, intervals, previous, node_of)
        constraints.append(Constraint(node_of[relation.anchor], node_of[relation.governed],
                                      relation.lo, relation.hi, relation.label))
    return solve(len(nodes), bounds, constraints)


def _duration_range(c: Collection, relation: Relation, intervals: dict[int, tuple[float, float]],
                    previous: Solution | None, node_of: dict[int, int]) -> None:
    assert relation.expression is not None
    reading = relation.expression.mention.reading
    unit = str(reading.unit)
    direction = reading.direction or SIGNALS.get(relation.signal.lower())
    reference: dt.datetime | None = None
    backward = False
    known = intervals.get(relation.anchor)
    if known is None and previous is not None:
        lo, hi = previous.lo[node_of[relation.anchor]], previous.hi[node_of[relation.anchor]]
        known = (lo, hi) if math.isfinite(lo) and math.isfinite(hi) else None
    if known is None:
        known = intervals.get(relation.governed)
        if known is None and previous is not None:
            node = node_of[relation.governed]
            lo, hi = previous.lo[node], previous.hi[node]
            known = (lo, hi) if math.isfinite(lo) and math.isfinite(hi) else None
        backward = known is not None
    if known is not None:
        reference = from_seconds((known[0] + known[1]) / 2)
    elif unit not in ("second", "minute", "hour", "day", "week"):
        c.guessed_calendar = True
    lo, hi, widened = _offset(reading.amount, unit, reference, backward, direction,
                              relation.mod == "APPROX")
    mod = relation.mod
    if mod in ("LESS_THAN", "EQUAL_OR_LESS"):
        exact = (lo + hi) / 2
        # "nearly two months" is a little under two months; "within a week" is up to one
        lo, hi, widened = (0.75 * exact if relation.nearly else 0.0), exact, True
    elif mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        hi, widened = INF, True
    if direction == "before":
        lo, hi = -hi, -lo
    elif direction is None:
        lo = -hi
    relation.lo, relation.hi, relation.widened = lo, hi, widened
    relation.label = _duration_label(relation.expression, direction, widened, mod)


def _offset(amount: float | None, unit: str, reference: dt.datetime | None, backward: bool,
            direction: str | None, approximate: bool) -> tuple[float, float, bool]:
    """Seconds spanned by the amount, counted forward from or back to ``reference``."""
    vague = (float(VAGUE[0]), float(VAGUE[1]))
    if reference is None or amount is None:
        return offset_range(amount, unit, approximate=approximate, vague=vague)
    going_back = backward != (direction == "before")
    # the amount is counted from the anchor: forward when it is "after" and the anchor is known
    if going_back and float(amount).is_integer():
        moved = add_calendar(reference, -int(amount), unit)
        if moved is not None:
            return offset_range(amount, unit, reference=moved, approximate=approximate, vague=vague)
    return offset_range(amount, unit, reference=reference, approximate=approximate, vague=vague)


def amount_text(amount: float | None, unit: str) -> str:
    """"3 days", "1 week", "several months": an amount of a unit, in words."""
    word = UNIT_WORDS.get(unit, unit)
    if amount is None:
        return f"several {word}s"
    number = int(amount) if float(amount).is_integer() else amount
    return f"{number} {word}" + ("" if number == 1 else "s")


def _duration_label(expression: Expression, direction: str | None, widened: bool,
                    mod: str | None) -> str:
    reading = expression.mention.reading
    text = amount_text(reading.amount, str(reading.unit))
    if mod in ("LESS_THAN", "EQUAL_OR_LESS"):
        text = f"within {text}"
    elif mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        text = f"more than {text}"
    elif mod == "APPROX":
        text = f"about {text}"
    return f"{text} {direction or 'of'}" + (" (approximate)" if widened else "")


def relation_link(relation: Relation, parent: str, forward: bool) -> str:
    """Readable derivation of the child from ``parent`` ("event 3", "1987") through ``relation``.

    ``forward`` is True when the child is the governed event (child = anchor + offset).
    """
    approx = " (approximate)" if relation.widened else ""
    if relation.kind == "duration" and relation.expression is not None:
        mod = relation.mod
        if mod in ("LESS_THAN", "EQUAL_OR_LESS", "MORE_THAN", "EQUAL_OR_MORE"):
            approx = ""
        reading = relation.expression.mention.reading
        amount = amount_text(reading.amount, str(reading.unit))
        direction = reading.direction or SIGNALS.get(relation.signal.lower())
        mod = relation.mod
        if direction is None:
            return f"within {amount} of {parent}"
        sign = "+" if (direction == "after") == forward else "-"
        prefix = "up to " if mod in ("LESS_THAN", "EQUAL_OR_LESS") else (
            "more than " if mod in ("MORE_THAN", "EQUAL_OR_MORE") else "")
        return f"{parent} {sign} {prefix}{amount}{approx}"
    if relation.kind == "qualified":
        qualifier, signal = relation.label.split(" ", 1)
        if not forward:
            signal = "before" if signal == "after" else "after"
        return f"{qualifier} {signal} {parent}{approx}"
    if relation.kind == "since":
        return f"since {parent}" if forward else f"start of {parent}"
    return f"until {parent}" if forward else f"end of {parent}"


def derivation_tree(nodes: list[int], relations: list[Relation],
                    dated: set[int]) -> dict[int, tuple[int, Relation, bool, int]]:
    """Breadth-first from the dated events: child key -> (parent, relation, forward, depth)."""
    adjacency: dict[int, list[tuple[int, Relation, bool]]] = {k: [] for k in nodes}
    for relation in relations:
        adjacency[relation.anchor].append((relation.governed, relation, True))
        adjacency[relation.governed].append((relation.anchor, relation, False))
    out: dict[int, tuple[int, Relation, bool, int]] = {}
    seen = {k for k in nodes if k in dated}
    queue = deque((k, 0) for k in nodes if k in dated)
    while queue:
        key, depth = queue.popleft()
        for child, relation, forward in adjacency[key]:
            if child in seen:
                continue
            seen.add(child)
            out[child] = (key, relation, forward, depth + 1)
            queue.append((child, depth + 1))
    return out


def interval_time(lo: float, hi: float) -> TimeValue | None:
    """The time value of a solved interval (seconds), or None when a side is open."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    start, end = from_seconds(lo), from_seconds(hi + 1)
    if start is None or end is None or end <= start:
        return None
    return interval_value(start, end)


def narrowed_time(solution: Solution, node: int, explicit: tuple[float, float]) -> TimeValue | None:
    """The solved interval of an explicitly dated node when the constraints narrowed it."""
    lo, hi = solution.lo[node], solution.hi[node]
    if lo <= explicit[0] and hi >= explicit[1]:
        return None
    if lo > hi:
        return None
    return interval_time(lo, hi)

