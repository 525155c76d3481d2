"""Kept for imports written before the stage packages: the figure lives in :mod:`timeline.output`.

The names of the old ``timeline.plot`` module stay importable from here: those of
:mod:`timeline.output.plot` (the figure), :mod:`timeline.output.labels` (dates and hover text),
:mod:`timeline.output.lanes` (rows and marks), :mod:`timeline.output.geometry` (view and label
packing) and :mod:`timeline.output.page` (the HTML page).
"""

from timeline.output import geometry, labels, lanes, page, plot
from timeline.output.geometry import *  # noqa: F403
from timeline.output.labels import *  # noqa: F403
from timeline.output.lanes import *  # noqa: F403
from timeline.output.page import *  # noqa: F403
from timeline.output.plot import *  # noqa: F403

__all__ = sorted({*geometry.__all__, *labels.__all__, *lanes.__all__, *page.__all__, *plot.__all__})
