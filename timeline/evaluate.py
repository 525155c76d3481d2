"""``python -m timeline.evaluate``, kept: the scoring lives in :mod:`timeline.evaluation`.

The names of the old ``timeline.evaluate`` module stay importable from here: those of
:mod:`timeline.evaluation.expressions` (corpora, reports, command line),
:mod:`timeline.evaluation.scoring` (matching and scores) and
:mod:`timeline.evaluation.families` (expression families).
"""

from timeline.evaluation import expressions, families, scoring
from timeline.evaluation.expressions import *  # noqa: F403
from timeline.evaluation.expressions import main
from timeline.evaluation.families import *  # noqa: F403
from timeline.evaluation.scoring import *  # noqa: F403

__all__ = sorted({*expressions.__all__, *families.__all__, *scoring.__all__})

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
