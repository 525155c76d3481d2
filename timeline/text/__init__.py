"""Stage 1, text: clean the article's text and split it into sentences.

``view`` (a scanning copy of the text, same offsets), ``sentences`` (sentence splitting),
``language`` (a cheap English check) and ``pages`` (a saved web page read into text, headline
and publication date). Imports only :mod:`timeline.types` and the standard library (``pages``
loads trafilatura and htmldate when a page is read).
"""

__all__: list[str] = []
