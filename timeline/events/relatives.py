"""Relative expressions ("two days later", "the next day", "that night") counted from the
previous dated event."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import attrs

from timeline.events.instants import add_calendar, from_seconds, interval_value, to_seconds
from timeline.events.relations import UNIT_WORDS, amount_text
from timeline.events.solver import Solution
from timeline.types import Expression, Grain, TimeValue

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.collect import Collection

__all__ = ["Relative", "date_relatives", "named_reference", "relative_link", "relative_spec"]

_PARTS_OF_DAY = {"MO": (6, 12), "MI": (11, 13), "AF": (12, 18), "EV": (18, 24), "NI": (20, 28),
                 "DT": (9, 17)}

_SHIFT_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year", "part_of_day"})


@attrs.frozen
class Relative:
    """A date counted from the previous event: "two days later", "the next day", "that night"."""

    expression: Expression
    unit: str
    offset: int
    part_of_day: str | None
    text: str  # the expression's words, lower case ("earlier that month" ends at the reference)
    resolved: bool  # the resolver dated it already
    label: str  # the words to show as the event's expression


def relative_spec(expression: Expression, signal: str | None = None) -> Relative | None:
    """The relative reading of an expression, if it has one.

    Kinds ``relative``/``anaphoric`` with a unit and an offset; or an anchored duration
    followed by "later"/"earlier" ("two days later": day +2).
    """
    reading = expression.mention.reading
    text = expression.mention.text
    resolved = expression.time.start is not None and expression.time.end is not None
    if reading.kind in ("relative", "anaphoric") and reading.offset is not None and \
            str(reading.unit) in _SHIFT_UNITS:
        return Relative(expression, str(reading.unit), int(reading.offset), reading.part_of_day,
                         text.lower(), resolved, text)
    if reading.kind == "offset" and not reading.deictic and reading.amount is not None \
            and float(reading.amount).is_integer() and str(reading.unit) in _SHIFT_UNITS:
        sign = -1 if reading.direction == "before" else 1
        return Relative(expression, str(reading.unit), sign * int(reading.amount), None,
                         text.lower(), resolved, text)
    if reading.kind == "anchored" and signal in ("later", "earlier") and \
            reading.amount is not None and float(reading.amount).is_integer() and \
            str(reading.unit) in _SHIFT_UNITS:
        offset = int(reading.amount) * (1 if signal == "later" else -1)
        return Relative(expression, str(reading.unit), offset, None, text.lower(), False,
                         f"{text} {signal}")
    return None


def date_relatives(c: Collection, reps: list[int], intervals: dict[int, tuple[float, float]],
                   solution: Solution | None, nodes: list[int],
                   node_of: dict[int, int]) -> dict[int, TimeValue]:
    """Date the relative expressions the resolver left unanchored, in text order."""
    out: dict[int, TimeValue] = {}
    position = {key: i for i, key in enumerate(reps)}
    last: tuple[float, float] | None = None  # the reference for the next relative
    last_key: int | None = None
    # the last dated event this sentence tells on the story's line (not a report, not an
    # anchor of another event): a story's "later" follows the last event narrated before it
    sentence_last: tuple[float, float] | None = None
    sentence_last_key: int | None = None
    current_sentence = -1
    for key in reps:
        mention = c.mentions[key]
        if mention.sentence != current_sentence:
            # a new sentence: "two days later" counts from the last event the previous
            # sentence told ("founded in 1990 and went public in 1998. Two years later": 2000)
            current_sentence = mention.sentence
            if sentence_last is not None:
                last, last_key = sentence_last, sentence_last_key
            sentence_last = sentence_last_key = None
        known = intervals.get(key)
        if known is None and solution is not None and key in node_of:
            lo, hi = solution.lo[node_of[key]], solution.hi[node_of[key]]
            known = (lo, hi) if math.isfinite(lo) and math.isfinite(hi) else None
        spec = mention.relative
        reference_key: int | None = None
        reference: tuple[float, float] | None = None
        if spec is not None and not spec.resolved and known is None:
            # left unresolved by the resolver: count from the event it names, else from
            # the previous dated event
            reference_key = named_reference(c, spec.expression)
            reference = intervals.get(reference_key) if reference_key is not None else None
            if reference is None:
                reference, reference_key = last, last_key
        elif spec is not None and spec.resolved and last_key is not None:
            # resolved against an earlier expression, but an event dated only through
            # other events (which the resolver cannot see) came in between: count from it
            named = named_reference(c, spec.expression)
            if named is not None and named != last_key and \
                    c.mentions[last_key].explicit is None and \
                    position.get(named, -1) < position[last_key]:
                reference, reference_key = last, last_key
                mention.others.append(
                    f"re-anchored on '{c.mentions[last_key].found.phrase}' (the resolver "
                    f"gave {spec.expression.time.value})")
        if reference is not None and reference_key is not None and spec is not None:
            time = _shift(spec, reference)
            if time is not None:
                out[key] = time
                c.relative_from[key] = reference_key
                assert time.start is not None and time.end is not None
                known = (float(to_seconds(time.start)), float(to_seconds(time.end) - 1))
        if known is not None:
            last, last_key = known, key
            # not a report, nor an event told as another's anchor ("a day after the
            # fugitive was captured" is a flashback, not the story's line)
            if (mention.form is None or not mention.form.speech) and not mention.is_anchor:
                sentence_last, sentence_last_key = known, key
    return out


def named_reference(c: Collection, expression: Expression) -> int | None:
    """The mention key of the event dated by the expression an expression is anchored on
    (``anchor`` of kind ``expression``), if any."""
    anchor = expression.anchor
    if anchor.kind == "expression" and anchor.expression is not None:
        return c.by_expression.get(anchor.expression)
    return None


def relative_link(spec: Relative, parent: str) -> str:
    """Readable derivation of a relative date from ``parent``: "event 3 + 2 days"."""
    offset = spec.offset
    unit = spec.unit
    if offset == 0:
        return f"same {UNIT_WORDS.get(unit, unit)} as {parent}"
    sign = "+" if offset > 0 else "-"
    return f"{parent} {sign} {amount_text(abs(offset), unit)}"


def _floor(moment: dt.datetime, unit: str) -> dt.datetime:
    if unit == "week":
        day = dt.datetime(moment.year, moment.month, moment.day)
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return dt.datetime(moment.year, moment.month, 1)
    if unit == "year":
        return dt.datetime(moment.year, 1, 1)
    if unit == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    if unit == "minute":
        return moment.replace(second=0, microsecond=0)
    return dt.datetime(moment.year, moment.month, moment.day)


def _shift(spec: Relative, reference: tuple[float, float]) -> TimeValue | None:
    """The interval of a relative expression counted from a reference interval (seconds)."""
    unit = spec.unit
    if unit == "part_of_day":
        unit = "day"
    if unit not in _SHIFT_UNITS:
        return None
    offset = spec.offset
    first, last = from_seconds(reference[0]), from_seconds(reference[1])
    if first is None or last is None:
        return None
    start = add_calendar(_floor(first, unit), offset, unit)
    end_base = add_calendar(_floor(last, unit), offset + 1, unit)
    if start is None or end_base is None:
        return None
    end = end_base
    text = spec.text
    if offset == 0 and text.startswith("earlier"):
        end = first
    elif offset == 0 and text.startswith("later"):
        start = last + dt.timedelta(seconds=1)
    part = spec.part_of_day
    if part in _PARTS_OF_DAY and unit == "day" and end - start == dt.timedelta(days=1):
        begin_hour, end_hour = _PARTS_OF_DAY[part]
        day = start
        value = f"{day.date().isoformat()}T{part}"
        return TimeValue(timex_type="TIME", value=value,
                         start=day + dt.timedelta(hours=begin_hour),
                         end=day + dt.timedelta(hours=end_hour), grain=Grain.PART_OF_DAY,
                         approximate=True)
    if end <= start:
        return None
    return interval_value(start, end)
