"""What a document is anchored on, decided once (:func:`decide_context`): the publication date,
given or read from the dateline at its top (:func:`find_dateline`), and its mode, news or
narrative (:func:`choose_mode`, :func:`detect_mode`)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Literal

import attrs

from timeline.lexicon import words
from timeline.resolve.context import Context, DocumentMode, pub_date
from timeline.types import Mention, Sentence

__all__ = [
    "ModeChoice",
    "choose_mode",
    "decide_context",
    "detect_mode",
    "find_dateline",
    "in_quotes",
]


_DATELINE_AFTER = re.compile(r"\s*(?:\(\w[\w .&-]*\)\s*)?(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?)?(?:[—–|/]|--|-\s|\n|\Z)")
_DATELINE_BEFORE = re.compile(
    r"\A\s*(?:[A-Z][\w.'’ -]{0,40}(?:,\s*[A-Z][\w.'’ -]{0,30})?,?\s*)?"  # KYIV, Ukraine
    r"(?:\(\w[\w .&-]*\)\s*)?(?:(?:[—–|]|--?)\s*)?"  # (AP) —
    r"(?:(?:posted|published|updated|dated)(?:\s+on)?:?\s*)?"  # Published
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?\s*(?:[A-Z]{2,4}\b\s*)?,?\s*)?"  # 2:14 PM EST,
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s*)?\Z",  # Mon
    re.IGNORECASE,
)


def find_dateline(text: str, mentions: tuple[Mention, ...]) -> dt.date | None:
    """The publication date of a dateline at the top of the text, if there is one.

    A dateline is a full date (year, month and day) that opens the text, alone or after a
    place name and news agency ("WASHINGTON, Jan. 15, 2016 (AP) —", "KYIV, Ukraine (AP) —
    Sept. 12, 2022 —", "2016-01-15", "Published: 15 January 2016", a byline "Published 2:14 PM
    EST, Mon January 9, 2023"), and is followed by a dash, a line break or the end of the text.
    A date inside the first sentence of the story does not count.
    """
    for mention in mentions:
        if mention.char_start > 120:
            break
        r = mention.reading
        if not (r.kind == "absolute" and r.year and r.month and r.day and not r.century_from_anchor):
            continue
        if not _DATELINE_BEFORE.match(text[: mention.char_start]):
            return None
        if not _DATELINE_AFTER.match(text, mention.char_end):
            return None
        try:
            return dt.date(r.year, r.month, r.day)
        except ValueError:
            return None
    return None


_DEICTIC_KINDS = frozenset({"relative", "weekday"})

#: A dateline without a date at the top of a news story: "BUDAPEST, Hungary (AP)_",
#: "WASHINGTON (Reuters) -", "NEW YORK --".
_PLACE_DATELINE = re.compile(
    r"\A\s*(?-i:[A-Z][A-Z.'’ -]{2,40})(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*"
    r"(?:\((?-i:[A-Z][\w .&-]{1,20})\)|(?:\((?-i:[A-Z][\w .&-]{1,20})\)\s*)?(?:_|—|–|--|-\s|:\s))"
)
#: A perfect of a reporting or news verb ("has said", "have announced", "has died"): how news
#: reports what happened up to the moment of writing; histories narrate in the past tense.
#: The two patterns counted over the whole text open with a case-sensitive character class (the
#: word boundary before it is the lookbehind after it): re then skips to those letters at C
#: speed instead of trying the pattern at every character (``\b(?:has|have)`` and
#: ``\b[Ww]ill`` read the same; "h" and "w" have no other case variants).
_NEWS_PERFECT = re.compile(
    r"(?-i:[Hh])(?<!\w[Hh])a(?:s|ve)\s+(?:(?:" + "|".join(words()["news_perfect"]["adverbs"]) + r")\s+)?"
    r"(?:" + "|".join(words()["news_perfect"]["verbs"]) + r")\b",
    re.IGNORECASE,
)
#: "will" + a verb: the writer's future ("the shares will carry a dividend"); histories tell
#: a later time with "would".
_WRITERS_FUTURE = re.compile(
    r"[Ww](?<!\w[Ww])(?<![Tt]he\s[Ww])(?<![Ff]ree\s[Ww])(?<![Pp]olitical\s[Ww])ill\s+(?!of\b|to\b|and\b|power\b)[a-z]+"
)
_QUOTE_MARKS = re.compile(r'["“”]')


#: How many more year mentions than news evidence make a chronicle of recent years a narrative.
_CHRONICLE_RATIO = 8


@attrs.frozen
class ModeChoice:
    """The mode ``auto`` picks for a document, with the evidence that decided it."""

    mode: DocumentMode
    reason: str
    #: whether there was anything to weigh (a year far from publication); when not, the text
    #: is plain news and the reason is not worth a note
    weighed: bool = True


def in_quotes(text: str, sentence: Sentence | None, position: int) -> bool:
    """Whether ``position`` lies inside a quotation of its sentence (an odd number of quotation
    marks before it): quoted speech keeps the speaker's "today" and "tonight"."""
    if sentence is None:
        return False
    return len(_QUOTE_MARKS.findall(text, sentence.char_start, position)) % 2 == 1


def _is_deictic(m: Mention) -> bool:
    """Whether a mention counts from the moment of writing ("yesterday", "on Wednesday", "two
    weeks ago", "last June", "this week")."""
    r = m.reading
    return (
        r.kind in _DEICTIC_KINDS
        or (r.kind == "clock" and (r.weekday is not None or r.offset is not None))
        or (r.kind == "offset" and r.deictic)
        or (r.kind == "month_relative" and "year" not in m.text.lower() and not r.anaphoric)
    )


def _needs_anchor(m: Mention) -> bool:
    """Whether a mention takes its value from an anchor (publication or the story's date):
    "in June", "the next day", "Thursday"; not "1998", "three weeks", "now"."""
    r = m.reading
    if r.kind == "anchored":
        return r.from_previous  # "six days later": after the story's last date
    if r.kind in ("duration", "set", "ref", "decade", "century", "era"):
        return False
    return not (r.kind in ("absolute", "holiday", "season", "quarter") and r.year is not None)


def _unquoted(pattern: re.Pattern[str], text: str, sentences: tuple[Sentence, ...]) -> int:
    """How many matches of ``pattern`` lie outside quotations."""
    count = 0
    starts = [s.char_start for s in sentences]
    for hit in pattern.finditer(text):
        index = bisect.bisect_right(starts, hit.start()) - 1
        inside = sentences[index] if index >= 0 and hit.start() < sentences[index].char_end else None
        count += not in_quotes(text, inside, hit.start())
    return count


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def choose_mode(mentions: tuple[Mention, ...], published: dt.date | dt.datetime | None,
                text: str | None = None, sentences: tuple[Sentence, ...] = ()) -> ModeChoice:
    """Decide between ``news`` and ``narrative`` from evidence in the text, and say which.

    News evidence: a dateline at the top, expressions that count from the moment of writing
    ("yesterday", "on Wednesday", "two weeks ago", "last June") outside quotations, and perfects
    of reporting verbs ("has said", "have announced", "has died"). Narrative evidence: explicit
    years far (more than three years) from publication, or a chronicle of many years written
    out. A text is a narrative when the years clearly outweigh the news evidence:

    - no far year, or nothing to anchor (no expression needs an anchor, at most one year): news;
    - a dateline: news (a narrative may quote news, but a dated story is news);
    - far years only and no news evidence at all: narrative;
    - at least two far years, 60% of all years, and three times the news evidence: narrative;
    - a chronicle (20 years or more written out, four distinct) with eight times the news
      evidence: narrative ("in 2003 ... in 2005 ..." published in 2009);
    - otherwise news.
    """
    pub = pub_date(published)
    years = [m.reading.year for m in mentions if m.reading.year and not m.reading.century_from_anchor]
    far = [y for y in years if pub is None or abs(y - pub.year) > 3]
    if not far:  # most news: nothing to weigh, so the evidence is not gathered
        return ModeChoice("news", "mode: news (no year far from publication)", weighed=False)
    near = len(years) - len(far)
    body = text or ""
    by_index = {s.index: s for s in sentences}
    deictic = sum(
        1 for m in mentions
        if _is_deictic(m) and not (body and in_quotes(body, by_index.get(m.sentence), m.char_start))
    )
    perfects = _unquoted(_NEWS_PERFECT, body, sentences)
    futures = _unquoted(_WRITERS_FUTURE, body, sentences)
    dateline = bool(body) and (find_dateline(body, mentions) is not None or _PLACE_DATELINE.match(body) is not None)
    evidence = deictic + perfects + futures
    parts = (["a dateline"] if dateline else []) + (
        [_count(deictic, "expression") + " relative to publication"] if deictic else []) + (
        [_count(perfects, "reporting perfect")] if perfects else []) + (
        [_count(futures, "'will' future")] if futures else [])
    news_why = ", ".join(parts) if parts else "no news evidence"
    years_why = f"{_count(len(far), 'year')} far from publication, {near} near"
    if len(years) < 2 and not any(_needs_anchor(m) for m in mentions):
        return ModeChoice("news", f"mode: news (nothing to anchor on the story: {years_why})")
    if dateline:
        return ModeChoice("news", f"mode: news ({news_why}; {years_why})")
    distinct = len(set(years))
    if not near and not evidence:
        return ModeChoice("narrative", f"mode: narrative ({years_why}, no news evidence)")
    if len(far) >= 2 and len(far) >= 0.6 * len(years) and evidence * 3 <= len(far):
        return ModeChoice("narrative", f"mode: narrative ({years_why} outweigh {news_why})")
    if len(years) >= 20 and distinct >= 4 and evidence * _CHRONICLE_RATIO <= len(years):
        return ModeChoice("narrative", f"mode: narrative (a chronicle of {distinct} years written "
                                       f"{len(years)} times outweighs {news_why})")
    return ModeChoice("news", f"mode: news ({news_why}; {years_why})")


def detect_mode(mentions: tuple[Mention, ...], published: dt.date | dt.datetime | None,
                text: str | None = None, sentences: tuple[Sentence, ...] = ()) -> str:
    """``narrative`` when the text is dated by its own explicit years, far from publication,
    and shows little news evidence; ``news`` otherwise (see :func:`choose_mode`)."""
    return choose_mode(mentions, published, text, sentences).mode


def decide_context(text: str, sentences: tuple[Sentence, ...], mentions: tuple[Mention, ...],
                   published: dt.date | dt.datetime | None,
                   mode: Literal["auto", "news", "narrative"] = "auto") -> tuple[Context, tuple[str, ...]]:
    """The document's :class:`~timeline.resolve.context.Context`, decided once, and the notes
    that say how: the publication date as given, else the dateline's (:func:`find_dateline`);
    the mode as given, else the one :func:`choose_mode` picks (noted when it weighed years)."""
    notes: list[str] = []
    dateline = False
    if published is None:
        published = find_dateline(text, mentions)
        if published is not None:
            notes.append(f"publication date {published.isoformat()} read from the dateline")
            dateline = True
    if mode == "auto":
        choice = choose_mode(mentions, published, text, sentences)
        if choice.weighed:  # a year far from publication: say why the text is news or history
            notes.append(choice.reason)
        chosen: DocumentMode = choice.mode
    else:
        chosen = mode
    return Context(published, chosen, dateline), tuple(notes)
