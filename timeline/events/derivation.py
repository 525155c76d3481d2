"""One key for every noun and verb form of one event ("the resignation", "resigned" -> "resign").

A pure module over three data files of ``timeline/lexicon/``:

* ``event_verbs.txt`` and ``event_nouns.txt``: the verb lemmas and noun forms annotated as
  events in TempEval-3 (made by ``scripts/derive_event_lexicon.py``; see their header lines);
* ``derivations.json``: how an event noun relates to its verb (suffix rules, an irregular list
  and the nouns the rules must leave alone; see its ``"_doc"``);

and of the ``"verbs"`` and ``"irregular"`` lists of ``events.json``.

:func:`event_key` gives a word's canonical key: the lemma of the verb the word is a form of
or derives from, when that verb is a *known verb* (see :func:`known_verbs`); otherwise the
word's own lemma (a singular noun, or the word itself). :func:`verb_lemma` and
:func:`inflect` are the spelling rules it uses (also used by the derivation script).
Everything is memoized or loaded once, lazily.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from functools import lru_cache

from timeline.lexicon import lexicon

__all__ = [
    "event_class",
    "event_key",
    "event_nouns",
    "inflect",
    "is_event_noun",
    "is_event_verb",
    "known_verbs",
    "noun_singular",
    "verb_lemma",
]

_VOWELS = frozenset("aeiou")


def _events_json() -> Mapping[str, object]:
    """``events.json`` (``lexicon().events``)."""
    return lexicon().events


def _derivations() -> Mapping[str, object]:
    """``derivations.json`` (``lexicon().derivations``)."""
    return lexicon().derivations


@lru_cache(maxsize=1)
def _irregular_verbs() -> dict[str, str]:
    """Irregular verb form -> lemma (``events.json`` ``"irregular"``)."""
    value = _events_json()["irregular"]
    assert isinstance(value, dict)
    return {str(k): str(v) for k, v in value.items()}


def event_nouns() -> frozenset[str]:
    """The event noun forms of ``event_nouns.txt`` (``lexicon().event_nouns``)."""
    return lexicon().event_nouns


def _event_verbs() -> frozenset[str]:
    """``event_verbs.txt`` (``lexicon().event_verbs``)."""
    return lexicon().event_verbs


@lru_cache(maxsize=1)
def known_verbs() -> frozenset[str]:
    """The verb lemmas a derivation may end on: ``event_verbs.txt``, the ``"verbs"`` of
    ``events.json``, the lemmas of its ``"irregular"`` map and the verbs of the
    ``"irregular"`` list of ``derivations.json``."""
    listed = _events_json()["verbs"]
    nouns = _derivations()["irregular"]
    assert isinstance(listed, list) and isinstance(nouns, dict)
    return (_event_verbs() | frozenset(listed) | frozenset(_irregular_verbs().values())
            | frozenset(str(verb) for verb in nouns.values()))


def is_event_noun(word: str) -> bool:
    """Whether ``word`` (any case) is a noun form listed in ``event_nouns.txt``."""
    return word.lower() in event_nouns()


def is_event_verb(lemma: str) -> bool:
    """Whether ``lemma`` (a base form, any case) is listed in ``event_verbs.txt``."""
    return lemma.lower() in _event_verbs()


def _cvc_end(stem: str) -> bool:
    """Whether ``stem`` ends in one vowel and one consonant that English doubles (hop, us)."""
    if len(stem) < 2 or stem[-1] in _VOWELS or stem[-1] in "wxy" or stem[-2] not in _VOWELS:
        return False
    return len(stem) == 2 or stem[-3] not in _VOWELS


def _pick(stem: str, is_base: Callable[[str], bool]) -> str | None:
    """The base form behind ``stem`` (a form with -ed/-ing cut off): the stem, the stem with
    its doubled consonant undone, or the stem with a silent e, whichever ``is_base`` knows."""
    plain, with_e = is_base(stem), is_base(stem + "e")
    if plain and with_e:
        # both exist (hop/hope): a doubled consonant would have been written after hop, and
        # a stem ending in a vowel (di, agre) takes its e back
        return stem + "e" if _cvc_end(stem) or stem[-1] in _VOWELS else stem
    if plain:
        return stem
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS and is_base(stem[:-1]):
        return stem[:-1]
    if with_e:
        return stem + "e"
    return None


def verb_lemma(word: str, is_base: Callable[[str], bool] | Container[str]) -> str | None:
    """The lemma of the verb form ``word`` (lower case) by rule, or None.

    Irregular forms come from ``events.json``; otherwise -s/-es/-ies, -ed/-ied and -ing are
    cut (with a doubled consonant undone or a silent e restored) and the result is accepted
    when ``is_base`` (a predicate or a container of base forms) knows it; failing that, the
    word itself when ``is_base`` knows it ("need" is not "ne" + "ed").
    """
    known: Callable[[str], bool] = is_base.__contains__ if isinstance(is_base, Container) else is_base
    irregular = _irregular_verbs()
    if word in irregular:
        return irregular[word]
    stripped = _strip(word, known)
    if stripped is not None:
        return stripped
    return word if known(word) else None


def _strip(word: str, known: Callable[[str], bool]) -> str | None:
    """The known base form left when an inflection ending is cut from ``word``, or None."""
    if word.endswith("ies") and len(word) > 4 and known(word[:-3] + "y"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        if known(word[:-1]):
            return word[:-1]
        if word.endswith("es") and known(word[:-2]):
            return word[:-2]
    if word.endswith("ied") and len(word) > 4 and known(word[:-3] + "y"):
        return word[:-3] + "y"
    if word.endswith("ed") and len(word) > 3:
        found = _pick(word[:-2], known)
        if found:
            return found
    if word.endswith("ying") and len(word) >= 5 and known(word[:-4] + "ie"):
        return word[:-4] + "ie"
    if word.endswith("ing") and len(word) > 4:
        found = _pick(word[:-3], known)
        if found:
            return found
    return None


def inflect(lemma: str) -> tuple[str, str, str]:
    """The regular past, third person and -ing forms of ``lemma`` (plan -> planned, plans,
    planning; try -> tried, tries, trying; hope -> hoped, hopes, hoping).

    Only monosyllables double their last consonant (visit -> visited)."""
    if lemma.endswith("e"):
        if lemma.endswith("ie"):
            ing = lemma[:-2] + "ying"
        elif lemma.endswith(("ee", "ye", "oe")):
            ing = lemma + "ing"
        else:
            ing = lemma[:-1] + "ing"
        return lemma + "d", lemma + "s", ing
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"
    third = lemma + "es" if lemma.endswith(("s", "x", "z", "ch", "sh", "o")) else lemma + "s"
    syllables = sum(1 for i, c in enumerate(lemma) if c in _VOWELS and (i == 0 or lemma[i - 1] not in _VOWELS))
    stem = lemma + lemma[-1] if syllables == 1 and _cvc_end(lemma) else lemma
    return stem + "ed", third, stem + "ing"


def noun_singular(word: str) -> str:
    """``word`` (lower case) without a plural ending (deliveries -> delivery, losses -> loss,
    resignations -> resignation); words that look singular come back unchanged."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "ous")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    return word[:-1]


def _derived_verb(noun: str) -> str | None:
    """The known verb ``noun`` (singular, lower case) derives from by the rules, or None."""
    data = _derivations()
    irregular = data["irregular"]
    assert isinstance(irregular, dict)
    if noun in irregular:
        return str(irregular[noun])
    if noun in _no_verb():
        return None
    known = known_verbs()
    min_stem = int(data["min_stem"])  # type: ignore[call-overload]
    for ending, replacements in _suffix_rules():
        if not noun.endswith(ending) or len(noun) - len(ending) < min_stem:
            continue
        start = noun[: -len(ending)]
        for replacement in replacements:
            candidate = start + replacement
            if candidate in known:
                return candidate
            if len(candidate) > 3 and candidate[-1] == candidate[-2] and candidate[:-1] in known:
                return candidate[:-1]
    return None


@lru_cache(maxsize=1)
def _no_verb() -> frozenset[str]:
    """The nouns the suffix rules must leave alone."""
    value = _derivations()["no_verb"]
    assert isinstance(value, list)
    return frozenset(value)


@lru_cache(maxsize=1)
def _suffix_rules() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The suffix rules, longest ending first (stable for equal lengths)."""
    value = _derivations()["suffix_rules"]
    assert isinstance(value, list)
    rules = [(str(ending), tuple(str(r) for r in reps)) for ending, reps in value]
    return tuple(sorted(rules, key=lambda rule: -len(rule[0])))


@lru_cache(maxsize=16384)
def event_key(word: str) -> str:
    """A canonical key shared by the noun and verb forms of one event.

    "resignation", "resigned", "resigns", "resigning" -> "resign"; "sale", "sold", "sells" ->
    "sell"; "death", "died" -> "die". The key is the lemma of a known verb (see
    :func:`known_verbs`) when the word is a form of it or a noun derived from it; otherwise the
    word's own lemma (the singular of a noun: "nations" -> "nation").
    """
    low = word.lower().strip()
    known = known_verbs()
    if low in known:
        return low
    lemma = verb_lemma(low, known)
    if lemma is not None:
        return lemma
    singular = noun_singular(low)
    derived = _derived_verb(singular)
    if derived is None and singular != low:
        derived = _derived_verb(low)
    return derived if derived is not None else singular


@lru_cache(maxsize=1)
def _synonym_classes() -> dict[str, str]:
    """Event key -> the first key of its synonym class (``derivations.json``
    ``"synonym_classes"``)."""
    classes = _derivations().get("synonym_classes", [])
    assert isinstance(classes, list)
    return {str(key): str(group[0]) for group in classes for key in group}


def event_class(word: str) -> str:
    """The kind of event ``word`` names: its :func:`event_key`, or the first key of its synonym
    class in ``derivations.json`` ("slaying", "murder", "shot" -> "kill"; "unveiled",
    "introduction" -> "announce"). Mentions of one class may refer to one event."""
    key = event_key(word)
    return _synonym_classes().get(key, key)
