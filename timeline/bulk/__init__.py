"""Edge, bulk: many articles at once.

``batch`` (all cores, chunks, a progress bar, streamed table writers), ``dask`` (a Dask
DataFrame of articles) and ``warm`` (imported by worker processes so they start warm).
"""

__all__: list[str] = []
