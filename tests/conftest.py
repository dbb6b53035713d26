"""Shared fixtures: the real corpus from ../shared/corpus and its catalogue."""

from __future__ import annotations

import os

import pytest

from assistant.api import Cadre
from assistant.config import load_settings
from assistant.records import Edition
from assistant.sources.catalogue import find_edition, load_catalogue

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def editions(settings) -> list[Edition]:
    if not settings.corpus_dir.is_dir():
        pytest.fail(f"the reference corpus is missing: {settings.corpus_dir} (set CADRE_CORPUS_DIR)")
    return load_catalogue(settings.sources_file, settings.corpus_dir)


@pytest.fixture(scope="session")
def edition(editions):
    """edition(doc_id, filename) -> the catalogue's Edition for that rendition."""
    return lambda doc_id, filename: find_edition(editions, doc_id, filename)


@pytest.fixture(scope="session")
def cadre(settings) -> Cadre:
    """The real index of the default corpus, built once (incrementally if one is already there)."""
    instance = Cadre(settings)
    instance.ingest()
    return instance
