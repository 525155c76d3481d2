"""Shared fixtures. The tests mirror the stages: ``tests/text``, ``tests/extract``,
``tests/resolve``, ``tests/events``, ``tests/output``, ``tests/bulk``, ``tests/evaluation``;
whole-pipeline tests (corpus cases, seeds, hostile input, fuzzing, the command line, the docs)
stay at the top.

This file's folder is on ``sys.path`` while the tests run (pytest puts it there), so the
helpers beside it import by name from any sub-folder: ``timeline_fixtures`` (hand-built
timelines for the output tests) and ``foreign_paragraphs``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared(*parts: str) -> Path:
    """A path under ``../shared``: beside the repository, or beside the folder of its git
    worktrees. Where there is no such folder (a user's clone), the path beside the repository,
    which does not exist: the tests that need it skip."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared").is_dir():
            return base.joinpath("shared", *parts)
    return ROOT.parent.joinpath("shared", *parts)


def shared_corpora() -> Path | None:
    """The shared corpora folder, or None where it is absent."""
    found = shared("corpora")
    return found if found.is_dir() else None


@pytest.fixture
def corpora() -> Path:
    """The shared corpora folder; the test is skipped where it is absent."""
    found = shared_corpora()
    if found is None:
        pytest.skip("no shared corpora beside the repository")
    return found


@pytest.fixture
def sample():  # noqa: ANN201 - a Timeline; imported lazily so collection stays light
    """The hand-built sample timeline of :mod:`timeline_fixtures` (every case the figure draws)."""
    from timeline_fixtures import sample_timeline

    return sample_timeline()


@pytest.fixture
def hostile():  # noqa: ANN201
    """The hand-built timeline of an article full of markup that must never run."""
    from timeline_fixtures import hostile_timeline

    return hostile_timeline()
