"""The chunk store: one SQLite table whose row numbers are the FAISS and BM25 row ids."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import astuple, fields
from pathlib import Path

from assistant.records import Chunk

_COLUMNS = [f.name for f in fields(Chunk)]
_JSON_COLUMNS = {"heading_path", "pages"}


def _encode(chunk: Chunk) -> tuple:
    return tuple(
        json.dumps(value, ensure_ascii=False) if name in _JSON_COLUMNS else value
        for name, value in zip(_COLUMNS, astuple(chunk), strict=True)
    )


def _decode(row: tuple) -> Chunk:
    values = {
        name: tuple(json.loads(value)) if name in _JSON_COLUMNS else value
        for name, value in zip(_COLUMNS, row, strict=True)
    }
    return Chunk(**values)


def write_chunks(path: Path, chunks: list[Chunk]) -> None:
    """Write all chunks in row order; the file is new, inside a generation folder not yet published."""
    with sqlite3.connect(path) as db:
        columns = ", ".join(f'"{c}"' for c in _COLUMNS)
        db.execute(f"CREATE TABLE chunks (row INTEGER PRIMARY KEY, {columns})")
        marks = ", ".join("?" for _ in range(len(_COLUMNS) + 1))
        db.executemany(f"INSERT INTO chunks VALUES ({marks})", ((i, *_encode(c)) for i, c in enumerate(chunks)))
        db.execute("CREATE INDEX chunks_ref ON chunks (doc_id, ref)")
    db.close()


def read_chunks(path: Path) -> list[Chunk]:
    """All chunks in row order: the corpus is small enough to keep in memory, and lookups then cost nothing."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = ", ".join(f'"{c}"' for c in _COLUMNS)
        return [_decode(row) for row in db.execute(f"SELECT {columns} FROM chunks ORDER BY row")]
    finally:
        db.close()
