"""The dense index: FAISS over L2-normalised vectors, so inner product is cosine similarity."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np


def build_dense(vectors: np.ndarray, index_type: str) -> faiss.Index:
    """`index_type` is a faiss factory string ("Flat" is exact, right at this corpus size; "HNSW32" scales)."""
    index = faiss.index_factory(vectors.shape[1], index_type, faiss.METRIC_INNER_PRODUCT)
    if not index.is_trained:
        index.train(vectors)
    index.add(vectors)
    return index


def save_dense(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_dense(path: Path) -> faiss.Index:
    return faiss.read_index(str(path))


def search_dense(index: faiss.Index, query: np.ndarray, k: int) -> list[tuple[int, float]]:
    scores, rows = index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), k)
    return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
