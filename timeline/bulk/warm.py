"""Importing this module warms the builder up: it builds one small article, so every rule is
compiled and every word list loaded.

The batch pool's fork server imports it before it forks any worker (see
:func:`timeline.batch.build_many`), so each worker starts with the compiled rules instead of
compiling them itself (the first article of a cold process costs about half a second). It reads
no clock and no file beyond the package's own data.
"""

from __future__ import annotations

from timeline.api import build

__all__ = ["WARM_UP_TEXT"]

#: an article touching every stage: absolute, relative and anchored dates, durations, tables
WARM_UP_TEXT = (
    "Council closes bridge\n\n"
    "The council voted on Thursday, two days after inspectors found cracks in March 2015. "
    "Work will begin next week and last about six months, the mayor said."
)

_warm = build(WARM_UP_TEXT, published="2016-01-15")
_warm.events, _warm.expressions  # noqa: B018 - the tables' module and its checks, once
del _warm
