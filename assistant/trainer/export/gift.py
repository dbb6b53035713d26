"""A quiz in GIFT, the plain-text format Moodle imports: one question per paragraph, answers between braces.

GIFT gives ~ = # { } : a meaning, so they are escaped with a backslash wherever they occur in text;
a question is one paragraph, so the quotes' line breaks become spaces.
"""

from __future__ import annotations

import re

from assistant.trainer.export.blocks import quoted, source_line
from assistant.trainer.quiz import TRUE, TRUEFALSE, QuizItem

_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _feedback(item: QuizItem) -> str:
    lead = f"{quoted(item.lead)} " if item.lead else ""
    return escape(f"{lead}{quoted(item.quote)} — {source_line(item.quote)} — {item.quote.url}")


def _question(number: int, item: QuizItem) -> str:
    head = f"::Q{number} {item.kind}::{escape(item.question)}"
    if item.type == TRUEFALSE:
        verdict = "TRUE" if item.answer == TRUE else "FALSE"
        return f"{head} {{{verdict}####{_feedback(item)}}}"
    answers = [f"{'=' if choice == item.answer else '~'}{escape(choice)}" for choice in item.choices]
    return head + " {\n" + "\n".join(answers) + f"\n####{_feedback(item)}\n}}"


def render(items: list[QuizItem], title: str) -> str:
    lines = [
        f"// Cadre — quiz : {' '.join(title.split())}",
        "// Chaque réponse est prouvée par la citation du corrigé.",
        "",
    ]
    for number, item in enumerate(items, 1):
        lines += [_question(number, item), ""]
    return "\n".join(lines)
