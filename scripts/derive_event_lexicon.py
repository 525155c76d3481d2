#!/usr/bin/env python3
"""Derive timeline/lexicon/event_nouns.txt and event_verbs.txt from TempEval-3 training data.

Usage::

    python scripts/derive_event_lexicon.py [CORPUS_DIR] [--out DIR]

CORPUS_DIR defaults to ../shared/corpora/tempeval3-train (from the repository root, or from the
nearest ancestor directory that has it);
DIR defaults to timeline/lexicon. Only counts of words are taken from the corpus (which word
forms are annotated as events, and how often each form occurs at all); no sentence is copied.

Nouns: a lower-case form is kept when TE3 tags it as an EVENT whose MAKEINSTANCE has
pos="NOUN" at least twice, and when EVENT tags (any pos) cover at least half of all its
occurrences in the texts, tagged or not ("company" and "year" never enter). A short hand list
of unambiguous news event nouns that TE3 lacks is added (named in the file's header).

Verbs: every token of the texts is lemmatized by the rules of timeline.derivation.verb_lemma
(irregular map of events.json; -s/-es/-ies, -ed/-ied, -ing with doubled consonants and silent
e), a candidate base being accepted when it occurs as a word of the corpus or is a verb of
events.json. A lemma is kept when forms of it are tagged EVENT with pos="VERB" at least twice,
EVENT tags cover at least half of the occurrences of all the forms mapped to it, it is not an
auxiliary, and its base form occurs in the corpus or at least two of its forms do. A lemma tagged
VERB once is kept too when that tag is at least a third of its forms' uses, its base form occurs
in the corpus and it is no irregular form of events.json (rare verbs: "notify", "postpone"; not a
noun tagged VERB by mistake, "war"). Deriving the lists from one half of TE3 and scoring the
events of the other half (both ways) found one more event each way and lost none.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.events.derivation import verb_lemma  # noqa: E402

#: ../shared/corpora/tempeval3-train from the repository root or from the nearest ancestor
#: that has it (a git worktree may sit deeper than the main checkout)
DEFAULT_CORPUS = next(
    (base / "shared" / "corpora" / "tempeval3-train" for base in ROOT.parents
     if (base / "shared" / "corpora" / "tempeval3-train").is_dir()),
    ROOT.parent / "shared" / "corpora" / "tempeval3-train",
)
MIN_TAGGED = 2
MIN_RATIO = 0.5
#: a verb lemma tagged once is kept when that tag is at least this share of its forms' uses
#: (rare verbs: "notify", "articulate"; checked by deriving from one half of TE3 and scoring the
#: other half, both ways: more held-out events found, none lost)
MIN_VERB_TAGGED = 1
MIN_SINGLE_SHARE = 1 / 3

#: unambiguous event nouns of news that TE3 may lack (hand-added; written in the header)
HAND_NOUNS = (
    "keynote", "keynotes", "lawsuit", "lawsuits", "bankruptcy", "bankruptcies", "delivery",
    "deliveries", "flight", "flights", "award", "awards", "pre-order", "pre-orders",
    "preorder", "preorders", "unveiling", "livestream", "webinar", "layoff", "layoffs",
    "recall", "recalls", "ipo", "buyout", "buyouts", "walkout", "shutdown", "lockdown",
    "resignation", "resignations", "firing", "hiring", "inauguration", "funeral",
    "wedding", "graduation", "premiere", "concert", "summit", "rally", "protest",
    "protests", "arrest", "arrests", "indictment", "verdict", "acquittal", "conviction",
    # below the 50% bar in TE3 ("death" 7/22, "election" 2/5) but events in news text
    "death", "deaths", "election", "elections", "launch", "launches", "invitation",
    "invitations", "reelection", "re-election",
)

TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")
TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
EVENT = re.compile(r'<EVENT\s[^>]*?eid="([^"]+)"[^>]*>([^<]*)</EVENT>')
INSTANCE = re.compile(r"<MAKEINSTANCE\s([^>]*?)/?>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
TAG = re.compile(r"<[^>]+>")


def read_corpus(corpus: Path) -> tuple[Counter[str], Counter[str], Counter[tuple[str, str]]]:
    """Token counts of the texts, EVENT counts per form, and EVENT counts per (form, pos)."""
    tokens: Counter[str] = Counter()
    events: Counter[str] = Counter()
    by_pos: Counter[tuple[str, str]] = Counter()
    files = sorted(corpus.rglob("*.tml"))
    if not files:
        raise SystemExit(f"no .tml files under {corpus}")
    for path in files:
        raw = path.read_text(encoding="utf-8")
        pos_of: dict[str, str] = {}
        for match in INSTANCE.finditer(raw):
            attrs = dict(ATTR.findall(match.group(1)))
            pos_of.setdefault(attrs.get("eventID", ""), attrs.get("pos", ""))
        for body in TEXT.findall(raw):
            for eid, word in EVENT.findall(body):
                low = html.unescape(word).strip().lower()
                if TOKEN.fullmatch(low):
                    events[low] += 1
                    by_pos[(low, pos_of.get(eid, ""))] += 1
            tokens.update(TOKEN.findall(html.unescape(TAG.sub(" ", body)).lower()))
    return tokens, events, by_pos


SILENT_E = re.compile(
    r"(?:[vuc]|dg|rg|eg|[^z]z|[bcdfgkptz]l|^[aeiou][^aeiou]|[aeiou]s|[lnpr]s|^.{2,}ang|[iu]at"
    r"|(?:^|[^aeiou])(?:[aiu][dtkmnbgr]|o[dtkb]|[ai]p|[io]s)|^[^aeiou]*[aiou][lr])$")
#: unstressed last syllables of longer stems (visit, abandon, offer) and vowel pairs (treat)
UNSTRESSED = re.compile(r"[aeiou].*[^aeiou](?:it|on|om|en|er|et|el)$")
VOWEL_PAIR = re.compile(r"(?!ia|ua)[aeiou]{2}[^aeiousz]$")
#: past forms missing from the irregular map of events.json
EXTRA_IRREGULAR = {"laid": "lay", "mislaid": "mislay", "slain": "slay", "dove": "dive"}


def guess_lemma(word: str) -> str | None:
    """A base form for an inflected-looking ``word`` whose base the corpus does not show
    (abandoned -> abandon, stopped -> stop, debated -> debate), or None.

    Guesses by spelling alone: a doubled final consonant is undone (but "ll" only after two
    syllables: patrolled -> patrol, spilled -> spill), and a silent e is restored after the
    endings that usually have one (SILENT_E, but not UNSTRESSED nor VOWEL_PAIR)."""
    if word.endswith("eed") or len(word) < 4:
        return None
    if word.endswith("ied"):
        return word[:-3] + "y"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("ed"):
        stem = word[:-2]
    elif word.endswith("ing"):
        stem = word[:-3]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-2] if word.endswith(("ches", "shes", "xes", "sses", "zes")) else word[:-1]
    else:
        return None
    if len(stem) < 2 or not re.search("[aeiouy]", stem) or (len(stem) == 2 and stem[0] not in "aeiou"):
        return None
    if stem[-1] == stem[-2] and stem[-1] not in "aeiousz":
        if stem[-1] != "l" or len(re.findall("[aeiou]+", stem)) >= 2:
            return stem[:-1]
        return stem
    if SILENT_E.search(stem) and not UNSTRESSED.search(stem) and not VOWEL_PAIR.search(stem):
        return stem + "e"
    return stem


def derive_nouns(tokens: Counter[str], events: Counter[str],
                 by_pos: Counter[tuple[str, str]]) -> tuple[list[str], str]:
    """The kept noun forms (sorted) and a line of figures."""
    kept = [
        form for form in tokens
        if by_pos[(form, "NOUN")] >= MIN_TAGGED and events[form] >= MIN_RATIO * tokens[form]
    ]
    tagged = sum(events[form] for form in kept)
    total = sum(tokens[form] for form in kept)
    candidates = [form for form in tokens if by_pos[(form, "NOUN")] >= MIN_TAGGED]
    figures = (f"nouns: {len(candidates)} forms tagged NOUN events >= {MIN_TAGGED} times, "
               f"{len(kept)} kept; kept forms are EVENT-tagged in {tagged}/{total} "
               f"= {tagged / max(total, 1):.3f} of their occurrences")
    return sorted(kept), figures


def derive_verbs(tokens: Counter[str], events: Counter[str],
                 by_pos: Counter[tuple[str, str]]) -> tuple[list[str], str]:
    """The kept verb lemmas (sorted) and a line of figures."""
    data = json.loads((ROOT / "timeline" / "lexicon" / "events.json").read_text(encoding="utf-8"))
    listed = set(data["verbs"])
    auxiliaries = set(data["auxiliaries"]) | {"be", "have", "do", "get"}

    def is_base(word: str) -> bool:
        # a word seen once may be a name or an abbreviation ("cit.")
        return word in listed or (len(word) > 1 and tokens[word] >= 2)

    forms: dict[str, set[str]] = defaultdict(set)
    for token in tokens:
        lemma = EXTRA_IRREGULAR.get(token) or verb_lemma(token, is_base)
        if lemma is None or (lemma == token and token not in listed):
            lemma = guess_lemma(token) or token
        forms[lemma].add(token)
    kept, tagged_all, total_all, candidates = [], 0, 0, 0
    for lemma, group in forms.items():
        verb_tagged = sum(by_pos[(form, "VERB")] for form in group)
        if verb_tagged < MIN_VERB_TAGGED or lemma in auxiliaries or not TOKEN.fullmatch(lemma):
            continue
        if verb_tagged < MIN_TAGGED and (
                verb_tagged < MIN_SINGLE_SHARE * sum(tokens[form] for form in group)
                or lemma not in tokens or lemma in data["irregular"]):
            # one VERB tag among many uses: a noun tagged by mistake ("war"); a base the
            # corpus never shows ("ident"); an irregular form taken for a base ("shown")
            continue
        candidates += 1
        tagged = sum(events[form] for form in group)
        total = sum(tokens[form] for form in group)
        if tagged < MIN_RATIO * total:
            continue
        if lemma not in tokens and len(group) < 2:
            continue
        kept.append(lemma)
        tagged_all += tagged
        total_all += total
    # a guess that lost its silent e ("quoted" -> "quot") beside the real base ("quote")
    kept_set = set(kept)
    kept = [lemma for lemma in kept if not (lemma + "e" in kept_set and lemma not in tokens)]
    figures = (f"verbs: {candidates} lemmas tagged VERB events >= {MIN_VERB_TAGGED} times, "
               f"{len(kept)} kept; their forms are EVENT-tagged in {tagged_all}/{total_all} "
               f"= {tagged_all / max(total_all, 1):.3f} of their occurrences")
    return sorted(kept), figures


def write(path: Path, header: list[str], words: list[str]) -> None:
    """One word a line under ``#`` header lines."""
    path.write_text("".join(f"# {line}\n" for line in header) + "".join(f"{w}\n" for w in words),
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Read the corpus, write the two lists, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "timeline" / "lexicon")
    args = parser.parse_args(argv)
    tokens, events, by_pos = read_corpus(args.corpus)
    nouns, noun_figures = derive_nouns(tokens, events, by_pos)
    hand = sorted(set(HAND_NOUNS) - set(nouns))
    verbs, verb_figures = derive_verbs(tokens, events, by_pos)
    source = "TempEval-3 training data (TimeBank + AQUAINT, TimeML)"
    write(args.out / "event_nouns.txt", [
        f"Made by scripts/derive_event_lexicon.py from {source}: lower-case forms tagged EVENT "
        f"with MAKEINSTANCE pos=NOUN >= {MIN_TAGGED} times and EVENT-tagged in >= "
        f"{MIN_RATIO:.0%} of their occurrences; plus hand-added news event nouns.",
        noun_figures,
        "hand-added (not from TE3): " + " ".join(hand),
    ], sorted(set(nouns) | set(hand)))
    write(args.out / "event_verbs.txt", [
        f"Made by scripts/derive_event_lexicon.py from {source}: rule-based lemmas of forms "
        f"tagged EVENT with MAKEINSTANCE pos=VERB >= {MIN_TAGGED} times, EVENT-tagged in >= "
        f"{MIN_RATIO:.0%} of the occurrences of all their forms; no auxiliaries; base form "
        f"or >= 2 forms seen in the corpus; a lemma tagged once only when that is >= "
        f"{MIN_SINGLE_SHARE:.0%} of its forms' uses, its base is seen and it is no irregular form.",
        verb_figures,
    ], verbs)
    print(noun_figures)
    print(f"nouns: {len(hand)} hand-added: {' '.join(hand)}")
    print(verb_figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
