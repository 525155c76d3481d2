"""``python -m timeline.cli``: the ``timeline`` command (as ``python -m timeline``)."""

import sys

from timeline.cli import main

__all__: list[str] = []

sys.exit(main())
