"""Sentences of a passage, as exact slices of its text, so that any of them can be quoted verbatim."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.records import Chunk

MAX_QUOTE = 420
# A sentence ends at ". ", "; " or ": " before a capital, a digit or a point label, or at a line end,
# except after an abbreviation or a number label: "L. 311-5", "art. 5", "1. Les pratiques".
_END = re.compile(r"(?<=[.;:])\s+(?=[A-ZÀ-Ý«(0-9]|[a-z]\)\s)|\n+")
_LIST_ITEM = re.compile(r"(?:[a-z]{1,2}|[ivxl]+|\d+°?)\)\s|\d+°\s|[-–•]\s")
_NOT_AN_END = re.compile(r"(?:^|\s)(?:[A-Z]|[0-9]{1,3}|[IVX]{1,4}|art|al|n°|p|cf|pt|paragr)\.$", re.I)


@dataclass(frozen=True)
class Sentence:
    chunk: Chunk
    start: int
    end: int
    cut: bool = False

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]


def _is_heading(text: str, chunk: Chunk) -> bool:
    return text == chunk.title or re.fullmatch(r"(Article|ANNEXE|ANNEX|Annexe)\s+\S+", text) is not None


@lru_cache(maxsize=8192)
def sentences(chunk: Chunk) -> tuple[Sentence, ...]:
    """Body sentences of the chunk (headings skipped), long ones cut at a word boundary but still verbatim.

    Cached: the answer steps split the same passages again for every question."""
    found = []
    start = 0
    ends = [
        m for m in _END.finditer(chunk.text) if "\n" in m.group() or not _NOT_AN_END.search(chunk.text[: m.start()])
    ]
    for match in [*ends, None]:
        end = match.start() if match else len(chunk.text)
        text = chunk.text[start:end].strip()
        if len(text) > 20 and not _is_heading(text, chunk):
            offset = start + chunk.text[start:end].index(text)
            stop = offset + len(text)
            cut = stop - offset > MAX_QUOTE
            if cut:
                stop = offset + chunk.text[offset : offset + MAX_QUOTE].rstrip(" ,;:").rfind(" ")
            found.append(Sentence(chunk, offset, stop, cut))
        start = match.end() if match else len(chunk.text)
    return tuple(found)


def lead_in(sentence: Sentence, passages: list[Chunk]) -> Sentence | None:
    """The sentence ending in « : » that introduces a list item (« c) … »): the item's force comes from it,
    as in « Les pratiques suivantes sont interdites : … c) la note sociale … ». `passages` are the chunks of the
    item's provision in text order, since a long paragraph's items may sit in a later chunk than its opening."""
    if not _LIST_ITEM.match(sentence.text):
        return None
    before = []
    for chunk in passages:
        same = chunk.id == sentence.chunk.id
        before += [s for s in sentences(chunk) if not same or s.start < sentence.start]
        if same:
            break
    return next((s for s in reversed(before) if s.text.endswith(":") and not _LIST_ITEM.match(s.text)), None)
