"""What a verb group says about its event: clause segments and verb groups (value types) and
the :class:`VerbForm` (tense, mood, state, speech) of a group's words, memoized."""

from __future__ import annotations

from typing import NamedTuple

from timeline.events.words import (
    ATTRIBUTION,
    ED_STOP,
    FUTURE_WORDS,
    ING_STOP,
    IRREGULAR_PAST,
    MODAL_WORDS,
    NEGATION,
    PAST_AUX,
    PAST_PERFECT_AUX,
    PERFECT_AUX,
    SPEECH,
    STATES,
    lemma,
)

__all__ = ["FormKey", "Group", "Segment", "VerbForm", "cached_form", "remember_form"]


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


_MEMO_LIMIT = 50_000
#: a verb group's lower-case words, finite or not, after a negative subject or not, and the two
#: words after a head "going" (see ``SentenceAnalysis.verb_form``)
FormKey = tuple[tuple[str, ...], bool, bool, tuple[str, ...]]
#: verb group key (see ``SentenceAnalysis.verb_form``) -> its form
_FORMS: dict[FormKey, VerbForm] = {}
#: the form of a verb group key already met, or None (the memo's ``get``: the callers' fast path)
cached_form = _FORMS.get


def remember_form(key: FormKey) -> VerbForm:
    """The form of a verb group key (:func:`_verb_form` of its parts), remembered in a bounded
    memo that :func:`cached_form` reads."""
    form = _verb_form(*key)
    if len(_FORMS) >= _MEMO_LIMIT:  # bounded: hostile input cannot grow it without end
        _FORMS.clear()
    _FORMS[key] = form
    return form


def _verb_form(words: tuple[str, ...], finite: bool, negative_subject: bool,
               after: tuple[str, ...]) -> VerbForm:
    """The :class:`VerbForm` of a verb group's lower-case words (``after``: the two words after
    a head "going")."""
    first = words[0]
    head = words[-1]
    base = lemma(head)
    negated = False
    for word in words:
        if word in NEGATION or word[-3:] == "n't":
            negated = True
            break
    progressive = len(words) > 1 and head[-3:] == "ing" and head not in ING_STOP
    if first in FUTURE_WORDS:
        tense, mood = "future", "real"
    elif first in MODAL_WORDS:
        tense, mood = "none", ("hypothetical" if first in ("would", "wouldn't", "'d")
                               else "modal")
    else:
        mood = "real"
        if len(words) > 1 and first in PERFECT_AUX:
            tense = "perfect"
        elif len(words) > 1 and first in PAST_PERFECT_AUX:
            tense = "past_perfect"
        elif first in PAST_AUX or (len(words) == 1 and (
                head in IRREGULAR_PAST or (head[-2:] == "ed" and head not in ED_STOP))):
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
            if len(after) == 2 and lemma(after[1]) in STATES:
                base = after[1]  # "is going to be": a state
    if not negated and negative_subject:
        negated = True  # "nobody had crossed it"
    if negated and mood == "real":
        mood = "negated"
    return VerbForm(tense, mood, base in STATES, base in SPEECH, progressive,
                    base in ATTRIBUTION)
