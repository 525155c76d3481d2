"""Kept for imports written before the stage packages: this module is :mod:`timeline.output.timeml`."""

from timeline.output.timeml import *  # noqa: F403
from timeline.output.timeml import __all__  # noqa: F401
