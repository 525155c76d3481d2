"""What a matched rule says: *productions* from a rule's named groups to a
:class:`~timeline.types.Reading` (an underspecified time value), or a rejection.

Each rule of ``lexicon/rules.txt`` names its production; a production gets the matched groups,
the matched text, and up to 30 characters of context on each side, and returns a ``Reading``
(or a ``(timex_type, Reading)`` pair when the type differs from the rule's), or ``None`` when
the match is not a time after all ("June Carter", "the Daily Mail", "$2 million a year").

The productions live in modules by dimension: ``dates``, ``times``, ``durations`` (and sets),
``references``; ``fields`` reads the named groups they share. ``PRODUCTIONS`` maps each
rule's ``build:`` name to its production; a simple rule writes a ``reading:`` template in its
record instead (:mod:`timeline.extract.templates`). :func:`production_of` gives either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.extract.dates import (
    DATE_ORDERS,
    read_century,
    read_date,
    read_decade,
    read_era,
    read_holiday,
    read_iso,
    read_month_relative,
    read_numeric_date,
    read_part_of_date,
    read_quarter,
    read_season,
    read_slash_date,
    read_weekday,
    read_year,
)
from timeline.extract.durations import (
    read_duration,
    read_set,
    read_vague_duration,
)
from timeline.extract.fields import Groups, Production
from timeline.extract.references import (
    read_informal_day,
    read_story_time,
)
from timeline.extract.templates import compile_template
from timeline.extract.times import (
    read_anaphoric,
    read_anchored,
    read_clock,
    read_deictic,
    read_offset,
    read_the_period,
    read_unit_relative,
)

__all__ = ["DATE_ORDERS", "Groups", "PRODUCTIONS", "Production", "production_of", "read_slash_date"]

PRODUCTIONS: dict[str, Production] = {
    "era": read_era,
    "iso": read_iso,
    "date": read_date,
    "numeric_date": read_numeric_date,
    "month_relative": read_month_relative,
    "weekday": read_weekday,
    "quarter": read_quarter,
    "season": read_season,
    "decade": read_decade,
    "century": read_century,
    "year": read_year,
    "part_of_date": read_part_of_date,
    "holiday": read_holiday,
    "deictic": read_deictic,
    "clock": read_clock,
    "offset": read_offset,
    "anchored": read_anchored,
    "anaphoric": read_anaphoric,
    "unit_relative": read_unit_relative,
    "the_period": read_the_period,
    "duration": read_duration,
    "vague_duration": read_vague_duration,
    "set": read_set,
    "story_time": read_story_time,
    "informal_day": read_informal_day,
}


if TYPE_CHECKING:  # pragma: no cover
    from timeline.lexicon import RuleSpec


def production_of(rule: RuleSpec) -> Production:
    """The production of ``rule``: its ``reading:`` template compiled, or the named one its
    ``build:`` gives; raises ``ValueError`` for an unknown name."""
    if rule.reading is not None:
        return compile_template(rule.reading)
    production = PRODUCTIONS.get(rule.build) if rule.build is not None else None
    if production is None:
        raise ValueError(f"rule {rule.name!r}: unknown production {rule.build!r}")
    return production
