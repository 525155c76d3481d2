"""The scripts in ``examples/`` run as a user would run them, on temporary files."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

STORY = "The council approved the budget on Thursday. The mayor resigned on 3 March 2015.\n"


def run_example(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``examples/<name>`` with this interpreter, from the repository root."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )


def load(name: str) -> ModuleType:
    """Import ``examples/<name>`` as a module."""
    spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), EXAMPLES / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Four articles: first-line ISO date, labelled date in words, sidecar JSON, no date."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a_iso.txt").write_text("2016-01-15\n" + STORY, "utf-8")
    (articles / "b_words.txt").write_text("Published: Jan 15, 2016\n" + STORY, "utf-8")
    (articles / "c_sidecar.txt").write_text(STORY, "utf-8")
    (articles / "c_sidecar.json").write_text(json.dumps({"published": "2016-01-15"}), "utf-8")
    (articles / "d_undated.txt").write_text("Officials met on 3 March 2015 to sign it.\n", "utf-8")
    return articles


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_folder_to_csv_reads_dates_from_first_line_or_sidecar(folder: Path) -> None:
    module = load("folder_to_csv.py")
    for name in ("a_iso.txt", "b_words.txt", "c_sidecar.txt"):
        path = folder / name
        published, body = module.article_date(path, path.read_text("utf-8"))
        assert str(published) == "2016-01-15"
        assert body == STORY
    path = folder / "d_undated.txt"
    assert module.article_date(path, path.read_text("utf-8")) == (None, path.read_text("utf-8"))


def test_folder_to_csv_writes_one_table_with_article_column(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "events.csv"
    done = run_example("folder_to_csv.py", str(folder), str(output))
    assert done.returncode == 0, done.stderr
    header = output.read_text("utf-8").splitlines()[0].split(",")
    assert header[0] == "article"
    assert {"event", "start", "end", "grain", "expression"} <= set(header)
    assert "Traceback" not in done.stderr


def test_folder_to_csv_dates_every_article(folder: Path, tmp_path: Path) -> None:
    """Needs the extraction rules: every article dates the events of its story."""
    output = tmp_path / "events.csv"
    assert run_example("folder_to_csv.py", str(folder), str(output)).returncode == 0
    rows = read_csv(output)
    for name in ("a_iso.txt", "b_words.txt", "c_sidecar.txt"):
        starts = {row["start"][:10] for row in rows if row["article"] == name}
        assert {"2016-01-14", "2015-03-03"} <= starts, (name, starts)
    assert any(row["start"].startswith("2015-03-03") for row in rows
               if row["article"] == "d_undated.txt")


def test_folder_to_csv_skips_undecodable_files(folder: Path, tmp_path: Path) -> None:
    (folder / "e_latin1.txt").write_bytes("Réunion le 3 mars 2015.".encode("latin-1"))
    output = tmp_path / "events.csv"
    done = run_example("folder_to_csv.py", str(folder), str(output))
    assert done.returncode == 1
    assert "e_latin1.txt: skipped" in done.stderr and "Traceback" not in done.stderr
    assert output.is_file()


def test_folder_to_csv_empty_folder(tmp_path: Path) -> None:
    done = run_example("folder_to_csv.py", str(tmp_path), str(tmp_path / "out.csv"))
    assert done.returncode == 1 and "no .txt files" in done.stderr


@pytest.mark.skipif(importlib.util.find_spec("timeline.output.plot") is None,
                    reason="timeline.output.plot not there yet")
def test_article_to_html(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(STORY, "utf-8")
    page = tmp_path / "story.html"
    done = run_example("article_to_html.py", str(article), "--published", "2016-01-15",
                       "-o", str(page))
    assert done.returncode == 0, done.stderr
    assert "<html" in page.read_text("utf-8").lower()
    first = done.stdout.splitlines()[0]
    assert first == "no events found" or first.split()[:2] == ["event_id", "start"]


def test_article_to_html_missing_file(tmp_path: Path) -> None:
    done = run_example("article_to_html.py", str(tmp_path / "nope.txt"), "--published",
                       "2016-01-15", "-o", str(tmp_path / "x.html"))
    assert done.returncode == 1
    assert done.stderr.startswith("error:") and "Traceback" not in done.stderr


PAGES = ROOT / "tests" / "text" / "pages"
needs_html = pytest.mark.skipif(
    not all(importlib.util.find_spec(name) for name in ("trafilatura", "htmldate")),
    reason="needs pip install 'news-timeline[html]'")


@needs_html
def test_page_to_html(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    done = run_example("page_to_html.py", str(PAGES / "news_jsonld.html"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Council approves budget after mayor's exit (published 2016-01-15)"
    assert "note: publication date 2016-01-15 read from the page" in done.stderr
    assert "2016-01-14" in done.stdout  # "on Thursday"
    assert "Council approves budget" in out.read_text("utf-8")


@needs_html
def test_page_to_html_published_wins_and_bad_page(tmp_path: Path) -> None:
    done = run_example("page_to_html.py", str(PAGES / "meta_only.html"), "--published", "2019-10-05",
                       "-o", str(tmp_path / "x.html"))
    assert done.returncode == 0, done.stderr
    assert "(published 2019-10-05)" in done.stdout
    done = run_example("page_to_html.py", str(tmp_path / "nope.html"), "-o", str(tmp_path / "y.html"))
    assert done.returncode == 1
    assert done.stderr.startswith("error:") and "Traceback" not in done.stderr
