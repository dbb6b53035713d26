"""Calibrates the refusal thresholds on the development half of the French set (odd question numbers).

Prints, for each pair of thresholds, the share of unanswerable questions refused and of
answerable ones wrongly refused, best first under the constraint of at most 5 % false refusals.
python -m evaluation.tune_refusal [--questions FILE]
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.answering.refusal import coverage
from assistant.api import ANSWER_HITS, Cadre
from assistant.indexing.analysis import guess_language
from assistant.retrieval.hybrid import HybridRetriever
from evaluation.run import read_questions

MAX_FALSE_REFUSALS = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=Path("evaluation/questions_fr.jsonl"))
    args = parser.parse_args()
    cadre = Cadre()
    retriever = HybridRetriever(cadre.index, cadre.embedder, cadre.hybrid)
    rows = []
    for q in read_questions(args.questions):
        if not q.development:
            continue
        lang = guess_language(q.question)
        hits, signals = retriever.search_with_signals(q.question, lang, k=ANSWER_HITS)
        rows.append((q, hits, signals, coverage(q.question, lang, hits)))
    unanswerable = [r for r in rows if not r[0].answerable]
    answerable = [r for r in rows if r[0].answerable]
    dense_values = np.quantile([r[2].dense_top for r in rows], np.linspace(0, 1, 21))
    coverage_values = np.linspace(0, 0.6, 13)
    results = []
    for dense_min, coverage_min in itertools.product(dense_values, coverage_values):
        policy = replace(cadre.refusal, dense_min=float(dense_min), coverage_min=float(coverage_min))
        refused = [policy.refuses(q.question, guess_language(q.question), h, s) for q, h, s, _ in unanswerable]
        wrong = [policy.refuses(q.question, guess_language(q.question), h, s) for q, h, s, _ in answerable]
        results.append((float(np.mean(wrong)), float(np.mean(refused)), float(dense_min), float(coverage_min)))
    print(f"{len(answerable)} answerable, {len(unanswerable)} unanswerable development questions")
    allowed = sorted((r for r in results if r[0] <= MAX_FALSE_REFUSALS), key=lambda r: (-r[1], r[0]))
    for false_rate, accuracy, dense_min, coverage_min in allowed[:8]:
        print(
            f"refusal_accuracy {accuracy:.3f}  false_refusal_rate {false_rate:.3f}  "
            f"dense_min {dense_min:.4f}  coverage_min {coverage_min:.2f}"
        )


if __name__ == "__main__":
    main()
