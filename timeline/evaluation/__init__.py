"""Evaluation: scores against gold annotations (not used by :func:`timeline.build`).

``expressions`` scores time expressions against TimeML gold (``python -m timeline.evaluate``),
``events`` scores event dates against the event-dates JSON format, ``baseline`` is the
dateparser baseline.
"""

__all__: list[str] = []
