"""Hand-built timelines for the plot, export and browser tests (no dependence on the rules).

``sample_timeline()`` covers every case the picture must handle: day-grain events, a month,
an approximate month, a period, an event derived from another (and a chain of two), loosely
dated events, an evening, years 1066 and 2400, and an undated event. ``hostile_timeline()``
is an article full of markup that must never run.
"""

from __future__ import annotations

import datetime as dt

from timeline.api import Timeline
from timeline.text.sentences import split_sentences
from timeline.types import Article, Event, Grain, TimeValue

__all__ = ["SAMPLE_TEXT", "HOSTILE_TEXT", "event", "hostile_timeline", "make_timeline", "sample_timeline"]

SAMPLE_TEXT = (
    "Harbour City – Mayor Lena Ortiz reopened the Old Mill Bridge on Tuesday, two days after "
    "engineers signed off the repairs. The bridge had been closed since March 2015, when a barge "
    "struck a pier. Ortiz said the council voted in about July 2015 to fund the work. A wooden "
    "crossing stood here as early as 1066, the city archive says. The council expects the new "
    "tolls to run until 2400. Residents celebrated through the evening, and the mayor thanked "
    "the engineers a day later. Nobody could say when the mural on the east pier was painted."
)


def _at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts)  # type: ignore[arg-type]


def _time(value: str, start: dt.datetime, end: dt.datetime, grain: Grain, approximate: bool = False) -> TimeValue:
    return TimeValue("DATE", value, start, end, grain, approximate)


def event(
    text: str,
    event_id: int,
    phrase: str,
    trigger: str,
    expression: str | None,
    time: TimeValue | None,
    *,
    dated_by: str,
    confidence: float,
    derived_from: str | None = None,
    note: str | None = None,
    duration: str | None = None,
) -> Event:
    """An :class:`Event` whose offsets and sentence are found in ``text`` from its phrase."""
    start = text.index(phrase)
    sentences = split_sentences(text)
    sentence = next(s for s in sentences if s.char_start <= start < s.char_end)
    return Event(
        event_id=event_id,
        phrase=phrase,
        trigger=trigger,
        sentence=sentence.index,
        sentence_text=sentence.text,
        char_start=start,
        char_end=start + len(phrase),
        expression=expression,
        time=time,
        derived_from=derived_from,
        duration=duration,
        dated_by=dated_by,
        confidence=confidence,
        note=note,
    )


def make_timeline(text: str, published: dt.date | None, events: tuple[Event, ...], title: str | None = None) -> Timeline:
    """A :class:`Timeline` of ``events`` over ``text`` (no expressions)."""
    return Timeline(
        article=Article(text, published=published, title=title),
        sentences=split_sentences(text),
        expression_list=(),
        event_list=events,
    )


def sample_timeline() -> Timeline:
    """The bridge story, published Friday 15 January 2016: 9 events, 1 undated."""
    t = SAMPLE_TEXT
    day = Grain.DAY
    events = (
        event(t, 1, "Mayor Lena Ortiz reopened the Old Mill Bridge", "reopened", "on Tuesday",
              _time("2016-01-12", _at(2016, 1, 12), _at(2016, 1, 13), day), dated_by="explicit", confidence=0.9),
        event(t, 2, "engineers signed off the repairs", "signed", "two days after",
              _time("2016-01-10", _at(2016, 1, 10), _at(2016, 1, 11), day), dated_by="anchored", confidence=0.8,
              derived_from="event 1 - 2 days"),
        event(t, 3, "The bridge had been closed", "closed", "since March 2015",
              _time("2015-03", _at(2015, 3, 1), _at(2016, 1, 12), Grain.MONTH), dated_by="anchored",
              confidence=0.7, derived_from="event 4 until event 1"),
        event(t, 4, "a barge struck a pier", "struck", "March 2015",
              _time("2015-03", _at(2015, 3, 1), _at(2015, 4, 1), Grain.MONTH), dated_by="explicit", confidence=0.9),
        event(t, 5, "the council voted", "voted", "in about July 2015",
              _time("2015-07", _at(2015, 6, 1), _at(2015, 9, 1), Grain.MONTH, approximate=True),
              dated_by="explicit", confidence=0.6),
        event(t, 6, "A wooden crossing stood here", "stood", "1066",
              _time("1066", _at(1066, 1, 1), _at(1067, 1, 1), Grain.YEAR), dated_by="explicit", confidence=0.8),
        event(t, 7, "the new tolls to run", "run", "until 2400",
              _time("2400", _at(2400, 1, 1), _at(2401, 1, 1), Grain.YEAR), dated_by="explicit", confidence=0.5,
              note="an end date, not a start"),
        event(t, 8, "Residents celebrated", "celebrated", "the evening",
              _time("2016-01-12TEV", _at(2016, 1, 12, 18), _at(2016, 1, 12, 22), Grain.PART_OF_DAY),
              dated_by="sentence", confidence=0.5),
        event(t, 9, "the mayor thanked the engineers", "thanked", "a day later",
              _time("2016-01-13", _at(2016, 1, 13), _at(2016, 1, 14), day), dated_by="narrative",
              confidence=0.4, derived_from="event 8 + 1 day"),
        event(t, 10, "the mural on the east pier was painted", "painted", None, None,
              dated_by="none", confidence=0.0),
    )  # fmt: skip
    return make_timeline(t, dt.date(2016, 1, 15), events, title="Old Mill Bridge reopens")


PWN = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
LINK = '<a href="javascript:window.__pwned=1">click</a>'

HOSTILE_TEXT = (
    f"{PWN} The {IMG} council met on 3 May 2019 {LINK}. "
    f"Officials {PWN}{IMG} resigned in June 2019 </script><script>window.__pwned=1</script>. "
    f"Nobody knows when the {LINK} files vanished {IMG}."
)


def hostile_timeline() -> Timeline:
    """An article whose text, title, phrases and notes are full of markup: 3 events, 1 undated."""
    t = HOSTILE_TEXT
    events = (
        event(t, 1, f"The {IMG} council met", "met", f"on 3 May 2019 {LINK}",
              _time("2019-05-03", _at(2019, 5, 3), _at(2019, 5, 4), Grain.DAY), dated_by="explicit",
              confidence=0.9, note=PWN),
        event(t, 2, f"Officials {PWN}{IMG} resigned", "resigned", "in June 2019",
              _time("2019-06", _at(2019, 6, 1), _at(2019, 7, 1), Grain.MONTH), dated_by="explicit",
              confidence=0.9, derived_from=f"event 1 {LINK}"),
        event(t, 3, f"the {LINK} files vanished", "vanished", None, None, dated_by="none", confidence=0.0),
    )  # fmt: skip
    return make_timeline(t, dt.date(2019, 7, 2), events, title=f"{PWN}{IMG} hostile")
