"""Markers → provisions: each article, annex or recital spans up to the next boundary, under its headings."""

from __future__ import annotations

from assistant.records import Document, Marker, Provision
from assistant.structure.recognize import structure_markers

CITABLE = {"article": "art", "annex": "annex", "recital": "recital"}
RECITALS_HEADING = {"fr": "Considérants", "en": "Recitals"}
ANNEXES_HEADING = {"fr": "Annexes", "en": "Annexes"}


def ref_key(kind: str, number: str) -> str | None:
    prefix = CITABLE.get(kind)
    return f"{prefix}:{number}" if prefix else None


def _part_heading(marker: Marker) -> str:
    return " — ".join(x for x in (marker.number, marker.title) if x)


def provisions(document: Document) -> list[Provision]:
    """The document's provisions in text order; a document with no structure at all is one untitled provision."""
    markers = sorted(structure_markers(document), key=lambda m: m.offset)
    text_end = len(document.text)
    if not markers:
        return [Provision("text", None, "", "", (), 0, text_end)] if document.text else []
    legal = any(m.kind in CITABLE for m in markers)
    lang = document.edition.lang
    result: list[Provision] = []
    parts: list[Marker] = []
    seen: set[str] = set()
    for index, marker in enumerate(markers):
        end = markers[index + 1].offset if index + 1 < len(markers) else text_end
        if marker.kind == "part":
            parts = [p for p in parts if p.level < marker.level] + [marker]
            if legal:
                continue
            path = tuple(p.title or p.number for p in parts[:-1])
            result.append(Provision("section", None, "", marker.title, path, marker.offset, end))
            continue
        if marker.kind not in CITABLE or end <= marker.offset:
            continue
        ref = ref_key(marker.kind, marker.number)
        if ref in seen:
            continue
        seen.add(ref)
        if marker.kind == "recital":
            path: tuple[str, ...] = (RECITALS_HEADING.get(lang, "Recitals"),)
        elif marker.kind == "annex":
            parts = []
            path = (ANNEXES_HEADING.get(lang, "Annexes"),)
        else:
            path = tuple(_part_heading(p) for p in parts)
        result.append(Provision(marker.kind, ref, marker.number, marker.title, path, marker.offset, end, marker.anchor))
    if not legal and markers[0].offset > 0 and document.text[: markers[0].offset].strip():
        result.insert(0, Provision("section", None, "", "", (), 0, markers[0].offset))
    return result
