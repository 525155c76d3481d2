"""Reading one article for the ``timeline`` command: a text file or standard input
(:func:`read_article`), a saved web page (:func:`read_page`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

from timeline.cli.common import CliError

__all__ = [
    "is_page",
    "read_article",
    "read_page",
]


def read_article(path: str, stdin: IO[bytes] | None = None) -> str:
    """The text of the article at ``path`` (``"-"``: ``stdin``), decoded as UTF-8.

    A leading byte-order mark is dropped.

    Raises:
        CliError: the file is missing, is a directory, cannot be read or is not UTF-8.
    """
    if path == "-":
        source = stdin if stdin is not None else sys.stdin.buffer
        data = source.read()
        name = "standard input"
    else:
        file = Path(path)
        if file.is_dir():
            raise CliError(f"{path!r} is a directory; give an article text file", "IsADirectoryError")
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise CliError(f"no such file: {path!r}", "FileNotFoundError") from None
        except OSError as exc:
            raise CliError(f"cannot read {path!r}: {exc.strerror or exc}", type(exc).__name__) from None
        name = repr(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 first",
            "UnicodeDecodeError",
        ) from None


def is_page(path: str) -> bool:
    """Whether ARTICLE names a saved web page (``.html``/``.htm``)."""
    from timeline.text.pages import HTML_SUFFIXES

    return path != "-" and Path(path).suffix.lower() in HTML_SUFFIXES


def read_page(path: str) -> Any:
    """The saved web page at ``path`` as a :class:`timeline.Article` (see :func:`timeline.read_html`).

    Raises:
        CliError: the file is missing, is a directory or cannot be read, or the ``html`` extra
            (trafilatura, htmldate) is not installed.
    """
    from timeline.text.pages import read_html

    try:
        return read_html(Path(path))
    except ImportError as exc:
        raise CliError(str(exc), "ImportError") from None
    except FileNotFoundError:
        raise CliError(f"no such file: {path!r}", "FileNotFoundError") from None
    except IsADirectoryError:
        raise CliError(f"{path!r} is a directory; give a saved web page", "IsADirectoryError") from None
    except OSError as exc:
        raise CliError(f"cannot read {path!r}: {exc.strerror or exc}", type(exc).__name__) from None
