"""Word documents (DOCX) through python-docx: body paragraphs and tables in reading order.

A DOCX has no pages to cite, only its heading styles; those become part markers so that
passages of a user's note or report carry their section heading like a chapter of an act.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from assistant.records import Document, Edition
from assistant.sources.base import LoadError, TextBuilder, normalise

_HEADING_STYLE = re.compile(r"^(?:Heading|Titre)\s*(\d)$", re.I)


def _heading_level(paragraph: Paragraph) -> int:
    """Level of a "Heading N" / "Titre N" paragraph (English or French Word), 0 for body text."""
    name = paragraph.style.name if paragraph.style is not None else ""
    match = _HEADING_STYLE.match(name or "")
    return int(match.group(1)) if match else 0


def _rows(table: Table) -> list[str]:
    """One line per row, cells joined by " | "; a cell repeating its left neighbour (a merged cell) is kept once."""
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(normalise(cell.text).split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        lines.append(" | ".join(cells))
    return lines


def load(path: Path, edition: Edition) -> Document:
    try:
        source = docx.Document(str(path))
        content = list(source.iter_inner_content())
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise LoadError("not a valid DOCX file") from exc
    builder = TextBuilder()
    for item in content:
        if isinstance(item, Table):
            for line in _rows(item):
                builder.add(line)
            continue
        text = normalise(item.text)
        level = _heading_level(item)
        if level and text:
            builder.mark("part", "", text, level=level)
        builder.add(text)
    document = builder.build(edition)
    if not document.text:
        raise LoadError("the DOCX file has no text")
    return document
