"""timeline: reconstruct the timeline of a news article.

>>> import timeline
>>> tl = timeline.build("The minister resigned on Thursday.", published="2016-01-15")
>>> tl.events.loc[0, "start"].date().isoformat()
'2016-01-14'
"""

from timeline.api import Mode, Timeline, TimelineWarning, build
from timeline.published import parse_published
from timeline.types import Article, Event, Expression, Grain, Mention, Reading, Sentence, TimeValue

__all__ = [
    "Article",
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
    "parse_published",
]

__version__ = "0.1.0"
