"""Edge, output: a :class:`~timeline.api.Timeline` as tables, figures and files.

``table`` (the one place the columns and dtypes are defined), ``plot`` (the Plotly figure and
HTML page), ``export`` (CSV, JSON, Parquet, TimelineJS) and ``timeml`` (TimeML read and
write). Importing this package imports nothing heavy; pandas and Plotly load with the module
that needs them.
"""

__all__: list[str] = []
