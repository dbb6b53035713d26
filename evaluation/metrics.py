"""Retrieval metrics over ranked (doc, ref) lists, with the gold matching rule of ../shared/eval/README.md.

A retrieved passage matches a gold item when the documents are equal and, if the gold item
names a ref key, the ref keys are equal (language and version do not matter).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Ref = tuple[str, str | None]


def matches(hit: Ref, gold: Ref) -> bool:
    return hit[0] == gold[0] and (gold[1] is None or hit[1] == gold[1])


@dataclass(frozen=True)
class Judged:
    """One answerable question's ranking, judged against its gold items."""

    gold: tuple[Ref, ...]
    ranked: tuple[Ref, ...]

    def first_rank(self, k: int = 10) -> int | None:
        for rank, hit in enumerate(self.ranked[:k], 1):
            if any(matches(hit, g) for g in self.gold):
                return rank
        return None

    def found(self, k: int) -> int:
        return sum(any(matches(hit, g) for hit in self.ranked[:k]) for g in self.gold)

    def ndcg(self, k: int) -> float:
        unmatched = list(self.gold)
        dcg = 0.0
        for rank, hit in enumerate(self.ranked[:k], 1):
            match = next((g for g in unmatched if matches(hit, g)), None)
            if match is not None:
                unmatched.remove(match)
                dcg += 1 / math.log2(rank + 1)
        ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(self.gold), k) + 1))
        return dcg / ideal if ideal else 0.0


def retrieval_metrics(judged: list[Judged], latencies_ms: list[float]) -> dict[str, float]:
    n = len(judged)

    def mean(values: list[float]) -> float:
        return round(sum(values) / n, 4) if n else 0.0

    metrics: dict[str, float] = {"n": n}
    for k in (1, 5, 10):
        metrics[f"hit@{k}"] = mean([float((j.first_rank(k) or 0) > 0) for j in judged])
    for k in (5, 10):
        metrics[f"recall@{k}"] = mean([j.found(k) / len(j.gold) for j in judged])
    metrics["mrr@10"] = mean([1 / r if (r := j.first_rank(10)) else 0.0 for j in judged])
    metrics["ndcg@10"] = mean([j.ndcg(10) for j in judged])
    metrics["latency_ms_p50"] = round(float(np.percentile(latencies_ms, 50)), 1) if latencies_ms else 0.0
    metrics["latency_ms_p95"] = round(float(np.percentile(latencies_ms, 95)), 1) if latencies_ms else 0.0
    return metrics
