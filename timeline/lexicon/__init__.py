"""The one loader of the lexicon: every word list and rule of ``timeline/lexicon/``.

Everything language-specific lives in the data files beside this module: ``words.json`` and
``rules.txt`` (time expressions), ``tense.json`` (the one tense vocabulary: past forms, future
and present cues, read by the tense of a clause and by the events' verb forms),
``events.json``, ``derivations.json``, ``event_nouns.txt`` and ``event_verbs.txt`` (events),
``function_words.txt`` (the English check), ``evaluation.json`` (the word lists of the error
reports). :func:`lexicon` reads the word lists once into one frozen :class:`Lexicon`, through
which every module reads them (:func:`words` is ``lexicon().words``); :func:`load_rules` reads
``rules.txt`` and expands ``{MACRO}`` names in rule patterns into regular-expression
alternations.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from timeline.lexicon.examples import DEFAULT_PUBLISHED, Example, parse_examples

__all__ = [
    "DIMENSIONS",
    "Lexicon",
    "RuleSpec",
    "alternation",
    "data_text",
    "lexicon",
    "load_rules",
    "macros",
    "word_map",
    "words",
]


@attrs.frozen
class RuleSpec:
    """One extraction rule as written in ``rules.txt`` (pattern already macro-expanded).

    ``build`` names a production of :data:`timeline.extract.readings.PRODUCTIONS`; a simple rule
    gives a ``reading`` template instead (:mod:`timeline.extract.templates`). ``dimension`` is
    date, time, duration, set or reference; ``family`` its family in the error report
    (:data:`timeline.evaluation.families.FAMILIES`); ``examples`` carry their expected values
    (:mod:`timeline.lexicon.examples`).
    """

    name: str
    timex_type: str
    build: str | None
    pattern: str
    examples: tuple[Example, ...] = ()
    register: str = "any"  # "informal": only for social-media text (see timeline.extract.is_informal)
    dimension: str = "date"
    family: str = "other"
    reading: str | None = None


#: the dimensions rules are grouped in
DIMENSIONS = ("date", "time", "duration", "set", "reference")


def data_text(name: str) -> str:
    """The text of the lexicon file ``name`` (a file beside this module)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _json(name: str) -> Mapping[str, Any]:
    """The JSON object of the lexicon file ``name``, read-only at its top level."""
    return MappingProxyType(json.loads(data_text(name)))


def _lines(name: str, *, lower: bool = False) -> frozenset[str]:
    """The words of a one-word-a-line lexicon file (blank and ``#`` lines left out)."""
    found = (line.strip() for line in data_text(name).splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(word.lower() for word in found) if lower else frozenset(found)


@attrs.frozen
class Lexicon:
    """Every word list of ``timeline/lexicon/``, read once (:func:`lexicon`).

    Attributes:
        words: ``words.json``: the words of time expressions (months, units, numbers, ...).
        tense: ``tense.json``: the one tense vocabulary (``past`` forms, future and present
            cues, ...), read by :mod:`timeline.resolve.tense` and :mod:`timeline.events.words`.
        events: ``events.json``: the word lists of the events stage.
        derivations: ``derivations.json``: noun <-> verb derivations.
        event_nouns: ``event_nouns.txt``: nouns that name events.
        event_verbs: ``event_verbs.txt``: verbs that name events.
        function_words: ``function_words.txt``: English function words (lower case).
        evaluation: ``evaluation.json``: the word lists of the error reports.
    """

    words: Mapping[str, Any]
    tense: Mapping[str, Any]
    events: Mapping[str, Any]
    derivations: Mapping[str, Any]
    event_nouns: frozenset[str]
    event_verbs: frozenset[str]
    function_words: frozenset[str]
    evaluation: Mapping[str, Any]

    def word_set(self, part: str, name: str) -> frozenset[str]:
        """The list (or the keys of the map) ``name`` of the JSON part ``part`` (``"events"``,
        ``"tense"``, ``"evaluation"``, ``"words"``...) as a set."""
        value = getattr(self, part)[name]
        assert isinstance(value, (list, dict)), f"{part}[{name!r}] is not a list"
        return frozenset(value)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once: the one loader of every word list (do not change its values)."""
    return Lexicon(
        words=_json("words.json"),
        tense=_json("tense.json"),
        events=_json("events.json"),
        derivations=_json("derivations.json"),
        event_nouns=_lines("event_nouns.txt"),
        event_verbs=_lines("event_verbs.txt"),
        function_words=_lines("function_words.txt", lower=True),
        evaluation=_json("evaluation.json"),
    )


def words() -> Mapping[str, Any]:
    """The word lists and maps of ``words.json`` (``lexicon().words``)."""
    return lexicon().words


def word_map(name: str) -> dict[str, Any]:
    """The map ``name`` of ``words.json`` without its ``_doc`` (a fresh dict of it)."""
    return {key: value for key, value in lexicon().words[name].items() if key != "_doc"}


_CHAR_PATTERN = {" ": r"\s+", "'": "['’]", "-": r"[\s-]?", "’": "['’]"}


def _trie_pattern(node: dict[str, dict]) -> str:
    """A regular expression for a character trie: shared prefixes are matched once, so an
    alternation of many words costs a few character tests instead of one test per word."""
    ends = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        branches.append(_CHAR_PATTERN.get(char, re.escape(char)) + _trie_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    if ends:
        body = (body if body.startswith("(?:") and len(branches) > 1 else "(?:" + body + ")") + "?"
    return body


def alternation(items: list[str], *, case_sensitive: bool = False) -> str:
    """A regular expression matching any of ``items`` (compiled as a character trie)."""
    trie: dict[str, dict] = {}
    for item in set(items):
        node = trie
        for char in item:
            node = node.setdefault(char, {})
        node[""] = {}
    body = _trie_pattern(trie)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _cased(forms: list[str]) -> list[str]:
    out = []
    for form in forms:
        out.extend({form.title(), form.upper()})
    return out


@functools.lru_cache(maxsize=1)
def macros() -> dict[str, str]:
    """``{MACRO}`` name -> regular expression, built from the word lists."""
    w = words()
    month_full = [m for m in w["months"] if len(m) > 4 or m in ("june", "july", "may")]
    month_abbr = [m for m in w["months"] if m not in month_full]
    lower_ok = list(w["lower_case_months"])  # where they cannot be ordinary words
    numbers = [n for n in w["numbers"]]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    weekday_full = [d for d in w["weekdays"] if len(d) > 5]
    weekday_abbr = [d for d in w["weekdays"] if len(d) <= 5]
    holidays = list(w["holidays_fixed"]) + list(w["holidays_computed"]) + [k for k in w["named_days"] if k != "_doc"]
    return {
        "MONTH": "(?:" + alternation(_cased(list(w["months"])), case_sensitive=True) + "|" + alternation(lower_ok, case_sensitive=True) + ")",
        "MONTH_FULL": "(?:" + alternation(_cased(month_full), case_sensitive=True) + "|" + alternation(lower_ok, case_sensitive=True) + ")",
        "MONTH_ABBR": alternation(_cased(month_abbr), case_sensitive=True),
        "WEEKDAY": "(?:" + alternation(weekday_full) + r"(?!\w)|" + alternation(_cased(weekday_abbr), case_sensitive=True) + r"\.)",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?!\d)",
        "YEAR_IN_DATE": r"(?:[1-9]\d{3})",
        "SPELLED_YEAR": _SPELLED_YEAR,
        "POD": alternation(list(w["parts_of_day"])),
        "MOD_PREFIX": r"(?:(?:early|late|earlier|later)(?:\s+in(?=\s))?|mid|(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close)\s+of)",
        "SEASON": alternation(list(w["seasons"])),
        "UNIT": alternation(list(w["units"])),
        "UNIT_SINGULAR": alternation([u for u in w["units"] if not u.endswith("s") and len(u) > 3] + ["fortnight"]),
        "NUMBER": rf"(?:(?:(?:{tens})(?:[\s-](?:{ones}))?|" + alternation(numbers)[3:-1] + r")(?:[\s-]+(?:hundred|thousand)(?![\w-]))?)",
        "VAGUE": alternation(w["vague_numbers"]),
        "APPROX": alternation([a for a in w["approximators"] if a not in w["approximators_outside"]]),
        "ORDINAL_WORD": alternation([o for o, n in w["ordinals"].items() if n > 0]),
        "HOLIDAY": alternation(holidays),
        "NOT_YEAR_AFTER": alternation(w["not_years_after"]),
        "REFERENCE": alternation(list(w["references"])),
        "DAY_WORD": alternation(list(w["day_words"]) + [
            k for k, v in w["informal_words"].items() if v in w["day_words"]]),
    }


_SPELLED_ONES = "one|two|three|four|five|six|seven|eight|nine"
_SPELLED_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
#: A year in words: "nineteen ninety-six", "nineteen oh five", "two thousand and eight".
_SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen|twenty)[\s-](?:hundred|oh[\s-](?:{_SPELLED_ONES})|{_SPELLED_TEENS}"
    rf"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:{_SPELLED_ONES}))?)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_SPELLED_TEENS}|{_SPELLED_ONES}|twenty(?:[\s-](?:{_SPELLED_ONES}))?))?)"
)

_MACRO = re.compile(r"\{([A-Z_]+)\}")


@functools.lru_cache(maxsize=1)
def load_rules() -> tuple[RuleSpec, ...]:
    """Every rule of ``rules.txt``, in order, with macros expanded."""
    text = data_text("rules.txt")
    table = macros()
    specs: list[RuleSpec] = []
    for block in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        example_lines: list[str] = []
        key = None
        for line in block.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line[0].isspace() and key is not None:
                if key == "example":
                    example_lines[-1] += " " + line.strip()
                else:
                    fields[key] += " " + line.strip()
                continue
            key, _, value = line.partition(":")
            key = key.strip()
            if key == "example":
                example_lines.append(value.strip())
            else:
                fields[key] = value.strip()
        if not fields:
            continue
        name = fields.get("rule", "?")
        missing = {"rule", "type", "pattern", "dimension", "family"} - fields.keys()
        if missing:
            raise ValueError(f"rules.txt: rule {name!r} lacks {sorted(missing)}")
        if ("build" in fields) == ("reading" in fields):
            raise ValueError(f"rules.txt: rule {name!r} needs one of build: and reading:")
        if fields["dimension"] not in DIMENSIONS:
            raise ValueError(f"rules.txt: rule {name!r} has unknown dimension {fields['dimension']!r}")

        def expand(match: re.Match[str]) -> str:
            macro = match.group(1)
            if macro not in table:
                raise ValueError(f"rules.txt: unknown macro {{{macro}}} in rule {name!r}")
            return table[macro]

        pattern = _MACRO.sub(expand, fields["pattern"])
        published = fields.get("published", DEFAULT_PUBLISHED)
        examples = parse_examples(example_lines, None if published == "-" else published)
        register = fields.get("register", "any")
        if register not in ("any", "informal"):
            raise ValueError(f"rules.txt: rule {name!r} has unknown register {register!r}")
        specs.append(RuleSpec(name, fields["type"], fields.get("build"), pattern, examples, register,
                              fields["dimension"], fields["family"], fields.get("reading")))
    return tuple(specs)
