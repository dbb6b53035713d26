"""Vectors already computed, keyed by model and passage text, so an unchanged passage is never embedded twice.

The cache lives outside the index folder: a rebuilt index generation reuses it, and a
killed ingest loses at most the batch it was computing (SQLite commits each batch).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np


def cache_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\n{text}".encode()).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.dim = dim
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ", ".join("?" for _ in batch)
            for key, blob in self.db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", batch):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                ((key, np.asarray(v, dtype=np.float32).tobytes()) for key, v in items.items()),
            )

    def close(self) -> None:
        self.db.close()
