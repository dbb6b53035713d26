"""The harness's metrics on rankings whose values are worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from evaluation.metrics import Judged, retrieval_metrics
from evaluation.run import read_questions


def test_gold_matching_rule():
    judged = Judged(gold=(("gdpr", "art:35"), ("guide", None)), ranked=(("ai-act", "art:35"), ("guide", "x")))
    assert judged.first_rank() == 2
    assert judged.found(1) == 0 and judged.found(2) == 1


def test_metrics_on_two_questions():
    first = Judged(gold=(("ai-act", "art:27"), ("gdpr", "art:35")), ranked=(("ai-act", "art:26"), ("gdpr", "art:35")))
    second = Judged(gold=(("crpa", "art:L311-3-1"),), ranked=(("crpa", "art:L311-3-1"),))
    metrics = retrieval_metrics([first, second], [10.0, 30.0])
    assert metrics["hit@1"] == 0.5
    assert metrics["hit@5"] == 1.0
    assert metrics["recall@5"] == 0.75
    assert metrics["mrr@10"] == 0.75
    expected_ndcg = ((1 / math.log2(3)) / (1 + 1 / math.log2(3)) + 1) / 2
    assert metrics["ndcg@10"] == pytest.approx(expected_ndcg, abs=1e-4)
    assert metrics["latency_ms_p50"] == 20.0


def test_project_question_sets_are_well_formed():
    folder = Path(__file__).parent.parent / "evaluation"
    main = read_questions(folder / "questions_fr.jsonl")
    fresh = [read_questions(path) for path in sorted(folder.glob("questions_fr_fresh*.jsonl"))]
    assert len(main) >= 150 and sum(not q.answerable for q in main) >= 20 and len(fresh) >= 9
    for written_later in fresh:
        assert len(written_later) == 40 and sum(not q.answerable for q in written_later) == 8
    for questions in (main, *fresh):
        assert len({q.id for q in questions}) == len(questions)
        assert all(q.gold for q in questions if q.answerable)
        assert not any(q.gold for q in questions if not q.answerable)
    ids = [q.id for questions in (main, *fresh) for q in questions]
    assert len(set(ids)) == len(ids)
