"""A conversation as a Markdown or Word file: each question, its answer, notes, and every source with its quote."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx import Document as WordDocument

from assistant.chat.rendering import DISCLAIMER
from assistant.chat.turns import edition_line

TITLE = "Conversation avec Cadre"


def _stamp(when: datetime) -> str:
    return f"Exportée le {when:%d/%m/%Y à %H:%M}."


def _source_line(citation: dict) -> str:
    return f"[{citation['n']}] {citation['label']} — {edition_line(citation)}"


def to_markdown(turns: list[dict], when: datetime) -> str:
    out = [f"# {TITLE}", "", _stamp(when), "", f"> {DISCLAIMER}", ""]
    for number, turn in enumerate(turns, 1):
        out += [f"## {number}. {turn['question']}", "", "### Réponse", ""]
        out += [f"{line}  " for line in turn["answer"].splitlines() if line.strip()]
        if turn["notes"]:
            out += ["", "**À noter :**", ""] + [f"- {note}" for note in turn["notes"]]
        if turn["citations"]:
            out += ["", "### Sources", ""]
            for citation in turn["citations"]:
                out += [f"{_source_line(citation)}  ", f"<{citation['url']}>", "", f"> « {citation['quote']} »", ""]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_docx(turns: list[dict], when: datetime, path: Path) -> Path:
    document = WordDocument()
    document.core_properties.title = TITLE
    document.core_properties.language = "fr-FR"
    document.add_heading(TITLE, level=0)
    document.add_paragraph(_stamp(when))
    document.add_paragraph(DISCLAIMER, style="Intense Quote")
    for number, turn in enumerate(turns, 1):
        document.add_heading(f"{number}. {turn['question']}", level=1)
        document.add_heading("Réponse", level=2)
        for line in turn["answer"].splitlines():
            if line.strip():
                document.add_paragraph(line)
        if turn["notes"]:
            document.add_paragraph().add_run("À noter :").bold = True
            for note in turn["notes"]:
                document.add_paragraph(note, style="List Bullet")
        if turn["citations"]:
            document.add_heading("Sources", level=2)
            for citation in turn["citations"]:
                document.add_paragraph().add_run(_source_line(citation)).bold = True
                document.add_paragraph(citation["url"])
                document.add_paragraph(f"« {citation['quote']} »", style="Quote")
    document.save(str(path))
    return path
