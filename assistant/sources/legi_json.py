"""LEGI JSON tree of a French code (SocialGouv legi-data): the articles in force under their headings.

Which articles are in force is decided from each version's validity dates against the tree's
own version date, not from `etat` alone: a version marked ABROGE_DIFF is still in force until
its scheduled end. The body comes from `texteHtml` because `texte` runs alinéas together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
from lxml import etree

from assistant.records import Document, Edition
from assistant.sources.base import LoadError, TextBuilder, normalise
from assistant.sources.jsonfile import read_json, text_field

KIND = "LEGI JSON tree"
_LABEL = re.compile(
    r"^((?:Livre|Titre|Chapitre|Section|Sous-section|Paragraphe|Sous-paragraphe|Partie)\b[^:]*?)\s*:\s*(.+)$", re.S
)
_BLOCK_TAGS = frozenset({"p", "div", "center", "br", "table", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4"})
_CELL_TAGS = frozenset({"td", "th"})


def accepts(data: dict) -> bool:
    """A LEGI code tree: a root node of type "code" with children."""
    return data.get("type") == "code" and isinstance(data.get("data"), dict) and isinstance(data.get("children"), list)


def _day(milliseconds: object) -> date:
    if not isinstance(milliseconds, int):
        raise LoadError("malformed LEGI JSON: an article has no validity dates")
    return datetime.fromtimestamp(milliseconds / 1000, UTC).date()


def _in_force(node: dict, as_of: date) -> bool:
    article = node["data"]
    return _day(article.get("dateDebut")) <= as_of < _day(article.get("dateFin"))


def _live(node: dict, as_of: date) -> bool:
    """Whether the node is, or contains, an article in force: headings of empty sections are left out."""
    if not isinstance(node, dict) or not isinstance(node.get("data"), dict):
        raise LoadError("malformed LEGI JSON: a node has no data")
    if node.get("type") == "article":
        return _in_force(node, as_of)
    return any(_live(child, as_of) for child in node.get("children") or ())


def _walk(node: dict, as_of: date, depth: int = 0) -> Iterator[tuple[int, dict]]:
    """(depth, node) for every live section and article, in the code's order."""
    for child in node.get("children") or ():
        if _live(child, as_of):
            yield depth + 1, child
            if child.get("type") != "article":
                yield from _walk(child, as_of, depth + 1)


def _lines(root: etree._Element) -> list[str]:
    """Text of an element split at paragraphs and line breaks; a table row becomes one line "a | b"."""
    lines = [""]

    def visit(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else None
        if tag == "tr":
            cells = (" ".join(_lines(cell)) for cell in element if cell.tag in _CELL_TAGS)
            lines.extend((" | ".join(cell for cell in cells if cell), ""))
        elif tag is not None:
            if tag in _BLOCK_TAGS:
                lines.append("")
            lines[-1] += element.text or ""
            for child in element:
                visit(child)
            if tag in _BLOCK_TAGS:
                lines.append("")
        tail = element.tail or ""
        if tag == "a" and tail[:1].isalnum() and lines[-1][-1:].isalnum():
            tail = " " + tail
        lines[-1] += tail

    visit(root)
    return [line for line in map(normalise, lines) if line]


def html_blocks(html: str) -> list[str]:
    """The alinéas of a LEGI `texteHtml` fragment: one per paragraph or line break, table rows as "a | b"."""
    if not html.strip():
        return []
    try:
        return _lines(lxml.html.fragment_fromstring(html, create_parent="div"))
    except (etree.ParserError, ValueError):
        return []


def _heading(title: str) -> tuple[str, str]:
    """("Livre III", "L'ACCÈS …") from "Livre III : L'ACCÈS …"; an unlabelled heading has no number."""
    match = _LABEL.match(title)
    return (match.group(1), match.group(2)) if match else ("", title)


def _article_number(data: dict) -> str:
    return re.sub(r"[\s.]", "", text_field(data, "num"))


def _as_of(tree: dict) -> date:
    try:
        return date.fromisoformat(text_field(tree["data"], "dateDebutVersion"))
    except ValueError as exc:
        raise LoadError("malformed LEGI JSON: the code has no valid version date") from exc


def load(path: Path, edition: Edition) -> Document:
    tree = read_json(path, accepts, KIND)
    builder = TextBuilder()
    articles = 0
    for depth, node in _walk(tree, _as_of(tree)):
        data = node["data"]
        if node.get("type") == "article":
            number = _article_number(data)
            builder.mark("article", number, anchor=text_field(data, "id"))
            builder.add(f"Article {number}")
            blocks = html_blocks(text_field(data, "texteHtml")) or [text_field(data, "texte")]
            for block in blocks:
                builder.add(block)
            articles += 1
        else:
            title = normalise(text_field(data, "title"))
            number, heading = _heading(title)
            builder.mark("part", number, heading, level=depth)
            builder.add(title)
    if not articles:
        raise LoadError("no article in force in this LEGI JSON tree")
    return builder.build(edition)


def in_force_since(path: Path) -> dict[str, str]:
    """ISO date from which each article's current version applies, keyed by its anchor (LEGIARTI id)."""
    tree = read_json(path, accepts, KIND)
    return {
        text_field(node["data"], "id"): _day(node["data"].get("dateDebut")).isoformat()
        for _, node in _walk(tree, _as_of(tree))
        if node.get("type") == "article"
    }
