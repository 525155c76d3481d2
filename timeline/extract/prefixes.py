"""What a rule can start with, read from its regular expression: the characters
(:func:`first_characters`) and the first words (:func:`first_words`), to index the rules; and
:func:`compile_within`, which compiles a rule inside the matcher's context from the same parse."""

from __future__ import annotations

import functools
import re

__all__ = [
    "ASCII_WORD",
    "MAX_FIRST_WORDS",
    "compile_within",
    "first_characters",
    "first_words",
]

try:  # the parser behind re, to learn which characters a rule can start with, and its compiler
    import re._compiler as _sre_compile  # type: ignore[import-not-found]
    import re._constants as _sre_constants  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # Python 3.10
    import sre_compile as _sre_compile  # type: ignore[no-redef]
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: the flags of the rules' expressions
FLAGS = (re.IGNORECASE | re.VERBOSE).value


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


_MAX_PARSES = 1024
#: pattern -> its parse, read (never changed) by both questions asked of it; filled by
#: :func:`_parsed` and :func:`compile_within`, emptied when it holds _MAX_PARSES
_PARSES: dict[str, tuple[tuple[object, object], ...]] = {}


def _keep(pattern: str, parsed: tuple[tuple[object, object], ...]) -> tuple[tuple[object, object], ...]:
    if len(_PARSES) >= _MAX_PARSES:
        _PARSES.clear()
    _PARSES[pattern] = parsed
    return parsed


def _parsed(pattern: str) -> tuple[tuple[object, object], ...]:
    """The parse of a rule's pattern, once for both questions asked of it."""
    found = _PARSES.get(pattern)
    return found if found is not None else _keep(pattern, tuple(_sre_parse.parse(pattern, FLAGS)))


@functools.lru_cache(maxsize=8)
def _operators(context: str) -> tuple[object, ...]:
    return tuple(op for op, _ in _sre_parse.parse(context, FLAGS))


@functools.lru_cache(maxsize=256)  # the informal matcher shares the rules of the formal one
def compile_within(before: str, pattern: str, after: str) -> re.Pattern[str]:
    """``re.compile(before + "(?:" + pattern + ")" + after, FLAGS)``, its expression parsed
    once: the parser unpacks the group, so the items between those of ``before`` and ``after``
    are the parse of ``pattern``, which answers :func:`first_characters` and :func:`first_words`
    (asked here, before the compilation). Where the parse is not shaped so it compiles with
    :func:`re.compile`. The pattern object is the same but for its ``pattern`` attribute (None)."""
    whole = f"{before}(?:{pattern}){after}"
    try:
        tree = _sre_parse.parse(whole, FLAGS)
        head, tail = _operators(before), _operators(after)
        end = len(tree) - len(tail)
        if tuple(op for op, _ in tree[:len(head)]) + tuple(op for op, _ in tree[end:]) != head + tail:
            return re.compile(whole, FLAGS)
        if pattern not in _PARSES:
            _keep(pattern, tuple(tree[len(head):end]))
        first_characters(pattern)
        first_words(pattern)
        return _sre_compile.compile(tree, FLAGS)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - not as this Python's re is known to be: the public way
        return re.compile(whole, FLAGS)


@functools.lru_cache(maxsize=1024)
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
_COMPLETE, _TRUNCATED = 1, 2  # the status of a finished prefix
MAX_FIRST_WORDS = 5000
#: the first-word prefixes after part of a pattern: (the finished ones, as (prefix, status)
#: with status _COMPLETE or _TRUNCATED; the open ones, whose word may go on)
_WordStates = tuple[frozenset[tuple[str, int]], frozenset[str]]
_NONE: frozenset = frozenset()


def _words_of_sequence(states: _WordStates, items: list[tuple[object, object]]) -> _WordStates | None:
    literal = _sre_constants.LITERAL
    i, count = 0, len(items)
    while i < count:
        if not states[1]:  # every word finished
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
        if found is None or len(found[0]) + len(found[1]) > MAX_FIRST_WORDS:
            return None
        states = found
    return states


def _after_literals(states: _WordStates, run: str) -> _WordStates:
    """``states`` after the literal characters ``run``: each open prefix takes the letters up
    to the first other character, which ends its word."""
    done, growing = states
    stop = next((k for k, char in enumerate(run) if not char.isalpha()), len(run))
    letters = run[:stop].lower()
    if stop == len(run):
        return done, frozenset(prefix + letters for prefix in growing)
    return done | {(prefix + letters, _COMPLETE) for prefix in growing}, _NONE


def _truncated(states: _WordStates) -> _WordStates:
    """``states`` with every open prefix finished as the start of a longer word."""
    done, growing = states
    return done | {(prefix, _TRUNCATED) for prefix in growing}, _NONE


def _words_of_item(states: _WordStates, op: object, arg: object) -> _WordStates | None:
    """``states`` (finished first-word prefixes, open ones) after the pattern item ``op``/``arg``."""
    c = _sre_constants
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero width: trying the rule too often is safe
        return states
    if op is c.SUBPATTERN:
        return _words_of_sequence(states, list(arg[-1]))  # type: ignore[index]
    done, growing = states
    if op is c.BRANCH:
        finished, still = [done], []
        for alternative in arg[1]:  # type: ignore[index]
            more = _words_of_sequence((_NONE, growing), list(alternative))
            if more is None:
                return None
            finished.append(more[0])
            still.append(more[1])
        return frozenset().union(*finished), frozenset().union(*still)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = arg  # type: ignore[misc]
        once = _words_of_sequence((_NONE, growing), list(sub))
        if once is None:
            return None
        if high > 1 and (once[1] or any(status != _COMPLETE or prefix not in growing
                                        for prefix, status in once[0])):
            # a repeat that may go on with letters: the first word is only known to start so
            return _truncated(states)
        return done | once[0], (once[1] | growing if low == 0 else once[1])
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
                return _truncated(states)
    else:
        return _truncated(states)
    return (done | {(prefix, _COMPLETE) for prefix in growing} if other else done,
            frozenset(prefix + letter for prefix in growing for letter in letters))


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
    states = _words_of_sequence((_NONE, frozenset({""})), parsed)
    if states is None:
        return None
    done, growing = states
    whole = frozenset(p for p, status in done if status != _TRUNCATED and p) | {p for p in growing if p}
    prefixes = tuple(sorted(p for p, status in done if status == _TRUNCATED))
    return whole, prefixes
