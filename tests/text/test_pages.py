"""Saved web pages in (issue 19): ``timeline.read_html``, the CLI and the batch functions.

The pages in ``tests/text/pages/`` were written for these tests (never downloaded): a news page with
JSON-LD, one with only ``<meta property="article:published_time">``, one with a dateline only, a
blog with an update date, an AMP page and a page in French. Tests that read HTML skip when the
``html`` extra (trafilatura, htmldate) is not installed; the error without it is tested always.
"""

from __future__ import annotations

import builtins
import datetime as dt
import html
import importlib.util
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import attrs
import pytest

import timeline
from timeline.cli import main

PAGES = Path(__file__).resolve().parent / "pages"
HAVE_LIBRARIES = all(importlib.util.find_spec(name) for name in ("trafilatura", "htmldate"))
needs_html = pytest.mark.skipif(not HAVE_LIBRARIES, reason="needs pip install 'news-timeline[html]'")

# page -> (publication date, where it came from (a part of the note), headline)
EXPECTED = {
    "news_jsonld.html": ("2016-01-15", "JSON-LD datePublished", "Council approves budget after mayor's exit"),
    "meta_only.html": ("2019-09-01", '<meta property="article:published_time">', "Port strike ends after three weeks"),
    "dateline_only.html": ("2015-03-03", "the page text", "Bridge reopens after repairs"),
    "blog_updated.html": ("2018-05-12", '<time class="entry-date published">', "What happened to the old mill"),
    "amp_page.html": ("2017-04-21", "JSON-LD datePublished", "Museum returns stolen painting"),
    "second_language.html": ("2020-03-17", '<meta property="article:published_time">', "Le conseil adopte le budget"),
}

# words that only scripts, styles, HTML comments, menus and reader comments of the pages hold
NEVER = ("1977", "raid", "vault", "Subscribe", "reader42", "leaked", "bridge collapsed", "1970",
         "robbed", "Most read", "dataLayer", "All rights reserved", "February 2011", "Enable scripts")


def quiet_build(article: object, **options: object) -> timeline.Timeline:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        return timeline.build(article, **options)  # type: ignore[arg-type]


# --- without the extra ----------------------------------------------------------------------


def _without_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def failing(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in ("trafilatura", "htmldate"):
            raise ImportError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing)


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    _without_libraries(monkeypatch)
    with pytest.raises(ImportError, match=r"pip install 'news-timeline\[html\]'"):
        timeline.read_html("<html><body><p>The vote was held on Monday.</p></body></html>")
    with pytest.raises(ImportError, match=r"news-timeline\[html\]"):
        timeline.read_html(PAGES / "meta_only.html")


def test_without_the_extra_the_cli_says_which_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    _without_libraries(monkeypatch)
    assert main([str(PAGES / "meta_only.html")]) == 1
    err = capsys.readouterr().err
    assert "news-timeline[html]" in err and "Traceback" not in err
    assert main([str(PAGES), "-o", str(tmp_path / "events.csv")]) == 1
    assert "news-timeline[html]" in capsys.readouterr().err


def test_without_the_extra_a_batch_page_is_an_error_row(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _without_libraries(monkeypatch)
    (tmp_path / "a.txt").write_text("The vote was held on Monday.", "utf-8")
    shutil.copy(PAGES / "meta_only.html", tmp_path / "b.html")
    result = timeline.build_many(tmp_path, published="2016-01-15", progress=False)
    assert result.articles == 2
    assert result.errors["article"].tolist() == ["b.html"]
    assert "ModuleNotFoundError" in result.errors.loc[0, "error"] and "news-timeline[html]" in result.errors.loc[0, "error"]
    assert set(result.events["article"]) == {"a.txt"}


def test_importing_timeline_does_not_import_the_html_libraries() -> None:
    code = "import sys, timeline; print(any(m in sys.modules for m in ('trafilatura', 'htmldate', 'lxml')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


def test_article_notes_field() -> None:
    assert timeline.Article("x").notes == ()
    assert timeline.Article("x", notes="one").notes == ("one",)
    assert timeline.Article("x", notes=["a", "b"]).notes == ("a", "b")
    with pytest.raises(TypeError):
        timeline.Article("x", notes=[1])
    with pytest.raises(TypeError):
        timeline.Article("x", notes=3)


def test_build_carries_an_articles_notes_and_the_callers_date_wins() -> None:
    article = timeline.Article("The vote was held on Monday.", published="2016-01-15", notes=("from a page",))
    tl = timeline.build(article)
    assert tl.notes[0] == "from a page"
    tl = timeline.build(article, published="2016-02-01")
    assert tl.article.published == dt.date(2016, 2, 1)
    assert "from a page" in tl.notes
    assert any("2016-02-01 given by the caller" in note and "2016-01-15" in note for note in tl.notes)


# --- the test pages ---------------------------------------------------------------------------


@needs_html
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_page_gives_its_headline_original_date_and_where_it_came_from(name: str) -> None:
    published, where, title = EXPECTED[name]
    article = timeline.read_html(PAGES / name)
    assert article.published == dt.date.fromisoformat(published)
    assert article.title == title
    assert article.source == str(PAGES / name)
    assert article.notes[0].startswith(f"publication date {published} read from the page"), article.notes
    assert where in article.notes[0], article.notes
    # paragraphs stay paragraphs; the headline is not repeated as the first one
    assert "\n\n" in article.text and "\n\n\n" not in article.text
    assert not article.text.startswith(title)
    for word in NEVER:
        assert word not in article.text, (name, word)


@needs_html
def test_paths_strings_and_bytes_read_alike() -> None:
    path = PAGES / "news_jsonld.html"
    by_path = timeline.read_html(path)
    assert timeline.read_html(str(path)) == by_path
    markup = path.read_bytes()
    for given in (markup, markup.decode("utf-8")):
        article = timeline.read_html(given)
        assert (article.text, article.title, article.published, article.notes) == (
            by_path.text, by_path.title, by_path.published, by_path.notes)
        assert article.source is None


@needs_html
def test_the_update_date_and_the_comments_date_are_not_the_publication_date() -> None:
    article = timeline.read_html(PAGES / "blog_updated.html")
    assert article.published == dt.date(2018, 5, 12)
    assert any("last update, 2019-06-03" in note for note in article.notes)
    assert "Great news" not in article.text  # a reader's comment
    news = timeline.read_html(PAGES / "news_jsonld.html")
    assert any("last update, 2016-01-16" in note and "dateModified" in note for note in news.notes)


@needs_html
def test_build_reads_a_page_like_any_article() -> None:
    article = timeline.read_html(PAGES / "news_jsonld.html")
    tl = timeline.build(article)
    assert tl.article.title == article.title and tl.article.published == dt.date(2016, 1, 15)
    assert tl.notes[: len(article.notes)] == article.notes
    starts = {str(value)[:10] for value in tl.events["start"].dropna()}
    assert "2016-01-14" in starts  # "on Thursday" before Friday 15 January 2016
    assert "2015-03-03" in starts
    assert tl.figure().layout.title.text  # the headline titles the figure
    assert article.title in html.unescape(tl.figure().layout.title.text)


@needs_html
def test_published_given_wins_over_the_pages_date() -> None:
    article = timeline.read_html(PAGES / "meta_only.html")
    tl = quiet_build(article, published="2019-10-05")
    assert tl.article.published == dt.date(2019, 10, 5)
    assert any("given by the caller" in note for note in tl.notes)


@needs_html
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_nothing_from_a_script_style_or_comment_reaches_a_table(name: str) -> None:
    tl = quiet_build(timeline.read_html(PAGES / name))
    cells = " ".join(str(value) for frame in (tl.events, tl.expressions)
                     for column in frame.columns for value in frame[column].tolist())
    for word in NEVER:
        assert word not in cells, (name, word)


@needs_html
def test_a_page_in_another_language_is_reported_clearly() -> None:
    article = timeline.read_html(PAGES / "second_language.html")
    assert article.published == dt.date(2020, 3, 17) and "conseil municipal" in article.text
    with pytest.warns(timeline.TimelineWarning, match="does not look like English"):
        tl = timeline.build(article)
    assert tl.events.empty and tl.expressions.empty
    assert tl.notes[0].startswith("publication date 2020-03-17")
    assert any("does not look like English" in note and "English only" in note for note in tl.notes)


@needs_html
def test_a_date_in_the_url_is_read_and_the_url_is_never_fetched() -> None:
    page = "<html><body><article><h1>Storm</h1><p>The storm hit the coast on Monday. " * 3 + "</p></article></body></html>"
    # a fetch of this address would fail: the test passing shows none is made
    article = timeline.read_html(page, url="http://127.0.0.1:9/2016/01/15/storm.html")
    assert article.published == dt.date(2016, 1, 15)
    assert "the URL" in article.notes[0]
    assert article.source == "http://127.0.0.1:9/2016/01/15/storm.html"


# --- hostile pages ----------------------------------------------------------------------------


def _read_and_build(page: object) -> tuple[timeline.Article, timeline.Timeline]:
    article = timeline.read_html(page)  # type: ignore[arg-type]
    return article, quiet_build(article)


@needs_html
@pytest.mark.parametrize("page", ["", "   ", b"", b"\x00\x01\x02\xff binary", "<", "<<<>>>", "<html></html>"])
def test_empty_and_non_html_give_a_note_not_a_crash(page: object) -> None:
    article, tl = _read_and_build(page)
    assert article.published is None
    assert any("no article text" in note or "word(s) of article text" in note for note in article.notes)
    assert tl.events.empty or len(tl.events) < 3


@needs_html
def test_a_page_of_scripts_only() -> None:
    page = ("<html><head><script>var s='The raid took place on 4 July 1997.';</script>"
            "<style>p::after{content:'12 June 2001'}</style></head><body>"
            "<script>document.write('On Monday 5 May 2003 the bank was robbed.')</script>"
            "<noscript>Enable scripts, 6 June 2004</noscript></body></html>")
    article, tl = _read_and_build(page)
    assert article.text == "" and article.published is None
    assert any("no article text found" in note for note in article.notes)
    assert any("no publication date found" in note for note in article.notes)
    assert tl.events.empty and tl.expressions.empty


@needs_html
def test_a_page_with_no_article_and_a_copyright_year() -> None:
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            "<footer>&copy; 2020 Example Media</footer></body></html>")
    article, _ = _read_and_build(page)
    assert article.published is None  # not 2020-01-01 from the copyright line
    assert any("copyright" in note for note in article.notes)
    assert any("article text" in note for note in article.notes)


@needs_html
def test_broken_markup_and_a_fragment_are_read() -> None:
    broken = ("<html><body><div><p>The council approved the budget on Thursday.<p>The mayor "
              "resigned on 3 March 2015.<div><table><tr><td>unclosed <b><i>bold </div></span></body>")
    article, tl = _read_and_build(broken)
    assert "The mayor resigned on 3 March 2015." in article.text
    assert "3 March 2015" in tl.expressions["text"].tolist()
    fragment = "<p>The council approved the budget on Thursday, two days after the mayor resigned.</p>"
    article, _ = _read_and_build(fragment)
    assert "approved the budget" in article.text


@needs_html
def test_deep_nesting_does_not_crash() -> None:
    page = "<html><body>" + "<div>" * 5000 + "<p>The mayor resigned on 3 March 2015.</p>" + "</div>" * 5000
    _read_and_build(page + "</body></html>")


@needs_html
def test_a_five_megabyte_saved_page(tmp_path: Path) -> None:
    """A saved page is big for its inline scripts, styles and images, not its story."""
    story = (PAGES / "news_jsonld.html").read_text("utf-8")
    bulk = ("<script>var s = 'The raid took place on 4 July 1977'; " + "x=1;" * 300_000 + "</script>\n"
            "<style>" + ".a{color:red}" * 120_000 + "</style>\n"
            '<img src="data:image/png;base64,' + "iVBORw0KGgo" * 220_000 + '">\n')
    page = story.replace("<main>", "<main>" + bulk)
    assert len(page.encode()) > 5_000_000
    (tmp_path / "big.html").write_text(page, "utf-8")
    started = time.perf_counter()
    article, tl = _read_and_build(tmp_path / "big.html")
    assert time.perf_counter() - started < 120  # no hang (a few seconds here)
    assert article.published == dt.date(2016, 1, 15)
    assert "The mayor, who was elected on 3 March 2015" in article.text
    for word in ("raid", "x=1", "color", "iVBOR"):
        assert word not in article.text


@needs_html
def test_a_page_in_another_encoding() -> None:
    page = ('<html><head><meta charset="iso-8859-1"><title>R\xe9union</title></head><body><article>'
            "<p>The caf\xe9 owners met on Monday and agreed to reopen on 3 March 2015, after the "
            "works. The mayor's office said the square would be closed until then.</p>"
            "</article></body></html>").encode("latin-1")
    article = timeline.read_html(page)
    assert "café" in article.text


def test_bad_arguments_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="read_html takes"):
        timeline.read_html(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="url must be"):
        timeline.read_html("<p>x</p>", url=b"http://x")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        timeline.read_html(tmp_path / "missing.html")
    with pytest.raises(FileNotFoundError):
        timeline.read_html(str(tmp_path / "missing.html"))
    with pytest.raises(ValueError, match="plain text to timeline.build"):
        timeline.read_html("The vote was held on Monday.\nIt passed.")
    with pytest.raises(IsADirectoryError):
        timeline.read_html(tmp_path)


# --- the command line and the batch functions -------------------------------------------------


@needs_html
def test_cli_reads_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.html"
    assert main([str(PAGES / "news_jsonld.html"), "--html", str(out), "-o", str(tmp_path / "e.csv")]) == 0
    captured = capsys.readouterr()
    assert "note: publication date 2016-01-15 read from the page" in captured.err
    assert "Council approves budget" in out.read_text("utf-8")
    assert "2016-01-14" in (tmp_path / "e.csv").read_text("utf-8")
    assert main([str(PAGES / "news_jsonld.html"), "--published", "2016-02-01", "-q"]) == 0
    assert "2016-02-01 given by the caller used" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.html")]) == 1
    assert "no such file" in capsys.readouterr().err


@needs_html
def test_cli_reads_a_folder_of_pages_and_texts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    shutil.copytree(PAGES, folder / "pages")
    (folder / "story.txt").write_text("The vote was held on Monday.", "utf-8")
    out = tmp_path / "events.csv"
    assert main([str(folder), "-o", str(out), "--published", "2016-01-15"]) == 0
    import pandas as pd

    table = pd.read_csv(out)
    assert set(table["article"]) >= {"pages/news_jsonld.html", "pages/meta_only.html", "story.txt"}
    assert "read from the page" in capsys.readouterr().err


@needs_html
def test_build_many_and_write_many_over_a_folder_of_pages(tmp_path: Path) -> None:
    result = timeline.build_many(PAGES, progress=False)
    assert result.articles == len(EXPECTED) and result.errors.empty
    assert set(result.events["article"]) == set(EXPECTED) - {"second_language.html"}
    notes = result.notes
    first = notes[notes["article"] == "meta_only.html"]["note"].iloc[0]
    assert first.startswith("publication date 2019-09-01 read from the page")
    # each page's own date anchors it: "on Thursday" of the JSON-LD page is 14 January 2016
    jsonld = result.events[result.events["article"] == "news_jsonld.html"]
    assert "2016-01-14" in {str(value)[:10] for value in jsonld["start"]}
    written = timeline.write_many(PAGES, tmp_path / "events.csv", progress=False, jobs=1)
    assert written.written[0][1] == len(result.events)
    files = [PAGES / "meta_only.html", PAGES / "amp_page.html"]
    keyed = timeline.build_many(files, progress=False)
    assert set(keyed.events["article"]) == {str(path) for path in files}


def test_build_many_refuses_a_path_that_is_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="folder"):
        timeline.build_many(tmp_path / "missing", progress=False)


def test_an_article_keeps_its_title_and_notes_in_a_batch() -> None:
    article = timeline.Article("The vote was held on Monday.", published="2016-01-15", notes=("read from a page",))
    result = timeline.build_many([article], progress=False)
    assert "read from a page" in result.notes["note"].tolist()
    assert attrs.has(type(article))
