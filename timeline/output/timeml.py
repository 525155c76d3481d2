"""TimeML read/write: gold TIMEX3 annotations in, a :class:`~timeline.api.Timeline` out.

:func:`read_timeml` turns a TimeML document (TempEval-3, the tweets corpus, or what
:func:`to_timeml` writes) into a :class:`TimeMLDocument`: the plain text of its ``<TEXT>``
element (every inline tag removed, entities unescaped) and its ``TIMEX3`` annotations with
character offsets into that text. Only ``<TEXT>`` is read for annotations; the ``<DCT>`` gives
the publication date.

:func:`to_timeml` writes a timeline back as TimeML with inline ``<TIMEX3>`` tags.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # pragma: no cover
    from timeline.api import Timeline

__all__ = [
    "GoldEvent",
    "GoldTimeLink",
    "GoldTimex",
    "TimeMLDocument",
    "is_timex3_value",
    "parse_timex_date",
    "read_timeml",
    "to_timeml",
]


@attrs.frozen
class GoldTimex:
    """One ``TIMEX3`` annotation of a TimeML ``<TEXT>``.

    Attributes:
        char_start: offset of its first character in :attr:`TimeMLDocument.text`.
        char_end: offset one past its last character.
        text: ``document.text[char_start:char_end]``.
        type: DATE, TIME, DURATION or SET.
        value: the TIMEX3 value, as written (``1998-01-08``, ``P1W``, ``PAST_REF`` ...).
        tid: the annotation's id (``t12``).
        mod: the TIMEX3 ``mod`` attribute (APPROX, START, ...), if any.
        anchor_tid: ``anchorTimeID``, the tid it was computed from, if any.
        temporal_function: the ``temporalFunction`` attribute, if given.
        function_in_document: the ``functionInDocument`` attribute, if given.
        begin_point: ``beginPoint`` (durations anchored on a time), if any.
        end_point: ``endPoint``, if any.
        quant: ``quant`` (sets: EVERY, EACH), if any.
        freq: ``freq`` (sets: 1X, 2X), if any.
    """

    char_start: int
    char_end: int
    text: str
    type: str
    value: str
    tid: str
    mod: str | None = None
    anchor_tid: str | None = None
    temporal_function: bool | None = None
    function_in_document: str | None = None
    begin_point: str | None = None
    end_point: str | None = None
    quant: str | None = None
    freq: str | None = None


@attrs.frozen
class GoldEvent:
    """One ``EVENT`` annotation of a TimeML ``<TEXT>``: its offsets, text, ``eid`` and class."""

    char_start: int
    char_end: int
    text: str
    eid: str
    event_class: str = ""


@attrs.frozen
class GoldTimeLink:
    """A ``TLINK`` between an event and a time, read from the event's side: the event ``eid``
    (through its ``MAKEINSTANCE``), the relation (``IS_INCLUDED`` where the link was written
    from the time as ``INCLUDES``; ``BEFORE``/``AFTER`` swap likewise) and the time's ``tid``
    (``t0`` and the like: the document creation time)."""

    eid: str
    relation: str
    tid: str


#: a relation read from the other side
_INVERSE = {"INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES", "BEFORE": "AFTER",
            "AFTER": "BEFORE", "BEGUN_BY": "BEGINS", "BEGINS": "BEGUN_BY", "ENDED_BY": "ENDS",
            "ENDS": "ENDED_BY", "IBEFORE": "IAFTER", "IAFTER": "IBEFORE"}


@attrs.frozen
class TimeMLDocument:
    """A TimeML document reduced to what scoring needs.

    Attributes:
        doc_id: the ``<DOCID>`` text, else the file name without extension, else ``""``.
        text: the plain text of ``<TEXT>``: inline tags removed, entities unescaped.
        published: the document creation time (the DCT ``TIMEX3`` value) as a ``date``, or a
            ``datetime`` when the value has a clock time; ``None`` when missing or unreadable.
        gold: the ``TIMEX3`` annotations inside ``<TEXT>``, in text order.
        events: the ``EVENT`` annotations inside ``<TEXT>``, in text order.
        time_links: the ``TLINK``\ s between an event and a time, from the event's side.
        creation_tid: the ``tid`` of the document creation time, if it has one.
    """

    doc_id: str
    text: str
    published: dt.date | dt.datetime | None
    gold: tuple[GoldTimex, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    time_links: tuple[GoldTimeLink, ...] = ()
    creation_tid: str | None = None


_D = r"[\dX]"  # a digit, or X for one that is not known
_TIMEX3_VALUE = re.compile(
    rf"""
    (?:PAST|PRESENT|FUTURE)_REF
    | P(?:(?:[\dX]+(?:\.\d+)?(?:DE|CE|ML|WE|[YMWDQECL]))+(?:T(?:[\dX]+(?:\.\d+)?[HMS])+)?|T(?:[\dX]+(?:\.\d+)?[HMS])+)
    | (?:(?:BC)?{_D}{{4}}(?:-(?:{_D}{{2}}(?:-{_D}{{2}})?|W{_D}{{2}}(?:-(?:[1-7X]|WE))?|Q[1-4X]|H[12X]|SP|SU|FA|WI))?
         |(?:BC)?{_D}{{2,3}})
      (?:T(?:{_D}{{2}}(?::{_D}{{2}}(?::{_D}{{2}}(?:\.\d+)?)?)?|MO|MI|AF|EV|NI|DT)(?:Z|[+-]\d{{2}}(?::?\d{{2}})?)?)?
    """,
    re.VERBOSE,
)


def is_timex3_value(value: str) -> bool:
    """Whether ``value`` is written as TimeML's TIMEX3 ``value`` attribute allows: an ISO 8601
    date, week, quarter, half, season, decade or century (``X`` for unknown digits) with an
    optional clock time or part of day (``1998-10-23TNI``, ``2000-W07-WE``, ``199X``), a duration
    (``P2Y6M``, ``PT45M``, ``P1E`` or ``P1DE`` for a decade) or ``PAST_REF``/``PRESENT_REF``/
    ``FUTURE_REF``. A clock time or part of day always follows a date (``XXXX-XX-XXTMO``).

    Some annotated corpora use other notations (``2014-05-16-WXX-5``, ``P2H`` without the ``T``,
    ``2015 INTERSECT P1D``); :mod:`timeline.evaluation.expressions` counts them with this test.
    """
    return _TIMEX3_VALUE.fullmatch(value) is not None


_DATE_VALUE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
)


def parse_timex_date(value: str) -> dt.date | dt.datetime | None:
    """A calendar TIMEX3 value such as ``1998-01-08`` or ``1998-01-08T18:30`` as date/datetime.

    Returns ``None`` for anything else (``1998-W02``, ``PRESENT_REF``, an invalid date ...).
    A value with a clock time gives a naive ``datetime``; a plain day gives a ``date``.
    """
    match = _DATE_VALUE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match["H"] is None:
            return day
        return dt.datetime(
            day.year,
            day.month,
            day.day,
            int(match["H"]) % 24,
            int(match["M"]),
            int(match["S"] or 0),
        )
    except ValueError:
        return None


def _local(tag: object) -> str:
    """The tag name without a ``{namespace}`` prefix (comments and PIs give ``""``)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _parse_root(source: str | bytes | os.PathLike[str]) -> tuple[ET.Element, str | None]:
    """Parse ``source`` (XML text, bytes, or a path) into its root element and a file name."""
    name: str | None = None
    try:
        if isinstance(source, bytes):
            return ET.fromstring(source), None
        if isinstance(source, str) and source.lstrip().startswith("<"):
            # A str is already decoded: drop a declaration whose encoding expat would re-apply.
            return ET.fromstring(_XML_DECLARATION.sub("", source, count=1)), None
        path = Path(source)
        name = path.name
        return ET.fromstring(path.read_bytes()), name
    except ET.ParseError as error:
        where = f" in {name}" if name else ""
        raise ValueError(f"not well-formed TimeML{where}: {error}") from error


def _walk_text(element: ET.Element) -> tuple[str, list[tuple[int, int, ET.Element]]]:
    """The concatenated text under ``element`` and the (start, end, element) of each TIMEX3
    and EVENT."""
    parts: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    length = 0

    def visit(node: ET.Element) -> None:
        nonlocal length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            start = length
            if _local(child.tag):  # comments and processing instructions carry no text
                visit(child)
            if _local(child.tag) in ("TIMEX3", "EVENT"):
                spans.append((start, length, child))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    visit(element)
    return "".join(parts), spans


def _find(root: ET.Element, name: str) -> ET.Element | None:
    for element in root.iter():
        if _local(element.tag) == name:
            return element
    return None


def _dct_value(root: ET.Element) -> str | None:
    dct = _find(root, "DCT")
    if dct is not None:
        timex = _find(dct, "TIMEX3")
        if timex is not None and timex.get("value"):
            return timex.get("value")
    for element in root.iter():
        if _local(element.tag) == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
            return element.get("value")
    return None


def _optional_bool(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip().lower() == "true"


def read_timeml(source: str | bytes | os.PathLike[str]) -> TimeMLDocument:
    """Read a TimeML document from its XML text, its bytes, or a file path.

    A ``str`` whose first non-blank character is ``<`` is taken as XML text; any other ``str``
    or path-like is a file name.

    Raises:
        ValueError: the XML is not well-formed, or there is no ``<TEXT>`` element.
        OSError: the file cannot be read.
    """
    root, file_name = _parse_root(source)
    text_element = _find(root, "TEXT")
    if text_element is None:
        where = f" in {file_name}" if file_name else ""
        raise ValueError(f"no <TEXT> element{where}")
    text, spans = _walk_text(text_element)
    gold = tuple(
        GoldTimex(
            char_start=start,
            char_end=end,
            text=text[start:end],
            type=(element.get("type") or "").strip(),
            value=(element.get("value") or "").strip(),
            tid=element.get("tid") or "",
            mod=element.get("mod"),
            anchor_tid=element.get("anchorTimeID"),
            temporal_function=_optional_bool(element.get("temporalFunction")),
            function_in_document=element.get("functionInDocument"),
            begin_point=element.get("beginPoint"),
            end_point=element.get("endPoint"),
            quant=element.get("quant"),
            freq=element.get("freq"),
        )
        for start, end, element in spans if _local(element.tag) == "TIMEX3"
    )
    events = tuple(
        GoldEvent(start, end, text[start:end], element.get("eid") or "",
                  element.get("class") or "")
        for start, end, element in spans if _local(element.tag) == "EVENT"
    )
    doc_id_element = _find(root, "DOCID")
    doc_id = (doc_id_element.text or "").strip() if doc_id_element is not None else ""
    if not doc_id and file_name:
        doc_id = file_name.rsplit(".", 1)[0]
    dct = _dct_value(root)
    published = parse_timex_date(dct) if dct else None
    return TimeMLDocument(doc_id=doc_id, text=text, published=published, gold=gold,
                          events=events, time_links=_time_links(root),
                          creation_tid=_creation_tid(root))


def _time_links(root: ET.Element) -> tuple[GoldTimeLink, ...]:
    """The event-time TLINKs of a document, each read from the event's side."""
    instances = {element.get("eiid"): element.get("eventID") for element in root.iter()
                 if _local(element.tag) == "MAKEINSTANCE"}
    links: list[GoldTimeLink] = []
    for element in root.iter():
        if _local(element.tag) != "TLINK":
            continue
        relation = element.get("relType") or ""
        instance, tid = element.get("eventInstanceID"), element.get("relatedToTime")
        if instance is None or tid is None:
            instance, tid = element.get("relatedToEventInstance"), element.get("timeID")
            relation = _INVERSE.get(relation, relation)
        eid = instances.get(instance) if instance is not None else None
        if eid and tid:
            links.append(GoldTimeLink(eid, relation, tid))
    return tuple(links)


def _creation_tid(root: ET.Element) -> str | None:
    for element in root.iter():
        if _local(element.tag) == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
            return element.get("tid")
    return None


# --- writing ---------------------------------------------------------------------------------

# XML 1.0 cannot carry these characters at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _escape_text(text: str) -> str:
    """Escape character data so that a parser gives back exactly ``text``.

    ``\\r`` is written as ``&#13;`` (a literal one would be normalised away); characters that
    XML 1.0 forbids become spaces, so offsets are kept.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "&#13;")
    return _NOT_XML.sub(" ", text)


def _escape_attribute(value: str) -> str:
    value = _escape_text(value).replace('"', "&quot;")
    return value.replace("\t", "&#9;").replace("\n", "&#10;")


def _timex_value(published: dt.date | dt.datetime) -> str:
    if isinstance(published, dt.datetime):
        return published.replace(tzinfo=None, microsecond=0).isoformat(timespec="seconds")
    return published.isoformat()


def _attributes(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f'{name}="{_escape_attribute(value)}"' for name, value in pairs)


def to_timeml(tl: Timeline, path: str | os.PathLike[str] | None = None) -> str:
    """The timeline's article as a TimeML 1.2.1 document with inline ``<TIMEX3>`` tags.

    The DCT holds the publication date (a ``datetime`` is written to the second, without a time
    zone); it is an empty ``<DCT/>`` when the date is unknown. Each expression becomes
    ``<TIMEX3 tid type value [mod] temporalFunction functionInDocument [anchorTimeID]>``.
    Expressions whose span lies outside the text or overlaps an earlier one (inline tags cannot
    overlap) are left out. The result is written to ``path`` (UTF-8) when given, and returned.
    """
    article = tl.article
    text = article.text
    published = article.published
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">',
        f"<DOCID>{_escape_text(article.source or 'timeline')}</DOCID>",
    ]
    if published is not None:
        value = _timex_value(published)
        dct_attributes = _attributes(
            [
                ("tid", "t0"),
                ("type", "TIME" if isinstance(published, dt.datetime) else "DATE"),
                ("value", value),
                ("temporalFunction", "false"),
                ("functionInDocument", "CREATION_TIME"),
            ]
        )
        lines.append(f"<DCT><TIMEX3 {dct_attributes}>{_escape_text(value)}</TIMEX3></DCT>")
    else:
        lines.append("<DCT/>")
    if article.title:
        lines.append(f"<TITLE>{_escape_text(article.title)}</TITLE>")

    chosen = []
    end_so_far = 0
    for expression in sorted(
        tl.expression_list, key=lambda e: (e.mention.char_start, -e.mention.char_end)
    ):
        mention = expression.mention
        if not 0 <= mention.char_start < mention.char_end <= len(text):
            continue
        if mention.char_start < end_so_far:
            continue
        chosen.append(expression)
        end_so_far = mention.char_end
    tids = {expression.index: f"t{number}" for number, expression in enumerate(chosen, start=1)}

    body: list[str] = []
    cursor = 0
    for expression in chosen:
        mention, time = expression.mention, expression.time
        pairs = [
            ("tid", tids[expression.index]),
            ("type", time.timex_type),
            ("value", time.value),
        ]
        if time.mod:
            pairs.append(("mod", time.mod))
        anchor_tid = None
        anchor = expression.anchor
        if anchor.kind == "publication" and published is not None:
            anchor_tid = "t0"
        elif anchor.kind == "expression" and anchor.expression is not None:
            anchor_tid = tids.get(anchor.expression)
        pairs.append(("temporalFunction", "true" if anchor_tid else "false"))
        pairs.append(("functionInDocument", "NONE"))
        if anchor_tid:
            pairs.append(("anchorTimeID", anchor_tid))
        body.append(_escape_text(text[cursor : mention.char_start]))
        body.append(f"<TIMEX3 {_attributes(pairs)}>")
        body.append(_escape_text(text[mention.char_start : mention.char_end]))
        body.append("</TIMEX3>")
        cursor = mention.char_end
    body.append(_escape_text(text[cursor:]))
    lines.append("<TEXT>" + "".join(body) + "</TEXT>")
    lines.append("</TimeML>")
    document = "\n".join(lines) + "\n"
    if path is not None:
        Path(path).write_bytes(document.encode("utf-8"))
    return document
