"""Dating the events no time expression dates: by their sentence, by the narrative, by an
earlier mention or their verb, then by the estimates of :mod:`timeline.events.estimates`
(the story's day or the publication day, with the bounds their tense guarantees)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import attrs

from timeline.events.coreference import date_coreferent, date_headline
from timeline.events.estimates import (
    estimate_the_rest,
    in_report,
    on_a_coming_day,
    on_a_recent_day,
)
from timeline.events.forms import VerbForm
from timeline.events.records import CONFIDENCE, DATED, FIRM, MOOD_NOTES, PAST_TENSES, Dating
from timeline.events.words import PREPOSITIONS, lexicon, word_set
from timeline.types import TimeValue

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.collect import Collection, EventMention

__all__ = ["date_the_rest"]

#: clause markers: an event in an after/since clause lies before the main clause's event
_EARLIER_MARKERS = word_set("earlier_clause_markers")
_LATER_MARKERS = word_set("later_clause_markers")
_RELATIVE_MARKERS = word_set("relative_markers")
#: a preposition before a dated noun of a verb's clause: how the verb's event relates to it
#: ("said during the interview": same time; "resigned after the vote": after it)
_NOUN_RELATION: dict[str, str] = dict(lexicon()["noun_relations"])
#: the words between an event noun and the verb of its relative clause ("bombing that killed",
#: "meeting, which reportedly lasted")
_RELATIVE_AFTER_NOUN = re.compile(r"\s*,?\s*(?:that|which)\s+(?:[\w'-]+\s+){0,3}", re.IGNORECASE)


def date_the_rest(c: Collection, kept: list[int], records: dict[int, Dating], ids: dict[int, int],
                  node_of: dict[int, int], notes: dict[int, list[str]]) -> None:
    """Date the events nothing explicit or anchored dates, in order of strength.

    1. ``sentence``: the same clause (or a clause of the same sentence with the same
       tense) as an explicitly dated or anchored event takes its interval; a clause
       introduced by after/since, or the past complement of a dated report, is shown at that
       time and bounded by it ("before"); one introduced by before/until likewise ("after").
    2. ``narrative``: a past-tense event takes the reference time of the story: the main
       dated event of the latest earlier sentence with one (in news, of the same paragraph
       only, and not for reporting verbs or the content of reports).
    3. ``anchored``: an undated event noun naming an event told and dated before takes its
       time (:func:`timeline.events.coreference.date_coreferent`).
    4. the best estimate of the rest (:func:`~timeline.events.estimates.estimate_the_rest`):
       the story's day (``narrative``), for a future event the story's coming day (a day in
       the month after publication an event was dated on, at most three sentences before) or
       the publication day (``tense``), approximate, with the bounds the tense guarantees; a
       future event "in two weeks" at publication plus the amount. Negated, modal and
       hypothetical events get it too, with a confidence of 0.1 and their note. Without a
       publication date (or for a narrative's past) such events stay undated.
    5. a headline's event takes the date the body gives the same event
       (:func:`timeline.events.coreference.date_headline`).
    """
    firm_by_sentence: dict[int, list[int]] = {}
    for key in kept:
        record = records[key]
        if record.dated_by in FIRM and record.time is not None and \
                record.time.start is not None:
            firm_by_sentence.setdefault(c.mentions[key].sentence, []).append(key)
    published = c.published_day
    reference: int | None = None  # main firm event of the latest earlier dated sentence
    sentence_reference: int | None = None
    story: int | None = None  # the latest firm event on a recent day: the story's "today"
    story_of: dict[int, int | None] = {}  # undated event -> the story day when it was told
    coming: int | None = None  # the latest future event dated on a coming day
    coming_of: dict[int, int | None] = {}  # undated event -> that event when it was told
    current = -1
    previous_verb: int | None = None  # the latest verb mention
    object_of: dict[int, int] = {}  # an event noun -> the verb it is the object of
    for key in kept:
        mention = c.mentions[key]
        if mention.sentence != current:
            current = mention.sentence
            if sentence_reference is not None:
                reference = sentence_reference
            sentence_reference = None
        record = records[key]
        form = mention.form
        story_of[key] = story
        coming_of[key] = coming
        if form is not None:
            previous_verb = key
        if record.dated_by != "none" or record.time is not None:
            # the story's day (and coming day) is set by real events on its line, not by the
            # anchor of a flashback ("published on January 9th, a day after he was recaptured")
            on_its_line = record.dated_by in FIRM and (form is None or form.mood == "real") \
                and not mention.is_anchor
            if on_its_line and on_a_coming_day(record.time, published):
                coming = key
            if record.dated_by in FIRM and record.time is not None and \
                    record.time.start is not None and (form is None or form.tense != "future"):
                if on_its_line and on_a_recent_day(record.time, published):
                    story = key
                if c.mode == "news":
                    if (form is not None and form.speech) or (
                            published is not None and record.time.start > published):
                        continue  # reports and coming events are not the story's "now"
                    # news tells its story around the latest event ("now" of the story);
                    # earlier dates in the paragraph are background
                    best = sentence_reference if sentence_reference is not None else reference
                    if best is None or \
                            records[best].time.start <= record.time.start:  # type: ignore[union-attr]
                        sentence_reference = key
                elif sentence_reference is None:
                    sentence_reference = key
            continue
        if key in node_of:
            continue  # a since/until relation bounds it on one side only: the default below
        if form is not None and form.mood != "real":
            notes[key].append(MOOD_NOTES[form.mood])
            continue  # the default below, with a low confidence
        if form is None:
            verb = _object_of(c, key, previous_verb)
            if verb is not None:
                object_of[key] = verb
                continue  # dated as its verb, once that is (below)
        firms = firm_by_sentence.get(mention.sentence)
        dated = _by_sentence(c, key, firms, records, ids) if firms else None
        if dated is None:
            dated = _by_narrative(c, key, reference, records, ids)
        if dated is None:
            continue  # its clause (a noun), then the story day or publication (below)
        records[key] = dated[0]
        notes[key].append(dated[1])
    # an undated event noun takes the time of the verb of its clause dated by its sentence or
    # the narrative ("announced his decision in a televised address")
    by_segment: dict[tuple[int, int], int] = {}
    for key in kept:
        mention = c.mentions[key]
        record = records[key]
        if mention.form is not None and mention.segment is not None and \
                record.dated_by in DATED and record.time is not None and \
                record.time.start is not None and mention.form.mood == "real":
            segment = mention.segment
            by_segment.setdefault((mention.sentence, segment.lo), key)
            if segment.marker in ("which", "that") and segment.lo >= 2:
                # "the deal, which was announced on Monday": the noun before the relative
                # clause happened then too
                by_segment.setdefault((mention.sentence, -segment.lo), key)
    for key in kept if by_segment else ():
        mention = c.mentions[key]
        if mention.form is not None or mention.segment is None or \
                records[key].dated_by != "none" or key in object_of:
            continue
        verb = by_segment.get((mention.sentence, mention.segment.lo))
        relative = _before_relative(c, mention) if verb is None else None
        if relative is not None:
            verb = by_segment.get((mention.sentence, -relative))
        if verb is None:
            continue
        record = records[verb]
        records[key] = Dating(record.time, record.dated_by, record.confidence - 0.1,
                               f"same clause as event {ids[verb]}", None, record.bounds)
        notes[key].append(f"dated by its clause: the time of event {ids[verb]}")
    date_coreferent(c, kept, records, ids, notes)
    estimate_the_rest(c, kept, records, ids, story_of, coming_of, notes)
    for key, verb in object_of.items():
        if records[key].dated_by not in ("none", "tense", "narrative") or \
                records[verb].time is None:
            continue  # dated by itself (a further mention of a dated event) meanwhile
        record = records[verb]
        records[key] = record._replace(derived=f"object of event {ids[verb]}",
                                       confidence=max(0.1, record.confidence - 0.1))
        notes[key] = [f"the object of event {ids[verb]}: dated as it is"]
    date_headline(c, kept, records, ids, notes)


def _by_sentence(c: Collection, key: int, firms: list[int], records: dict[int, Dating],
                 ids: dict[int, int]) -> tuple[Dating, str] | None:
    mention = c.mentions[key]
    form, segment = mention.form, mention.segment
    best: tuple[int, int, int, str] | None = None  # (rank, distance, firm key, relation)
    position = mention.found.trigger_start
    quotation = c.quotation(position)
    reported: bool | None = None  # in_report, asked once and only where it matters
    for other_key in firms:
        if other_key == key or other_key not in ids:
            continue
        other = c.mentions[other_key]
        if c.quotes and c.quotation(other.found.trigger_start) not in (-1, quotation):
            continue  # a time told in a quotation dates only what is said in it
        other_form, other_segment = other.form, other.segment
        same = segment is not None and other_segment is not None and \
            segment.lo == other_segment.lo
        # "the 1996 bombing that killed one person": a past event told in a relative clause
        # of a dated event noun happened at the noun's time
        of_noun = other_form is None and form is not None and form.tense in PAST_TENSES and \
            _RELATIVE_AFTER_NOUN.fullmatch(c.text, other.found.trigger_end, position) is not None
        if not same and not of_noun and other_form is None and _premodified(other):
            continue  # "linked him to bombings, including the 1996 bombing": the noun's own
        relation: str | None = None
        if of_noun:
            relation = "same"
        elif same:
            if form is not None and form.speech and other_form is not None:
                relation = None  # "X happened last month, the mayor said": not the report's time
            elif form is not None and other_form is not None and other_form.speech and \
                    other.found.trigger_start < position:
                # "said on Tuesday that troops pulled back": the content of the report
                relation = "before" if form.tense in PAST_TENSES else (
                    "after" if form.tense == "future" else None)
            elif form is None or (other_form is not None and _same_tense(form, other_form)):
                relation = "same"
            elif other_form is None:
                # a verb and a dated noun of its clause: the preposition says how they relate
                # ("said during the interview"), a direct object shares its time ("held talks")
                word = _word_before(c, other.found.char_start)
                relation = "same" if word == mention.found.trigger.lower() else \
                    _NOUN_RELATION.get(word)
                if relation == "same" and form.tense not in ("past", "future"):
                    relation = None
            elif form.tense == "past_perfect":
                relation = "before"
        elif form is not None and (reported if reported is not None else
                                   (reported := in_report(c, mention))):
            # the content of a report made in another clause: before it, when in the past
            relation = "before" if form is not None and form.tense in PAST_TENSES else None
        elif (form is not None and form.speech) or (
                other_segment is not None and other_segment.marker in _RELATIVE_MARKERS):
            # "..., the mayor said": a report is not dated by the content it reports; a
            # relative clause ("the record, which was set in 2009") is background
            relation = None
        elif form is not None:
            marker = segment.marker if segment is not None else None
            other_marker = other_segment.marker if other_segment is not None else None
            past = form.tense in PAST_TENSES
            if other_form is not None and other_form.speech and \
                    other.found.trigger_start < position and past:
                relation = "before"  # the content of a dated report
            elif past and (marker in _EARLIER_MARKERS or other_marker in _LATER_MARKERS):
                relation = "before"
            elif past and (marker in _LATER_MARKERS or other_marker in _EARLIER_MARKERS):
                relation = "after"
            elif marker in _RELATIVE_MARKERS:
                relation = None  # a relative clause is background, dated on its own
            elif other_form is None or _same_tense(form, other_form):
                relation = "same"
            elif form.tense == "past_perfect" and other_form.tense == "past":
                relation = "before"
        if relation is None:
            continue
        rank = (0 if same else 1, abs(other.found.trigger_start - position))
        if best is None or rank < best[:2]:
            best = (rank[0], rank[1], other_key, relation)
    if best is None:
        return None
    _, _, other_key, relation = best
    other_time = records[other_key].time
    assert other_time is not None
    name = f"event {ids[other_key]}"
    where = "clause" if best[0] == 0 else "sentence"
    if relation == "same":
        return (Dating(other_time, "sentence", CONFIDENCE["sentence"],
                        f"same {where} as {name}", records[other_key].expression),
                f"dated by its {where}: the time of {name}")
    window = _open_window(other_time, before=relation == "before")
    if window is None:
        return None
    return (Dating(window[0], "sentence", CONFIDENCE["before"], f"{relation} {name}", None,
                    window[1]),
            f"{relation} {name} (its {where}): shown at that time, bounded on one side")


def _by_narrative(c: Collection, key: int, reference: int | None, records: dict[int, Dating],
                  ids: dict[int, int]) -> tuple[Dating, str] | None:
    mention = c.mentions[key]
    form = mention.form
    if reference is None or form is None or reference not in ids or \
            form.tense not in ("past", "past_perfect"):
        return None
    other = c.mentions[reference]
    if c.mode == "news" and (form.attribution or other.paragraph != mention.paragraph
                                or in_report(c, mention)):
        return None  # news paragraphs jump between threads of the story
    other_time = records[reference].time
    assert other_time is not None
    name = f"event {ids[reference]}"
    if form.tense == "past":
        return (Dating(other_time, "narrative", CONFIDENCE["narrative"],
                        f"narrative: same time as {name}", records[reference].expression),
                f"dated by the narrative: the reference time is that of {name}")
    window = _open_window(other_time, before=True)
    if window is None:
        return None
    return (Dating(window[0], "narrative", CONFIDENCE["before"], f"narrative: before {name}",
                    None, window[1]),
            f"past perfect in a narrative: before {name}; shown at that time")


def _object_of(c: Collection, key: int, verb: int | None) -> int | None:
    """The verb an event noun is the direct object of ("has taken medical leave", "held
    talks", "filed a lawsuit"): the latest verb mention, when only a few words other than
    prepositions and punctuation stand between them, and not a verb of speech ("described
    the crash"). None otherwise."""
    if verb is None:
        return None
    verb_mention, noun = c.mentions[verb], c.mentions[key]
    if verb_mention.sentence != noun.sentence or (
            verb_mention.form is not None and verb_mention.form.speech):
        return None  # "described the crash": what is told happened before the telling
    gap = noun.found.trigger_start - verb_mention.found.trigger_end
    if gap > _OBJECT_CHARS:
        return None  # a few short words at most: never scan a long stretch (hostile input)
    words = c.text[verb_mention.found.trigger_end:noun.found.trigger_start].split()
    if len(words) > _OBJECT_REACH or any(
            not word.isalpha() or word.lower() in PREPOSITIONS for word in words):
        return None
    return verb


#: how many words (determiners, adjectives) may stand between a verb and its object noun
_OBJECT_REACH = 3
#: how many characters those words may take, at most
_OBJECT_CHARS = 80


def _premodified(mention: EventMention) -> bool:
    """Is a noun mention dated by a time inside its own phrase, before it ("the 1996 Olympic
    bombing", "Wednesday's ruling")? Such a date is the noun's own; it does not date the
    clauses around it."""
    expression = mention.explicit
    if expression is None:
        return False
    found = mention.found
    return found.char_start <= expression.mention.char_start and \
        expression.mention.char_end <= found.trigger_start


def _before_relative(c: Collection, mention: EventMention) -> int | None:
    """The token where the relative clause right after a noun starts ("the deal, which")."""
    after = c.text[mention.found.trigger_end:mention.found.trigger_end + 8]
    if not (after.startswith(", which ") or after.startswith(", that ")):
        return None
    segment = mention.segment
    return None if segment is None else segment.hi + 2


def _word_before(c: Collection, position: int) -> str:
    """The lower-case word just before ``position`` (a preposition before a noun event)."""
    before = c.text[max(0, position - 20):position].split()
    return before[-1].lower() if before else ""


def _same_tense(a: VerbForm, b: VerbForm) -> bool:
    """Two verb forms that can share one time (past with past, future with future ...)."""
    return a.tense == b.tense


def _open_window(time: TimeValue, *, before: bool
                 ) -> tuple[TimeValue, tuple[dt.datetime | None, dt.datetime | None]] | None:
    """"Before/after <time>": the best estimate is the time itself (approximate: the nearest
    the text allows), the bounds are open on the far side."""
    if time.start is None or time.end is None:
        return None
    estimate = time if time.approximate else attrs.evolve(time, approximate=True)
    return estimate, ((None, time.end) if before else (time.start, None))
