"""The word lists of the events layer (``timeline/lexicon/events.json``, and the past forms of
``tense.json``) as sets, and what a word is on its own: crude stems, lemmas and word classes
(memoized; pure functions of the word)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from timeline.events.derivation import event_nouns, known_verbs
from timeline.lexicon import lexicon as _lexicon

__all__ = [
    "word_set",
    "ADVERBS", "AS_NOT_SUBORDINATING_AFTER", "ASPECT_ING", "ATTRIBUTION", "AUX", "BASE_VERBS", "BREAKS", "CATENATIVE", "CLASS_OF",
    "COMMA_MARKERS", "COORD", "COPULAS", "DEFINITE", "DETERMINERS", "ED_STOP", "EVENT_NOUNS",
    "FUTURE_WORDS", "HAPPENING", "HARD", "ING_PREPOSITIONS", "ING_STOP", "INTENTION",
    "IRREGULAR", "IRREGULAR_PAST", "KIND_ED", "KIND_FINITE", "KIND_IRREGULAR",
    "KIND_IRREGULAR_AMBIGUOUS", "KIND_PLAIN", "KIND_S", "KIND_TO", "LEADING_DROP", "LIGHT", "LINKING",
    "MODALS", "MODAL_WORDS", "NEGATION", "NEGATIVE_SUBJECTS", "NOUN_PP_HEADS", "OBJECT_STARTS",
    "PARTICIPLE_ENDINGS", "PAST_AUX", "PAST_PERFECT_AUX", "PERFECT_AUX", "PLURAL_SUBJECTS", "POSSESSIVES", "PREPOSITIONAL_ING", "QUOTE_TOKENS",
    "REDUCED_RELATIVE_FOLLOWERS",
    "POSSESSIVE_MARKS", "PP_SIGNALS", "PREPOSITIONS", "PRONOUNS", "RELATIVE", "REPORTING",
    "S_CONTRACTIONS", "SEGMENT_WORDS", "SPEECH", "SPEECH_S_FORMS", "STATES", "STATES_AND_SPEECH", "STORY_STEP_ADVERBS", "SUBJECT_MARKS",
    "SUBORDINATORS", "TIME_ADVERBS", "TIME_MODS", "TIME_POSSESSIVES", "TIME_PREPS", "TRAILING_DROP", "VERB_BASES", "ing_base", "lemma", "lexicon",
    "stem",
]


def lexicon() -> Mapping[str, Any]:
    """The word lists of ``timeline/lexicon/events.json`` (``timeline.lexicon.lexicon().events``)."""
    return _lexicon().events


def word_set(name: str) -> frozenset[str]:
    """The word list ``name`` of ``timeline/lexicon/events.json`` as a set."""
    return _lexicon().word_set("events", name)


AUX = word_set("auxiliaries")
LIGHT = word_set("light_verbs")
REPORTING = word_set("reporting_verbs")
ADVERBS = word_set("adverbs")
IRREGULAR: dict[str, str] = dict(lexicon()["irregular"])  # type: ignore[arg-type]
_AMBIGUOUS = word_set("ambiguous_past")
ED_STOP = word_set("ed_stoplist")
ING_STOP = word_set("ing_stoplist")
#: verbs: the hand list, the irregular lemmas and the event verbs of the lexicon (from TE3 counts)
BASE_VERBS = word_set("verbs") | frozenset(IRREGULAR.values()) | known_verbs()
EVENT_NOUNS = word_set("event_nouns") | event_nouns()
LINKING = word_set("linking_verbs")
CATENATIVE = word_set("catenative_verbs")
INTENTION = word_set("intention_verbs")
ATTRIBUTION = word_set("attribution_verbs")
PARTICIPLE_ENDINGS = word_set("participle_endings")
STATES = word_set("state_verbs")
#: light verbs that say their subject is an event, whatever the noun ("X, which happened in 2014")
HAPPENING = word_set("happening_verbs")
SPEECH = word_set("speech_verbs")
STATES_AND_SPEECH = STATES | SPEECH
#: every verb the lexicon knows in its base form, states and reporting verbs included
VERB_BASES = BASE_VERBS | STATES_AND_SPEECH
MODAL_WORDS = word_set("modal_words")
FUTURE_WORDS = word_set("future_words")
NEGATION = word_set("negation_words")
NEGATIVE_SUBJECTS = word_set("negative_subjects")
PERFECT_AUX = word_set("perfect_auxiliaries")
PAST_PERFECT_AUX = word_set("past_perfect_auxiliaries")
PAST_AUX = word_set("past_auxiliaries")
#: the simple past forms of irregular verbs: the one list of ``tense.json`` the tense of a clause reads too
IRREGULAR_PAST = _lexicon().word_set("tense", "past")
MODALS = word_set("group_modals")
TIME_ADVERBS = word_set("time_adverbs")
#: prepositions whose event-noun object takes the date ("during an interview on Thursday",
#: "after the vote on Tuesday"); "filed for bankruptcy on June 3" dates the verb instead
NOUN_PP_HEADS = word_set("noun_pp_heads")
PP_SIGNALS = word_set("pp_signals")
SUBORDINATORS = word_set("subordinators")
RELATIVE = word_set("relative_markers")
COORD = word_set("coordinators")
COMMA_MARKERS = word_set("comma_clause_markers")
DETERMINERS = word_set("determiners")
POSSESSIVES = word_set("possessives")
DEFINITE = POSSESSIVES | word_set("definite_determiners")
PRONOUNS = word_set("pronouns")
PREPOSITIONS = word_set("prepositions")
TIME_PREPS = word_set("time_prepositions")
TIME_MODS = word_set("time_modifiers")
LEADING_DROP = word_set("phrase_leading_drop")
TRAILING_DROP = word_set("phrase_trailing_drop")
_STEM_SUFFIXES: tuple[str, ...] = tuple(
    sorted(lexicon()["stem_suffixes"], key=len, reverse=True)  # type: ignore[arg-type]
)


POSSESSIVE_MARKS = word_set("possessive_marks")
#: words whose "'s" is "is", "has" or "us" ("it's", "let's"), not a possessive
S_CONTRACTIONS = word_set("s_contractions")
#: forms of "be" and verbs that only link a subject to its description: never an event of their
#: own (a light verb such as "was held" hands its event to the noun of its subject)
COPULAS = word_set("copulas")

#: words after which an -ing form is a verb naming an event ("by walking", "after launching")
ING_PREPOSITIONS = word_set("ing_prepositions")


def ing_base(word: str) -> str | None:
    """The known verb an -ing form is made of ("walking" -> "walk", "taking" -> "take",
    "launching" -> "launch", "planning" -> "plan"), or None."""
    root = word[:-3]
    for base in (root, root + "e", root[:-1] if len(root) > 2 and root[-1] == root[-2] else ""):
        if base in VERB_BASES:
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


#: present forms read as finite after a subject-like word: the -s forms of known verbs, and
#: a few plain forms that are rarely nouns ("experts say")
_S_FORMS = _s_forms(VERB_BASES) | word_set("irregular_s_forms") | \
    word_set("plural_present_forms")
#: quotation marks as tokens (the tokenizer makes each mark a token of its own)
QUOTE_TOKENS = frozenset({'"', "'", "\u201c", "\u201d"})
#: the -s forms of reporting verbs, finite after a quotation or a comma ('," says one official')
SPEECH_S_FORMS = _s_forms(SPEECH)
#: words after which a plain verb form is a present tense ("they hope", "police admit")
PLURAL_SUBJECTS = word_set("plural_subjects")
#: words that open a verb's object ("analysts expect the trend", "prices rise to")
OBJECT_STARTS = DETERMINERS | word_set("object_starts")
#: phase verbs whose -ing complement is an event ("began trading", "stopped shipping")
ASPECT_ING = word_set("aspect_ing_verbs")
#: -ing forms used as prepositions ("including", "following"): no reduced relative clause
PREPOSITIONAL_ING = word_set("prepositional_ing")
#: words after which an -ing form following a noun opens a reduced relative clause
REDUCED_RELATIVE_FOLLOWERS = word_set("reduced_relative_followers")
HARD = word_set("hard_breaks")
BREAKS = HARD | {","}
#: the words where a clause may end or begin (the segment scan skips all others)
SEGMENT_WORDS = HARD | SUBORDINATORS | COORD | REPORTING | {",", "'"}
#: "later"/"earlier" right after a time expression belong to it ("two years later")
STORY_STEP_ADVERBS = word_set("story_step_adverbs")
#: "as" after these is no subordinator ("such as", "as well as")
AS_NOT_SUBORDINATING_AFTER = word_set("as_not_subordinating_after")
#: the possessive after a time expression ("Tuesday's")
TIME_POSSESSIVES = word_set("time_possessives")
#: the words ``SentenceAnalysis._subject_start`` looks at one by one (it steps over the others)
SUBJECT_MARKS = BREAKS | PREPOSITIONS | COORD | SUBORDINATORS | RELATIVE | PRONOUNS | \
    DETERMINERS


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude stem for matching mentions of one event ("recaptured", "recapture" -> "recaptur")."""
    low = word.lower()
    low = IRREGULAR.get(low, low)
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
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low in VERB_BASES or low in EVENT_NOUNS:
        return low
    for cut, add in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""),
                     ("s", ""), ("ing", ""), ("ing", "e")):
        if low.endswith(cut):
            candidate = low[: -len(cut)] + add
            if candidate in VERB_BASES:
                return candidate
            # a doubled final consonant: "regretted" -> "regret", "planned" -> "plan"
            if not add and len(candidate) > 3 and candidate[-1] == candidate[-2] and \
                    candidate[-1] not in "aeiousl" and candidate[:-1] in VERB_BASES:
                return candidate[:-1]
    return low


KIND_TO, KIND_FINITE, KIND_IRREGULAR, KIND_IRREGULAR_AMBIGUOUS, KIND_ED, KIND_S, KIND_PLAIN = \
    1, 2, 3, 4, 5, 6, 7


#: lower-case word -> its class (0: never a finite verb form by itself), filled as words are met
class _ClassMemo(dict):  # type: ignore[type-arg]
    """``word -> class``: a miss computes the class (``map(memo.__getitem__, words)`` stays in C)."""

    def __missing__(self, low: str) -> int:
        return _word_class(low)


_CLASSES: dict[str, int] = _ClassMemo()
CLASS_OF = _CLASSES.__getitem__


def _word_class(low: str) -> int:
    """What a word can be before its neighbours are looked at (see ``_classify``); cached."""
    if low == "to":
        kind = KIND_TO
    elif low in AUX or low[-3:] == "n't":
        kind = KIND_FINITE
    elif low in IRREGULAR:
        kind = KIND_IRREGULAR_AMBIGUOUS if low in _AMBIGUOUS else KIND_IRREGULAR
    elif low[-2:] == "ed":
        kind = KIND_ED if len(low) > 3 and low.isalpha() and low not in ED_STOP else 0
    elif low in _S_FORMS:
        kind = KIND_S
    elif low in VERB_BASES:
        kind = KIND_PLAIN  # a plain present form: finite only after a plural subject
    else:
        kind = 0
    if len(_CLASSES) < 100_000:  # bounded: hostile input cannot grow it without end
        _CLASSES[low] = kind
    return kind

