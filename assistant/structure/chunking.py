"""Provisions → chunks: whole articles when short, paragraph groups when long, sized pieces for prose.

A chunk is always an exact slice of the edition's normalised text, so that its offsets and
any quote taken from it can be checked against the source.
"""

from __future__ import annotations

import hashlib
import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.records import Chunk, Document, Provision
from assistant.structure.links import official_link
from assistant.structure.provisions import provisions

_PARAGRAPH = re.compile(r"^(\d{1,3})\.\s")
# An amending article ("Regulation (EU) 2024/1689 is amended as follows: (1) … (43) …") is cut by its points:
# the numbered paragraphs in it are those of the text it inserts, which are no paragraphs of its own.
_AMENDING = re.compile(r"\b(?:is|are) amended as follows\b|\b(?:est|sont) modifiée?s? comme suit\b")
_POINT = re.compile(r"^\((\d{1,3})\)\s")
_OPENING_CHARS = 400
_CODE_NUMBER = re.compile(r"^([LRDA])(\d)")


def _number_fr(number: str) -> str:
    """Article numbers as French citations print them: "1" → "1er", "L311-3-1" → "L. 311-3-1"."""
    if number == "1":
        return "1er"
    return _CODE_NUMBER.sub(r"\1. \2", number)


def label(short: str, provision: Provision, paragraphs: str | None, unit: str = "§") -> str:
    """`unit` is « § » for paragraphs, « point » for the points of an amending article."""
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
    if paragraphs:
        first, _, last = paragraphs.partition("-")
        plural = "§§" if unit == "§" else f"{unit}s"
        base += f", {plural} {first} à {last}" if last else f", {unit} {first}"
    return base


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the blank-line separated blocks between start and end."""
    spans = []
    for match in re.finditer(r"[^\n](?:.|\n(?!\n))*", text[start:end]):
        spans.append((start + match.start(), start + match.end()))
    return spans


def _unit_number(block: str, current: str | None, points: bool) -> str | None:
    """The number of the unit `block` opens, if it opens one; an amending point only as the next in sequence, since
    the inserted text may hold numbered points of its own."""
    if not points:
        number = _PARAGRAPH.match(block)
        return number.group(1) if number else None
    number = _POINT.match(block)
    expected = 1 if current is None else int(current) + 1
    return number.group(1) if number and int(number.group(1)) == expected else None


def _paragraph_groups(
    text: str, spans: list[tuple[int, int]], limit: int, points: bool
) -> list[tuple[int, int, str | None]]:
    """Group blocks under the limit, breaking before a numbered unit, or between points when one runs long."""
    groups: list[tuple[int, int, list[str]]] = []
    paragraph: str | None = None
    for start, end in spans:
        number = _unit_number(text[start:end], paragraph, points)
        if number:
            paragraph = number
        if groups:
            size = end - groups[-1][0]
            if size <= (limit if number else 1.5 * limit):
                groups[-1] = (groups[-1][0], end, groups[-1][2] + ([paragraph] if number else []))
                continue
        groups.append((start, end, [paragraph] if paragraph else []))
    return [
        (start, end, (nums[0] if nums[0] == nums[-1] else f"{nums[0]}-{nums[-1]}") if nums else None)
        for start, end, nums in groups
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

    def _spans(self, text: str, provision: Provision, points: bool) -> list[tuple[int, int, str | None]]:
        body = text[provision.start : provision.end]
        start = provision.start + len(body) - len(body.lstrip())
        end = provision.start + len(body.rstrip())
        if end - start <= self.max_chars:
            return [(start, end, None)]
        if provision.kind in {"article", "annex"}:
            groups = _paragraph_groups(text, _blocks(text, start, end), self.max_chars, points)
            if all(e - s <= 2 * self.max_chars for s, e, _ in groups):
                return groups
        pieces = self.splitter.create_documents([text[start:end]])
        return [
            (start + p.metadata["start_index"], start + p.metadata["start_index"] + len(p.page_content), None)
            for p in pieces
        ]

    def chunks(self, document: Document) -> list[Chunk]:
        edition = document.edition
        result = []
        for provision in provisions(document):
            url = official_link(edition, provision)
            opening = min(provision.end, provision.start + _OPENING_CHARS)
            points = _AMENDING.search(document.text, provision.start, opening) is not None
            for start, end, paragraphs in self._spans(document.text, provision, points):
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
                        label=label(edition.short, provision, paragraphs, "point" if points else "§"),
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
