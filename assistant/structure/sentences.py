"""Sentences of a passage, as exact slices of its text, so that any of them can be quoted verbatim.

One split serves both ends: the index embeds these sentences (`indexing/sentence_vectors.py`) and the
answer quotes them, so a change here changes what a built index holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.records import Chunk

MAX_QUOTE = 420
# A sentence ends at ". ", "; " or ": " before a capital, a digit or a point label, or at a line end,
# except after an abbreviation or a number label: "L. 311-5", "art. 5", "1. Les pratiques".
_END = re.compile(r"(?<=[.;:])\s+(?=[A-ZÀ-Ý«(0-9]|[a-z]\)\s)|\n+")
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
