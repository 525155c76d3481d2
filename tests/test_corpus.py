"""The examples corpus: rules as data, examples as tests.

The cases are the examples with values of the rule records (``timeline/lexicon/rules.txt``,
see :mod:`timeline.lexicon.examples`), each found by its own rule, and the cases that belong to
no one rule: every ``tests/corpus/*.tsv`` file holds cases ``published, context, text, type,
value`` (see ``tests/corpus/README.md``). Two kinds of tests run here:

* ``test_corpus_format`` and friends check the files themselves (columns, known types, TIMEX3 value
  syntax, the text occurring in its context, publication dates that parse). They must always pass.
* ``test_case`` (marker ``corpus``) runs one case per test id ``file.tsv:line``: it builds the
  context's timeline and checks that an expression spans exactly the case's text with the expected
  TIMEX3 type and value, or, for a ``NONE`` case, that no expression overlaps the text.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest

import timeline
from timeline.lexicon import DIMENSIONS, load_rules
from timeline.types import Expression

__all__ = [
    "CORPUS_DIR",
    "HEADER",
    "TYPES",
    "Case",
    "describe",
    "load_corpus",
    "record_cases",
    "locate",
    "value_is_valid",
]

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
HEADER = ("published", "context", "text", "type", "value")
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET", "NONE"})

_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?=[\dXT])(?:{_NUM}Y)?(?:{_NUM}M)?(?:{_NUM}W)?(?:{_NUM}D)?"
    rf"(?:T(?=[\dX])(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?"
)
_PART_OF_DAY = r"(?:MO|MI|AF|EV|NI|DT)"
_CLOCK = r"\d{2}:\d{2}(?::\d{2})?"
_DAY = r"\d{4}-\d{2}-\d{2}"
_VALUE_PATTERNS: dict[str, re.Pattern[str]] = {
    "DATE": re.compile(
        r"(?:PAST_REF|PRESENT_REF|FUTURE_REF"
        r"|(?:BC)?(?=\d)(?:\d{2}|\d{3}"  # century (18 = the 1800s), decade (199 = the 1990s)
        r"|\d{4}(?:-\d{2}(?:-(?:\d{2}|XX))?)?"  # year, month, day (XX: some day of that month)
        r"|\d{4}-W\d{2}(?:-WE)?"  # ISO week, weekend
        r"|\d{4}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)))\Z"  # BC before any of them: a date before Christ
    ),
    "TIME": re.compile(rf"{_DAY}T(?:{_CLOCK}|{_PART_OF_DAY})\Z"),
    "DURATION": re.compile(rf"{_DURATION}\Z"),
    "SET": re.compile(
        rf"(?:{_DURATION}"
        rf"|XXXX-WXX-(?:[1-7](?:T(?:{_CLOCK}|{_PART_OF_DAY}))?|WE)"
        r"|XXXX-\d{2}(?:-\d{2})?"
        r"|XXXX-(?:SP|SU|FA|WI))\Z"
    ),
}


@attrs.frozen
class Case:
    """One line of a corpus file.

    Attributes:
        file: the file name, e.g. ``weekday.tsv``.
        line: the 1-based line number in that file.
        published: the publication date, or ``None`` for ``-``.
        context: the article text the case is run on.
        text: the expected extent (its first whole-word occurrence in ``context``).
        timex_type: DATE, TIME, DURATION, SET, or NONE for a negative.
        value: the expected TIMEX3 value (empty for a negative).
        rule: for an example of a rule record, the rule that must find it (``file`` is then
            ``rules.txt`` and ``line`` the example's number in its record).
    """

    file: str
    line: int
    published: str | None
    context: str
    text: str
    timex_type: str
    value: str
    rule: str | None = None

    @property
    def id(self) -> str:
        """The test id: ``file.tsv:line``, or ``rules.txt[rule]:n`` for a record's example."""
        if self.rule is not None:
            return f"{self.file}[{self.rule}]:{self.line}"
        return f"{self.file}:{self.line}"


def locate(context: str, text: str) -> tuple[int, int] | None:
    """The span of the first occurrence of ``text`` in ``context`` that is not inside a word.

    An occurrence counts when the characters around it do not continue a word (so the "a" of
    "made" is skipped when looking for the article "a"). ``None`` when there is none.
    """
    start = 0
    while text:
        i = context.find(text, start)
        if i < 0:
            return None
        j = i + len(text)
        before_ok = i == 0 or not (text[0].isalnum() and context[i - 1].isalnum())
        after_ok = j == len(context) or not (text[-1].isalnum() and context[j].isalnum())
        if before_ok and after_ok:
            return i, j
        start = i + 1
    return None


def value_is_valid(timex_type: str, value: str) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value for ``timex_type`` (empty for NONE)."""
    if timex_type == "NONE":
        return value == ""
    pattern = _VALUE_PATTERNS.get(timex_type)
    return pattern is not None and pattern.match(value) is not None


def _parse_file(path: Path) -> tuple[list[Case], list[str]]:
    """The cases of one file and the format problems found in it."""
    cases: list[Case] = []
    problems: list[str] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        problems.append(f"{path.name}:1: header must be {chr(9).join(HEADER)!r}")
        return cases, problems
    for number, raw in enumerate(lines[1:], start=2):
        where = f"{path.name}:{number}"
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) != len(HEADER):
            problems.append(f"{where}: {len(fields)} tab-separated fields, expected {len(HEADER)}")
            continue
        published, context, text, timex_type, value = fields
        if any(f != f.strip() for f in fields):
            problems.append(f"{where}: a field has leading or trailing spaces")
        if published != "-":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
                problems.append(f"{where}: published {published!r} is not YYYY-MM-DD or '-'")
            else:
                try:
                    dt.date.fromisoformat(published)
                except ValueError as exc:
                    problems.append(f"{where}: published {published!r}: {exc}")
        if timex_type not in TYPES:
            problems.append(f"{where}: unknown type {timex_type!r}")
        elif not value_is_valid(timex_type, value):
            problems.append(f"{where}: {value!r} is not a valid {timex_type} value")
        if not context or not text:
            problems.append(f"{where}: empty context or text")
        elif locate(context, text) is None:
            problems.append(f"{where}: text {text!r} does not occur in the context")
        cases.append(
            Case(
                file=path.name,
                line=number,
                published=None if published == "-" else published,
                context=context,
                text=text,
                timex_type=timex_type,
                value=value,
            )
        )
    return cases, problems


def load_corpus(directory: Path = CORPUS_DIR) -> tuple[list[Case], list[str]]:
    """Every case of every ``*.tsv`` file in ``directory``, and the format problems found."""
    cases: list[Case] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.tsv")):
        file_cases, file_problems = _parse_file(path)
        cases.extend(file_cases)
        problems.extend(file_problems)
    return cases, problems


def record_cases() -> tuple[list[Case], list[str]]:
    """The examples with values of every rule record, as cases, and the problems found."""
    cases: list[Case] = []
    problems: list[str] = []
    for rule in load_rules():
        for number, example in enumerate(rule.examples, start=1):
            if example.value is None:
                continue
            case = Case("rules.txt", number, example.published, example.context, example.text,
                        example.timex_type or rule.timex_type, example.value, rule.name)
            if not value_is_valid(case.timex_type, case.value):
                problems.append(f"{case.id}: {case.value!r} is not a valid {case.timex_type} value")
            cases.append(case)
    return cases, problems


_TSV_CASES, _TSV_PROBLEMS = load_corpus()
_RECORD_CASES, _RECORD_PROBLEMS = record_cases()
CASES, PROBLEMS = _RECORD_CASES + _TSV_CASES, _RECORD_PROBLEMS + _TSV_PROBLEMS


def describe(expression: Expression) -> str:
    """A one-line description of a found expression for failure messages."""
    mention = expression.mention
    return (
        f"{mention.text!r} [{mention.char_start}:{mention.char_end}] "
        f"{expression.time.timex_type} {expression.time.value} (rule {mention.rule}, "
        f"anchor {expression.anchor})"
    )


# ---------------------------------------------------------------- format: must always pass


def test_corpus_format() -> None:
    """Every corpus line is well formed: columns, type, value syntax, text in context, date."""
    assert not PROBLEMS, "corpus format problems:\n" + "\n".join(PROBLEMS)


def test_corpus_size_and_families() -> None:
    """The corpus covers every dimension and family of the rules, with enough positive and
    negative cases."""
    assert (CORPUS_DIR / "negatives.tsv").exists()
    rules = {rule.name: rule for rule in load_rules()}
    by_dimension = Counter(rules[case.rule].dimension for case in _RECORD_CASES if case.rule)
    assert all(by_dimension[dimension] >= 5 for dimension in DIMENSIONS), by_dimension
    by_family = Counter(rules[case.rule].family for case in _RECORD_CASES if case.rule)
    assert set(by_family) == {rule.family for rule in rules.values()}, by_family
    per_file = Counter(case.file for case in _TSV_CASES)
    assert all(count >= 10 for count in per_file.values()), per_file
    assert len(CASES) >= 350
    assert sum(case.timex_type == "NONE" for case in CASES) >= 40
    types = Counter(case.timex_type for case in CASES)
    assert {"DATE", "TIME", "DURATION", "SET", "NONE"} <= set(types)


def test_corpus_has_no_duplicates() -> None:
    """No case appears twice (same publication date, context and text)."""
    seen = Counter((case.published, case.context, case.text) for case in CASES)
    duplicates = [key for key, count in seen.items() if count > 1]
    assert not duplicates, duplicates


def test_locate_skips_occurrences_inside_words() -> None:
    """The first whole-word occurrence is the one meant."""
    assert locate("The mayor made a promise.", "a") == (15, 16)
    assert locate("Prices may rise in May.", "May") == (19, 22)
    assert locate("It cost $2016 in total.", "$2016") == (8, 13)
    assert locate("No match here.", "May") is None


@pytest.mark.parametrize(
    ("timex_type", "value", "valid"),
    [
        ("DATE", "2016-01-09", True),
        ("DATE", "2016-W01", True),
        ("DATE", "2016-W02-WE", True),
        ("DATE", "199", True),
        ("DATE", "2016-Q3", True),
        ("DATE", "PAST_REF", True),
        ("DATE", "2016-1-9", False),
        ("TIME", "2016-01-14TNI", True),
        ("TIME", "2016-01-15T15:00", True),
        ("TIME", "2016-01-15", False),
        ("DURATION", "PTXH", True),
        ("DURATION", "P2Y6M", True),
        ("DURATION", "PT1H30M", True),
        ("DURATION", "P", False),
        ("DURATION", "P6", False),
        ("SET", "XXXX-WXX-4", True),
        ("SET", "P1D", True),
        ("SET", "XXXX-WXX-2TNI", True),
        ("NONE", "", True),
        ("NONE", "2016", False),
        ("WEEK", "2016-W01", False),
    ],
)
def test_value_syntax(timex_type: str, value: str, valid: bool) -> None:
    """The value checker accepts TIMEX3 values and rejects malformed ones."""
    assert value_is_valid(timex_type, value) is valid


# ---------------------------------------------------------------- the cases themselves


def _build(case: Case) -> Sequence[Expression]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        result = timeline.build(case.context, published=case.published or None)
    return result.expression_list


@pytest.mark.corpus
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case: Case) -> None:
    """The resolver finds the case's expression with the expected type and value."""
    span = locate(case.context, case.text)
    assert span is not None, f"{case.id}: text not in context (see test_corpus_format)"
    start, end = span
    found = _build(case)
    overlapping = [e for e in found if e.mention.char_start < end and start < e.mention.char_end]
    header = (
        f"{case.id}: published={case.published or '-'} context={case.context!r}\n"
        f"  expected {case.text!r} [{start}:{end}] {case.timex_type} {case.value}\n"
    )
    if case.timex_type == "NONE":
        assert not overlapping, header + "  but found: " + "; ".join(map(describe, overlapping))
        return
    exact = [e for e in overlapping if (e.mention.char_start, e.mention.char_end) == (start, end)]
    if not exact:
        instead = "; ".join(map(describe, overlapping)) or "nothing overlapping"
        everything = "; ".join(map(describe, found)) or "no expressions at all"
        pytest.fail(header + f"  found instead: {instead}\n  all expressions: {everything}")
    got = exact[0]
    assert (got.time.timex_type, got.time.value) == (case.timex_type, case.value), (
        header + "  got: " + describe(got)
    )
    assert case.rule is None or got.mention.rule == case.rule, (
        header + f"  found by rule {got.mention.rule!r}, not by its record's rule {case.rule!r}"
    )
