"""Hybrid search: dense and BM25 ranks fused by reciprocal rank fusion, then one hit per provision, the first few
re-ranked by their sentence closest to the question. Provisions the question names come first, and so does the
entry-into-force article of the text a question on dates is about (the AI Act's Article 113): no wording of
« c'est pour quand ? » resembles it.

RRF needs no score calibration between retrievers whose scales differ (cosine vs BM25),
which is why it is the default. Fusing the scores themselves, each rescaled to [0, 1] over its pool,
is the other recipe: it keeps a clear BM25 lead that ranks flatten. `evaluation.tune_fusion`
measures both, and the weights are settings for the same reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from assistant.indexing.analysis import analyse
from assistant.indexing.dense import search_dense
from assistant.indexing.embedder import Embedder
from assistant.indexing.index import CorpusIndex
from assistant.indexing.lexical import search_lexical
from assistant.indexing.recital_links import NO_LINK
from assistant.records import Chunk, Hit
from assistant.retrieval.asked_fact import asks_when
from assistant.retrieval.expansion import expand
from assistant.retrieval.filters import Filters
from assistant.retrieval.query_adapter import ADAPTER_FILE, load_adapter
from assistant.retrieval.references import Reference, find_references, mentioned_documents

POOL = 100
# What `Hit.retrievers` says of a provision placed first whatever its score: the question names it, or asks when the
# text it is about applies (its entry-into-force article).
REFERENCE = "reference"
DATES = "dates"
PINNED_BY = frozenset({REFERENCE, DATES})
Vector = np.ndarray


@dataclass(frozen=True)
class Signals:
    """Raw evidence behind a ranking, which fused ranks hide: the answering step reads it to decide on refusal."""

    dense_top: float = 0.0
    # The question's vector, when the dense retriever ran: the answer step weighs sentences with it.
    query: Vector | None = field(default=None, compare=False)


@dataclass(frozen=True)
class HybridSettings:
    """Fusion weights; the defaults come from `evaluation.tune_fusion` on the development half of the French set.

    Priors scale a chunk's fused score by what it is: articles are what an agent must cite, recitals
    and guidance explain them and would otherwise outrank them on everyday wording. The recital lift goes
    the other way: a recital that matches brings up the article it explains (`indexing/recital_links.py`).
    """

    mode: str = "hybrid"
    # "rrf": weight / (rrf_k + rank); "scores": weight × the retriever's score rescaled to [0, 1] over its pool.
    fusion: str = "rrf"
    dense_weight: float = 1.0
    lexical_weight: float = 1.5
    recital_prior: float = 0.3
    guidance_prior: float = 0.7
    expansion: bool = True
    dense_expansion: bool = True
    rrf_k: int = 30
    # A recital found at rank r also places the article it explains at rank r / recital_lift (0: no lift).
    recital_lift: float = 0.5
    # The best `sentence_depth` provisions are ranked once more by their sentence closest to the question,
    # and that ranking is fused in with this weight (0: off; hybrid mode only).
    sentence_weight: float = 5.0
    sentence_depth: int = 10
    # A question that names a text (« le RGPD », « le règlement omnibus ») weighs that text's passages this much more,
    # and that text's best provision, searched on its own when the whole corpus left it lower, gets at least this
    # place (0: never searched): a French question finds little of a text that exists only in English.
    named_document_boost: float = 2.0
    named_document_place: int = 2
    # An article of a law's special part (police and justice, State security, the Union's own institutions:
    # `indexing/regimes.py`) weighs this much when the question uses none of the words that set the part apart; so
    # does another text's entry-into-force article when the question asks when a text it names applies.
    special_regime_prior: float = 0.5
    # The dense retriever also searches with the question's vector mapped by the adapter in this file, and fuses the
    # two rankings (`retrieval/query_adapter.py`; None, or a file for another model: the plain vector alone).
    query_adapter: Path | None = ADAPTER_FILE

    def prior(self, chunk: Chunk, named: tuple[str, ...] = (), set_aside: bool = False) -> float:
        weight = self.recital_prior if chunk.kind == "recital" else 1.0
        weight *= self.named_document_boost if chunk.doc_id in named else 1.0
        weight *= self.special_regime_prior if set_aside else 1.0
        return weight * (1.0 if chunk.authority.startswith("binding") else self.guidance_prior)

    def fused(self, results: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Each row's share of the fused score before weight and prior, in the order of `results`."""
        if self.fusion == "rrf":
            return [(row, 1.0 / (self.rrf_k + rank)) for rank, (row, _) in enumerate(results, 1)]
        low = min((raw for _, raw in results), default=0.0)
        span = max((raw for _, raw in results), default=0.0) - low or 1.0
        return [(row, (raw - low) / span) for row, raw in results]


def _paragraph_numbers(paragraphs: str) -> set[str]:
    first, _, last = paragraphs.partition("-")
    if last and first.isdigit() and last.isdigit():
        return {str(n) for n in range(int(first), int(last) + 1)}
    return {first}


def provision_key(chunk: Chunk) -> tuple[str, str]:
    """What one hit stands for: an article or annex, a titled section of a guide or report (one hit, not one per
    chunk of a long section), or else the chunk itself (an untitled stretch of a document added by a user)."""
    if chunk.ref is None and chunk.title:
        return (chunk.doc_id, " > ".join((*chunk.heading_path, chunk.title)))
    return (chunk.doc_id, chunk.ref or chunk.id)


def _prefer(chunk: Chunk, lang: str, latest: bool = False) -> tuple[int, int]:
    """Sort key among editions of one provision: the question's language first, then the latest in force; or the
    other way round for a provision shown for its dates, which are what amendments move."""
    other_language, newest = int(chunk.lang != lang), -int((chunk.in_force_from or "0").replace("-", ""))
    return (newest, other_language) if latest else (other_language, newest)


class HybridRetriever:
    def __init__(self, index: CorpusIndex, embedder: Embedder, settings: HybridSettings | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings or HybridSettings()

    def _ranked(
        self, question: str, expansion: str, lang: str, pool: int, query: Vector | None
    ) -> tuple[dict[str, list[tuple[int, float]]], Vector | None]:
        """Each retriever's ranking, and the question's vector when the dense retriever ran (`query` when the caller
        already has it); `expansion` is the question with its legal terms added."""
        ranked = {}
        expanded = expansion if self.settings.expansion else question
        if self.settings.mode in {"hybrid", "dense"}:
            if query is None:
                query = self.embedder.embed_query(expanded if self.settings.dense_expansion else question)
            ranked["dense"] = self._dense(query, pool)
        if self.settings.mode in {"hybrid", "bm25"}:
            ranked["bm25"] = search_lexical(self.index.lexical, expanded, lang, pool)
        return {name: self.lift_explained_articles(results) for name, results in ranked.items()}, query

    def _dense(self, query: Vector, pool: int) -> list[tuple[int, float]]:
        """The plain vector's ranking, fused with the adapted vector's when the adapter is on. Each row keeps the plain
        vector's cosine, which the refusal reads; a row only the adapted vector found gets the plain pool's lowest,
        a bound on its own."""
        plain = search_dense(self.index.dense, query, pool)
        path = self.settings.query_adapter
        adapter = None if path is None else load_adapter(self.embedder.model_id, path)
        if adapter is None or not plain:
            return plain
        adapted = search_dense(self.index.dense, adapter.apply(query), pool)
        shares: dict[int, float] = defaultdict(float)
        for results in (plain, adapted):
            for row, share in self.settings.fused(results):
                shares[row] += share
        cosines = dict(plain)
        floor = min(cosines.values())
        return [(row, cosines.get(row, floor)) for row in sorted(shares, key=lambda row: (-shares[row], row))[:pool]]

    def lift_explained_articles(self, results: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The ranking with each recital's article moved up to `recital_lift` of the recital's rank, unless it
        already ranks higher: the question matched the recital's words, but the rule is in the article."""
        share = self.settings.recital_lift
        if not share:
            return results
        places: dict[int, tuple[float, float]] = {}
        for rank, (row, score) in enumerate(results):
            places.setdefault(row, (rank, score))
            article = int(self.index.recital_links[row])
            if article != NO_LINK and (article not in places or places[article][0] > rank / share):
                places[article] = (rank / share, score)
        return [(row, score) for row, (_, score) in sorted(places.items(), key=lambda item: item[1][0])]

    def _referenced_rows(self, references: list[Reference], filters: Filters) -> list[int]:
        """Rows of the provisions referred to, first chunk of each, in the order given."""
        rows = []
        for reference in references:
            for row, chunk in enumerate(self.index.chunks):
                named = reference.doc_id is None or chunk.doc_id == reference.doc_id
                if named and chunk.ref == reference.ref and filters.allows(chunk):
                    paragraph = reference.paragraph
                    if paragraph and chunk.paragraphs and paragraph not in _paragraph_numbers(chunk.paragraphs):
                        continue
                    rows.append(row)
        return rows

    def _alternates(self, shown: Chunk, filters: Filters) -> tuple[Chunk, ...]:
        """The same provision in the other editions the filters allow, the same paragraphs where they exist."""
        if shown.ref is None:
            return ()
        others: dict[str, Chunk] = {}
        for chunk in self.index.by_ref.get((shown.doc_id, shown.ref), []):
            if chunk.edition_key == shown.edition_key or not filters.allows(chunk):
                continue
            if chunk.edition_key not in others or chunk.paragraphs == shown.paragraphs:
                others[chunk.edition_key] = chunk
        return tuple(others.values())

    def search(self, question: str, lang: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return self.search_with_signals(question, lang, k, filters)[0]

    def search_with_signals(
        self, question: str, lang: str, k: int = 10, filters: Filters | None = None
    ) -> tuple[list[Hit], Signals]:
        return self._search(question, lang, k, filters or Filters(), None)

    def _search(
        self, question: str, lang: str, k: int, filters: Filters, query: Vector | None
    ) -> tuple[list[Hit], Signals]:
        weights = {"dense": self.settings.dense_weight, "bm25": self.settings.lexical_weight}
        scores: dict[int, float] = defaultdict(float)
        found_by: dict[int, list[str]] = defaultdict(list)
        dense_top = 0.0
        # A filter may exclude most of a fixed pool: filtered searches rank the whole (small) corpus instead.
        pool = POOL if filters == Filters() else len(self.index.chunks)
        # Expanded once: the retrievers and the special parts' words read the same legal terms.
        expansion = expand(question) if lang == "fr" else question
        ranked, query = self._ranked(question, expansion, lang, pool, query)
        named = tuple(mentioned_documents(question))
        aside = self._set_aside(expansion, lang) | self._other_calendars(question, named)
        for name, results in ranked.items():
            allowed = [(row, raw) for row, raw in results if filters.allows(self.index.chunks[row])]
            if name == "dense":
                dense_top = max((raw for _, raw in allowed), default=0.0)
            for row, share in self.settings.fused(allowed):
                chunk = self.index.chunks[row]
                prior = self.settings.prior(chunk, named, (chunk.doc_id, chunk.ref or "") in aside)
                scores[row] += weights[name] * prior * share
                found_by[row].append(name)
        pinned = dict.fromkeys(self._referenced_rows(find_references(question), filters), REFERENCE)
        for row in self._referenced_rows(self._application_article(question, named, scores), filters):
            pinned.setdefault(row, DATES)
        top = max(scores.values(), default=0.0)
        for rank, (row, why) in enumerate(pinned.items()):
            scores[row] = top + 1.0 + 1.0 / (1 + rank)
            found_by[row].append(why)
        ordered = sorted(scores, key=lambda row: (-scores[row], row))
        groups: dict[tuple[str, str], list[int]] = {}
        for row in ordered:
            groups.setdefault(provision_key(self.index.chunks[row]), []).append(row)
        # Per provision that can be shown or re-ranked: its best row, which carries the score, and the row shown.
        leading = list(groups.values())[: max(k, self.settings.sentence_depth)]
        provisions = [
            (rows[0], min(rows, key=lambda r: _prefer(self.index.chunks[r], lang, pinned.get(rows[0]) == DATES)))
            for rows in leading
        ]
        if query is not None and self.settings.mode == "hybrid" and self.settings.sentence_weight:
            provisions = self._by_best_sentence(provisions, scores, query, set(pinned))
        hits = []
        for best, shown_row in provisions[:k]:
            shown = self.index.chunks[shown_row]
            found = tuple(sorted(set(found_by[best])))
            set_aside = (shown.doc_id, shown.ref or "") in aside
            hits.append(Hit(shown, scores[best], found, self._alternates(shown, filters), set_aside))
        hits = self._with_named_documents(question, lang, hits, named, filters, query)
        return hits[:k], Signals(dense_top, query)

    def _set_aside(self, expansion: str, lang: str) -> set[tuple[str, str]]:
        """The articles of special parts that the (expanded) question is not about: a commune's DPO question is
        answered by the GDPR, not by the police-and-justice article that restates it."""
        terms = set(analyse(expansion, lang))
        return {key for key, regime in self.index.special_regimes.items() if not regime.concerns(terms)}

    def _other_calendars(self, question: str, named: tuple[str, ...]) -> set[tuple[str, str]]:
        """For a question on when a text it names applies, the other texts' entry-into-force articles: « depuis quand
        le RGPD est-il applicable ? » is not answered by the AI Act's calendar, however close its words."""
        if not named or not asks_when(question):
            return set()
        return {(doc_id, ref) for doc_id, ref in self.index.application_articles.items() if doc_id not in named}

    def _application_article(self, question: str, named: tuple[str, ...], scores: dict[int, float]) -> list[Reference]:
        """For a question on when rules apply, the entry-into-force article of the text it is about: the one named,
        or else the one the best passage is from (none for a text without such an article)."""
        if not asks_when(question):
            return []
        leader = max(scores, key=lambda row: (scores[row], -row), default=None)
        about = named or ((self.index.chunks[leader].doc_id,) if leader is not None else ())
        articles = self.index.application_articles
        return [Reference(doc_id, articles[doc_id]) for doc_id in about if doc_id in articles]

    def _with_named_documents(
        self, question: str, lang: str, hits: list[Hit], named: tuple[str, ...], filters: Filters, query: Vector | None
    ) -> list[Hit]:
        """The hits with each named text's best provision moved up to `named_document_place`, found by a search of
        that text alone (with the question's vector already computed) when needed; it takes the score of the place
        it is given, so scores still fall by rank."""
        place = self.settings.named_document_place
        if not place or filters.doc_ids:
            return hits
        for doc_id in named:
            if any(hit.chunk.doc_id == doc_id for hit in hits[:place]):
                continue
            found, _ = self._search(question, lang, 1, replace(filters, doc_ids=(doc_id,)), query)
            if not found:
                continue
            key = provision_key(found[0].chunk)
            hits = [hit for hit in hits if provision_key(hit.chunk) != key]
            at = min(place, len(hits) + 1) - 1
            score = hits[at].score if at < len(hits) else found[0].score
            hits.insert(at, replace(found[0], score=score, retrievers=(*found[0].retrievers, "document")))
        return hits

    def _by_best_sentence(
        self, provisions: list[tuple[int, int]], scores: dict[int, float], query: Vector, pinned: set[int]
    ) -> list[tuple[int, int]]:
        """The leading provisions re-ordered after adding a ranking by each one's sentence closest to the question
        (the shown passage's), fused like the retrievers'; provisions the question names stay first."""
        depth = self.settings.sentence_depth
        head = [p for p in provisions[:depth] if p[0] not in pinned]
        closeness = [(best, self.index.best_sentence(shown, query)) for best, shown in head]
        for best, share in self.settings.fused(sorted(closeness, key=lambda item: -item[1])):
            scores[best] += self.settings.sentence_weight * share
        head.sort(key=lambda p: -scores[p[0]])
        return [p for p in provisions[:depth] if p[0] in pinned] + head + provisions[depth:]
