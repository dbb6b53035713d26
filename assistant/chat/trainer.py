"""The trainer's tab: a theme sheet, and a Q&A handout from the answers of the conversation.

Each export goes to its own folder under the exports directory, so that two users never share a file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from uuid import uuid4

import gradio as gr

from assistant.chat.session import answer_choices
from assistant.chat.startup import Startup
from assistant.chat.turns import as_answer
from assistant.indexing.index import CorpusIndex
from assistant.trainer.export import handout_docx, handout_markdown, sheet_docx, sheet_markdown
from assistant.trainer.sheet import build_sheet
from assistant.trainer.themes import Theme, list_themes

log = logging.getLogger(__name__)
NO_THEME = "Choisissez un thème, puis générez la fiche."
NOT_READY = "Cadre se prépare encore ; réessayez dans un instant."
CLOSED = gr.DownloadButton(value=None, interactive=False)


class Trainer:
    def __init__(self, startup: Startup, exports: Path) -> None:
        self.startup = startup
        self.exports = exports
        self._themes: list[Theme] = []
        self._themes_of: CorpusIndex | None = None

    def themes(self) -> list[Theme]:
        """The catalogue, listed again only when the index changed (an upload), as listing takes seconds."""
        cadre = self.startup.cadre
        if cadre is None:
            return []
        if self._themes_of is not cadre.index:
            self._themes, self._themes_of = list_themes(cadre), cadre.index
        return self._themes

    def _folder(self) -> Path:
        folder = self.exports / uuid4().hex
        folder.mkdir(parents=True)
        return folder

    def open(self, conversation: dict) -> tuple:
        """On opening the tab: (theme list, questions to pick, handout exports ×2), the pick cleared as the
        conversation may have changed since."""
        themes = [(theme.title, theme.id) for theme in self.themes()]
        return (
            gr.Dropdown(choices=themes),
            gr.CheckboxGroup(choices=answer_choices(conversation["turns"]), value=[]),
            CLOSED,
            CLOSED,
        )

    def sheet(self, theme_id: str | None) -> tuple:
        """(sheet shown in the page, Markdown export, DOCX export)."""
        cadre = self.startup.cadre
        if cadre is None:
            return NOT_READY, CLOSED, CLOSED
        theme = next((t for t in self.themes() if t.id == theme_id), None)
        if theme is None:
            return NO_THEME, CLOSED, CLOSED
        sheet = build_sheet(cadre, theme)
        log.info("sheet built on %s", theme.id)
        text = sheet_markdown(sheet)
        folder = self._folder()
        markdown = folder / f"fiche-{theme.id}.md"
        markdown.write_text(text, encoding="utf-8")
        docx = sheet_docx(sheet, folder / f"fiche-{theme.id}.docx")
        return (
            text,
            gr.DownloadButton(value=str(markdown), interactive=True),
            gr.DownloadButton(value=str(docx), interactive=True),
        )

    def handout(self, chosen: list[int], conversation: dict) -> tuple:
        """(Markdown, DOCX) handout of the chosen answers, written as soon as the choice changes so that the
        buttons download at once."""
        turns = conversation["turns"]
        cadre = self.startup.cadre
        picked = sorted(i for i in chosen or [] if 0 <= i < len(turns))
        if cadre is None or not picked:
            return CLOSED, CLOSED
        chunks = {c.id: c for c in cadre.index.chunks}
        pairs = [(turns[i]["question"], as_answer(turns[i], chunks)) for i in picked]
        folder = self._folder()
        markdown = folder / "support-de-cours.md"
        markdown.write_text(handout_markdown(pairs), encoding="utf-8")
        docx = handout_docx(pairs, folder / "support-de-cours.docx")
        return (
            gr.DownloadButton(value=str(markdown), interactive=True),
            gr.DownloadButton(value=str(docx), interactive=True),
        )
