"""Evaluation harness: run a question set through retrieval and write metrics, per-question results and a report.

python -m evaluation.run --questions FILE [--index DIR] [--mode bm25|dense|hybrid] [--k 10] --out DIR [--compare]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.api import Cadre
from assistant.cli import answer_record
from assistant.config import load_settings
from evaluation.metrics import Judged, matches, retrieval_metrics

MODES = ("bm25", "dense", "hybrid")
ANSWER_KEYS = (
    "citation_validity",
    "citation_precision",
    "refusal_accuracy",
    "false_refusal_rate",
    "answer_similarity",
    "answer_latency_ms_p50",
    "answer_latency_ms_p95",
)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    gold: tuple[tuple[str, str | None], ...]
    answerable: bool
    reference_answer: str | None

    @property
    def development(self) -> bool:
        """Odd-numbered questions are the half that tuning may look at; the even half stays held out."""
        return int(self.id[-3:]) % 2 == 1


def read_questions(path: Path) -> list[Question]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            gold = tuple((g["doc"], g.get("ref")) for g in item.get("expected", []))
            questions.append(
                Question(item["id"], item["question"], gold, item.get("answerable", True), item.get("reference_answer"))
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{number}: not a question in the evaluation format ({exc})") from exc
    return questions


def with_gold(questions: list[Question]) -> list[Question]:
    return [q for q in questions if q.answerable and q.gold]


def tuning_questions(doc: str) -> list[Question]:
    """The development half of the question files a tuning script reads (`--questions`, the French set by default;
    several files pool their halves); `doc` is the script's docstring."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--questions", type=Path, nargs="+", default=[Path("evaluation/questions_fr.jsonl")])
    return [q for path in parser.parse_args().questions for q in read_questions(path) if q.development]


def evaluate(cadre: Cadre, questions: list[Question], mode: str, k: int, out: Path) -> dict[str, float]:
    """Retrieve for every question, write per_question.jsonl and metrics.json in `out`, return the metrics."""
    out.mkdir(parents=True, exist_ok=True)
    cadre.retrieve("question de mise en route", k=k, mode=mode)
    judged, latencies = [], []
    with (out / "per_question.jsonl").open("w", encoding="utf-8") as rows:
        for q in questions:
            started = time.perf_counter()
            hits = cadre.retrieve(q.question, k=k, mode=mode)
            latency = (time.perf_counter() - started) * 1000
            ranked = tuple((h.chunk.doc_id, h.chunk.ref) for h in hits)
            record = {
                "id": q.id,
                "question": q.question,
                "answerable": q.answerable,
                "gold": [{"doc": d, "ref": r} for d, r in q.gold],
                "top": [{"doc": h.chunk.doc_id, "ref": h.chunk.ref, "label": h.chunk.label} for h in hits],
                "first_gold_rank": None,
                "latency_ms": round(latency, 1),
            }
            if q.answerable and q.gold:
                item = Judged(q.gold, ranked)
                judged.append(item)
                latencies.append(latency)
                record["first_gold_rank"] = item.first_rank(k)
            rows.write(json.dumps(record, ensure_ascii=False) + "\n")
    metrics = retrieval_metrics(judged, latencies)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    return metrics


def evaluate_answers(cadre: Cadre, questions: list[Question], out: Path) -> dict[str, float | None]:
    """Answer every question, write answers.jsonl, and return the answer metrics.

    `refusal_accuracy` is None (null in JSON) for a set with no unanswerable question.
    """
    indexed = {c.id: c.text for c in cadre.index.chunks}
    cadre.answer("question de mise en route")
    valid = total = precise = judged_citations = 0
    refused_unanswerable = unanswerable = refused_answerable = answerable = 0
    similarities, latencies = [], []
    with (out / "answers.jsonl").open("w", encoding="utf-8") as rows:
        for q in questions:
            answer = cadre.answer(q.question)
            latencies.append(answer.latency_ms)
            for citation in answer.citations:
                total += 1
                valid += citation.quote in indexed.get(citation.chunk.id, "")
            if q.answerable:
                answerable += 1
                refused_answerable += answer.refused
                if not answer.refused:
                    for citation in answer.citations:
                        judged_citations += 1
                        precise += any(matches((citation.chunk.doc_id, citation.chunk.ref), g) for g in q.gold)
                if q.reference_answer and not answer.refused:
                    vectors = cadre.embedder.embed_passages([answer.text, q.reference_answer])
                    similarities.append(float(vectors[0] @ vectors[1]))
            else:
                unanswerable += 1
                refused_unanswerable += answer.refused
            rows.write(json.dumps({"id": q.id, "question": q.question, **answer_record(answer)}, ensure_ascii=False))
            rows.write("\n")
    return {
        "citation_validity": round(valid / total, 4) if total else 1.0,
        "citation_precision": round(precise / judged_citations, 4) if judged_citations else 0.0,
        "refusal_accuracy": round(refused_unanswerable / unanswerable, 4) if unanswerable else None,
        "false_refusal_rate": round(refused_answerable / answerable, 4) if answerable else 0.0,
        "answer_similarity": round(sum(similarities) / len(similarities), 4) if similarities else 0.0,
        "answer_latency_ms_p50": round(float(np.percentile(latencies, 50)), 1),
        "answer_latency_ms_p95": round(float(np.percentile(latencies, 95)), 1),
    }


def _failures(out: Path, limit: int = 25) -> list[str]:
    lines = []
    for line in (out / "per_question.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["answerable"] and row["gold"] and row["first_gold_rank"] is None:
            gold = ", ".join(f"{g['doc']} {g['ref'] or ''}".strip() for g in row["gold"])
            top = "; ".join(h["label"] for h in row["top"][:3])
            lines.append(f"| {row['id']} | {row['question']} | {gold} | {top} |")
    return lines[:limit]


def write_report(out: Path, questions_file: Path, results: dict[str, dict[str, float]]) -> None:
    keys = ["n", "hit@1", "hit@5", "hit@10", "recall@5", "recall@10", "mrr@10", "ndcg@10"]
    keys += ["latency_ms_p50", "latency_ms_p95"]
    lines = [f"# Retrieval on `{questions_file.name}`", "", "| mode | " + " | ".join(keys) + " |"]
    lines.append("|---" * (len(keys) + 1) + "|")
    lines += [f"| {mode} | " + " | ".join(str(m[key]) for key in keys) + " |" for mode, m in results.items()]
    answer_keys = [key for key in ANSWER_KEYS if key in results[list(results)[-1]]]
    if answer_keys:
        lines += ["", "## Answers (default engine)", "", "| " + " | ".join(answer_keys) + " |"]
        lines += [
            "|---" * len(answer_keys) + "|",
            "| " + " | ".join(str(results[list(results)[-1]][k]) for k in answer_keys) + " |",
        ]
    last = list(results)[-1]
    folder = out / last if len(results) > 1 else out
    lines += ["", f"## Questions with no gold passage in the top 10 ({last}, first 25)", ""]
    lines += ["| id | question | gold | top 3 |", "|---|---|---|---|", *_failures(folder)]
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Evaluate Cadre's retrieval on a question set.")
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--mode", choices=MODES, default="hybrid")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", action="store_true", help="run bm25, dense and hybrid and compare them")
    parser.add_argument("--answers", action="store_true", help="also answer every question and measure the answers")
    args = parser.parse_args()
    cadre = Cadre(load_settings(index_dir=args.index))
    questions = read_questions(args.questions)
    modes = MODES if args.compare else (args.mode,)
    results = {}
    for mode in modes:
        folder = args.out / mode if args.compare else args.out
        results[mode] = evaluate(cadre, questions, mode, args.k, folder)
        print(mode, json.dumps(results[mode]))
    if args.answers:
        answers = evaluate_answers(cadre, questions, args.out)
        print("answers", json.dumps(answers))
        last = modes[-1]
        results[last] = {**results[last], **answers}
    if args.compare:
        (args.out / "metrics.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    else:
        (args.out / "metrics.json").write_text(json.dumps(results[args.mode], indent=1), encoding="utf-8")
    write_report(args.out, args.questions, results)


if __name__ == "__main__":
    main()
