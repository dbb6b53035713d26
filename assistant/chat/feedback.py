"""Answer ratings kept in SQLite, redacted before they are written, exported as CSV for the team that reviews them."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from assistant.chat.redaction import redact

RATINGS = {"utile": "Utile", "source_erronee": "Source erronée", "reponse_erronee": "Réponse erronée"}
COLUMNS = ("id", "created_at", "rating", "comment", "question", "answer", "citations", "engine")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating TEXT NOT NULL,
    comment TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    engine TEXT NOT NULL
)
"""


class FeedbackStore:
    """One short connection per call: the chat writes from many worker threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection that commits on success and is always closed."""
        with closing(sqlite3.connect(self.path, timeout=10)) as connection, connection:
            yield connection

    def add(self, rating: str, comment: str, turn: dict) -> int:
        """Store a rating of one turn (question + answer record); returns the row id."""
        if rating not in RATINGS:
            raise ValueError(f"unknown rating {rating!r}; expected one of {', '.join(RATINGS)}")
        citations = [{**c, "quote": redact(c["quote"])} for c in turn["citations"]]
        for citation in citations:
            citation.pop("text", None)
        row = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            rating,
            redact(comment.strip()),
            redact(turn["question"]),
            redact(turn["answer"]),
            json.dumps(citations, ensure_ascii=False),
            turn.get("engine", ""),
        )
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, answer, citations, engine)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return cursor.lastrowid or 0

    def rows(self) -> Iterator[tuple]:
        with self._connect() as db:
            yield from db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")

    def export_csv(self, out: TextIO) -> int:
        """Write every row as CSV (header first); returns the number of rows."""
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        count = 0
        for row in self.rows():
            writer.writerow(row)
            count += 1
        return count
