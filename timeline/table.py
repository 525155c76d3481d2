"""Kept for imports written before the stage packages: this module is :mod:`timeline.output.table`."""

from timeline.output.table import *  # noqa: F403
from timeline.output.table import __all__  # noqa: F401
