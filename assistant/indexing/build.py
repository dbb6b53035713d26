"""Ingest: sources → documents → chunks → vectors → a new index generation, published atomically.

The build writes into a fresh generation folder and only then replaces the manifest that
points to it; a crash or SIGKILL at any point leaves the previous generation in service.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from tqdm import tqdm

from assistant.config import Settings
from assistant.indexing.analysis import guess_language
from assistant.indexing.dense import build_dense, save_dense
from assistant.indexing.embedder import Embedder
from assistant.indexing.embedding_cache import EmbeddingCache, cache_key
from assistant.indexing.lexical import build_lexical, save_lexical
from assistant.indexing.manifest import (
    SCHEMA_VERSION,
    Manifest,
    NothingToIndex,
    Skipped,
    SourceFile,
    read_manifest,
    write_manifest,
)
from assistant.indexing.recital_links import LINKS_FILE, link_recitals, save_links
from assistant.indexing.sentence_vectors import save_sentence_vectors, sentence_texts
from assistant.indexing.store import write_chunks
from assistant.records import Chunk, Document, Edition
from assistant.sources.base import LoadError
from assistant.sources.catalogue import load_catalogue
from assistant.sources.loading import SUPPORTED, load_edition
from assistant.structure.chunking import Chunker

log = logging.getLogger(__name__)
GENERATION_PREFIX = "gen-"
Progress = Callable[[str, int, int], None]
# Sentence vectors and, for each passage row, where its sentences start (`indexing/sentence_vectors.py`).
Sentences = tuple[np.ndarray, np.ndarray]


class IngestBusy(Exception):
    """Another ingest holds the index folder."""


@dataclass
class IngestReport:
    """What an ingest did, for the closing table of the CLI and the upload panel of the chat."""

    documents: int = 0
    pages: int = 0
    chunks: int = 0
    # Vectors, one per passage and one per sentence (`indexing/sentence_vectors.py`).
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    up_to_date: bool = False
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    per_edition: list[tuple[str, int, int]] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "document"


def user_edition(path: Path, settings: Settings) -> Edition:
    """A document a user adds: its own doc_id, the configured authority, its file as its address."""
    day = datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
    return Edition(
        doc_id=f"perso-{_slug(path.stem)}",
        title=path.name,
        short=path.stem,
        authority=settings.user_authority,
        lang="fr",
        version=f"fichier du {day}",
        official_url=path.resolve().as_uri(),
        files=(path.resolve(),),
        format="user file",
    )


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """Files under the given paths (folders walked in name order); what cannot be read is said, not raised."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUPPORTED)
        elif path.is_file():
            files.append(path)
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    return files, skipped


def _fingerprint(sources: list[SourceFile], settings: Settings, model_id: str) -> str:
    digest = hashlib.sha256(
        f"{SCHEMA_VERSION}|{model_id}|{settings.faiss_index}|{settings.chunk_max_chars}|{settings.chunk_overlap_chars}".encode()
    )
    for source in sorted(sources, key=lambda s: (s.path, s.edition_key)):
        digest.update(f"\n{source.path}|{source.edition_key}|{source.sha256}".encode())
    return digest.hexdigest()


class IndexBuilder:
    def __init__(self, settings: Settings, embedder: Embedder, progress: Progress | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.progress = progress
        self.index_dir = settings.index_dir

    def _inputs(
        self, new_paths: list[Path], previous: Manifest | None, report: IngestReport
    ) -> list[tuple[Edition, bool]]:
        editions = [
            (e, False) for e in load_catalogue(self.settings.sources_file, self.settings.corpus_dir) if e.default
        ]
        known = [Path(p) for p in previous.user_paths] if previous else []
        gone = [p for p in known if not p.is_file()]
        report.warnings.extend(f"{p}: no longer exists, removed from the index" for p in gone)
        files, skipped = expand_paths([p for p in known if p.is_file()] + [p.resolve() for p in new_paths])
        report.skipped.extend(skipped)
        seen: set[Path] = set()
        for path in files:
            if path not in seen:
                seen.add(path)
                editions.append((user_edition(path, self.settings), True))
        return editions

    def _load(self, inputs: list[tuple[Edition, bool]], report: IngestReport) -> list[tuple[Document, bool]]:
        documents = []
        bar = tqdm(inputs, desc="files", unit="file", disable=None)
        for done, (edition, user) in enumerate(bar):
            name = ", ".join(p.name for p in edition.files)
            bar.set_postfix_str(name[:40])
            if self.progress:
                self.progress(f"Lecture de {name}", done, len(inputs))
            try:
                document = load_edition(edition, self.settings)
            except LoadError as exc:
                report.skipped.append(Skipped(str(edition.files[0]), str(exc)))
                log.warning("skipped %s: %s", name, exc)
                continue
            except Exception as exc:  # a parser bug on one file must not lose the whole ingest
                log.exception("failed on %s", name)
                report.skipped.append(Skipped(str(edition.files[0]), f"unexpected error: {type(exc).__name__}: {exc}"))
                continue
            if user:
                document = replace(document, edition=replace(edition, lang=guess_language(document.text[:20000])))
            documents.append((document, user))
            report.pages += len(document.pages)
        return documents

    def _vectors(self, texts: list[str], report: IngestReport, unit: str, label: str) -> np.ndarray:
        """One vector per text, from the cache where it has it; a text repeated across editions is embedded once."""
        model_id = self.embedder.model_id
        keys = [cache_key(model_id, text) for text in texts]
        cache = EmbeddingCache(self.settings.cache_dir / "embeddings.sqlite", self.embedder.dim)
        try:
            known = cache.get_many(keys)
            missing = list({key: i for i, key in enumerate(keys) if key not in known}.values())
            report.reused += len(texts) - len(missing)
            report.embedded += len(missing)
            batch = self.settings.embed_batch_size * 16
            with tqdm(total=len(missing), desc="embedding", unit=unit, disable=None) as bar:
                for start in range(0, len(missing), batch):
                    rows = missing[start : start + batch]
                    vectors = self.embedder.embed_passages([texts[i] for i in rows])
                    fresh = {keys[i]: v for i, v in zip(rows, vectors, strict=True)}
                    cache.put_many(fresh)
                    known.update(fresh)
                    bar.update(len(rows))
                    if self.progress:
                        self.progress(f"Calcul des vecteurs des {label}", start + len(rows), len(missing))
        finally:
            cache.close()
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.vstack([known[key] for key in keys]).astype(np.float32)

    def _publish(
        self, chunks: list[Chunk], vectors: np.ndarray, sentence_vectors: Sentences, manifest: Manifest
    ) -> None:
        folder = self.index_dir / manifest.generation
        folder.mkdir(parents=True)
        write_chunks(folder / "chunks.sqlite", chunks)
        save_dense(build_dense(vectors, self.settings.faiss_index), folder / "dense.faiss")
        save_sentence_vectors(folder, *sentence_vectors)
        save_links(link_recitals(chunks, vectors), folder / LINKS_FILE)
        lexical = folder / "lexical"
        lexical.mkdir()
        save_lexical(build_lexical([c.embed_text for c in chunks], [c.lang for c in chunks]), lexical)
        write_manifest(self.index_dir, manifest)
        self._remove_old_generations(keep=manifest.generation)

    def _remove_old_generations(self, keep: str) -> None:
        for folder in self.index_dir.glob(f"{GENERATION_PREFIX}*"):
            if folder.name != keep:
                shutil.rmtree(folder, ignore_errors=True)

    def ingest(self, new_paths: list[Path] | None = None, force: bool = False) -> IngestReport:
        """Bring the index up to date with the catalogue, the user files already in it, and `new_paths`.

        One ingest at a time per index folder: a second one fails at once rather than racing the first.
        """
        self.index_dir.mkdir(parents=True, exist_ok=True)
        with (self.index_dir / ".lock").open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise IngestBusy(
                    f"another ingest is already running on {self.index_dir}; try again when it ends"
                ) from exc
            return self._ingest(new_paths or [], force)

    def _ingest(self, new_paths: list[Path], force: bool) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        previous = read_manifest(self.index_dir)
        inputs = self._inputs(new_paths, previous, report)
        sources = [
            SourceFile(str(path), edition.key, _sha256(path), path.stat().st_size, user)
            for edition, user in inputs
            for path in edition.files
            if path.is_file()
        ]
        fingerprint = _fingerprint(sources, self.settings, self.embedder.model_id)
        if previous and previous.corpus_fingerprint == fingerprint and not force:
            report.up_to_date = True
            report.chunks = previous.chunks
            report.documents = len({s.edition_key for s in previous.sources})
            report.skipped = previous.skipped
            report.seconds = time.perf_counter() - started
            return report
        documents = self._load(inputs, report)
        chunker = Chunker(self.settings.chunk_max_chars, self.settings.chunk_overlap_chars)
        chunks: list[Chunk] = []
        for document, _ in tqdm(documents, desc="chunks", unit="doc", disable=None):
            made = chunker.chunks(document)
            report.per_edition.append((document.edition.key, len(document.pages), len(made)))
            chunks.extend(made)
        if not chunks:
            raise NothingToIndex(self.settings.corpus_dir)
        vectors = self._vectors([c.embed_text for c in chunks], report, "passage", "passages")
        texts, offsets = sentence_texts(chunks)
        sentence_vectors = (self._vectors(texts, report, "sentence", "phrases"), offsets)
        loaded = {str(path) for document, _ in documents for path in document.edition.files}
        manifest = Manifest(
            generation=f"{GENERATION_PREFIX}{datetime.now(UTC):%Y%m%dT%H%M%S%f}",
            model=self.embedder.model_id,
            dim=self.embedder.dim,
            faiss_index=self.settings.faiss_index,
            corpus_fingerprint=fingerprint,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            chunks=len(chunks),
            sources=[s for s in sources if s.path in loaded],
            skipped=report.skipped,
        )
        self._publish(chunks, vectors, sentence_vectors, manifest)
        report.documents = len(documents)
        report.chunks = len(chunks)
        report.seconds = time.perf_counter() - started
        return report
