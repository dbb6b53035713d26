"""Widening a hit to its whole provision: a paragraph answers a question, the article gives its context."""

from __future__ import annotations

from assistant.records import Chunk


def whole_provision(chunks: list[Chunk], chunk: Chunk) -> str:
    """The text of every chunk of the same provision and edition, in text order (the chunk itself if it has no ref)."""
    if chunk.ref is None:
        return chunk.text
    parts = sorted(
        (c for c in chunks if c.edition_key == chunk.edition_key and c.ref == chunk.ref), key=lambda c: c.start
    )
    return "\n\n".join(c.text for c in parts)
