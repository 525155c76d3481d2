"""Instants in whole seconds from ``0001-01-01T00:00`` and calendar arithmetic on them: units
in seconds and their slack, "6 months after" as a range of seconds (:func:`offset_range`),
and an interval as an honest TIMEX3 value (:func:`interval_value`).

Calendar units: :func:`offset_range` turns "6 months after" into seconds with calendar arithmetic
from a reference instant (July 8 -> January 8 is 184 days, not 6 x 30), and widens coarse or
round units by their uncertainty (:data:`UNIT_SLACK`): people say "6 months" for anything from
about 5.5 to 6.5 months, "two years" for 1.5 to 2.5 years; days, hours and minutes are exact.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math

from timeline.calendar import format_value, interval_of
from timeline.types import Grain, TimeValue

__all__ = [
    "INF",
    "UNIT_SECONDS",
    "UNIT_SLACK",
    "add_calendar",
    "from_seconds",
    "interval_value",
    "offset_range",
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
