"""timeline: reconstruct the timeline of a news article.

>>> import timeline
>>> tl = timeline.build("The minister resigned on Thursday.", published="2016-01-15")
>>> tl.events.loc[0, "start"].date().isoformat()
'2016-01-14'
"""

from timeline.api import Mode, Timeline, TimelineWarning, build
from timeline.batch import BatchResult, build_many, iter_build, write_many
from timeline.pages import read_html  # light: trafilatura and htmldate load when a page is read
from timeline.published import parse_published
from timeline.types import Article, Event, Expression, Grain, Mention, Reading, Sentence, TimeValue

__all__ = [
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
