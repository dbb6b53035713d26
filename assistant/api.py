"""The few calls every shell (CLI, chat, trainer, evaluation) makes: ingest, retrieve.

`Cadre` holds the model and the open index so that a long-lived process (the chat) pays
their loading once; the module-level functions use one default instance.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from assistant.config import Settings, load_settings
from assistant.indexing.analysis import guess_language
from assistant.indexing.build import IndexBuilder, IngestReport, Progress
from assistant.indexing.embedder import Embedder
from assistant.indexing.index import CorpusIndex, open_index
from assistant.indexing.manifest import read_manifest
from assistant.records import Hit
from assistant.retrieval.filters import Filters
from assistant.retrieval.hybrid import HybridRetriever, HybridSettings

log = logging.getLogger(__name__)


class Cadre:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self._embedder: Embedder | None = None
        self._index: CorpusIndex | None = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = Embedder(self.settings.cache_dir, batch_size=self.settings.embed_batch_size)
        return self._embedder

    @property
    def index(self) -> CorpusIndex:
        if self._index is None:
            self._index = open_index(self.settings.index_dir, self.embedder.model_id)
        return self._index

    def ingest(
        self, paths: list[Path] | None = None, force: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        report = IndexBuilder(self.settings, self.embedder, progress).ingest(paths, force=force)
        self._index = None
        return report

    def ensure_index(self, progress: Progress | None = None) -> IngestReport | None:
        """Build the index on first use (the chat's first start); None when one is already there."""
        if read_manifest(self.settings.index_dir) is not None:
            return None
        log.info("no index in %s yet: building it from the default corpus", self.settings.index_dir)
        return self.ingest(progress=progress)

    def retrieve(self, question: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        retriever = HybridRetriever(self.index, self.embedder, HybridSettings(mode=mode))
        return retriever.search(question, guess_language(question), k=k, filters=filters)


@cache
def default_cadre() -> Cadre:
    return Cadre()


def retrieve(question: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
    return default_cadre().retrieve(question, k=k, filters=filters)


def ingest(paths: list[Path] | None = None, force: bool = False) -> IngestReport:
    return default_cadre().ingest(paths, force=force)
