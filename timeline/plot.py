"""Kept for imports written before the stage packages: this module is :mod:`timeline.output.plot`."""

from timeline.output.plot import *  # noqa: F403
from timeline.output.plot import __all__  # noqa: F401
