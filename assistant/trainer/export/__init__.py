"""Exports of trainer material: sheets (Markdown, Word, HTML), quizzes (Markdown, GIFT, Moodle XML, JSON)
and Q&A handouts (Markdown, Word) from the chat's (question, answer) pairs."""

from __future__ import annotations

from pathlib import Path

from assistant.records import Answer
from assistant.trainer.export import gift, jsonfile, markdown, moodle, webpage, word
from assistant.trainer.export.layout import handout_blocks, quiz_blocks, sheet_blocks
from assistant.trainer.quiz import QuizItem
from assistant.trainer.sheet import Sheet

HANDOUT_TITLE = "Questions-réponses"
QUIZ_FORMATS = ("md", "gift", "moodle-xml", "json")


def sheet_markdown(sheet: Sheet) -> str:
    return markdown.render(sheet_blocks(sheet))


def sheet_html(sheet: Sheet) -> str:
    return webpage.render(sheet_blocks(sheet), f"Fiche : {sheet.theme.title}")


def sheet_docx(sheet: Sheet, path: Path) -> Path:
    return word.render(sheet_blocks(sheet), path, f"Fiche : {sheet.theme.title}")


def quiz_text(items: list[QuizItem], title: str, fmt: str) -> str:
    """The quiz in one of QUIZ_FORMATS."""
    if fmt == "md":
        return markdown.render(quiz_blocks(items, title))
    renderers = {"gift": gift.render, "moodle-xml": moodle.render, "json": jsonfile.render}
    if fmt not in renderers:
        raise ValueError(f"unknown quiz format {fmt!r}; choose one of {', '.join(QUIZ_FORMATS)}")
    return renderers[fmt](items, title)


def handout_markdown(pairs: list[tuple[str, Answer]], title: str = HANDOUT_TITLE) -> str:
    return markdown.render(handout_blocks(pairs, title))


def handout_docx(pairs: list[tuple[str, Answer]], path: Path, title: str = HANDOUT_TITLE) -> Path:
    return word.render(handout_blocks(pairs, title), path, title)
