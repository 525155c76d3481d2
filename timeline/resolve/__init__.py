"""Stage 3, resolve: anchor mentions in time -> :class:`~timeline.types.Expression` values.

``resolvers`` decides the dateline and the mode
(news or history) and resolves each mention by kind; ``tense`` gives the tense of the clause
around a mention. The names below are those of the old ``timeline.resolve`` module,
importable from here as before.
"""

from timeline.resolve.resolvers import (
    ModeChoice,
    choose_mode,
    detect_mode,
    duration_value,
    find_dateline,
    resolve_mention,
    resolve_mentions,
)

__all__ = [
    "ModeChoice",
    "choose_mode",
    "detect_mode",
    "duration_value",
    "find_dateline",
    "resolve_mention",
    "resolve_mentions",
]
