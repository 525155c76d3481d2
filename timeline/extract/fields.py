"""The fields of a matched rule: its named groups read as numbers, months, weekdays, units,
parts of day, modifiers and relative words (shared by the productions)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from timeline.lexicon import alternation, word_map, words
from timeline.types import Reading

__all__ = [
    "Groups",
    "Production",
    "approx_of",
    "informal",
    "int_of",
    "is_title",
    "key_of",
    "lookup",
    "mod_of",
    "month_of",
    "number_of",
    "pod_of",
    "rel_offset",
    "two_digit_year",
    "unit_of",
    "weekday_of",
    "with_half",
]


Groups = dict[str, "str | None"]
Production = Callable[..., "tuple[str, Reading] | Reading | None"]

_WS = re.compile(r"\s+")


def key_of(text: str | None) -> str:
    """Lower-case lookup key: folded whitespace, straight apostrophes, no trailing dot."""
    if text is None:
        return ""
    return _WS.sub(" ", text.lower().replace("’", "'")).strip().rstrip(".")


def lookup(table: dict[str, object], text: str | None) -> object | None:
    """``table[text]`` by its lookup key, hyphens and spaces taken as the same; ``None`` if absent."""
    key = key_of(text)
    if key in table:
        return table[key]
    return table.get(key.replace("-", " "), table.get(key.replace(" ", "-")))


def number_of(text: str | None) -> float | None:
    """A number written in digits or words; ``None`` for vague quantities ("several")."""
    if text is None:
        return None
    key = key_of(text).replace(",", "")
    try:
        return float(key)
    except ValueError:
        pass
    fraction = re.fullmatch(r"(\d+)\s*([13])/([24])|(\d+)([½¼¾])", key)
    if fraction:
        if fraction.group(1):
            return int(fraction.group(1)) + int(fraction.group(2)) / int(fraction.group(3))
        return int(fraction.group(4)) + {"½": 0.5, "¼": 0.25, "¾": 0.75}[fraction.group(5)]
    table = words()["numbers"]
    if key in table:
        return float(table[key])
    parts = re.split(r"[\s-]+", key)
    multiplier = _MULTIPLIERS.get(parts[-1]) if len(parts) > 1 else None
    if multiplier:  # "two hundred", "twenty-five thousand"
        head = number_of(" ".join(parts[:-1]))
        return head * multiplier if head is not None else None
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        return float(table[parts[0]] + table[parts[1]])
    return None


_MULTIPLIERS: dict[str, float] = word_map("number_multipliers")


def month_of(groups: Groups, *names: str) -> int | None:
    """The month (1-12) named by the first of the groups ``names`` that matched."""
    for name in names:
        value = groups.get(name)
        if value:
            return int(lookup(words()["months"], value))  # type: ignore[arg-type]
    return None


def int_of(value: str | None) -> int | None:
    """The leading digits of ``value`` as an int, or ``None``."""
    if value is None:
        return None
    digits = re.match(r"\d+", value)
    return int(digits.group(0)) if digits else None


def mod_of(text: str | None) -> str | None:
    """The TIMEX3 modifier (``START``, ``END``, ``APPROX``...) of a modifier word ("early", "about")."""
    if not text:
        return None
    key = key_of(text).rstrip("-")
    key = re.sub(r"^(the )?(very )?", "", key)
    if key.startswith(("beginning", "start", "early", "earlier")):
        return "START"
    if key.startswith(("end", "close", "late", "later")):
        return "END"
    if key.startswith(("mid", "middle")):
        return "MID"
    return None


def approx_of(text: str | None, before: str = "") -> str | None:
    """The mod of an approximator inside the span, else of one TimeBank leaves just outside it
    ("over [three years]")."""
    if text:
        return lookup(words()["approximators"], text) or "APPROX"  # type: ignore[return-value]
    outside = _outside_approximator().search(before)
    return words()["approximators_outside"].get(outside.group(1).lower()) if outside else None


@functools.lru_cache(maxsize=1)
def _outside_approximator() -> re.Pattern[str]:
    """An approximator that TimeBank leaves outside the span, just before it ("over ", "about ")."""
    outside = [word for word in words()["approximators_outside"] if not word.startswith("_")]
    return re.compile(rf"\b({alternation(outside)})\s+\Z", re.IGNORECASE)


def unit_of(text: str | None) -> str | None:
    """The unit (``day``, ``week``, ``year``...) a unit word names, or ``None``."""
    if text is None:
        return None
    return lookup(words()["units"], text)  # type: ignore[return-value]


def weekday_of(text: str | None) -> int | None:
    """The ISO weekday (1-7) of a day name, or ``None``."""
    if not text:
        return None
    return int(lookup(words()["weekdays"], text))  # type: ignore[arg-type]


def pod_of(text: str | None) -> str | None:
    """The TIMEX3 part of day (``MO``, ``AF``, ``EV``, ``NI``...) of a part-of-day word, or ``None``."""
    if not text:
        return None
    return lookup(words()["parts_of_day"], text)  # type: ignore[return-value]


def two_digit_year(text: str) -> tuple[int, bool]:
    """(year, century_from_anchor) for ``'98`` / ``98`` / ``1998``."""
    digits = text.lstrip("'’")
    if len(digits) == 2:
        return int(digits), True
    return int(digits), False


_REL_OFFSET: dict[str, int] = word_map("relative_offsets")


def rel_offset(text: str | None) -> int | None:
    """The offset a relative word gives ("last" -1, "this" 0, "next" 1), or ``None``."""
    if not text:
        return None
    return _REL_OFFSET.get(key_of(text))


def informal(word: str) -> str:
    """The standard spelling of an informal word ("2day" -> "today"), else the word itself."""
    return words()["informal_words"].get(word, word)  # type: ignore[no-any-return]


def with_half(amount: float | None, text: str) -> float | None:
    """``amount`` plus a half when the text says so ("two and a half years", "a day-and-a-half")."""
    if amount is not None and re.search(r"and[\s-]+a[\s-]+half", text, re.IGNORECASE):
        return amount + 0.5
    return amount


def is_title(num_text: str | None, unit_text: str, text: str) -> bool:
    """"60 Minutes", "24 Hours of Le Mans": a capitalised unit after digits is a title; not
    when the whole text shouts ("6 DAYS TO GO") or the unit is glued on ("7Days")."""
    return bool(
        unit_text.istitle() and num_text and num_text[:1].isdigit() and not text.isupper()
        and not re.search(r"\d" + re.escape(unit_text), text)
    )
