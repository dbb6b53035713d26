"""Helpers the tests share: markers of a kind, the text a marker opens, a free loopback port."""

from __future__ import annotations

import socket

from assistant.records import Document, Marker


def markers_of(doc: Document, kind: str, level: int | None = None) -> list[Marker]:
    return [m for m in doc.markers if m.kind == kind and level in (None, m.level)]


def article_markers(doc: Document) -> dict[str, Marker]:
    return {m.number: m for m in markers_of(doc, "article")}


def marker_text(doc: Document, marker: Marker) -> str:
    """From a marker to the next one."""
    following = [m.offset for m in doc.markers if m.offset > marker.offset]
    return doc.text[marker.offset : min(following, default=len(doc.text))].strip()


def free_port() -> int:
    """A loopback port nothing listens on right now: for a server the test starts, or one it must not reach."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
