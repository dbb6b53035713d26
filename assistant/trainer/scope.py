"""Which passages a theme covers, grouped by provision and ranked so that sheets and quizzes start with the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.api import Cadre
from assistant.records import Chunk
from assistant.retrieval.filters import Filters
from assistant.trainer.quotes import topic_terms
from assistant.trainer.themes import Theme

FREE_THEME_HITS = 8
RANKING_HITS = 60


class ThemeContext:
    """What building a sheet or a quiz on one theme reads: the index, the law in force, the theme's words."""

    def __init__(self, cadre: Cadre, theme: Theme, today: date) -> None:
        self.cadre = cadre
        self.theme = theme
        self.today = today
        self.chunks = cadre.index.chunks
        self.law = cadre.index.law_in_force
        self.terms = topic_terms(theme.query)


@dataclass(frozen=True)
class Provision:
    """The chunks of one provision in one edition, in text order."""

    chunks: tuple[Chunk, ...]

    @property
    def first(self) -> Chunk:
        return self.chunks[0]

    @property
    def key(self) -> tuple[str, str]:
        return (self.first.edition_key, self.first.ref or self.first.id)


def _group(chunks: list[Chunk]) -> list[Provision]:
    groups: dict[tuple[str, str], list[Chunk]] = {}
    for chunk in chunks:
        groups.setdefault((chunk.edition_key, chunk.ref or chunk.id), []).append(chunk)
    return [Provision(tuple(sorted(group, key=lambda c: c.start))) for group in groups.values()]


def _edition_of(chunks: list[Chunk], doc_id: str) -> str | None:
    """The edition a French reader is given: French when there is one, else the latest in force."""
    editions = {c.edition_key: c for c in chunks if c.doc_id == doc_id}
    if not editions:
        return None
    return min(
        editions.values(), key=lambda c: (c.lang != "fr", -int((c.in_force_from or "0").replace("-", "")))
    ).edition_key


def _anchored(chunks: list[Chunk], theme: Theme) -> list[Provision]:
    found = []
    for anchor in theme.anchors:
        edition = _edition_of(chunks, anchor.doc_id)
        found.extend(c for c in chunks if c.edition_key == edition and c.ref == anchor.ref)
    order = {(a.doc_id, a.ref): i for i, a in enumerate(theme.anchors)}
    return sorted(_group(found), key=lambda p: order[(p.first.doc_id, p.first.ref)])


def _retrieved(cadre: Cadre, query: str) -> list[Provision]:
    hits = cadre.retrieve(query, k=FREE_THEME_HITS, filters=Filters(langs=("fr",)))
    chunks = cadre.index.chunks
    wanted = [(h.chunk.edition_key, h.chunk.ref) for h in hits if h.chunk.ref]
    found = [c for c in chunks if (c.edition_key, c.ref) in wanted] + [h.chunk for h in hits if not h.chunk.ref]
    rank = {key: i for i, key in enumerate(wanted)}
    return sorted(_group(found), key=lambda p: rank.get((p.first.edition_key, p.first.ref), len(rank)))


def _ranked_heading(cadre: Cadre, theme: Theme) -> list[Provision]:
    """Every article under the heading, those retrieval ranks highest for the theme's title first."""
    chunks = [
        c
        for c in cadre.index.chunks
        if c.edition_key == theme.edition_key
        and c.kind == "article"
        and c.heading_path[: len(theme.heading)] == theme.heading
    ]
    provisions = _group(chunks)
    doc_id = chunks[0].doc_id if chunks else ""
    hits = cadre.retrieve(theme.query, k=RANKING_HITS, filters=Filters(doc_ids=(doc_id,), langs=("fr",)))
    rank = {(h.chunk.edition_key, h.chunk.ref): i for i, h in enumerate(hits)}
    return sorted(provisions, key=lambda p: (rank.get((p.first.edition_key, p.first.ref), len(rank)), p.first.start))


def provisions(cadre: Cadre, theme: Theme) -> list[Provision]:
    """The theme's provisions, most central first."""
    if theme.kind == "heading":
        return _ranked_heading(cadre, theme)
    if theme.anchors:
        return _anchored(cadre.index.chunks, theme)
    return _retrieved(cadre, theme.query)
