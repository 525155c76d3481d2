"""What a rule can start with, read from its regular expression: the characters
(:func:`first_characters`) and the first words (:func:`first_words`), to index the rules."""

from __future__ import annotations

import functools
import re

__all__ = [
    "ASCII_WORD",
    "MAX_FIRST_WORDS",
    "first_characters",
    "first_words",
]

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


@functools.lru_cache(maxsize=256)
def _parsed(pattern: str) -> tuple[tuple[object, object], ...]:
    """The parse of a rule's pattern, once for both questions asked of it (read, never
    changed)."""
    return tuple(_sre_parse.parse(pattern, re.IGNORECASE | re.VERBOSE))


def first_characters(pattern: str) -> frozenset[str] | None:
    """The lower-cased characters a match of ``pattern`` can begin with (None: any)."""
    try:
        found, nullable = _first_of_sequence(list(_parsed(pattern)))
    except Exception:  # an unexpected parser shape: be safe, try the rule everywhere
        return None
    if found is None or nullable:
        return None
    return frozenset(ch.lower() for ch in found)


ASCII_WORD = re.compile(r"[A-Za-z]+(?![^\W\d_])")  # a whole run of letters, all of them ASCII
_OPEN, _COMPLETE, _TRUNCATED = 0, 1, 2
MAX_FIRST_WORDS = 5000
_WordStates = frozenset[tuple[str, int]]


def _words_of_sequence(states: _WordStates, items: list[tuple[object, object]]) -> _WordStates | None:
    literal = _sre_constants.LITERAL
    i, count = 0, len(items)
    while i < count:
        if all(status != _OPEN for _, status in states):
            return states
        op, arg = items[i]
        if op is literal:
            # a run of literal characters ("twenty"): the prefixes grow by all of it at once
            # (one set, not one per character; the same states as item by item)
            j = i + 1
            while j < count and items[j][0] is literal:
                j += 1
            found: _WordStates | None = _after_literals(
                states, "".join(chr(code) for _, code in items[i:j]))  # type: ignore[arg-type]
            i = j
        else:
            found = _words_of_item(states, op, arg)
            i += 1
        if found is None or len(found) > MAX_FIRST_WORDS:
            return None
        states = found
    return states


def _after_literals(states: _WordStates, run: str) -> _WordStates:
    """``states`` after the literal characters ``run``: each open prefix takes the letters up
    to the first other character, which ends its word."""
    stop = next((k for k, char in enumerate(run) if not char.isalpha()), len(run))
    letters = run[:stop].lower()
    status = _OPEN if stop == len(run) else _COMPLETE
    return frozenset(
        (prefix + letters, status) if state == _OPEN else (prefix, state)
        for prefix, state in states
    )


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
        grown = set(growing)  # membership below: a set, not the list (rules with 1,500 words)
        if high > 1 and any(status != _COMPLETE or prefix not in grown for prefix, status in once):
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
        parsed = list(_parsed(pattern))
    except Exception:  # an unexpected parser shape: be safe, try the rule everywhere
        return None
    states = _words_of_sequence(frozenset({("", _OPEN)}), parsed)
    if states is None:
        return None
    whole = frozenset(p for p, status in states if status != _TRUNCATED and p)
    prefixes = tuple(sorted(p for p, status in states if status == _TRUNCATED))
    return whole, prefixes
