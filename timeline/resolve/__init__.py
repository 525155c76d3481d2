"""Stage 3, resolve: anchor mentions in time -> :class:`~timeline.types.Expression` values.

``anchor`` decides the document's ``Context`` once: the publication date (given or from the
dateline) and the mode (news or history);
``document`` resolves a document's mentions in order, tracking the reference time, and
``resolvers`` dispatches each mention to the resolver of its kind (``absolute``, ``relative``,
``clock``, ``durations``), which read the ``context`` and build values (``values``, ``years``);
``tense`` gives the tense of the clause around a mention. The names below are those of the old ``timeline.resolve`` module,
importable from here as before.
"""

from timeline.resolve.anchor import (
    ModeChoice,
    choose_mode,
    decide_context,
    detect_mode,
    find_dateline,
)
from timeline.resolve.context import Context
from timeline.resolve.document import resolve_mentions
from timeline.resolve.resolvers import resolve_mention
from timeline.resolve.values import duration_value

__all__ = [
    "Context",
    "ModeChoice",
    "choose_mode",
    "decide_context",
    "detect_mode",
    "duration_value",
    "find_dateline",
    "resolve_mention",
    "resolve_mentions",
]
