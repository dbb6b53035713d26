"""Per-edition counts of an index: what `cadre stats` prints and what the corpus tests check."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from assistant.records import Chunk


@dataclass
class EditionStats:
    doc_id: str
    lang: str
    version: str
    chunks: int = 0
    refs: dict[str, int] = field(default_factory=dict)


def edition_stats(chunks: list[Chunk]) -> list[EditionStats]:
    """Distinct ref keys by kind (art, annex, recital) and chunk count, per edition, in index order."""
    stats: dict[str, EditionStats] = {}
    refs: dict[str, set[str]] = defaultdict(set)
    for chunk in chunks:
        entry = stats.setdefault(chunk.edition_key, EditionStats(chunk.doc_id, chunk.lang, chunk.version))
        entry.chunks += 1
        if chunk.ref:
            refs[chunk.edition_key].add(chunk.ref)
    for key, entry in stats.items():
        kinds: dict[str, int] = defaultdict(int)
        for ref in refs[key]:
            kinds[ref.split(":", 1)[0]] += 1
        entry.refs = {kind: kinds.get(kind, 0) for kind in ("art", "annex", "recital")}
    return list(stats.values())
