"""What Regulation (EU) 2026/1744 changes in the AI Act, provision by provision, for « qu'est-ce que ça change ? ».

No passage answers that question: the amending act's Article 1 is a list of 43 numbered points,
each naming the provision it replaces, amends or inserts. Read once from the indexed text, that
list becomes a table of the amended provisions, each with its title and its points, so that an
agent sees whether the rule she cares about moved and where to read the change. A question on
one topic (« l'omnibus a-t-il assoupli l'obligation de former les agents ? ») is searched without
the act's name and gets the lines of the provisions found for that topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.indexing.amendments import DOC, LawInForce, joined
from assistant.indexing.analysis import analyse
from assistant.records import Chunk, Citation, Hit
from assistant.retrieval.references import mentioned_documents, without_document
from assistant.structure.sentences import sentences

AMENDING_DOC = "reg-2026-1744"
AMENDING_ARTICLE = "art:1"
# A question on what a text changes: « que change l'omnibus ? », « a-t-il assoupli… », "what does the Omnibus amend?".
_CHANGE = re.compile(r"\b(chang\w*|modifi\w*|nouveaut\w*|assoupli\w*|all[ée]g\w*|durci\w*|amend\w*)\b", re.I)
# A question on one topic is answered from the AI Act provisions found for that topic, among the first few.
TOPIC_HITS = 3
# The words after « a-t-il modifié » name the topic when they hold this many terms (« par l'omnibus ? » holds none,
# « quelque chose là-dessus » none either).
MIN_TOPIC_TERMS = 2
# The amending act's year, as a question names it (« l'omnibus de 2026 », « allégé en 2026 »): no topic.
_YEAR = re.compile(r"\b(?:de|en)\s+2026\b", re.I)
# Words that ask, or name who asks or the text itself: « que change l'omnibus pour les déployeurs ? » has no topic.
_NO_TOPIC = frozenset(
    analyse("que quoi qu est ce quel quelle quels quelles apporte apportent pour nous règlement texte", "fr")
    + analyse("quelque chose là-dessus dessus cela ça", "fr")
    + analyse("déployeur déployeurs fournisseur fournisseurs", "fr")
    + analyse("commune communes collectivité collectivités mairie mairies département départements", "fr")
    + analyse("administration administrations", "fr")
    + analyse("what does do the for us regulation text deployer deployers provider providers", "en")
    + analyse("municipality municipalities city cities local public authority authorities", "en")
)
# A point of the amending article, at a line start: "(13) Article 27 is amended as follows:".
_POINT = re.compile(r"^\((\d+)\) ", re.M)
# The provision a point is about, the first one it names: "in Article 113", "‘Article 60a", "in Annex VIII".
_TARGET = re.compile(r"\b(Article|Annex)\s+(\d+[a-z]?|[IVX]+)\b", re.I)
# A point that adds an annex without naming it: the annex is printed as the amending act's own (Annex XIV).
_ADDS_ANNEX = "the following Annex is added"
# The headings of the articles a point inserts, each on its own line: "‘Article 75a", "Article 75b".
_INSERTED = re.compile(r"^‘?(Article) (\d+[a-z]+)$", re.M)
# The sentence that opens each article of the amending act that amends a regulation.
_AMENDS = re.compile(r"Regulation \(EU\) \d{4}/\d+ is amended as follows:")


@dataclass(frozen=True)
class ChangedProvision:
    """An AI Act provision that the amending act changes or inserts, named as the answer's labels name it."""

    ref: str
    label: str
    title: str
    points: tuple[str, ...]
    inserted: bool
    # The amending act renamed it: `title` is then the consolidated heading, in English.
    retitled: bool = False

    def line(self) -> str:
        title = f" « {self.title} »" if self.title else ""
        new = " (nouveau)" if self.inserted else ""
        renamed = " (intitulé modifié, en anglais)" if self.retitled else ""
        points = f"point{'s' if len(self.points) > 1 else ''} {', '.join(self.points)}"
        return f"{self.label}{new}{title}{renamed} — {points}"


@dataclass(frozen=True)
class AmendmentList:
    """The openings of the amending act's articles that amend a regulation (`acts`, cited), and the AI Act provisions
    its Article 1's points change, in its order; or, for a question on one topic (`topical`), those of them it is
    about."""

    acts: tuple[Citation, ...]
    provisions: tuple[ChangedProvision, ...]
    topical: bool = False

    @property
    def opening(self) -> Citation:
        """The opening of Article 1, which amends the AI Act: what the list of its points is cited by."""
        return next(act for act in self.acts if act.chunk.ref == AMENDING_ARTICLE)

    def about(self, hits: list[Hit]) -> AmendmentList:
        """The changed provisions among the first AI Act hits found for the question's topic (« a-t-il modifié
        l'obligation de former les agents ? » finds Article 4); the whole list when none of them is changed."""
        changed = {provision.ref: provision for provision in self.provisions}
        refs = dict.fromkeys(h.chunk.ref for h in hits[:TOPIC_HITS] if h.chunk.doc_id == DOC and h.chunk.ref in changed)
        if not refs:
            return self
        return AmendmentList(self.acts, tuple(changed[ref] for ref in refs), topical=True)

    def first(self, hits: list[Hit]) -> list[Hit]:
        """The hits with the listed provisions first: asked whether a rule changed, the answer quotes the provision
        that did (Article 99 on penalties before Article 100 on fines for Union bodies), the others keeping order."""
        listed = {provision.ref for provision in self.provisions}
        return sorted(hits, key=lambda hit: not (hit.chunk.doc_id == DOC and hit.chunk.ref in listed))


def asks_amendments(question: str) -> bool:
    """Whether the question asks what the amending act changes: the list of its points answers it, whatever the
    passages found (so such a question is not refused for want of one)."""
    return _CHANGE.search(question) is not None and AMENDING_DOC in mentioned_documents(question)


def untouched_text(question: str) -> str | None:
    """The corpus text, other than the AI Act, that a question on the amending act asks about (« l'omnibus a-t-il
    modifié le droit d'accès du RGPD ? »): the act amends three regulations, and the list of what it changed in the
    AI Act would answer another question."""
    named = mentioned_documents(question)
    return None if DOC in named else next((d for d in named if d != AMENDING_DOC), None)


def amended_acts(chunks: list[Chunk]) -> list[Citation]:
    """The sentence opening each article of the amending act that amends a regulation (« Regulation (EU) 2024/1689 is
    amended as follows: »), in the act's order: together, all it amends."""
    first: dict[str | None, Chunk] = {}
    for chunk in sorted((c for c in chunks if c.doc_id == AMENDING_DOC and c.kind == "article"), key=lambda c: c.start):
        first.setdefault(chunk.ref, chunk)
    openings = (next(iter(sentences(chunk)), None) for chunk in first.values())
    return [Citation(0, s.chunk, s.text) for s in openings if s is not None and _AMENDS.fullmatch(s.text)]


def topic_of(question: str, lang: str) -> str | None:
    """What a question on the amending act asks about: what follows the word asking for changes (« a-t-il modifié
    l'obligation de former les agents ? »), else the question without that word; either way without the act's name
    and year (searched as it stands, the question finds the amending points and whatever mentions 2026). None when
    it names only who asks (« que change l'omnibus pour les communes ? »): the whole list answers that."""
    text = _YEAR.sub(" ", without_document(question, AMENDING_DOC))
    asked = list(_CHANGE.finditer(text))
    after = text[asked[-1].end() :] if asked else ""
    topic = after if len(set(analyse(after, lang)) - _NO_TOPIC) >= MIN_TOPIC_TERMS else _CHANGE.sub(" ", text)
    return " ".join(topic.split()) if set(analyse(topic, lang)) - _NO_TOPIC else None


def _points(text: str) -> list[tuple[str, str]]:
    """Each point's number and text; the numbers run 1, 2, 3…, so a numbered line quoted inside a point is skipped."""
    found: list[tuple[str, int]] = []
    for mark in _POINT.finditer(text):
        if int(mark.group(1)) == len(found) + 1:
            found.append((mark.group(1), mark.start()))
    ends = [start for _, start in found[1:]] + [len(text)]
    return [(number, text[start:end]) for (number, start), end in zip(found, ends, strict=True)]


def _ref(target: re.Match[str]) -> str:
    kind, number = target.groups()
    return f"art:{number}" if kind.lower() == "article" else f"annex:{number.upper()}"


def amended_provisions(chunks: list[Chunk], law: LawInForce, lang: str) -> AmendmentList | None:
    """The AI Act provisions the amending act's Article 1 changes, with the citation of its opening sentence (None
    without that article); titles in `lang` where the 2024 edition has the provision, else from the consolidated
    text, which also gives the heading of a provision the amending act renamed (its English headings differ)."""
    acts = tuple(amended_acts(chunks))
    if not any(act.chunk.ref == AMENDING_ARTICLE for act in acts):
        return None
    article = sorted(
        (c for c in chunks if c.doc_id == AMENDING_DOC and c.ref == AMENDING_ARTICLE), key=lambda c: c.start
    )
    added = next((c.ref for c in chunks if c.doc_id == AMENDING_DOC and c.ref and c.ref.startswith("annex:")), None)
    points: dict[str, list[str]] = {}
    for number, text in _points(joined(article)):
        target = _TARGET.search(text)
        refs = [_ref(target)] if target else ([added] if _ADDS_ANNEX in text and added else [])
        refs += [_ref(heading) for heading in _INSERTED.finditer(text)]
        for ref in dict.fromkeys(refs):
            if law.edition(ref, lang) or law.edition(ref, "en", consolidated=True):
                points.setdefault(ref, []).append(number)
    changed = []
    for ref, numbers in points.items():
        original, consolidated = law.edition(ref, "en"), law.edition(ref, "en", consolidated=True)
        edition = (law.edition(ref, lang) or consolidated)[0]
        retitled = bool(original and consolidated) and _heading(original[0].title) != _heading(consolidated[0].title)
        title = _heading(consolidated[0].title if retitled else edition.title)
        changed.append(ChangedProvision(ref, edition.provision_label, title, tuple(numbers), not original, retitled))
    return AmendmentList(acts, tuple(changed))


def _heading(title: str) -> str:
    """A heading without the stray closing quote that both English editions print on Article 1's (« Subject
    matter' », « Subject matter` »)."""
    return title.strip().rstrip("'’`")
