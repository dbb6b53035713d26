"""PDF through pypdf: text per page, then the shared layout clean-up."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PdfStreamError

from assistant.records import Document, Edition
from assistant.sources.base import LoadError
from assistant.sources.layout import paged_document

log = logging.getLogger(__name__)
MIN_CHARS_PER_PAGE = 20


def load(path: Path, edition: Edition, deadline: float | None = None) -> Document:
    """Parse page by page so that a file slower than its deadline is abandoned, not waited for."""
    head = path.read_bytes()[:1024]
    if not head.lstrip().startswith(b"%PDF"):
        kind = "HTML" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "something else"
        raise LoadError(f"not a PDF: the content is {kind} despite the .pdf name")
    try:
        reader = PdfReader(path)
        pages = []
        for page in reader.pages:
            if deadline is not None and time.monotonic() > deadline:
                raise LoadError(
                    f"parsing stopped after the time limit, at page {len(pages) + 1} of {len(reader.pages)}"
                )
            pages.append(page.extract_text() or "")
    except (PdfReadError, PdfStreamError, ValueError, KeyError) as exc:
        raise LoadError(f"truncated or damaged PDF ({exc})") from exc
    if sum(len(text.strip()) for text in pages) < MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise LoadError("no text layer (scanned images?): run OCR before ingesting")
    log.debug("%s: %d pages", path.name, len(pages))
    return paged_document([text.split("\n") for text in pages], list(range(1, len(pages) + 1)), edition)
