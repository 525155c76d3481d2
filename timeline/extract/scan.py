"""Finding time expressions in text: text -> :class:`~timeline.types.Mention` values.

The rules of ``lexicon/rules.txt`` are compiled one by one and indexed by the characters they
can start with. Cheap cue scans find where an expression may start (a core time word or a
number, or a first word such as "the" or "last" shortly before one); at each such position the
rules are tried in file order, and the first that matches and whose production (see
:mod:`timeline.extract.readings`) accepts the match wins.

The parts: ``prefixes`` (what a rule can start with), ``cues`` (candidate starts),
``informal`` (is the text informal); their public names are importable from here.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

import attrs

from timeline.extract.cues import candidate_starts
from timeline.extract.dates import read_slash_date
from timeline.extract.fields import Groups
from timeline.extract.informal import is_informal
from timeline.extract.prefixes import (
    ASCII_WORD,
    MAX_FIRST_WORDS,
    compile_within,
    first_characters,
    first_words,
)
from timeline.extract.readings import production_of
from timeline.lexicon import RuleSpec, load_rules, words
from timeline.types import Mention, Reading, Sentence

__all__ = ["Matcher", "find_mentions", "first_characters", "first_words", "is_informal", "matcher"]


class Matcher:
    """The rules compiled one by one, and indexed by the words and characters they can start with.

    At a candidate position that starts with an ASCII word only the rules that can start with
    that word (:func:`first_words`) are tried, elsewhere the rules that can start with its first
    character (:func:`first_characters`); in file order, and the first that matches wins.
    """

    def __init__(self, rules: tuple[RuleSpec, ...]) -> None:
        """Compile ``rules``; raises ``ValueError`` naming a rule whose production is unknown."""
        self.rules = rules
        #: the production of each rule (its template compiled here, once)
        self.productions = [production_of(rule) for rule in rules]
        self._patterns: list[re.Pattern[str]] = []
        self._first: list[frozenset[str] | None] = []
        for rule in rules:
            self._patterns.append(  # one parse per rule: for compile_within and first_*
                compile_within(r"(?<![\w'’])(?<![^\W\d_]-)", rule.pattern, r"(?!\w|-[^\W\d_]|['’](?![sS]\b)\w)")
            )
            self._first.append(first_characters(rule.pattern))
        self._words = [first_words(rule.pattern) for rule in rules]
        self._by_char: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {}
        self._by_word: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {}

    def rules_for(self, char: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
        """(index, pattern) of the rules that can start with ``char``, in file order."""
        key = char.lower()
        found = self._by_char.get(key)
        if found is None:
            found = tuple(  # case folding may map a non-ASCII character to any letter ("ſ": "s")
                (i, pattern) for i, (first, pattern) in enumerate(zip(self._first, self._patterns))
                if first is None or key in first or not key.isascii()
            )
            self._by_char[key] = found
        return found

    def rules_for_word(self, word: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
        """(index, pattern) of the rules that can start with the lower-case ASCII ``word`` (a
        whole run of letters), in file order: a subset of :meth:`rules_for` its first letter."""
        found = self._by_word.get(word)
        if found is None:
            found = tuple(
                (i, pattern) for i, pattern in self.rules_for(word[0])
                if self._words[i] is None
                or word in self._words[i][0]  # type: ignore[index]
                or word.startswith(self._words[i][1])  # type: ignore[index]
            )
            if len(self._by_word) < MAX_FIRST_WORDS:
                self._by_word[word] = found
        return found

    def matches(self, text: str, start: int) -> Iterator[tuple[int, int, Groups]]:
        """The rules matching at ``start``, in file order: (rule index, end, named groups)."""
        word = ASCII_WORD.match(text, start)
        rules = self.rules_for_word(word.group().lower()) if word else self.rules_for(text[start])
        for index, pattern in rules:
            found = pattern.match(text, start)
            if found is not None:
                yield index, found.end(), found.groupdict()


@functools.lru_cache(maxsize=2)
def matcher(informal: bool = False) -> Matcher:
    """The matcher over the packaged rules (compiled once per process); ``informal`` adds the
    rules for social-media writing ("tmr", "this sat", a bare "night")."""
    return Matcher(tuple(r for r in load_rules() if informal or r.register != "informal"))


_ADJECTIVE_ARTICLE = re.compile(r"(?:an?|the)\s+(?=[\w.]+-[A-Za-z]+(?:-long|-old)?$)", re.IGNORECASE)


_TRAILING_WORD = re.compile(r"([A-Za-z]+)\.\Z")


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    w = words()
    short = {m for m in w["months"] if len(m) <= 4 and m not in ("june", "july", "may")}
    short |= {d for d in w["weekdays"] if len(d) <= 5}
    return frozenset(short | {"m", "a", "p", "st", "no", "jr", "sr", "ft", "c", "d", "e"})  # B.C., A.D., B.C.E.


def _adjective_article(span: str) -> int:
    """Length of a leading article before a hyphenated adjective ("a week-long" -> "a ")."""
    match = _ADJECTIVE_ARTICLE.match(span)
    return match.end() if match else 0


def find_mentions(text: str, sentences: tuple[Sentence, ...], *, informal: bool | None = None,
                  date_order: str = "MDY") -> tuple[Mention, ...]:
    """Every time expression in ``text``, in order, without overlaps.

    ``sentences`` (from :func:`timeline.sentences.split_sentences`) gives each mention its
    sentence index. ``informal`` switches on the social-media rules; by default it is decided
    by :func:`is_informal`. ``date_order`` (``MDY``, ``DMY`` or ``YMD``) is the order of the
    numbers of a slash date ("09/01/2016"); one impossible in that order is read the only
    possible way (see :func:`timeline.readings.read_slash_date`).
    """
    m = matcher(is_informal(text) if informal is None else informal)
    sentence_starts = [s.char_start for s in sentences]
    mentions: list[Mention] = []
    end_of_last = 0
    for start in candidate_starts(text):
        if start < end_of_last:
            continue
        # The first rule that matches and whose production accepts the reading wins.
        for index, end, groups in m.matches(text, start):
            rule = m.rules[index]
            produced = m.productions[index](groups, text[start:end], text[max(0, start - 30):start], text[end:end + 30])
            if produced is not None:
                break
        else:
            continue
        timex_type, reading = produced if isinstance(produced, tuple) else (rule.timex_type, produced)
        if rule.build == "numeric_date" and date_order != "MDY":
            reread = read_slash_date(text[start:end], date_order)
            reading = reread[0] if reread is not None else reading
        # Trim trailing punctuation and spaces that a pattern may have swallowed.
        while end > start and text[end - 1] in " \t\n,;:":
            end -= 1
        last_word = _TRAILING_WORD.search(text, start, end)
        if last_word and last_word.group(1).lower() not in _abbreviations():
            end -= 1  # a sentence's full stop, not an abbreviation's ("14 June." / "Jan.")
        start += _adjective_article(text[start:end])
        sentence = max(bisect.bisect_right(sentence_starts, start) - 1, 0)
        mentions.append(Mention(start, end, text[start:end], timex_type, reading, rule.name, sentence))
        end_of_last = end
        if reading.kind == "absolute" and reading.month is not None and reading.day is not None \
                and reading.hour is None and text[end - 1].isdigit() and \
                not text[start:end].isdigit():  # "Jan. 4" before "-6", not "4" of "4-6 Jan."
            closing = _closing_day(text, end, reading.day)
            if closing is not None:  # "Jan. 4-6": the range's last day is a date of its own
                day_start, day_end, day = closing
                mentions.append(Mention(day_start, day_end, text[day_start:day_end], timex_type,
                                        attrs.evolve(reading, day=day), rule.name, sentence))
                end_of_last = day_end
            continue
        if reading.kind == "absolute" and reading.year is not None and reading.month is None \
                and not reading.century_from_anchor and text[start:end].isdigit():
            closing_year = _closing_year(text, end, reading.year)
            if closing_year is not None:  # "1861-1865", "2007-08": the range's last year is a date of its own
                year_start, year_end, year = closing_year
                mentions.append(Mention(year_start, year_end, text[year_start:year_end], timex_type,
                                        attrs.evolve(reading, year=year, mod=None), rule.name, sentence))
                end_of_last = year_end
    return _with_month_ranges(text, mentions, sentence_starts)


_MONTH_RANGE_RULE = "<month> [<day>]-<month> [<day>][, <year>]"


@functools.lru_cache(maxsize=1)
def _month_range() -> re.Pattern[str]:
    """Two dates joined by a dash, each with its month named: "May-August 1950", "March
    19-April 30", "27 May-28 May 1905". TimeML tags them as two dates, the year (written once,
    at the end) shared."""
    from timeline.lexicon import macros

    month, day, year = macros()["MONTH_FULL"], macros()["DAY"], macros()["YEAR_IN_DATE"]
    part = rf"(?:(?P<d{{n}}>{day})\s+(?P<m{{n}}>{month})|(?P<n{{n}}>{month})(?:\s+(?P<e{{n}}>{day}))?)"
    return re.compile(
        r"(?<![\w-])" + part.format(n=1) + r"(?P<dash>\s*[-–]\s*)" + part.format(n=2)
        + rf"(?:,?\s+(?P<year>{year}))?(?![\w-])",
        re.IGNORECASE,
    )


@functools.lru_cache(maxsize=1)
def _dash_month() -> re.Pattern[str]:
    """A dash followed by a month name (with a day before it or not): where a month range may
    end. Its first character is a dash, so the scan only stops at dashes."""
    from timeline.lexicon import macros

    return re.compile(rf"[-–]\s*(?:\d{{1,2}}\s+)?(?:{macros()['MONTH_FULL']})", re.IGNORECASE)


def _with_month_ranges(text: str, mentions: list[Mention], sentence_starts: list[int]) -> tuple[Mention, ...]:
    """``mentions`` with each month range ("May-August 1950") read as its two dates, in place of
    what the rules found there (the dash keeps a rule from starting or ending at it)."""
    if ("-" not in text and "–" not in text) or not _dash_month().search(text):
        return tuple(mentions)  # no dash before a month name: no range (a scan from dashes only)
    months = words()["months"]
    for found in _month_range().finditer(text):
        inside = [m for m in mentions if m.char_start < found.end() and found.start() < m.char_end]
        if any(m.char_start < found.start() or m.char_end > found.end() for m in inside):
            continue  # part of a longer expression: left as the rules read it
        year = int(found.group("year")) if found.group("year") else None
        parts = []
        for n, (start, end) in ((1, (found.start(), found.start("dash"))), (2, (found.end("dash"), found.end()))):
            month = months[(found.group(f"m{n}") or found.group(f"n{n}")).lower()]
            day_text = found.group(f"d{n}") or found.group(f"e{n}")
            reading = Reading("absolute", year=year, month=month, day=int(day_text) if day_text else None,
                              year_from_anchor=year is None)
            sentence = max(bisect.bisect_right(sentence_starts, start) - 1, 0)
            parts.append(Mention(start, end, text[start:end], "DATE", reading, _MONTH_RANGE_RULE, sentence))
        if parts[0].reading.day is None and parts[0].text.lower() == "may" and parts[0].text != "May":
            continue  # the modal "may"
        mentions = sorted([m for m in mentions if m not in inside] + parts, key=lambda m: m.char_start)
    return tuple(mentions)


#: "-1865" or "-08" right after a year: the last year of a range ("1861-1865", "2007-08"), as
#: TimeML corpora tag it (two DATEs; WikiWars tags the short end "08" as 2008); not a number
#: range ("1861-1865 votes" is caught by the year rule's own tests), a date or a decimal.
_CLOSING_YEAR = re.compile(r"[-–]\s*(\d{4}|\d\d)(?![\d%/-]|[.,:]\d|\s*(?:percent|per\b|%))")


def _closing_year(text: str, end: int, first: int) -> tuple[int, int, int] | None:
    """Where the closing year of a year range starts and ends, and the year, or None: it must
    come after the first year and within two centuries of it ("1995-96" is 1996)."""
    match = _CLOSING_YEAR.match(text, end)
    if match is None:
        return None
    digits = match.group(1)
    year = first // 100 * 100 + int(digits) if len(digits) == 2 else int(digits)
    if len(digits) == 2 and year <= first:
        year += 100  # "1999-00"
    if not first < year <= first + 200:
        return None
    return match.start(1), match.end(1), year


#: "-6" or "– 6" right after a month and day: the last day of a range ("Jan. 4-6"), as TimeML
#: tags it (two DATEs), also at the end of a sentence ("April 13-15."); "May 4 and 5" likewise;
#: not a score ("4-6 win"), a time or a count ("4-6 percent")
_CLOSING_DAY = re.compile(r"(?:\s*[-–]\s*|(?P<and>\s+and\s+))(\d{1,2})(?![\d:/%-]|[.,]\d|\s*(?:percent|per\b|%|p\.?m|a\.?m))")
#: what may follow the closing day of "May 4 and 5": the end of a phrase, a preposition or a
#: verb in the past, not a noun
#: ("on May 4 and 5 soldiers died" counts soldiers)
_AFTER_AND_DAY = re.compile(r"\s*(?:[,.;:)]|\Z)|\s+(?:was|were|had|saw|and|in|of|at|when|before|after|[a-z]+ed)\b")


def _closing_day(text: str, end: int, first: int) -> tuple[int, int, int] | None:
    """Where the closing day of a day range starts and ends, and its number, or None."""
    match = _CLOSING_DAY.match(text, end)
    if match is None:
        return None
    day = int(match.group(2))
    if not first < day <= 31:
        return None
    if match.group("and") and (day != first + 1 or not _AFTER_AND_DAY.match(text, match.end())):
        return None  # "May 4 and 5": two days running, then the phrase ends
    return match.start(2), match.end(2), day
