"""Blocks as a Word document (python-docx), for trainers who edit their handouts."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument

from assistant.trainer.export.blocks import Block, Bullets, Cited, Heading, Table, Text, quoted, source_line


def render(blocks: list[Block], path: Path, title: str) -> Path:
    document = WordDocument()
    document.core_properties.title = title
    document.core_properties.language = "fr-FR"
    for block in blocks:
        match block:
            case Heading(text, level):
                document.add_heading(text, level=min(level, 9))
            case Text(text, strong):
                document.add_paragraph().add_run(text).bold = strong
            case Bullets(items):
                for item in items:
                    document.add_paragraph(item, style="List Bullet")
            case Cited(quote, prefix):
                document.add_paragraph(quoted(quote), style="Quote")
                document.add_paragraph(f"{prefix + ' ' if prefix else ''}{source_line(quote)} — {quote.url}")
            case Table(header, rows):
                table = document.add_table(rows=1, cols=len(header))
                table.style = "Table Grid"
                for cell, text in zip(table.rows[0].cells, header, strict=True):
                    cell.text = text
                for role, quote in rows:
                    cells = table.add_row().cells
                    cells[0].text, cells[1].text, cells[2].text = (
                        role,
                        quoted(quote),
                        f"{source_line(quote)} — {quote.url}",
                    )
    document.save(str(path))
    return path
