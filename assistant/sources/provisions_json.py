""" "Provisions" JSON of a French law (Ansvar seed: provision_ref, section, title, content per article).

The source lost many alinéa breaks ("…publiques.Les droits", "suivantes :1° …"); they are
put back where a sentence or enumeration end is glued to what can only start a new alinéa,
so that the structure step sees one alinéa per block as in the official text.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.records import Document, Edition
from assistant.sources.base import TextBuilder
from assistant.sources.jsonfile import read_json, text_field

KIND = "provisions JSON"
_GLUED_BREAK = re.compile(
    r"([\w)\]»] ?[.;:])"
    r"(?=[A-ZÀ-ÖØ-Þ«][a-zà-ÿ'’ ]|\d{1,3}°|[a-z]\)\s|[IVX]{1,5}\.\s?-)"
)


def accepts(data: dict) -> bool:
    """A list of `provisions` records, each with a reference and a content."""
    provisions = data.get("provisions")
    return (
        isinstance(provisions, list)
        and bool(provisions)
        and all(isinstance(p, dict) and "provision_ref" in p and "content" in p for p in provisions)
    )


def restore_breaks(content: str) -> str:
    """Re-insert the alinéa breaks the source lost after ".", ";" or ":" glued to a new sentence or item."""
    return _GLUED_BREAK.sub("\\1\n\n", content)


def _number(provision: dict) -> str:
    """The article number as printed: `section` ("20-1"), else the reference without its "art" prefix."""
    section = provision.get("section")
    if isinstance(section, str) and section.strip():
        return section.strip()
    return re.sub(r"^art\.?\s*", "", text_field(provision, "provision_ref"))


def load(path: Path, edition: Edition) -> Document:
    data = read_json(path, accepts, KIND)
    builder = TextBuilder()
    for provision in data["provisions"]:
        number = _number(provision)
        builder.mark("article", number)
        title = provision.get("title")
        builder.add(title if isinstance(title, str) and title.strip() else f"Article {number}")
        for block in restore_breaks(text_field(provision, "content")).split("\n\n"):
            builder.add(block)
    return builder.build(edition)
