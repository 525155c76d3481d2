"""The ```python blocks of README.md and docs/guide.md run, in order, one namespace per file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "docs" / "guide.md"]

_BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)

# Edge modules written alongside the core: a block that needs one that is not there yet is skipped.
_OPTIONAL = {"timeline.output.plot", "timeline.output.export", "timeline.output.timeml", "pyarrow", "trafilatura", "htmldate"}


def blocks_of(text: str) -> list[tuple[int, str]]:
    """``(line number of the first code line, source)`` of every ```python block in ``text``."""
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in _BLOCK.finditer(text)]


def python_blocks(path: Path) -> list[tuple[int, str]]:
    """The ```python blocks of the Markdown file at ``path``."""
    return blocks_of(path.read_text(encoding="utf-8"))


def test_docs_have_python_blocks() -> None:
    for path in DOCS:
        assert python_blocks(path), f"{path.name} has no python block"


def test_block_finder() -> None:
    text = "intro\n```python\nx = 1\n```\n\n```sh\nls\n```\n```python\nassert x == 1\n```\n"
    assert blocks_of(text) == [(3, "x = 1\n"), (10, "assert x == 1\n")]


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_python_blocks_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Run where the blocks' relative paths work (seeds/...) but write files into tmp_path.
    os.symlink(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{path.stem}"}
    for line, source in python_blocks(path):
        code = compile("\n" * (line - 1) + source, str(path), "exec")
        try:
            exec(code, namespace)
        except ModuleNotFoundError as exc:
            if exc.name in _OPTIONAL:
                pytest.skip(f"{path.name} line {line} needs {exc.name}, not there yet")
            raise
