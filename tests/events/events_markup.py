"""Test helper: build resolved Expressions from a small markup, as the resolver would.

``[[span|spec]]`` marks a time expression in a sentence; the markup is removed from the text and
the span becomes an :class:`~timeline.types.Expression`. Specs:

* ``2016-01-09`` (also ``2016``, ``2016-01``, ``2016-W02``, ``2016-01-09T15:00``,
  ``2016-01-09TNI``): a dated DATE/TIME
* ``anchored 1 day after`` / ``anchored 6 month before APPROX`` / ``anchored x day after``
  (``x`` = vague amount) / ``anchored 1 week - LESS_THAN`` (``-`` = no direction): an
  event-anchored duration (the signal word follows the span in the text)
* ``relative 2 day`` / ``relative 0 day NI`` / ``relative 1 week @3``: a relative expression the
  resolver left unresolved (``@N`` = its ``anchor`` is ``expression N``)
* ``resolved 2016-01-10 relative 1 day @0``: the same, resolved by the resolver
* ``duration PT3H`` / ``duration PTXH hour`` (with its unit), ``set XXXX-WXX-4``
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.text.sentences import split_sentences
from timeline.types import Anchor, Expression, Grain, Mention, Reading, Sentence, TimeValue

__all__ = ["parse_markup", "value_interval"]

_MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def value_interval(value: str) -> tuple[dt.datetime, dt.datetime, Grain]:
    """``[start, end)`` and grain of a simple TIMEX3 date value."""
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)", value):
        start = dt.datetime(*map(int, m.groups()))
        return start, start + dt.timedelta(minutes=1), Grain.MINUTE
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(MO|AF|EV|NI)", value):
        day = dt.datetime(*map(int, m.groups()[:3]))
        begin, end = {"MO": (6, 12), "AF": (12, 18), "EV": (18, 24), "NI": (20, 28)}[m.group(4)]
        return day + dt.timedelta(hours=begin), day + dt.timedelta(hours=end), Grain.PART_OF_DAY
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
        start = dt.datetime(*map(int, m.groups()))
        return start, start + dt.timedelta(days=1), Grain.DAY
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        start = dt.datetime.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return start, start + dt.timedelta(days=7), Grain.WEEK
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        year, month = int(m.group(1)), int(m.group(2))
        start = dt.datetime(year, month, 1)
        end = dt.datetime(year + (month == 12), month % 12 + 1, 1)
        return start, end, Grain.MONTH
    if m := re.fullmatch(r"(\d{4})", value):
        year = int(m.group(1))
        return dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1), Grain.YEAR
    raise ValueError(f"unsupported value {value!r}")


def _expression(spec: str, start: int, end: int, span: str, sentence: int, index: int) -> Expression:
    words = spec.split()
    head = words[0]
    if head == "anchored":
        amount = None if words[1] == "x" else float(words[1])
        unit = words[2]
        direction = None if words[3] == "-" else words[3]
        mod = words[4] if len(words) > 4 else None
        reading = Reading(kind="anchored", amount=amount, unit=unit, direction=direction, mod=mod)
        number = "X" if amount is None else f"{amount:g}"
        code = {"day": "D", "week": "W", "month": "M", "year": "Y"}.get(unit)
        value = f"P{number}{code}" if code else f"PT{number}{unit[0].upper()}"
        time = TimeValue("DURATION", value, mod=mod)
        anchor = Anchor.EVENT
    elif head in ("relative", "resolved"):
        resolved_value = None
        if head == "resolved":
            resolved_value = words[1]
            words = words[2:]
        offset = int(words[1])
        unit = words[2]
        part = next((w for w in words[3:] if w in ("MO", "AF", "EV", "NI")), None)
        at = next((w for w in words[3:] if w.startswith("@")), None)
        reading = Reading(kind="relative", unit=unit, offset=offset, part_of_day=part)
        anchor = Anchor.on_expression(int(at[1:])) if at else Anchor.UNRESOLVED
        if resolved_value is not None:
            s, e, grain = value_interval(resolved_value)
            time = TimeValue("DATE", resolved_value, s, e, grain)
        else:
            time = TimeValue("DATE", "XXXX-XX-XX")
    elif head == "duration":
        unit = words[2] if len(words) > 2 else None
        reading = Reading(kind="duration", value=words[1], unit=unit)
        time = TimeValue("DURATION", words[1])
        anchor = Anchor.ABSOLUTE
    elif head == "set":
        reading = Reading(kind="set", value=words[1])
        time = TimeValue("SET", words[1])
        anchor = Anchor.ABSOLUTE
    else:
        s, e, grain = value_interval(head)
        kind = "TIME" if "T" in head else "DATE"
        reading = Reading(kind="absolute")
        time = TimeValue(kind, head, s, e, grain)
        anchor = Anchor.PUBLICATION
    timex_type = time.timex_type
    mention = Mention(start, end, span, timex_type, reading, "markup", sentence)
    return Expression(mention=mention, time=time, anchor=anchor, index=index)


def parse_markup(marked: str) -> tuple[str, tuple[Sentence, ...], tuple[Expression, ...]]:
    """Plain text, its sentences and its expressions from a marked-up text."""
    pieces: list[str] = []
    spans: list[tuple[int, int, str, str]] = []
    position = 0
    length = 0
    for match in _MARK.finditer(marked):
        before = marked[position:match.start()]
        pieces.append(before)
        length += len(before)
        span = match.group(1)
        spans.append((length, length + len(span), span, match.group(2)))
        pieces.append(span)
        length += len(span)
        position = match.end()
    pieces.append(marked[position:])
    text = "".join(pieces)
    sentences = split_sentences(text)
    starts = [s.char_start for s in sentences]
    expressions = []
    for index, (start, end, span, spec) in enumerate(spans):
        sentence = max(i for i, s in enumerate(starts) if s <= start) if starts else 0
        expressions.append(_expression(spec, start, end, span, sentence, index))
    return text, sentences, tuple(expressions)
