"""The catalogue of default sources (`corpus/sources.toml`) turned into `Edition` records."""

from __future__ import annotations

import tomllib
from pathlib import Path

from assistant.records import AUTHORITIES, Edition


def load_catalogue(sources_file: Path, corpus_dir: Path) -> list[Edition]:
    """Every edition of the catalogue, its files resolved against the corpus folder."""
    with sources_file.open("rb") as handle:
        data = tomllib.load(handle)
    editions = []
    for doc in data["document"]:
        if doc["authority"] not in AUTHORITIES:
            raise ValueError(f"{sources_file}: {doc['doc_id']} has unknown authority {doc['authority']!r}")
        for ed in doc["edition"]:
            editions.append(
                Edition(
                    doc_id=doc["doc_id"],
                    title=doc["title"],
                    short=doc.get("short", doc["doc_id"]),
                    authority=doc["authority"],
                    lang=ed["lang"],
                    version=ed["version"],
                    official_url=doc["official_url"],
                    files=tuple(corpus_dir / f for f in ed["files"]),
                    format=ed.get("format", ""),
                    in_force_from=ed.get("in_force_from"),
                    celex=ed.get("celex", doc.get("celex")),
                    licence=doc.get("licence", ""),
                    default=ed.get("default", True),
                )
            )
    return editions


def find_edition(editions: list[Edition], doc_id: str, filename: str) -> Edition:
    """The edition of `doc_id` whose first file has this name (how tests and tools pick a rendition)."""
    for edition in editions:
        if edition.doc_id == doc_id and edition.files[0].name == filename:
            return edition
    raise KeyError(f"no edition of {doc_id} reads {filename}")
