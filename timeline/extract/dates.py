"""Productions of calendar dates: ISO and written dates, slash dates, months relative to now,
weekdays, quarters, seasons, decades, centuries, eras, years and holidays."""

from __future__ import annotations

import re

import attrs

from timeline.extract.fields import (
    Groups,
    informal,
    int_of,
    key_of,
    lookup,
    mod_of,
    month_of,
    number_of,
    pod_of,
    rel_offset,
    two_digit_year,
    weekday_of,
)
from timeline.lexicon import word_map, words
from timeline.types import Grain, Reading

__all__ = [
    "DATE_ORDERS",
    "RATE_BEFORE",
    "looks_like_name",
    "read_century",
    "read_date",
    "read_decade",
    "read_era",
    "read_holiday",
    "read_iso",
    "read_month_relative",
    "read_numeric_date",
    "read_part_of_date",
    "read_quarter",
    "read_season",
    "read_slash_date",
    "read_weekday",
    "read_year",
]


def read_iso(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """Production ``iso``: an ISO date or date-time ("2016-01-15", "2016-01-15T10:30")."""
    reading = Reading(
        "absolute",
        year=int(g["year"]),  # type: ignore[arg-type]
        month=int(g["month"]),  # type: ignore[arg-type]
        day=int(g["day"]),  # type: ignore[arg-type]
        hour=int_of(g.get("hour")),
        minute=int_of(g.get("minute")),
        second=int_of(g.get("second")),
    )
    return ("TIME", reading) if reading.hour is not None else reading


def read_date(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``date``: a written date ("March 5, 1998", "5 March", "March 1998"), or a name."""
    month = month_of(g, "month", "month2", "month_abbr")
    day = int_of(g.get("day") or g.get("day2"))
    day_word = g.get("day_word") or g.get("day_word2")
    if day is None and day_word:  # "March eighth", "the first of May"
        day = lookup(words()["ordinals"], day_word)  # type: ignore[assignment]
        if day is None:
            return None
    year = g.get("year")
    if year is None and g.get("year_spelled"):  # "January nineteen ninety-seven"
        spelled = _spelled_year(g["year_spelled"])  # type: ignore[arg-type]
        year = str(spelled) if spelled else None
    century_from_anchor = False
    year_value = None
    if year:
        year_value, century_from_anchor = two_digit_year(year)
    if month is None:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if day is None and year is None and looks_like_name(text, before, after):
        return None
    return Reading(
        "absolute",
        year=year_value,
        month=month,
        day=day,
        mod=mod_of(g.get("mod")),
        year_from_anchor=year_value is None,
        century_from_anchor=century_from_anchor,
        story_year=bool(g.get("same_year")),  # "July 25 of that year": the story's year
    )


def read_part_of_date(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """"the night of May 13": the date with its part of day."""
    reading = read_date(g, text, before, after)
    if reading is None:
        return None
    return attrs.evolve(reading, part_of_day=pod_of(g.get("pod")))


_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:in|on|since|by|until|till|during|of|from|through|throughout|last|this|next|early|late|mid|before|after|between|and|or|to|every|each|that|until|around|about)\s+|-)\Z",
    re.IGNORECASE,
)
_CAPITALISED_AFTER = re.compile(r"\s+(?P<link>(?:for|of|of\s+the|on)\s+)?(?P<word>I\b|[A-Z][a-z]+\b)")
_SEASON_CUE_BEFORE = re.compile(
    r"\b(?:in|into|for|toward|towards|since|by|until|till|during|of|from|through|throughout|last|this|next|early|late|mid|before|after|every|each|that|over|the)\s+\Z",
    re.IGNORECASE,
)
RATE_BEFORE = re.compile(r"(?:\d[\d,.]*\s*(?:%|percent|million|billion|thousand|[a-z]+)?|\$[\d,.]+\s*(?:million|billion)?)\s+\Z", re.IGNORECASE)


def looks_like_name(text: str, before: str, after: str) -> bool:
    """A bare month, season or title word followed by a capitalised word and not introduced by
    a preposition is a name ("June Carter", "May I", "the Daily Mail")."""
    if _PREPOSITION_BEFORE.search(before):
        return False
    following = _CAPITALISED_AFTER.match(after)
    if not following or (following.group("link") and not text[:1].isupper()):
        return False  # "March for Life" is a title; "held annually for Marti" is not
    word = following.group("word").lower()
    table = words()
    return word not in table["months"] and word not in table["weekdays"]


#: the orders of the numbers of a slash date, as dateparser's ``DATE_ORDER`` names them
DATE_ORDERS = ("MDY", "DMY", "YMD")
_SLASH_DATE = re.compile(r"(\d{1,4})/(\d{1,2})/(\d{1,4})\Z")


def _slash_fields(numbers: tuple[str, str, str], order: str) -> tuple[str, int, int] | None:
    """(year text, month, day) of a slash date read in ``order``, or ``None`` if impossible."""
    parts = dict(zip(order, numbers))
    year, month, day = parts["Y"], int(parts["M"]), int(parts["D"])
    if len(year) not in (2, 4) or any(len(parts[k]) > 2 for k in "MD") or not 1 <= month <= 12:
        return None
    longest = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= longest:
        return None
    return year, month, day


def read_slash_date(text: str, order: str = "MDY") -> tuple[Reading, str] | None:
    """The reading of a slash date ("01/09/2016", "2016/01/09") in ``order`` (``MDY``,
    ``DMY`` or ``YMD``) and the order it was read in: ``order`` itself, or, when the date is
    impossible in it ("15/01/2016" as month/day), the first order of :data:`DATE_ORDERS` in
    which it is possible. ``None`` when no order gives a date."""
    found = _SLASH_DATE.match(text.strip())
    if found is None:
        return None
    numbers = (found.group(1), found.group(2), found.group(3))
    for candidate in (order, *(o for o in DATE_ORDERS if o != order)):
        fields = _slash_fields(numbers, candidate)
        if fields is not None:
            year_text, month, day = fields
            year, century = two_digit_year(year_text)
            return Reading("absolute", year=year, month=month, day=day, century_from_anchor=century), candidate
    return None


def read_numeric_date(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``numeric_date``: a slash date, month first (re-read in the article's order later)."""
    read = read_slash_date(text)  # month first; timeline.extract.scan rereads it in another order
    return read[0] if read is not None else None


def read_month_relative(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``month_relative``: a month relative to an anchor ("last June", "the following May")."""
    rel = key_of(g.get("rel"))
    return Reading(
        "month_relative",
        month=month_of(g, "month"),
        offset=rel_offset(rel),
        mod=mod_of(g.get("mod")),
        # "the following May" counts from the story's date, "next May" from the speaker's
        anaphoric=rel.startswith(("the following", "the previous")),
    )


_WEEKDAY_MODS: dict[str, str] = word_map("weekday_mods")


def read_weekday(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """Production ``weekday``: a day name ("Thursday", "last Friday", "Monday night")."""
    rel = informal(key_of(g.get("rel")))
    offset = rel_offset(rel) if rel not in ("early", "late") else None
    mod = _WEEKDAY_MODS.get(rel)
    pod = pod_of(g.get("pod"))
    weekday = weekday_of(g.get("weekday") or g.get("weekday2"))
    # "the following Monday" counts from the story's day, "next Monday" from the speaker's
    anaphoric = rel.startswith(("the following", "the previous"))
    reading = Reading("weekday", weekday=weekday, offset=offset, part_of_day=pod, mod=mod,
                      anaphoric=anaphoric)
    return ("TIME", reading) if pod else reading


def read_quarter(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``quarter``: a quarter or half ("the third quarter", "the year-ago quarter")."""
    unit = key_of(g.get("unit")) or "quarter"
    if unit == "period":  # "the latest period", "the 1989 period": the quarter reported on
        unit = "quarter"
    ordinal = key_of(g.get("ordinal"))
    number: int | None
    if ordinal in ("final", "last"):
        number = 4 if unit == "quarter" else 2
    elif ordinal:
        number = int(words()["ordinals"].get(ordinal, int_of(ordinal) or 0)) or None
    else:
        number = None
    rel = key_of(g.get("rel"))
    year = int_of(g.get("year") or g.get("year_pre"))
    year_rel = rel_offset(g.get("year_rel") or g.get("year_rel2"))
    if number is None and rel == "last" and (year is not None or g.get("year_rel")):
        number, rel = (4 if unit == "quarter" else 2), ""  # "the last half of 1989": the second half
    if number is None and not rel and year is None and not text.lower().startswith("the"):
        return None  # a bare "quarter" is not a time
    if number is not None and number > (4 if unit == "quarter" else 2):
        return None
    offset: int | None = None
    if rel in ("year-earlier", "year-ago", "year-before") or key_of(text).startswith(("the year-earlier", "the year-ago")):
        unit_value = Grain.YEAR.value if g.get("unit") is None else Grain.QUARTER.value
        return Reading("quarter", unit=unit_value, quarter=number, offset=None, year_offset=-1,
                       comparison=True)  # the same period a year before the one reported on
    elif rel in ("latest", "last", "previous", "past"):
        offset = -1
    elif rel in ("next", "coming"):
        offset = 1
    elif rel in ("current", "this", "same"):
        offset = 0
    grain_field = {"quarter": number} if unit == "quarter" else {"half": number}
    return Reading(
        "quarter",
        year=year,
        unit=Grain.QUARTER.value if unit == "quarter" else Grain.HALF_YEAR.value,
        offset=offset,
        year_offset=year_rel,
        **grain_field,
    )


def read_season(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``season``: a season ("last summer", "the spring of 1941")."""
    season = lookup(words()["seasons"], g.get("season"))
    year = int_of(g.get("year")) or (_spelled_year(g["year_spelled"]) if g.get("year_spelled") else None)
    rel = rel_offset(g.get("rel"))
    year_rel = rel_offset(g.get("year_rel"))
    mod = mod_of(g.get("mod"))
    bare = year is None and rel is None and year_rel is None and mod is None
    if bare and (not _SEASON_CUE_BEFORE.search(before) or re.search(r"\bthe\s+\Z", before, re.IGNORECASE) and not re.match(r"\s+of\b", after)):
        return None  # "fall" the verb, "a hot spring", "the spring in the mattress"
    if bare and re.match(r"\s+of\s+(?!\d)", after):
        return None  # "in the fall of the Berlin Wall": an event named "fall"
    rel_word = key_of(g.get("rel"))
    # "the following spring", "the next winter" count from the story's date, "next spring"
    # from the speaker's
    anaphoric = rel_word in ("following", "previous", "preceding") or (
        rel_word in ("next", "last") and text.lower().startswith("the "))
    return Reading(
        "season",
        season=season,  # type: ignore[arg-type]
        year=year,
        offset=rel,
        year_offset=year_rel,
        mod=mod,
        year_from_anchor=year is None,
        anaphoric=anaphoric and year is None,
    )


_DECADE_WORDS: dict[str, int] = word_map("decade_words")


def read_decade(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``decade``: a decade ("the 1990s", "the '90s", "the sixties")."""
    mod = mod_of(g.get("mod"))
    if g.get("decade"):
        return Reading("decade", decade=int(g["decade"]) // 10, mod=mod)  # type: ignore[arg-type]
    short = g.get("short")
    tens = int(short) // 10 if short else _DECADE_WORDS[key_of(g.get("word"))]
    return Reading("decade", decade=tens, mod=mod, century_from_anchor=True)


def read_century(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``century``: a century ("the 20th century")."""
    ordinal = key_of(g.get("ordinal"))
    number = int_of(ordinal) if ordinal[:1].isdigit() else words()["ordinals"].get(ordinal)
    if not number or number < 1:
        return None
    return Reading("century", century=int(number) - 1, mod=mod_of(g.get("mod")))


def read_era(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """A year, month, decade or century before Christ, as TIMEX3 writes it: ``BC0480``,
    ``BC0480-04`` ("April 480 BC"), ``BC047`` ("the 470s BC"), ``BC03`` ("the 4th century BC")."""
    mod = mod_of(g.get("mod")) or ("APPROX" if g.get("approx") else None)
    if g.get("ordinal"):
        ordinal = key_of(g.get("ordinal"))
        number = int_of(ordinal) if ordinal[:1].isdigit() else words()["ordinals"].get(ordinal)
        if not number or number < 1:
            return None
        return Reading("era", century=int(number) - 1, value=f"BC{int(number) - 1:02d}", mod=mod)
    if g.get("decade"):
        tens = int(g["decade"]) // 10  # type: ignore[arg-type]
        return Reading("era", decade=tens, value=f"BC{tens:03d}", mod=mod)
    year = int(g.get("year") or g.get("first") or 0)  # type: ignore[arg-type]
    month = month_of(g, "month")
    value = f"BC{year:04d}" + (f"-{month:02d}" if month else "")
    return Reading("era", year=year, month=month, value=value, mod=mod)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s*#?\Z")


def _spelled_year(text: str) -> int | None:
    """1996 for "nineteen ninety-six", 2000 for "two thousand", 1905 for "nineteen oh five"."""
    words_ = re.split(r"[\s-]+", key_of(text).replace("the year ", ""))
    if words_[:2] == ["two", "thousand"]:
        rest = [w for w in words_[2:] if w != "and"]
        return 2000 + int(number_of(" ".join(rest)) or 0) if rest else 2000
    century = number_of(words_[0])
    if century is None:
        return None
    rest = [w for w in words_[1:] if w != "oh"]
    if rest == ["hundred"]:
        return int(century) * 100
    tail = number_of(" ".join(rest)) if rest else None
    return int(century) * 100 + int(tail) if tail is not None else None


def _is_article(word: str, before: str) -> bool:
    """Whether the word "a" before a year is the article ("a 1996 law", "A 1971 treaty ..." at the
    start of a sentence), not a model letter ("an A 320", "the F 16")."""
    return word == "a" or word == "A" and (not before.strip() or before.rstrip()[-1] in '.!?"“”')


#: a word with a capital inside or at its start, directly before an apostrophe year ("iLife '11")
_PRODUCT_NAME = re.compile(r"[a-z]*[A-Z][A-Za-z0-9]*")


def read_year(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``year``: a year on its own ("in 1998", "'98"), or not a year after all."""
    if g.get("spelled"):
        spelled = _spelled_year(g["spelled"])  # type: ignore[arg-type]
        return Reading("absolute", year=spelled) if spelled else None
    previous = _WORD_BEFORE.search(before)
    if previous and previous.group(1).lower() in words()["not_years_before"] and not g.get("mod") and not g.get("pre") \
            and not _is_article(previous.group(1), before[:previous.start()]):
        return None  # "Flight 1549", "Windows 2000", "Route 1866", "an A 320"
    if g["year"][:1] in "'’" and previous and _PRODUCT_NAME.fullmatch(previous.group(1)) \
            and not g.get("mod") and previous.group(1).lower() not in words()["months"] \
            and previous.group(1).lower() not in words()["seasons"]:
        return None  # "iLife '11", "Office '97", "Windows '98": a product's name, not a year
    year, century_from_anchor = two_digit_year(g["year"])  # type: ignore[arg-type]
    pre = key_of(g.get("pre"))
    mod = mod_of(g.get("mod")) or ("MID" if pre == "mid" else "BEFORE" if pre == "pre" else "AFTER" if pre == "post" else None)
    return Reading("absolute", year=year, mod=mod, century_from_anchor=century_from_anchor)


def read_holiday(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``holiday``: a holiday ("Christmas", "Easter 2016", "last Thanksgiving")."""
    key = key_of(g.get("holiday"))
    table = words()
    named = table["named_days"].get(key) if key != "_doc" else None
    if named is not None:  # "D-Day", "V-E Day": one day in history, named only when capitalised
        if g.get("rel") or g.get("year") or not text[:1].isupper():
            return None
        return Reading("absolute", year=named[0], month=named[1], day=named[2])
    fixed = table["holidays_fixed"].get(key)
    year = int_of(g.get("year"))
    if fixed is not None:
        return Reading(  # a holiday: the year follows the tense strictly (see resolve)
            "absolute", year=year, month=fixed[0], day=fixed[1], holiday=True,
            year_from_anchor=year is None, offset=rel_offset(g.get("rel")),
        )
    return Reading(
        "holiday", value=table["holidays_computed"][key], year=year,
        year_from_anchor=year is None, offset=rel_offset(g.get("rel")),
    )
