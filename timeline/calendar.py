"""Calendar arithmetic and TIMEX3 value strings <-> intervals (pure functions, no clock).

Every calendar value denotes an interval ``[start, end)``. :func:`interval_of` reads a TIMEX3
value string such as ``2016-01-09``, ``2016-W02``, ``2016-Q1``, ``2015-SU``, ``199`` (the
1990s), ``2016-01-14TNI`` or ``2016-01-09T15:00`` and returns that interval with its grain.
Years 1..9999 are supported (the range of :mod:`datetime`).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re

from timeline.types import Grain

__all__ = [
    "DAY",
    "PART_OF_DAY_HOURS",
    "SEASON_MONTHS",
    "SMALLER_UNIT",
    "add_months",
    "add_unit",
    "as_datetime",
    "format_value",
    "interval_of",
    "iso_week_value",
    "shift_date",
    "weekday_on_or_after",
    "weekday_on_or_before",
]

DAY = dt.timedelta(days=1)

#: part of day -> (start hour, end hour) on the same day (24 = midnight after)
PART_OF_DAY_HOURS: dict[str, tuple[int, int]] = {
    "MO": (6, 12),
    "MI": (11, 13),
    "AF": (12, 18),
    "EV": (18, 22),
    "NI": (20, 24),
    "DT": (9, 18),
}

#: season -> (first month, number of months); winter starts in December of the year named
#: unit -> (the next smaller unit, how many of it make one): fractions of an amount are written
#: in it ("two and a half years" = P2Y6M), and a compound amount pairs the two ("1 week 1 day")
SMALLER_UNIT = {
    "year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
    "hour": ("minute", 60), "minute": ("second", 60), "decade": ("year", 10), "century": ("year", 100),
    "quarter": ("month", 3), "millennium": ("year", 1000),
}

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 3),
    "SU": (6, 3),
    "FA": (9, 3),
    "WI": (12, 3),
}

_VALUE = re.compile(
    r"""\A(?:
    (?P<year>\d{4})
      (?:-(?:
          (?P<month>\d{2})(?:-(?P<day>\d{2})
              (?:T(?:(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?|(?P<pod>MO|MI|AF|EV|NI|DT)))?
          )?
        | W(?P<week>\d{1,2})(?P<weekend>-WE)?
        | Q(?P<quarter>[1-4])
        | H(?P<half>[12])
        | (?P<season>SP|SU|FA|WI)
      ))?
    | (?P<decade>\d{3})
    | (?P<century>\d{2})
    )\Z""",
    re.VERBOSE,
)


def as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    """``value`` as a naive ``datetime`` (a date becomes midnight)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` shifted by whole months, clamped to the month's last day (Jan 31 + 1 = Feb 29)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OverflowError(f"year {year} is out of range")
    last = _cal.monthrange(year, month0 + 1)[1]
    return day.replace(year=year, month=month0 + 1, day=min(day.day, last))


def add_unit(moment: dt.datetime, unit: Grain, amount: int) -> dt.datetime:
    """``moment`` shifted by ``amount`` calendar units (months and years clamp to month ends)."""
    if unit in (Grain.SECOND, Grain.MINUTE, Grain.HOUR):
        seconds = {Grain.SECOND: 1, Grain.MINUTE: 60, Grain.HOUR: 3600}[unit]
        return moment + dt.timedelta(seconds=seconds * amount)
    if unit in (Grain.DAY, Grain.PART_OF_DAY):
        return moment + dt.timedelta(days=amount)
    if unit is Grain.WEEK:
        return moment + dt.timedelta(weeks=amount)
    months = {
        Grain.MONTH: 1,
        Grain.QUARTER: 3,
        Grain.SEASON: 3,
        Grain.HALF_YEAR: 6,
        Grain.YEAR: 12,
        Grain.DECADE: 120,
        Grain.CENTURY: 1200,
        Grain.MILLENNIUM: 12000,
    }[unit]
    shifted = add_months(moment.date(), months * amount)
    return dt.datetime.combine(shifted, moment.time())


def shift_date(day: dt.date, unit: Grain, amount: int) -> dt.date:
    """``day`` shifted by ``amount`` units (see :func:`add_unit`)."""
    return add_unit(as_datetime(day), unit, amount).date()


def weekday_on_or_before(day: dt.date, iso_weekday: int) -> dt.date:
    """The latest date on or before ``day`` that falls on ``iso_weekday`` (1 = Monday)."""
    return day - dt.timedelta(days=(day.isoweekday() - iso_weekday) % 7)


def weekday_on_or_after(day: dt.date, iso_weekday: int) -> dt.date:
    """The earliest date on or after ``day`` that falls on ``iso_weekday`` (1 = Monday)."""
    return day + dt.timedelta(days=(iso_weekday - day.isoweekday()) % 7)


def iso_week_value(day: dt.date) -> str:
    """The TIMEX3 week value of ``day``: ``2016-W02``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def format_value(day: dt.date | dt.datetime, grain: Grain) -> str:
    """The TIMEX3 value of the ``grain``-sized period containing ``day``."""
    if grain is Grain.DAY:
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    if grain is Grain.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    if grain is Grain.YEAR:
        return f"{day.year:04d}"
    if grain is Grain.WEEK:
        return iso_week_value(day if not isinstance(day, dt.datetime) else day.date())
    if grain is Grain.QUARTER:
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if grain is Grain.HALF_YEAR:
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if grain is Grain.DECADE:
        return f"{day.year // 10:03d}"
    if grain is Grain.CENTURY:
        return f"{day.year // 100:02d}"
    if grain is Grain.SEASON:
        month = day.month
        if month == 12 or month <= 2:
            year = day.year if month == 12 else day.year - 1
            return f"{year:04d}-WI"
        return f"{day.year:04d}-" + ("SP" if month <= 5 else "SU" if month <= 8 else "FA")
    moment = as_datetime(day)
    base = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}"
    if grain is Grain.HOUR:
        return base + ":00"
    if grain is Grain.MINUTE:
        return base + f":{moment.minute:02d}"
    if grain is Grain.SECOND:
        return base + f":{moment.minute:02d}:{moment.second:02d}"
    raise ValueError(f"no value format for grain {grain}")


def _safe(year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime | None:
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except (ValueError, OverflowError):
        return None


def _end_of_year(year: int) -> dt.datetime | None:
    return _safe(year + 1) if year < 9999 else dt.datetime.max.replace(microsecond=0)


def interval_of(value: str) -> tuple[dt.datetime, dt.datetime, Grain] | None:
    """The interval ``[start, end)`` and grain that a TIMEX3 calendar value denotes.

    Returns ``None`` for values that denote no fixed interval (durations, sets, ``PAST_REF``,
    underspecified ``XXXX``) or that fall outside years 1..9999.
    """
    match = _VALUE.match(value)
    if match is None:
        return None
    g = match.groupdict()
    try:
        if g["decade"] is not None:
            first = int(g["decade"]) * 10
            start, end = _safe(max(first, 1)), _end_of_year(first + 9)
            grain = Grain.DECADE
        elif g["century"] is not None:
            first = int(g["century"]) * 100
            start, end = _safe(max(first, 1)), _end_of_year(first + 99)
            grain = Grain.CENTURY
        else:
            year = int(g["year"])
            if g["month"] is not None:
                month = int(g["month"])
                if g["day"] is None:
                    start = _safe(year, month)
                    end = as_datetime(add_months(start.date(), 1)) if start and (year, month) != (9999, 12) else _end_of_year(year)
                    grain = Grain.MONTH
                else:
                    day = dt.date(year, month, int(g["day"]))
                    if g["hour"] is not None:
                        hour = int(g["hour"])
                        minute = int(g["minute"] or 0)
                        second = int(g["second"] or 0)
                        start = dt.datetime(year, month, day.day, hour % 24, minute, second) + (DAY if hour == 24 else dt.timedelta())
                        grain = Grain.SECOND if g["second"] else Grain.MINUTE if g["minute"] else Grain.HOUR
                        step = {Grain.SECOND: 1, Grain.MINUTE: 60, Grain.HOUR: 3600}[grain]
                        end = start + dt.timedelta(seconds=step)
                    elif g["pod"] is not None:
                        first_hour, last_hour = PART_OF_DAY_HOURS[g["pod"]]
                        midnight = as_datetime(day)
                        start = midnight + dt.timedelta(hours=first_hour)
                        end = midnight + dt.timedelta(hours=last_hour)
                        grain = Grain.PART_OF_DAY
                    else:
                        start = as_datetime(day)
                        end = start + DAY
                        grain = Grain.DAY
            elif g["week"] is not None:
                monday = dt.date.fromisocalendar(year, int(g["week"]), 1)
                if g["weekend"]:
                    start = as_datetime(monday + 5 * DAY)
                    end = start + 2 * DAY
                else:
                    start = as_datetime(monday)
                    end = start + 7 * DAY
                grain = Grain.WEEK
            elif g["quarter"] is not None:
                quarter = int(g["quarter"])
                start = _safe(year, 3 * quarter - 2)
                end = _safe(year, 3 * quarter + 1) if quarter < 4 else _end_of_year(year)
                grain = Grain.QUARTER
            elif g["half"] is not None:
                half = int(g["half"])
                start = _safe(year, 1 if half == 1 else 7)
                end = _safe(year, 7) if half == 1 else _end_of_year(year)
                grain = Grain.HALF_YEAR
            elif g["season"] is not None:
                first_month, length = SEASON_MONTHS[g["season"]]
                start = _safe(year, first_month)
                end = as_datetime(add_months(start.date(), length)) if start else None
                grain = Grain.SEASON
            else:
                start, end = _safe(year), _end_of_year(year)
                grain = Grain.YEAR
    except (ValueError, OverflowError):
        return None
    if start is None or end is None or not start < end:
        return None
    return start, end, grain
