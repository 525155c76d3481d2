"""Anchoring mentions to calendar values (placeholder while the rules are written)."""
from __future__ import annotations
import datetime as dt
from timeline.types import Expression, Mention, Sentence
__all__ = ["detect_mode", "find_dateline", "resolve_mentions"]
def find_dateline(text: str, mentions: tuple[Mention, ...]) -> dt.date | None:
    """The publication date written in a dateline at the top of the text, if any."""
    return None
def detect_mode(mentions: tuple[Mention, ...], published: dt.date | None) -> str:
    """``news`` or ``narrative``."""
    return "news"
def resolve_mentions(mentions, sentences, text, published, mode) -> tuple[Expression, ...]:
    """Resolve every mention."""
    return ()
