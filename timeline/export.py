"""Kept for imports written before the stage packages: this module is :mod:`timeline.output.export`."""

from timeline.output.export import *  # noqa: F403
from timeline.output.export import __all__  # noqa: F401
