"""Saved web pages in: the article's text, headline and publication date read from its HTML.

>>> import timeline
>>> page = timeline.read_html("tests/text/pages/meta_only.html")  # doctest: +SKIP
>>> page.title, page.published  # doctest: +SKIP
('Port strike ends after three weeks', datetime.date(2019, 9, 1))

This is edge code: it reads files and parses HTML with two well-kept libraries, imported only
when a page is read (``pip install 'news-timeline[html]'``):

- `trafilatura <https://trafilatura.readthedocs.io>`_ finds the main text (boilerplate,
  menus, scripts, styles and reader comments removed, precision favoured) and the headline;
- `htmldate <https://htmldate.readthedocs.io>`_ finds the publication date, the original one
  rather than the last update, from the URL, the ``<meta>`` tags, JSON-LD ``datePublished``,
  ``<time>`` elements and the page text.

htmldate does not say where its date came from, so :func:`read_html` checks cheaply which
places of the page hold the date it found (the URL, JSON-LD, ``<meta>`` tags, ``<time>``
elements; otherwise the page text) and says so in ``Article.notes``. When the only place is a
last-update tag (htmldate falls back on one when no original date is in the page's header), it
asks htmldate again without those tags, so that the original date is used when the page has
one elsewhere. The page is never fetched: a URL only helps read the date (many URLs hold one).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from timeline.types import Article

__all__ = ["EXTRA", "HTML_SUFFIXES", "MAX_DATE", "read_html", "require_html_libraries"]

#: the optional dependencies that read HTML, as ``pip install 'news-timeline[html]'`` installs them
EXTRA = "html"
#: file extensions read as web pages (by the CLI and the batch functions)
HTML_SUFFIXES = frozenset({".html", ".htm"})
#: the latest publication date accepted from a page. htmldate's default is today's date; a fixed
#: bound keeps the result the same whatever day it is run (nothing here reads today's date).
MAX_DATE = "2099-12-31"

_MISSING = (
    "reading HTML pages needs trafilatura and htmldate, which are not installed: "
    "pip install 'news-timeline[html]' (or pip install trafilatura htmldate)"
)


def require_html_libraries() -> tuple[Any, Any]:
    """Import and return ``(trafilatura, htmldate)``.

    Raises:
        ModuleNotFoundError: either is missing (an ``ImportError``; ``name`` says which); the
            message names the ``html`` extra to install.
    """
    try:
        import htmldate
        import trafilatura
    except ImportError as error:
        raise ModuleNotFoundError(_MISSING, name=getattr(error, "name", None)) from error
    return trafilatura, htmldate


def _page_bytes(html_or_path: str | bytes | os.PathLike[str]) -> tuple[bytes | str, str | None]:
    """The page's markup and the path it was read from (``None`` for markup given directly).

    A ``str`` holding a ``<`` is markup; any other ``str`` (or a path object) names a file.
    """
    if isinstance(html_or_path, bytes):
        return html_or_path, None
    if isinstance(html_or_path, os.PathLike):
        path = Path(html_or_path)
    elif isinstance(html_or_path, str):
        if "<" in html_or_path or not html_or_path.strip():
            return html_or_path, None
        if "\n" in html_or_path or len(html_or_path) > 4096:
            raise ValueError("read_html takes HTML (a str holding '<'), bytes or the path of a saved "
                             "page; this str is neither: pass plain text to timeline.build")
        path = Path(html_or_path)
    else:
        raise TypeError(
            "read_html takes the HTML as str or bytes, or the path of a saved page, "
            f"not {type(html_or_path).__name__}"
        )
    if path.is_dir():
        raise IsADirectoryError(f"{os.fspath(path)!r} is a directory; give a saved web page")
    return path.read_bytes(), os.fspath(path)


# --- which places of the page hold a date (to say where htmldate's date came from) -----------

_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_.-]?(0[1-9]|1[0-2])[/_.-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_UPDATE = re.compile(r"modif|updat|lastmod|revis", re.I)
_JSON_ORIGINAL = ("datePublished", "dateCreated", "uploadDate")
_JSON_UPDATE = ("dateModified",)
_META_KEYS = ("property", "name", "itemprop", "http-equiv")


class _Place:
    """A place of the page holding a date: its label, the ISO day and whether it is an update."""

    __slots__ = ("day", "label", "update")

    def __init__(self, label: str, day: str, update: bool) -> None:
        self.label, self.day, self.update = label, day, update


def _iso_day(value: object) -> str | None:
    """``YYYY-MM-DD`` from the start of an ISO-like value (``2016-01-15T09:30:00-05:00``)."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _json_dates(node: object, depth: int = 0) -> Iterator[tuple[str, str]]:
    """``(key, value)`` of every date key in a JSON-LD document (nested objects, ``@graph``)."""
    if depth > 20:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _JSON_ORIGINAL or key in _JSON_UPDATE:
                if isinstance(value, str):
                    yield key, value
            elif isinstance(value, (dict, list)):
                yield from _json_dates(value, depth + 1)
    elif isinstance(node, list):
        for item in node[:1000]:
            yield from _json_dates(item, depth + 1)


def _places(tree: Any, url: str | None) -> list[_Place]:
    """The dated places of the page: URL, JSON-LD, ``<meta>`` tags and ``<time>`` elements."""
    places: list[_Place] = []
    urls = [("the URL", url)] if url else []
    for element in tree.iterfind(".//link[@rel='canonical']"):
        urls.append(("the canonical URL", element.get("href")))
    for element in tree.iterfind(".//meta[@property='og:url']"):
        urls.append(("the og:url", element.get("content")))
    for label, address in urls:
        match = _URL_DATE.search(address or "")
        if match:
            day = _iso_day("-".join(match.groups()))
            if day:
                places.append(_Place(label, day, False))
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            document = json.loads(script.text or "")
        except ValueError:
            continue
        for key, value in _json_dates(document):
            day = _iso_day(value)
            if day:
                places.append(_Place(f"JSON-LD {key}", day, key in _JSON_UPDATE))
    for meta in tree.iterfind(".//meta"):
        value = meta.get("content") or meta.get("datetime")
        day = _iso_day(value)
        if day is None:
            continue
        for attribute in _META_KEYS:
            name = meta.get(attribute)
            if name:
                places.append(_Place(f'<meta {attribute}="{name}">', day, bool(_UPDATE.search(name))))
                break
    for element in tree.iterfind(".//time[@datetime]"):
        day = _iso_day(element.get("datetime"))
        if day:
            kind = " ".join(filter(None, (element.get("class"), element.get("itemprop"))))
            label = f'<time class="{kind}">' if kind else "<time datetime>"
            places.append(_Place(label, day, bool(_UPDATE.search(kind))))
    return places


def _labels(places: list[_Place]) -> str:
    seen: list[str] = []
    for place in places:
        if place.label not in seen:
            seen.append(place.label)
    return ", ".join(seen)


def _find_date(htmldate: Any, tree: Any, url: str | None) -> str | None:
    """htmldate's original publication date of the page, as ``YYYY-MM-DD`` (or ``None``)."""
    return htmldate.find_date(  # type: ignore[no-any-return]
        copy.deepcopy(tree),  # htmldate prunes the tree it searches
        extensive_search=True,
        original_date=True,
        outputformat="%Y-%m-%d",
        url=url,
        max_date=MAX_DATE,
    )


def _without_scripts(tree: Any) -> Any:
    """A copy of ``tree`` without its scripts (but JSON-LD), styles and ``<noscript>``: a date
    in code is not the page's date. The text after each removed element is kept."""
    kept = copy.deepcopy(tree)
    for element in list(kept.iter("script", "style", "noscript")):
        if element.tag == "script" and (element.get("type") or "").strip().lower() == "application/ld+json":
            continue
        if element.getparent() is not None:
            element.drop_tree()  # lxml.html: removes the element, keeps its tail text
    return kept


def _date_and_notes(htmldate: Any, page: Any, url: str | None) -> tuple[dt.date | None, list[str]]:
    """The page's original publication date and the notes that say where it came from."""
    tree = _without_scripts(page)
    found = _find_date(htmldate, tree, url)
    places = _places(tree, url)
    notes: list[str] = []
    told_update = False  # a note already says which date is the last update
    holding = [p for p in places if p.day == found]
    if found is not None and holding and all(p.update for p in holding):
        # htmldate falls back on a last-update <meta> tag when the header has no original date:
        # ask again without those tags, so that an original date elsewhere wins.
        pruned = copy.deepcopy(tree)
        for meta in list(pruned.iterfind(".//meta")):
            name = " ".join(filter(None, (meta.get(a) for a in _META_KEYS)))
            if _UPDATE.search(name) and meta.getparent() is not None:
                meta.getparent().remove(meta)
        again = _find_date(htmldate, pruned, url)
        told_update = True
        if again is not None and again < found:
            notes.append(f"the page's last update, {found} ({_labels(holding)}), is not used")
            found = again
            holding = [p for p in places if p.day == found]
        else:
            notes.append(f"the page gives no original publication date: {found} is its last "
                         f"update ({_labels(holding)}); the story may be older")
    if found is None:
        return None, ["no publication date found in the page (htmldate): relative dates "
                      "need one, give it with published="]
    if not holding and found.endswith("-01"):
        # htmldate's last resorts give the first day of a month or year that the page writes
        # alone (a copyright line): no anchor for "on Thursday"
        return None, [f"no publication date found in the page: htmldate found only {found} in "
                      "its text, which may stand for a month or a year (a copyright line), so it "
                      "is not used; give the date with published="]
    where = _labels(holding) if holding else "the page text"
    notes.insert(0, f"publication date {found} read from the page by htmldate (original "
                    f"date, not the last update): {where}")
    later = sorted({p.day for p in places if p.update and p.day > found})
    if later and not told_update:
        updates = [p for p in places if p.update and p.day == later[-1]]
        notes.append(f"the page's last update, {later[-1]} ({_labels(updates)}), is not used")
    return dt.date.fromisoformat(found), notes


# --- the text -------------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _paragraphs(text: str | None, title: str | None) -> str:
    """trafilatura's text (one paragraph a line) as blank-line-separated paragraphs, without a
    first line that only repeats the headline."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if lines and title and _same(lines[0], title):
        lines = lines[1:]
    return "\n\n".join(lines)


def _load(trafilatura: Any, markup: bytes | str) -> Any:
    """The parsed page (``None`` when it is not HTML); a fragment (``<p>...</p>``) is wrapped
    in a body first, since trafilatura expects a whole document. Never fetched: a string is
    parsed, not taken for a URL."""
    if not markup.strip():
        return None
    tree = trafilatura.load_html(markup)
    if tree is None:
        wrapped = (b"<html><body>%s</body></html>" % markup if isinstance(markup, bytes)
                   else f"<html><body>{markup}</body></html>")
        tree = trafilatura.load_html(wrapped)
    return tree


#: fewer words than this in the main text get a note: the page may hold no article
SHORT_TEXT = 25


def read_html(html_or_path: str | bytes | os.PathLike[str], url: str | None = None) -> Article:
    """Read a saved web page as an :class:`timeline.Article` for :func:`timeline.build`.

    Args:
        html_or_path: the page: its HTML as ``str`` (any ``str`` holding a ``<``) or ``bytes``
            (the encoding is detected), or the path of a saved ``.html`` file.
        url: the page's address, if known. It is never fetched; a date in it
            (``/2016/01/15/``) helps to date the page.

    Returns:
        An Article whose ``text`` is the page's main text, one paragraph per blank-line-separated
        block (menus, scripts, styles, footers and reader comments left out); ``title`` is the
        headline; ``published`` is the original publication date (a ``date``), or ``None``;
        ``source`` is ``url``, else the path, else the page's canonical URL; ``notes`` say where
        the date came from, and when no date or no article text was found. A page with no
        article gives an empty text and a note, not an error. A ``published=`` passed to
        :func:`timeline.build` wins over the page's date.

    Raises:
        ImportError: trafilatura or htmldate is missing (``pip install 'news-timeline[html]'``).
        FileNotFoundError, IsADirectoryError, PermissionError: the path cannot be read.
        TypeError: ``html_or_path`` or ``url`` has the wrong type.
        ValueError: ``html_or_path`` is a ``str`` of several lines without markup (plain text).
    """
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be a str or None, not {type(url).__name__}")
    markup, path = _page_bytes(html_or_path)
    trafilatura, htmldate = require_html_libraries()
    tree = _load(trafilatura, markup)
    if tree is None:
        return Article("", source=url or path, notes=(
            "the page could not be read as HTML (empty, not HTML, or over 20 MB): no article "
            "text found",
        ))
    published, notes = _date_and_notes(htmldate, tree, url)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        prune_xpath="//noscript",  # what a browser shows without scripts: "enable JavaScript"
        # its own date is not used (ours above): keep its search short and independent of today
        date_extraction_params={"extensive_search": False, "original_date": True, "max_date": MAX_DATE},
    )
    title = (getattr(document, "title", None) or None) if document is not None else None
    text = _paragraphs(getattr(document, "text", None), title) if document is not None else ""
    if not text:
        notes.append("no article text found in the page (trafilatura): it may hold no article, "
                     "or only menus, scripts or comments")
    elif len(text.split()) < SHORT_TEXT:
        notes.append(f"only {len(text.split())} word(s) of article text found in the page "
                     "(trafilatura): it may hold no article, only menus or captions")
    canonical = getattr(document, "url", None) if document is not None else None
    return Article(text, published=published, title=title, source=url or path or canonical,
                   notes=tuple(notes))
