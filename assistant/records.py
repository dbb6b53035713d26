"""The records that cross module boundaries, in the order the data flows.

Each step reads only the records of the step before it: loaders make `Document`s,
`structure` turns them into `Provision`s and `Chunk`s, indexing stores chunks,
retrieval returns `Hit`s and answering returns an `Answer` with `Citation`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

AUTHORITIES = ("binding-eu", "binding-fr", "guidance", "report", "advocacy")


@dataclass(frozen=True)
class Edition:
    """One rendition of a document (language, version, format) as the catalogue lists it."""

    doc_id: str
    title: str
    short: str
    authority: str
    lang: str
    version: str
    official_url: str
    files: tuple[Path, ...]
    format: str = ""
    in_force_from: str | None = None
    celex: str | None = None
    licence: str = ""
    default: bool = True

    @property
    def key(self) -> str:
        """Stable identifier of the edition inside an index (doc, language and version)."""
        return f"{self.doc_id}|{self.lang}|{self.version}"


@dataclass(frozen=True)
class Marker:
    """A structural boundary that a loader knows from its format.

    Structured formats (EUR-Lex anchors, Formex tags, LEGI JSON) give these directly;
    for PDF and plain text, `structure.recognize` finds them in the text instead.
    `kind` is one of: part (titre, chapitre, section, livre, or a heading of an
    unstructured document), article, annex, recital, end (closing formula,
    signatures: text that belongs to no provision).
    """

    kind: str
    number: str
    title: str
    offset: int
    level: int = 0
    anchor: str | None = None


@dataclass(frozen=True)
class Document:
    """Normalised text of one edition, with where its pages start and what structure is known.

    `amendments` maps ref keys to the changes a consolidated text marks on them ("replaced",
    "inserted", "deleted"), for the law-in-force notices of answers.
    """

    edition: Edition
    text: str
    pages: tuple[tuple[int, int], ...] = ()
    markers: tuple[Marker, ...] = ()
    amendments: dict[str, str] = field(default_factory=dict)

    def page_at(self, offset: int) -> int | None:
        """Printed page number of the character at `offset`, if the source has pages."""
        page = None
        for start, number in self.pages:
            if start > offset:
                break
            page = number
        return page


@dataclass(frozen=True)
class Provision:
    """A citable unit of a legal text: an article, an annex, a recital, or a headed section."""

    kind: str
    ref: str | None
    number: str
    title: str
    heading_path: tuple[str, ...]
    start: int
    end: int
    anchor: str | None = None


@dataclass(frozen=True)
class Chunk:
    """The indexed passage: everything needed to cite it without going back to the source."""

    id: str
    doc_id: str
    edition_key: str
    lang: str
    version: str
    in_force_from: str | None
    authority: str
    kind: str
    ref: str | None
    label: str
    title: str
    heading_path: tuple[str, ...]
    paragraphs: str | None
    pages: tuple[int, ...]
    start: int
    end: int
    url: str
    text: str
    amended: str | None = None

    @property
    def provision_label(self) -> str:
        """The label without the paragraphs or points this chunk holds (« RIA, article 27 »): the provision as a
        whole."""
        return re.split(r", (?:§|points? \d|section [A-Z]\b)", self.label)[0]

    @property
    def embed_text(self) -> str:
        """The text given to the embedding model: heading path first, so context ranks too."""
        return " > ".join((*self.heading_path, self.title)) + "\n" + self.text


@dataclass(frozen=True)
class Hit:
    """A chunk returned by retrieval, with its fused score and the retrievers that found it.

    `set_aside` marks a provision that answers another asker: a law's special part (police and justice, the Union's
    own institutions) the question is not about, or another text's entry-into-force article when the question asks
    when a text it names applies. It is ranked lower, and given to no answering engine unless nothing ranks above it."""

    chunk: Chunk
    score: float
    retrievers: tuple[str, ...]
    alternates: tuple[Chunk, ...] = ()
    set_aside: bool = False


@dataclass(frozen=True)
class Citation:
    n: int
    chunk: Chunk
    quote: str


@dataclass
class Answer:
    text: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    engine: str = "extractive"
    latency_ms: float = 0.0
