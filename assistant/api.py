"""The few calls every shell (CLI, chat, trainer, evaluation) makes: ingest, retrieve.

`Cadre` holds the model and the open index so that a long-lived process (the chat) pays
their loading once; the module-level functions use one default instance.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace
from datetime import date
from functools import cache, partial
from pathlib import Path

from assistant.answering import national_measures, other_law, past_events, practical_steps, product_status
from assistant.answering.changes import (
    AmendmentList,
    amended_provisions,
    asks_amendments,
    topic_of,
    untouched_text,
)
from assistant.answering.extractive import extractive_answer, quote_line
from assistant.answering.followup import rewrite
from assistant.answering.in_force import AMENDED_BY, IN_ENGLISH, amendment_notes, application_dates
from assistant.answering.llm import LLMEngine, LLMUnavailable
from assistant.answering.publications import unheld_publication
from assistant.answering.refusal import RefusalPolicy, refusal_text
from assistant.answering.unknown_text import unknown_text
from assistant.answering.verifier import verify
from assistant.config import Settings, load_settings
from assistant.indexing.analysis import fold, guess_language
from assistant.indexing.build import IndexBuilder, IngestReport, Progress
from assistant.indexing.embedder import Embedder
from assistant.indexing.index import CorpusIndex, open_index
from assistant.indexing.manifest import IndexUnavailable, check_manifest, read_manifest
from assistant.records import Answer, Chunk, Citation, Hit
from assistant.retrieval.asked_fact import REQUIRED, asked_fact, asks_when, gives
from assistant.retrieval.filters import Filters
from assistant.retrieval.hybrid import HybridRetriever, HybridSettings, Signals
from assistant.retrieval.references import foreign_act_asked
from assistant.sources.catalogue import load_catalogue

log = logging.getLogger(__name__)
ANSWER_HITS = 8
# Why an act or a publication the question names is not answered from: « ce texte » fits « le DSA » and « les lignes
# directrices de la Commission » alike.
NOT_HELD = "ce texte ne fait pas partie des textes de référence, qui n'en donnent pas le contenu."
# The AI Act and the regulation that amended it: Article 113 as amended says when each of their rules applies.
AI_ACT_TEXTS = frozenset({"ai-act", "reg-2026-1744"})
# Kinds of question the texts cannot answer whatever the passages say, each rule giving the refusal's reason; the
# first that matches speaks, so a question on the past events of another law is told about the past events.
_OUT_OF_SCOPE = (
    past_events.reason,
    national_measures.reason,
    other_law.reason,
    practical_steps.reason,
    product_status.reason,
)


class Cadre:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self._embedder: Embedder | None = None
        self._index: CorpusIndex | None = None
        self._by_id: dict[str, Chunk] = {}
        self.hybrid = HybridSettings()
        self.refusal = RefusalPolicy()
        self._llm: LLMEngine | None = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = Embedder(self.settings.cache_dir, batch_size=self.settings.embed_batch_size)
        return self._embedder

    @property
    def index(self) -> CorpusIndex:
        if self._index is None:
            self._index = open_index(self.settings.index_dir, self.embedder.model_id)
            self._by_id = {c.id: c for c in self._index.chunks}
        return self._index

    def ingest(
        self, paths: list[Path] | None = None, force: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        report = IndexBuilder(self.settings, self.embedder, progress).ingest(paths, force=force)
        self._index = None
        return report

    def ensure_index(self, progress: Progress | None = None) -> IngestReport | None:
        """Build the index on first use (the chat's first start), and rebuild one that this version cannot read
        (an older schema, another model): after an upgrade `cadre chat` still starts by itself, and the embedding
        cache makes the rebuild quick. None when the index is ready as it is."""
        index_dir = self.settings.index_dir
        try:
            check_manifest(read_manifest(index_dir), index_dir, self.embedder.model_id)
            return None
        except IndexUnavailable as unreadable:
            log.info("the index cannot be opened (%s): building it", unreadable)
        return self.ingest(force=True, progress=progress)

    def retrieve(self, question: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        retriever = HybridRetriever(self.index, self.embedder, replace(self.hybrid, mode=mode))
        return retriever.search(question, guess_language(question), k=k, filters=filters)

    @property
    def llm(self) -> LLMEngine | None:
        """The configured OpenAI-compatible engine, if this deployment has one."""
        if self._llm is None and self.settings.llm_url:
            self._llm = LLMEngine(
                self.settings.llm_url, self.settings.llm_model, self.settings.llm_api_key, self.settings.llm_timeout_s
            )
        return self._llm

    def _draft(self, query: str, lang: str, hits: list[Hit], engine: str, signals: Signals) -> Answer:
        """The engine's draft; the LLM falls back to the extractive engine, and says so, when it cannot answer.

        Neither engine reads a provision set aside (`Hit.set_aside`: the fines on the Union's institutions, another
        text's calendar), unless nothing ranks above it: it would answer another asker."""
        hits = [hit for rank, hit in enumerate(hits) if rank == 0 or not hit.set_aside]
        vector = signals.query
        closeness = None if vector is None else partial(self.index.sentence_closeness, query=vector)
        if engine != "llm":
            return extractive_answer(query, lang, hits, self.index.provision_chunks, closeness)
        reason = "Aucun modèle de langage n'est configuré (llm_url)"
        if self.llm is not None:
            try:
                return self.llm.draft(query, lang, hits)
            except LLMUnavailable as exc:
                log.warning("LLM engine unavailable, falling back to the extractive engine: %s", exc)
                reason = f"Le modèle de langage n'a pas répondu ({exc})"
        fallback = extractive_answer(query, lang, hits, self.index.provision_chunks, closeness)
        fallback.notes.append(f"{reason} : réponse extractive à la place.")
        return fallback

    def answer(
        self,
        question: str,
        history: list[str] | None = None,
        filters: Filters | None = None,
        today: date | None = None,
        engine: str = "extractive",
    ) -> Answer:
        """A verified, cited answer in French, or a refusal that says the texts do not answer."""
        started = time.perf_counter()
        query = rewrite(question, history)
        lang = guess_language(query)
        # What the amending act changes is a list no passage holds: its Article 1, read point by point.
        changes = (
            amended_provisions(self.index.chunks, self.index.law_in_force, lang) if asks_amendments(query) else None
        )
        retriever = HybridRetriever(self.index, self.embedder, self.hybrid)
        hits, signals = retriever.search_with_signals(query, lang, k=ANSWER_HITS, filters=filters)
        # A follow-up (« et pour la maîtrise de l'IA ? ») names the topic itself; the conversation names the act.
        topic = (topic_of(question, lang) or topic_of(query, lang)) if changes else None
        if changes and topic:
            topic_hits = retriever.search(topic, lang, k=ANSWER_HITS, filters=filters)
            changes = changes.about(topic_hits)
            hits = changes.first(topic_hits) if changes.topical else hits
        result = (self._untouched_text(query, changes) if changes else None) or self._refusal_before_drafting(
            query, lang, hits, signals, listed=changes is not None
        )
        if result is None:
            result = verify(self._draft(query, lang, hits, engine, signals), self._by_id, lang)
            if changes and (result.refused or result.citations[0].chunk.doc_id not in AI_ACT_TEXTS):
                result = _amending_opening(changes, result)
            if result.refused:
                result.text = refusal_text(hits)
            else:
                self._add_law_in_force(query, lang, result, today or self.settings.today or date.today(), changes)
                result = self._refusal_for_missing_fact(query, hits, result) or result
        if query != question:
            result.notes.insert(0, f"Question comprise avec la conversation : « {query} »")
        result.latency_ms = (time.perf_counter() - started) * 1000
        return result

    def _refusal_before_drafting(
        self, query: str, lang: str, hits: list[Hit], signals: Signals, listed: bool = False
    ) -> Answer | None:
        """A refusal, with its reason, when the question is about a text the corpus never mentions or does not hold,
        about past events, the French measures applying the AI Act, a subject another law governs, a publication
        the index does not hold, the concrete steps of a procedure or whether a product was found compliant; or
        when the evidence is too weak, except when the answer is a list Cadre reads off a text (`listed`: what the
        amending act changes)."""
        unknown = unknown_text(query, self.index.mentions)
        # An act or a publication named, whose content the corpus does not hold.
        foreign = foreign_act_asked(query) or unheld_publication(query, self._publishes)
        reason = (
            (unknown and f"« {unknown} » n'apparaît dans aucun des textes de référence.")
            or (foreign and f"« {foreign} » : {NOT_HELD}")
            or next(filter(None, (rule(query) for rule in _OUT_OF_SCOPE)), None)
        )
        if reason or (self.refusal.refuses(query, lang, hits, signals) and not listed):
            return Answer(text=refusal_text(hits, reason or None), refused=True)
        return None

    def _publishes(self, publisher: str) -> bool:
        """Whether an indexed document comes from `publisher`, as its catalogue title or short name, or the name of
        the file a user added, says (« guide Etalab / DINUM »)."""
        indexed = {source.doc_id: Path(source.path).stem for source in self.index.manifest.sources}
        catalogued = [
            f"{edition.title} {edition.short}"
            for edition in load_catalogue(self.settings.sources_file, self.settings.corpus_dir)
            if edition.doc_id in indexed
        ]
        names = fold(" ".join([*catalogued, *indexed.values()]).replace("_", " ")).casefold()
        return fold(publisher).casefold() in re.findall(r"\w+", names)

    def _untouched_text(self, query: str, changes: AmendmentList) -> Answer | None:
        """For « l'omnibus a-t-il modifié le RGPD ? », the regulations the amending act amends, each by the sentence
        that opens its article, and that the text asked about is not among them."""
        doc = untouched_text(query)
        if doc is None:
            return None
        name = next((c.provision_label.split(",")[0] for c in self.index.chunks if c.doc_id == doc), doc)
        citations = [replace(c, n=n) for n, c in enumerate(changes.acts, 1)]
        opening = f"Le {AMENDED_BY} ne modifie que les règlements cités ci-dessous ; « {name} » n'en fait pas partie."
        text = "\n".join([opening, *(quote_line(c) for c in citations)])
        return Answer(text=text, refused=False, citations=citations, notes=[f"Le {AMENDED_BY} est cité {IN_ENGLISH}."])

    @staticmethod
    def _refusal_for_missing_fact(query: str, hits: list[Hit], result: Answer) -> Answer | None:
        """A refusal when the question asks an amount or a time limit and the verified answer gives none; the
        answer's notes go with it, since they speak of citations the refusal no longer shows."""
        fact = asked_fact(query)
        if fact not in REQUIRED or gives(fact, "\n".join([result.text, *result.notes])):
            return None
        reason = f"Les passages trouvés ne donnent pas {fact.value}."
        return Answer(text=refusal_text(hits, reason), refused=True)

    def _add_law_in_force(
        self, question: str, lang: str, result: Answer, today: date, changes: AmendmentList | None = None
    ) -> None:
        notes, added = amendment_notes(result.citations, self.index.law_in_force, lang)
        # The calendar goes with a "when" question whose answer rests first on the AI Act or its amendment, not with
        # a GDPR question that happens to cite it further down. It is quoted from the consolidated article, which the
        # answer may already cite.
        if asks_when(question) and result.citations and result.citations[0].chunk.doc_id in AI_ACT_TEXTS:
            dates, article = application_dates(self.index.chunks, today)
            if article is not None and dates:
                cited = _cite_once(result.citations, added, article)
                notes.append(f"Dates d'application du RIA modifié (article 113, texte consolidé) [{cited}] :")
                notes.extend(dates)
        if changes and changes.provisions:
            cited = _cite_once(result.citations, added, changes.opening)
            notes.append(
                f"Dispositions du RIA modifiées ou insérées par l'article 1er du {AMENDED_BY} [{cited}], "
                f"avec les points de cet article (texte modificatif {IN_ENGLISH}) :"
            )
            notes.extend(provision.line() for provision in changes.provisions)
        result.citations.extend(added)
        result.notes.extend(notes)


def _amending_opening(changes: AmendmentList, draft: Answer) -> Answer:
    """For what the amending act changes, a draft that does not rest on the AI Act texts (« les communes » matched
    the CRPA) gives way to the amending article's opening, which the list of its points then follows."""
    opening = replace(changes.opening, n=1)
    return Answer(text=quote_line(opening), refused=False, citations=[opening], engine=draft.engine)


def _cite_once(citations: list[Citation], added: list[Citation], citation: Citation) -> int:
    """The number under which the answer cites `citation`'s passage, appending it to `added` if it is not cited."""
    cited = next((c.n for c in [*citations, *added] if c.chunk.id == citation.chunk.id), None)
    if cited is None:
        added.append(replace(citation, n=len(citations) + len(added) + 1))
        cited = added[-1].n
    return cited


@cache
def default_cadre() -> Cadre:
    return Cadre()


def retrieve(question: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
    return default_cadre().retrieve(question, k=k, filters=filters)


def answer(question: str, history: list[str] | None = None, **settings: object) -> Answer:
    """`settings` may give `filters` and `today` (for tests and trainers who need a fixed date)."""
    return default_cadre().answer(question, history, **settings)


def ingest(paths: list[Path] | None = None, force: bool = False) -> IngestReport:
    return default_cadre().ingest(paths, force=force)
