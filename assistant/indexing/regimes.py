"""Parts of a law that apply only to particular processing, found by the sentence that opens them.

The Loi Informatique et Libertés opens its Title III with « Le présent titre s'applique … aux traitements … mis en
œuvre, à des fins de prévention et de détection des infractions pénales … » and its Title IV likewise for State
security: their articles restate, for police, justice or defence, rules that the GDPR sets for everyone else. The
source gives no titles, only articles, so a part runs from its opening article to the next article that opens a part.
The AI Act's article on fines imposed on the Union's own institutions is such a regime too, found by its title: its
amounts (1 500 000 EUR) are not those a commune risks, though its words are the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.indexing.analysis import analyse
from assistant.records import Chunk
from assistant.structure.sentences import sentences

# An article that opens a title by saying what it applies to; « I.- » when the opening is its first point.
_OPENS_PART = re.compile(r"^(?:I\.\s*-\s*)?Le présent titre\b", re.I)
# A part whose opening names the processing it is for (« … s'applique … aux traitements … ») is a special regime;
# any other opening (« ne s'applique pas », « sans préjudice des autres dispositions ») ends the one before.
_SPECIAL = re.compile(r"(?<!\bne )\bs'applique\b(?! pas\b).*\baux traitements\b", re.I)
# The title of an article that applies only to the Union's institutions, bodies and agencies.
_UNION_BODIES = re.compile(
    r"\binstitutions, organes et organismes de l['’]Union\b|\bUnion institutions, bodies, offices and agencies\b", re.I
)
# A word of the opening found in fewer than this share of the passages in its language is distinctive of the part
# (« infractions », « pénales », « poursuites »; not « autorité » or « protection », which most questions share).
DISTINCTIVE_SHARE = 0.05


@dataclass(frozen=True)
class Regime:
    """A special part of a law: the sentence that opens it, and its words that few other articles use."""

    opening: str
    terms: frozenset[str]

    def concerns(self, question_terms: set[str]) -> bool:
        return bool(self.terms & question_terms)


def special_regimes(chunks: list[Chunk], frequency: Callable[[str], int]) -> dict[tuple[str, str], Regime]:
    """Each article (document, ref) that belongs to a special part of its law, with that part; `frequency` counts
    the passages that hold an analysed term."""
    articles: dict[str, list[Chunk]] = {}  # the first chunk of each article, per edition
    for chunk in sorted((c for c in chunks if c.kind == "article" and c.ref), key=lambda c: (c.edition_key, c.start)):
        firsts = articles.setdefault(chunk.edition_key, [])
        if not firsts or firsts[-1].ref != chunk.ref:
            firsts.append(chunk)
    passages = {lang: sum(1 for c in chunks if c.lang == lang) for lang in {c.lang for c in chunks}}
    found: dict[tuple[str, str], Regime] = {}

    def regime(opening: str, lang: str) -> Regime:
        limit = DISTINCTIVE_SHARE * passages[lang]
        return Regime(opening, frozenset(t for t in analyse(opening, lang) if frequency(t) < limit))

    for firsts in articles.values():
        current: Regime | None = None
        for first in firsts:
            opening = next((s.text for s in sentences(first)), "")
            if _OPENS_PART.match(opening):
                current = regime(opening, first.lang) if _SPECIAL.search(opening) else None
            if current is not None:
                found[(first.doc_id, first.ref or "")] = current
            elif union := _UNION_BODIES.search(first.title or ""):
                # One regime for the article in every language: a question in either names its bodies.
                key, new = (first.doc_id, first.ref or ""), regime(union.group(), first.lang)
                found[key] = Regime(new.opening, new.terms | found[key].terms) if key in found else new
    return found
