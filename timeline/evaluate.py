"""``python -m timeline.evaluate``, kept: the scoring lives in :mod:`timeline.evaluation.expressions`."""

from timeline.evaluation.expressions import *  # noqa: F403
from timeline.evaluation.expressions import __all__, main  # noqa: F401

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
