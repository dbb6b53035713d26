"""What every loader shares: the error it raises and the text normalisation it applies."""

from __future__ import annotations

import re
import unicodedata

from assistant.records import Document, Edition, Marker

LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\u2007]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class LoadError(Exception):
    """A file that cannot be ingested; the message is the one-line reason shown to the user."""


def normalise(text: str) -> str:
    """NFC, ligatures folded, spaces collapsed, at most one blank line: offsets are taken on this text."""
    text = unicodedata.normalize("NFC", text.translate(LIGATURES)).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class TextBuilder:
    """Assembles a document from pieces, recording markers at the offsets of the final text.

    Structured loaders (HTML, XML, JSON) append normalised blocks and mark where each
    provision starts, so that offsets and markers can never disagree.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.markers: list[Marker] = []
        self.pages: list[tuple[int, int]] = []

    @property
    def offset(self) -> int:
        return self._length + (2 if self._parts else 0)

    def mark(self, kind: str, number: str, title: str = "", level: int = 0, anchor: str | None = None) -> None:
        self.markers.append(Marker(kind, number, normalise(title), self.offset, level, anchor))

    def page(self, number: int) -> None:
        self.pages.append((self.offset, number))

    def add(self, block: str) -> None:
        """Append a block, separated from the previous one by a blank line; empty blocks are ignored."""
        block = normalise(block)
        if not block:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        self._parts.append(block)
        self._length += len(block)

    def build(self, edition: Edition) -> Document:
        return Document(edition, "".join(self._parts), tuple(self.pages), tuple(self.markers))
