"""Event candidates of an analysed sentence: finite verb groups, event nouns, -ing forms and
infinitives sharing their main clause's time; the event a time expression dates; the clause an
event-anchored phrase names and the one it hangs on."""

from __future__ import annotations

import bisect
from itertools import compress
from typing import TYPE_CHECKING, Container

from timeline.events.forms import Group, Segment, VerbForm
from timeline.events.phrases import Found, noun_event, other_event, verb_event
from timeline.events.words import (
    ASPECT_ING,
    ATTRIBUTION,
    AUX,
    CATENATIVE,
    COORD,
    COPULAS,
    DETERMINERS,
    EVENT_NOUNS,
    HARD,
    ING_PREPOSITIONS,
    ING_STOP,
    INTENTION,
    LIGHT,
    NOUN_PP_HEADS,
    PARTICIPLE_ENDINGS,
    POSSESSIVE_MARKS,
    POSSESSIVES,
    PP_SIGNALS,
    PREPOSITIONAL_ING,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_TOKENS,
    REDUCED_RELATIVE_FOLLOWERS,
    RELATIVE,
    S_CONTRACTIONS,
    SPEECH,
    STATES,
    STATES_AND_SPEECH,
    SUBORDINATORS,
    ing_base,
    lemma,
    word_set,
)

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.clauses import SentenceAnalysis

#: catenative verbs that are grammar, not events of their own ("got to", "is going to")
_NOT_EVENTS = word_set("catenatives_without_event")

__all__ = [
    "anchor_clause_end", "anchor_event", "event_candidates", "event_for_span",
    "governing_event",
]


def event_candidates(a: SentenceAnalysis, exclude: set[int], known: Container[int] = ()
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
    lows = a.lows
    starts = a.starts
    heads = a.heads
    firsts = a.firsts
    nouns = [] if EVENT_NOUNS.isdisjoint(lows) else \
        list(compress(range(a.n), map(EVENT_NOUNS.__contains__, lows)))
    previous_form: VerbForm | None = None
    # segment_at, inlined (the sentence has tokens whenever it has a group or a noun)
    segments, seg_starts, last = a.segments, a.seg_starts, a.n - 1
    bisect_right = bisect.bisect_right
    for g in a.groups:
        if not g.finite or g.head in exclude:
            continue
        form: VerbForm | None = None
        head = lows[g.head]
        if head in CATENATIVE or head in INTENTION:
            # "he got to meet him", "the merger is expected to close": the infinitive
            follow = next((h for h in a.groups if h.first == g.head + 1 and not h.finite),
                          None)
            if follow is not None:
                own = a.verb_form(g)
                if head not in _NOT_EVENTS and g.head not in exclude:
                    # "began to fall apart", "planned to apply": the aspect or the intention
                    # is an event of its own (TimeML's ASPECTUAL, I_ACTION, I_STATE)
                    seg = segments[max(bisect_right(seg_starts, min(g.head, last)) - 1, 0)]
                    out.append((verb_event(a, Group(g.first, g.head, True), seg.lo, seg.hi,
                                           exclude), own, seg))
                if head in INTENTION:
                    intention = own
                    base = lemma(lows[follow.head])
                    mood = intention.mood if intention.mood != "real" else (
                        "hypothetical" if intention.tense in ("past", "past_perfect")
                        else "real")
                    form = VerbForm("future", mood, base in STATES, base in SPEECH, False,
                                    base in ATTRIBUTION)
                elif head not in _NOT_EVENTS:
                    # "began to fall": the complement is told in the tense of its aspect
                    base = lemma(lows[follow.head])
                    form = VerbForm(own.tense, own.mood, base in STATES, base in SPEECH,
                                    own.progressive, base in ATTRIBUTION)
                g = Group(g.first, follow.head, True)
        if form is None:
            form = a.verb_form(g)
        previous_form = form
        # states are events too (TimeML's STATE: "he owns an iPod", "it has two cameras"),
        # except the copula and its kin, whose event is their complement
        if form.state and lows[g.head] in COPULAS and lows[g.head] not in LIGHT:
            continue
        seg = segments[max(bisect_right(seg_starts, min(g.head, last)) - 1, 0)]
        if known and starts[g.head] in known and lows[g.head] not in LIGHT:
            # not a light verb: the trigger is the head and the kind "verb" (a state was
            # left out above)
            out.append((starts[g.head], form, seg))
            continue
        found = verb_event(a, g, seg.lo, seg.hi, exclude)
        if found.kind == "verb" and form.state and lows[g.head] in COPULAS:
            continue  # "was" with no event noun as subject: a state
        out.append((found, form, seg))
    # ", killing twelve people", "by walking onto the stage", "after launching the phone":
    # a participle clause shares its main clause's tense
    participles: set[int] = set()
    if previous_form is not None:
        after_commas = [i + 1 for i in a.breaks if lows[i] == "," and i + 1 < a.n] \
            if "," in lows else []
        # -ing forms after a preposition (the prepositions found by a C-level scan)
        after_commas.extend(i + 1 for i in compress(range(a.n - 1), map(ING_PREPOSITIONS.__contains__, lows))
                            if lows[i + 1][-3:] == "ing")
        after_commas.extend(_other_participles(a))
        for k in after_commas:
            word = lows[k]
            if word[-3:] != "ing" or k in exclude or k in participles or \
                    word in ING_STOP or ing_base(word) is None:
                continue
            seg = a.segment_at(k)
            main = next((g for g in reversed(a.groups) if g.finite and g.head < k), None) \
                or next((g for g in a.groups if g.finite and g.head > k), None)
            if main is None:
                continue
            main_form = a.verb_form(main)
            form = VerbForm(main_form.tense, main_form.mood, False, lemma(word) in SPEECH,
                            False, lemma(word) in ATTRIBUTION)
            out.append((verb_event(a, Group(k, k, False), k, seg.hi, exclude), form,
                        seg))
            participles.add(k)
        # "returned to the stage to reveal the service", "has begun to sell episodes": an
        # infinitive of purpose or of a phase verb shares its main clause's time
        for g in a.groups:
            if g.finite or g.head in exclude or g.head in participles or \
                    lows[g.head] in STATES_AND_SPEECH and lows[g.head] not in SPEECH:
                continue
            main = next((h for h in reversed(a.groups) if h.finite and h.head < g.first),
                        None)
            if main is None or main.head + 1 == g.first and (
                    lows[main.head] in CATENATIVE or lows[main.head] in INTENTION):
                continue  # "plans to close": the finite group's event already
            main_form = a.verb_form(main)
            base = lows[g.head]
            form = VerbForm(main_form.tense, main_form.mood, False, base in SPEECH, False,
                            base in ATTRIBUTION)
            seg = a.segment_at(g.head)
            out.append((verb_event(a, Group(g.head, g.head, False), g.head, seg.hi,
                                         exclude), form, seg))
            participles.add(g.head)
    notverb = a.notverb
    for k in nouns:
        if k in heads or k in firsts or k in exclude or k in participles or \
                (notverb[k] and k not in a.time_tokens and k > 0):
            continue
        j = k - 1
        licensed = k == 0
        while j >= 0 and j >= k - 3:
            word = lows[j]
            if word in DETERMINERS or word in PREPOSITIONS or word in POSSESSIVES:
                licensed = word != "to"
                break
            if j in heads:
                # the object of a verb: "held talks", "has taken medical leave"
                licensed = a.finite[j] or lows[j][-2:] in PARTICIPLE_ENDINGS
                break
            if word in POSSESSIVE_MARKS or (word[-2:] == "'s" and word[:-2] not in S_CONTRACTIONS):
                licensed = True  # "Jobs' death", "the company's launch", "Albright's visit"
                break
            if word == "," or word in HARD or j in heads or j in firsts or \
                    not word[:1].isalnum():
                break
            j -= 1
        else:
            # "Nearly simultaneous bombings at ...": a bare subject opening the sentence
            licensed = licensed or (j < 0 and lows[k][-1:] == "s")
        if not licensed:
            continue
        seg = segments[max(bisect_right(seg_starts, min(k, last)) - 1, 0)]
        if known and starts[k] in known:
            out.append((starts[k], None, seg))  # the noun is its own trigger
            continue
        out.append((noun_event(a, k, seg.lo, seg.hi, exclude), None, seg))
    return out


def _other_participles(a: SentenceAnalysis) -> list[int]:
    """-ing forms that open a participle clause sharing the main clause's time, besides those
    after a comma or a preposition: the complement of a phase verb ("began trading"), the
    sentence's first word ("Addressing the assembly, ..."), a reduced relative clause after a
    noun or a time ("a sniper hiding in the yard", "a statement Friday saying ...") and a
    participle after a comma and a quotation mark."""
    lows = a.lows
    n = a.n
    ings = [k for k, word in enumerate(lows) if word[-3:] == "ing"]
    if not ings:
        return []
    out: list[int] = []
    heads, finite, time_tokens = a.heads, a.finite, a.time_tokens
    first = 1 if n > 1 and lows[0] in QUOTE_TOKENS else 0
    for k in ings:
        if lows[k] in EVENT_NOUNS and (k == first or k - 1 not in heads):
            continue  # a noun after all: "the clinic bombing in ..." (see the noun scan)
        if k == first:
            out.append(k)
            continue
        if k == 0 or k in heads:
            continue
        previous = lows[k - 1]
        if k - 1 in heads and finite[k - 1]:
            if lemma(previous) in ASPECT_ING:
                out.append(k)  # "began trading", "stopped shipping"
            continue
        if previous in QUOTE_TOKENS and k > 1 and lows[k - 2] == ",":
            out.append(k)  # '... natural habitat," saying'
            continue
        if lows[k] in PREPOSITIONAL_ING or finite[k - 1] or k - 1 in a.firsts:
            continue
        following = lows[k + 1] if k + 1 < n else ""
        if not (following == "" or following in PREPOSITIONS or following in DETERMINERS
                or following in POSSESSIVES or following in REDUCED_RELATIVE_FOLLOWERS
                or not following[:1].isalpha() or k + 1 in time_tokens):
            continue
        if k - 1 in time_tokens or (
                previous.replace("-", "").isalpha() and previous[-2:] != "ly"
                and previous not in DETERMINERS and previous not in PREPOSITIONS
                and previous not in POSSESSIVES and previous not in PRONOUNS
                and previous not in AUX and previous not in COORD
                and previous not in SUBORDINATORS and previous not in RELATIVE
                and previous[-3:] != "ing"):
            out.append(k)  # "a sniper hiding in", "a statement Friday saying"
    return out


def event_for_span(a: SentenceAnalysis, char_start: int, char_end: int, exclude: set[int]) -> Found | None:
    """The event that the time expression at ``[char_start, char_end)`` dates."""
    if not a.n:
        return None
    lo, hi = a.token_range(char_start, char_end)
    if lo >= a.n:
        return None
    seg = a.segment_at(lo)
    fronted = _fronted_clause(a, lo, hi, exclude)
    if fronted is not None:
        head_segment = a.segment_at(fronted.head)
        return verb_event(a, fronted, head_segment.lo, head_segment.hi, exclude)
    noun = _noun_for_expression(a, lo, hi, seg, exclude)
    if noun is not None:
        return noun_event(a, noun, seg.lo, seg.hi, exclude)
    groups = [g for g in a.groups if seg.lo <= g.first < seg.hi and g.head not in exclude]
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
        if a.lows[choice.head] in CATENATIVE or a.lows[choice.head] in INTENTION:
            follow = next((g for g in groups if g.first == choice.head + 1 and not g.finite),
                          None)
            if follow is not None:
                choice = Group(choice.first, follow.head, True)
        return verb_event(a, choice, seg.lo, seg.hi, exclude)
    for k in range(seg.lo, seg.hi):
        if a.lows[k] in EVENT_NOUNS and k not in exclude:
            return noun_event(a, k, seg.lo, seg.hi, exclude)
    return other_event(a, seg.lo, seg.hi, exclude)


def _fronted_clause(a: SentenceAnalysis, lo: int, hi: int, exclude: set[int]) -> Group | None:
    """The verb of the clause a fronted time phrase opens: "... and that as of February, the
    store accounts for 70%" (the phrase follows a clause opener and a comma follows it): the
    first finite verb after the comma, within a few words. None when the phrase is not fronted
    inside the sentence. A phrase that opens the sentence dates the first finite verb after
    its comma only when its own segment holds no verb ("In 1996, following X, Jobs
    returned"); otherwise it is read as before."""
    if hi >= a.n or a.lows[hi] != ",":
        return None
    k = lo - 1
    while k >= 0 and k in exclude:
        k -= 1
    reach = _FRONTED_REACH
    if k < 0:
        # "In 1996, following the purchase of NeXT, Jobs returned": a phrase that opens the
        # sentence and stands alone before its comma dates the main clause after it
        seg = a.segment_at(lo)
        if any(seg.lo <= g.first < seg.hi for g in a.groups):
            return None  # its clause has a verb: read as before
        reach = _OPENING_REACH
    elif a.lows[k] not in _CLAUSE_OPENERS:
        return None
    for g in a.groups:
        if g.first > hi and g.finite:
            return g if g.first - hi <= reach and g.head not in exclude else None
    return None


#: words after which a time phrase and a comma open the next clause
_CLAUSE_OPENERS = word_set("clause_openers")
_FRONTED_REACH = 8
#: how far the main verb may follow a sentence-opening time phrase that stands alone
_OPENING_REACH = 14


def _noun_for_expression(a: SentenceAnalysis, lo: int, hi: int, seg: Segment, exclude: set[int]) -> int | None:
    lows = a.lows
    # "<time>'s <event noun>": Tuesday's vote
    if lows[hi - 1].endswith(("'s", "s'")) or (hi < a.n and lows[hi] == "'s"):
        k = hi + (1 if hi < a.n and lows[hi] == "'s" else 0)
        for j in range(k, min(k + 3, seg.hi)):
            if lows[j] in EVENT_NOUNS:
                return j
    # "the Oct. 23 slaying", "his Aug. 2 power-grab": a date before the noun it dates
    if lo > seg.lo and lows[lo - 1] in DETERMINERS:
        head = None
        for j in range(hi, min(hi + 3, seg.hi)):
            word = lows[j]
            if not word[:1].isalpha() or word in PREPOSITIONS or word in COORD \
                    or word in RELATIVE or word in DETERMINERS or a.finite[j] or j in exclude:
                break  # "the 1996 Olympic bombing that killed": the noun ends before "that"
            head = j
        if head is not None:
            return head
    # "<event noun> (<PP>) on|in|at <time>": an interview on Thursday
    k = lo - 1
    while k >= seg.lo and k in exclude:
        k -= 1
    steps = 0
    head: int | None = None  # "since its founding in 1949": founding
    if k >= seg.lo and lows[k].isalpha() and lows[k] not in PREPOSITIONS \
            and lows[k] not in DETERMINERS:
        head = k
    while k >= seg.lo and steps < 5:
        low = lows[k]
        if low == "," or low in HARD:
            return None
        if low in PP_SIGNALS and k != head:
            return head
        if k in a.heads or k in a.firsts:
            return None
        if low in EVENT_NOUNS:
            j = k - 1
            while j >= seg.lo and j > k - 4 and lows[j] not in DETERMINERS and \
                    lows[j] not in PREPOSITIONS and lows[j] != ",":
                j -= 1
            if j >= seg.lo and lows[j] in DETERMINERS:
                j -= 1
            in_pp = j >= seg.lo and (lows[j] in NOUN_PP_HEADS or lows[j] in SUBORDINATORS)
            verbs_before = [g for g in a.groups if g.finite and seg.lo <= g.head < k]
            # "is slated/scheduled for a release on June 24": the plan is not on that day,
            # the release is ("filed for bankruptcy on June 3" keeps the date on the filing)
            planned = bool(verbs_before) and lows[verbs_before[-1].head] in INTENTION
            return k if (in_pp or not verbs_before or planned) else None
        k -= 1
        steps += 1
    return None


def anchor_event(a: SentenceAnalysis, after_token: int, exclude: set[int]) -> Found | None:
    """The event named by the clause or noun phrase that starts at token ``after_token``.

    The clause runs to the next comma, hard punctuation or subordinate clause; its trigger
    is its first finite verb, else an event noun, else the head of the noun phrase.
    """
    lows = a.lows
    lo = after_token
    if lo >= a.n:
        return None
    hi = anchor_clause_end(a, lo)
    if hi == lo:
        return None
    for g in a.groups:
        if lo <= g.first < hi and g.finite:
            return verb_event(a, g, lo, hi, exclude)
    for k in range(lo, hi):
        if lows[k] in EVENT_NOUNS and k not in exclude:
            return noun_event(a, k, lo, hi, exclude)
    for g in a.groups:
        if lo <= g.first < hi:
            return verb_event(a, g, lo, hi, exclude)
    # the head noun: the last word before a preposition
    head = -1
    for k in range(lo, hi):
        if k in exclude:
            continue
        if k > lo and lows[k] in PREPOSITIONS:
            break
        if lows[k][:1].isalnum() and lows[k] not in DETERMINERS:
            head = k
    if head < 0:
        return None  # nothing but a time expression follows the signal
    return noun_event(a, head, lo, hi, exclude)


def anchor_clause_end(a: SentenceAnalysis, after_token: int) -> int:
    """Token index where the clause starting at ``after_token`` ends (see anchor_event)."""
    lows = a.lows
    hi = after_token
    while hi < a.n and lows[hi] != "," and lows[hi] not in HARD:
        if hi > after_token and lows[hi] in SUBORDINATORS and a.clause_follows(hi + 1):
            break
        hi += 1
    return _noun_phrase_end(a, after_token, hi)


def _noun_phrase_end(a: SentenceAnalysis, lo: int, hi: int) -> int:
    """Where a noun phrase naming an event ends when the main clause follows it with no
    comma: "Since its launch the store has sold ..." (the next word opens a new subject: a
    determiner or a pronoun). ``hi`` otherwise."""
    lows = a.lows
    if lo >= hi or not (lows[lo] in DETERMINERS or lows[lo].endswith(("'s", "s'"))):
        return hi
    for k in range(lo + 1, min(lo + 5, hi - 1)):
        if a.finite[k]:
            return hi
        if lows[k] in EVENT_NOUNS and (lows[k + 1] in DETERMINERS or lows[k + 1] in PRONOUNS):
            return k + 1
    return hi


def governing_event(a: SentenceAnalysis, before_token: int, exclude: set[int], skip_to: int) -> Found | None:
    """The clause an event-anchored phrase hangs on.

    The nearest finite verb before token ``before_token`` in the sentence; when there is
    none (the phrase opens the sentence), the first finite verb from ``skip_to`` on.
    """
    candidates = [g for g in a.groups if g.finite and g.head < before_token
                  and g.head not in exclude]
    if not candidates:
        candidates = [g for g in a.groups if g.finite and g.first >= skip_to
                      and g.head not in exclude][:1]
    if not candidates:
        return None
    g = candidates[-1]
    seg = a.segment_at(g.head)
    return verb_event(a, g, seg.lo, seg.hi, exclude)
