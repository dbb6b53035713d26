"""Markdown and plain text: headings become part markers; a PDF extraction with page footers is re-paged.

A markdown file whose lines carry "N/TOTAL" page footers (a text extraction of a printed
act) goes through the same layout clean-up as a PDF, so both renditions of one text yield
the same provisions and page numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.records import Document, Edition
from assistant.sources.base import LoadError, TextBuilder
from assistant.sources.encoding import decode_bytes
from assistant.sources.layout import paged_document

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FENCE = re.compile(r"^:::.*$", re.M)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_PAGE_FOOTER = re.compile(r"(?:^|\s)(\d{1,4})/(\d{1,4})\s*$|^\s*(\d{1,4})/(\d{1,4})(?:\s|$)")
MIN_PAGE_FOOTERS = 3


def _inline(text: str) -> str:
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", text)).replace("|", " ")


def _page_footers(lines: list[str]) -> list[tuple[int, int]]:
    """(line index, page number) of lines that end a printed page, if the file has a consistent run of them."""
    found = []
    for i, line in enumerate(lines):
        match = _PAGE_FOOTER.search(line)
        if match:
            number, total = (int(g) for g in (match.group(1, 2) if match.group(1) else match.group(3, 4)))
            found.append((i, number, total))
    totals = [total for _, _, total in found]
    if len(found) < MIN_PAGE_FOOTERS:
        return []
    common = max(set(totals), key=totals.count)
    run = [(i, n) for i, n, total in found if total == common]
    return run if [n for _, n in run] == list(range(1, len(run) + 1)) else []


def _paged(lines: list[str], footers: list[tuple[int, int]], edition: Edition) -> Document:
    pages: list[list[str]] = []
    start = 0
    for index, _ in footers:
        pages.append(lines[start : index + 1])
        start = index + 1
    pages[-1].extend(lines[start:])
    stripped = [[" ".join(_HEADING.sub(r"\2", line).split()) for line in page if line.strip()] for page in pages]
    return paged_document(stripped, [n for _, n in footers], edition)


def _headed(lines: list[str], edition: Edition) -> Document:
    builder = TextBuilder()
    paragraph: list[str] = []

    def flush() -> None:
        builder.add(" ".join(paragraph))
        paragraph.clear()

    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            flush()
            title = _inline(heading.group(2))
            builder.mark("part", "", title, level=len(heading.group(1)))
            builder.add(title)
        elif not line.strip() or _TABLE_RULE.match(line):
            flush()
        elif _LIST_ITEM.match(line) or line.lstrip().startswith("|"):
            flush()
            paragraph.append(_inline(_LIST_ITEM.sub("- ", line, count=1)))
        else:
            paragraph.append(_inline(line))
    flush()
    return builder.build(edition)


def load(path: Path, edition: Edition) -> Document:
    text, _ = decode_bytes(path.read_bytes(), path.name)
    text = _FENCE.sub("", _FRONT_MATTER.sub("", text.replace("\r\n", "\n")))
    if not text.strip():
        raise LoadError("empty file")
    lines = text.split("\n")
    footers = _page_footers(lines)
    return _paged(lines, footers, edition) if footers else _headed(lines, edition)
