"""The manifest: what an index generation was built from and with, checked before anything is read.

`index/manifest.json` is replaced atomically and names the generation folder it describes,
so a reader always sees a complete generation, and an interrupted build leaves the previous one live.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

SCHEMA_VERSION = 7
MANIFEST = "manifest.json"


class IndexUnavailable(Exception):
    """The index is missing or does not fit this version of Cadre; the message says what to run."""


class NothingToIndex(IndexUnavailable):
    """No source could be read: the corpus folder is missing or holds none of the catalogue's files. Raised before
    anything is written, so an index already built stays as it was."""

    def __init__(self, corpus_dir: Path) -> None:
        super().__init__(
            f"nothing to index: none of the default sources was found in {corpus_dir} and no other file was given; "
            "set corpus_dir (CADRE_CORPUS_DIR) to the folder that holds them"
        )
        self.corpus_dir = corpus_dir


@dataclass(frozen=True)
class SourceFile:
    path: str
    edition_key: str
    sha256: str
    size: int
    user: bool = False

    @property
    def doc_id(self) -> str:
        """The document the file is an edition of: an edition key reads « doc_id|lang|version »."""
        return self.edition_key.split("|", 1)[0]


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class Manifest:
    generation: str
    model: str
    dim: int
    faiss_index: str
    corpus_fingerprint: str
    built_at: str
    chunks: int
    sources: list[SourceFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    @property
    def user_paths(self) -> list[str]:
        return [s.path for s in self.sources if s.user]


def write_manifest(index_dir: Path, manifest: Manifest) -> None:
    tmp = index_dir / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8")
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / MANIFEST)


def read_manifest(index_dir: Path) -> Manifest | None:
    path = index_dir / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["sources"] = [SourceFile(**s) for s in data.get("sources", [])]
        data["skipped"] = [Skipped(**s) for s in data.get("skipped", [])]
        return Manifest(**data)
    except (ValueError, TypeError) as exc:
        raise IndexUnavailable(f"{path} is unreadable ({exc}); run `cadre ingest` to rebuild the index") from exc


def check_manifest(manifest: Manifest | None, index_dir: Path, model_id: str) -> Manifest:
    """The manifest if this version of Cadre can read its generation, else an error naming the fix."""
    if manifest is None:
        raise IndexUnavailable(f"no index in {index_dir}: run `cadre ingest` first")
    if manifest.schema != SCHEMA_VERSION:
        raise IndexUnavailable(
            f"the index in {index_dir} has schema {manifest.schema}, this Cadre reads schema {SCHEMA_VERSION}: "
            "run `cadre ingest` to rebuild it"
        )
    if manifest.model != model_id:
        raise IndexUnavailable(
            f"the index in {index_dir} was built with the model {manifest.model!r}, this Cadre embeds with "
            f"{model_id!r}: run `cadre ingest` to rebuild it"
        )
    if not (index_dir / manifest.generation).is_dir():
        raise IndexUnavailable(
            f"the index in {index_dir} names a missing folder {manifest.generation}: run `cadre ingest`"
        )
    return manifest
