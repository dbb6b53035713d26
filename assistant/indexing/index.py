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

from assistant.indexing.amendments import LawInForce
from assistant.indexing.dense import load_dense
from assistant.indexing.lexical import load_lexical
from assistant.indexing.manifest import IndexUnavailable, Manifest, check_manifest, read_manifest
from assistant.indexing.recital_links import LINKS_FILE, load_links
from assistant.indexing.regimes import Regime, special_regimes
from assistant.indexing.sentence_vectors import load_sentence_vectors
from assistant.indexing.store import read_chunks
from assistant.records import Chunk
from assistant.structure.sentences import Sentence, sentences

_APPLICATION_TITLE = re.compile(r"(entrée en vigueur|entry into force)\b", re.I)


@dataclass
class CorpusIndex:
    folder: Path
    manifest: Manifest
    chunks: list[Chunk]
    dense: faiss.Index
    lexical: bm25s.BM25
    recital_links: np.ndarray
    sentence_vectors: np.ndarray
    sentence_offsets: np.ndarray

    @cached_property
    def by_ref(self) -> dict[tuple[str, str], list[Chunk]]:
        """Every chunk of each (document, ref key), all editions, in index order: lookups by reference."""
        found: dict[tuple[str, str], list[Chunk]] = defaultdict(list)
        for chunk in self.chunks:
            if chunk.ref:
                found[(chunk.doc_id, chunk.ref)].append(chunk)
        return dict(found)

    @cached_property
    def application_articles(self) -> dict[str, str]:
        """Each document's article on when it enters into force and applies, found by its title (« Entrée en vigueur
        et application », AI Act Article 113): the answer to « since when does this text apply? »."""
        found: dict[str, str] = {}
        for chunk in self.chunks:
            if chunk.ref and chunk.kind == "article" and _APPLICATION_TITLE.match(chunk.title or ""):
                found.setdefault(chunk.doc_id, chunk.ref)
        return found

    @cached_property
    def law_in_force(self) -> LawInForce:
        """Which passages of the 2024 AI Act the 2026 amendment changed: answers and sheets both ask."""
        return LawInForce(self.chunks)

    @cached_property
    def special_regimes(self) -> dict[tuple[str, str], Regime]:
        """The articles of a law's special parts (police and justice, State security, the Union's own institutions),
        which ranking sets back for questions that are not about them."""
        return special_regimes(self.chunks, self.frequency)

    def frequency(self, term: str) -> int:
        """How many passages hold the analysed `term`."""
        return int(np.count_nonzero(self.lexical.get_scores([term]))) if term in self.lexical.vocab_dict else 0

    @cached_property
    def _words(self) -> str:
        """Every passage's words, casefolded, one space apart: a phrase lookup is then a plain substring search."""
        words = (w for c in self.chunks for w in re.findall(r"\w+", f"{c.title} {c.text}".casefold()))
        return " " + " ".join(words) + " "

    def mentions(self, name: str) -> bool:
        """Whether any passage holds `name` as whole words, case aside."""
        words = re.findall(r"\w+", name.casefold())
        return bool(words) and f" {' '.join(words)} " in self._words

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {chunk.id: row for row, chunk in enumerate(self.chunks)}

    def sentence_cosines(self, row: int, query: np.ndarray) -> np.ndarray:
        """Cosine of each sentence of passage `row` with `query`, in the order of `sentences(chunk)`."""
        return self.sentence_vectors[self.sentence_offsets[row] : self.sentence_offsets[row + 1]] @ query

    def sentence_closeness(self, sentence: Sentence, query: np.ndarray) -> float:
        """Cosine of the sentence's stored vector and `query`."""
        position = next(i for i, s in enumerate(sentences(sentence.chunk)) if s.start == sentence.start)
        return float(self.sentence_cosines(self._rows[sentence.chunk.id], query)[position])

    def best_sentence(self, row: int, query: np.ndarray) -> float:
        """Cosine of the passage's sentence closest to `query`; -1 (the floor) when it has no sentence."""
        cosines = self.sentence_cosines(row, query)
        return float(np.max(cosines)) if len(cosines) else -1.0

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
    sentence_vectors, offsets = load_sentence_vectors(folder)
    if (
        dense.ntotal != len(chunks)
        or dense.d != manifest.dim
        or len(links) != len(chunks)
        or len(offsets) != len(chunks) + 1
        or offsets[-1] != len(sentence_vectors)
    ):
        raise IndexUnavailable(
            f"the index in {index_dir} is inconsistent (vectors, links or sentence vectors ≠ chunks): "
            "run `cadre ingest --force`"
        )
    return CorpusIndex(
        folder, manifest, chunks, dense, load_lexical(folder / "lexical"), links, sentence_vectors, offsets
    )
