"""Page-laid text (PDF pages, or a PDF extraction with page footers) turned into clean blocks.

Printed legal texts carry running headers and footers, hard line wraps and hyphenated
line ends; none of that may reach a chunk or a quote. The rules here are generic layout
rules (repetition across pages, line width, enumeration marks), not legal structure.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.records import Document, Edition
from assistant.sources.base import TextBuilder, normalise

EDGE_LINES = 3
FURNITURE_SHARE = 0.3
_DIGITS = re.compile(r"\d+")
_BLOCK_START = re.compile(
    r"^(\(?\d{1,3}\)|\d{1,3}\.\s|\(?[a-z]{1,2}\)\s|\(?[ivxl]{1,6}\)\s|[-–—•]\s|"
    r"(Article|ARTICLE|CHAPITRE|CHAPTER|SECTION|Section|ANNEXE|ANNEX|TITRE|TITLE|PARTIE|PART)\b)"
)
_HYPHEN_END = re.compile(r"[A-Za-zÀ-ÿ]-$")


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.lower().split()))


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop lines at the top or bottom of pages whose shape recurs on many pages (headers, footers, page numbers)."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = {_shape(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:] if line.strip()}
        counts.update(edges)
    threshold = max(2, FURNITURE_SHARE * len(pages))
    furniture = {shape for shape, n in counts.items() if n >= threshold}
    cleaned = []
    for lines in pages:
        keep = list(lines)
        while keep and (not keep[0].strip() or _shape(keep[0]) in furniture):
            keep.pop(0)
        while keep and (not keep[-1].strip() or _shape(keep[-1]) in furniture):
            keep.pop()
        cleaned.append(keep)
    return cleaned


def _typical_width(pages: list[list[str]]) -> int:
    widths = sorted(len(line) for lines in pages for line in lines if line.strip())
    return widths[int(len(widths) * 0.8)] if widths else 80


def reflow(lines: list[str], width: int) -> list[str]:
    """Join hard-wrapped lines into blocks; a block ends at a short line or before an enumerated line."""
    blocks: list[str] = []
    current = ""
    for raw in lines:
        line = normalise(raw)
        if not line:
            if current:
                blocks.append(current)
                current = ""
            continue
        if current and _BLOCK_START.match(line):
            blocks.append(current)
            current = ""
        if not current:
            current = line
        elif _HYPHEN_END.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        if len(raw.strip()) < 0.7 * width:
            blocks.append(current)
            current = ""
    if current:
        blocks.append(current)
    return blocks


def paged_document(pages: list[list[str]], page_numbers: list[int], edition: Edition) -> Document:
    """A Document from the raw lines of each page: furniture stripped, lines reflowed, pages recorded."""
    pages = strip_furniture(pages)
    width = _typical_width(pages)
    builder = TextBuilder()
    carry = ""
    for lines, number in zip(pages, page_numbers, strict=True):
        blocks = reflow(lines, width)
        if carry and blocks and not _BLOCK_START.match(blocks[0]):
            blocks[0] = (carry[:-1] + blocks[0]) if _HYPHEN_END.search(carry) else f"{carry} {blocks[0]}"
        elif carry:
            builder.add(carry)
        carry = ""
        if blocks and lines and len(lines[-1].strip()) >= 0.7 * width:
            carry = blocks.pop()
        builder.page(number)
        for block in blocks:
            builder.add(block)
    builder.add(carry)
    return builder.build(edition)
