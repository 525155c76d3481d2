"""Reading templates: the production of a simple rule written in its record, as HeidelTime
writes a normalisation in the rule's own line.

A template is a kind and ``field=value`` pairs::

    reading: relative unit=weekend
    reading: season season={season|season} year_from_anchor=true
    reading: set value=XXXX-WXX-{weekdays|day_of_plural} quant=EVERY
    reading: ref value!={ref|informal_reference}

A value is a literal (an integer, ``true``/``false``, ``none`` or a word), or ``{group}`` (the
text of the named group), ``{group|converter}`` (that text read by a :data:`CONVERTERS` entry),
or a word with such placeholders in it (``XXXX-WXX-{weekdays|day_of_plural}``, ``None`` when a
placeholder is). A ``!`` after the field name means the match is no time unless the value is
there. Templates are compiled once, when the rules are loaded (:func:`compile_template`), into a
production like the named ones of :mod:`timeline.extract.readings`.

Field names are :class:`~timeline.types.Reading`'s; :data:`FIELD_ALIASES` maps a name written
in templates to the field it fills, so that renaming a ``Reading`` field is one line there.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from timeline.extract.fields import (
    Groups,
    Production,
    lookup,
    pod_of,
    unit_of,
    weekday_of,
)
from timeline.lexicon import words
from timeline.types import Reading

__all__ = ["CONVERTERS", "FIELD_ALIASES", "compile_template", "make_reading"]


def _day_of_plural(text: str | None) -> str | None:
    """"mondays" -> "1" ... "sundays" -> "7", "weekends" -> "WE" (the day part of a set value)."""
    if not text:
        return None
    key = text.lower()
    return "WE" if key == "weekends" else str(weekday_of(key[:-1]))


#: what a template may read a group's text as
CONVERTERS: dict[str, Callable[[str | None], object]] = {
    "text": lambda text: text,
    "month": lambda text: int(lookup(words()["months"], text)) if text else None,  # type: ignore[arg-type]
    "weekday": weekday_of,
    "day_of_plural": _day_of_plural,
    "part_of_day": pod_of,
    "unit": unit_of,
    "season": lambda text: lookup(words()["seasons"], text),
    "reference": lambda text: lookup(words()["references"], text),
    "informal_reference": lambda text: lookup(words()["informal_references"], text),
}

#: a name written in templates -> the ``Reading`` field it fills: every field under its own
#: name, and a field renamed since templates named it under its old name (one line a rename)
FIELD_ALIASES: dict[str, str] = {
    **{field.name: field.name for field in attrs.fields(Reading)},
    # "old_name": "new_name",
}


def make_reading(kind: str, fields: dict[str, object]) -> Reading:
    """The reading of ``kind`` with ``fields`` (template names, see :data:`FIELD_ALIASES`): the
    one place templates build a ``Reading``."""
    return Reading(kind, **{FIELD_ALIASES[name]: value for name, value in fields.items()})  # type: ignore[arg-type]


_PLACEHOLDER = re.compile(r"\{(\w+)(?:\|(\w+))?\}")
_Part = Callable[[Groups], object]


def _literal(text: str) -> object:
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return {"true": True, "false": False, "none": None}.get(text, text)


def _part(source: str, template: str) -> _Part:
    """A function from the groups to one field's value."""
    placeholders = list(_PLACEHOLDER.finditer(source))
    for found in placeholders:
        if found.group(2) and found.group(2) not in CONVERTERS:
            raise ValueError(f"template {template!r}: unknown converter {found.group(2)!r}")

    def read(found: re.Match[str], groups: Groups) -> object:
        return CONVERTERS[found.group(2) or "text"](groups.get(found.group(1)))

    if not placeholders:
        constant = _literal(source)
        return lambda groups: constant
    if len(placeholders) == 1 and placeholders[0].span() == (0, len(source)):
        whole = placeholders[0]
        return lambda groups: read(whole, groups)

    def formatted(groups: Groups) -> object:
        values = [read(found, groups) for found in placeholders]
        if any(value is None for value in values):
            return None
        it = iter(values)
        return _PLACEHOLDER.sub(lambda found: str(next(it)), source)

    return formatted


def compile_template(template: str) -> Production:
    """The production a ``reading:`` template describes (see the module docstring); raises
    ``ValueError`` for an unknown field or converter."""
    kind, *pairs = template.split()
    parts: list[tuple[str, _Part, bool]] = []
    for pair in pairs:
        name, equals, source = pair.partition("=")
        required = name.endswith("!")
        name = name.rstrip("!")
        if not equals or name not in FIELD_ALIASES or name == "kind":
            raise ValueError(f"template {template!r}: {pair!r} is not field=value of a Reading")
        parts.append((name, _part(source, template), required))

    def production(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
        fields = {}
        for name, part, required in parts:
            value = part(g)
            if required and not value:
                return None
            fields[name] = value
        return make_reading(kind, fields)

    production.__doc__ = f"Template production: {template}"
    return production
