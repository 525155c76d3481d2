"""A document's mentions resolved in order (:func:`resolve_mentions`), tracking the reference
time: which dates move the story, the quarter reported on, the day of the sentence, eras."""

from __future__ import annotations

import re

import attrs

from timeline.resolve.anchor import in_quotes
from timeline.resolve.context import Context, MentionContext
from timeline.resolve.resolvers import resolve_in_context
from timeline.resolve.values import GRAIN_RANK
from timeline.types import Expression, Grain, Mention, Reading, Sentence, TimeValue

__all__ = [
    "PART_OF_DATE_RULE",
    "resolve_mentions",
]


def _is_comparison(r: Reading) -> bool:
    """Whether the reading is a year-back comparison ("a year earlier", "the year-ago quarter").

    Reports compare with the same period a year before; such a comparison does not move the
    story's reference time, so two of them in a row both point one year back, not two.
    """
    if r.kind == "quarter":
        return r.comparison
    return r.kind == "offset" and r.unit == "year" and r.amount == 1 and r.direction == "before"


_STORY_STEP = re.compile(r"\s+(later|earlier|afterwards?|previously)\b", re.IGNORECASE)


def _story_step(mention: Mention, text: str) -> Mention:
    """In a narrative, "Six days later", "A few months later", "two weeks earlier" are times in
    the story (WikiWars tags them DATE with "later" inside), counted from the reference time;
    in news they stay durations before an unnamed event (the TimeML/TE3 convention)."""
    r = mention.reading
    if r.kind != "anchored" or not r.from_previous:
        return mention
    step = _STORY_STEP.match(text, mention.char_end)
    if step is None:
        return mention
    end = step.end()
    reading = Reading("offset", unit=r.unit, amount=r.amount, direction=r.direction, mod=r.mod)
    return attrs.evolve(mention, char_end=end, text=text[mention.char_start:end], timex_type="DATE", reading=reading)


_FLASHBACK = re.compile(r"\b(?:ago|earlier|before|previous|previously|prior|preceding)\b", re.IGNORECASE)


#: Words that open a clause whose date is background to the story rather than a step of it:
#: an end point or a starting point ("until the fall of the city in February 1945", "since
#: 1941"), a relative clause ("forces that had crossed the river in late 1943", "which"), a
#: complement ("revealed that ... in 2005"). Measured on wikiwars-dev (value F1 80.2 without
#: any, 80.7 since/until, +that 80.9, +parentheses and which/who 81.0).
_BACKGROUND_CLAUSE = re.compile(r"\b(?:since|until|till|that|which|who|whom|whose|would|could|planned|projected)\b", re.IGNORECASE)


def _in_background(text: str, sentence: Sentence | None, position: int) -> bool:
    """Whether ``position`` lies in a parenthesis of its sentence or in a clause opened by one
    of :data:`_BACKGROUND_CLAUSE` (the stretch after the last comma, semicolon or bracket)."""
    if sentence is None:
        return False
    before = text[sentence.char_start:position]
    if before.count("(") > before.count(")"):
        return True
    clause = re.split(r"[,;:()\[\]]", before)[-1]
    return _BACKGROUND_CLAUSE.search(clause) is not None


def _moves_story(mention: Mention, time: TimeValue, reference: TimeValue | None, text: str,
                 sentence: Sentence | None) -> bool:
    """Whether a date in a narrative becomes the story's reference time (what a following
    "In July" or "the next day" counts from). Not when it only looks back from the story's
    time ("the previous year", "two decades earlier", "two years ago"), when it is quoted
    speech, or when it is a coarser period that holds the reference already ("On December 7,
    1941 ... the 1941 campaign ... In January": January follows December 1941)."""
    r = mention.reading
    if r.kind in ("anaphoric", "offset", "relative", "month_relative") and _FLASHBACK.search(mention.text):
        return False
    if in_quotes(text, sentence, mention.char_start) or _in_background(text, sentence, mention.char_start):
        return False
    if reference is not None and reference.start is not None and reference.end is not None \
            and time.start is not None and time.end is not None and time.grain is not None \
            and reference.grain is not None and GRAIN_RANK[time.grain] > GRAIN_RANK[reference.grain] \
            and time.start <= reference.start and reference.end <= time.end:
        return False
    return True


def _next_dated(mentions: tuple[Mention, ...], sentences: tuple[Sentence, ...], text: str) -> list[tuple[int, int] | None]:
    """For each mention, the (year, month) of the next mention after it that writes its year
    out and moves the story (a month/day or month with its year, or a year alone: month 1),
    or None: where a narrative is heading, to place a month without a year."""
    result: list[tuple[int, int] | None] = [None] * len(mentions)
    upcoming: tuple[int, int] | None = None
    for index in range(len(mentions) - 1, -1, -1):
        result[index] = upcoming
        m = mentions[index]
        r = m.reading
        if r.kind == "absolute" and r.year is not None and not r.century_from_anchor:
            sentence = sentences[m.sentence] if 0 <= m.sentence < len(sentences) else None
            if not (in_quotes(text, sentence, m.char_start) or _in_background(text, sentence, m.char_start)):
                upcoming = (r.year, r.month or 1)
    return result


_DATE_AFTER_OF = re.compile(r".*?\bof\s+", re.IGNORECASE | re.DOTALL)


def _date_of_part(mention: Mention, text: str) -> Mention:
    """In news, "the night of Oct. 23" is tagged as the date alone (TimeBank: "on the night of
    [Oct. 23]"); histories (WikiWars) tag the whole phrase as a TIME. News keeps the date."""
    r = mention.reading
    if r.kind != "absolute" or r.part_of_day is None or r.hour is not None or mention.rule != PART_OF_DATE_RULE:
        return mention
    head = _DATE_AFTER_OF.match(text, mention.char_start, mention.char_end)
    if head is None:
        return mention
    start = head.end()
    return attrs.evolve(mention, char_start=start, text=text[start:mention.char_end], timex_type="DATE",
                        reading=attrs.evolve(r, part_of_day=None))


PART_OF_DATE_RULE = "the <part of day> of <month> <day>[, <year>]"
_CLOCK_DAY_GAP = re.compile(r"\s*(?:on\s+|,\s*)?", re.IGNORECASE)


def resolve_mentions(
    mentions: tuple[Mention, ...],
    sentences: tuple[Sentence, ...],
    text: str,
    context: Context,
) -> tuple[Expression, ...]:
    """Resolve every mention of a document in order against its ``context``, tracking the
    reference time.

    Phrases naming the story's time ("during this period", "at the same time", reading kind
    ``story``) are dropped outside narratives: news does not tag them."""
    mode = context.mode
    if mode != "narrative":
        mentions = tuple(m for m in mentions if m.reading.kind != "story")
    expressions: list[Expression] = []
    reference: TimeValue | None = None
    reference_index: int | None = None
    reference_sentence: int | None = None
    day_in_sentence: tuple[int, TimeValue] | None = None
    period: tuple[TimeValue, int, int] | None = None
    names_year = False
    era: tuple[int, int | None] | None = None
    next_dated = _next_dated(mentions, sentences, text) if mode == "narrative" else []
    for index, mention in enumerate(mentions):
        if mode == "narrative":
            mention = _story_step(mention, text)
        else:
            mention = _date_of_part(mention, text)
        sentence = sentences[mention.sentence] if 0 <= mention.sentence < len(sentences) else None
        same_day = day_in_sentence[1] if day_in_sentence and day_in_sentence[0] == mention.sentence else None
        if mention.reading.kind == "clock" and index + 1 < len(mentions):
            # "3 p.m. on Thursday": the day written right after the clock time is its day.
            following = mentions[index + 1]
            if _CLOCK_DAY_GAP.fullmatch(text, mention.char_end, following.char_start) and following.reading.kind in ("weekday", "absolute", "relative"):
                follow_ctx = MentionContext(text, context, reference, reference_index, reference_sentence, sentence, None)
                day_value, _ = resolve_in_context(following, follow_ctx)
                if day_value.grain in (Grain.DAY, Grain.PART_OF_DAY):
                    same_day = day_value
        ctx = MentionContext(text, context, reference, reference_index, reference_sentence, sentence, same_day,
                             period, names_year, era, next_dated[index] if mode == "narrative" else None)
        time, anchor = resolve_in_context(mention, ctx)
        expressions.append(Expression(mention, time, anchor, index))
        if mention.reading.kind == "era" and mention.reading.year is not None:
            era = (mention.reading.year, mention.reading.month)
        elif time.start is not None and time.timex_type in ("DATE", "TIME") and mention.reading.kind not in ("ref", "story"):
            era = None  # the story has come back to the common era
        if time.grain in (Grain.QUARTER, Grain.HALF_YEAR) and time.start is not None and not _is_comparison(mention.reading):
            period = (time, index, mention.sentence)
        elif time.timex_type == "DURATION" and mention.reading.unit == "month" and (mention.reading.amount or 0) > 3:
            period = None  # "for the nine months": the comparisons that follow are about years
        if time.start is not None and time.timex_type in ("DATE", "TIME") and mention.reading.kind not in ("ref", "story") \
                and not _is_comparison(mention.reading) \
                and (mode != "narrative" or _moves_story(mention, time, reference, text, sentence)):
            reference, reference_index, reference_sentence = time, index, mention.sentence
            names_year = mention.reading.kind == "absolute" and mention.reading.year is not None
            if time.grain in (Grain.DAY, Grain.PART_OF_DAY):
                day_in_sentence = (mention.sentence, time)
    return tuple(expressions)
