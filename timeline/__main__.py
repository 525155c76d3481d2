"""``python -m timeline``: the command line (see :mod:`timeline.cli`)."""

from timeline.cli import main

__all__: list[str] = []

raise SystemExit(main())
