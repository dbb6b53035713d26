"""Formex 4 XML of the Publications Office: acts (ACT), consolidated acts (CONS.ACT) and annex files (ANNEX).

A consolidated act still carries the text its amendments deleted, between the processing
instructions `<?CLG.MDFO … ACTION="DELETED"?>` and the matching `<?CLG.MDFC?>`: that text
is no longer law and is dropped here, before anything reads it. The same instructions tell
which provisions were replaced or inserted, which `amended_provisions` reports.

Provisions quoted by an amending act (inside QUOT.S) are its own text, not its provisions,
so they get no markers. Footnotes leave "(n)" in the text and their bodies go after an `end`
marker at the end of the document. Pages come from the `<?PAGE NO="n"?>` instructions.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from lxml import etree

from assistant.records import Document, Edition
from assistant.sources.base import LoadError
from assistant.sources.markup import TreeWalker, read_bytes, superscript

_ROOTS = frozenset({"ACT", "CONS.ACT", "ANNEX"})
_SKIP = frozenset({"BIB.INSTANCE", "FAM.COMP", "INFO.CONSLEG", "INFO.PROD", "INCLUSIONS", "BIB.DATA"})
_LABELS = frozenset({"NO.P", "NO.PARAG", "NO.GR.SEQ"})
_BLOCKS = _SKIP | _LABELS | {
    "CONS.DOC", "CONS.ANNEX", "TITLE", "TI", "STI", "TI.ART", "STI.ART", "PREAMBLE", "PREAMBLE.INIT",
    "PREAMBLE.FINAL", "GR.VISA", "VISA", "GR.CONSID", "GR.CONSID.INIT", "CONSID", "ENACTING.TERMS", "DIVISION",
    "ARTICLE", "PARAG", "ALINEA", "SUBDIV", "P", "LIST", "ITEM", "NP", "TXT", "QUOT.S", "TBL", "CORPUS", "ROW",
    "GR.SEQ", "CONTENTS", "FINAL", "SIGNATURE", "SIGNATORY", "PL.DATE", "DLIST", "DLIST.ITEM", "TERM", "DEFINITION",
    "GR.NOTES", "GR.ANNEX", *_ROOTS,
}  # fmt: skip
_PROVISIONS = ("ARTICLE", "CONS.ANNEX", "ANNEX")
_ARTICLE_NUMBER = re.compile(r"article\s+(\w+)", re.IGNORECASE)
_ANNEX_NUMBER = re.compile(r"\b([IVXLC]+)\b")
_DIGITS = re.compile(r"\d+")
_CODE_POINT = re.compile(r"[0-9A-Fa-f]{1,5}")
_DIVISION = re.compile(r"(part|title|chapter|section|subsection)\s+(\w+)", re.IGNORECASE)
_DIVISION_IDS = {"part": "prt", "title": "tis", "chapter": "cpt", "section": "sct", "subsection": "sbs"}


def _is_instruction(node: etree._Element, target: str) -> bool:
    return isinstance(node, etree._ProcessingInstruction) and node.target == target


def _words(element: etree._Element | None) -> str:
    """Plain text, enough to read a number from ("Article 4a", "ANNEX XIV"); titles go through the walker."""
    return "" if element is None else " ".join(" ".join(element.itertext()).split())


def _article_number(article: etree._Element) -> str:
    found = _ARTICLE_NUMBER.search(_words(article.find("TI.ART")))
    if found:
        return found[1]
    return (article.get("IDENTIFIER") or "").lstrip("0").lower()


def _annex_label(annex: etree._Element) -> etree._Element | None:
    heading = annex.find("TITLE/TI")
    if heading is None:
        return None
    return heading.find("P") if heading.find("P") is not None else heading


def _annex_number(annex: etree._Element) -> str:
    label = _words(_annex_label(annex))
    found = _ANNEX_NUMBER.search(label)
    return found[1] if found else label


def _ref_key(provision: etree._Element) -> str:
    if provision.tag == "ARTICLE":
        return f"art:{_article_number(provision)}"
    return f"annex:{_annex_number(provision)}"


def _span(opening: etree._Element) -> list[etree._Element] | None:
    """The nodes between a CLG.MDFO and its CLG.MDFC, or None when the closing one is not a sibling."""
    nodes = []
    for node in opening.itersiblings():
        if _is_instruction(node, "CLG.MDFC") and node.get("ID") == opening.get("IDREF"):
            return nodes
        nodes.append(node)
    return None


def _changes(root: etree._Element) -> list[etree._Element]:
    return [pi for pi in root.iter(etree.PI) if pi.target == "CLG.MDFO"]


def _drop_deleted(root: etree._Element) -> None:
    for opening in _changes(root):
        if opening.get("ACTION") != "DELETED":
            continue
        span = _span(opening)
        if span is None:
            raise LoadError("a deleted span (CLG.MDFO … DELETED) does not close at the level where it opens")
        opening.tail = None
        for node in span:
            opening.getparent().remove(node)


def _parse(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)
    try:
        root = etree.fromstring(read_bytes(path), parser)
    except etree.XMLSyntaxError as exc:
        raise LoadError(f"not well-formed XML ({exc.msg})") from exc
    if root is None or root.tag not in _ROOTS:
        tag = "none" if root is None else root.tag
        raise LoadError(f"not a Formex act, consolidated act or annex (root element {tag})")
    return root


def amended_provisions(path: Path) -> dict[str, str]:
    """Provisions of a consolidated act touched by its amendments: {"art:4": "replaced", "annex:I": "deleted", …}.

    Several kinds of change to one provision are listed together, sorted: "deleted, replaced".
    """
    return _amendments(_parse(path))


def _amendments(root: etree._Element) -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for opening in _changes(root):
        holder = next(opening.iterancestors(*_PROVISIONS), None)
        if holder is not None:
            provisions = [holder]
        else:
            span = _span(opening) or []
            provisions = [p for node in span if isinstance(node.tag, str) for p in node.iter(*_PROVISIONS)]
        for provision in provisions:
            found.setdefault(_ref_key(provision), set()).add((opening.get("ACTION") or "changed").lower())
    return {key: ", ".join(sorted(actions)) for key, actions in found.items()}


class _Walker(TreeWalker):
    blocks = _BLOCKS

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[str] = []
        self._note_numbers: dict[str, int] = {}
        self._quoted = 0
        self._path: list[str] = []

    def visit(self, element: etree._Element) -> None:
        tag = element.tag
        if tag in _SKIP:
            return
        if tag in _LABELS:
            self.out.label(self.flatten(element))
        elif tag == "ROW":
            self.out.block(" | ".join(filter(None, (self.flatten(cell) for cell in element.iter("CELL")))))
        elif tag == "QUOT.S":
            self._quoted += 1
            self.walk(element)
            self._quoted -= 1
        elif tag == "DIVISION" and not self._quoted:
            self._division(element)
        else:
            if not self._quoted:
                self._mark(element)
            self.walk(element)

    def _division(self, division: etree._Element) -> None:
        """A chapter or section, anchored like EUR-Lex does it (cpt_III.sct_2) when its label says which."""
        label, title = self.flatten(division.find("TITLE/TI")), self.flatten(division.find("TITLE/STI"))
        found = _DIVISION.match(label)
        self._path.append(f"{_DIVISION_IDS[found[1].lower()]}_{found[2]}" if found else "")
        anchor = ".".join(self._path) if all(self._path) else None
        self.out.mark("part", label, title, level=len(self._path), anchor=anchor)
        self.walk(division)
        self._path.pop()

    def _mark(self, element: etree._Element) -> None:
        tag = element.tag
        if tag == "ARTICLE":
            number = _article_number(element)
            self.out.mark("article", number, self.flatten(element.find("STI.ART")), anchor=f"art_{number}")
        elif tag == "CONSID":
            found = _DIGITS.search(_words(element.find("NP/NO.P")))
            number = found[0] if found else ""
            self.out.mark("recital", number, anchor=f"rct_{number}" if number else None)
        elif tag in ("CONS.ANNEX", "ANNEX"):
            self._mark_annex(element)
        elif tag in ("PREAMBLE.FINAL", "FINAL") and _words(element):
            self.out.mark("end", "")

    def _mark_annex(self, annex: etree._Element) -> None:
        label = _annex_label(annex)
        headings = [c for c in annex.find("TITLE/TI") if c is not label] if label is not None else []
        title = " ".join(self.flatten(e) for e in (*headings, annex.find("TITLE/STI")) if e is not None)
        number = _annex_number(annex)
        anchor = f"anx_{number}" if _ANNEX_NUMBER.fullmatch(number) else None
        self.out.mark("annex", number, title, anchor=anchor)

    def _note(self, note: etree._Element) -> int:
        """The note's number; a heading is rendered twice (marker, then text) but its note is kept once."""
        where = note.getroottree().getpath(note)
        if where not in self._note_numbers:
            self.notes.append(self.flatten(note))
            self._note_numbers[where] = len(self.notes)
        return self._note_numbers[where]

    def instruction(self, node: etree._Element, inside_block: bool) -> None:
        if _is_instruction(node, "PAGE") and (node.get("NO") or "").isdigit():
            self.out.page(int(node.get("NO")), inside_block)

    def render_element(self, element: etree._Element, parts: list[str]) -> None:
        tag, kind = element.tag, element.get("TYPE")
        if tag in ("QUOT.START", "QUOT.END"):
            code = element.get("CODE") or ""
            parts.append(chr(int(code, 16)) if _CODE_POINT.fullmatch(code) else "")
        elif tag == "NOTE":
            parts.append(f" ({self._note(element)})")
        elif tag == "IE" or tag in _SKIP:
            return
        elif tag == "FT" and kind == "NUMBER" and (element.text or "").isdigit():
            parts.append(f"{int(element.text):,}".replace(",", " "))
        elif tag == "HT" and kind == "SUP":
            superscript(parts, self.flatten(element))
        elif tag == "HT" and kind == "UC":
            parts.append(self.flatten(element).upper())
        else:
            self.render(element, parts)


def _first_page(root: etree._Element) -> int | None:
    first = root.findtext(".//BIB.INSTANCE/PAGE.FIRST") or ""
    return int(first) if first.strip().isdigit() else None


def load(path: Path, edition: Edition) -> Document:
    root = _parse(path)
    amendments = _amendments(root)
    _drop_deleted(root)
    walker = _Walker()
    first = _first_page(root)
    if first is not None:
        walker.out.page(first)
    walker.visit(root)
    if walker.notes:
        if not walker.out.markers or walker.out.markers[-1].kind != "end":
            walker.out.mark("end", "")
        for number, note in enumerate(walker.notes, 1):
            walker.out.block(f"({number}) {note}")
    document = walker.out.build(edition)
    if not document.text:
        raise LoadError("no text in this Formex file")
    return replace(document, amendments=amendments)
