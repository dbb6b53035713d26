"""A vector for each sentence of each passage, to rank passages by their best-matching sentence.

A 1,000-character passage often covers several points, and its one vector blurs them: a question
about one of them may match that sentence closely and the whole passage only loosely. The vectors
are stored as one matrix in passage order, with `offsets[row]:offsets[row + 1]` the sentences of
passage `row`, in the order of `structure.sentences.sentences`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.records import Chunk
from assistant.structure.sentences import sentences

VECTORS_FILE = "sentence_vectors.npy"
OFFSETS_FILE = "sentence_offsets.npy"


def sentence_texts(chunks: list[Chunk]) -> tuple[list[str], np.ndarray]:
    """The text embedded for each sentence (the passage's title first, as context) and each passage's offset."""
    texts: list[str] = []
    offsets = [0]
    for chunk in chunks:
        texts.extend(f"{chunk.title} {s.text}".strip() for s in sentences(chunk))
        offsets.append(len(texts))
    return texts, np.asarray(offsets, dtype=np.int64)


def save_sentence_vectors(folder: Path, vectors: np.ndarray, offsets: np.ndarray) -> None:
    np.save(folder / VECTORS_FILE, vectors, allow_pickle=False)
    np.save(folder / OFFSETS_FILE, offsets, allow_pickle=False)


def load_sentence_vectors(folder: Path) -> tuple[np.ndarray, np.ndarray]:
    return np.load(folder / VECTORS_FILE, allow_pickle=False), np.load(folder / OFFSETS_FILE, allow_pickle=False)
