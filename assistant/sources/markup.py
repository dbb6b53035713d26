"""What the EUR-Lex HTML and Formex loaders share: an element tree walked into text blocks.

Both formats print a point's label ("1.", "(a)") in an element of its own beside the text,
and spread one sentence over inline elements; the walker joins them back into the one-line
blocks that `structure` splits on, and keeps page breaks at block boundaries.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from assistant.records import Document, Edition, Marker
from assistant.sources.base import LoadError, TextBuilder, normalise

# What is left after a quoted block closes ("…’;"): glued to that block rather than standing alone.
_CLOSING = re.compile(r"[’”»)]*[;:,.]*")


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read the file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise LoadError("empty file")
    return data


def superscript(parts: list[str], text: str) -> None:
    """Append a superscript: an exponent after a digit is written 10^25 so that it does not read 1025."""
    before = "".join(parts).rstrip()
    parts.append(f"^{text}" if text.isdigit() and before[-1:].isdigit() else text)


class BlockWriter:
    """A `TextBuilder` fed block by block, that holds back labels and page breaks until the right block."""

    def __init__(self) -> None:
        self._builder = TextBuilder()
        self._held: str | None = None
        self._label = ""
        self._page: int | None = None
        self._page_after: int | None = None

    @property
    def markers(self) -> list[Marker]:
        return self._builder.markers

    def label(self, text: str) -> None:
        """A point or paragraph number: it starts the next block that has text."""
        text = " ".join(text.split())
        if not text:
            return
        self.end_label()
        self._label = text

    def end_label(self) -> None:
        """Write a label whose content never came, as a block of its own."""
        if self._label:
            label, self._label = self._label, ""
            self.block(label)

    def block(self, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if self._label:
            text, self._label = f"{self._label} {text}", ""
        if self._held is not None and _CLOSING.fullmatch(text):
            self._held += text
            return
        self._flush()
        self._held = text
        if self._page_after is not None:
            self._page, self._page_after = self._page_after, None

    def page(self, number: int, inside_block: bool = False) -> None:
        """A page starts here; `inside_block` when it breaks a block not yet written, which keeps its first page."""
        if inside_block:
            self._page_after = number
        else:
            self._page = number

    def mark(self, kind: str, number: str, title: str = "", level: int = 0, anchor: str | None = None) -> None:
        self.end_label()
        self._flush()
        self._builder.mark(kind, number, title, level, anchor)

    def _flush(self) -> None:
        if self._held is not None:
            self._builder.add(self._held)
            self._held = None
        if self._page is not None:
            self._builder.page(self._page)
            self._page = None

    def build(self, edition: Edition) -> Document:
        self.end_label()
        self._flush()
        return self._builder.build(edition)


class TreeWalker:
    """Walks an lxml tree: block elements are visited, the inline content between them becomes one block.

    Subclasses say which tags are blocks, what a block element means (`visit`), how an inline
    element reads (`render_element`) and what a processing instruction does (`instruction`).
    """

    blocks: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self.out = BlockWriter()

    def visit(self, element: etree._Element) -> None:
        self.walk(element)

    def instruction(self, node: etree._Element, inside_block: bool) -> None:
        """A comment or processing instruction met in the text; ignored unless a format gives it meaning."""

    def render_element(self, element: etree._Element, parts: list[str]) -> None:
        self.render(element, parts)

    def walk(self, element: etree._Element) -> None:
        run = [element.text or ""]
        for child in element:
            if not isinstance(child.tag, str):
                self.instruction(child, inside_block=bool("".join(run).strip()))
            elif child.tag in self.blocks:
                self.out.block("".join(run))
                run = []
                self.visit(child)
            else:
                self.render_element(child, run)
            run.append(child.tail or "")
        self.out.block("".join(run))
        self.out.end_label()

    def render(self, element: etree._Element, parts: list[str]) -> None:
        """The content of `element` as one line (its tail excluded), block children separated by spaces.

        Instructions are not acted on here: a heading is rendered for its marker and walked again.
        """
        parts.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                gap = " " if child.tag in self.blocks else ""
                parts.append(gap)
                self.render_element(child, parts)
                parts.append(gap)
            parts.append(child.tail or "")

    def flatten(self, element: etree._Element | None) -> str:
        if element is None:
            return ""
        parts: list[str] = []
        self.render(element, parts)
        return normalise(" ".join("".join(parts).split()))
