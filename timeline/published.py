"""Reading a publication date from what the caller passes, and from a dateline in the text."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["parse_published"]

_ISO = re.compile(r"\s*(-?\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*\Z")
# Two fixed, unrelated bases: a string that reads differently against them is relative
# ("yesterday") and cannot be a publication date.
_BASES = (dt.datetime(2001, 3, 14, 10, 0), dt.datetime(1987, 11, 2, 16, 30))
_SHOWN = 60  # at most this many characters of a bad value are quoted in an error message


def _shown(value: str) -> str:
    """``repr(value)``, cut to about :data:`_SHOWN` characters so that one error is one line."""
    if len(value) <= _SHOWN:
        return repr(value)
    return repr(value[:_SHOWN]) + f"... ({len(value)} characters)"


def parse_published(value: object, *, date_order: str | None = None) -> dt.date | dt.datetime | None:
    """Turn ``value`` into a publication date.

    Accepts ``None``, a ``date``, a ``datetime``, a ``pandas.Timestamp``, a ``numpy.datetime64``,
    an ISO string (``2016-01-15``, ``2016-01-15T09:30``) or any absolute date string dateparser
    reads (``Jan 15, 2016``, ``15 janvier 2016``). A ``datetime`` keeps its time of day; its time
    zone is dropped after conversion to local wall time as written. A ``datetime64`` of day grain
    or coarser becomes a ``date``, a finer one a ``datetime``. Missing values (``None``, ``NaT``,
    a float ``NaN``, ``pandas.NA``) mean no date and give ``None``. ``date_order`` (``MDY``,
    ``DMY``, ``YMD``) is dateparser's ``DATE_ORDER`` for a numeric date ("09/01/2016").

    Raises:
        ValueError: the string is not an absolute date (unreadable, or relative like "today").
        TypeError: ``value`` is of another type.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # includes pandas.Timestamp
        if value != value:  # NaT
            return None
        result = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
        return result.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    if type(value).__name__ == "datetime64":  # numpy's, without importing numpy here
        return _from_datetime64(value)
    if isinstance(value, float) and value != value:  # NaN: an empty cell of a table
        return None
    if type(value).__name__ == "NAType":  # pandas.NA, without importing pandas here
        return None
    if isinstance(value, bytes):
        raise TypeError("published must be a str, date or datetime, not bytes; decode it first")
    if not isinstance(value, str):
        raise TypeError(
            "published must be a str, date, datetime, pandas.Timestamp or numpy.datetime64, "
            f"not {type(value).__name__}"
        )
    match = _ISO.match(value)
    if match:
        year, month, day, hour, minute, second = match.groups()
        try:
            if hour is None:
                return dt.date(int(year), int(month), int(day))
            return dt.datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
        except ValueError as exc:
            raise ValueError(f"unreadable publication date {_shown(value)}: {exc}") from None
    return _parse_with_dateparser(value, date_order)


def _from_datetime64(value: np.datetime64) -> dt.date | dt.datetime | None:
    import numpy as np  # only for a numpy value, which has imported numpy already

    """A ``datetime64`` as a ``date`` (day grain or coarser) or a ``datetime``; NaT gives None."""
    if np.isnat(value):
        return None
    unit, _ = np.datetime_data(value.dtype)
    coarse = unit in ("Y", "M", "W", "D")
    result = value.astype("datetime64[D]" if coarse else "datetime64[us]").astype(object)
    if not isinstance(result, dt.date):  # numpy gives an int outside years 1..9999
        raise ValueError(f"publication date {value} is outside the years 1 to 9999")
    return result


def _parse_with_dateparser(value: str, date_order: str | None = None) -> dt.date | dt.datetime:
    text = value.strip()
    if not text or len(text) > 200:
        raise ValueError(f"unreadable publication date {_shown(value)}")
    import dateparser  # slow import: only when needed

    readings = []
    for base in _BASES:
        parsed = dateparser.parse(
            text,
            settings={
                "RELATIVE_BASE": base,
                "REQUIRE_PARTS": ["year", "month", "day"],
                "RETURN_AS_TIMEZONE_AWARE": False,
                **({"DATE_ORDER": date_order} if date_order else {}),
            },
        )
        readings.append(parsed)
    first, second = readings
    if first is None or first != second:
        raise ValueError(
            f"unreadable publication date {_shown(value)}: give an absolute date such as 2016-01-15"
        )
    if (first.hour, first.minute, first.second) == (0, 0, 0) and not re.search(r"\d:\d", text):
        return first.date()
    return first.replace(tzinfo=None)
