"""Kept for imports written before the stage packages: this module is :mod:`timeline.bulk.batch`."""

from timeline.bulk.batch import *  # noqa: F403
from timeline.bulk.batch import __all__  # noqa: F401
