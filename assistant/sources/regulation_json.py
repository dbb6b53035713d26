"""Third-party JSON of an EU regulation (Ansvar seed: `articles`, `recitals`, `definitions`).

The source is a scrape of EUR-Lex with quirks that this loader undoes: the headings that
precede an article (chapter title, "Section N" and its title) are stuck to the end of the
previous article, whose `chapter` field already names the chapter met at its end; point
labels "(a)" stand alone before their text; a recital may be repeated; the last article
carries the closing formula, signatures, footnotes and a line of page script.
`definitions` is skipped: it repeats Article 4.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.records import Document, Edition
from assistant.sources.base import TextBuilder, normalise
from assistant.sources.jsonfile import read_json, text_field

KIND = "EU regulation JSON (articles and recitals)"
_SECTION = re.compile(r"^Section \d+$")
_LABEL_ONLY = re.compile(r"^(\(\w{1,4}\)|[—–-])$")
_SCRIPT = re.compile(r"^/{4,}|\$\(document\)")
_CLOSING = re.compile(r"^(This Regulation shall be binding in its entirety|Done at )")
_PARAGRAPH_START = re.compile(r"^(\d+\.|\(\w{1,4}\))\s")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def accepts(data: dict) -> bool:
    """Lists of `articles` (with a number and text) and `recitals`."""
    articles = data.get("articles")
    return (
        isinstance(articles, list)
        and isinstance(data.get("recitals"), list)
        and bool(articles)
        and all(isinstance(a, dict) and "number" in a and "text" in a for a in articles)
    )


def _roman(numeral: object) -> int:
    """Value of a chapter numeral such as "XI"; 0 for anything that is not one."""
    if not isinstance(numeral, str) or not numeral or any(c not in _ROMAN for c in numeral):
        return 0
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def _blocks(text: str) -> list[str]:
    """Paragraphs of a text field, each lone point label joined to the paragraph it labels, script lines dropped."""
    blocks: list[str] = []
    label = ""
    for raw in text.split("\n\n"):
        block = normalise(raw)
        if not block or _SCRIPT.search(block):
            continue
        if _LABEL_ONLY.match(block):
            label = block
            continue
        blocks.append(f"{label} {block}" if label else block)
        label = ""
    if label:
        blocks.append(label)
    return blocks


def _is_heading(block: str) -> bool:
    return not _PARAGRAPH_START.match(block) and not block.endswith((".", ";", ":", ","))


def _recitals(data: dict, builder: TextBuilder) -> None:
    seen: set[str] = set()
    for recital in data["recitals"]:
        number = str(recital.get("recital_number", "")) if isinstance(recital, dict) else ""
        if not number or number in seen:
            continue
        seen.add(number)
        blocks = _blocks(text_field(recital, "text"))
        builder.mark("recital", number, anchor=f"rct_{number}")
        for i, block in enumerate(blocks):
            builder.add(f"({number}) {block}" if i == 0 else block)


def _articles(data: dict, builder: TextBuilder) -> None:
    """Articles in order, each preceded by the chapter and section headings recovered from the previous one."""
    chapter = "I"
    headings = [(f"CHAPTER {chapter}", "", 1)]
    closing = False
    for article in data["articles"]:
        for number, title, level in headings:
            builder.mark("part", number, title, level=level)
            builder.add(number)
            builder.add(title)
        number = str(article["number"]).strip()
        blocks = _blocks(text_field(article, "text"))
        title = article.get("title")
        if not isinstance(title, str) and blocks and _is_heading(blocks[0]):
            title = blocks.pop(0)
        headings = []
        if len(blocks) >= 2 and _SECTION.match(blocks[-2]):
            headings.append((blocks[-2], blocks[-1], 2))
            blocks = blocks[:-2]
        if _roman(article.get("chapter")) == _roman(chapter) + 1:
            chapter = article["chapter"]
            heading = blocks.pop() if blocks and _is_heading(blocks[-1]) else ""
            headings.insert(0, (f"CHAPTER {chapter}", heading, 1))
        builder.mark("article", number, title or "", anchor=f"art_{number}")
        builder.add(f"Article {number}")
        builder.add(title or "")
        for block in blocks:
            if not closing and _CLOSING.match(block):
                closing = True
                builder.mark("end", "")
            builder.add(block)


def load(path: Path, edition: Edition) -> Document:
    data = read_json(path, accepts, KIND)
    builder = TextBuilder()
    _recitals(data, builder)
    _articles(data, builder)
    return builder.build(edition)
