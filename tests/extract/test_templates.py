"""Reading templates (``reading:`` in a rule record): compiled once into productions."""

from __future__ import annotations

import pytest

from timeline.extract.templates import FIELD_ALIASES, compile_template, make_reading
from timeline.lexicon import load_rules
from timeline.types import Reading


def test_literals_groups_and_converters() -> None:
    production = compile_template("season season={season|season} year_from_anchor=true offset=-1 unit=day")
    assert production({"season": "Summer"}, "Summer") == Reading(
        "season", season="SU", year_from_anchor=True, offset=-1, unit="day"
    )


def test_a_placeholder_inside_a_word_formats_it() -> None:
    production = compile_template("set value=XXXX-WXX-{weekdays|day_of_plural} quant=EVERY")
    assert production({"weekdays": "Thursdays"}, "Thursdays") == Reading("set", value="XXXX-WXX-4", quant="EVERY")
    assert production({"weekdays": "weekends"}, "weekends").value == "XXXX-WXX-WE"
    assert production({}, "").value is None  # a missing group leaves the field empty


def test_a_required_field_rejects_the_match() -> None:
    production = compile_template("ref value!={ref|informal_reference}")
    assert production({"ref": "not a reference"}, "") is None
    assert compile_template("ref value={ref|reference}")({"ref": "now"}, "now") == Reading("ref", value="PRESENT_REF")


@pytest.mark.parametrize(
    "template",
    ["relative nonsense=1", "relative kind=set", "relative unit", "relative unit={unit|no_such_converter}"],
)
def test_bad_templates_fail_when_compiled(template: str) -> None:
    with pytest.raises(ValueError):
        compile_template(template)


def test_every_field_has_its_name_and_readings_are_made_in_one_place() -> None:
    assert all(FIELD_ALIASES[name] == name for name in ("year", "unit", "value", "year_from_anchor"))
    assert make_reading("relative", {"unit": "week", "offset": 1}) == Reading("relative", unit="week", offset=1)


def test_the_templates_of_the_rules_compile() -> None:
    templated = [rule for rule in load_rules() if rule.reading is not None]
    assert len(templated) >= 5
    for rule in templated:
        assert rule.build is None
        assert callable(compile_template(rule.reading))  # type: ignore[arg-type]
