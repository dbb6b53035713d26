"""Provisions → chunks: whole articles when short, paragraph groups when long, sized pieces for prose.

A chunk is always an exact slice of the edition's normalised text, so that its offsets and
any quote taken from it can be checked against the source.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.records import Chunk, Document, Provision
from assistant.structure.links import official_link
from assistant.structure.provisions import provisions

_PARAGRAPH = re.compile(r"^(\d{1,3})\.\s")
# An amending article ("Regulation (EU) 2024/1689 is amended as follows: (1) … (43) …", « … est modifié comme
# suit: 1) … ») is cut by its points: the numbered paragraphs in it are those of the text it inserts.
_AMENDING = re.compile(r"\b(?:is|are) amended as follows\b|\b(?:est|sont) modifiée?s? comme suit\b")
_POINT = re.compile(r"^\(?(\d{1,3})\)\s")
_OPENING_CHARS = 400
_CODE_NUMBER = re.compile(r"^([LRDA])(\d)")


def _number_fr(number: str) -> str:
    """Article numbers as French citations print them: "1" → "1er", "L311-3-1" → "L. 311-3-1"."""
    if number == "1":
        return "1er"
    return _CODE_NUMBER.sub(r"\1. \2", number)


# How a provision numbers its units: paragraphs (« 1. »), an amending article's points (« (1) »), or an annex's
# points (« 1. »), which may restart in each section (Annex VIII, Sections A to C).
Numbering = Literal["paragraphs", "amending", "annex"]
_SECTION = re.compile(r"^Section ([A-Z])\b")


@dataclass(frozen=True)
class _Span:
    """A chunk's place in the text and the units it holds, within the annex section it is in."""

    start: int
    end: int
    paragraphs: str | None = None
    section: str | None = None


def label(short: str, provision: Provision, span: _Span, numbering: Numbering) -> str:
    if provision.kind == "article":
        base = f"{short}, article {_number_fr(provision.number)}"
    elif provision.kind == "annex":
        base = f"{short}, annexe {provision.number}"
    elif provision.kind == "recital":
        base = f"{short}, considérant {provision.number}"
    elif provision.title:
        base = f"{short}, « {provision.title} »"
    else:
        base = short
    return base + units_label(span.section, span.paragraphs, numbering != "paragraphs")


def units_label(section: str | None, paragraphs: str | None, points: bool) -> str:
    """How a label names the units a passage holds, after its provision: « , § 4 », « , §§ 1 à 2 »,
    « , section C, points 1 à 5 »; `paragraphs` is one number or a range "1-5"."""
    where = f", section {section}" if section else ""
    if paragraphs:
        first, _, last = paragraphs.partition("-")
        one, several = ("point", "points") if points else ("§", "§§")
        where += f", {several} {first} à {last}" if last else f", {one} {first}"
    return where


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the blank-line separated blocks between start and end."""
    spans = []
    for match in re.finditer(r"[^\n](?:.|\n(?!\n))*", text[start:end]):
        spans.append((start + match.start(), start + match.end()))
    return spans


def _numbering(text: str, provision: Provision) -> Numbering:
    opening = text[provision.start : min(provision.end, provision.start + _OPENING_CHARS)]
    if _AMENDING.search(opening):
        return "amending"
    return "annex" if provision.kind == "annex" else "paragraphs"


def _unit_number(block: str, current: str | None, numbering: Numbering) -> str | None:
    """The number of the unit `block` opens, if it opens one; an amending point only as the next in sequence, since
    the inserted text may hold numbered points of its own."""
    if numbering != "amending":
        number = _PARAGRAPH.match(block)
        return number.group(1) if number else None
    number = _POINT.match(block)
    expected = 1 if current is None else int(current) + 1
    return number.group(1) if number and int(number.group(1)) == expected else None


def _paragraph_groups(text: str, spans: list[tuple[int, int]], limit: int, numbering: Numbering) -> list[_Span]:
    """Group blocks under the limit, breaking before a numbered unit, or between points when one runs long; an annex
    section starts a group of its own, so that a label never runs from one section's points into the next's."""
    groups: list[tuple[int, int, list[str], str | None]] = []
    paragraph: str | None = None
    section: str | None = None
    for start, end in spans:
        heading = _SECTION.match(text[start:end]) if numbering == "annex" else None
        if heading:
            paragraph, section = None, heading.group(1)
        number = _unit_number(text[start:end], paragraph, numbering)
        if number:
            paragraph = number
        if groups and not heading:
            size = end - groups[-1][0]
            if size <= (limit if number else 1.5 * limit):
                groups[-1] = (groups[-1][0], end, groups[-1][2] + ([paragraph] if number else []), section)
                continue
        groups.append((start, end, [paragraph] if paragraph else [], section))
    return [
        _Span(start, end, (nums[0] if nums[0] == nums[-1] else f"{nums[0]}-{nums[-1]}") if nums else None, section)
        for start, end, nums, section in groups
    ]


class Chunker:
    """Cuts documents into chunks; one instance per ingest, configured with the size limits."""

    def __init__(self, max_chars: int, overlap_chars: int) -> None:
        self.max_chars = max_chars
        self.splitter = RecursiveCharacterTextSplitter(
            chunk_size=max_chars,
            chunk_overlap=overlap_chars,
            separators=["\n\n", "\n", ". ", "; ", ", ", " "],
            keep_separator="end",
            add_start_index=True,
        )

    def _spans(self, text: str, provision: Provision, numbering: Numbering) -> list[_Span]:
        body = text[provision.start : provision.end]
        start = provision.start + len(body) - len(body.lstrip())
        end = provision.start + len(body.rstrip())
        if end - start <= self.max_chars:
            return [_Span(start, end)]
        if provision.kind in {"article", "annex"}:
            groups = _paragraph_groups(text, _blocks(text, start, end), self.max_chars, numbering)
            if all(g.end - g.start <= 2 * self.max_chars for g in groups):
                return groups
        pieces = self.splitter.create_documents([text[start:end]])
        return [
            _Span(start + p.metadata["start_index"], start + p.metadata["start_index"] + len(p.page_content))
            for p in pieces
        ]

    def chunks(self, document: Document) -> list[Chunk]:
        edition = document.edition
        result = []
        for provision in provisions(document):
            url = official_link(edition, provision)
            numbering = _numbering(document.text, provision)
            for span in self._spans(document.text, provision, numbering):
                start, end, paragraphs = span.start, span.end, span.paragraphs
                text = document.text[start:end]
                if not text.strip():
                    continue
                pages = tuple(p for p in (document.page_at(start), document.page_at(end - 1)) if p is not None)
                digest = hashlib.sha256(f"{edition.key}\n{provision.ref}\n{paragraphs}\n{text}".encode()).hexdigest()
                result.append(
                    Chunk(
                        id=digest[:20],
                        doc_id=edition.doc_id,
                        edition_key=edition.key,
                        lang=edition.lang,
                        version=edition.version,
                        in_force_from=edition.in_force_from,
                        authority=edition.authority,
                        kind=provision.kind,
                        ref=provision.ref,
                        label=label(edition.short, provision, span, numbering),
                        title=provision.title,
                        heading_path=provision.heading_path,
                        paragraphs=paragraphs,
                        pages=tuple(sorted(set(pages))),
                        start=start,
                        end=end,
                        url=url,
                        text=text,
                        amended=document.amendments.get(provision.ref or ""),
                    )
                )
        return result
