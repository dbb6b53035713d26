"""A published index generation opened for reading: manifest checked, chunks, FAISS and BM25 in memory."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import bm25s
import faiss
import numpy as np

from assistant.indexing.dense import load_dense
from assistant.indexing.lexical import load_lexical
from assistant.indexing.manifest import IndexUnavailable, Manifest, check_manifest, read_manifest
from assistant.indexing.recital_links import LINKS_FILE, load_links
from assistant.indexing.store import read_chunks
from assistant.records import Chunk


@dataclass
class CorpusIndex:
    folder: Path
    manifest: Manifest
    chunks: list[Chunk]
    dense: faiss.Index
    lexical: bm25s.BM25
    recital_links: np.ndarray

    @cached_property
    def by_ref(self) -> dict[tuple[str, str], list[Chunk]]:
        """Every chunk of each (document, ref key), all editions, in index order: lookups by reference."""
        found: dict[tuple[str, str], list[Chunk]] = defaultdict(list)
        for chunk in self.chunks:
            if chunk.ref:
                found[(chunk.doc_id, chunk.ref)].append(chunk)
        return dict(found)

    @cached_property
    def _words(self) -> str:
        """Every passage's words, casefolded, one space apart: a phrase lookup is then a plain substring search."""
        words = (w for c in self.chunks for w in re.findall(r"\w+", f"{c.title} {c.text}".casefold()))
        return " " + " ".join(words) + " "

    def mentions(self, name: str) -> bool:
        """Whether any passage holds `name` as whole words, case aside."""
        words = re.findall(r"\w+", name.casefold())
        return bool(words) and f" {' '.join(words)} " in self._words

    def provision_chunks(self, chunk: Chunk) -> list[Chunk]:
        """Every chunk of `chunk`'s provision in the same edition, in text order (the chunk alone if it has no ref)."""
        if chunk.ref is None:
            return [chunk]
        same = self.by_ref.get((chunk.doc_id, chunk.ref), [chunk])
        return sorted((c for c in same if c.edition_key == chunk.edition_key), key=lambda c: c.start)


def open_index(index_dir: Path, model_id: str) -> CorpusIndex:
    """Open the live generation; a mismatch with this Cadre or its model is an error that says what to run."""
    manifest = check_manifest(read_manifest(index_dir), index_dir, model_id)
    folder = index_dir / manifest.generation
    chunks = read_chunks(folder / "chunks.sqlite")
    dense = load_dense(folder / "dense.faiss")
    links = load_links(folder / LINKS_FILE)
    if dense.ntotal != len(chunks) or dense.d != manifest.dim or len(links) != len(chunks):
        raise IndexUnavailable(
            f"the index in {index_dir} is inconsistent (vectors or links ≠ chunks): run `cadre ingest --force`"
        )
    return CorpusIndex(folder, manifest, chunks, dense, load_lexical(folder / "lexical"), links)
