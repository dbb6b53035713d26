"""Follow-up questions ("et pour un département ?") rewritten with the conversation before retrieval."""

from __future__ import annotations

import re

_FOLLOW_UP = re.compile(r"^(et|mais|alors|dans ce cas|même question|pareil|idem|and|what about)\b", re.I)
SHORT = 7


def rewrite(question: str, history: list[str] | None) -> str:
    """The question alone when it stands alone; else the previous question followed by this one."""
    if not history:
        return question
    words = question.split()
    if _FOLLOW_UP.search(question.strip()) or len(words) < SHORT:
        return f"{history[-1]} {question}"
    return question
