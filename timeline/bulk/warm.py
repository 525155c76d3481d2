"""Importing this module warms the builder up: it builds one small article, so every rule is
compiled and every word list loaded.

The batch pool's fork server imports it before it forks any worker (see
:func:`timeline.batch.build_many`), so each worker starts with the compiled rules instead of
compiling them itself (the first article of a cold process costs about half a second). It
imports no pandas (workers send columns; the parent makes the DataFrames), reads no clock and
no file beyond the package's own data.
"""

from __future__ import annotations

from timeline.api import build
from timeline.output.columns import event_columns, expression_columns

__all__ = ["WARM_UP_TEXT"]

#: an article touching every stage: absolute, relative and anchored dates, durations, tables
WARM_UP_TEXT = (
    "Council closes bridge\n\n"
    "The council voted on Thursday, two days after inspectors found cracks in March 2015. "
    "Work will begin next week and last about six months, the mayor said."
)

_warm = build(WARM_UP_TEXT, published="2016-01-15")
event_columns(_warm.event_list)  # the tables' columns, once (without pandas: workers build
expression_columns(_warm.expression_list, _warm.sentences)  # columns, the parent DataFrames)
del _warm
