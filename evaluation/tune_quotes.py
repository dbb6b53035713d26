"""Measures how the extractive engine chooses its quotes, on the development half: one setting varied at a time.

For each value this prints the share of the drafts' citations that name a gold provision (citation precision),
the share of answers citing at least one, and the citations per answer. The retrieval power and the relevance
share are the strictest that keep the second near the loosest setting's. The cap of four quotes is what a reader
takes in; at three, about seven answers in a hundred lose their only right provision. No setting reaches a
precision of 0.80: a single quote per answer is right as often as the ranking's first provision, six times in ten.
python -m evaluation.tune_quotes [--questions FILE ...]
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from assistant.answering.extractive import QuoteSelection, extractive_answer
from assistant.api import ANSWER_HITS, Cadre
from assistant.indexing.analysis import guess_language
from assistant.retrieval.hybrid import HybridRetriever
from evaluation.metrics import matches
from evaluation.run import tuning_questions, with_gold

SWEEPS = {
    "retrieval_power": (0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0),
    "relevance": (0.3, 0.5, 0.6, 0.7, 0.8, 0.9),
    "max_sentences": (1, 2, 3, 4, 5, 6),
}


def main() -> None:
    questions = with_gold(tuning_questions(__doc__))
    cadre = Cadre()
    retriever = HybridRetriever(cadre.index, cadre.embedder, cadre.hybrid)
    retrieved = []
    for q in questions:
        lang = guess_language(q.question)
        hits, signals = retriever.search_with_signals(q.question, lang, k=ANSWER_HITS)
        retrieved.append((q, lang, hits, partial(cadre.index.sentence_closeness, query=signals.query)))
    print(f"{len(retrieved)} answerable development questions")
    for setting, values in SWEEPS.items():
        for value in values:
            selection = replace(QuoteSelection(), **{setting: value})
            cited = []
            for q, lang, hits, closeness in retrieved:
                draft = extractive_answer(q.question, lang, hits, cadre.index.provision_chunks, closeness, selection)
                cited.append([any(matches((c.chunk.doc_id, c.chunk.ref), g) for g in q.gold) for c in draft.citations])
            citations = sum(len(row) for row in cited)
            print(
                f"{setting} {value:g}  citation_precision {sum(sum(row) for row in cited) / citations:.3f}  "
                f"answers citing a gold provision {sum(any(row) for row in cited) / len(cited):.3f}  "
                f"citations per answer {citations / len(cited):.2f}"
            )


if __name__ == "__main__":
    main()
