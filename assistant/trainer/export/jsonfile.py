"""A quiz as JSON, for other tools: every item with its choices, answer, proving quote and reference."""

from __future__ import annotations

import json

from assistant.trainer.quiz import QuizItem
from assistant.trainer.quotes import Quote


def _quote(quote: Quote) -> dict:
    chunk = quote.chunk
    return {
        "text": quote.text,
        "label": chunk.label,
        "url": chunk.url,
        "page": quote.page,
        "lang": chunk.lang,
        "version": chunk.version,
        "chunk_id": chunk.id,
    }


def item_record(item: QuizItem) -> dict:
    return {
        "kind": item.kind,
        "type": item.type,
        "question": item.question,
        "choices": list(item.choices),
        "answer": item.answer,
        "evidence": item.evidence,
        "quote": _quote(item.quote),
        "lead": _quote(item.lead) if item.lead else None,
    }


def render(items: list[QuizItem], title: str) -> str:
    return json.dumps({"title": title, "items": [item_record(i) for i in items]}, ensure_ascii=False, indent=1) + "\n"
