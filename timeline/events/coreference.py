"""Mentions of one event: merging coreferent mentions ("was recaptured" ... "his recapture"),
durations lent by a clause to the event of the same verb, and undated nouns that name an event
dated before (:func:`timeline.events.derivation.event_class`: the same derivation or synonym class)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import chain
from typing import TYPE_CHECKING

from timeline.events.derivation import event_class
from timeline.events.forms import VerbForm
from timeline.events.records import DATED, Dating
from timeline.events.signals import NO_COREF
from timeline.events.words import stem

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.collect import Collection
    from timeline.events.phrases import Found

__all__ = [
    "as_event", "attach_pending_durations", "compatible", "date_coreferent", "date_headline", "merge",
]


def merge(c: Collection) -> dict[int, int]:
    """Mention key -> representative key; mentions of one event share a representative.

    Conservative: two mentions are merged only when their trigger stems match, one of them
    refers back (a definite event noun, "his recapture", or an event-anchored phrase), their
    tenses and moods agree (a future or hypothetical mention never joins a past one), and
    the merged event would not carry two explicit dates. A definite noun takes the nearest
    earlier mention. A clause that lent its duration to an event dated elsewhere ("got to
    meet him for several hours" -> "met him in October") is that event.
    """
    root: dict[int, int] = {key: key for key in c.mentions}
    dated: dict[int, bool] = {key: m.explicit is not None for key, m in c.mentions.items()}

    def find(key: int) -> int:
        while root[key] != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    joined = False  # no mentions joined: every mention is its own event

    def union(key: int, other: int) -> bool:
        nonlocal joined
        a, b = find(key), find(other)
        if a == b:
            return True
        if dated[a] and dated[b]:
            return False
        first, second = (a, b) if a < b else (b, a)
        root[second] = first
        dated[first] = dated[a] or dated[b]
        joined = True
        return True

    ordered = sorted(c.mentions)
    # Per stem, four lists of earlier members in text order: all of them, the anchors (the
    # only ones a mention that does not refer back itself may join), and of each the ones
    # whose event was undated when last looked at. A dated mention can only join an undated
    # event (two dates never merge), so it scans those alone; an event once dated stays
    # dated, so the undated lists are pruned as they are scanned. Each scan meets the
    # members in the order a scan of all members would (nearest first), minus those that
    # could not join: the same merges, without rescanning dated events again and again.
    # Mentions join only mentions of their own stem, so each stem is merged on its own
    # (in text order), and a stem met once has nothing to merge.
    by_stem: dict[str, list[int]] = {}
    for key in ordered:
        mention = c.mentions[key]
        found = mention.found
        if mention.hidden or found.lemma in NO_COREF or not found.trigger.isalpha() or \
                mention.sentence == c.headline:
            continue  # a headline's event keeps its own row (see date_headline)
        by_stem.setdefault(stem(found.trigger), []).append(key)
    for keys in by_stem.values():
        if len(keys) < 2:
            continue
        lists: tuple[list[int], list[int], list[int], list[int]] = ([], [], [], [])
        for key in keys:
            mention = c.mentions[key]
            found = mention.found
            referring = (found.kind == "noun" and found.definite) or mention.is_anchor
            form = mention.form
            if dated[key]:  # find(key) is key: it has joined nothing yet
                candidates = lists[2] if referring else lists[3]
                index = len(candidates) - 1
                while index >= 0:
                    other_key = candidates[index]
                    if dated[find(other_key)]:
                        del candidates[index]  # dated for good: no dated mention joins it
                    elif compatible(form, c.mentions[other_key].form):
                        union(key, other_key)  # succeeds: the other side is undated
                        break
                    index -= 1
            else:
                pool = lists[0] if referring else lists[1]
                candidates: Iterable[int] = reversed(pool)
                if found.kind == "noun":
                    # a noun joins an earlier mention of the same noun before another form
                    # of its stem ("on medical leave" ... "Jobs' medical leave", not "left")
                    word = found.trigger.lower()
                    candidates = chain((k for k in reversed(pool)
                                        if c.mentions[k].found.trigger.lower() == word),
                                       candidates)
                for other_key in candidates:
                    if compatible(form, c.mentions[other_key].form) and union(key, other_key):
                        break
            lists[0].append(key)
            if mention.is_anchor:
                lists[1].append(key)
            if not dated[find(key)]:
                lists[2].append(key)
                if mention.is_anchor:
                    lists[3].append(key)
    for key, other in c.duration_links:
        if key in root and other in root:
            union(key, other)
    if not joined:
        return {key: key for key in ordered}
    # choose the representative of each group: the dated mention, else the first
    members_of: dict[int, list[int]] = {}
    for key in ordered:
        members_of.setdefault(find(key), []).append(key)
    final: dict[int, int] = {}
    for keys in members_of.values():
        with_date = [k for k in keys if c.mentions[k].explicit is not None
                     or c.mentions[k].relative is not None]
        chosen = with_date[0] if with_date else keys[0]
        chosen_mention = c.mentions[chosen]
        for k in keys:
            final[k] = chosen
            if k != chosen:
                other = c.mentions[k]
                chosen_mention.optional = chosen_mention.optional and other.optional
                chosen_mention.is_anchor = chosen_mention.is_anchor or other.is_anchor
                chosen_mention.durations.extend(
                    d for d in other.durations if d not in chosen_mention.durations)
                if chosen_mention.form is None and other.form is not None:
                    chosen_mention.form = other.form
                chosen_mention.others.append(
                    f"same event as '{other.found.phrase}' (sentence {other.sentence + 1})")
    return final


def attach_pending_durations(c: Collection) -> None:
    """Give a duration to the event of the same stem nearest before it (else after)."""
    if not c.pending_durations:
        return
    # only the mentions made from time expressions and signals (not every verb) take it
    by_stem: dict[str, list[int]] = {}  # stem -> its mentions' keys, sorted
    for key, m in c.mentions.items():
        if m.explicit is not None or m.relative is not None or key in c.core:
            by_stem.setdefault(stem(m.found.trigger), []).append(key)
    for keys in by_stem.values():
        keys.sort()
    for found, value, sentence in c.pending_durations:
        keys = by_stem.get(stem(found.trigger), [])
        start = found.trigger_start
        # the nearest key before the duration's clause, else the first other one after it
        i = bisect.bisect_left(keys, start)
        if i:
            key = keys[i - 1]
        elif keys and keys[0] != start:
            key = keys[0]
        elif len(keys) > 1:
            key = keys[1]
        else:
            continue
        mention = c.mentions[key]
        if found.trigger_start in c.mentions and found.trigger_start != key:
            # the clause names the event dated elsewhere: one event, not two
            c.duration_links.append((found.trigger_start, key))
        if value not in mention.durations:
            mention.durations.append(value)
            mention.others.append(
                f"duration {value} from '{found.phrase}' (sentence {sentence + 1})")


def compatible(a: VerbForm | None, b: VerbForm | None) -> bool:
    """Can two mentions name one event? Nouns agree with anything; moods and tenses must."""
    if a is None or b is None:
        return (a is None or a.mood == "real") and (b is None or b.mood == "real")
    if a.mood != "real" or b.mood != "real":
        return False
    if "future" in (a.tense, b.tense):
        return a.tense == b.tense
    return True


def date_headline(c: Collection, kept: list[int], records: dict[int, Dating],
                  ids: dict[int, int], notes: dict[int, list[str]]) -> None:
    """A headline announces what the body tells ("Apple unveils iPhone 4" ... "On Monday,
    Jobs unveiled iPhone 4"): a headline event with no time of its own takes the time of the
    first body mention of the same event (matched by :func:`timeline.events.derivation.event_class`)
    that the body dates better than by tense alone."""
    if c.headline < 0:
        return
    first: dict[str, int] = {}  # event key -> its first dated body mention
    headline: list[int] = []
    for key in kept:
        mention = c.mentions[key]
        if mention.sentence == c.headline:
            if records[key].dated_by in ("tense", "none"):
                headline.append(key)
            continue
        record = records[key]
        trigger = mention.found.trigger
        if record.dated_by not in ("tense", "none") and record.time is not None and \
                trigger.isalpha() and (mention.form is None or mention.form.mood == "real"):
            first.setdefault(event_class(trigger), key)
    for key in headline:
        trigger = c.mentions[key].found.trigger
        other = first.get(event_class(trigger)) if trigger.isalpha() else None
        if other is None or other not in ids:
            continue
        records[key] = as_event(records[other], ids[other])
        notes[key].append(f"the headline's event, told as event {ids[other]}: dated as it is")


def date_coreferent(c: Collection, kept: list[int], records: dict[int, Dating], ids: dict[int, int],
                    notes: dict[int, list[str]]) -> None:
    """An undated event noun that names an event told and dated before ("Jobs has died
    yesterday" ... "responded to Jobs' death"; "resigned on Monday" ... "his resignation")
    is that event: it takes its time. Noun and verb forms are matched by their derivation
    (:func:`timeline.events.derivation.event_class`, which also joins near-synonyms: "the slaying" after
    "was shot on Friday"); the nearest earlier dated mention wins."""
    latest: dict[str, int] = {}  # event key -> the latest dated event so far
    for key in kept:
        mention = c.mentions[key]
        found = mention.found
        record = records[key]
        if not found.trigger.isalpha() or found.lemma in NO_COREF:
            continue
        if record.time is not None and record.time.start is not None:
            if record.dated_by in DATED and (mention.form is None or
                                              mention.form.mood == "real"):
                latest[event_class(found.trigger)] = key
            continue
        if mention.form is not None or not latest or not _refers_back(c.text, found):
            continue  # a verb, or a noun that names a new event ("flights would resume")
        other = latest.get(event_class(found.trigger))
        if other is None or other not in ids:
            continue
        records[key] = as_event(records[other], ids[other])
        notes[key].append(f"refers to event {ids[other]}: dated as it is")


def _refers_back(text: str, found: Found) -> bool:
    """Does an event noun point back at an event told before: a definite or possessive
    determiner ("the arrest", "his resignation") or a possessive name ("Jobs' death")?"""
    if found.definite:
        return True
    before = text[max(0, found.trigger_start - 60):found.trigger_start].rstrip()
    # the words of its noun phrase: "Jobs' death", "Jobs' third period of medical leave"
    for word in reversed(before.split()[-_POSSESSIVE_REACH:]):
        if word.endswith(("'", "'s", "’", "’s")):
            return True
        if not word.isalnum():
            return False  # a comma, a quotation mark or a full stop ends the phrase
    return False


#: how many words before an event noun its possessive may stand
_POSSESSIVE_REACH = 5


def as_event(source: Dating, number: int) -> Dating:
    """The dating of a mention of event ``number``, dated as ``source`` (a little less firmly)."""
    return Dating(source.time, "anchored", max(0.3, source.confidence - 0.1),
                  f"same event as event {number}", source.expression, source.bounds)
