"""The geometry of the figure (pure): the initial view (:func:`focus_window`) and the packing\nof labels into rows, from the estimated pixel width of each label.\n"""

from __future__ import annotations

import datetime as dt
import html
import math
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = [
    "ACTOR",
    "AUTO",
    "BUTTONS_WIDTH",
    "COLLAPSE_AT",
    "COLLAPSIBLE",
    "ESTIMATE_BELOW",
    "FOCUS_COST",
    "FOCUS_MAX_LEFT_OUT",
    "LABEL_FONT",
    "LABEL_FONT_SIZE",
    "LABEL_GAP",
    "LABEL_MAX",
    "LABEL_MIN",
    "LAYOUT_WIDTH",
    "MARGIN_RIGHT",
    "MIN_HEIGHT",
    "MIN_WIDTH",
    "NOTE_SHIFT",
    "ROW_HEIGHT",
    "TOP_MARGIN",
    "UNDER_PLOT",
    "focus_window",
    "from_epoch",
    "initial_view",
    "pack_labels",
    "text_width",
    "to_epoch",
]


COLLAPSE_AT = 3
#: ``dated_by`` kinds whose events sharing one estimate may be drawn as one mark
COLLAPSIBLE = frozenset({"narrative", "tense"})
#: an event with a lower confidence is drawn as an estimate (hollow, faded), like an approximate one
ESTIMATE_BELOW = 0.5
#: the initial view may leave out at most this share of the events ...
FOCUS_MAX_LEFT_OUT = 0.25
#: ... and leaving out a share s of them must shrink the span by 2 ** (FOCUS_COST * s)
FOCUS_COST = 20.0
_MIN_SPAN = 86400.0
#: the smallest height and width (pixels) a figure may be given
MIN_HEIGHT = 10
MIN_WIDTH = 200
#: the figure width (pixels) rows and labels are laid out for when no width is given
LAYOUT_WIDTH = 1000
#: pixels per row of events, and above the plot (title, note, range buttons)
ROW_HEIGHT = 22
TOP_MARGIN = 118
#: the label font, its size, and the widest and narrowest a label is cut to (pixels)
LABEL_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
LABEL_FONT_SIZE = 11
LABEL_MAX = 250
LABEL_MIN = 90
#: pixels between a mark and its label
LABEL_GAP = 6
_LABEL_PAD = 3
#: pixels right of the plot
MARGIN_RIGHT = 20
#: pixels a note under the title is shifted by
NOTE_SHIFT = 26
#: pixels the range buttons take
BUTTONS_WIDTH = 290
#: pixels under the plot (the slider and the undated note)
UNDER_PLOT = 104
#: the ``lanes`` option that picks lanes from the events
AUTO = "auto"
#: the ``lanes`` option that puts each actor's events in a lane
ACTOR = "actor"


# --------------------------------------------------------------------------------------------
# the initial view
# --------------------------------------------------------------------------------------------


def to_epoch(value: dt.datetime) -> float:
    """``value`` as seconds since 1970 (any year 1..9999)."""
    return float(np.datetime64(value, "s").astype("int64"))


def from_epoch(seconds: float) -> dt.datetime:
    """Seconds since 1970 as a ``datetime``, clamped to years 1..9999."""
    low, high = to_epoch(dt.datetime(1, 1, 1)), to_epoch(dt.datetime(9999, 12, 31, 23, 59, 59))
    return np.datetime64(int(round(min(max(seconds, low), high))), "s").astype(object)


def focus_window(points: Sequence[float], weights: Sequence[int] | None = None) -> tuple[float, float]:
    """The densest span of ``points`` (seconds) that holds most of them: ``(low, high)``.

    Every contiguous run of the sorted points that leaves out at most :data:`FOCUS_MAX_LEFT_OUT`
    of the weight is scored by ``log2(span) + FOCUS_COST * (left out / total)`` (the span at
    least a day): leaving out 5% of the events must halve the span to pay. The lowest score
    wins, the wider run on a tie. ``weights`` count the events each point stands for (1 each
    by default).
    """
    if not points:
        raise ValueError("focus_window needs at least one point")
    pairs = sorted(zip(points, weights or [1] * len(points)))
    xs = [p for p, _ in pairs]
    cumulative = [0]
    for _, w in pairs:
        cumulative.append(cumulative[-1] + w)
    total = cumulative[-1]
    allowed = total * FOCUS_MAX_LEFT_OUT
    best: tuple[float, float, int, int] | None = None
    for i in range(len(xs)):
        if cumulative[i] > allowed:
            break
        for j in range(len(xs) - 1, i - 1, -1):
            left_out = cumulative[i] + total - cumulative[j + 1]
            if left_out > allowed:
                break
            span = max(xs[j] - xs[i], _MIN_SPAN)
            score = math.log2(span) + FOCUS_COST * left_out / total
            key = (round(score, 9), -(xs[j] - xs[i]))
            if best is None or key < (best[0], best[1]):
                best = (key[0], key[1], i, j)
    assert best is not None
    return xs[best[2]], xs[best[3]]


def initial_view(
    marks: Sequence[Mapping[str, Any]], published: dt.datetime | None
) -> tuple[float, float]:
    """The initial x range (seconds): the focus window, the publication date when it is near,
    the periods of the events in view when they do not stretch it much, and a margin."""
    points = [to_epoch(m["_x"]) for m in marks]
    low, high = focus_window(points, [len(m["_members"]) for m in marks])
    span = max(high - low, _MIN_SPAN)
    if published is not None:
        moment = to_epoch(published)
        if low - span * 0.5 <= moment <= high + span * 0.5:
            low, high = min(low, moment), max(high, moment)
    span = max(high - low, _MIN_SPAN)
    for mark in marks:
        if low <= to_epoch(mark["_x"]) <= high:
            first, last = to_epoch(mark["_lo"]), to_epoch(mark["_hi"])
            if low - span * 0.5 <= first < low:
                low = first
            if high < last <= high + span * 0.5:
                high = last
    span = max(high - low, _MIN_SPAN)
    pad = max(span * 0.04, 3600 * 6)
    if high - low < _MIN_SPAN:
        pad += (_MIN_SPAN - (high - low)) / 2
    low, high = low - pad, high + pad
    if span <= 92 * 86400:  # a view of days: from midnight to midnight, so its first day is named
        low, high = math.floor(low / 86400) * 86400, math.ceil(high / 86400) * 86400
    return low, high


# --------------------------------------------------------------------------------------------
# rows and labels: pixel geometry
# --------------------------------------------------------------------------------------------

# widths of Arial / Liberation Sans glyphs in thousandths of an em (the label font)
_GLYPHS: dict[str, int] = {
    **dict.fromkeys("ijl", 222), **dict.fromkeys("ft", 278), "r": 333,
    **dict.fromkeys("ckvxyzsJ", 500), **dict.fromkeys("abdeghnopqu0123456789#$_", 556),
    "m": 833, "w": 722, **dict.fromkeys("FTZ", 611), **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("CDHNRUw", 722), **dict.fromkeys("GOQ", 778), "M": 833, "W": 944, "I": 278, "L": 556,
    **dict.fromkeys(" .,:;!/|[]'’‘·", 278), **dict.fromkeys("()-“”\"", 333), "…": 1000, "—": 1000, "–": 556,
    "%": 889, "@": 1015, "?": 556, "+": 584, "=": 584,
}  # fmt: skip


def text_width(text: str, size: float = LABEL_FONT_SIZE) -> float:
    """An estimate in pixels of how wide ``text`` is drawn in Arial at ``size`` px.

    Summed from per-glyph widths (Arial's metrics, which Liberation Sans shares), with a 6%
    margin; a character outside the table counts as 0.6 em, a wide (East Asian) one as 1 em.
    """
    total = 0
    for char in text:
        width = _GLYPHS.get(char)
        if width is None:
            width = 1000 if unicodedata.east_asian_width(char) in ("W", "F") else 600
        total += width
    return total / 1000 * size * 1.06


def _fit(text: str, room: float, size: float = LABEL_FONT_SIZE) -> str:
    """``text`` cut at a word (with "…") so that it is at most ``room`` pixels wide."""
    room += 0.01  # the sums of the same widths differ in the last bits
    if text_width(text, size) <= room:
        return text
    words = text.split(" ")
    for count in range(len(words) - 1, 0, -1):
        cut = " ".join(words[:count]).rstrip(" ,;:") + "…"
        if text_width(cut, size) <= room:
            return cut
    for length in range(len(text) - 1, 0, -1):
        cut = text[:length].rstrip() + "…"
        if text_width(cut, size) <= room:
            return cut
    return "…"


def _free(occupied: list[tuple[float, float]], low: float, high: float) -> bool:
    return all(high + LABEL_GAP <= a or b + LABEL_GAP <= low for a, b in occupied)


def pack_labels(
    marks: Sequence[dict[str, Any]], scale: float, low: float, plot_width: float, compact: bool
) -> int:
    """Give each mark (in time order) a row and a label place; returns the number of rows.

    A mark's pixel box is its marker (or bar, or whisker) and its label, placed right of it
    when it fits, else left, else above a bar that fills the view; labels are cut to fit
    (:data:`LABEL_MAX` pixels at most). With ``compact`` a mark goes to the first row where its
    box overlaps nothing, so rows are in order of their first event; otherwise each mark has
    a row of its own.
    """
    rows: list[list[tuple[float, float]]] = []
    for mark in marks:
        radius = mark["_size"] / 2 + 1
        a = (to_epoch(mark["_lo"]) - low) * scale - (0 if mark["_kind"] == "bar" else radius)
        b = (to_epoch(mark["_hi"]) - low) * scale + (0 if mark["_kind"] == "bar" else radius)
        full = text_width(mark["_phrase"]) + 2 * _LABEL_PAD
        wanted = min(full, LABEL_MAX)
        options: list[tuple[str, float, list[tuple[int, float, float]]]] = []  # side, width, boxes
        if a < 0 and b > plot_width:  # a period wider than the view: its label goes above it
            width = min(wanted, plot_width - 2 * LABEL_GAP)
            options.append(("above", width, [(0, 0, plot_width), (-1, 0, width + LABEL_GAP)]))
        else:
            right_room = plot_width - b - LABEL_GAP if b <= plot_width else wanted
            left_room = a - LABEL_GAP if a >= 0 else -1.0
            if b < 0 or a > plot_width:  # not in the initial view: placed for zooming out
                right_room = wanted
            for side, room in sorted((("right", right_room), ("left", left_room)), key=lambda s: s[1] < wanted):
                if room >= min(wanted, LABEL_MIN):
                    width = min(wanted, room)
                    box = (a, b + LABEL_GAP + width) if side == "right" else (a - LABEL_GAP - width, b)
                    options.append((side, width, [(0, *box)]))
            if not options:  # no room on either side, even alone in a row: cut it to the wider one
                side, room = max((("right", right_room), ("left", left_room)), key=lambda s: s[1])
                width = max(room, 0.0)
                box = (a, b + LABEL_GAP + width) if side == "right" else (a - LABEL_GAP - width, b)
                options.append((side, width, [(0, *box)]))
        placed = False
        first = 0 if compact else len(rows)
        for row in range(first, len(rows) + 2):
            for side, width, boxes in options:
                if any(row + dy < 0 for dy, _, _ in boxes):
                    continue
                while len(rows) <= row:
                    rows.append([])
                if all(_free(rows[row + dy], x0, x1) for dy, x0, x1 in boxes):
                    for dy, x0, x1 in boxes:
                        rows[row + dy].append((x0, x1))
                    mark["_row"], mark["_side"] = row, side
                    mark["_label"] = html.escape(_fit(mark["_phrase"], width - 2 * _LABEL_PAD))
                    mark["_cut"] = mark["_label"] != html.escape(mark["_phrase"])
                    placed = True
                    break
            if placed:
                break
        if not placed:  # pragma: no cover - a fresh row always has room for the first option
            rows.append([])
            mark["_row"], mark["_side"], mark["_label"], mark["_cut"] = len(rows) - 1, "right", "", True
    while rows and not rows[-1]:
        rows.pop()
    return len(rows)
