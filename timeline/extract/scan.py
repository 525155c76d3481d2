"""Finding time expressions in text: text -> :class:`~timeline.types.Mention` values.

The rules of ``lexicon/rules.txt`` are compiled one by one and indexed by the characters they
can start with. Cheap cue scans find where an expression may start (a core time word or a
number, or a first word such as "the" or "last" shortly before one); at each such position the
rules are tried in file order, and the first that matches and whose production (see
:mod:`timeline.extract.readings`) accepts the match wins.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from itertools import accumulate

import attrs

from timeline.extract.dates import read_slash_date
from timeline.extract.fields import Groups
from timeline.extract.readings import PRODUCTIONS
from timeline.lexicon import RuleSpec, alternation, load_rules, words
from timeline.types import Mention, Reading, Sentence

__all__ = ["Matcher", "find_mentions", "first_characters", "first_words", "is_informal", "matcher"]

try:  # the parser behind re, used only to learn which characters a rule can start with
    import re._constants as _sre_constants  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # Python 3.10
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_DIGITS = frozenset("0123456789")
_SPACES = frozenset(" \t\n\r\f\v")


def _first_of_sequence(items: list[tuple[object, object]]) -> tuple[frozenset[str] | None, bool]:
    found: set[str] = set()
    for op, arg in items:
        chars, nullable = _first_of_item(op, arg)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _first_of_item(op: object, arg: object) -> tuple[frozenset[str] | None, bool]:
    """(characters the item can start with, or None for "any"; whether it can match empty)."""
    c = _sre_constants
    if op is c.LITERAL:
        return frozenset({chr(arg)}), False  # type: ignore[arg-type]
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in arg:  # type: ignore[attr-defined]
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE:
                chars.update(chr(code) for code in range(value[0], value[1] + 1))
            elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                chars |= _DIGITS
            elif kind is c.CATEGORY and value is c.CATEGORY_SPACE:
                chars |= _SPACES
            else:
                return None, False
        return frozenset(chars), False
    if op is c.SUBPATTERN:
        return _first_of_sequence(list(arg[-1]))  # type: ignore[index]
    if op is c.BRANCH:
        chars = set()
        nullable = False
        for alternative in arg[1]:  # type: ignore[index]
            found, empty = _first_of_sequence(list(alternative))
            if found is None:
                return None, False
            chars |= found
            nullable |= empty
        return frozenset(chars), nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _, sub = arg  # type: ignore[misc]
        found, empty = _first_of_sequence(list(sub))
        return found, found is not None and (low == 0 or empty)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset(), True
    return None, False


def first_characters(pattern: str) -> frozenset[str] | None:
    """The lower-cased characters a match of ``pattern`` can begin with (None: any)."""
    try:
        found, nullable = _first_of_sequence(list(_sre_parse.parse(pattern, re.IGNORECASE | re.VERBOSE)))
    except Exception:  # an unexpected parser shape: be safe, try the rule everywhere
        return None
    if found is None or nullable:
        return None
    return frozenset(ch.lower() for ch in found)


_ASCII_WORD = re.compile(r"[A-Za-z]+(?![^\W\d_])")  # a whole run of letters, all of them ASCII
_OPEN, _COMPLETE, _TRUNCATED = 0, 1, 2
_MAX_FIRST_WORDS = 5000
_WordStates = frozenset[tuple[str, int]]


def _words_of_sequence(states: _WordStates, items: list[tuple[object, object]]) -> _WordStates | None:
    for op, arg in items:
        if all(status != _OPEN for _, status in states):
            return states
        found = _words_of_item(states, op, arg)
        if found is None or len(found) > _MAX_FIRST_WORDS:
            return None
        states = found
    return states


def _words_of_item(states: _WordStates, op: object, arg: object) -> _WordStates | None:
    """``states`` (first-word prefix, status) after the pattern item ``op``/``arg``."""
    c = _sre_constants
    done = {state for state in states if state[1] != _OPEN}
    growing = [prefix for prefix, status in states if status == _OPEN]
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero width: trying the rule too often is safe
        return states
    if op is c.SUBPATTERN:
        return _words_of_sequence(states, list(arg[-1]))  # type: ignore[index]
    if op is c.BRANCH:
        found: set[tuple[str, int]] = set(done)
        for alternative in arg[1]:  # type: ignore[index]
            more = _words_of_sequence(frozenset((p, _OPEN) for p in growing), list(alternative))
            if more is None:
                return None
            found |= more
        return frozenset(found)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = arg  # type: ignore[misc]
        once = _words_of_sequence(frozenset((p, _OPEN) for p in growing), list(sub))
        if once is None:
            return None
        if high > 1 and any(status != _COMPLETE or prefix not in growing for prefix, status in once):
            # a repeat that may go on with letters: the first word is only known to start so
            return frozenset(done | {(p, _TRUNCATED) for p in growing})
        return frozenset(done | once | (set((p, _OPEN) for p in growing) if low == 0 else set()))
    letters: set[str] = set()
    other = False
    if op is c.LITERAL:
        char = chr(arg)  # type: ignore[arg-type]
        if char.isalpha():
            letters.add(char.lower())
        else:
            other = True
    elif op is c.IN:
        for kind, value in arg:  # type: ignore[attr-defined]
            if kind is c.LITERAL and chr(value).isalpha():
                letters.add(chr(value).lower())
            elif kind is c.LITERAL:
                other = True
            elif kind is c.RANGE and value[1] - value[0] < 64:
                for code in range(value[0], value[1] + 1):
                    if chr(code).isalpha():
                        letters.add(chr(code).lower())
                    else:
                        other = True
            elif kind is c.CATEGORY and value in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE):
                other = True
            else:  # a negation, \w or a wide range
                return frozenset(done | {(p, _TRUNCATED) for p in growing})
    else:
        return frozenset(done | {(p, _TRUNCATED) for p in growing})
    found = set(done)
    for prefix in growing:
        found.update((prefix + letter, _OPEN) for letter in letters)
        if other:
            found.add((prefix, _COMPLETE))
    return frozenset(found)


@functools.lru_cache(maxsize=1024)  # the informal matcher shares the rules of the formal one
def first_words(pattern: str) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """The lower-cased first words a match of ``pattern`` can begin with, when it begins with
    a letter: (whole words, prefixes a longer first word may start with); None: any word.

    A first word is the run of letters at the start of a match. Zero-width assertions are
    passed over, so the answer may hold words that never match, but never lacks one that can.
    """
    try:
        parsed = list(_sre_parse.parse(pattern, re.IGNORECASE | re.VERBOSE))
    except Exception:  # an unexpected parser shape: be safe, try the rule everywhere
        return None
    states = _words_of_sequence(frozenset({("", _OPEN)}), parsed)
    if states is None:
        return None
    whole = frozenset(p for p, status in states if status != _TRUNCATED and p)
    prefixes = tuple(sorted(p for p, status in states if status == _TRUNCATED))
    return whole, prefixes


class Matcher:
    """The rules compiled one by one, and indexed by the words and characters they can start with.

    At a candidate position that starts with an ASCII word only the rules that can start with
    that word (:func:`first_words`) are tried, elsewhere the rules that can start with its first
    character (:func:`first_characters`); in file order, and the first that matches wins.
    """

    def __init__(self, rules: tuple[RuleSpec, ...]) -> None:
        """Compile ``rules``; raises ``ValueError`` naming a rule whose production is unknown."""
        self.rules = rules
        self._patterns: list[re.Pattern[str]] = []
        self._first: list[frozenset[str] | None] = []
        for rule in rules:
            if rule.build not in PRODUCTIONS:
                raise ValueError(f"rule {rule.name!r}: unknown production {rule.build!r}")
            self._patterns.append(
                re.compile(
                    r"(?<![\w'’])(?<![^\W\d_]-)(?:" + rule.pattern + r")(?!\w|-[^\W\d_]|['’](?![sS]\b)\w)",
                    re.IGNORECASE | re.VERBOSE,
                )
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
            if len(self._by_word) < _MAX_FIRST_WORDS:
                self._by_word[word] = found
        return found

    def matches(self, text: str, start: int) -> Iterator[tuple[int, int, Groups]]:
        """The rules matching at ``start``, in file order: (rule index, end, named groups)."""
        word = _ASCII_WORD.match(text, start)
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


#: the marks of social media: mentions, hashtags, links, "~", "!!", "??" and emoji
_EMOJI = "\U0001F300-\U0001FAFF\u2600-\u27BF"
_LINK = re.compile(r"https?://")
# one pattern that begins with a character class, so that re skips to those characters at C
# speed; the lookbehinds then say which mark it is ("@name" only after a space)
_SOCIAL_MARK = re.compile(
    rf"[@#~!?{_EMOJI}](?:(?<=\s[@#])[A-Za-z_]|(?<=[~{_EMOJI}])|(?<=!)!|(?<=\?)\?)"
)
_LEADING_HANDLE = re.compile(r"[@#][A-Za-z_]")  # "@name" at the very start
_PUNCTUATION = ".,!?;:()[]\"'“”‘’…-"


@functools.lru_cache(maxsize=1)
def _chat_words() -> frozenset[str]:
    return frozenset(words()["informal_cues"]) | {"i"}


@functools.lru_cache(maxsize=1)
def _chat_regex() -> re.Pattern[str] | None:
    """A whitespace-separated word that is a chat word with punctuation around it, over the
    text after one space (``None`` when a chat word is not lower case or has punctuation or
    space at an end: then the words are looked at one by one)."""
    chat = _chat_words()
    if not all(w.islower() and w.strip(_PUNCTUATION) == w and not any(c.isspace() for c in w)
               for w in chat):
        return None
    punctuation = "[" + re.escape(_PUNCTUATION) + "]*"
    return re.compile(rf"\s{punctuation}(?:{alternation(sorted(chat))}){punctuation}(?!\S)")


def is_informal(text: str) -> bool:
    """Whether ``text`` reads like social media (mentions, hashtags, links, emoji, lower-case
    chat words such as "tmr" or a small "i"): there a bare "night" or "sat" is a time, which in
    news it rarely is. Chat words count only in lower case ("cos" is chat, "Cos." a company)."""
    if _SOCIAL_MARK.search(text) or _LINK.search(text) or _LEADING_HANDLE.match(text):
        return True
    chat = _chat_regex()
    if chat is not None:  # a word (split at white space) that strips to a chat word
        return chat.search(" " + text) is not None
    words_ = _chat_words()
    return any(word.strip(_PUNCTUATION) in words_ for word in text.split() if word.islower())


_TOKEN = re.compile(r"[^\W\d_]+|\d+")


@functools.lru_cache(maxsize=1)
def _cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """(core words, first words): every expression contains a core word and starts with a
    first word or a core word. Scanning for core words first keeps extraction fast."""
    w = words()
    core: set[str] = set()
    for table in ("months", "weekdays", "units", "parts_of_day", "seasons", "references",
                  "holidays_fixed", "holidays_computed", "named_days"):
        for phrase in w[table]:
            if phrase == "_doc":
                continue
            tokens = [t.lower() for t in _TOKEN.findall(phrase) if len(t) > 2]
            if tokens:  # the last word of a phrase is the one it cannot do without
                core.add(tokens[-1])
    core.update(d + "s" for d in w["weekdays"])
    core.update(w["first_words"]["core"])
    first: set[str] = set(w["first_words"]["first"])
    for table in ("numbers", "approximators", "modifiers", "ordinals"):
        for phrase in w[table]:
            first.update(t.lower() for t in _TOKEN.findall(phrase)[:1])
    first.update(t.lower() for phrase in w["vague_numbers"] for t in _TOKEN.findall(phrase)[:1])
    return frozenset(core), frozenset(first)


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


_REACH = 32  # how many characters before a core word an expression may start ("at least the past twenty-five years")


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@functools.lru_cache(maxsize=1)
def _cue_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Scanners for core words (and numbers) and first words, over ASCII-lower-cased text (case
    folding only A-Z keeps every offset; scanning without IGNORECASE is twice as fast)."""
    core, first = _cue_words()
    word = r"(?<![^\W\d_])(?:{})(?![^\W\d_])"
    return (
        re.compile(word.format(alternation(sorted(core))) + r"|\d+"),
        re.compile(word.format(alternation(sorted(first)))),
    )


_NUMBER_TAIL = re.compile(
    r"(\d+)(?:[.,]\d+)*(?:st|nd|rd|th)?(?:\s*([/:])|[\s-]*(?:and\s+a\s+half\s+|\d/\d\s+|[½¼¾]\s*)?([a-z][a-z.'’]*))?"
)


_ERA_TAIL = re.compile(r"\d{1,4}s?\s*(?:[-–]\s*\d{1,4}\s*)?(?:b\.c\.|bce?\b)")
_DAY_RANGE_TAIL = re.compile(r"\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?\s+([a-z]+)")

#: words that may stand between a number and its time word ("2 more days", "the 9th of May")
_NUMBER_LINKS = frozenset(
    {"of", "a.m", "p.m", "more", "full", "long", "straight", "consecutive", "additional", "extra",
     "further", "whole", "successive", "short", "solid", "and"}
)


def _number_may_start(lowered: str, position: int, core: frozenset[str]) -> bool:
    """Whether the number at ``position`` can begin an expression: a four-digit year, a date or
    clock written with / or :, or a number followed by a time word ("6 months", "9 January",
    "3 p.m.", "the 9th of May"). "4,000 residents" and "$3.2 million" cannot."""
    found = _NUMBER_TAIL.match(lowered, position)
    if found is None or _ERA_TAIL.match(lowered, position):  # "480 bc", "the 470s bc", "499-493 bc"
        return True
    digits, mark, word = found.groups()
    if len(digits) == 4 or mark:
        return True
    if word is None:
        ranged = _DAY_RANGE_TAIL.match(lowered, found.end())  # "10-12 october": the first day
        return ranged is not None and ranged.group(1) in core

    word = word.rstrip(".'’")
    return (
        word in core
        or word in words()["units"]  # "2 hr", "5 yrs"
        or word in _NUMBER_LINKS
        or word.startswith(("o'", "o’"))
    )


_CUE_TOKEN = re.compile(r"([^\W\d_]+|\d+)")
_LETTER = re.compile(r"[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1)
def _cue_tokens() -> dict[str, tuple[str, ...]] | None:
    """Core words that are more than one token of ``_CUE_TOKEN`` ("p.m", "2nite"), by their
    first token.

    ``None`` when the token scan of :func:`_candidate_starts` could differ from the regex scan
    of :func:`_cue_regexes` (a cue word that does not start with a letter or digit, a first word
    of more than one token, a first token that is a core word itself, one such core word that
    begins another): then the regexes scan.
    """
    core, first = _cue_words()
    joined: dict[str, list[str]] = {}
    for word in sorted(core):
        head = _CUE_TOKEN.match(word)
        if head is None:
            return None
        if head.end() != len(word):
            joined.setdefault(head.group(), []).append(word)
    for head, longer in joined.items():
        if head in core or any(a != b and b.startswith(a) for a in longer for b in longer):
            return None
    if any(_LETTERS.fullmatch(word) is None for word in first):
        return None
    return {head: tuple(longer) for head, longer in joined.items()}


@functools.lru_cache(maxsize=1)
def _cue_set() -> frozenset[str]:
    """The core words and the first tokens of core words of several tokens (see
    :func:`_cue_tokens`): the tokens :func:`_candidate_starts` looks at."""
    return _cue_words()[0] | frozenset(_cue_tokens() or ())


def _number_cannot_start(lowered: str, position: int, core_words: frozenset[str]) -> bool:
    """Whether the cue at ``position`` is a number that cannot begin an expression."""
    return (
        lowered[position].isdigit()
        and not (position and lowered[position - 1] in "'’")  # '98, the '90s
        and not _number_may_start(lowered, position, core_words)
    )


def _starts(text: str, cores: list[int], firsts: list[int]) -> list[int]:
    """The sorted start positions: every core position, the apostrophe before a number that has
    one ('98), and each first-word position (ascending) that lies shortly before a core."""
    starts = set(cores)
    for position in cores:
        if position and text[position - 1] in "'’" and text[position].isdigit():
            starts.add(position - 1)
    index, last = 0, len(cores)
    for position in firsts:
        while index < last and cores[index] <= position:
            index += 1
        if index < last and cores[index] - position <= _REACH:
            starts.add(position)
    return sorted(starts)


def _candidate_starts(text: str) -> list[int]:
    """Positions where an expression may start: each core word or number, an apostrophe before
    a number ('98), and each first word ("the", "last", "about"...) shortly before a core word.

    The text is split once into runs of letters and runs of digits (a cue word is a whole run,
    as the word boundaries of :func:`_cue_regexes` require); set lookups pick the cues.
    """
    joined = _cue_tokens()
    if joined is None:
        return _candidate_starts_by_regex(text)
    core_words, first_words = _cue_words()
    lowered = text.translate(_ASCII_LOWER)
    pieces = _CUE_TOKEN.split(lowered)  # gap, token, gap, token, ..., gap
    tokens = pieces[1::2]
    offsets = list(accumulate(map(len, pieces)))
    positions = offsets[0:-1:2]  # where each token starts: the end of the gap before it
    cues = _cue_set()
    hits = [i for i, token in enumerate(tokens) if token in cues or token[0].isdecimal()]
    cores: list[int] = []
    consumed = -1  # the end of a core word of several tokens ("2nite": "nite" is inside it)
    for i in hits:
        position = positions[i]
        if position < consumed:
            continue
        token = tokens[i]
        if token in joined and (position == 0 or not _LETTER.match(lowered, position - 1)):
            for word in joined[token]:
                end = position + len(word)
                if lowered.startswith(word, position) and not _LETTER.match(lowered, end):
                    consumed = end
                    break
            else:
                if token not in core_words and not token[0].isdecimal():
                    continue
        elif token not in core_words and not token[0].isdecimal():
            continue
        if _number_cannot_start(lowered, position, core_words):
            continue
        cores.append(position)
    if not cores:
        return []
    low = bisect.bisect_left(positions, max(0, cores[0] - _REACH))
    high = bisect.bisect_left(positions, cores[-1])
    firsts = [position for token, position in zip(tokens[low:high], positions[low:high]) if token in first_words]
    return _starts(text, cores, firsts)


def _candidate_starts_by_regex(text: str) -> list[int]:
    """:func:`_candidate_starts` with the regexes of :func:`_cue_regexes` (used when the cue
    words cannot be looked up token by token)."""
    core_regex, first_regex = _cue_regexes()
    lowered = text.translate(_ASCII_LOWER)
    core_words = _cue_words()[0]
    cores = []
    for found in core_regex.finditer(lowered):
        position = found.start()
        if _number_cannot_start(lowered, position, core_words):
            continue
        cores.append(position)
    if not cores:
        return []
    firsts = [found.start() for found in first_regex.finditer(lowered, max(0, cores[0] - _REACH), cores[-1])]
    return _starts(text, cores, firsts)


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
    for start in _candidate_starts(text):
        if start < end_of_last:
            continue
        # The first rule that matches and whose production accepts the reading wins.
        for index, end, groups in m.matches(text, start):
            rule = m.rules[index]
            produced = PRODUCTIONS[rule.build](groups, text[start:end], text[max(0, start - 30):start], text[end:end + 30])
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
