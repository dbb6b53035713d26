"""A theme sheet: key provisions, who must do what, the dates that apply, related texts and a cited Q&A.

Everything a sheet says comes out of the index as a verbatim quote with its label, link and page;
only headings and fixed labels are the sheet's own words. A quote from the 2024 AI Act whose
paragraph the 2026 amendment changed carries the current (English) wording beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from assistant.api import Cadre
from assistant.indexing.analysis import guess_language
from assistant.records import Answer, Chunk
from assistant.retrieval.filters import Filters
from assistant.retrieval.hybrid import REFERENCE, HybridRetriever, HybridSettings
from assistant.retrieval.references import Reference, find_references
from assistant.structure.sentences import sentences
from assistant.trainer.dates import DateLine, application_lines
from assistant.trainer.quotes import Quote, best_sentences, quote_of, relevance, topic_terms
from assistant.trainer.roles import DUTY, ROLES
from assistant.trainer.scope import Provision, ThemeContext, provisions
from assistant.trainer.themes import Theme

KEY_PROVISIONS = 6
QUOTES_PER_PROVISION = 2
CELLS_PER_ROLE = 3
EXPLICIT_LINKS = 2
SEARCHED_LINKS = 4
QUESTIONS = 5
# A role named at most this far before a duty verb is taken to be the one who must act.
SUBJECT_SPAN = 200
# A provision found by search is only shown as related when it ranks this high (fused score, both retrievers
# agreeing on it) and its quote shares this many terms with the source's title or opening. The score is that of
# plain RRF with equal weights and nothing added, the scale it was set on: the tuned fusion would let weaker matches in.
SEARCH_MIN_SCORE = 0.05
RELATED_SEARCH = HybridSettings(lexical_weight=1.0, sentence_weight=0.0, named_document_boost=1.0)
SHARED_TERMS = 3
EXPLICIT = "renvoi dans le texte"
SEARCHED = "rapprochement par recherche, à vérifier"
_REFERENCE = re.compile(r"\b(?:l'|de l'|à l')?articles?\s+[LRD]?\.?\s?\d[\w-]*(?:,\s*paragraphe\s+\d+)?", re.I)


@dataclass(frozen=True)
class Passage:
    """A quote, and the current wording of its paragraph when the 2026 amendment changed it."""

    quote: Quote
    current: Quote | None = None


@dataclass(frozen=True)
class KeyProvision:
    heading: str
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class RoleRow:
    role: str
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Link:
    """A provision of another document related to a key provision, and how the two were found to relate."""

    source: str
    passage: Passage
    how: str


@dataclass(frozen=True)
class QA:
    """A question Cadre answered; the answer cites the current wording of what the 2026 amendment changed."""

    question: str
    answer: Answer


@dataclass
class Sheet:
    theme: Theme
    today: date
    provisions: list[KeyProvision] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)
    dates: list[DateLine] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    questions: list[QA] = field(default_factory=list)

    @property
    def absent_roles(self) -> list[str]:
        present = {row.role for row in self.roles}
        return [role.name for role in ROLES if role.name not in present]

    def quotes(self) -> Iterator[Quote]:
        """Every quote the sheet shows, for checking them against the index."""
        passages = [p for k in self.provisions for p in k.passages] + [p for r in self.roles for p in r.passages]
        passages += [link.passage for link in self.links]
        for passage in passages:
            yield passage.quote
            if passage.current:
                yield passage.current
        for line in self.dates:
            yield line.quote
            if line.lead:
                yield line.lead
        for qa in self.questions:
            yield from (Quote(c.quote, c.chunk) for c in qa.answer.citations)


def _heading(provision: Provision) -> str:
    first = provision.first
    name = first.provision_label
    return f"{name} — {first.title}" if first.title and first.title not in name else name


class SheetBuilder(ThemeContext):
    def __init__(self, cadre: Cadre, theme: Theme, today: date) -> None:
        super().__init__(cadre, theme, today)
        self.provisions = provisions(cadre, theme)

    def passage(self, quote: Quote) -> Passage:
        found = self.law.amendment(quote.chunk, quote.text)
        return Passage(quote, quote_of(found.current) if found and found.current else None)

    def key_provisions(self) -> list[KeyProvision]:
        """Each provision's opening rule, and the sentence of it closest to the theme."""
        found = []
        for provision in self.provisions[:KEY_PROVISIONS]:
            body = [s for c in provision.chunks for s in sentences(c)]
            best = best_sentences(list(provision.chunks), self.terms, 2)
            chosen = body[:1] + [s for s in best if s not in body[:1]]
            chosen = sorted(chosen[:QUOTES_PER_PROVISION], key=lambda s: (s.chunk.start, s.start))
            found.append(KeyProvision(_heading(provision), tuple(self.passage(quote_of(s)) for s in chosen)))
        return found

    def _role_cells(self, pattern: re.Pattern[str], taken: set[str]) -> tuple[Passage, ...]:
        """Sentences where the role is who must act: named before the sentence's first duty, close to it."""
        candidates = []
        for rank, provision in enumerate(self.provisions):
            for chunk in provision.chunks:
                for sentence in sentences(chunk):
                    role, duty = pattern.search(sentence.text), DUTY.search(sentence.text)
                    if role is None or duty is None or not 0 <= duty.start() - role.end() <= SUBJECT_SPAN:
                        continue
                    quote = quote_of(sentence)
                    if quote.text not in taken and self.law.amendment(quote.chunk, quote.text) is None:
                        score = relevance(sentence, self.terms)
                        candidates.append((rank, -score, chunk.start, sentence.start, provision.key, quote))
        candidates.sort(key=lambda c: c[:4])
        cells: list[Passage] = []
        used: set[tuple[str, str]] = set()
        for *_, key, quote in candidates:
            if key not in used and len(cells) < CELLS_PER_ROLE:
                used.add(key)
                taken.add(quote.text)
                cells.append(Passage(quote))
        return tuple(cells)

    def roles(self) -> list[RoleRow]:
        """One row per role the theme's provisions oblige; a sentence goes to the most specific role it names."""
        taken: set[str] = set()
        cells = {
            role.name: self._role_cells(role.pattern, taken) for role in sorted(ROLES, key=lambda r: -r.specificity)
        }
        return [RoleRow(role.name, cells[role.name]) for role in ROLES if cells[role.name]]

    def _target(self, reference: Reference) -> list[Chunk]:
        """The chunks of the referenced provision (of its paragraph, when the reference names one), in French."""
        editions = [c for c in self.chunks if c.doc_id == reference.doc_id and c.ref == reference.ref]
        french = [c for c in editions if c.lang == "fr"] or editions
        edition = french[0].edition_key if french else None
        found = sorted((c for c in french if c.edition_key == edition), key=lambda c: c.start)
        opening = re.compile(rf"^{reference.paragraph}\. ", re.M) if reference.paragraph else None
        paragraph = [c for c in found if opening and opening.search(c.text)]
        return paragraph or found

    def _link(self, source: Provision, target: list[Chunk], how: str) -> Link | None:
        """A referenced provision is quoted from its opening; a searched one by its sentence closest to the source."""
        if how == EXPLICIT:
            best = [s for c in target for s in sentences(c)][:1]
        else:
            wanted = topic_terms(self._search_query(source))
            best = best_sentences(target, wanted, 1)
            best = [s for s in best if len(topic_terms(s.text) & wanted) >= SHARED_TERMS]
        return Link(source.first.provision_label, self.passage(quote_of(best[0])), how) if best else None

    def links(self) -> list[Link]:
        """Provisions of other documents a key provision names (per sentence, so that a document named in one
        sentence is not lent to an article number of another), then the best search hit for each, if it is close."""
        found: list[Link] = []
        seen = {(p.first.doc_id, p.first.ref) for p in self.provisions}
        for provision in self.provisions[:KEY_PROVISIONS]:
            doc_id = provision.first.doc_id
            body = [s.text for c in provision.chunks for s in sentences(c)]
            named = [r for text in body for r in find_references(text) if r.doc_id and r.doc_id != doc_id]
            for reference in named[:EXPLICIT_LINKS]:
                target = self._target(reference)
                if target and (reference.doc_id, reference.ref) not in seen:
                    seen.add((reference.doc_id, reference.ref))
                    found += [link] if (link := self._link(provision, target, EXPLICIT)) else []
        search = HybridRetriever(self.cadre.index, self.cadre.embedder, RELATED_SEARCH)
        for provision in self.provisions[:SEARCHED_LINKS]:
            others = tuple(sorted({c.doc_id for c in self.chunks} - {provision.first.doc_id}))
            query = self._search_query(provision)
            hits = search.search(query, guess_language(query), k=3, filters=Filters(doc_ids=others, langs=("fr",)))
            hit = next((h for h in hits if (h.chunk.doc_id, h.chunk.ref or h.chunk.id) not in seen), None)
            if hit is None or hit.score < SEARCH_MIN_SCORE or REFERENCE in hit.retrievers:
                continue
            seen.add((hit.chunk.doc_id, hit.chunk.ref or hit.chunk.id))
            found += [link] if (link := self._link(provision, [hit.chunk], SEARCHED)) else []
        return found

    def _search_query(self, provision: Provision) -> str:
        """The provision's title, or its opening, without the article numbers that would pin other texts."""
        first = next((s.text for c in provision.chunks for s in sentences(c)), provision.first.text)
        return _REFERENCE.sub("", provision.first.title or first)

    def _candidate_questions(self) -> list[str]:
        if self.theme.questions:
            return list(self.theme.questions)
        asked = []
        for provision in self.provisions:
            title = provision.first.title
            about = f" ({title[0].lower()}{title[1:]})" if title else ""
            asked.append(f"Que prévoit {provision.first.provision_label}{about} ?")
        return asked

    def questions(self) -> list[QA]:
        answered = []
        for question in self._candidate_questions():
            if len(answered) == QUESTIONS:
                break
            answer = self.cadre.answer(question, today=self.today)
            if not answer.refused:
                answered.append(QA(question, answer))
        return answered

    def build(self) -> Sheet:
        theme_chunks = [c for p in self.provisions for c in p.chunks]
        return Sheet(
            theme=self.theme,
            today=self.today,
            provisions=self.key_provisions(),
            roles=self.roles(),
            dates=application_lines(self.chunks, theme_chunks, self.today),
            links=self.links(),
            questions=self.questions(),
        )


def build_sheet(cadre: Cadre, theme: Theme, today: date | None = None) -> Sheet:
    """The sheet on `theme` as the law stands on `today` (default: the settings' date, else the real one)."""
    return SheetBuilder(cadre, theme, today or cadre.settings.today or date.today()).build()
