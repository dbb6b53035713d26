"""Which article each recital explains: the nearest article of the same edition, by the passages' vectors.

Recitals are written in plain prose, so everyday questions land on them rather than on the terse
articles an agent must cite. The texts seldom name the article a recital is about, so the link is
the closest article vector, computed once per build; retrieval uses it to bring the article up
with its recital (`retrieval/hybrid.py`).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from assistant.records import Chunk

NO_LINK = -1
LINKS_FILE = "recital_links.npy"


def link_recitals(chunks: list[Chunk], vectors: np.ndarray) -> np.ndarray:
    """For each row: the row of the article its recital explains, or NO_LINK (not a recital, or no article)."""
    links = np.full(len(chunks), NO_LINK, dtype=np.int64)
    articles: dict[str, list[int]] = defaultdict(list)
    recitals: dict[str, list[int]] = defaultdict(list)
    for row, chunk in enumerate(chunks):
        if chunk.kind == "article":
            articles[chunk.edition_key].append(row)
        elif chunk.kind == "recital":
            recitals[chunk.edition_key].append(row)
    for edition, rows in recitals.items():
        targets = articles.get(edition)
        if targets:
            nearest = np.argmax(vectors[rows] @ vectors[targets].T, axis=1)
            links[rows] = np.asarray(targets)[nearest]
    return links


def save_links(links: np.ndarray, path: Path) -> None:
    np.save(path, links, allow_pickle=False)


def load_links(path: Path) -> np.ndarray:
    return np.load(path, allow_pickle=False)
