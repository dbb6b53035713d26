"""The lexical index: bm25s over terms analysed in each chunk's own language, saved as numpy and JSON."""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np

from assistant.indexing.analysis import analyse


def build_lexical(texts: list[str], langs: list[str]) -> bm25s.BM25:
    retriever = bm25s.BM25()
    retriever.index([analyse(t, lang) or ["_"] for t, lang in zip(texts, langs, strict=True)], show_progress=False)
    return retriever


def save_lexical(retriever: bm25s.BM25, folder: Path) -> None:
    retriever.save(str(folder), show_progress=False)


def load_lexical(folder: Path) -> bm25s.BM25:
    return bm25s.BM25.load(str(folder))


def search_lexical(retriever: bm25s.BM25, question: str, lang: str, k: int) -> list[tuple[int, float]]:
    """Rows and BM25 scores; terms the corpus never saw are dropped, so an unknown word cannot fail a query."""
    terms = [t for t in analyse(question, lang) if t in retriever.vocab_dict]
    if not terms:
        return []
    scores = retriever.get_scores(terms)
    top = np.argsort(-scores, kind="stable")[:k]
    return [(int(r), float(scores[r])) for r in top if scores[r] > 0]
