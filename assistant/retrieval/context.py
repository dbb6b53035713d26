"""Widening a hit to its whole provision: a paragraph answers a question, the article gives its context."""

from __future__ import annotations

from assistant.indexing.index import CorpusIndex
from assistant.records import Chunk


def whole_provision(index: CorpusIndex, chunk: Chunk) -> str:
    """The text of every chunk of the same provision and edition, in text order (the chunk itself if it has no ref)."""
    return "\n\n".join(c.text for c in index.provision_chunks(chunk))
