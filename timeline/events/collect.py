"""Collecting: the event mentions and relations of a document, sentence by sentence, into a
:class:`Collection` (private mutable working state of :func:`timeline.events.build_events`)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import TYPE_CHECKING

from timeline.events.forms import Segment, VerbForm
from timeline.events.instants import INF, UNIT_SECONDS
from timeline.events.phrases import Found
from timeline.events.relations import Relation
from timeline.events.relatives import Relative, relative_spec
from timeline.events.signals import (
    NEARLY,
    NO_COREF,
    PREFIX_MODS,
    PREFIX_WORDS,
    QUALIFIERS,
    SIGNALS,
    THAN_MODS,
    is_anchored_like,
    signal_token,
    signal_words,
)
from timeline.events.triggers import (
    anchor_clause_end,
    anchor_event,
    event_candidates,
    event_for_span,
    governing_event,
)
from timeline.resolve.context import Context
from timeline.types import Expression, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.clauses import SentenceAnalysis

__all__ = ["Collection", "EventMention", "collect_candidates", "collect_sentence"]

#: the context of a document with no publication date, in news mode
_NO_CONTEXT = Context(None)
#: quotation marks: each one opens or closes a quotation
_QUOTE_MARKS = re.compile('["\u201c\u201d]')


class EventMention:
    """One event mention while a document is collected (private and mutable: a plain slots
    class, since thousands are made per second)."""

    __slots__ = ("durations", "explicit", "form", "found", "hidden", "is_anchor", "optional",
                 "others", "paragraph", "relative", "segment", "sentence")

    def __init__(self, found: Found, sentence: int, explicit: Expression | None = None,
                 optional: bool = True, hidden: bool = False) -> None:
        self.found = found
        self.sentence = sentence
        self.explicit = explicit
        self.relative: Relative | None = None
        self.optional = optional
        self.is_anchor = False
        self.hidden = hidden  # a time expression used as an anchor ("two years after 1987")
        self.durations: list[str] = []
        self.others: list[str] = []
        self.form: VerbForm | None = None  # tense and mood of a verb mention (None: a noun)
        self.segment: Segment | None = None  # the clause it lies in
        self.paragraph = 0


class Collection:
    """Collects mentions and relations sentence by sentence, then solves and numbers them."""

    def __init__(self, text: str, sentences: tuple[Sentence, ...],
                 context: Context = _NO_CONTEXT) -> None:
        self.text = text
        self.sentences = sentences
        self.context = context
        self.published = context.published
        self.mode = context.mode
        #: the first instant of the publication day (None without a publication date)
        self.published_day: dt.datetime | None = None if context.day is None else \
            dt.datetime(context.day.year, context.day.month, context.day.day)
        #: paragraph number of each sentence (a line break between two sentences starts one)
        self.paragraphs: list[int] = []
        number, previous_end = 0, 0
        for sent in sentences:
            if "\n" in text[previous_end:sent.char_start]:
                number += 1
            self.paragraphs.append(number)
            previous_end = sent.char_end
        #: the index of the headline (a first line followed by a blank line), or -1
        self.headline = 0 if sentences and "\n\n" in text[sentences[0].char_end:
                                                             sentences[0].char_end + 4] else -1
        #: (mention key of a clause a duration came from, key of the event it was given to)
        self.duration_links: list[tuple[int, int]] = []
        #: mentions made from time expressions and signals (the others come from the scan)
        self.core: set[int] = set()
        self.sentence_keys: list[int] = []  # mentions made in the sentence being analysed
        #: per sentence, the token where each reporting verb's clause ends
        self.speech_segments: dict[int, list[int]] = {}
        self.mentions: dict[int, EventMention] = {}
        #: sentence -> the keys of its mentions, in the order they entered ``mentions``
        self.keys_of_sentence: dict[int, list[int]] = {}
        self.relations: list[Relation] = []
        self.by_expression: dict[int, int] = {}  # expression index -> mention key
        self.relative_from: dict[int, int] = {}  # relative mention key -> reference key
        self.guessed_calendar = False  # a month/year amount was counted without a reference
        #: a further mention of an event -> the event's first mention (set when events are kept)
        self.copies: dict[int, int] = {}
        #: event key -> "in"/"within" and the amount of its clause ("will report in two weeks")
        self.from_now: dict[int, tuple[str, Expression]] = {}
        #: durations whose clause had no dated event: (that clause's event, value, sentence)
        self.pending_durations: list[tuple[Found, str, int]] = []
        #: offsets of the quotation marks of the text
        self.quotes = [m.start() for m in _QUOTE_MARKS.finditer(text)]

    def quotation(self, position: int) -> int:
        """Which quotation the character at ``position`` lies in: -1 outside any, else the
        number of quotation marks before it (odd). A time in a quotation dates only what
        is said in it ("the text \" Steve Jobs 1955-2011 \"" dates no event outside)."""
        if not self.quotes:
            return -1
        count = bisect.bisect_right(self.quotes, position)
        return count if count % 2 else -1


def _add(c: Collection, found: Found | None, sentence: int, *, optional: bool,
         anchor: bool) -> int | None:
    if found is None:
        return None
    key = found.trigger_start
    mention = c.mentions.get(key)
    if mention is None:
        mention = EventMention(found=found, sentence=sentence)
        c.mentions[key] = mention
        c.keys_of_sentence.setdefault(sentence, []).append(key)
    c.core.add(key)
    c.sentence_keys.append(key)
    mention.optional = mention.optional and optional
    mention.is_anchor = mention.is_anchor or anchor
    return key


def collect_sentence(c: Collection, index: int, expressions: list[Expression], has_signals: bool,
                     analysis: SentenceAnalysis, exclude: set[int]) -> None:
    """Collect the mentions a sentence's time expressions and signals make: the event each
    expression dates, event-anchored phrases and since/until relations, durations (or the
    pending durations of clauses with no dated event)."""
    # whether each expression counts from a clause (a pure function of the analysis' words)
    anchored_like = [is_anchored_like(analysis, expression) for expression in expressions]
    for expression, anchored in zip(expressions, anchored_like):
        if anchored:
            signal = signal_token(analysis, expression)
            if signal is not None:
                analysis.stops.add(signal)
    signals = signal_words(analysis, exclude) if has_signals else []
    analysis.stops.update(qualifier for _, qualifier, _ in signals)
    used_signals: set[int] = set()
    durations: list[tuple[int, str, Expression]] = []
    dated_at: dict[int, Expression] = {}  # token -> the dated expression it belongs to
    for expression in expressions:
        if expression.time.start is not None and expression.time.end is not None:
            first, last = analysis.token_range(expression.mention.char_start,
                                               expression.mention.char_end)
            for token in range(first, last):
                dated_at[token] = expression
    consumed: set[int] = set()
    for expression, anchored in zip(expressions, anchored_like):
        mention, time = expression.mention, expression.time
        if expression.index in consumed:
            continue
        if anchored:
            signal = _anchored(c, analysis, index, expression, exclude, dated_at, consumed)
            if signal is not None:
                used_signals.add(signal)
                continue
        if time.timex_type == "SET":
            continue
        if time.timex_type == "DURATION" or mention.reading.kind == "anchored":
            lo, _ = analysis.token_range(mention.char_start, mention.char_end)
            durations.append((lo, time.value, expression))
            continue
        found = event_for_span(analysis, mention.char_start, mention.char_end, exclude)
        if found is not None and c.quotes and \
                c.quotation(mention.char_start) != c.quotation(found.trigger_start):
            continue  # a time quoted alone, or quoted words around a time: no event here
        key = _add(c, found, index, optional=False, anchor=False)
        if key is None:
            continue
        c.by_expression[expression.index] = key
        _date(c, c.mentions[key], expression)
    _signals(c, analysis, index, exclude, [s for s in signals if s[0] not in used_signals])
    for token, value, expression in durations:
        segment = analysis.segment_at(token)
        for key in c.keys_of_sentence.get(index, ()):  # this sentence's mentions only
            mention = c.mentions[key]
            if analysis.segment_at(analysis.token_index(key)) == segment:
                mention.durations.append(value)
                _note_from_now(c, analysis, token, key, expression)
                break
        else:
            # no dated event in this clause: the clause may name an event dated elsewhere
            # ("he got to meet with him for several hours" ... "met with him in October")
            found = event_for_span(analysis, expression.mention.char_start,
                                            expression.mention.char_end, exclude)
            if found is not None:
                _note_from_now(c, analysis, token, found.trigger_start, expression)
            if found is not None and found.lemma not in NO_COREF and found.trigger.isalpha():
                c.pending_durations.append((found, value, index))


def _note_from_now(c: Collection, analysis: SentenceAnalysis, token: int, key: int,
                   expression: Expression) -> None:
    """Remember "in two weeks" / "within a month" for the event of its clause (``key``)."""
    lead = analysis.lows[token - 1] if token > 0 else ""
    if lead in ("in", "within"):
        c.from_now.setdefault(key, (lead, expression))


def collect_candidates(c: Collection, analysis: SentenceAnalysis, index: int, exclude: set[int]) -> None:
    """Every event mention of the sentence, with its tense and mood and clause.

    Mentions already made from time expressions and signals only receive the verb form.
    """
    paragraph = c.paragraphs[index] if index < len(c.paragraphs) else 0
    mentions = c.mentions
    for found, form, segment in event_candidates(analysis, exclude, mentions):
        # a known event comes as its key alone (its phrase is not built again)
        if isinstance(found, int):
            key = found
            mention = mentions[key]
        else:
            key = found.trigger_start
            mention = mentions.get(key)
        if mention is None:
            assert not isinstance(found, int)
            mention = EventMention(found, index, None, False)  # found, sentence, explicit, optional
            mentions[key] = mention
            c.keys_of_sentence.setdefault(index, []).append(key)
        else:
            mention.optional = False
        if mention.form is None:
            mention.form = form
        if mention.segment is None:
            mention.segment = segment
        mention.paragraph = paragraph
        if form is not None and form.speech:
            c.speech_segments.setdefault(index, []).append(segment.hi)
    for key in c.sentence_keys:
        mention = c.mentions[key]
        if mention.segment is None and not mention.hidden:
            mention.segment = analysis.segment_at(analysis.token_index(mention.found.trigger_start))
            mention.paragraph = paragraph
    c.sentence_keys.clear()


def _date(c: Collection, mention: EventMention, expression: Expression) -> None:
    time = expression.time
    spec = relative_spec(expression)
    if time.start is None or time.end is None:
        if spec is not None and mention.relative is None and mention.explicit is None:
            mention.relative = spec
        elif mention.explicit is None and mention.relative is None:
            mention.explicit = expression
        return
    if spec is not None and mention.relative is None:
        mention.relative = spec  # resolved by the resolver; may be re-anchored on an event
    current = mention.explicit
    if current is None or current.time.start is None or current.time.end is None:
        mention.explicit = expression
        if spec is None:
            mention.relative = None
        return
    if (time.end - time.start) < (current.time.end - current.time.start):
        mention.others.append(f"also dated by '{current.mention.text}'")
        mention.explicit = expression
    else:
        mention.others.append(f"also dated by '{expression.mention.text}'")


def _anchored(c: Collection, analysis: SentenceAnalysis, index: int, expression: Expression,
              exclude: set[int], dated_at: dict[int, Expression],
              consumed: set[int]) -> int | None:
    mention = expression.mention
    reading = mention.reading
    lows = analysis.lows
    lo, _ = analysis.token_range(mention.char_start, mention.char_end)
    signal = signal_token(analysis, expression)
    if signal is None:
        return None
    word = lows[signal]
    if word in ("later", "earlier"):
        # "two days later": a date counted from the previous event, not an anchor clause
        spec = relative_spec(expression, word)
        if spec is None:
            return None
        exclude.add(signal)
        found = event_for_span(analysis, mention.char_start, mention.char_end, exclude)
        key = _add(c, found, index, optional=False, anchor=False)
        if key is not None:
            c.by_expression[expression.index] = key
            if c.mentions[key].explicit is None and c.mentions[key].relative is None:
                c.mentions[key].relative = spec
        return signal
    start = signal + 1
    if word in ("prior", "ahead") and start < analysis.n and lows[start] in ("to", "of"):
        start += 1
    direction = reading.direction or SIGNALS[word]
    anchor_time = dated_at.get(start)
    if anchor_time is not None and anchor_time.index != expression.index:
        # "two years after 1987": the anchor is a time, not an event
        clause_end = analysis.token_range(anchor_time.mention.char_start,
                                          anchor_time.mention.char_end)[1]
        governed_found = governing_event(analysis, lo, exclude, clause_end)
        anchor = _time_anchor(c, anchor_time, index)
        consumed.add(anchor_time.index)
    else:
        anchor_found = anchor_event(analysis, start, exclude)
        clause_end = anchor_clause_end(analysis, start)
        governed_found = governing_event(analysis, lo, exclude, clause_end)
        anchor = _add(c, anchor_found, index, optional=False, anchor=True)
    governed = _add(c, governed_found, index, optional=False, anchor=False)
    if anchor is None or governed is None or anchor == governed:
        return signal
    if reading.unit not in UNIT_SECONDS:
        return signal
    relation = Relation(governed, anchor, "duration", expression,
                         signal=analysis.word(signal))
    relation.label = direction or "within"
    previous = lows[lo - 1] if lo > 0 else ""
    prefix = PREFIX_MODS.get(previous)
    if previous == "than" and lo > 1:
        prefix = THAN_MODS.get(lows[lo - 2])
    relation.mod = reading.mod or expression.time.mod or prefix
    relation.nearly = mention.text.lower().startswith(NEARLY) or previous in ("nearly", "almost")
    inside = analysis.starts[signal] < mention.char_end
    relation.words = mention.text if inside else f"{mention.text} {relation.signal}"
    if (prefix is not None and previous != "than") or previous in PREFIX_WORDS:
        relation.words = f"{analysis.word(lo - 1)} {relation.words}"
    c.relations.append(relation)
    return signal


def _time_anchor(c: Collection, expression: Expression, sentence: int) -> int:
    """A hidden node for a time expression that anchors a duration."""
    mention = expression.mention
    key = -1 - mention.char_start  # never a token offset
    if key not in c.mentions:
        found = Found(trigger=mention.text, trigger_start=mention.char_start,
                      trigger_end=mention.char_end, phrase=mention.text,
                      char_start=mention.char_start, char_end=mention.char_end, kind="time")
        c.mentions[key] = EventMention(found=found, sentence=sentence, explicit=expression,
                                      optional=False, hidden=True)
        c.keys_of_sentence.setdefault(sentence, []).append(key)
    return key


def _signals(c: Collection, analysis: SentenceAnalysis, index: int, exclude: set[int],
             signals: list[tuple[int, int, str]]) -> None:
    lows = analysis.lows
    for i, qualifier, kind in signals:
        low = lows[i]
        anchor_found = anchor_event(analysis, i + 1, exclude)
        clause_end = anchor_clause_end(analysis, i + 1)
        governed_found = governing_event(analysis, qualifier, exclude, clause_end)
        if anchor_found is None or governed_found is None:
            continue
        if kind == "qualified" and analysis.finite[i + 1]:
            # "returned to Apple and soon after reassumed the role": an adverb, the verb after
            # it follows the clause before it
            anchor_found, governed_found = governed_found, anchor_found
        anchor = _add(c, anchor_found, index, optional=True, anchor=True)
        governed = _add(c, governed_found, index, optional=True, anchor=False)
        if anchor is None or governed is None or anchor == governed:
            continue
        relation = Relation(governed, anchor, kind, None, signal=low)
        if kind == "qualified":
            hours = QUALIFIERS[lows[qualifier]]
            lo, hi = hours[0] * 3600.0, hours[1] * 3600.0
            relation.lo, relation.hi = (lo, hi) if low == "after" else (-hi, -lo)
            relation.widened = True
            relation.label = f"{lows[qualifier]} {low}"
        elif kind == "since":
            relation.lo, relation.hi, relation.label = 0.0, 0.0, "since"
        else:
            relation.lo, relation.hi, relation.label = -INF, 0.0, "until"
        c.relations.append(relation)
