"""The one entry point of `sources`: a file or an edition in, a `Document` out, or a one-line reason.

Limits (size, time) are enforced here, before any parser sees the bytes, so that one bad
file costs the ingest a line in its report and nothing else.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

from assistant.config import Settings
from assistant.records import Document, Edition, Marker
from assistant.sources import (
    docx,
    eurlex_html,
    formex,
    html,
    legi_json,
    markdown,
    pdf,
    provisions_json,
    regulation_json,
)
from assistant.sources.base import LoadError

SUPPORTED = (".pdf", ".html", ".htm", ".xhtml", ".xml", ".json", ".md", ".markdown", ".txt", ".docx")
_JSON_LOADERS = (legi_json, provisions_json, regulation_json)


def _json_loader(path: Path):
    try:
        data = json.loads(path.read_bytes())
    except ValueError as exc:
        raise LoadError("not valid JSON") from exc
    for module in _JSON_LOADERS:
        if isinstance(data, dict) and module.accepts(data):
            return module
    raise LoadError("JSON of a shape Cadre does not know (expected LEGI or provisions JSON)")


def _is_eurlex(path: Path) -> bool:
    """EUR-Lex pages of an act carry ELI markup; any other HTML goes to the generic loader."""
    return b"eli-main-title" in path.read_bytes()[:400_000]


def load_file(path: Path, edition: Edition, settings: Settings) -> Document:
    """Parse one file with the loader its extension (checked against its content) calls for."""
    if not path.is_file():
        raise LoadError("file not found")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("empty file (0 bytes)")
    if size > settings.max_file_mb * 2**20:
        raise LoadError(
            f"file too large: {size / 2**20:.1f} MB, the limit is {settings.max_file_mb:g} MB (max_file_mb)"
        )
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"unsupported file type {suffix or '(no extension)'}; Cadre reads {', '.join(SUPPORTED)}")
    if suffix == ".pdf":
        return pdf.load(path, edition, deadline=time.monotonic() + settings.file_timeout_s)
    if suffix in {".html", ".htm", ".xhtml"}:
        return (eurlex_html if _is_eurlex(path) else html).load(path, edition)
    if suffix == ".xml":
        return formex.load(path, edition)
    if suffix == ".json":
        return _json_loader(path).load(path, edition)
    if suffix == ".docx":
        return docx.load(path, edition)
    return markdown.load(path, edition)


def _shift(document: Document, by: int) -> tuple[tuple[tuple[int, int], ...], tuple[Marker, ...]]:
    pages = tuple((start + by, number) for start, number in document.pages)
    markers = tuple(replace(m, offset=m.offset + by) for m in document.markers)
    return pages, markers


def load_edition(edition: Edition, settings: Settings) -> Document:
    """An edition read from its files in order, joined into one document (the Etalab guide is four pages)."""
    documents = [load_file(path, edition, settings) for path in edition.files]
    if len(documents) == 1:
        return documents[0]
    text, pages, markers = "", [], []
    for document in documents:
        offset = len(text) + 2 if text else 0
        text = f"{text}\n\n{document.text}" if text else document.text
        more_pages, more_markers = _shift(document, offset)
        pages.extend(more_pages)
        markers.extend(more_markers)
    return Document(edition, text, tuple(pages), tuple(markers))
