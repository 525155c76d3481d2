"""TimeValue builders shared by the resolvers: the grain order, TIMEX3 durations, values with
their intervals, and the unresolved placeholders."""

from __future__ import annotations

import datetime as dt
import math

from timeline.calendar import DAY, SMALLER_UNIT, format_value, interval_of
from timeline.lexicon import words
from timeline.types import Anchor, Grain, Mention, Reading, TimeValue

__all__ = [
    "GRAIN_RANK",
    "duration_value",
    "from_value",
    "time_value",
    "unresolved",
    "year_before",
]


_GRAIN_ORDER = [
    Grain.SECOND, Grain.MINUTE, Grain.HOUR, Grain.PART_OF_DAY, Grain.DAY, Grain.WEEK, Grain.MONTH,
    Grain.QUARTER, Grain.SEASON, Grain.HALF_YEAR, Grain.YEAR, Grain.DECADE, Grain.CENTURY, Grain.MILLENNIUM,
]
GRAIN_RANK = {g: i for i, g in enumerate(_GRAIN_ORDER)}
_UNRESOLVED = {
    Grain.DAY: "XXXX-XX-XX", Grain.WEEK: "XXXX-WXX", Grain.MONTH: "XXXX-XX", Grain.YEAR: "XXXX",
    Grain.QUARTER: "XXXX-QX", Grain.SEASON: "XXXX-XX", Grain.DECADE: "XXX", Grain.CENTURY: "XX",
    Grain.HALF_YEAR: "XXXX-HX", Grain.PART_OF_DAY: "XXXX-XX-XX", Grain.HOUR: "XXXX-XX-XXTXX:XX",
}


def _amount_text(amount: float) -> str:
    """A number as a TIMEX3 duration writes it: digits, never an exponent (1000000, not 1e+06)."""
    if float(amount).is_integer():
        return str(int(amount))
    return format(amount, "f").rstrip("0").rstrip(".")


def duration_value(unit: str, amount: float | None) -> str:
    """The TIMEX3 duration for ``amount`` ``unit``s: ``P6M``, ``PT3H``, ``PTXH`` (vague), ``P20Y``,
    ``P2Y6M`` (fractions are written out in the next smaller unit)."""
    if unit in ("decade", "century", "millennium"):
        factor = {"decade": 10, "century": 100, "millennium": 1000}[unit]
        unit, amount = "year", None if amount is None else amount * factor
    letters = words()["unit_letters"]
    time_part = unit in ("hour", "minute", "second")
    if amount is None or not math.isfinite(amount):
        return f"P{'T' if time_part else ''}X{letters.get(unit, 'X')}"
    whole = int(amount)
    parts = [(whole, unit)] if whole else []
    rest = amount - whole
    if rest and unit in SMALLER_UNIT:
        smaller, factor = SMALLER_UNIT[unit]
        parts.append((round(rest * factor), smaller))
    elif rest:
        parts = [(amount, unit)]
    date_part = "".join(_amount_text(n) + letters[u] for n, u in parts if u not in ("hour", "minute", "second"))
    clock_part = "".join(_amount_text(n) + letters[u] for n, u in parts if u in ("hour", "minute", "second"))
    return "P" + date_part + (("T" + clock_part) if clock_part else "") if (date_part or clock_part) else "P0D"


def time_value(start: dt.date | dt.datetime, grain: Grain, mod: str | None = None, approximate: bool = False,
           timex_type: str = "DATE") -> TimeValue:
    """The value of the ``grain`` period that starts at ``start``, with its interval."""
    value = format_value(start, grain)
    interval = interval_of(value)
    begin, end = (interval[0], interval[1]) if interval else (None, None)
    return TimeValue(timex_type, value, begin, end, grain, approximate or mod in ("APPROX",), mod)


def from_value(value: str, timex_type: str = "DATE", mod: str | None = None) -> TimeValue:
    """A TIMEX3 value with its interval (a START/MID/END period narrowed to its third)."""
    interval = interval_of(value)
    if interval is None:
        return TimeValue(timex_type, value, None, None, None, False, mod)
    start, end, grain = interval
    if mod in ("START", "MID", "END") and grain not in (Grain.DAY, Grain.HOUR, Grain.MINUTE, Grain.SECOND):
        third = (end - start) / 3
        offset = {"START": 0, "MID": 1, "END": 2}[mod]
        start, end = start + third * offset, start + third * (offset + 1)
        start = dt.datetime(start.year, start.month, start.day)
        end = dt.datetime(end.year, end.month, end.day) + (DAY if end.time() != dt.time() else dt.timedelta())
        return TimeValue(timex_type, value, start, end, grain, True, mod)
    return TimeValue(timex_type, value, start, end, grain, mod == "APPROX", mod)


def unresolved(mention: Mention, grain: Grain, reading: Reading) -> tuple[TimeValue, Anchor]:
    """The placeholder value of a mention with nothing to anchor it (``XXXX-XX-XX``, ``XXXX-WXX-4``)."""
    value = _UNRESOLVED.get(grain, "XXXX-XX-XX")
    if reading.kind == "weekday" and reading.weekday:
        value = f"XXXX-WXX-{reading.weekday}"
    elif reading.month and grain in (Grain.MONTH, Grain.DAY):
        value = f"XXXX-{reading.month:02d}" + (f"-{reading.day:02d}" if reading.day else "")
    return TimeValue(mention.timex_type, value, None, None, grain, False, reading.mod), Anchor.UNRESOLVED


def year_before(value: TimeValue) -> TimeValue:
    """The same period one year earlier."""
    year, rest = value.value[:4], value.value[4:]
    return from_value(f"{int(year) - 1:04d}{rest}")
