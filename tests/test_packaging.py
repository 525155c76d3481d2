"""The distribution's name and entry points (issue 14: `timeline` on PyPI is another package)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parent.parent


def _project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]


def test_the_distribution_is_not_called_timeline_but_the_import_and_command_are() -> None:
    project = _project()
    assert project["name"] == "news-timeline"
    assert project["scripts"] == {"timeline": "timeline.cli:main"}
    assert {"dask", "parquet", "test"} <= set(project["optional-dependencies"])


def test_no_document_tells_to_install_the_pypi_timeline_package() -> None:
    wrong = re.compile(r"pip install ['\"]?timeline\b")
    for path in [ROOT / "README.md", *ROOT.glob("docs/*.md"), *ROOT.glob("timeline/*.py"),
                 *ROOT.glob("benchmarks/*.py"), ROOT / "Makefile"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert "do not" in line or not wrong.search(line), f"{path.name}: {line}"
