"""Rule-based clause splitting and event phrases (no NLP library).

A sentence is tokenized once (:class:`SentenceAnalysis`), split into clause segments at
``;``, quotes, ", which/who/while/...", subordinators that introduce a clause (after, before,
when, as, because, since, until ...), "and/but" followed by a clause, and after a reporting verb
that takes a clause ("Penn said | his article failed"). Verbs are found with a list of
auxiliaries, a list of irregular past forms, the "-ed" ending and a list of common news verbs
(all in ``timeline/lexicon/events.json``); event nouns come from the same file.

Everything here works on one sentence at a time in linear time over its tokens. A document
may be tokenized once (:class:`DocumentTokens`: one regex split, word classes and capitals
flagged once) and its sentences analysed on slices of it; the slices are exactly the tokens
each sentence gets alone, or the sentence is tokenized alone. Word classes and verb forms are
memoized (bounded dictionaries; pure functions of the words).
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from functools import lru_cache
from itertools import accumulate, compress, islice
from operator import itemgetter
from pathlib import Path
from typing import Container, NamedTuple

from timeline.derivation import event_nouns, known_verbs

__all__ = [
    "DOCUMENT_TOKENS_LIMIT",
    "DocumentTokens",
    "Found",
    "Group",
    "Segment",
    "SentenceAnalysis",
    "Token",
    "VerbForm",
    "lemma",
    "lexicon",
    "stem",
    "tokenize",
]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, object]:
    """The word lists of ``timeline/lexicon/events.json`` (loaded once)."""
    path = Path(__file__).with_name("lexicon") / "events.json"
    with path.open(encoding="utf-8") as handle:
        data: dict[str, object] = json.load(handle)
    return data


def _set(name: str) -> frozenset[str]:
    value = lexicon()[name]
    assert isinstance(value, (list, dict))
    return frozenset(value)


_AUX = _set("auxiliaries")
_LIGHT = _set("light_verbs")
_REPORTING = _set("reporting_verbs")
_ADVERBS = _set("adverbs")
_IRREGULAR: dict[str, str] = dict(lexicon()["irregular"])  # type: ignore[arg-type]
_AMBIGUOUS = _set("ambiguous_past")
_ED_STOP = _set("ed_stoplist")
_ING_STOP = _set("ing_stoplist")
#: verbs: the hand list, the irregular lemmas and the event verbs of the lexicon (from TE3 counts)
_BASE_VERBS = _set("verbs") | frozenset(_IRREGULAR.values()) | known_verbs()
_EVENT_NOUNS = _set("event_nouns") | event_nouns()
_LINKING = _set("linking_verbs")
_CATENATIVE = _set("catenative_verbs")
_INTENTION = _set("intention_verbs")
_ATTRIBUTION = _set("attribution_verbs")
_PARTICIPLE_ENDINGS = frozenset({"ed", "en"})
_STATES = _set("state_verbs")
#: light verbs that say their subject is an event, whatever the noun ("X, which happened in 2014")
_HAPPENING = frozenset({"happened", "occurred", "took", "unfolded", "erupted", "happens", "occurs",
                        "takes"})
_SPEECH = _set("speech_verbs")
_STATES_AND_SPEECH = _STATES | _SPEECH
_MODAL_WORDS = _set("modal_words")
_FUTURE_WORDS = _set("future_words")
_NEGATION = _set("negation_words")
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "nothing", "neither", "nor", "never"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "hasn't", "haven't"})
_PAST_PERFECT_AUX = frozenset({"had", "hadn't"})
_PAST_AUX = frozenset({"was", "were", "did", "didn't", "wasn't", "weren't", "got"})
_IRREGULAR_PAST = frozenset({  # simple past forms among the irregular verbs (not participles)
    "was", "were", "had", "did", "said", "made", "went", "took", "came", "saw", "knew", "got",
    "gave", "found", "thought", "told", "became", "left", "felt", "brought", "began", "kept",
    "held", "wrote", "stood", "heard", "meant", "met", "ran", "paid", "sat", "spoke", "lay", "led",
    "grew", "lost", "fell", "sent", "built", "understood", "drew", "broke", "spent", "rose",
    "drove", "bought", "wore", "chose", "sought", "threw", "caught", "fought", "taught", "sold",
    "won", "flew", "fled", "shot", "struck", "hid", "stole", "swore", "woke", "bore", "forgot",
    "froze", "sank", "blew", "overthrew", "undertook", "withdrew", "upheld", "sped", "slid", "fed",
    "bled", "dealt", "lent", "bent", "swept", "slept", "wept", "arose", "rode", "shook", "sang",
    "ate", "forgave", "bit", "hung", "dug", "stuck", "spun", "mistook", "overtook", "foresaw",
    "oversaw", "underwent", "slew", "retook", "overran", "rebuilt", "outran", "sprang", "strove",
    "forbade", "misled", "swam", "drank", "rang", "hit", "cut", "put", "set", "let", "shut", "hurt",
    "cost", "spread", "read", "bid", "cast", "burst", "split", "upset", "quit", "beat"})
_MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must",
                     "did", "does", "do", "didn't", "doesn't", "don't", "won't", "wouldn't",
                     "can't", "couldn't", "shouldn't"})
_TIME_ADVERBS = frozenset({"now", "today", "yesterday", "tomorrow", "tonight", "recently",
                           "then", "currently", "lately", "soon", "later", "earlier"})
#: prepositions whose event-noun object takes the date ("during an interview on Thursday",
#: "after the vote on Tuesday"); "filed for bankruptcy on June 3" dates the verb instead
_NOUN_PP_HEADS = frozenset({"during", "after", "before", "since", "until", "till", "following",
                            "amid", "of", "at", "from", "despite", "ahead"})
_PP_SIGNALS = frozenset({"since", "after", "before", "until", "till", "following", "during", "amid"})
_SUBORDINATORS = _set("subordinators")
_RELATIVE = _set("relative_markers")
_COORD = _set("coordinators")
_COMMA_MARKERS = _set("comma_clause_markers")
_DETERMINERS = _set("determiners")
_POSSESSIVES = _set("possessives")
_DEFINITE = _POSSESSIVES | {"the", "this", "that"}
_PRONOUNS = _set("pronouns")
_PREPOSITIONS = _set("prepositions")
_TIME_PREPS = _set("time_prepositions")
_TIME_MODS = _set("time_modifiers")
_LEADING_DROP = _set("phrase_leading_drop")
_TRAILING_DROP = _set("phrase_trailing_drop")
_STEM_SUFFIXES: tuple[str, ...] = tuple(
    sorted(lexicon()["stem_suffixes"], key=len, reverse=True)  # type: ignore[arg-type]
)


#: forms of "be" and verbs that only link a subject to its description: never an event of their
#: own (a light verb such as "was held" hands its event to the noun of its subject)
_POSSESSIVE_MARKS = frozenset({"'s", "'", "’s", "’"})
_COPULAS = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "'m",
                      "seem", "seems", "seemed"})

#: words after which an -ing form is a verb naming an event ("by walking", "after launching")
_ING_PREPOSITIONS = frozenset({"by", "after", "before", "while", "when", "since", "without",
                               "upon", "on", "for", "from", "of", "in", "through", "despite"})


def _ing_base(word: str) -> str | None:
    """The known verb an -ing form is made of ("walking" -> "walk", "taking" -> "take",
    "launching" -> "launch", "planning" -> "plan"), or None."""
    root = word[:-3]
    for base in (root, root + "e", root[:-1] if len(root) > 2 and root[-1] == root[-2] else ""):
        if base in _BASE_VERBS or base in _STATES_AND_SPEECH:
            return base
    return None


def _s_forms(bases: frozenset[str]) -> frozenset[str]:
    forms = set()
    for base in bases:
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            forms.add(base[:-1] + "ies")
        elif base.endswith(("s", "sh", "ch", "x", "z", "o")):
            forms.add(base + "es")
        else:
            forms.add(base + "s")
    return frozenset(forms)


_S_FORMS = _s_forms(_BASE_VERBS | _STATES_AND_SPEECH) | frozenset({"says", "has", "does", "goes"})
_HARD = frozenset({".", "!", "?", ";", ":", "(", ")", "[", "]", "—", "–", '"', "“", "”", "‘", "«", "»"})
_BREAKS = _HARD | {","}
#: the words where a clause may end or begin (the segment scan skips all others)
_SEGMENT_WORDS = _HARD | _SUBORDINATORS | _COORD | _REPORTING | {",", "'"}
#: the words ``SentenceAnalysis._subject_start`` looks at one by one (it steps over the others)
_SUBJECT_MARKS = _BREAKS | _PREPOSITIONS | _COORD | _SUBORDINATORS | _RELATIVE | _PRONOUNS | \
    _DETERMINERS
# words (with inner hyphens, apostrophes, and the dots/commas/colons of "U.S", "1,000", "3:15")
# or single punctuation marks; abbreviations take their full stop afterwards (see _spans)
_TOKEN = re.compile(r"\w+(?:[-'’.,:]\w+)*|[^\w\s]")
# The split patterns try the one-character branch first (the branches start with disjoint
# characters, so the order changes no token, and the short branch is cheaper to try).
if sys.version_info >= (3, 11):  # possessive quantifiers: the same tokens, no backtracking
    _TOKEN_SPLIT = re.compile(r"([^\w\s]|\w++(?:[-'’.,:]\w++)*+)")
    #: the same pattern for lower-cased ASCII text, where \w is [a-z0-9_] (ranges scan faster)
    _ASCII_SPLIT = re.compile(r"([^a-z0-9_\s]|[a-z0-9_]++(?:[-'.,:][a-z0-9_]++)*+)")
else:  # pragma: no cover - Python 3.10
    _TOKEN_SPLIT = re.compile(r"([^\w\s]|\w+(?:[-'’.,:]\w+)*)")
    _ASCII_SPLIT = re.compile(r"([^a-z0-9_\s]|[a-z0-9_]+(?:[-'.,:][a-z0-9_]+)*)")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st gen sen rep gov jr sr prof lt col capt sgt mt ft pres supt jan feb mar apr
    jun jul aug sep sept oct nov dec inc corp co ltd bros ave blvd vol rev adm maj""".split()
)


class Token(NamedTuple):
    """A word or punctuation mark: absolute character span, text and lower-case text."""

    start: int
    end: int
    text: str
    low: str


class Segment(NamedTuple):
    """A clause: token range ``[lo, hi)`` of its sentence and the word that opened it."""

    lo: int
    hi: int
    marker: str | None


class Group(NamedTuple):
    """A verb group: first token (auxiliary or verb), head (main verb), finite or not."""

    first: int
    head: int
    finite: bool


class VerbForm(NamedTuple):
    """What a verb group says about its event.

    Attributes:
        tense: ``past``, ``present``, ``perfect`` (present perfect), ``past_perfect``,
            ``future`` or ``none`` (a non-finite group).
        mood: ``real``, ``negated`` (not/never), ``modal`` (can/may/must/should/could/might)
            or ``hypothetical`` (would).
        state: the head verb names a state (be, have, know, want ...), not an event.
        speech: the head verb names a reporting act (say, tell, announce ...).
        progressive: a form of "be" + -ing ("was hiding").
        attribution: a speech verb that only attributes words ("said", "told"), not an act of
            the story ("announced", "confirmed").
    """

    tense: str
    mood: str
    state: bool
    speech: bool
    progressive: bool
    attribution: bool = False


class Found(NamedTuple):
    """An event found in a sentence: its trigger and its readable phrase.

    Attributes:
        trigger: the verb or event noun naming the event.
        trigger_start: absolute offset of the trigger (the event's identity in the document).
        trigger_end: offset one past the trigger.
        phrase: the trimmed phrase (pieces joined by one space).
        char_start: offset of the phrase's first character.
        char_end: offset one past the phrase's last character.
        kind: ``verb``, ``noun`` or ``other``.
        definite: a noun mention with a definite or possessive determiner ("his recapture").
        lemma: a base form of the trigger ("met" -> "meet").
    """

    trigger: str
    trigger_start: int
    trigger_end: int
    phrase: str
    char_start: int
    char_end: int
    kind: str
    definite: bool = False
    lemma: str = ""


#: ``tuple.__new__``: a :class:`Found` from its fields in order, without NamedTuple's keyword layer
_new_found = tuple.__new__
_new_segment = tuple.__new__
_new_group = tuple.__new__


def _spans(text: str, start: int, stop: int) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and lower-case texts of ``text[start:stop]`` (absolute offsets).

    The token pattern treats upper and lower case alike, so tokenizing the lower-cased text
    gives the same tokens. Splitting on the pattern alternates gaps and tokens, so the running
    sum of the pieces' lengths gives every offset (no per-token Python work).
    """
    sub = text[start:stop]
    if sub.isascii():
        lowered = sub.lower()
        pieces = _ASCII_SPLIT.split(lowered)  # gap, token, gap, token, ..., gap
    else:
        lowered = sub.lower().replace("’", "'")
        if len(lowered) != len(sub):  # a few characters change length when lower-cased
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in sub).replace("’", "'")
        pieces = _TOKEN_SPLIT.split(lowered)
    offsets = list(accumulate(map(len, pieces), initial=start))
    lows = pieces[1::2]
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    if "." in lows:
        _join_abbreviations(starts, ends, lows, lowered, start)
    return starts, ends, lows


#: the longest text :meth:`DocumentTokens.of` tokenizes at once (news articles are far shorter);
#: longer texts tokenize sentence by sentence, so the token lists never outgrow a sentence
DOCUMENT_TOKENS_LIMIT = 200_000


class DocumentTokens(NamedTuple):
    """The tokens of a whole (ASCII) document, tokenized once and shared by its sentences."""

    text: str
    starts: list[int]
    ends: list[int]
    lows: list[str]
    #: per token: its word class (see ``_word_class``) and whether its first letter is a capital
    kinds: list[int]
    capital: list[bool]

    @classmethod
    def of(cls, text: str) -> DocumentTokens | None:
        """Tokenize ``text`` once; ``None`` for non-ASCII text (its sentences tokenize alone:
        lower-casing some characters changes their length or depends on their neighbours) and
        for text longer than :data:`DOCUMENT_TOKENS_LIMIT`."""
        if len(text) > DOCUMENT_TOKENS_LIMIT or not text.isascii():
            return None
        starts, ends, lows = _spans(text, 0, len(text))
        return cls(text, starts, ends, lows, *_flags(text, starts, lows))

    def sentence(self, char_start: int, char_end: int) -> tuple[list[int], list[int], list[str],
                                                                list[int], list[bool]] | None:
        """The tokens of ``text[char_start:char_end]``, exactly as :func:`_spans` gives them, and
        their flags (:func:`_flags`).

        ``None`` when the sentence tokenized alone could differ: a token of the document
        crosses one of its ends, or it ends with a full stop glued to a word that an
        abbreviation would take when the sentence is tokenized alone.
        """
        starts, ends = self.starts, self.ends
        lo = bisect.bisect_left(starts, char_start)
        hi = bisect.bisect_left(starts, char_end, lo)
        if (lo and ends[lo - 1] > char_start) or (hi > lo and ends[hi - 1] > char_end):
            return None
        lows = self.lows[lo:hi]
        if lows and lows[-1] == "." and char_end < len(self.text) and \
                self.text[char_end].isalnum():
            return None
        return starts[lo:hi], ends[lo:hi], lows, self.kinds[lo:hi], self.capital[lo:hi]


def _flags(text: str, starts: list[int], lows: list[str]) -> tuple[list[int], list[bool]]:
    """Per token: its word class (memoized per word) and whether it starts with a capital."""
    # the first characters in one C call (itemgetter of several indices gives a tuple)
    firsts = itemgetter(*starts)(text) if len(starts) > 1 else [text[s] for s in starts]
    return list(map(_CLASS_OF, lows)), list(map(str.isupper, firsts))


def _join_abbreviations(starts: list[int], ends: list[int], lows: list[str], lowered: str,
                        offset: int) -> None:
    """Give "Mr", "Oct", "U.S" their full stop back ("Oct. 23" stays one clause).

    Linear in the number of tokens, however many full stops join (a whole document is
    tokenized at once): the joined stops are dropped in one pass at the end. Each decision
    looks only at the stop, the token before it and the character after it: a joined token
    ends with a full stop after a letter, so it never takes a second one.
    """
    joined: list[int] = []
    size = len(lowered)
    i = 0
    while True:
        try:
            i = lows.index(".", i + 1)  # C-level scan: only full stops are looked at
        except ValueError:
            break
        previous = lows[i - 1]
        if ends[i - 1] == starts[i] and (
            previous in _ABBREVIATIONS or (len(previous) > 2 and previous[-2] == ".")
            or (len(previous) == 1 and previous.isalpha())
        ):
            after = ends[i] - offset
            if after >= size or not lowered[after].isalnum():
                ends[i - 1] = ends[i]
                lows[i - 1] = previous + "."
                joined.append(i)
    if joined:
        for values in (starts, ends, lows):
            kept = values[:joined[0]]  # the pieces between the joined stops, copied in C
            for a, b in zip(joined, islice(joined, 1, None)):
                kept += values[a + 1:b]
            kept += values[joined[-1] + 1:]
            values[:] = kept


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    stop = len(text) if end is None else end
    starts, ends, lows = _spans(text, start, stop)
    return [Token(s, e, text[s:e], low) for s, e, low in zip(starts, ends, lows)]


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude stem for matching mentions of one event ("recaptured", "recapture" -> "recaptur")."""
    low = word.lower()
    low = _IRREGULAR.get(low, low)
    for suffix in _STEM_SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            low = low[: -len(suffix)]
            break
    if low.endswith("e") and len(low) > 4:
        low = low[:-1]
    return low


@lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """A base form good enough for the lexicon's lists ("met" -> "meet", "voted" -> "vote")."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low in _BASE_VERBS or low in _EVENT_NOUNS or low in _STATES_AND_SPEECH:
        return low
    for cut, add in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""),
                     ("s", ""), ("ing", ""), ("ing", "e")):
        if low.endswith(cut):
            candidate = low[: -len(cut)] + add
            if candidate in _BASE_VERBS or candidate in _STATES_AND_SPEECH:
                return candidate
            # a doubled final consonant: "regretted" -> "regret", "planned" -> "plan"
            if not add and len(candidate) > 3 and candidate[-1] == candidate[-2] and \
                    candidate[-1] not in "aeiousl" and candidate[:-1] in _BASE_VERBS | _STATES_AND_SPEECH:
                return candidate[:-1]
    return low


_TO, _FINITE, _IRREGULAR_FORM, _IRREGULAR_AMBIGUOUS, _ED_FORM, _S_FORM = 1, 2, 3, 4, 5, 6
#: lower-case word -> its class (0: never a finite verb form by itself), filled as words are met
class _ClassMemo(dict):  # type: ignore[type-arg]
    """``word -> class``: a miss computes the class (``map(memo.__getitem__, words)`` stays in C)."""

    def __missing__(self, low: str) -> int:
        return _word_class(low)


_CLASSES: dict[str, int] = _ClassMemo()
_CLASS_OF = _CLASSES.__getitem__


def _word_class(low: str) -> int:
    """What a word can be before its neighbours are looked at (see ``_classify``); cached."""
    if low == "to":
        kind = _TO
    elif low in _AUX or low[-3:] == "n't":
        kind = _FINITE
    elif low in _IRREGULAR:
        kind = _IRREGULAR_AMBIGUOUS if low in _AMBIGUOUS else _IRREGULAR_FORM
    elif low[-2:] == "ed":
        kind = _ED_FORM if len(low) > 3 and low.isalpha() and low not in _ED_STOP else 0
    elif low in _S_FORMS:
        kind = _S_FORM
    else:
        kind = 0
    if len(_CLASSES) < 100_000:  # bounded: hostile input cannot grow it without end
        _CLASSES[low] = kind
    return kind


_MEMO_LIMIT = 50_000
#: verb group key (see ``SentenceAnalysis.verb_form``) -> its form
_FORMS: dict[tuple[tuple[str, ...], bool, bool, tuple[str, ...]], VerbForm] = {}


def _verb_form(words: tuple[str, ...], finite: bool, negative_subject: bool,
               after: tuple[str, ...]) -> VerbForm:
    """The :class:`VerbForm` of a verb group's lower-case words (``after``: the two words after
    a head "going")."""
    first = words[0]
    head = words[-1]
    base = lemma(head)
    negated = False
    for word in words:
        if word in _NEGATION or word[-3:] == "n't":
            negated = True
            break
    progressive = len(words) > 1 and head[-3:] == "ing" and head not in _ING_STOP
    if first in _FUTURE_WORDS:
        tense, mood = "future", "real"
    elif first in _MODAL_WORDS:
        tense, mood = "none", ("hypothetical" if first in ("would", "wouldn't", "'d")
                               else "modal")
    else:
        mood = "real"
        if len(words) > 1 and first in _PERFECT_AUX:
            tense = "perfect"
        elif len(words) > 1 and first in _PAST_PERFECT_AUX:
            tense = "past_perfect"
        elif first in _PAST_AUX or (len(words) == 1 and (
                head in _IRREGULAR_PAST or (head[-2:] == "ed" and head not in _ED_STOP))):
            tense = "past"
        elif not finite:
            tense = "none"
        else:
            tense = "present"
        if head == "going" and after[:1] == ("to",):
            # "is going to sign"; "was going to" is a future seen from the past
            if tense == "past":
                mood = "hypothetical"
            tense = "future"
            if len(after) == 2 and lemma(after[1]) in _STATES:
                base = after[1]  # "is going to be": a state
    if not negated and negative_subject:
        negated = True  # "nobody had crossed it"
    if negated and mood == "real":
        mood = "negated"
    return VerbForm(tense, mood, base in _STATES, base in _SPEECH, progressive,
                    base in _ATTRIBUTION)


class SentenceAnalysis:
    """One sentence, tokenized and split into clause segments, with event-finding helpers."""

    __slots__ = ("_breaks", "_candidates", "_finite", "_firsts", "_heads", "_notverb", "_seg_starts", "ends", "groups", "lows",
                 "n", "segments", "sentence_end", "starts", "stops", "text", "time_tokens")

    def __init__(self, text: str, char_start: int, char_end: int,
                 time_spans: list[tuple[int, int]] | tuple[()] = (),
                 document: DocumentTokens | None = None) -> None:
        """Analyse ``text[char_start:char_end]`` (offsets stay absolute).

        ``time_spans`` are the character spans of the time expressions in the sentence: their
        words are never verbs ("May 26") and a clause may open with them ("and two days
        later the president fled"). ``document``: the tokens of the whole ``text``
        (:meth:`DocumentTokens.of`), sliced instead of tokenizing the sentence again.
        """
        self.text = text
        self.sentence_end = char_end
        spans = None if document is None or document.text is not text else \
            document.sentence(char_start, char_end)
        if spans is None:
            self.starts, self.ends, self.lows = _spans(text, char_start, char_end)
            kinds, capital = _flags(text, self.starts, self.lows)
        else:
            self.starts, self.ends, self.lows, kinds, capital = spans
        self.n = len(self.starts)
        self.time_tokens: set[int] = set()
        for span_start, span_end in time_spans:
            lo, hi = self.token_range(span_start, span_end)
            self.time_tokens.update(range(lo, hi))
        self._classify(kinds, capital)
        self.groups = self._verb_groups(0, self.n)
        self._heads = {g.head for g in self.groups}
        self._firsts = {g.first for g in self.groups}
        self.segments = self._segments()
        self._seg_starts = [seg.lo for seg in self.segments]
        #: token indices of commas and hard punctuation (where a verb's phrase stops)
        self._breaks = list(compress(range(self.n), map(_BREAKS.__contains__, self.lows)))
        #: token indices where a phrase must end (signal words of anchored phrases)
        self.stops: set[int] = set()

    # --- token helpers ----------------------------------------------------------------------

    @property
    def tokens(self) -> list[Token]:
        """The tokens as :class:`Token` tuples (built on demand; the analysis uses lists)."""
        text = self.text
        return [Token(s, e, text[s:e], low) for s, e, low in zip(self.starts, self.ends, self.lows)]

    def word(self, i: int) -> str:
        """The text of token ``i``."""
        return self.text[self.starts[i]:self.ends[i]]

    def token_index(self, char: int) -> int:
        """Index of the token that contains or follows absolute offset ``char``."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i >= 0 and self.ends[i] > char:
            return i
        return i + 1

    def token_range(self, char_start: int, char_end: int) -> tuple[int, int]:
        """Token index range ``[lo, hi)`` covering the character span."""
        lo = self.token_index(char_start)
        return lo, max(lo, bisect.bisect_left(self.starts, char_end, lo))

    def segment_at(self, index: int) -> Segment:
        """The clause segment holding token ``index``."""
        if not self.n:
            return Segment(0, 0, None)
        number = bisect.bisect_right(self._seg_starts, min(index, self.n - 1)) - 1
        return self.segments[max(number, 0)]

    def _classify(self, kinds: list[int], capital: list[bool]) -> None:
        """Per token, once: can it not be a verb, and is it a finite verb form?

        Only the tokens whose word may be finite at all (see :func:`_word_class`, memoized per
        word) are looked at one by one, and for "not a verb" (a word of a time expression, or a
        capitalized word inside the sentence) only the capitalized tokens: the other tokens are
        skipped by ``itertools.compress`` over the per-token flags (``kinds``: the word classes,
        ``capital``: a capital first letter; see :func:`_flags`).
        """
        lows = self.lows
        n = self.n
        notverb = [False] * n
        # capitalized words inside the sentence (not after hard punctuation): names, "May 26"
        for i in compress(range(1, n), islice(capital, 1, None)):
            if lows[i - 1] not in _HARD:
                notverb[i] = True
        for i in self.time_tokens:
            if i < n:
                notverb[i] = True
        finite = [False] * n
        candidates: list[int] = []  # finite forms and "to": where verb groups may start
        for i in compress(range(n), kinds):
            kind = kinds[i]
            if kind == _TO:
                candidates.append(i)
                continue
            if notverb[i]:
                continue
            previous = lows[i - 1] if i else ""
            if kind == _FINITE:
                finite[i] = True
            elif kind == _IRREGULAR_FORM or kind == _IRREGULAR_AMBIGUOUS:
                if (previous not in _DETERMINERS or previous == "that") and not (
                    kind == _IRREGULAR_AMBIGUOUS and previous in _PREPOSITIONS
                ):
                    finite[i] = True
            elif kind == _ED_FORM:
                finite[i] = previous not in _DETERMINERS or previous == "that"
            elif i > 0 and previous not in _DETERMINERS and previous not in _PREPOSITIONS \
                    and previous not in _AUX and not finite[i - 1]:  # an -s form
                # "held talks", "raised rates": a noun
                finite[i] = previous in _PRONOUNS or capital[i - 1] or previous.isalnum()
            if finite[i]:
                candidates.append(i)
        self._notverb = notverb
        self._finite = finite
        self._candidates = candidates

    def _not_verb(self, i: int) -> bool:
        """Words of time expressions and capitalized words inside the sentence ("May 26")."""
        return self._notverb[i]

    def finite_at(self, i: int) -> bool:
        """Does a finite verb (auxiliary, past or present form) stand at token ``i``?"""
        return self._finite[i]

    def _verb_groups(self, lo: int, hi: int) -> list[Group]:
        lows = self.lows
        notverb = self._notverb
        groups: list[Group] = []
        consumed = lo
        for i in self._candidates:
            if i < consumed or i < lo:
                continue
            if i >= hi:
                break
            low = lows[i]
            if low == "to":
                if i + 1 < hi and (lows[i + 1] in _BASE_VERBS or lows[i + 1] in _STATES_AND_SPEECH) \
                        and not notverb[i + 1]:
                    groups.append(_new_group(Group, (i, i + 1, False)))
                    consumed = i + 2
                continue
            if low in _AUX or low[-3:] == "n't":
                head = i
                k = i + 1
                while k < hi:
                    nxt = lows[k]
                    if nxt in _ADVERBS or (notverb[k] and nxt in _TIME_ADVERBS):
                        k += 1  # "has now been abandoned"
                        continue
                    if notverb[k]:
                        break
                    if lows[head] in _MODALS and head == i and nxt.isalpha() and \
                            nxt not in _DETERMINERS and nxt not in _PRONOUNS and \
                            nxt not in _PREPOSITIONS and nxt not in _COORD:
                        head = k  # after a modal comes a bare verb: "may show up"
                        k += 1
                        continue
                    if (
                        nxt in _AUX
                        or nxt in _IRREGULAR
                        or nxt in _BASE_VERBS
                        or ((nxt[-2:] in _PARTICIPLE_ENDINGS or nxt[-3:] == "ing") and len(nxt) > 3
                            and nxt.isalpha()
                            and nxt not in _ED_STOP and nxt not in _ING_STOP)
                    ):
                        head = k
                        k += 1
                        continue
                    break
                groups.append(_new_group(Group, (i, head, True)))
                consumed = max(k, i + 1)
                continue
            k = i + 1
            if low in _LINKING and k < hi and not notverb[k] and (
                lows[k] in _IRREGULAR or (lows[k][-2:] == "ed" and lows[k] not in _ED_STOP)
            ):
                k += 1  # "stayed closed", "became involved": one verb group
            groups.append(_new_group(Group, (i, i, True)))
            consumed = k
        return groups

    def _coordinated_clause(self, start: int, i: int) -> bool:
        """Does "and/but" at ``i`` join two clauses (not two nouns: "Germany and the USSR")?

        The left side needs a finite verb; the right side must open with a finite verb, or
        with a subject (pronoun, determiner, name) whose verb follows within a few words,
        appositive commas allowed ("and at 3 p.m. the mayor, Ruth Okafor, closed ...").
        """
        finite = self._finite
        if True not in finite[start:i]:  # no finite verb on the left (a C-level scan)
            return False
        lows = self.lows
        n = self.n
        after = i + 1
        while after < n and (after in self.time_tokens or lows[after] == ","
                             or (lows[after] in _TIME_PREPS and after + 1 in self.time_tokens)):
            after += 1
        if after >= n:
            return False
        if finite[after]:
            return True
        if not (lows[after] in _PRONOUNS or lows[after] in _DETERMINERS
                or self.text[self.starts[after]].isupper()):
            return False
        for k in range(after + 1, min(n, after + 9)):
            if lows[k] in _HARD or lows[k] in _COORD or lows[k] in _SUBORDINATORS:
                return False
            if finite[k]:
                return True
        return False

    def _clause_follows(self, j: int, limit: int = 10) -> bool:
        lows = self.lows
        finite = self._finite
        stop = min(self.n, j + limit)
        k = j
        while k < stop:
            low = lows[k]
            if low == "," or low in _HARD or (low in _SUBORDINATORS and k > j):
                return False
            if k == j and low in _PREPOSITIONS:
                return False
            if finite[k]:
                return True
            k += 1
        return False

    def _segments(self) -> list[Segment]:
        lows = self.lows
        n = self.n
        out: list[Segment] = []
        append = out.append
        start = 0
        marker: str | None = None
        close_at_comma = False
        resume = 0  # the scan looks only at the words where a clause may end or begin
        for i in compress(range(n), map(_SEGMENT_WORDS.__contains__, lows)):
            if i < resume:
                continue
            low = lows[i]
            if low in _HARD or low == "'":
                if i > start:
                    append(_new_segment(Segment, (start, i, marker)))
                start, marker, close_at_comma = i + 1, None, False
                continue
            if low == ",":
                nxt = lows[i + 1] if i + 1 < n else ""
                if nxt in _COMMA_MARKERS and (nxt in _RELATIVE or self._clause_follows(i + 2)):
                    if i > start:
                        append(_new_segment(Segment, (start, i, marker)))
                    start, marker, close_at_comma = i + 2, nxt, nxt in _RELATIVE
                    resume = i + 2
                    continue
                if close_at_comma or (
                    nxt.endswith("ing") and len(nxt) > 4 and nxt not in _EVENT_NOUNS
                ):
                    if i > start:
                        append(_new_segment(Segment, (start, i, marker)))
                    start, marker, close_at_comma = i + 1, ",", False
                continue
            if low in _SUBORDINATORS and self._clause_follows(i + 1):
                prev = lows[i - 1] if i > 0 else ""
                if not (low == "as" and prev in ("such", "well", "as")):
                    if i > start:
                        append(_new_segment(Segment, (start, i, marker)))
                    start, marker = i + 1, low
                    close_at_comma = i == 0 or lows[i - 1] in _HARD
                    continue
            if low in _COORD and i > start and self._coordinated_clause(start, i):
                append(_new_segment(Segment, (start, i, marker)))
                start, marker, close_at_comma = i + 1, low, False
                continue
            if (
                low in _REPORTING
                and i + 1 < n
                and lows[i + 1] != ","
                and lows[i + 1] not in _HARD
                and self._finite[i]
                and self._clause_follows(i + 1, 8)
            ):
                if i + 1 > start:
                    append(_new_segment(Segment, (start, i + 1, marker)))
                start, marker = i + 1, "that"
                if lows[i + 1] == "that":
                    start += 1
                resume = start
                continue
        if n > start:
            append(_new_segment(Segment, (start, n, marker)))
        return out or [Segment(0, n, None)]

    def verb_form(self, g: Group) -> VerbForm:
        """Tense, mood and kind of the verb group ``g`` (set lookups over its few tokens).

        A pure function of the group's words, whether it is finite, whether a negative subject
        ("nobody") precedes it and, after "going", the next two words: memoized on those.
        """
        lows = self.lows
        first, head = g.first, g.head
        word = lows[head]
        after = tuple(lows[head + 1:head + 3]) if word == "going" else ()
        key = ((word,) if first == head else tuple(lows[first:head + 1]), g.finite,
               first > 0 and lows[first - 1] in _NEGATIVE_SUBJECTS, after)
        form = _FORMS.get(key)
        if form is None:
            form = _verb_form(*key)
            if len(_FORMS) >= _MEMO_LIMIT:  # bounded: hostile input cannot grow it without end
                _FORMS.clear()
            _FORMS[key] = form
        return form

    def event_candidates(self, exclude: set[int], known: Container[int] = ()
                         ) -> list[tuple[Found | int, VerbForm | None, Segment]]:
        """Every event mention of the sentence: finite verb groups and event nouns.

        Verb groups come with their :class:`VerbForm` (states are left out: "was", "had",
        "knew"); an event noun ("the crash", "a gun battle") comes with ``None``. Nouns need a
        determiner, possessive or preposition a few words before them and must not be verbs.

        ``known``: trigger offsets of events the caller already has. A candidate whose trigger
        is surely its own word (not a light verb, which may hand its event to a noun) and
        whose offset is in ``known`` comes as that offset (an ``int``) instead of a
        :class:`Found`: its phrase is not built.
        """
        out: list[tuple[Found | int, VerbForm | None, Segment]] = []
        lows = self.lows
        starts = self.starts
        heads = self._heads
        firsts = self._firsts
        nouns = [] if _EVENT_NOUNS.isdisjoint(lows) else \
            list(compress(range(self.n), map(_EVENT_NOUNS.__contains__, lows)))
        previous_form: VerbForm | None = None
        # segment_at, inlined (the sentence has tokens whenever it has a group or a noun)
        segments, seg_starts, last = self.segments, self._seg_starts, self.n - 1
        bisect_right = bisect.bisect_right
        for g in self.groups:
            if not g.finite or g.head in exclude:
                continue
            form: VerbForm | None = None
            head = lows[g.head]
            if head in _CATENATIVE or head in _INTENTION:
                # "he got to meet him", "the merger is expected to close": the infinitive
                follow = next((h for h in self.groups if h.first == g.head + 1 and not h.finite),
                              None)
                if follow is not None:
                    if head in _INTENTION:
                        intention = self.verb_form(g)
                        base = lemma(lows[follow.head])
                        mood = intention.mood if intention.mood != "real" else (
                            "hypothetical" if intention.tense in ("past", "past_perfect")
                            else "real")
                        form = VerbForm("future", mood, base in _STATES, base in _SPEECH, False,
                                        base in _ATTRIBUTION)
                    g = Group(g.first, follow.head, True)
            if form is None:
                form = self.verb_form(g)
            previous_form = form
            # states are events too (TimeML's STATE: "he owns an iPod", "it has two cameras"),
            # except the copula and its kin, whose event is their complement
            if form.state and lows[g.head] in _COPULAS and lows[g.head] not in _LIGHT:
                continue
            seg = segments[max(bisect_right(seg_starts, min(g.head, last)) - 1, 0)]
            if known and starts[g.head] in known and lows[g.head] not in _LIGHT:
                # not a light verb: the trigger is the head and the kind "verb" (a state was
                # left out above)
                out.append((starts[g.head], form, seg))
                continue
            found = self._verb_event(g, seg.lo, seg.hi, exclude)
            if found.kind == "verb" and form.state and lows[g.head] in _COPULAS:
                continue  # "was" with no event noun as subject: a state
            out.append((found, form, seg))
        # ", killing twelve people", "by walking onto the stage", "after launching the phone":
        # a participle clause shares its main clause's tense
        participles: set[int] = set()
        if previous_form is not None:
            after_commas = [i + 1 for i in self._breaks if lows[i] == "," and i + 1 < self.n] \
                if "," in lows else []
            after_commas.extend(i + 1 for i in range(self.n - 1)
                                if lows[i] in _ING_PREPOSITIONS and lows[i + 1][-3:] == "ing")
            for k in after_commas:
                word = lows[k]
                if word[-3:] != "ing" or k in exclude or k in participles or \
                        word in _ING_STOP or _ing_base(word) is None:
                    continue
                seg = self.segment_at(k)
                main = next((g for g in reversed(self.groups) if g.finite and g.head < k), None) \
                    or next((g for g in self.groups if g.finite and g.head > k), None)
                if main is None:
                    continue
                main_form = self.verb_form(main)
                form = VerbForm(main_form.tense, main_form.mood, False, lemma(word) in _SPEECH,
                                False, lemma(word) in _ATTRIBUTION)
                out.append((self._verb_event(Group(k, k, False), k, seg.hi, exclude), form,
                            seg))
                participles.add(k)
            # "returned to the stage to reveal the service", "has begun to sell episodes": an
            # infinitive of purpose or of a phase verb shares its main clause's time
            for g in self.groups:
                if g.finite or g.head in exclude or g.head in participles or \
                        lows[g.head] in _STATES_AND_SPEECH and lows[g.head] not in _SPEECH:
                    continue
                main = next((h for h in reversed(self.groups) if h.finite and h.head < g.first),
                            None)
                if main is None or main.head + 1 == g.first and (
                        lows[main.head] in _CATENATIVE or lows[main.head] in _INTENTION):
                    continue  # "plans to close": the finite group's event already
                main_form = self.verb_form(main)
                base = lows[g.head]
                form = VerbForm(main_form.tense, main_form.mood, False, base in _SPEECH, False,
                                base in _ATTRIBUTION)
                seg = self.segment_at(g.head)
                out.append((self._verb_event(Group(g.head, g.head, False), g.head, seg.hi,
                                             exclude), form, seg))
                participles.add(g.head)
        notverb = self._notverb
        for k in nouns:
            if k in heads or k in firsts or k in exclude or k in participles or \
                    (notverb[k] and k not in self.time_tokens and k > 0):
                continue
            j = k - 1
            licensed = k == 0
            while j >= 0 and j >= k - 3:
                word = lows[j]
                if word in _DETERMINERS or word in _PREPOSITIONS or word in _POSSESSIVES:
                    licensed = word != "to"
                    break
                if j in heads:
                    # the object of a verb: "held talks", "has taken medical leave"
                    licensed = self._finite[j] or lows[j][-2:] in _PARTICIPLE_ENDINGS
                    break
                if word in _POSSESSIVE_MARKS:
                    licensed = True  # "Jobs' death", "the company's launch"
                    break
                if word == "," or word in _HARD or j in heads or j in firsts or \
                        not word[:1].isalnum():
                    break
                j -= 1
            if not licensed:
                continue
            seg = segments[max(bisect_right(seg_starts, min(k, last)) - 1, 0)]
            if known and starts[k] in known:
                out.append((starts[k], None, seg))  # the noun is its own trigger
                continue
            out.append((self._noun_event(k, seg.lo, seg.hi, exclude), None, seg))
        return out

    # --- events -----------------------------------------------------------------------------

    def exclusion(self, spans: list[tuple[int, int]]) -> set[int]:
        """Token indices of the given time-expression spans plus their time prepositions."""
        out: set[int] = set()
        for char_start, char_end in spans:
            lo, hi = self.token_range(char_start, char_end)
            out.update(range(lo, hi))
            k = lo - 1
            steps = 0
            while k >= 0 and steps < 3 and (
                self.lows[k] in _TIME_PREPS or self.lows[k] in _TIME_MODS
                or self.lows[k] == ","
            ):
                if self.lows[k] == "," and not (k + 1 < self.n
                                                      and (k + 1) in out):
                    break
                out.add(k)
                k -= 1
                steps += 1
            if hi < self.n and self.lows[hi] in ("'s", "s"):
                out.add(hi)
        return out

    def event_for_span(self, char_start: int, char_end: int, exclude: set[int]) -> Found | None:
        """The event that the time expression at ``[char_start, char_end)`` dates."""
        if not self.n:
            return None
        lo, hi = self.token_range(char_start, char_end)
        if lo >= self.n:
            return None
        seg = self.segment_at(lo)
        noun = self._noun_for_expression(lo, hi, seg, exclude)
        if noun is not None:
            return self._noun_event(noun, seg.lo, seg.hi, exclude)
        groups = [g for g in self.groups if seg.lo <= g.first < seg.hi and g.head not in exclude]
        inside = [g for g in groups if g.first < lo and g.head >= hi]  # "has now been sold"
        before = [g for g in groups if g.head < lo]
        after = [g for g in groups if g.first >= hi]
        choice = (
            (inside[0] if inside else None)
            or next((g for g in reversed(before) if g.finite), None)
            or (before[-1] if before else None)
            or next((g for g in after if g.finite), None)
            or (after[0] if after else None)
        )
        if choice is not None:
            # "he got to meet him": the infinitive names the event
            if self.lows[choice.head] in _CATENATIVE or self.lows[choice.head] in _INTENTION:
                follow = next((g for g in groups if g.first == choice.head + 1 and not g.finite),
                              None)
                if follow is not None:
                    choice = Group(choice.first, follow.head, True)
            return self._verb_event(choice, seg.lo, seg.hi, exclude)
        for k in range(seg.lo, seg.hi):
            if self.lows[k] in _EVENT_NOUNS and k not in exclude:
                return self._noun_event(k, seg.lo, seg.hi, exclude)
        return self._other_event(seg.lo, seg.hi, exclude)

    def _noun_for_expression(self, lo: int, hi: int, seg: Segment, exclude: set[int]) -> int | None:
        lows = self.lows
        # "<time>'s <event noun>": Tuesday's vote
        if lows[hi - 1].endswith(("'s", "s'")) or (hi < self.n and lows[hi] == "'s"):
            k = hi + (1 if hi < self.n and lows[hi] == "'s" else 0)
            for j in range(k, min(k + 3, seg.hi)):
                if lows[j] in _EVENT_NOUNS:
                    return j
        # "the Oct. 23 slaying", "his Aug. 2 power-grab": a date before the noun it dates
        if lo > seg.lo and lows[lo - 1] in _DETERMINERS:
            head = None
            for j in range(hi, min(hi + 3, seg.hi)):
                word = lows[j]
                if not word[:1].isalpha() or word in _PREPOSITIONS or word in _COORD \
                        or self._finite[j] or j in exclude:
                    break
                head = j
            if head is not None:
                return head
        # "<event noun> (<PP>) on|in|at <time>": an interview on Thursday
        k = lo - 1
        while k >= seg.lo and k in exclude:
            k -= 1
        steps = 0
        head: int | None = None  # "since its founding in 1949": founding
        if k >= seg.lo and lows[k].isalpha() and lows[k] not in _PREPOSITIONS \
                and lows[k] not in _DETERMINERS:
            head = k
        while k >= seg.lo and steps < 5:
            low = lows[k]
            if low == "," or low in _HARD:
                return None
            if low in _PP_SIGNALS and k != head:
                return head
            if k in self._heads or k in self._firsts:
                return None
            if low in _EVENT_NOUNS:
                j = k - 1
                while j >= seg.lo and j > k - 4 and lows[j] not in _DETERMINERS and \
                        lows[j] not in _PREPOSITIONS and lows[j] != ",":
                    j -= 1
                if j >= seg.lo and lows[j] in _DETERMINERS:
                    j -= 1
                in_pp = j >= seg.lo and (lows[j] in _NOUN_PP_HEADS or lows[j] in _SUBORDINATORS)
                verb_before = any(g.finite and seg.lo <= g.head < k for g in self.groups)
                return k if (in_pp or not verb_before) else None
            k -= 1
            steps += 1
        return None

    def anchor_event(self, after_token: int, exclude: set[int]) -> Found | None:
        """The event named by the clause or noun phrase that starts at token ``after_token``.

        The clause runs to the next comma, hard punctuation or subordinate clause; its trigger
        is its first finite verb, else an event noun, else the head of the noun phrase.
        """
        lows = self.lows
        n = self.n
        lo = after_token
        if lo >= n:
            return None
        hi = lo
        while hi < n and lows[hi] != "," and lows[hi] not in _HARD:
            if hi > lo and lows[hi] in _SUBORDINATORS and self._clause_follows(hi + 1):
                break
            hi += 1
        if hi == lo:
            return None
        for g in self.groups:
            if lo <= g.first < hi and g.finite:
                return self._verb_event(g, lo, hi, exclude)
        for k in range(lo, hi):
            if lows[k] in _EVENT_NOUNS and k not in exclude:
                return self._noun_event(k, lo, hi, exclude)
        for g in self.groups:
            if lo <= g.first < hi:
                return self._verb_event(g, lo, hi, exclude)
        # the head noun: the last word before a preposition
        head = -1
        for k in range(lo, hi):
            if k in exclude:
                continue
            if k > lo and lows[k] in _PREPOSITIONS:
                break
            if lows[k][:1].isalnum() and lows[k] not in _DETERMINERS:
                head = k
        if head < 0:
            return None  # nothing but a time expression follows the signal
        return self._noun_event(head, lo, hi, exclude)

    def anchor_clause_end(self, after_token: int) -> int:
        """Token index where the clause starting at ``after_token`` ends (see anchor_event)."""
        lows = self.lows
        hi = after_token
        while hi < self.n and lows[hi] != "," and lows[hi] not in _HARD:
            if hi > after_token and lows[hi] in _SUBORDINATORS and self._clause_follows(hi + 1):
                break
            hi += 1
        return hi

    def governing_event(self, before_token: int, exclude: set[int], skip_to: int) -> Found | None:
        """The clause an event-anchored phrase hangs on.

        The nearest finite verb before token ``before_token`` in the sentence; when there is
        none (the phrase opens the sentence), the first finite verb from ``skip_to`` on.
        """
        candidates = [g for g in self.groups if g.finite and g.head < before_token
                      and g.head not in exclude]
        if not candidates:
            candidates = [g for g in self.groups if g.finite and g.first >= skip_to
                          and g.head not in exclude][:1]
        if not candidates:
            return None
        g = candidates[-1]
        seg = self.segment_at(g.head)
        return self._verb_event(g, seg.lo, seg.hi, exclude)

    # --- phrases ----------------------------------------------------------------------------

    def _verb_event(self, g: Group, lo: int, hi: int, exclude: set[int]) -> Found:
        lows = self.lows
        head = g.head
        # a light verb with an event noun subject: "the vote was held" -> vote
        trigger_index = head
        kind = "verb"
        first = g.first
        subject = self._subject_start(first, lo, exclude)
        if lows[head] in _LIGHT:
            for k in range(subject, first):
                if lows[k] in _EVENT_NOUNS:
                    trigger_index, kind = k, "noun"
            # "the vote, which took place on April 10": the clause is about the noun before it
            if kind == "verb" and subject == first and lo >= 3 and lows[lo - 1] in _RELATIVE \
                    and lows[lo - 2] == "," and (lows[lo - 3] in _EVENT_NOUNS or (
                        lows[head] in _HAPPENING and lows[lo - 3].isalpha()
                        and lows[lo - 3] not in _PRONOUNS
                        and (lows[head] not in ("took", "takes")
                             or (head + 1 < self.n and lows[head + 1] == "place")))):
                noun = lo - 3
                seg = self.segment_at(noun)
                return self._noun_event(noun, seg.lo, seg.hi, exclude)
        limit = min(hi, head + 10)
        if (not exclude and not self.stops) or (
            exclude.isdisjoint(range(subject, limit))
            and self.stops.isdisjoint(range(head + 1, limit))
        ):  # nothing to leave out where the phrase can reach
            return self._contiguous(subject, head, hi, trigger_index, kind)
        included = list(range(subject, head + 1))
        k = head + 1
        taken = 0
        while k < hi and taken < 9:
            low = lows[k]
            if k in self.stops:
                break
            if k in exclude:
                k += 1
                continue
            if low == "," or low in _HARD:
                break
            included.append(k)
            taken += 1
            k += 1
        included = [i for i in included if i not in exclude or i == trigger_index]
        included = self._trim(included, trigger_index)
        definite = kind == "noun" and trigger_index > 0 and lows[trigger_index - 1] in _DEFINITE
        return self._found(included, trigger_index, kind, definite)

    def _contiguous(self, subject: int, head: int, hi: int, trigger: int, kind: str) -> Found:
        """``_verb_event`` when nothing is excluded: the phrase is one run of tokens."""
        lows = self.lows
        limit = min(hi, head + 10)
        breaks = self._breaks
        j = bisect.bisect_right(breaks, head)  # the first comma or hard mark after the head
        end = breaks[j] if j < len(breaks) and breaks[j] < limit else limit
        if end <= head:
            end = head + 1
        a, b = subject, end - 1
        while a < b and a != trigger and (lows[a] in _LEADING_DROP or not lows[a][:1].isalnum()):
            a += 1
        while b > a and b != trigger and (lows[b] in _TRAILING_DROP or not lows[b][:1].isalnum()):
            b -= 1
        starts, ends, text = self.starts, self.ends, self.text
        word = text[starts[trigger]:ends[trigger]]
        definite = kind == "noun" and trigger > 0 and lows[trigger - 1] in _DEFINITE
        return _new_found(Found, (word, starts[trigger], ends[trigger], text[starts[a]:ends[b]],
                                  starts[a], ends[b], kind, definite, lemma(word)))

    def _subject_start(self, first: int, lo: int, exclude: set[int]) -> int:
        lows = self.lows
        heads = self._heads
        start = first
        k = first - 1
        count = 0
        while k >= lo and count < 6:
            low = lows[k]
            if low not in _SUBJECT_MARKS and k not in exclude and k not in heads:
                start = k  # a plain word: every test below passes it
                count += 1
                k -= 1
                continue
            if low == "," or low in _HARD or k in exclude:
                break
            if low in _PREPOSITIONS and low != "of":
                break
            if low in _COORD and k - 1 >= lo and count and lows[k - 1].isalpha() and \
                    lows[k - 1] not in _PREPOSITIONS and k - 1 not in self._heads and \
                    not self._finite[k - 1] and k - 1 not in exclude:
                count += 1  # "Germany and the Soviet Union signed": a coordinated subject
                k -= 1
                continue
            if low in _SUBORDINATORS or low in _COORD or low in _RELATIVE:
                break
            if k in self._heads:
                break
            start = k
            if low in _PRONOUNS:
                break
            if low in _DETERMINERS and not (k > lo and lows[k - 1] in ("of", "and", "or")):
                break
            count += 1
            k -= 1
        return start

    def _noun_event(self, noun: int, lo: int, hi: int, exclude: set[int]) -> Found:
        lows = self.lows
        start = noun
        k = noun - 1
        skipped = 0  # words of a date before the noun: "the Oct. 23 slaying"
        while k >= lo and k > noun - 4 - skipped:
            low = lows[k]
            if k in exclude and lows[k] not in _PREPOSITIONS:
                skipped += 1
                k -= 1
                continue
            if low == "," or low in _HARD or low in _PREPOSITIONS or \
                    low in _SUBORDINATORS or k in self._heads:
                break
            start = k
            if low in _DETERMINERS:
                break
            k -= 1
        included = [i for i in range(start, noun + 1) if i not in exclude]
        k = noun + 1
        while k < hi and k in exclude:
            k += 1
        if k < hi and lows[k] in _PREPOSITIONS and lows[k] not in ("after", "before"):
            pp = [k]
            j = k + 1
            content = False
            while j < hi and len(pp) < 7:
                low = lows[j]
                if j in exclude or low == "," or low in _HARD or j in self._firsts:
                    break
                if content and (low in _DETERMINERS or low in _PREPOSITIONS):
                    break
                if low not in _DETERMINERS:
                    content = True
                pp.append(j)
                j += 1
            if content:
                included.extend(pp)
        included = self._trim(included, noun)
        definite = start < noun and lows[start] in _DEFINITE
        return self._found(included, noun, "noun", definite)

    def _other_event(self, lo: int, hi: int, exclude: set[int]) -> Found | None:
        included = [k for k in range(lo, hi) if k not in exclude
                    and self.lows[k] != "," and self.lows[k] not in _HARD][:10]
        if not included:
            return None
        words = [k for k in included if self.lows[k][:1].isalpha()
                 and self.lows[k] not in _DETERMINERS and self.lows[k] not in _PREPOSITIONS]
        if not words:
            return None
        head = words[0]
        included = self._trim(included, head)
        return self._found(included, head, "other", False)

    def _trim(self, included: list[int], keep: int) -> list[int]:
        lows = self.lows
        while len(included) > 1 and included[0] != keep and (
            lows[included[0]] in _LEADING_DROP or not lows[included[0]][:1].isalnum()
        ):
            included.pop(0)
        while len(included) > 1 and included[-1] != keep and (
            lows[included[-1]] in _TRAILING_DROP
            or not lows[included[-1]][:1].isalnum()
        ):
            included.pop()
        return included

    def _found(self, included: list[int], trigger: int, kind: str, definite: bool) -> Found:
        starts, ends = self.starts, self.ends
        if not included:
            included = [trigger]
        pieces: list[tuple[int, int]] = []  # runs of consecutive tokens
        first = previous = included[0]
        for i in islice(included, 1, None):
            if i != previous + 1:
                pieces.append((starts[first], ends[previous]))
                first = i
            previous = i
        pieces.append((starts[first], ends[previous]))
        text = self.text
        phrase = " ".join([text[s:e] for s, e in pieces])
        word = self.word(trigger)
        return _new_found(Found, (word, starts[trigger], ends[trigger], phrase, pieces[0][0],
                                  pieces[-1][1], kind, definite, lemma(word)))
