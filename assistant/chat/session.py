"""The conversation handlers: ask (streamed), open a source, rate an answer, start over, export.

The session state is a dict {"id": ..., "turns": [...]} of plain turn records, so every handler
works from it alone and the exports and feedback see exactly what the user saw.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from uuid import uuid4

import gradio as gr

from assistant.chat.controls import search_filters
from assistant.chat.export import to_docx, to_markdown
from assistant.chat.feedback import RATINGS, FeedbackStore
from assistant.chat.rendering import (
    EMPTY_SOURCE,
    answer_html,
    answer_lines,
    question_text,
    source_html,
    status_html,
)
from assistant.chat.startup import Startup
from assistant.chat.turns import find_citation, turn_record

log = logging.getLogger(__name__)
STREAM_PAUSE_S = 0.015
SEARCHING = status_html("Recherche dans les textes…")
FAILED = "La recherche a échoué ; réessayez dans un instant. Si l'erreur persiste, prévenez l'administrateur."


def new_conversation() -> dict:
    return {"id": "", "turns": []}


def messages(turns: list[dict]) -> list[dict]:
    """The chatbot value (messages format) for the whole conversation."""
    out: list[dict] = []
    for index, turn in enumerate(turns):
        out.append({"role": "user", "content": question_text(turn["question"])})
        out.append({"role": "assistant", "content": answer_html(index, turn)})
    return out


def answer_choices(turns: list[dict]) -> list[tuple[str, int]]:
    return [(f"{i + 1}. {t['question'][:80]}", i) for i, t in enumerate(turns)]


class Session:
    def __init__(self, startup: Startup, store: FeedbackStore, exports: Path) -> None:
        self.startup = startup
        self.store = store
        self.exports = exports

    def _wait_until_ready(self, pending: list[dict]) -> Iterator[list[dict]]:
        while not self.startup.ready.wait(timeout=1.0):
            pending[-1]["content"] = status_html(self.startup.message)
            yield pending

    def _export_folder(self, conversation: dict) -> Path:
        folder = self.exports / conversation["id"]
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def exports_ready(self, conversation: dict) -> tuple:
        """After an answer: (Markdown export, Word button, examples row). The Markdown costs nothing and is written
        now; the Word file costs more CPU than the answer's own search and is written only when asked for (`docx`)."""
        if not conversation["turns"]:
            return gr.skip(), gr.skip(), gr.skip()
        markdown = self._export_folder(conversation) / "conversation-cadre.md"
        markdown.write_text(to_markdown(conversation["turns"], datetime.now()), encoding="utf-8")
        return gr.update(value=str(markdown), interactive=True), gr.update(interactive=True), gr.update(visible=False)

    def docx(self, conversation: dict) -> str | None:
        if not conversation["turns"]:
            return None
        path = self._export_folder(conversation) / "conversation-cadre.docx"
        return str(to_docx(conversation["turns"], datetime.now(), path))

    def ask(self, question: str, scope: str, lang: str, engine: str, conversation: dict) -> Iterator[tuple]:
        """Yields (chatbot, state, question box, rated answer) as the answer streams."""
        question = (question or "").strip()
        if not question:
            yield (gr.skip(),) * 4
            return
        turns = conversation["turns"]
        pending = [*messages(turns), {"role": "user", "content": question_text(question)}]
        pending.append({"role": "assistant", "content": SEARCHING})
        yield pending, gr.skip(), "", gr.skip()
        for waiting in self._wait_until_ready(pending):
            yield waiting, gr.skip(), gr.skip(), gr.skip()
        cadre = self.startup.cadre
        if cadre is None:
            pending[-1]["content"] = status_html(self.startup.message)
            yield pending, gr.skip(), gr.skip(), gr.skip()
            return
        history = [t["question"] for t in turns]
        try:
            answer = cadre.answer(question, history, filters=search_filters(scope, lang), engine=engine)
        except Exception:  # one failed search must leave the page usable, with a message, not a stack trace
            log.exception("answering failed")
            pending[-1]["content"] = status_html(FAILED)
            yield pending, gr.skip(), gr.skip(), gr.skip()
            return
        log.info(
            "answered in %.0f ms (%d citations, refused=%s)", answer.latency_ms, len(answer.citations), answer.refused
        )
        turn = turn_record(question, answer)
        # Nothing is shown before the verifier has passed the whole answer, so streaming is presentation: the first
        # line, then the rest. Each further step cost every user server CPU under load (evaluation.bench_chat).
        if answer_lines(turn) > 1:
            pending[-1]["content"] = answer_html(len(turns), turn, 1)
            yield pending, gr.skip(), gr.skip(), gr.skip()
            time.sleep(STREAM_PAUSE_S)
        conversation = {"id": conversation["id"] or uuid4().hex, "turns": [*turns, turn]}
        yield (
            messages(conversation["turns"]),
            conversation,
            gr.skip(),
            gr.update(choices=answer_choices(conversation["turns"]), value=len(turns)),
        )

    @staticmethod
    def open_source(key: str, conversation: dict) -> tuple:
        citation = find_citation(conversation["turns"], key or "")
        if citation is None:
            return EMPTY_SOURCE, gr.skip()
        return source_html(citation), gr.Sidebar(open=True)

    def rate(self, answer: int | None, rating: str | None, comment: str, conversation: dict) -> tuple:
        """Store the rating; returns (status, rating, comment) with the form cleared once stored."""
        turns = conversation["turns"]
        if not turns:
            return "Posez d'abord une question : l'avis porte sur une réponse.", gr.skip(), gr.skip()
        if rating not in RATINGS:
            return "Choisissez un avis : utile, source erronée ou réponse erronée.", gr.skip(), gr.skip()
        turn = turns[answer if answer is not None and 0 <= answer < len(turns) else -1]
        row = self.store.add(rating, comment or "", turn)
        log.info("feedback %d stored (%s)", row, rating)
        return "Merci : votre avis est enregistré.", None, ""

    @staticmethod
    def restart() -> tuple:
        """Values for (chatbot, state, source panel, side panel, exports ×2, rated answer, feedback status,
        examples row)."""
        return (
            [],
            new_conversation(),
            EMPTY_SOURCE,
            gr.Sidebar(open=False),
            gr.DownloadButton(value=None, interactive=False),
            gr.Button(interactive=False),
            gr.Dropdown(choices=[], value=None),
            "",
            gr.Row(visible=True),
        )
