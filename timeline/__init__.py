"""timeline: reconstruct the timeline of a news article.

>>> import timeline
>>> tl = timeline.build("The minister resigned on Thursday.", published="2016-01-15")
>>> tl.events.loc[0, "start"].date().isoformat()
'2016-01-14'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from timeline.api import Mode, Timeline, TimelineWarning, build
from timeline.published import parse_published
from timeline.text.pages import (
    read_html,  # light: trafilatura and htmldate load when a page is read
)
from timeline.types import (
    Anchor,
    Article,
    Event,
    Expression,
    Grain,
    Mention,
    Reading,
    Sentence,
    TimeValue,
)

if TYPE_CHECKING:  # pragma: no cover
    from timeline.bulk.batch import BatchResult, build_many, iter_build, write_many

#: names whose module needs pandas: imported on first use, so ``import timeline`` stays light
_LAZY = {"BatchResult": "timeline.bulk.batch", "build_many": "timeline.bulk.batch",
         "iter_build": "timeline.bulk.batch", "write_many": "timeline.bulk.batch"}


def __getattr__(name: str) -> Any:
    """Import the batch API (and pandas) on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

__all__ = [
    "Anchor",
    "Article",
    "BatchResult",
    "Event",
    "Expression",
    "Grain",
    "Mention",
    "Mode",
    "Reading",
    "Sentence",
    "TimeValue",
    "Timeline",
    "TimelineWarning",
    "build",
    "build_many",
    "iter_build",
    "parse_published",
    "read_html",
    "write_many",
]

__version__ = "0.1.0"
