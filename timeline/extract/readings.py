"""What a matched rule says: *productions* from a rule's named groups to a
:class:`~timeline.types.Reading` (an underspecified time value), or a rejection.

Each rule of ``lexicon/rules.txt`` names its production; a production gets the matched groups,
the matched text, and up to 30 characters of context on each side, and returns a ``Reading``
(or a ``(timex_type, Reading)`` pair when the type differs from the rule's), or ``None`` when
the match is not a time after all ("June Carter", "the Daily Mail", "$2 million a year").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import attrs

from timeline.calendar import SMALLER_UNIT
from timeline.lexicon import alternation, words
from timeline.types import Grain, Reading

__all__ = ["DATE_ORDERS", "Groups", "PRODUCTIONS", "Production", "read_slash_date"]

Groups = dict[str, "str | None"]
Production = Callable[..., "tuple[str, Reading] | Reading | None"]

_WS = re.compile(r"\s+")


def _key(text: str | None) -> str:
    """Lower-case lookup key: folded whitespace, straight apostrophes, no trailing dot."""
    if text is None:
        return ""
    return _WS.sub(" ", text.lower().replace("’", "'")).strip().rstrip(".")


def _lookup(table: dict[str, object], text: str | None) -> object | None:
    key = _key(text)
    if key in table:
        return table[key]
    return table.get(key.replace("-", " "), table.get(key.replace(" ", "-")))


def _number(text: str | None) -> float | None:
    """A number written in digits or words; ``None`` for vague quantities ("several")."""
    if text is None:
        return None
    key = _key(text).replace(",", "")
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
        head = _number(" ".join(parts[:-1]))
        return head * multiplier if head is not None else None
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        return float(table[parts[0]] + table[parts[1]])
    return None


_MULTIPLIERS = {"hundred": 100.0, "thousand": 1000.0}


def _month(groups: Groups, *names: str) -> int | None:
    for name in names:
        value = groups.get(name)
        if value:
            return int(_lookup(words()["months"], value))  # type: ignore[arg-type]
    return None


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    digits = re.match(r"\d+", value)
    return int(digits.group(0)) if digits else None


def _mod(text: str | None) -> str | None:
    if not text:
        return None
    key = _key(text).rstrip("-")
    key = re.sub(r"^(the )?(very )?", "", key)
    if key.startswith(("beginning", "start", "early", "earlier")):
        return "START"
    if key.startswith(("end", "close", "late", "later")):
        return "END"
    if key.startswith(("mid", "middle")):
        return "MID"
    return None


def _approx(text: str | None, before: str = "") -> str | None:
    """The mod of an approximator inside the span, else of one TimeBank leaves just outside it
    ("over [three years]")."""
    if text:
        return _lookup(words()["approximators"], text) or "APPROX"  # type: ignore[return-value]
    outside = _outside_approximator().search(before)
    return words()["approximators_outside"].get(outside.group(1).lower()) if outside else None


@functools.lru_cache(maxsize=1)
def _outside_approximator() -> re.Pattern[str]:
    """An approximator that TimeBank leaves outside the span, just before it ("over ", "about ")."""
    outside = [word for word in words()["approximators_outside"] if not word.startswith("_")]
    return re.compile(rf"\b({alternation(outside)})\s+\Z", re.IGNORECASE)


def _unit(text: str | None) -> str | None:
    if text is None:
        return None
    return _lookup(words()["units"], text)  # type: ignore[return-value]


def _weekday(text: str | None) -> int | None:
    if not text:
        return None
    return int(_lookup(words()["weekdays"], text))  # type: ignore[arg-type]


def _pod(text: str | None) -> str | None:
    if not text:
        return None
    return _lookup(words()["parts_of_day"], text)  # type: ignore[return-value]


def _two_digit_year(text: str) -> tuple[int, bool]:
    """(year, century_from_anchor) for ``'98`` / ``98`` / ``1998``."""
    digits = text.lstrip("'’")
    if len(digits) == 2:
        return int(digits), True
    return int(digits), False


# --- productions -------------------------------------------------------------------------


def _iso(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    reading = Reading(
        "absolute",
        year=int(g["year"]),  # type: ignore[arg-type]
        month=int(g["month"]),  # type: ignore[arg-type]
        day=int(g["day"]),  # type: ignore[arg-type]
        hour=_int(g.get("hour")),
        minute=_int(g.get("minute")),
        second=_int(g.get("second")),
    )
    return ("TIME", reading) if reading.hour is not None else reading


def _date(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    month = _month(g, "month", "month2", "month_abbr")
    day = _int(g.get("day") or g.get("day2"))
    day_word = g.get("day_word") or g.get("day_word2")
    if day is None and day_word:  # "March eighth", "the first of May"
        day = _lookup(words()["ordinals"], day_word)  # type: ignore[assignment]
        if day is None:
            return None
    year = g.get("year")
    if year is None and g.get("year_spelled"):  # "January nineteen ninety-seven"
        spelled = _spelled_year(g["year_spelled"])  # type: ignore[arg-type]
        year = str(spelled) if spelled else None
    century_from_anchor = False
    year_value = None
    if year:
        year_value, century_from_anchor = _two_digit_year(year)
    if month is None:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if day is None and year is None and _looks_like_name(text, before, after):
        return None
    return Reading(
        "absolute",
        year=year_value,
        month=month,
        day=day,
        mod=_mod(g.get("mod")),
        year_from_anchor=year_value is None,
        century_from_anchor=century_from_anchor,
        value="story_year" if g.get("same_year") else None,  # "July 25 of that year": the story's year
    )


def _part_of_date(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """"the night of May 13": the date with its part of day."""
    reading = _date(g, text, before, after)
    if reading is None:
        return None
    return attrs.evolve(reading, part_of_day=_pod(g.get("pod")))


_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:in|on|since|by|until|till|during|of|from|through|throughout|last|this|next|early|late|mid|before|after|between|and|or|to|every|each|that|until|around|about)\s+|-)\Z",
    re.IGNORECASE,
)
_CAPITALISED_AFTER = re.compile(r"\s+(?P<link>(?:for|of|of\s+the|on)\s+)?(?P<word>I\b|[A-Z][a-z]+\b)")
_SEASON_CUE_BEFORE = re.compile(
    r"\b(?:in|into|for|toward|towards|since|by|until|till|during|of|from|through|throughout|last|this|next|early|late|mid|before|after|every|each|that|over|the)\s+\Z",
    re.IGNORECASE,
)
_RATE_BEFORE = re.compile(r"(?:\d[\d,.]*\s*(?:%|percent|million|billion|thousand|[a-z]+)?|\$[\d,.]+\s*(?:million|billion)?)\s+\Z", re.IGNORECASE)


def _looks_like_name(text: str, before: str, after: str) -> bool:
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
            year, century = _two_digit_year(year_text)
            return Reading("absolute", year=year, month=month, day=day, century_from_anchor=century), candidate
    return None


def _numeric_date(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    read = read_slash_date(text)  # month first; timeline.extract.scan rereads it in another order
    return read[0] if read is not None else None


_REL_OFFSET = {
    "last": -1, "past": -1, "this past": -1, "the previous": -1, "previous": -1, "the past": -1,
    "the last": -1, "the preceding": -1, "the prior": -1, "the latest": -1,
    "this": 0, "the current": 0, "nxt": 1, "the same": 0, "current": 0, "latest": -1,
    "next": 1, "coming": 1, "this coming": 1, "the following": 1, "the coming": 1, "the next": 1,
    "following": 1, "preceding": -1,
}


def _rel(text: str | None) -> int | None:
    if not text:
        return None
    return _REL_OFFSET.get(_key(text))


def _month_relative(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    rel = _key(g.get("rel"))
    return Reading(
        "month_relative",
        month=_month(g, "month"),
        offset=_rel(rel),
        mod=_mod(g.get("mod")),
        # "the following May" counts from the story's date, "next May" from the speaker's
        value="anaphoric" if rel.startswith(("the following", "the previous")) else None,
    )


def _weekday_reading(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    rel = _informal(_key(g.get("rel")))
    offset = _rel(rel) if rel not in ("early", "late") else None
    mod = {"early": "START", "late": "END"}.get(rel)
    pod = _pod(g.get("pod"))
    weekday = _weekday(g.get("weekday") or g.get("weekday2"))
    # "the following Monday" counts from the story's day, "next Monday" from the speaker's
    anaphoric = rel.startswith(("the following", "the previous"))
    reading = Reading("weekday", weekday=weekday, offset=offset, part_of_day=pod, mod=mod,
                      value="anaphoric" if anaphoric else None)
    return ("TIME", reading) if pod else reading


def _quarter(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    unit = _key(g.get("unit")) or "quarter"
    if unit == "period":  # "the latest period", "the 1989 period": the quarter reported on
        unit = "quarter"
    ordinal = _key(g.get("ordinal"))
    number: int | None
    if ordinal in ("final", "last"):
        number = 4 if unit == "quarter" else 2
    elif ordinal:
        number = int(words()["ordinals"].get(ordinal, _int(ordinal) or 0)) or None
    else:
        number = None
    rel = _key(g.get("rel"))
    year = _int(g.get("year") or g.get("year_pre"))
    year_rel = _rel(g.get("year_rel") or g.get("year_rel2"))
    if number is None and rel == "last" and (year is not None or g.get("year_rel")):
        number, rel = (4 if unit == "quarter" else 2), ""  # "the last half of 1989": the second half
    if number is None and not rel and year is None and not text.lower().startswith("the"):
        return None  # a bare "quarter" is not a time
    if number is not None and number > (4 if unit == "quarter" else 2):
        return None
    offset: int | None = None
    if rel in ("year-earlier", "year-ago", "year-before") or _key(text).startswith(("the year-earlier", "the year-ago")):
        unit_value = Grain.YEAR.value if g.get("unit") is None else Grain.QUARTER.value
        return Reading("quarter", unit=unit_value, quarter=number, offset=None, year_offset=-1,
                       value="comparison")  # the same period a year before the one reported on
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


def _season(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    season = _lookup(words()["seasons"], g.get("season"))
    year = _int(g.get("year")) or (_spelled_year(g["year_spelled"]) if g.get("year_spelled") else None)
    rel = _rel(g.get("rel"))
    year_rel = _rel(g.get("year_rel"))
    mod = _mod(g.get("mod"))
    bare = year is None and rel is None and year_rel is None and mod is None
    if bare and (not _SEASON_CUE_BEFORE.search(before) or re.search(r"\bthe\s+\Z", before, re.IGNORECASE) and not re.match(r"\s+of\b", after)):
        return None  # "fall" the verb, "a hot spring", "the spring in the mattress"
    if bare and re.match(r"\s+of\s+(?!\d)", after):
        return None  # "in the fall of the Berlin Wall": an event named "fall"
    rel_word = _key(g.get("rel"))
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
        value="anaphoric" if anaphoric and year is None else None,
    )


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}


def _decade(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    mod = _mod(g.get("mod"))
    if g.get("decade"):
        return Reading("decade", decade=int(g["decade"]) // 10, mod=mod)  # type: ignore[arg-type]
    short = g.get("short")
    tens = int(short) // 10 if short else _DECADE_WORDS[_key(g.get("word"))]
    return Reading("decade", decade=tens, mod=mod, century_from_anchor=True)


def _century(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    ordinal = _key(g.get("ordinal"))
    number = _int(ordinal) if ordinal[:1].isdigit() else words()["ordinals"].get(ordinal)
    if not number or number < 1:
        return None
    return Reading("century", century=int(number) - 1, mod=_mod(g.get("mod")))


def _era(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """A year, month, decade or century before Christ, as TIMEX3 writes it: ``BC0480``,
    ``BC0480-04`` ("April 480 BC"), ``BC047`` ("the 470s BC"), ``BC03`` ("the 4th century BC")."""
    mod = _mod(g.get("mod")) or ("APPROX" if g.get("approx") else None)
    if g.get("ordinal"):
        ordinal = _key(g.get("ordinal"))
        number = _int(ordinal) if ordinal[:1].isdigit() else words()["ordinals"].get(ordinal)
        if not number or number < 1:
            return None
        return Reading("era", century=int(number) - 1, value=f"BC{int(number) - 1:02d}", mod=mod)
    if g.get("decade"):
        tens = int(g["decade"]) // 10  # type: ignore[arg-type]
        return Reading("era", decade=tens, value=f"BC{tens:03d}", mod=mod)
    year = int(g.get("year") or g.get("first") or 0)  # type: ignore[arg-type]
    month = _month(g, "month")
    value = f"BC{year:04d}" + (f"-{month:02d}" if month else "")
    return Reading("era", year=year, month=month, value=value, mod=mod)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s*#?\Z")


def _spelled_year(text: str) -> int | None:
    """1996 for "nineteen ninety-six", 2000 for "two thousand", 1905 for "nineteen oh five"."""
    words_ = re.split(r"[\s-]+", _key(text).replace("the year ", ""))
    if words_[:2] == ["two", "thousand"]:
        rest = [w for w in words_[2:] if w != "and"]
        return 2000 + int(_number(" ".join(rest)) or 0) if rest else 2000
    century = _number(words_[0])
    if century is None:
        return None
    rest = [w for w in words_[1:] if w != "oh"]
    if rest == ["hundred"]:
        return int(century) * 100
    tail = _number(" ".join(rest)) if rest else None
    return int(century) * 100 + int(tail) if tail is not None else None


def _is_article(word: str, before: str) -> bool:
    """Whether the word "a" before a year is the article ("a 1996 law", "A 1971 treaty ..." at the
    start of a sentence), not a model letter ("an A 320", "the F 16")."""
    return word == "a" or word == "A" and (not before.strip() or before.rstrip()[-1] in '.!?"“”')


#: a word with a capital inside or at its start, directly before an apostrophe year ("iLife '11")
_PRODUCT_NAME = re.compile(r"[a-z]*[A-Z][A-Za-z0-9]*")


def _year(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
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
    year, century_from_anchor = _two_digit_year(g["year"])  # type: ignore[arg-type]
    pre = _key(g.get("pre"))
    mod = _mod(g.get("mod")) or ("MID" if pre == "mid" else "BEFORE" if pre == "pre" else "AFTER" if pre == "post" else None)
    return Reading("absolute", year=year, mod=mod, century_from_anchor=century_from_anchor)


def _holiday(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    key = _key(g.get("holiday"))
    table = words()
    named = table["named_days"].get(key) if key != "_doc" else None
    if named is not None:  # "D-Day", "V-E Day": one day in history, named only when capitalised
        if g.get("rel") or g.get("year") or not text[:1].isupper():
            return None
        return Reading("absolute", year=named[0], month=named[1], day=named[2])
    fixed = table["holidays_fixed"].get(key)
    year = _int(g.get("year"))
    if fixed is not None:
        return Reading(  # value "holiday": the year follows the tense strictly (see resolve)
            "absolute", year=year, month=fixed[0], day=fixed[1], value="holiday",
            year_from_anchor=year is None, offset=_rel(g.get("rel")),
        )
    return Reading(
        "holiday", value=table["holidays_computed"][key], year=year,
        year_from_anchor=year is None, offset=_rel(g.get("rel")),
    )


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1,
            "the day before yesterday": -2, "the day after tomorrow": 2}


def _informal(word: str) -> str:
    return words()["informal_words"].get(word, word)  # type: ignore[no-any-return]


_NAME_BEFORE = re.compile(r"\b[A-Z]{2,}\s+\Z")  # an acronym: "USA Today", "VOA Today"
_OF_TOMORROW = re.compile(r"\b(?:the|a|an)\s+[a-z]+s?\s+of\s+\Z", re.IGNORECASE)


def _deictic(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    word = _informal(_key(g.get("word"))) or "today"
    pod = _pod(g.get("pod"))
    if text in ("Today", "Tonight", "Tomorrow") and _NAME_BEFORE.search(before):
        return None  # "USA Today", "VOA Today": a title
    possessive = re.match(r"['’]s\s+([a-z]+)(?:\s+([a-z]+))?", after)
    if text.lower() == "today" and possessive and not {*possessive.groups()}.isdisjoint(
            words()["present_day_after_todays"]["words"]):
        return None  # "today's youth", "today's young people": the present in general
    if text.lower() == "tomorrow" and _OF_TOMORROW.search(before):
        return None  # "the people of tomorrow": the future in general, not a day
    if word == "tonight":
        pod = "NI"
    if word == "last" and pod not in ("NI",):
        return None  # "last morning" is not idiomatic; "last night" is
    if word == "this" and pod is None:
        return None
    mod = _mod(g.get("mod"))
    reading = Reading("relative", unit=Grain.DAY.value, offset=_DEICTIC[word], part_of_day=pod, mod=mod)
    if pod is not None:
        return ("TIME", reading)
    return reading


_WORD_HOURS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())}


def _clock(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    minute = 0
    if g.get("hour24"):
        hour, minute = int(g["hour24"]), int(g["minute24"])  # type: ignore[arg-type]
    elif g.get("noon"):
        if re.search(r"\bhigh\s+\Z", before, re.IGNORECASE):
            return None  # "high noon": a showdown, not a time
        hour = 12 if _key(g["noon"]) in ("noon", "midday") else 24
    elif g.get("hourword"):
        word = _key(g["hourword"])
        hour = _WORD_HOURS.get(word) or int(word)
        pod = _key(g.get("pod2"))
        if pod in ("afternoon", "evening", "at night") and hour < 12:
            hour += 12
    else:
        hour = int(g["hour"])  # type: ignore[arg-type]
        minute = _int(g.get("minute")) or 0
        ampm = _key(g.get("ampm")).replace(".", "").replace(" ", "")
        if hour > 12 or hour == 0:
            return None
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    offset = _DEICTIC.get(_informal(_key(g.get("word"))))
    reading = Reading(
        "clock",
        hour=hour,
        minute=minute,
        weekday=_weekday(g.get("weekday")),
        month=_month(g, "month"),
        day=_int(g.get("day")),
        year=_int(g.get("year")),
        offset=offset,
        mod=_approx(g.get("approx"), before),
    )
    return ("TIME", reading)


def _with_half(amount: float | None, text: str) -> float | None:
    """``amount`` plus a half when the text says so ("two and a half years", "a day-and-a-half")."""
    if amount is not None and re.search(r"and[\s-]+a[\s-]+half", text, re.IGNORECASE):
        return amount + 0.5
    return amount


def _offset(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    signal = _key(g.get("signal") or g.get("signal2"))
    if signal == "from today":  # "two weeks from today"
        signal = "from now"
    unit = _unit(g.get("unit"))
    if unit is None:
        return None
    amount: float | None
    if g.get("num"):
        amount = _with_half(_number(g.get("num")), text)
    elif signal in ("ago", "from now", "hence", "back") and _key(g.get("unit")).endswith("s"):
        amount = None  # "months ago": some time back
    else:
        amount = _with_half(1.0, text)  # "a year earlier", "the day before"
    direction = "before" if signal in ("ago", "earlier", "before", "prior", "back") else "after"
    # "ago"/"from now"/"hence" count from the speech time; "earlier"/"later" from the story's.
    deictic = signal in ("ago", "from now", "hence", "back")
    return Reading(
        "offset",
        unit=unit,
        amount=amount,
        direction=direction,
        mod=_approx(g.get("approx"), before),
        value="deictic" if deictic else "anaphoric",
    )


def _anchored(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    unit = _unit(g.get("unit"))
    if unit is None or _is_title(g.get("num"), g.get("unit") or "", text):
        return None
    signal = _key(g.get("signal"))
    amount = _with_half(_number(g.get("num")) if g.get("num") else 1.0, text)  # "the day before the vote"
    return Reading(
        "anchored",
        unit=unit,
        amount=amount,
        direction="before" if signal in ("before", "prior to", "earlier", "previously") else "after",
        mod=_approx(g.get("approx"), before),
        # "two days later": counted from the previous event, not from a clause that follows
        value="previous" if signal in ("later", "earlier", "afterwards", "afterward", "previously") else None,
    )


def _anaphoric(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    unit_text = _key(g.get("unit"))
    rel = _key(g.get("rel"))
    offset = {"next": 1, "following": 1, "very next": 1, "previous": -1, "preceding": -1, "prior": -1,
              "same": 0, "that": 0}.get(rel, 0)
    if unit_text in ("same day",):
        unit_text, offset = "day", 0
    elif unit_text in ("day before", "night before", "eve"):
        unit_text, offset = "day", -1
    elif unit_text == "day after":
        unit_text, offset = "day", 1
    pod = _pod(unit_text) if unit_text in words()["parts_of_day"] else None
    season = _lookup(words()["seasons"], unit_text)
    unit = (
        Grain.DAY.value if pod else Grain.SEASON.value if season else
        "weekend" if unit_text == "weekend" else _unit(unit_text) or Grain.SEASON.value
    )
    reading = Reading(
        "anaphoric", unit=unit, offset=offset, part_of_day=pod, season=season,  # type: ignore[arg-type]
        mod=_mod(g.get("mod")),
    )
    return ("TIME", reading) if pod and pod != "NI" else reading


def _unit_relative(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    unit_text = _key(g.get("unit"))
    offset = _rel(g.get("rel"))
    if offset is None and _key(g.get("rel")) not in ("the", "") :
        return None
    if offset is None and _key(g.get("unit")) != "weekend":
        return None
    mod = _mod(g.get("mod"))
    unit = "weekend" if unit_text == "weekend" else _unit(unit_text)
    if unit is None:
        return None
    rel = _key(g.get("rel"))
    if rel in ("the", "") and unit == "weekend":
        return Reading("relative", unit=unit, offset=None, mod=mod)  # "the weekend": by tense
    # "the past year", "the next week": TimeBank and the tweets tag them as the calendar unit
    # before or after (DATE), like "last year", not as a one-unit duration.
    return Reading("relative", unit=unit, offset=offset, mod=mod)


def _the_period(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """"the year", "the fiscal year", "the week", "the month", "year-end": the current one (news)
    or the story's (narrative); "the year ended Sept. 30", a reporting period, is a duration."""
    if g.get("yearend"):
        return Reading("relative", unit=Grain.YEAR.value, offset=0, mod="END")
    if g.get("monthend"):
        return Reading("relative", unit=Grain.MONTH.value, offset=0, mod="END")
    unit = {"week": Grain.WEEK.value, "month": Grain.MONTH.value, "decade": Grain.DECADE.value,
            "century": Grain.CENTURY.value}.get(_key(g.get("unit")), Grain.YEAR.value)
    if g.get("ended"):
        return ("DURATION", Reading("duration", unit=unit, amount=1.0))
    return Reading("relative", unit=unit, offset=0, mod=_mod(g.get("mod")))


def _is_title(num_text: str | None, unit_text: str, text: str) -> bool:
    """"60 Minutes", "24 Hours of Le Mans": a capitalised unit after digits is a title; not
    when the whole text shouts ("6 DAYS TO GO") or the unit is glued on ("7Days")."""
    return bool(
        unit_text.istitle() and num_text and num_text[:1].isdigit() and not text.isupper()
        and not re.search(r"\d" + re.escape(unit_text), text)
    )


@functools.lru_cache(maxsize=1)
def _modal_regex() -> re.Pattern[str]:
    modals = words()["modals_before_one_day"]["words"]
    forms = [rf"(?<![\w']){alternation([m for m in modals if not m.startswith(chr(39))])}"]
    clitics = [m for m in modals if m.startswith("'")]  # "I'll": no word boundary before it
    if clitics:
        forms.append(alternation(clitics))
    return re.compile(rf"(?:{'|'.join(forms)})\s+(?:[a-z]+ly\s+)?\Z", re.IGNORECASE)


def _modal_before(before: str) -> bool:
    """Whether ``before`` ends with a modal ("will", "could", "may one day"), an adverb allowed."""
    return _modal_regex().search(before.replace("’", "'")) is not None


def _duration(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    unit_text = g.get("unit") or ""
    unit = _unit(unit_text)
    if unit is None:
        return None
    num_text = g.get("num")
    amount = _number(num_text)
    if amount is None and _key(num_text) not in [_key(v) for v in words()["vague_numbers"]]:
        return None
    amount = _with_half(amount, text)
    if g.get("rest_unit"):  # "two hours and 45 minutes": the smaller unit as a fraction of the larger
        smaller, factor = SMALLER_UNIT.get(unit, ("", 1))
        rest = _number(g.get("rest_num"))
        if smaller != _unit(g["rest_unit"]) or rest is None or amount is None or g.get("num2"):
            return None
        amount += rest / factor
    if _is_title(num_text, unit_text, text):
        return None
    if num_text and _key(num_text) in ("a", "an") and unit_text.lower().endswith("s"):
        return None
    if unit == "quarter" and re.match(r"\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+|fiscal\s+)?(?:year|\d{4}|fiscal))", after, re.IGNORECASE) \
            and not re.search(r"\b(?:first|last|past|next|final|coming)\s+\Z", before, re.IGNORECASE):
        return None  # "three-quarters of its food": a fraction
    if _key(num_text) in ("a", "an", "per") and _RATE_BEFORE.search(before):
        return None  # "$500 million a year": a rate
    if unit == "day" and _key(text).startswith("one ") and not unit_text.lower().endswith("s") and _modal_before(before):
        return ("DATE", Reading("ref", value="FUTURE_REF"))  # "will one day be": someday
    if unit == "second" and _key(num_text) in ("a", "an") and re.match(r"\s+[a-z]", after) and not re.match(r"\s+(?:later|ago|after|before|or)\b", after):
        return None  # "a second chance", "a second term"
    return Reading("duration", unit=unit, amount=amount, mod=_approx(g.get("approx"), before))


def _vague_duration(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    unit_text = g.get("unit") or ""
    if re.search(r"\b(?:early|small|wee)\s+\Z", before, re.IGNORECASE) and re.match(r"\s+of\b", after):
        return None  # "in the early hours of Sunday": a time of that day, not an amount
    if unit_text[:1].isupper() and not text[:1].islower() and text[:1] == unit_text[:1]:
        return None  # "Minutes" alone, capitalised: a title such as "60 Minutes"
    if _key(g.get("rel")) == "recent" and _unit(unit_text) in ("year", "decade", "century"):
        return ("DATE", Reading("ref", value="PAST_REF"))  # "recent years"
    return Reading("duration", unit=_unit(unit_text), amount=None, mod=_approx(g.get("approx"), before))


_SET_ADVERBS = {
    "daily": ("P1D", None), "nightly": ("P1D", None), "weekly": ("P1W", None), "biweekly": ("P2W", None),
    "monthly": ("P1M", None), "bimonthly": ("P2M", None), "quarterly": ("P3M", None), "annually": ("P1Y", None),
    "yearly": ("P1Y", None), "hourly": ("PT1H", None), "semiannually": ("P1Y", "2X"), "biannually": ("P1Y", "2X"),
}
_POD_SET = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SEASON_SET = {"summer": "SU", "winter": "WI", "spring": "SP", "fall": "FA", "autumn": "FA"}


def _set(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    from timeline.resolve.values import duration_value  # the one place that spells durations

    if g.get("adverb"):
        if _looks_like_name(text, before, after) or re.match(r"\s+[A-Z][a-z]+", after) and not text[:1].isupper():
            return None  # "the Daily Mail", "the party daily Granma"
        if _RATE_BEFORE.search(before):
            return None  # "rise 8.5% annually": a rate, not a recurring time
        value, freq = _SET_ADVERBS[_key(g["adverb"])]
        return Reading("set", value=value, freq=freq)
    if g.get("weekdays"):
        if _key(g["weekdays"]) == "weekends":
            return Reading("set", value="XXXX-WXX-WE", quant="EVERY")
        day = _weekday(_key(g["weekdays"])[:-1])
        return Reading("set", value=f"XXXX-WXX-{day}", quant="EVERY")
    quant = _key(g.get("quant"))
    freq_word = _key(g.get("freqword"))
    freq = None
    if freq_word:
        count = {"once": 1, "twice": 2}.get(freq_word) or _number(freq_word.split()[0])
        freq = f"{int(count)}X" if count else None
    if quant in ("a", "an", "per") and not freq:
        return None  # "a day" alone is a duration; "$5 a day" is too rare to guess
    weekday = _weekday(g.get("weekday"))
    quant_value = "EVERY" if quant in ("every", "per", "a", "an") else "EACH"
    if weekday:
        pod = _pod(g.get("pod"))
        return Reading("set", value=f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""), quant=quant_value, freq=freq)
    if g.get("month"):
        return Reading("set", value=f"XXXX-{_month(g, 'month'):02d}", quant=quant_value, freq=freq)
    unit_text = _key(g.get("unit"))
    count_text = _key(g.get("num"))
    # "every other day" = every 2, "every few days" = unspecified, "every couple of days" = 2
    count = {"": 1.0, "other": 2.0, "few": None, "couple of": 2.0}.get(count_text, _number(count_text))
    if unit_text in _POD_SET:
        return Reading("set", value=f"XXXX-XX-XXT{_POD_SET[unit_text]}", quant=quant_value, freq=freq)
    if unit_text in _SEASON_SET:
        return Reading("set", value=f"XXXX-{_SEASON_SET[unit_text]}", quant=quant_value, freq=freq)
    if unit_text == "weekend":
        return Reading("set", value="XXXX-WXX-WE", quant=quant_value, freq=freq)
    unit = _unit(unit_text)
    if unit is None:
        return None
    return Reading("set", value=duration_value(unit, count), quant=quant_value, freq=freq)


def _informal_ref(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    value = _lookup(words()["informal_references"], g.get("ref"))
    return Reading("ref", value=value) if value else None  # type: ignore[arg-type]


def _bare_season(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    return Reading("season", season=_lookup(words()["seasons"], g.get("season")), year_from_anchor=True)  # type: ignore[arg-type]


def _informal_day(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """A bare "day" (or "week", "month", "year", "hour") in social media is one such unit
    long; "last day", "the first day" (of a sale, of school...) is the day of writing."""
    if g.get("ordinal"):
        return ("DATE", Reading("relative", unit=Grain.DAY.value, offset=0))
    other = _key(g.get("unit2"))
    if other:  # a bare "week", "year", "hours" (every one is a time in the tweets corpus)
        return Reading("duration", unit=_unit(other), amount=None if other.endswith("s") else 1.0)
    return Reading("duration", unit="day", amount=1.0)


def _ref(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    value = _lookup(words()["references"], g.get("ref"))
    return Reading("ref", value=value)  # type: ignore[arg-type]


#: The preposition a story-time phrase follows, by phrase: "during this period", "throughout
#: that time", "at the same time", "at that time", "at the time". Without one ("this time he
#: won", "the same period") the phrase means an occasion or is something else.
_STORY_TIME_BEFORE = {
    "period": re.compile(r"\b(?:during|throughout|in|from|over|since)\s+\Z", re.IGNORECASE),
    "time": re.compile(r"\b(?:during|throughout)\s+\Z", re.IGNORECASE),
    "that time": re.compile(r"\b(?:during|throughout|in|at|by|until|since)\s+\Z", re.IGNORECASE),
    "same time": re.compile(r"\bat\s+\Z", re.IGNORECASE),
}
#: "at the time" is the story's time when nothing anchors it to an event: it ends a clause or
#: stands before the verb ("Vietnam at the time was ..."), not "at the time of the attack" or
#: "at the time he left office".
_THE_TIME_AFTER = re.compile(r"\s*(?:[,.;:)]|\Z)|\s+(?:was|were|had|did|could|would)\b")


def _story_time(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """"during this period", "at the same time", "at that time": the time the story has reached
    (kind ``story``; kept in narratives only, see :func:`timeline.resolve.resolve_mentions`)."""
    words_ = " ".join(text.lower().split())
    if words_ == "the time":
        if not (re.search(r"\bat\s+\Z", before, re.IGNORECASE) and _THE_TIME_AFTER.match(after)):
            return None
        return Reading("story")
    if words_.startswith("the same time"):
        key = "same time"
    elif words_ == "that time":
        key = "that time"
    else:
        key = words_.split()[-1]
    if not _STORY_TIME_BEFORE[key].search(before):
        return None
    return Reading("story")


PRODUCTIONS: dict[str, Production] = {
    "era": _era,
    "iso": _iso,
    "date": _date,
    "numeric_date": _numeric_date,
    "month_relative": _month_relative,
    "weekday": _weekday_reading,
    "quarter": _quarter,
    "season": _season,
    "decade": _decade,
    "century": _century,
    "year": _year,
    "part_of_date": _part_of_date,
    "holiday": _holiday,
    "deictic": _deictic,
    "clock": _clock,
    "offset": _offset,
    "anchored": _anchored,
    "anaphoric": _anaphoric,
    "unit_relative": _unit_relative,
    "the_period": _the_period,
    "duration": _duration,
    "vague_duration": _vague_duration,
    "set": _set,
    "ref": _ref,
    "story_time": _story_time,
    "bare_season": _bare_season,
    "informal_ref": _informal_ref,
    "informal_day": _informal_day,
}
