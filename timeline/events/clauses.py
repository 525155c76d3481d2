"""Rule-based clause splitting (no NLP library).

A sentence is tokenized once (:class:`SentenceAnalysis`), split into clause segments at
``;``, quotes, ", which/who/while/...", subordinators that introduce a clause (after, before,
when, as, because, since, until ...), "and/but" followed by a clause, and after a reporting verb
that takes a clause ("Penn said | his article failed"). Verbs are found with a list of
auxiliaries, a list of irregular past forms, the "-ed" ending and a list of common news verbs
(all in ``timeline/lexicon/events.json``); event nouns come from the same file
(:mod:`timeline.events.triggers` finds the events, :mod:`timeline.events.phrases` their words).

Everything here works on one sentence at a time in linear time over its tokens. A document
may be tokenized once (:class:`~timeline.events.tokens.DocumentTokens`) and its sentences
analysed on slices of it. Word classes and verb forms are memoized (bounded dictionaries; pure
functions of the words)."""

from __future__ import annotations

import bisect
from itertools import compress, islice

from timeline.events.forms import Group, Segment, VerbForm, cached_form, remember_form
from timeline.events.tokens import DocumentTokens, Token, token_flags, token_spans
from timeline.events.words import (
    ADVERBS,
    AS_NOT_SUBORDINATING_AFTER,
    AUX,
    BASE_VERBS,
    BREAKS,
    COMMA_MARKERS,
    COORD,
    DETERMINERS,
    ED_STOP,
    EVENT_NOUNS,
    HARD,
    ING_STOP,
    IRREGULAR,
    KIND_ED,
    KIND_FINITE,
    KIND_IRREGULAR,
    KIND_IRREGULAR_AMBIGUOUS,
    KIND_PLAIN,
    KIND_TO,
    LINKING,
    MODALS,
    NEGATIVE_SUBJECTS,
    OBJECT_STARTS,
    PARTICIPLE_ENDINGS,
    PLURAL_SUBJECTS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_TOKENS,
    RELATIVE,
    REPORTING,
    SEGMENT_WORDS,
    SPEECH_S_FORMS,
    STORY_STEP_ADVERBS,
    SUBORDINATORS,
    TIME_ADVERBS,
    TIME_MODS,
    TIME_POSSESSIVES,
    TIME_PREPS,
    VERB_BASES,
)

__all__ = ["SentenceAnalysis"]

#: a quotation mark or a comma: where an inverted report follows its quotation
_QUOTES_AND_COMMA = QUOTE_TOKENS | {","}
_new_segment = tuple.__new__
_new_group = tuple.__new__


class SentenceAnalysis:
    """One sentence, tokenized and split into clause segments, with event-finding helpers."""

    __slots__ = ("breaks", "_candidates", "finite", "firsts", "heads", "notverb", "seg_starts", "ends", "groups", "lows",
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
            self.starts, self.ends, self.lows = token_spans(text, char_start, char_end)
            kinds, capital = token_flags(text, self.starts, self.lows)
        else:
            self.starts, self.ends, self.lows, kinds, capital = spans
        self.n = len(self.starts)
        self.time_tokens: set[int] = set()
        for span_start, span_end in time_spans:
            lo, hi = self.token_range(span_start, span_end)
            self.time_tokens.update(range(lo, hi))
        self._classify(kinds, capital)
        self.groups = self._verb_groups(0, self.n)
        self.heads = {g.head for g in self.groups}
        self.firsts = {g.first for g in self.groups}
        self.segments = self._segments()
        self.seg_starts = [seg.lo for seg in self.segments]
        #: token indices of commas and hard punctuation (where a verb's phrase stops)
        self.breaks = list(compress(range(self.n), map(BREAKS.__contains__, self.lows)))
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
        number = bisect.bisect_right(self.seg_starts, min(index, self.n - 1)) - 1
        return self.segments[max(number, 0)]

    def _classify(self, kinds: list[int], capital: list[bool]) -> None:
        """Per token, once: can it not be a verb, and is it a finite verb form?

        Only the tokens whose word may be finite at all (see :func:`_word_class`, memoized per
        word) are looked at one by one, and for "not a verb" (a word of a time expression, or a
        capitalized word inside the sentence) only the capitalized tokens: the other tokens are
        skipped by ``itertools.compress`` over the per-token flags (``kinds``: the word classes,
        ``capital``: a capital first letter; see :func:`token_flags`).
        """
        lows = self.lows
        n = self.n
        notverb = [False] * n
        # capitalized words inside the sentence (not after hard punctuation): names, "May 26"
        for i in compress(range(1, n), islice(capital, 1, None)):
            if lows[i - 1] not in HARD:
                notverb[i] = True
        for i in self.time_tokens:
            if i < n:
                notverb[i] = True
        finite = [False] * n
        candidates: list[int] = []  # finite forms and "to": where verb groups may start
        for i in compress(range(n), kinds):
            kind = kinds[i]
            if kind == KIND_TO:
                candidates.append(i)
                continue
            if notverb[i]:
                continue
            previous = lows[i - 1] if i else ""
            if kind == KIND_FINITE:
                finite[i] = True
            elif kind == KIND_IRREGULAR or kind == KIND_IRREGULAR_AMBIGUOUS:
                if (previous not in DETERMINERS or previous == "that") and not (
                    kind == KIND_IRREGULAR_AMBIGUOUS and previous in PREPOSITIONS
                ):
                    finite[i] = True
            elif kind == KIND_ED:
                finite[i] = previous not in DETERMINERS or previous == "that"
            elif kind == KIND_PLAIN:
                # a plain present form after a plural subject: "they hope", "police admit";
                # after a plural noun only before its object: "analysts expect the trend",
                # "accounting rules require the bank" (then the noun is no -s verb)
                if previous in PLURAL_SUBJECTS:
                    finite[i] = i > 0 and not finite[i - 1]
                elif i + 1 < n and lows[i + 1] in OBJECT_STARTS and previous[-1:] == "s" and \
                        previous[-2:] != "ss" and len(previous) > 3 and previous.isalpha() and \
                        previous not in AUX and previous not in DETERMINERS and \
                        previous not in PREPOSITIONS:
                    finite[i] = True
                    if finite[i - 1]:
                        finite[i - 1] = False
                        candidates.remove(i - 1)
            elif i > 0 and previous not in DETERMINERS and previous not in PREPOSITIONS \
                    and previous not in AUX and not finite[i - 1]:  # an -s form
                # "held talks", "raised rates": a noun; so after a number ("the 1992
                # protests", "10 points")
                finite[i] = previous in PRONOUNS or capital[i - 1] or (
                    previous.isalnum() and not previous.isdigit()) or (
                    # a report after its quotation: '..., " says one official'
                    lows[i] in SPEECH_S_FORMS and previous in _QUOTES_AND_COMMA)
            if finite[i]:
                candidates.append(i)
        self.notverb = notverb
        self.finite = finite
        self._candidates = candidates

    def _not_verb(self, i: int) -> bool:
        """Words of time expressions and capitalized words inside the sentence ("May 26")."""
        return self.notverb[i]

    def finite_at(self, i: int) -> bool:
        """Does a finite verb (auxiliary, past or present form) stand at token ``i``?"""
        return self.finite[i]

    def _verb_groups(self, lo: int, hi: int) -> list[Group]:
        lows = self.lows
        notverb = self.notverb
        groups: list[Group] = []
        consumed = lo
        for i in self._candidates:
            if i < consumed or i < lo:
                continue
            if i >= hi:
                break
            low = lows[i]
            if low == "to":
                if i + 1 < hi and lows[i + 1] in VERB_BASES \
                        and not notverb[i + 1]:
                    groups.append(_new_group(Group, (i, i + 1, False)))
                    consumed = i + 2
                continue
            if low in AUX or low[-3:] == "n't":
                head = i
                k = i + 1
                while k < hi:
                    nxt = lows[k]
                    if nxt in ADVERBS or (notverb[k] and nxt in TIME_ADVERBS):
                        k += 1  # "has now been abandoned"
                        continue
                    if notverb[k]:
                        break
                    if lows[head] in MODALS and head == i and nxt.isalpha() and \
                            nxt not in DETERMINERS and nxt not in PRONOUNS and \
                            nxt not in PREPOSITIONS and nxt not in COORD:
                        head = k  # after a modal comes a bare verb: "may show up"
                        k += 1
                        continue
                    if head != i and lows[head] not in AUX:
                        break  # "was found clinging": the verb after a participle is its own
                    if (
                        nxt in AUX
                        or nxt in IRREGULAR
                        or nxt in BASE_VERBS
                        or ((nxt[-2:] in PARTICIPLE_ENDINGS or nxt[-3:] == "ing") and len(nxt) > 3
                            and nxt.isalpha()
                            and nxt not in ED_STOP and nxt not in ING_STOP)
                    ):
                        head = k
                        k += 1
                        continue
                    break
                groups.append(_new_group(Group, (i, head, True)))
                consumed = max(k, i + 1)
                continue
            k = i + 1
            if low in LINKING and k < hi and not notverb[k] and (
                lows[k] in IRREGULAR or (lows[k][-2:] == "ed" and lows[k] not in ED_STOP)
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
        finite = self.finite
        if True not in finite[start:i]:  # no finite verb on the left (a C-level scan)
            return False
        lows = self.lows
        n = self.n
        after = i + 1
        while after < n and (after in self.time_tokens or lows[after] == ","
                             or (lows[after] in TIME_PREPS and after + 1 in self.time_tokens)
                             # "and two years later it collapsed"
                             or (lows[after] in STORY_STEP_ADVERBS and after - 1 in self.time_tokens)):
            after += 1
        if after >= n:
            return False
        if finite[after]:
            return True
        if not (lows[after] in PRONOUNS or lows[after] in DETERMINERS
                or self.text[self.starts[after]].isupper()):
            return False
        for k in range(after + 1, min(n, after + 9)):
            if lows[k] in HARD or lows[k] in COORD or lows[k] in SUBORDINATORS:
                return False
            if finite[k]:
                return True
        return False

    def clause_follows(self, j: int, limit: int = 10) -> bool:
        """Does a clause (a finite verb before any comma, hard mark or subordinator) start at
        token ``j``, within ``limit`` tokens?"""
        lows = self.lows
        finite = self.finite
        stop = min(self.n, j + limit)
        k = j
        time_tokens = self.time_tokens
        if k in time_tokens:
            # "since 2004 and has been ...": a time phrase, then a coordinator or a break
            while k < self.n and k in time_tokens:
                k += 1
            if k >= self.n or lows[k] in COORD or lows[k] in BREAKS or lows[k] in PREPOSITIONS:
                return False
        while k < stop:
            low = lows[k]
            if low == "," or low in HARD or (low in SUBORDINATORS and k > j):
                return False
            if k == j and low in PREPOSITIONS:
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
        for i in compress(range(n), map(SEGMENT_WORDS.__contains__, lows)):
            if i < resume:
                continue
            low = lows[i]
            if low in HARD or low == "'":
                if i > start:
                    append(_new_segment(Segment, (start, i, marker)))
                start, marker, close_at_comma = i + 1, None, False
                continue
            if low == ",":
                nxt = lows[i + 1] if i + 1 < n else ""
                if nxt in COMMA_MARKERS and (nxt in RELATIVE or self.clause_follows(i + 2)):
                    if i > start:
                        append(_new_segment(Segment, (start, i, marker)))
                    start, marker, close_at_comma = i + 2, nxt, nxt in RELATIVE
                    resume = i + 2
                    continue
                if close_at_comma or (
                    nxt.endswith("ing") and len(nxt) > 4 and nxt not in EVENT_NOUNS
                ):
                    if i > start:
                        append(_new_segment(Segment, (start, i, marker)))
                    start, marker, close_at_comma = i + 1, ",", False
                continue
            if low in SUBORDINATORS and self.clause_follows(i + 1):
                prev = lows[i - 1] if i > 0 else ""
                if not (low == "as" and prev in AS_NOT_SUBORDINATING_AFTER):
                    if i > start:
                        append(_new_segment(Segment, (start, i, marker)))
                    start, marker = i + 1, low
                    close_at_comma = i == 0 or lows[i - 1] in HARD
                    continue
            if low in COORD and i > start and self._coordinated_clause(start, i):
                append(_new_segment(Segment, (start, i, marker)))
                start, marker, close_at_comma = i + 1, low, False
                continue
            if (
                low in REPORTING
                and i + 1 < n
                and lows[i + 1] != ","
                and lows[i + 1] not in HARD
                and self.finite[i]
                and self.clause_follows(i + 1, 8)
            ):
                # "said Friday that ...", "announced yesterday he will ...": the time right
                # after the reporting verb is the report's, not its content's
                after = i + 1
                while after < n and after in self.time_tokens:
                    after += 1
                if after > start:
                    append(_new_segment(Segment, (start, after, marker)))
                start, marker = after, "that"
                if start < n and lows[start] == "that":
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
               first > 0 and lows[first - 1] in NEGATIVE_SUBJECTS, after)
        form = cached_form(key)
        if form is None:
            form = remember_form(key)
        return form

    def exclusion(self, spans: list[tuple[int, int]]) -> set[int]:
        """Token indices of the given time-expression spans plus their time prepositions."""
        out: set[int] = set()
        for char_start, char_end in spans:
            lo, hi = self.token_range(char_start, char_end)
            out.update(range(lo, hi))
            k = lo - 1
            steps = 0
            while k >= 0 and steps < 3 and (
                self.lows[k] in TIME_PREPS or self.lows[k] in TIME_MODS
                or self.lows[k] == ","
            ):
                if self.lows[k] == "," and not (k + 1 < self.n
                                                      and (k + 1) in out):
                    break
                out.add(k)
                k -= 1
                steps += 1
            if hi < self.n and self.lows[hi] in TIME_POSSESSIVES:
                out.add(hi)
        return out
