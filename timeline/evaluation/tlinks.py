"""Gold event dates read from TimeML: the events a ``TLINK`` places inside a dated time.

TempEval-3 (TimeBank, AQUAINT) links events to times: "killed ... Friday" is an ``EVENT``
``IS_INCLUDED`` in the ``TIMEX3`` "Friday" (value ``1998-08-07``), or in the document creation
time. Every event linked so (``IS_INCLUDED``, ``DURING`` or ``SIMULTANEOUS``, written from
either side) to a time whose value is a calendar year, month or day (a clock time counts as its
day) is a gold-dated mention, in the format of :mod:`timeline.evaluation.event_data`, and is
scored as the ``event-dates`` sets are (``python -m timeline.evaluate --events DIR`` on a folder
of ``.tml`` files). An event linked to two times takes the narrower one when one lies inside the
other, and is left out when they disagree.

The links are the annotators' and are not exhaustive: this scores which time dates an event
(by attachment, by the narrative, by the publication day), not whether every event is found.
"""

from __future__ import annotations

import re
from pathlib import Path

from timeline.evaluation.event_data import EventDocument, GoldMention, gold_interval
from timeline.output.timeml import TimeMLDocument, read_timeml

__all__ = ["INSIDE", "event_dates_from_timeml", "read_timeml_event_dates"]

#: the relations that put an event inside a time
INSIDE = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS"})

_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")


def _calendar_date(value: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` of a TIMEX3 value (a clock time cut to its day),
    or None for other values (weeks, quarters, durations, references)."""
    match = _CALENDAR.match(value.strip())
    if match is None:
        return None
    return "-".join(part for part in match.groups() if part is not None)


def event_dates_from_timeml(document: TimeMLDocument) -> EventDocument | None:
    """The gold-dated event mentions of a TimeML document, or None when it has no
    publication date or none of its events is linked inside a calendar date."""
    if document.published is None:
        return None
    published = document.published
    if hasattr(published, "date"):
        published = published.date()  # type: ignore[union-attr]
    values = {timex.tid: timex.value for timex in document.gold}
    if document.creation_tid is not None:
        values[document.creation_tid] = published.isoformat()
    dates: dict[str, list[str]] = {}
    for link in document.time_links:
        if link.relation not in INSIDE:
            continue
        date = _calendar_date(values.get(link.tid, ""))
        if date is not None:
            dates.setdefault(link.eid, []).append(date)
    mentions: list[GoldMention] = []
    for event in document.events:
        found = dates.get(event.eid)
        if not found:
            continue
        intervals = sorted({(*gold_interval(date), date) for date in found},
                           key=lambda item: item[1] - item[0])
        start, end, date = intervals[0]
        if any(not (lo <= start and end <= hi) for lo, hi, _ in intervals[1:]):
            continue  # linked to two times that do not nest: left out
        mentions.append(GoldMention(event.text, ((event.char_start, event.char_end),), date,
                                    start, end))
    if not mentions:
        return None
    return EventDocument(document.doc_id, document.text, published, tuple(mentions))


def read_timeml_event_dates(directory: str | Path) -> list[EventDocument]:
    """The gold-dated event mentions of every ``.tml`` file under ``directory`` (sub-folders
    included, in path order); documents without any are skipped."""
    documents = []
    for path in sorted(Path(directory).rglob("*.tml")):
        document = event_dates_from_timeml(read_timeml(path))
        if document is not None:
            documents.append(document)
    return documents
