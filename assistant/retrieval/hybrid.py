"""Hybrid search: dense and BM25 ranks fused by reciprocal rank fusion, then one hit per provision.

RRF needs no score calibration between retrievers whose scales differ (cosine vs BM25),
which is why it is the default; the weights are settings so that the harness can measure others.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from assistant.indexing.dense import search_dense
from assistant.indexing.embedder import Embedder
from assistant.indexing.index import CorpusIndex
from assistant.indexing.lexical import search_lexical
from assistant.records import Chunk, Hit
from assistant.retrieval.filters import Filters

RRF_K = 60
POOL = 100


@dataclass(frozen=True)
class HybridSettings:
    mode: str = "hybrid"
    dense_weight: float = 1.0
    lexical_weight: float = 1.0


def _provision_key(chunk: Chunk) -> tuple[str, str]:
    return (chunk.doc_id, chunk.ref or chunk.id)


def _prefer(chunk: Chunk, lang: str) -> tuple[bool, int]:
    """Sort key among editions of one provision: the question's language first, then the latest in force."""
    return (chunk.lang != lang, -int((chunk.in_force_from or "0").replace("-", "")))


class HybridRetriever:
    def __init__(self, index: CorpusIndex, embedder: Embedder, settings: HybridSettings | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings or HybridSettings()

    def _ranked(self, question: str, lang: str) -> dict[str, list[tuple[int, float]]]:
        ranked = {}
        if self.settings.mode in {"hybrid", "dense"}:
            ranked["dense"] = search_dense(self.index.dense, self.embedder.embed_query(question), POOL)
        if self.settings.mode in {"hybrid", "bm25"}:
            ranked["bm25"] = search_lexical(self.index.lexical, question, lang, POOL)
        return ranked

    def search(self, question: str, lang: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        filters = filters or Filters()
        weights = {"dense": self.settings.dense_weight, "bm25": self.settings.lexical_weight}
        scores: dict[int, float] = defaultdict(float)
        found_by: dict[int, list[str]] = defaultdict(list)
        for name, results in self._ranked(question, lang).items():
            rank = 0
            for row, _ in results:
                if not filters.allows(self.index.chunks[row]):
                    continue
                rank += 1
                scores[row] += weights[name] / (RRF_K + rank)
                found_by[row].append(name)
        ordered = sorted(scores, key=lambda row: (-scores[row], row))
        groups: dict[tuple[str, str], list[int]] = {}
        for row in ordered:
            groups.setdefault(_provision_key(self.index.chunks[row]), []).append(row)
        hits = []
        for rows in list(groups.values())[:k]:
            best = rows[0]
            editions = sorted(rows, key=lambda r: _prefer(self.index.chunks[r], lang))
            shown = self.index.chunks[editions[0]]
            alternates = tuple(self.index.chunks[r] for r in editions[1:])
            hits.append(Hit(shown, scores[best], tuple(sorted(set(found_by[best]))), alternates))
        return hits
