"""The examples of a rule record in ``rules.txt``, with their expected values.

An ``example:`` line holds examples separated by ``|``; a record may have several such lines.
One example is::

    the span                              the rule must match it in full
    the span >> context after             context that must follow the match but is not in it
    context before [the span] context     the span inside a sentence (brackets mark it)

optionally followed by its expected value::

    ... => VALUE                          the TIMEX3 value, the type being the rule's ``type:``
    ... => TYPE VALUE                     when the production gives another type ("tonight" TIME)
    ... => VALUE @ 2000-01-15             resolved against another publication date (``@ -``: none)

Without ``@`` an example is resolved against the record's ``published:`` date, or
:data:`DEFAULT_PUBLISHED`. This module only reads the examples; ``tests/extract/test_rules.py``
checks that the rule matches each one and ``tests/test_corpus.py`` that ``timeline.build`` gives
the expected type and value, by this rule.
"""

from __future__ import annotations

import re

import attrs

__all__ = ["DEFAULT_PUBLISHED", "TIMEX_TYPES", "Example", "parse_example", "parse_examples"]

#: the publication date examples are resolved against when neither the record nor the example
#: names one (a Friday, in ISO week 2016-W02)
DEFAULT_PUBLISHED = "2016-01-15"

#: the TIMEX3 types an expected value may name
TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})

_EXPECTED = re.compile(
    r"(?:(?P<type>DATE|TIME|DURATION|SET)\s+)?(?P<value>\S+)(?:\s+@\s*(?P<published>\S+))?\Z"
)


@attrs.frozen
class Example:
    """One example of a rule.

    Attributes:
        text: the span the rule must match in full.
        before: the text before the span (empty for a bare example).
        after: the text after the span, which the rule's lookaheads may read but not take in.
        value: the expected TIMEX3 value, or ``None`` when only the match is checked.
        timex_type: the expected TIMEX3 type, or ``None`` for the rule's own.
        published: the publication date it is resolved against (``None``: none).
    """

    text: str
    before: str = ""
    after: str = ""
    value: str | None = None
    timex_type: str | None = None
    published: str | None = DEFAULT_PUBLISHED

    @property
    def context(self) -> str:
        """The whole text the example stands in: ``before + text + after``."""
        return self.before + self.text + self.after


def _glued(context: str) -> str:
    """Context after a ``>>``: joined to the span with a space unless it starts with punctuation."""
    context = context.strip()
    return context if context[:1] in ("", ".", ",", "'", "’") else " " + context


def parse_example(source: str, published: str | None = DEFAULT_PUBLISHED) -> Example:
    """One example as written in a record (see the module docstring); ``published`` is the
    record's date. Raises ``ValueError`` for a malformed one."""
    shown, arrow, expected = source.partition("=>")
    value = timex_type = None
    if arrow:
        found = _EXPECTED.match(expected.strip())
        if found is None:
            raise ValueError(f"example {source!r}: expected [TYPE] VALUE [@ PUBLISHED] after =>")
        value, timex_type = found["value"], found["type"]
        if found["published"]:
            published = None if found["published"] == "-" else found["published"]
    shown = shown.strip()
    if "[" in shown:
        before, _, rest = shown.partition("[")
        text, closing, after = rest.partition("]")
        if not closing:
            raise ValueError(f"example {source!r}: '[' without ']'")
        return Example(text, before, after, value, timex_type, published)
    text, _, after = shown.partition(">>")
    return Example(text.strip(), "", _glued(after) if after else "", value, timex_type, published)


def parse_examples(lines: list[str], published: str | None = DEFAULT_PUBLISHED) -> tuple[Example, ...]:
    """Every example of a record's ``example:`` lines (``|`` separates examples on a line)."""
    return tuple(
        parse_example(part, published) for line in lines for part in line.split("|") if part.strip()
    )
