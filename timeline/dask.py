"""Kept for imports written before the stage packages: this module is :mod:`timeline.bulk.dask`."""

from timeline.bulk.dask import *  # noqa: F403
from timeline.bulk.dask import __all__  # noqa: F401
