"""The best estimate of the events nothing in the text dates (news with a publication date):
the story's day, the story's coming day, publication plus an amount ("in two weeks"), or the
publication day, approximate, with the bounds the tense guarantees (:func:`estimate_the_rest`,
the last step of :func:`timeline.events.dating.date_the_rest`)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

import attrs

from timeline.events.instants import add_calendar, interval_value
from timeline.events.records import CONFIDENCE, PAST_TENSES, Dating
from timeline.types import Expression, TimeValue

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.collect import Collection, EventMention

__all__ = ["estimate_the_rest", "in_report", "on_a_coming_day", "on_a_recent_day"]

_DAY = dt.timedelta(days=1)
#: how far before publication the story's day may lie to date a report told after it
_REPORT_WINDOW = dt.timedelta(days=3)
#: how far after publication a day may lie to become the story's coming day
_COMING_WINDOW = dt.timedelta(days=31)
#: how many sentences after the event of a coming day a future event may be told to share it
_COMING_REACH = 3
#: how far before publication a day may lie to become the story's day
_STORY_WINDOW = dt.timedelta(days=14)


def estimate_the_rest(c: Collection, kept: list[int], records: dict[int, Dating],
                      ids: dict[int, int], story_of: dict[int, int | None],
                      coming_of: dict[int, int | None], notes: dict[int, list[str]]) -> None:
    """The best estimate of the events nothing in the text dates (news with a publication
    date): an event told in the past on the story's day (the latest recent day an earlier
    event was explicitly dated on: "Jobs said yesterday ...", "On Monday ..."; for a report,
    only a day in the three days before publication) when there is one, else on the
    publication day; a future event "in two weeks" at publication plus the amount, else on the
    story's coming day (a day in the month after publication an event was dated on, told at
    most three sentences before: "will be available on June 24 ... will be discontinued"),
    else on the publication day; present and noun events on the publication day.
    ``story_of`` and ``coming_of`` give, per event, the story's day and coming day when it
    was told (:func:`on_a_recent_day`, :func:`on_a_coming_day`). News reports events of the day: annotated news puts most such events there.
    The bounds are what the tense guarantees (on or before publication for the past, on or
    after it for the future); the confidence is low, lower still for negated, modal and
    hypothetical events, which may not happen at all."""
    by_story: dict[tuple[int, bool], tuple[Dating, str]] = {}  # one record per story day
    for key in kept:
        current = records[key]
        if current.time is not None and current.time.start is not None:
            continue  # dated (an expression with no interval, "recently", is estimated)
        mention = c.mentions[key]
        form = mention.form
        tense = form.tense if form is not None else "present"
        story = story_of.get(key)
        dated = None
        if story is not None and tense in PAST_TENSES and story in ids and not (
                form is not None and form.speech and not _near_publication(c, records[story])):
            perfect = tense == "past_perfect"
            dated = by_story.get((story, perfect))
            if dated is None:
                dated = by_story[story, perfect] = _story_day(c, records[story], ids[story],
                                                              perfect)
        if dated is None and tense == "future" and key in c.from_now and c.published is not None:
            dated = _from_now(c.published, *c.from_now[key])
        coming = coming_of.get(key)
        if dated is None and tense == "future" and coming is not None and coming in ids and \
                form is not None and form.mood == "real" and not form.attribution and \
                mention.sentence - c.mentions[coming].sentence <= _COMING_REACH and \
                not in_report(c, mention):
            dated = _coming_day(c, records[coming], ids[coming])
        # a narrative tells the past from its own dates; its present and future are still
        # the writer's ("Jobs leaves behind a company", "will be remembered")
        if dated is None and c.published is not None and (
                c.mode == "news" or form is not None and tense in ("present", "future")):
            dated = _tense_window(c.published.year, c.published.month,
                                  c.published.day, form is not None and form.speech,
                                  tense)
        if dated is None:
            if form is None:
                notes[key].append("an event noun with no dated clause: no date")
            elif form.tense == "present":
                notes[key].append("present tense (habitual or ongoing): no date")
            continue
        record = dated[0]
        if current.expression is not None:  # "recently", "now": kept as its expression
            record = record._replace(expression=current.expression, derived=None)
        if form is not None and form.mood != "real":
            # it may never happen: no bound either ("he had hoped to meet him")
            record = record._replace(confidence=CONFIDENCE["unreal"], bounds=(None, None))
        records[key] = record
        notes[key].append(dated[1])


def _story_day(c: Collection, record: Dating, number: int, perfect: bool) -> tuple[Dating, str]:
    """The dating of an event told in the past on the story's day, that of event ``number``
    (a past perfect ends by that day, any other past by publication)."""
    assert record.time is not None and record.time.end is not None
    day = _the_day(record.time)
    latest = day.end if perfect or c.published is None else _published_end(c)
    return (Dating(day, "narrative", CONFIDENCE["story"], f"story day: event {number}",
                   None, (None, latest)),
            f"told in the past with no time of its own: shown on the story's day, "
            f"that of event {number}")


def _the_day(time: TimeValue) -> TimeValue:
    """The calendar day holding the start of a story event's time, approximate: the events
    told after "Friday night" or "at 6 a.m." are placed on that day, not at that hour."""
    assert time.start is not None
    try:
        return _approximate_day(dt.datetime(time.start.year, time.start.month, time.start.day))
    except OverflowError:  # the last day of the calendar
        return time if time.approximate else attrs.evolve(time, approximate=True)


@lru_cache(maxsize=1024)
def _approximate_day(day: dt.datetime) -> TimeValue:
    """The calendar day starting at ``day``, approximate (``OverflowError`` on the calendar's
    last day). Memoized: a pure function of the day, with an immutable value."""
    return attrs.evolve(interval_value(day, day + _DAY), approximate=True)


def _coming_day(c: Collection, record: Dating, number: int) -> tuple[Dating, str]:
    """The dating of a future event told after an event of a coming day ("will be available
    on June 24 ... the old model will be discontinued"): that day, on or after publication."""
    assert record.time is not None
    return (Dating(_the_day(record.time),
                   "narrative", CONFIDENCE["story"], f"story's coming day: event {number}",
                   None, (c.published_day, None)),
            f"told in the future with no time of its own: shown on the coming day the story "
            f"is about, that of event {number}")


def _from_now(published: dt.date, lead: str, expression: Expression
              ) -> tuple[Dating, str] | None:
    """"will report earnings in two weeks": publication plus the amount, at its unit
    (approximate); "within a month": at most that far, bounded on both sides."""
    reading = expression.mention.reading
    amount, unit = reading.amount, str(reading.unit)
    if amount is None or not float(amount).is_integer() or unit not in _FROM_NOW_UNITS:
        return None
    day = dt.datetime(published.year, published.month, published.day)
    then = add_calendar(day, int(amount), unit)
    if then is None:
        return None
    try:
        end = add_calendar(then, 1, "day")
    except (OverflowError, ValueError):
        return None
    if end is None:
        return None
    words = expression.mention.text
    if lead == "within":
        time = attrs.evolve(interval_value(day, end), approximate=True)
        return (Dating(time, "anchored", CONFIDENCE["before"], f"publication + at most {words}",
                       f"within {words}", (day, end)),
                f"within {words} of publication")
    time = attrs.evolve(interval_value(then, end), approximate=True)
    return (Dating(time, "anchored", CONFIDENCE["before"], f"publication + {words}",
                   f"in {words}", (day, None)),
            f"in {words} from publication (future tense): about then")


def _published_end(c: Collection) -> dt.datetime | None:
    day = c.published_day
    assert day is not None
    return None if day.date() == dt.date.max else day + _DAY


def in_report(c: Collection, mention: EventMention) -> bool:
    """Is the mention inside the content of a report ("officials said the bridge fell")?"""
    segment = mention.segment
    if segment is None:
        return False
    return any(end <= segment.lo for end in c.speech_segments.get(mention.sentence, ()))


@lru_cache(maxsize=1024)
def _tense_window(year: int, month: int, day_of_month: int, speech: bool,
                  tense: str) -> tuple[Dating, str] | None:
    """The best estimate tense alone gives an event of an article published that day: the
    publication day, approximate, with the bounds the tense guarantees (``speech``: a reporting
    verb, dated a little more firmly). Memoized: a pure function of its arguments with immutable
    values, so every document published that day shares them."""
    try:
        day = dt.datetime(year, month, day_of_month)
        time = _approximate_day(day)
    except (OverflowError, ValueError):
        return None
    end = time.end
    confidence = CONFIDENCE["tense"] if speech else CONFIDENCE["open"]
    if tense in PAST_TENSES:
        return (Dating(time, "tense", confidence, "publication day (estimate)", None, (None, end)),
                f"dated by its tense ({tense.replace('_', ' ')}) alone: shown on the publication "
                "day, where news reports such events; it happened on or before it")
    if tense == "future":
        return (Dating(time, "tense", confidence, "publication day (estimate)", None, (day, None)),
                "dated by its tense (future) alone: shown on the publication day; it happens on "
                "or after it")
    return (Dating(time, "tense", confidence, "publication day", None, (None, None)),
            "no time of its own (present tense or a noun): shown on the publication day")


def on_a_recent_day(time: TimeValue | None, published: dt.datetime | None) -> bool:
    """Does ``time`` name one day (or a part of it) in the fortnight up to publication? Such a
    date sets the story's day for the events told after it without a time of their own."""
    if time is None or time.start is None or time.end is None or published is None:
        return False
    # differences, not sums: no overflow at the ends of the calendar
    return time.end - time.start <= _DAY and published - time.start <= _STORY_WINDOW and \
        time.start - published < _DAY


def _near_publication(c: Collection, record: Dating) -> bool:
    """Is the story's day of ``record`` within :data:`_REPORT_WINDOW` of publication? A
    report ("..., officials said") is told on the story's day only then: statements quoted
    about an event a week old are mostly the writer's day's (measured: 3 days keeps every
    exact date of event-dates-dev and adds 9 on TempEval-3's links; 14 days, as for other
    events, or 2 days lose on one of the two)."""
    time, published = record.time, c.published_day
    if time is None or time.start is None or published is None:
        return False
    return published - time.start <= _REPORT_WINDOW


def on_a_coming_day(time: TimeValue | None, published: dt.datetime | None) -> bool:
    """Is ``time`` one day after publication, within :data:`_COMING_WINDOW`?"""
    if time is None or time.start is None or time.end is None or published is None:
        return False
    # differences, not sums: no overflow at the ends of the calendar
    return time.end - time.start <= _DAY and _DAY <= time.start - published <= _COMING_WINDOW


_FROM_NOW_UNITS = frozenset({"day", "week", "month", "year"})
