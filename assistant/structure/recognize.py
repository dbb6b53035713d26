"""Finds the structure of a legal text in plain text (PDF and Markdown renditions), in French and English.

Structured formats give their markers directly; this recogniser only runs on documents
whose loader could not. It reads whole lines only: a heading in legal texts stands on a
line of its own, while cross-references ("l'article 5, paragraphe 2") sit inside sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.records import Document, Marker

_ARTICLE = re.compile(
    r"^(?:Article|ARTICLE|Art\.)\s+(premier|1er|[LRDA]\.?\s?\d+(?:-\d+)*|\d{1,3}(?:\s?[a-z]{1,2}\b)?)\s*\.?$"
)
_ANNEX = re.compile(r"^(?:ANNEXE|ANNEX|Annexe|Annex)\s+([IVXLC]+|\d+)\s*$")
_PART = re.compile(
    r"^(LIVRE|BOOK|TITRE|TITLE|PARTIE|PART|CHAPITRE|CHAPTER|SECTION|Section|Sous-section)\s+"
    r"([IVXLC]+|\d+|premier|Ier|PREMIER)\s*$"
)
_PART_LEVEL = {"livre": 1, "book": 1, "partie": 1, "part": 1, "titre": 2, "title": 2, "chapitre": 3, "chapter": 3}
_RECITALS_START = re.compile(r"(considérant ce qui suit|Whereas)\s*:?\s*$", re.I)
_RECITALS_END = re.compile(r"^(ONT ADOPTÉ|HAVE ADOPTED|A ADOPTÉ|HAS ADOPTED)\b")
_RECITAL = re.compile(r"^\((\d{1,3})\)(?=\s|[A-ZÀ-Ý])")
_SIGNATURE = re.compile(r"^(Fait à|Done at)\s")
MIN_ARTICLES = 3
MAX_TITLE_CHARS = 250


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line.strip()
        offset += len(line) + 1


def article_number(raw: str) -> str:
    """The ref-key form of a printed article number: "premier" → "1", "L. 311-3-1" → "L311-3-1", "4 a" → "4a"."""
    if raw.lower() in {"premier", "1er"}:
        return "1"
    return raw.replace(".", "").replace(" ", "")


def _leading_int(number: str) -> int:
    digits = re.match(r"\d+", number)
    return int(digits.group()) if digits else -1


def _title_after(lines: list[tuple[int, str]], index: int) -> str:
    """The heading text printed under a provision's number, if the next non-empty line is one."""
    for _, line in lines[index + 1 : index + 4]:
        if not line:
            continue
        is_body = line[:1].isdigit() or line.startswith("(") or len(line) > MAX_TITLE_CHARS
        heading = _ARTICLE.match(line) or _ANNEX.match(line) or _PART.match(line)
        return "" if is_body or heading else line
    return ""


def recognize(document: Document) -> list[Marker]:
    """Markers for the articles, annexes, recitals and parts printed in the document's text."""
    lines = list(_lines(document.text))
    markers: list[Marker] = []
    in_recitals = in_annexes = False
    last_recital = last_article = 0
    seen: set[str] = set()
    for index, (offset, line) in enumerate(lines):
        if not line:
            continue
        if not markers and _RECITALS_START.search(line):
            in_recitals = True
            continue
        if in_recitals:
            match = _RECITAL.match(line)
            if match and int(match.group(1)) == last_recital + 1:
                last_recital += 1
                markers.append(Marker("recital", match.group(1), "", offset))
                continue
            if _RECITALS_END.match(line):
                in_recitals = False
                markers.append(Marker("end", "", "", offset))
            continue
        if (match := _ANNEX.match(line)) is not None:
            in_annexes = True
            markers.append(Marker("annex", match.group(1), _title_after(lines, index), offset))
        elif (match := _ARTICLE.match(line)) is not None and not in_annexes:
            number = article_number(match.group(1))
            value = _leading_int(number)
            if number not in seen and (value < 0 or value >= last_article):
                seen.add(number)
                last_article = max(last_article, value)
                markers.append(Marker("article", number, _title_after(lines, index), offset))
        elif (match := _PART.match(line)) is not None and not in_annexes:
            level = _PART_LEVEL.get(match.group(1).lower(), 4)
            markers.append(Marker("part", line, _title_after(lines, index), offset, level))
        elif _SIGNATURE.match(line):
            markers.append(Marker("end", "", "", offset))
    return markers


def structure_markers(document: Document) -> list[Marker]:
    """The loader's markers where it knew the legal structure, else what the text shows, else the loader's headings."""
    if any(m.kind in {"article", "annex", "recital"} for m in document.markers):
        return list(document.markers)
    found = recognize(document)
    if sum(m.kind == "article" for m in found) >= MIN_ARTICLES:
        return found
    return list(document.markers)
