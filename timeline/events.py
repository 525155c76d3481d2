"""Events (placeholder)."""
from __future__ import annotations
__all__ = ["build_events"]
def build_events(text, sentences, expressions, published):
    """Events of the article."""
    return ()
