"""Whether a quote from the 2024 AI Act still reads the same in the text as amended by Regulation (EU) 2026/1744.

The French editions are the 2024 text and the consolidated text exists only in English, so the
comparison runs between the two English editions, paragraph by paragraph (or definition point by
point): a French quote is outdated when the English 2024 wording of its paragraph is not found,
unchanged, in the consolidated text. The index's own `amended` flags mark whole articles, which
would flag Article 27(1) although only paragraphs 4 and 5 changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.records import Chunk
from assistant.structure.sentences import sentences
from assistant.trainer.quotes import Quote

DOC = "ai-act"
CONSOLIDATED = "consolidated"
# A paragraph "1. ", a definition point "1) " (French) or "(1) " (English), at a line start.
_MARK_SPAN = 6
_UNIT = re.compile(r"^(?:(\d+[a-z]?)\. |(\d+[a-z]?)\) |\((\d+[a-z]?)\) )", re.M)


@dataclass(frozen=True)
class Amendment:
    """The paragraph of a quote that the 2026 amendment changed, and the first sentence of its current wording."""

    unit: str
    current: Quote | None


def _units(text: str) -> dict[str, str]:
    """Each numbered paragraph's text, whitespace folded; "" is the text before the first number."""
    marks = list(_UNIT.finditer(text))
    bounds = [0, *(m.start() for m in marks), len(text)]
    names = ["", *(next(g for g in m.groups() if g) for m in marks)]
    return {name: " ".join(text[bounds[i] : bounds[i + 1]].split()) for i, name in enumerate(names)}


def _joined(chunks: list[Chunk]) -> str:
    """The provision's text from its chunks in text order, without the overlap that long chunks share."""
    text, covered = "", 0
    for chunk in chunks:
        text += ("\n\n" if text else "") + chunk.text[max(0, covered - chunk.start) :]
        covered = max(covered, chunk.end)
    return text


def unit_at(provision: list[Chunk], chunk: Chunk, offset: int) -> str:
    """The number of the paragraph or point that holds `offset` of `chunk`, read from the provision's start
    (a quote that opens a paragraph starts with its number, hence the few characters read past `offset`)."""
    before = _joined([c for c in provision if c.start < chunk.start]) + "\n\n" + chunk.text[: offset + _MARK_SPAN]
    marks = list(_UNIT.finditer(before))
    return next(g for g in marks[-1].groups() if g) if marks else ""


def _current_quote(consolidated: list[Chunk], unit: str) -> Quote | None:
    for chunk in consolidated:
        for sentence in sentences(chunk):
            if unit and re.match(rf"\(?{re.escape(unit)}[.)] ", sentence.text):
                return Quote(sentence.text, chunk, sentence.cut)
    first = next((s for c in consolidated for s in sentences(c)), None)
    return Quote(first.text, first.chunk, first.cut) if first else None


class LawInForce:
    """Compares the AI Act editions of one index; the comparison of each article is made once."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self._by_edition: dict[tuple[str, bool, str], list[Chunk]] = {}
        for chunk in sorted((c for c in chunks if c.doc_id == DOC and c.ref), key=lambda c: c.start):
            key = (chunk.lang, chunk.version.startswith(CONSOLIDATED), chunk.ref or "")
            self._by_edition.setdefault(key, []).append(chunk)
        self._changed: dict[str, frozenset[str]] = {}

    def _changed_units(self, ref: str) -> frozenset[str]:
        if ref not in self._changed:
            original = self._by_edition.get(("en", False, ref), [])
            current = self._by_edition.get(("en", True, ref), [])
            before, after = _units(_joined(original)), _units(_joined(current))
            changed = {u for u in before if after.get(u) != before[u]} if original and current else set()
            self._changed[ref] = frozenset(changed)
        return self._changed[ref]

    def amendment(self, quote: Quote) -> Amendment | None:
        """The amendment that makes `quote` (2024 AI Act, either language) outdated; None if it is still the law."""
        chunk = quote.chunk
        if chunk.doc_id != DOC or chunk.version.startswith(CONSOLIDATED) or not chunk.ref:
            return None
        changed = self._changed_units(chunk.ref)
        if not changed:
            return None
        provision = self._by_edition.get((chunk.lang, False, chunk.ref), [])
        unit = unit_at(provision, chunk, chunk.text.index(quote.text))
        if unit not in changed:
            return None
        return Amendment(unit, _current_quote(self._by_edition.get(("en", True, chunk.ref), []), unit))
