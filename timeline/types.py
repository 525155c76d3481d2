"""Frozen value objects that flow through the pipeline.

text -> :class:`Mention` (what a span says, underspecified) -> :class:`Expression`
(the mention resolved to a :class:`TimeValue`) -> :class:`Event` (what happened, and when).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar, Literal, get_args

import attrs

from timeline.published import parse_published

__all__ = [
    "READING_KINDS",
    "Anchor",
    "AnchorKind",
    "Article",
    "Event",
    "Expression",
    "Grain",
    "Mention",
    "Reading",
    "ReadingKind",
    "Sentence",
    "TimeValue",
]


class Grain(str, enum.Enum):
    """The precision of a time value, from a second to a millennium."""

    SECOND = "second"
    MINUTE = "minute"
    HOUR = "hour"
    PART_OF_DAY = "part_of_day"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    HALF_YEAR = "half_year"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    MILLENNIUM = "millennium"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


def _notes(value: object) -> tuple[object, ...]:
    """A note or an iterable of notes as a tuple (``None`` gives no notes)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    try:
        return tuple(value)  # type: ignore[call-overload,no-any-return]
    except TypeError:
        raise TypeError(f"notes must be a str or an iterable of str, not {type(value).__name__}") from None


def _all_str(instance: object, attribute: object, value: tuple[object, ...]) -> None:
    for note in value:
        if not isinstance(note, str):
            raise TypeError(f"each note must be a str, not {type(note).__name__}")


@attrs.frozen
class Article:
    """A news article or narrative to build a timeline from.

    Attributes:
        text: the article body, as plain text.
        published: the publication date, if known: a ``date`` or ``datetime``. Anything
            :func:`timeline.parse_published` reads is converted on construction (an ISO or
            other absolute date string, ``pandas.Timestamp``, ``numpy.datetime64``); missing
            values (``NaT``, ``NaN``) become ``None``.
        title: an optional headline.
        source: an optional name of where the text came from (file, URL, outlet).
        notes: what the reader of the article should know about how it was read (where its
            publication date came from, no article text found, ...), as
            :func:`timeline.read_html` says it; :func:`timeline.build` carries them into
            ``Timeline.notes``. A single string is taken as one note.
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    published: dt.date | dt.datetime | None = attrs.field(default=None, converter=parse_published)
    title: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_notes, validator=_all_str)


@attrs.frozen
class Sentence:
    """One sentence of the article: its index, its character span and its text."""

    index: int
    char_start: int
    char_end: int
    text: str


#: The kinds of :class:`Reading`: each has one resolver in :mod:`timeline.resolve.resolvers`.
ReadingKind = Literal[
    "absolute",  # calendar fields, possibly without a year ("January 9th", "1998")
    "era",  # a year, decade or century before Christ
    "month_relative",  # a month counted from the anchor ("last October")
    "weekday",  # a day of the week, its direction from tense unless ``offset`` fixes it
    "quarter",  # a quarter or half ("the third quarter", "the year-ago quarter")
    "season",  # "last summer", "the spring of 1941"
    "decade",  # "the 1990s"
    "century",  # "the 19th century"
    "relative",  # ``unit`` and ``offset`` from the anchor ("yesterday" = day -1)
    "offset",  # an amount before or after the anchor ("two weeks ago", "a year earlier")
    "anaphoric",  # a unit counted from the story's time ("the next day", "that year")
    "clock",  # a time of day ("3 p.m.", "Monday at noon")
    "holiday",  # a holiday whose date is computed ("Easter", "Thanksgiving")
    "duration",  # "three weeks"
    "anchored",  # a duration before/after another event ("six days later")
    "set",  # "every Monday", "twice a year"
    "ref",  # PAST_REF, PRESENT_REF, FUTURE_REF
    "story",  # the story's time ("during this period", "at the same time")
]
#: every :data:`ReadingKind`, in the order above
READING_KINDS: tuple[str, ...] = get_args(ReadingKind)
_KINDS = frozenset(READING_KINDS)


def _known_kind(instance: object, attribute: object, value: str) -> None:
    if value not in _KINDS:
        raise ValueError(f"unknown Reading kind {value!r} (one of {', '.join(READING_KINDS)})")


@attrs.frozen
class Reading:
    """What a time mention says before it is anchored: an underspecified value.

    ``kind`` (a :data:`ReadingKind`, checked on construction) selects how
    :mod:`timeline.resolve.resolvers` anchors it; the other fields are the parts the text gave.
    Unused fields stay ``None``. ``value`` holds only a literal TIMEX3 value (sets, refs, eras)
    or the name of a computed holiday; what the wording says about the anchor is in the flags
    ``deictic``, ``anaphoric``, ``comparison``, ``from_previous``, ``story_year`` and ``holiday``.
    """

    kind: ReadingKind = attrs.field(validator=_known_kind)
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    weekday: int | None = None  # 1 = Monday ... 7 = Sunday (ISO)
    week: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None  # SP, SU, FA, WI
    part_of_day: str | None = None  # MO, AF, EV, NI, DT
    decade: int | None = None  # 199 for the 1990s
    century: int | None = None  # 19 for the 1900s
    unit: str | None = None  # a Grain value for relative offsets and durations
    offset: int | None = None
    amount: float | None = None  # duration amount; None means unspecified ("several")
    direction: str | None = None  # before / after for anchored readings
    mod: str | None = None  # TIMEX3 mod: APPROX, START, MID, END, BEFORE, AFTER, ...
    value: str | None = None  # a literal TIMEX3 value (sets, refs)
    year_offset: int | None = None  # years from the anchor's year ("of last year": -1)
    year_from_anchor: bool = False  # the year must come from the anchor ("January 9th")
    century_from_anchor: bool = False  # two-digit years ("'98")
    quant: str | None = None  # set quantifier: EVERY, EACH
    freq: str | None = None  # set frequency: 1X, 2X
    deictic: bool = False  # counts from the moment of writing ("two weeks ago")
    anaphoric: bool = False  # counts from the story's time ("the following May", "a year earlier")
    comparison: bool = False  # the period a year before the one reported on ("the year-ago quarter")
    from_previous: bool = False  # an anchored duration counted from the previous date ("six days later")
    story_year: bool = False  # the year is the story's ("July 25 of that year")
    holiday: bool = False  # a fixed-date holiday: its year follows the tense strictly


@attrs.frozen
class Mention:
    """A time expression found in the text, with what it says.

    Attributes:
        char_start: offset of the first character in the article text.
        char_end: offset one past the last character.
        text: ``article_text[char_start:char_end]``.
        timex_type: the TIMEX3 type: DATE, TIME, DURATION or SET.
        reading: the underspecified meaning.
        rule: the name of the rule that produced it (for debugging and error reports).
        sentence: index of the sentence it lies in.
    """

    char_start: int
    char_end: int
    text: str
    timex_type: str
    reading: Reading
    rule: str
    sentence: int = 0


@attrs.frozen
class TimeValue:
    """A resolved time: a TIMEX3 value and, when it denotes one, a calendar interval.

    ``start`` is inclusive and ``end`` exclusive; both are ``None`` for durations, sets,
    references (PAST_REF) and values whose anchor is unknown.
    """

    timex_type: str
    value: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    grain: Grain | None = None
    approximate: bool = False
    mod: str | None = None


#: What an expression was resolved against (see :class:`Anchor`).
AnchorKind = Literal["publication", "absolute", "expression", "event", "story (BC)", "unresolved", "invalid date"]
_ANCHOR_KINDS = frozenset(get_args(AnchorKind))


def _known_anchor(instance: object, attribute: object, value: str) -> None:
    if value not in _ANCHOR_KINDS:
        raise ValueError(f"unknown Anchor kind {value!r} (one of {', '.join(sorted(_ANCHOR_KINDS))})")


@attrs.frozen
class Anchor:
    """What an :class:`Expression` was resolved against.

    Attributes:
        kind: ``publication`` (the publication date, given or read from the dateline),
            ``absolute`` (nothing: the text says it all), ``expression`` (a previous
            expression), ``event`` (a duration before or after an event), ``story (BC)`` (the
            story's year before Christ, in a narrative of antiquity), ``unresolved``
            (nothing to resolve it against) or ``invalid date`` (an impossible calendar value).
        expression: for kind ``expression``, the index of that expression in the document.

    ``str(anchor)`` is how tables show it: the kind, or ``expression N``. The common ones are
    :attr:`PUBLICATION`, :attr:`ABSOLUTE`, :attr:`EVENT`, :attr:`STORY_ERA`, :attr:`UNRESOLVED` and
    :attr:`INVALID`;
    :meth:`on_expression` names a previous expression.
    """

    kind: AnchorKind = attrs.field(validator=_known_anchor)
    expression: int | None = None

    PUBLICATION: ClassVar[Anchor]
    ABSOLUTE: ClassVar[Anchor]
    EVENT: ClassVar[Anchor]
    STORY_ERA: ClassVar[Anchor]
    UNRESOLVED: ClassVar[Anchor]
    INVALID: ClassVar[Anchor]

    @classmethod
    def on_expression(cls, index: int | None) -> Anchor:
        """Resolved against the expression of document index ``index``."""
        return cls("expression", index)

    def __str__(self) -> str:
        return f"expression {self.expression}" if self.kind == "expression" else self.kind


Anchor.PUBLICATION = Anchor("publication")
Anchor.ABSOLUTE = Anchor("absolute")
Anchor.EVENT = Anchor("event")
Anchor.STORY_ERA = Anchor("story (BC)")
Anchor.UNRESOLVED = Anchor("unresolved")
Anchor.INVALID = Anchor("invalid date")


@attrs.frozen
class Expression:
    """A mention resolved against its anchor.

    Attributes:
        mention: the mention in the text.
        time: the resolved value.
        anchor: what it was resolved against (an :class:`Anchor`; ``str(anchor)`` reads
            ``publication``, ``absolute``, ``expression N``, ``event``, ``unresolved`` ...).
        index: position in the document's list of expressions.
    """

    mention: Mention
    time: TimeValue
    anchor: Anchor = attrs.field(validator=attrs.validators.instance_of(Anchor))
    index: int = 0


@attrs.frozen
class Event:
    """Something that happened, with the best interval the text supports.

    Attributes:
        event_id: 1-based identifier, stable within a document.
        phrase: a short readable phrase for what happened (the clause, trimmed).
        trigger: the word that names the event (a verb or event noun).
        sentence: index of the sentence it lies in.
        sentence_text: that sentence's text.
        char_start: offset of the trigger's first character in the article.
        char_end: offset one past the trigger's last character.
        expression: the text of the time expression dating it, if any.
        time: the resolved interval, or ``None`` when undated.
        derived_from: for an event dated through another event, a readable chain
            such as ``"event 4 - 1 day"``.
        duration: a duration the text gives for it ("several hours" -> ``PXH``).
        dated_by: how it was dated: explicit, anchored, sentence, narrative, tense or none.
        confidence: 0..1, how firmly the text supports the interval.
        note: anything worth telling the reader (contradictions, ambiguities).
        earliest: the earliest instant the text allows (``None``: open, no bound).
        latest: the instant before which it must have happened, exclusive (``None``: open).

    ``time`` is the best estimate a reader can place on a timeline (an event told with no time
    of its own is shown on the publication day, approximate, with a low confidence);
    ``earliest``/``latest`` are the bounds the text guarantees, which may be wider.
    """

    event_id: int
    phrase: str
    trigger: str
    sentence: int
    sentence_text: str
    char_start: int
    char_end: int
    expression: str | None = None
    time: TimeValue | None = None
    derived_from: str | None = None
    duration: str | None = None
    dated_by: str = "none"
    confidence: float = 0.0
    note: str | None = None
    earliest: dt.datetime | None = None
    latest: dt.datetime | None = None
