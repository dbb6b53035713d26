"""Any HTML page a user drops in (a report, a guide saved from the web): headings become part markers.

EUR-Lex pages have their own loader; this one only knows generic HTML.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

from assistant.records import Document, Edition
from assistant.sources.base import LoadError, TextBuilder

_SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template", "form", "svg"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {"p", "li", "tr", "dd", "dt", "blockquote", "pre", "caption", "figcaption"}


def load(path: Path, edition: Edition) -> Document:
    try:
        root = html.fromstring(path.read_bytes())
    except (etree.ParserError, ValueError) as exc:
        raise LoadError(f"not readable HTML ({exc})") from exc
    builder = TextBuilder()
    for element in root.iter():
        if not isinstance(element.tag, str) or any(a.tag in _SKIP for a in (element, *element.iterancestors())):
            continue
        if element.tag in _HEADINGS:
            title = " ".join(element.text_content().split())
            builder.mark("part", "", title, level=_HEADINGS[element.tag])
            builder.add(title)
        elif element.tag in _BLOCKS and not any(a.tag in _BLOCKS for a in element.iterancestors()):
            builder.add(" ".join(element.text_content().split()))
    document = builder.build(edition)
    if not document.text:
        raise LoadError("no text in this HTML page")
    return document
