"""Productions of durations ("three weeks", "years") and sets ("every week", "daily")."""

from __future__ import annotations

import functools
import re

from timeline.calendar import SMALLER_UNIT
from timeline.extract.dates import RATE_BEFORE, looks_like_name
from timeline.extract.fields import (
    Groups,
    approx_of,
    is_title,
    key_of,
    month_of,
    number_of,
    pod_of,
    unit_of,
    weekday_of,
    with_half,
)
from timeline.lexicon import alternation, word_map, words
from timeline.types import Reading

__all__ = [
    "read_duration",
    "read_set",
    "read_vague_duration",
]


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


def read_duration(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """Production ``duration``: an amount of time ("three weeks", "two and a half years"), or a title."""
    unit_text = g.get("unit") or ""
    unit = unit_of(unit_text)
    if unit is None:
        return None
    num_text = g.get("num")
    amount = number_of(num_text)
    if amount is None and key_of(num_text) not in [key_of(v) for v in words()["vague_numbers"]]:
        return None
    amount = with_half(amount, text)
    if g.get("rest_unit"):  # "two hours and 45 minutes": the smaller unit as a fraction of the larger
        smaller, factor = SMALLER_UNIT.get(unit, ("", 1))
        rest = number_of(g.get("rest_num"))
        if smaller != unit_of(g["rest_unit"]) or rest is None or amount is None or g.get("num2"):
            return None
        amount += rest / factor
    if is_title(num_text, unit_text, text):
        return None
    if num_text and key_of(num_text) in ("a", "an") and unit_text.lower().endswith("s"):
        return None
    if unit == "quarter" and re.match(r"\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+|fiscal\s+)?(?:year|\d{4}|fiscal))", after, re.IGNORECASE) \
            and not re.search(r"\b(?:first|last|past|next|final|coming)\s+\Z", before, re.IGNORECASE):
        return None  # "three-quarters of its food": a fraction
    if key_of(num_text) in ("a", "an", "per") and RATE_BEFORE.search(before):
        return None  # "$500 million a year": a rate
    if unit == "day" and key_of(text).startswith("one ") and not unit_text.lower().endswith("s") and _modal_before(before):
        return ("DATE", Reading("ref", value="FUTURE_REF"))  # "will one day be": someday
    if unit == "second" and key_of(num_text) in ("a", "an") and re.match(r"\s+[a-z]", after) and not re.match(r"\s+(?:later|ago|after|before|or)\b", after):
        return None  # "a second chance", "a second term"
    return Reading("duration", unit=unit, amount=amount, mod=approx_of(g.get("approx"), before))


def read_vague_duration(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """Production ``vague_duration``: an amount without a number ("years", "several months", "hours")."""
    unit_text = g.get("unit") or ""
    if re.search(r"\b(?:early|small|wee)\s+\Z", before, re.IGNORECASE) and re.match(r"\s+of\b", after):
        return None  # "in the early hours of Sunday": a time of that day, not an amount
    if unit_text[:1].isupper() and not text[:1].islower() and text[:1] == unit_text[:1]:
        return None  # "Minutes" alone, capitalised: a title such as "60 Minutes"
    if key_of(g.get("rel")) == "recent" and unit_of(unit_text) in ("year", "decade", "century"):
        return ("DATE", Reading("ref", value="PAST_REF"))  # "recent years"
    return Reading("duration", unit=unit_of(unit_text), amount=None, mod=approx_of(g.get("approx"), before))


_SET_ADVERBS: dict[str, tuple[str, str | None]] = {k: (v[0], v[1]) for k, v in word_map("set_adverbs").items()}
_FREQUENCY_WORDS: dict[str, int] = word_map("frequency_words")
_SET_COUNTS: dict[str, float | None] = word_map("set_counts")
_POD_SET: dict[str, str] = {k: words()["parts_of_day"][k] for k in words()["set_parts_of_day"]}
_SEASON_SET: dict[str, str] = dict(words()["seasons"])


def read_set(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``set``: a recurring time ("every week", "daily", "each morning")."""
    from timeline.resolve.values import duration_value  # the one place that spells durations

    if g.get("adverb"):
        if looks_like_name(text, before, after) or re.match(r"\s+[A-Z][a-z]+", after) and not text[:1].isupper():
            return None  # "the Daily Mail", "the party daily Granma"
        if RATE_BEFORE.search(before):
            return None  # "rise 8.5% annually": a rate, not a recurring time
        value, freq = _SET_ADVERBS[key_of(g["adverb"])]
        return Reading("set", value=value, freq=freq)
    quant = key_of(g.get("quant"))
    freq_word = key_of(g.get("freqword"))
    freq = None
    if freq_word:
        count = _FREQUENCY_WORDS.get(freq_word) or number_of(freq_word.split()[0])
        freq = f"{int(count)}X" if count else None
    if quant in ("a", "an", "per") and not freq:
        return None  # "a day" alone is a duration; "$5 a day" is too rare to guess
    weekday = weekday_of(g.get("weekday"))
    quant_value = "EVERY" if quant in ("every", "per", "a", "an") else "EACH"
    if weekday:
        pod = pod_of(g.get("pod"))
        return Reading("set", value=f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""), quant=quant_value, freq=freq)
    if g.get("month"):
        return Reading("set", value=f"XXXX-{month_of(g, 'month'):02d}", quant=quant_value, freq=freq)
    unit_text = key_of(g.get("unit"))
    count_text = key_of(g.get("num"))
    # "every other day" = every 2, "every few days" = unspecified, "every couple of days" = 2
    count = _SET_COUNTS.get(count_text, number_of(count_text))
    if unit_text in _POD_SET:
        return Reading("set", value=f"XXXX-XX-XXT{_POD_SET[unit_text]}", quant=quant_value, freq=freq)
    if unit_text in _SEASON_SET:
        return Reading("set", value=f"XXXX-{_SEASON_SET[unit_text]}", quant=quant_value, freq=freq)
    if unit_text == "weekend":
        return Reading("set", value="XXXX-WXX-WE", quant=quant_value, freq=freq)
    unit = unit_of(unit_text)
    if unit is None:
        return None
    return Reading("set", value=duration_value(unit, count), quant=quant_value, freq=freq)
