"""Measures how far a quote's weight should follow its passage's retrieval score, on the development half.

The extractive engine scales each sentence's score by its hit's score over the best hit's, to a power
(0: retrieval plays no part once the passages are read). For each power this prints the share of the
drafts' citations that name a gold provision, the share of answers citing at least one, and the
citations per answer. The default is the highest power that keeps as many answers citing a gold
provision as power 0: a higher one drops right quotes along with the stray ones.
python -m evaluation.tune_quotes [--questions FILE ...]
"""

from __future__ import annotations

from functools import partial

from assistant.answering.extractive import extractive_answer
from assistant.api import ANSWER_HITS, Cadre
from assistant.indexing.analysis import guess_language
from assistant.retrieval.hybrid import HybridRetriever
from evaluation.metrics import matches
from evaluation.run import tuning_questions, with_gold

POWERS = (0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0)


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
    for power in POWERS:
        cited = []
        for q, lang, hits, closeness in retrieved:
            draft = extractive_answer(q.question, lang, hits, cadre.index.provision_chunks, closeness, power)
            cited.append([any(matches((c.chunk.doc_id, c.chunk.ref), g) for g in q.gold) for c in draft.citations])
        citations = sum(len(row) for row in cited)
        print(
            f"power {power:g}  citation_precision {sum(sum(row) for row in cited) / citations:.3f}  "
            f"answers citing a gold provision {sum(any(row) for row in cited) / len(cited):.3f}  "
            f"citations per answer {citations / len(cited):.2f}"
        )


if __name__ == "__main__":
    main()
