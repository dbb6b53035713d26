"""Whether a passage of the 2024 AI Act still reads the same in the text as amended by Regulation (EU) 2026/1744.

The French editions are the 2024 text and the consolidated text exists only in English, so the
comparison runs between the two English editions, paragraph by paragraph (or definition point by
point): a French passage is outdated when the English 2024 wording of its paragraph is not found,
unchanged, in the consolidated text. The chunks' own `amended` flags mark whole articles, which
would call Article 27(1) amended although only paragraphs 4 and 5 changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.records import Chunk
from assistant.structure.chunking import units_label
from assistant.structure.sentences import Sentence, sentences

DOC = "ai-act"
CONSOLIDATED = "consolidated"
# A paragraph "1. ", a definition point "1) " (French) or "(1) " (English), or an annex section ("Section C"), at a
# line start; the sections' points are numbered afresh, so a point is named with its section ("C, 3").
_MARK_SPAN = len("Section C ")
_MARK = re.compile(r"^(?:Section ([A-Z\d]+)\b|(\d+[a-z]?)\. |(\d+[a-z]?)\) |\((\d+[a-z]?)\) )", re.M)
# A lettered or roman point inside a paragraph: « h) » in French, "(h)" in English; the letters are the same.
POINT = re.compile(r"^\(?([a-z]{1,4})\) ")


@dataclass(frozen=True)
class Unit:
    """A numbered paragraph or definition point, within its annex section (its letter) if any; all empty before the
    first."""

    section: str = ""
    number: str = ""
    paragraph: bool = True

    @property
    def name(self) -> str:
        return ", ".join(part for part in (self.section, self.number) if part)

    @property
    def where(self) -> str:
        """How a label names it, as the chunks' labels do: « , § 4 », « , section C, point 3 »; nothing for an
        unnumbered article."""
        return units_label(self.section, self.number, points=not self.paragraph)


@dataclass(frozen=True)
class Amendment:
    """The unit of a passage that the 2026 amendment changed, and the sentence of its current wording that stands
    where the passage stood; none when the amendment deleted the unit."""

    unit: Unit
    current: Sentence | None


def _next_unit(mark: re.Match[str], current: Unit) -> Unit:
    """The unit a mark opens, given the one it follows (whose section a numbered point belongs to)."""
    if mark.group(1):
        return Unit(mark.group(1))
    number = next(g for g in mark.groups()[1:] if g)
    return Unit(current.section, number, mark.group(2) is not None)


def _units(text: str) -> dict[str, str]:
    """Each unit's text, whitespace folded, by unit name."""
    unit, bounds, names = Unit(), [0], [""]
    for mark in _MARK.finditer(text):
        unit = _next_unit(mark, unit)
        bounds.append(mark.start())
        names.append(unit.name)
    bounds.append(len(text))
    return {name: " ".join(text[bounds[i] : bounds[i + 1]].split()) for i, name in enumerate(names)}


def joined(chunks: list[Chunk]) -> str:
    """The provision's text from its chunks in text order, without the overlap that long chunks share."""
    text, covered = "", 0
    for chunk in chunks:
        text += ("\n\n" if text else "") + chunk.text[max(0, covered - chunk.start) :]
        covered = max(covered, chunk.end)
    return text


def _unit_at(provision: list[Chunk], chunk: Chunk, offset: int) -> Unit:
    """The unit that holds `offset` of `chunk`, read from the provision's start (a passage that opens a paragraph
    starts with its number, hence the few characters read past `offset`)."""
    before = joined([c for c in provision if c.start < chunk.start]) + "\n\n" + chunk.text[: offset + _MARK_SPAN]
    unit = Unit()
    for mark in _MARK.finditer(before):
        unit = _next_unit(mark, unit)
    return unit


def _unit_sentences(provision: list[Chunk], name: str) -> list[Sentence]:
    """The sentences of one unit of a provision, in text order, each once (long chunks overlap)."""
    found: dict[str, Sentence] = {}
    unit = Unit()
    for chunk in provision:
        for sentence in sentences(chunk):
            mark = _MARK.match(sentence.text)
            if mark:
                unit = _next_unit(mark, unit)
            if unit.name == name:
                found.setdefault(sentence.text, sentence)
    return list(found.values())


def _point(sentence: Sentence) -> str | None:
    mark = POINT.match(sentence.text)
    return mark.group(1) if mark else None


def _counterpart(passage: str, original: list[Sentence], current: list[Sentence]) -> Sentence | None:
    """The sentence of the current paragraph that stands where `passage` stood in the 2024 one: the same point
    (« h) » and "(h)"; the second « i) » and the second "(i)"), else the paragraph's opening sentence."""
    mark = POINT.match(passage)
    if mark:
        before = [s.text for s in original if _point(s) == mark.group(1)]
        now = [s for s in current if _point(s) == mark.group(1)]
        order = next((i for i, text in enumerate(before) if passage in text), len(now))
        if order < len(now):
            return now[order]
    return current[0] if current else None


class LawInForce:
    """Compares the AI Act editions of one index; the comparison of each article is made once."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self._by_edition: dict[tuple[str, bool, str], list[Chunk]] = {}
        for chunk in sorted((c for c in chunks if c.doc_id == DOC and c.ref), key=lambda c: c.start):
            key = (chunk.lang, chunk.version.startswith(CONSOLIDATED), chunk.ref or "")
            self._by_edition.setdefault(key, []).append(chunk)
        self._changed: dict[str, frozenset[str]] = {}

    def edition(self, ref: str, lang: str, consolidated: bool = False) -> list[Chunk]:
        """The chunks of one AI Act provision in one edition (the 2024 text in `lang`, or the consolidated one), in
        text order; empty where that edition lacks it."""
        return self._by_edition.get((lang, consolidated, ref), [])

    def _changed_units(self, ref: str) -> frozenset[str]:
        if ref not in self._changed:
            original = self._by_edition.get(("en", False, ref), [])
            current = self._by_edition.get(("en", True, ref), [])
            before, after = _units(joined(original)), _units(joined(current))
            changed = {u for u in before if after.get(u) != before[u]} if original and current else set()
            self._changed[ref] = frozenset(changed)
        return self._changed[ref]

    def amendment(self, chunk: Chunk, passage: str) -> Amendment | None:
        """The amendment that makes `passage` of `chunk` (2024 AI Act, either language) outdated; None if it is
        still the law."""
        if chunk.doc_id != DOC or chunk.version.startswith(CONSOLIDATED) or not chunk.ref:
            return None
        changed = self._changed_units(chunk.ref)
        if not changed:
            return None
        provision = self._by_edition.get((chunk.lang, False, chunk.ref), [])
        unit = _unit_at(provision, chunk, chunk.text.index(passage))
        if unit.name not in changed:
            return None
        if chunk.kind == "annex":
            # An annex numbers points, not paragraphs: « annexe VIII, section B, point 7 ».
            unit = replace(unit, paragraph=False)
        original = _unit_sentences(provision, unit.name)
        consolidated = self._by_edition.get(("en", True, chunk.ref), [])
        # An unnumbered article that the amendment split into paragraphs (Article 4) continues in its first one.
        current = _unit_sentences(consolidated, unit.name) or ([] if unit.name else _unit_sentences(consolidated, "1"))
        return Amendment(unit, _counterpart(passage, original, current))
