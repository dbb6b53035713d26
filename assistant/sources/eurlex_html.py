"""EUR-Lex HTML and XHTML of the Official Journal, where the ELI ids give the structure.

Both the current EUR-Lex page and the older CONVEX XHTML wrap the act in `eli-container`
divs and mark each provision with an id: `rct_27`, `art_5`, `cpt_III.sct_2`, `anx_III`,
`fnp_1` (the closing formula and signatures). Everything outside those containers is page
chrome (menus, scripts, the OJ header) and is left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from assistant.records import Document, Edition
from assistant.sources.base import LoadError
from assistant.sources.encoding import decode_bytes
from assistant.sources.markup import TreeWalker, read_bytes, superscript

_SKIP = frozenset({"script", "style", "noscript", "template", "head", "hr", "img", "col", "colgroup", "button", "form"})
_BLOCKS = _SKIP | {
    "div", "p", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "caption",
}  # fmt: skip
_RECITAL = re.compile(r"rct_(\d+)")
_ARTICLE = re.compile(r"art_(\w+)")
_ANNEX = re.compile(r"anx_(\w+)")
_PART = re.compile(r"(?:(?:prt|tis|cpt|sct|sbs)_\w+\.)*(?:prt|tis|cpt|sct|sbs)_\w+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTAINERS = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' eli-container ')]"
    "[not(ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' eli-container ')])]"
)


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _child(element: etree._Element, css_class: str) -> etree._Element | None:
    return next((c for c in element if css_class in _classes(c)), None)


class _Walker(TreeWalker):
    blocks = _BLOCKS

    def __init__(self) -> None:
        super().__init__()
        self._after_recitals = False

    def visit(self, element: etree._Element) -> None:
        """Mark where a provision starts; the first element after the last recital is the enacting formula."""
        if element.tag in _SKIP:
            return
        ident = element.get("id") or ""
        recital = _RECITAL.fullmatch(ident)
        if self._after_recitals:
            self._after_recitals = False
            if not recital:
                self.out.mark("end", "")
        if recital:
            self.out.mark("recital", recital[1], anchor=ident)
        elif article := _ARTICLE.fullmatch(ident):
            self.out.mark("article", article[1], self.flatten(_child(element, "eli-title")), anchor=ident)
        elif annex := _ANNEX.fullmatch(ident):
            headings = [self.flatten(p) for p in element if "oj-doc-ti" in _classes(p)]
            self.out.mark("annex", annex[1], " ".join(headings[1:]), anchor=ident)
        elif _PART.fullmatch(ident):
            label = next((self.flatten(c) for c in element if c.tag == "p"), "")
            title = self.flatten(_child(element, "eli-title"))
            self.out.mark("part", label, title, level=ident.count(".") + 1, anchor=ident)
        elif ident.startswith("fnp_"):
            self.out.mark("end", "")
        if element.tag == "tr":
            self._row(element)
        else:
            self.walk(element)
        if recital:
            self._after_recitals = True

    def _row(self, row: etree._Element) -> None:
        """A layout row: the cells before the last are the point's label, the last one its text."""
        cells = [c for c in row if c.tag in ("td", "th")]
        if not cells:
            return
        *labels, content = cells
        self.out.label(" ".join(self.flatten(cell) for cell in labels))
        self.walk(content)

    def render_element(self, element: etree._Element, parts: list[str]) -> None:
        if element.tag in _SKIP:
            return
        if element.tag == "br":
            parts.append(" ")
        elif element.tag == "span" and _classes(element) >= {"oj-super"} and "oj-note-tag" not in _classes(element):
            superscript(parts, self.flatten(element))
        else:
            self.render(element, parts)


def load(path: Path, edition: Edition) -> Document:
    text, _ = decode_bytes(read_bytes(path), path.name)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise LoadError(f"not readable HTML ({exc})") from exc
    containers = root.xpath(_CONTAINERS)
    if not root.find_class("eli-main-title") or not containers:
        raise LoadError("not an EUR-Lex act page: no ELI-marked text (eli-main-title, eli-container)")
    walker = _Walker()
    for container in containers:
        walker.visit(container)
    document = walker.out.build(edition)
    if not document.markers:
        raise LoadError("EUR-Lex page without recitals, articles or annexes (no rct_, art_ or anx_ ids)")
    return document
