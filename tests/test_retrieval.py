"""Hybrid retrieval over the real index: filters, editions, determinism, the LangChain adapter and the CLI."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from assistant.api import Cadre
from assistant.retrieval.context import whole_provision
from assistant.retrieval.filters import BINDING, Filters
from assistant.retrieval.hybrid import HybridRetriever, HybridSettings
from assistant.retrieval.langchain_adapter import CadreRetriever
from assistant.retrieval.query_adapter import ADAPTER_FILE, load_adapter

QUESTION = "Quelles pratiques d'intelligence artificielle sont interdites ?"


def test_hits_are_one_per_provision_in_the_question_language(cadre):
    hits = cadre.retrieve(QUESTION, k=10)
    keys = [(h.chunk.doc_id, h.chunk.ref or h.chunk.id) for h in hits]
    assert len(keys) == len(set(keys)) == 10
    ai_act = [h for h in hits if h.chunk.doc_id == "ai-act"]
    assert ai_act and all(h.chunk.lang == "fr" for h in ai_act)
    # The second holds as many French stop words (« on », « ai ») as English ones ("the"): "what" and "did" tell.
    for question in ("Which AI practices are prohibited?", "What did the omnibus change on AI literacy?"):
        english = cadre.retrieve(question, k=10)
        assert all(h.chunk.lang == "en" for h in english if h.chunk.doc_id == "ai-act"), question
    with_alternates = [h for h in ai_act if any(a.lang == "en" for a in h.alternates)]
    assert with_alternates


def test_a_long_guide_section_is_one_hit(cadre):
    hits = cadre.retrieve("Une mairie doit-elle publier les règles de ses algorithmes ?", k=10)
    sections = [h.chunk.label for h in hits if h.chunk.ref is None]
    assert sections and len(sections) == len(set(sections))
    assert any(sum(c.label == label for c in cadre.index.chunks) > 1 for label in sections)


def test_filters_exclude_what_they_should(cadre):
    binding = cadre.retrieve(QUESTION, k=20, filters=Filters(authorities=BINDING))
    assert binding and all(h.chunk.authority in BINDING for h in binding)
    gdpr = cadre.retrieve(QUESTION, k=10, filters=Filters(doc_ids=("gdpr",)))
    assert gdpr and {h.chunk.doc_id for h in gdpr} == {"gdpr"}
    english = cadre.retrieve(QUESTION, k=10, filters=Filters(langs=("en",)))
    assert english and {h.chunk.lang for h in english} == {"en"}
    assert all(a.lang == "en" for h in english for a in h.alternates)
    consolidated = next(c.version for c in cadre.index.chunks if c.version.startswith("consolidated"))
    only = cadre.retrieve("AI literacy of staff", k=5, filters=Filters(versions=(consolidated,)))
    assert only and {h.chunk.version for h in only} == {consolidated}


def test_results_are_deterministic(cadre):
    runs = [[(h.chunk.id, round(h.score, 9)) for h in cadre.retrieve(QUESTION, k=10)] for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]


def test_an_annex_point_pins_the_passage_that_holds_it_and_is_labelled_a_point(cadre):
    first = cadre.retrieve("Que couvre l'annexe III, point 5, du RIA ?", k=5)[0]
    assert first.chunk.ref == "annex:III" and "reference" in first.retrievers
    assert "5. Accès et droit aux services privés essentiels" in first.chunk.text
    assert ", point" in first.chunk.label and "§" not in first.chunk.label


def test_a_paragraph_widens_to_its_whole_article(cadre):
    paragraph = next(c for c in cadre.index.chunks if c.ref == "art:35" and c.doc_id == "gdpr" and c.paragraphs)
    article = whole_provision(cadre.index, paragraph)
    assert paragraph.text in article and len(article) > len(paragraph.text)
    assert article.startswith("Article 35")


def test_langchain_retriever_returns_cited_documents(cadre):
    documents = CadreRetriever(cadre=cadre, k=3).invoke(QUESTION)
    assert len(documents) == 3
    assert all(d.metadata["label"] and d.metadata["url"] and d.page_content for d in documents)
    assert [d.metadata["rank"] for d in documents] == [1, 2, 3]


def test_search_cli_json_shape(cadre, settings):
    command = [sys.executable, "-m", "assistant", "search", QUESTION, "--k", "3", "--json"]
    result = subprocess.run(
        [*command, "--index", str(settings.index_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    hits = json.loads(result.stdout)["hits"]
    assert [h["rank"] for h in hits] == [1, 2, 3]
    expected = {"rank", "doc_id", "ref", "label", "lang", "version", "score", "page", "url", "text"}
    assert all(set(h) == expected for h in hits)


def test_a_recital_found_lifts_the_article_it_explains(cadre):
    chunks, links = cadre.index.chunks, cadre.index.recital_links
    recital = next(r for r, c in enumerate(chunks) if (c.doc_id, c.ref, c.lang) == ("ai-act", "recital:134", "fr"))
    article = int(links[recital])
    others = [r for r, c in enumerate(chunks) if c.kind == "article" and r != article][:6]
    ranking = [(row, 0.9 - i / 100) for i, row in enumerate([*others[:2], recital, *others[2:], article])]
    lifted = HybridRetriever(cadre.index, cadre.embedder, HybridSettings(recital_lift=0.6)).lift_explained_articles(
        ranking
    )
    rows = [row for row, _ in lifted]
    assert chunks[article].ref == "art:50"
    assert rows.index(article) == 4, "the recital's rank 2 / 0.6 ≈ 3.3 places its article between ranks 3 and 4"
    assert rows[:3] == [others[0], others[1], recital] and len(rows) == len(ranking)
    unlifted = HybridRetriever(cadre.index, cadre.embedder, HybridSettings(recital_lift=0.0))
    assert unlifted.lift_explained_articles(ranking) == ranking


def _labels(cadre, question: str, **settings) -> list[str]:
    retriever = HybridRetriever(cadre.index, cadre.embedder, replace(cadre.hybrid, **settings))
    return [hit.chunk.label for hit in retriever.search(question, "fr", k=cadre.hybrid.sentence_depth)]


def test_the_closest_sentence_reorders_the_leading_provisions(cadre):
    """Article 22 says in one sentence what the agent asks; fusion alone, with the plain question vector and the
    special parts of the Loi Informatique et Libertés weighed like the rest, puts a longer, looser article first (its
    Article 120)."""
    question = "Un agent peut-il refuser une décision prise par un logiciel ?"
    fused = _labels(cadre, question, sentence_weight=0.0, special_regime_prior=1.0, query_adapter=None)
    reranked = _labels(cadre, question, special_regime_prior=1.0, query_adapter=None)
    assert reranked[0] == "RGPD, article 22, §§ 1 à 2" != fused[0]
    assert sorted(reranked) == sorted(fused), "the re-ranking only reorders what fusion found"


def test_a_named_provision_stays_first_whatever_its_sentences(cadre):
    question = "Article 95 de la loi Informatique et Libertés : un agent peut-il refuser la décision d'un logiciel ?"
    assert _labels(cadre, question)[0] == "Loi Informatique et Libertés, article 95"


def test_score_fusion_ranks_by_rescaled_scores(cadre):
    """The alternative to RRF that `evaluation.tune_fusion` measures: each retriever's scores mapped onto [0, 1]."""
    settings = replace(cadre.hybrid, fusion="scores")
    shares = settings.fused([(7, 12.0), (3, 9.0), (5, 4.0)])
    assert shares == [(7, 1.0), (3, 0.625), (5, 0.0)]
    firsts = {_labels(cadre, QUESTION, fusion=fusion)[0].partition(" §")[0] for fusion in ("scores", "rrf")}
    assert firsts == {"RIA, article 5,"}


def test_a_text_the_question_names_weighs_more(cadre):
    """« Que dit le CRPA » asks for the code: without the boost the Etalab guide, which explains it, comes first."""
    question = "Que dit le CRPA sur la mention explicite ?"
    assert _labels(cadre, question, named_document_boost=1.0)[0].startswith("Guide Etalab")
    assert _labels(cadre, question)[0] == "CRPA, article L. 311-3-1"
    gdpr = _labels(cadre, "Le RGPD s'applique-t-il aux données des agents ?")
    assert gdpr[0].startswith("RGPD") and sum(label.startswith("RGPD") for label in gdpr) >= 3


def test_a_text_named_but_out_of_reach_is_searched_on_its_own(cadre):
    """The omnibus exists only in English: over the whole corpus, the plain vector of a French question leaves it out
    of the first ten, and the search of the named text alone brings it back."""
    question = "Que change le règlement omnibus pour les communes ?"
    assert not any(
        label.startswith("Omnibus IA") for label in _labels(cadre, question, named_document_place=0, query_adapter=None)
    )
    plain = HybridRetriever(cadre.index, cadre.embedder, replace(cadre.hybrid, query_adapter=None))
    hits = plain.search(question, "fr", k=5)
    assert hits[1].chunk.doc_id == "reg-2026-1744" and "document" in hits[1].retrievers
    assert "reg-2026-1744" in {hit.chunk.doc_id for hit in cadre.retrieve(question, k=2)}
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    chosen = cadre.retrieve(question, k=5, filters=Filters(doc_ids=("gdpr", "crpa")))
    assert {hit.chunk.doc_id for hit in chosen} <= {"gdpr", "crpa"}, "a document filter is the user's choice"


def test_a_question_on_when_a_text_applies_gets_its_entry_into_force_article_first(cadre):
    """« C'est pour quand ? » about the AI Act is answered by its Article 113, shown in the edition in force; asked of
    the GDPR or of the omnibus, by theirs. « Quelles obligations s'appliquent » asks which rules, not since when."""
    assert cadre.index.application_articles == {"ai-act": "art:113", "reg-2026-1744": "art:4", "gdpr": "art:99"}
    when = cadre.retrieve("Les obligations sur les outils d'IA à haut risque, c'est pour quand ?", k=3)
    assert (when[0].chunk.doc_id, when[0].chunk.ref, when[0].retrievers) == ("ai-act", "art:113", ("dates",))
    assert when[0].chunk.version.startswith("consolidated")
    which = cadre.retrieve("Quelles obligations s'appliquent aux chatbots ?", k=10)
    assert all(hit.chunk.ref != "art:113" for hit in which)
    gdpr = cadre.retrieve("Depuis quand le RGPD est-il applicable ?", k=3)
    assert (gdpr[0].chunk.doc_id, gdpr[0].chunk.ref, gdpr[0].chunk.lang) == ("gdpr", "art:99", "fr")
    assert all(hit.chunk.ref != "art:113" for hit in gdpr)
    omnibus = cadre.retrieve("Le règlement omnibus s'applique depuis quand ?", k=3)
    assert (omnibus[0].chunk.doc_id, omnibus[0].chunk.ref) == ("reg-2026-1744", "art:4")
    filtered = cadre.retrieve(
        "Les obligations sur les outils d'IA à haut risque, c'est pour quand ?", k=3, filters=Filters(doc_ids=("gdpr",))
    )
    assert all(hit.chunk.doc_id == "gdpr" for hit in filtered)


def test_the_special_parts_of_a_law_are_found_by_their_opening_article(cadre):
    """Loi Informatique et Libertés: Title III (criminal-law processing) runs from Article 87 to 114, Title IV (State
    security) from 115; Title II, which opens with « ne s'applique pas », and Title I are the general regime. The
    AI Act's Article 100 is titled for the Union's institutions, in both languages."""
    regimes = cadre.index.special_regimes
    police = regimes[("loi-78-17", "art:87")]
    assert police.opening.startswith("Le présent titre s'applique") and {"infract", "penal"} <= police.terms
    assert all(regimes[("loi-78-17", f"art:{n}")] is police for n in (90, 103, 114))
    assert regimes[("loi-78-17", "art:115")] is not police and regimes[("loi-78-17", "art:116")] is not police
    assert not {("loi-78-17", f"art:{n}") for n in (1, 20, 42, 86)} & regimes.keys()
    union = regimes[("ai-act", "art:100")]
    assert "institu" in union.terms, "the French title's words count as well as the English one's"
    assert [key for key in regimes if key[0] != "loi-78-17"] == [("ai-act", "art:100")]


def test_a_special_part_is_set_back_unless_the_question_is_about_it(cadre):
    """The police-and-justice article on data protection officers (LIL 103) restates the GDPR for criminal-law
    processing: it is not an answer for a commune, and it is one for a question on criminal offences. Likewise the
    AI Act's fines on the Union's institutions."""

    def rank(question: str, settings: HybridSettings, provision: tuple[str, str] = ("loi-78-17", "art:103")) -> int:
        hits = HybridRetriever(cadre.index, cadre.embedder, settings).search(question, "fr", k=10)
        return next((i for i, h in enumerate(hits) if (h.chunk.doc_id, h.chunk.ref) == provision), 10)

    commune = "Notre commune doit-elle désigner un délégué à la protection des données ?"
    police = "Pour des enquêtes sur des infractions pénales, faut-il désigner un délégué à la protection des données ?"
    level = replace(HybridSettings(), special_regime_prior=1.0)
    assert rank(commune, HybridSettings()) > rank(commune, level)
    assert rank(police, HybridSettings()) == rank(police, level) < 10
    # The fines the Union's institutions risk (AI Act Article 100) are not a commune's.
    fines = "Quelle amende risque-t-on si on utilise quand même un outil d'IA qui fait partie des usages interdits ?"
    assert rank(fines, HybridSettings(), ("ai-act", "art:100")) > rank(fines, level, ("ai-act", "art:100"))
    union = "Quelles amendes le Contrôleur européen peut-il infliger aux institutions de l'Union ?"
    assert rank(union, HybridSettings(), ("ai-act", "art:100")) == 0
    # Set back, Article 100 may still rank among the passages an answer reads: it is marked, and not quoted.
    hits = HybridRetriever(cadre.index, cadre.embedder).search(fines, "fr", k=10)
    assert any(h.set_aside for h in hits if (h.chunk.doc_id, h.chunk.ref) == ("ai-act", "art:100"))
    assert "article 100" not in " ".join(c.chunk.label for c in cadre.answer(fines).citations)
    assert not any(h.set_aside for h in HybridRetriever(cadre.index, cadre.embedder).search(union, "fr", k=10))
    assert cadre.answer(union).citations[0].chunk.ref == "art:100"


def test_everyday_words_find_the_rule_through_the_legal_terms(cadre):
    """US servers are a transfer to a third country (GDPR Chapter V), traffic lights a critical infrastructure
    (AI Act Annex III, point 2): neither question uses the texts' words, which the expansion adds."""
    for question, rule in (
        (
            "Notre chatbot est fourni par une société américaine qui garde les conversations des habitants sur ses "
            "serveurs aux États-Unis. Quelles règles s'appliquent ?",
            tuple(f"RGPD, article {n}" for n in (44, 45, 46, 49)),
        ),
        (
            "Une IA qui règle les feux de circulation du centre-ville est-elle considérée comme à haut risque ?",
            ("RIA, annexe III, point 2", "RIA, annexe III, points 2"),
        ),
    ):
        assert any(label.startswith(rule) for label in _labels(cadre, question)[:5])
        assert not any(label.startswith(rule) for label in _labels(cadre, question, expansion=False)[:5])


def test_the_query_adapter_is_the_models_own_and_leaves_the_refusal_signal_alone(cadre, caplog, tmp_path):
    dim = cadre.index.dense.d
    adapter = load_adapter(cadre.embedder.model_id)
    assert adapter is not None and adapter.matrix.shape == (dim, dim)
    with caplog.at_level(logging.WARNING, logger="assistant.retrieval.query_adapter"):
        assert load_adapter("another-model") is None
        assert load_adapter(cadre.embedder.model_id, tmp_path / "absent.npz") is None
    assert "learned for" in caplog.text and "No query adapter" in caplog.text
    question = "Que doit faire la mairie avant d'utiliser un logiciel qui trie les candidatures ?"
    dense = replace(cadre.hybrid, mode="dense")
    plain = HybridRetriever(cadre.index, cadre.embedder, replace(dense, query_adapter=None))
    adapted = HybridRetriever(cadre.index, cadre.embedder, dense)
    plain_hits, plain_signals = plain.search_with_signals(question, "fr")
    adapted_hits, adapted_signals = adapted.search_with_signals(question, "fr")
    assert [h.chunk.id for h in adapted_hits] != [h.chunk.id for h in plain_hits]
    assert adapted_signals.dense_top == plain_signals.dense_top, "the refusal reads the plain vector's cosine"


CHARTER = """# Charte d'usage de l'intelligence artificielle de la commune de Saint-Aubin-des-Prés

Les agents de Saint-Aubin-des-Prés n'utilisent un assistant conversationnel grand public qu'avec des textes
publics : aucun nom d'usager, aucun dossier d'état civil ni aucune donnée de santé n'y est saisi.

Chaque service tient à jour la liste des outils d'intelligence artificielle qu'il emploie et la transmet chaque
année au référent numérique de la mairie.
"""


def test_a_document_a_collectivite_adds_is_found_with_the_adapter_on(cadre, settings, tmp_path):
    """No training question was about it: the plain vector's ranking, fused in, keeps its place in the dense one."""
    copy = tmp_path / "index"
    shutil.copytree(settings.index_dir, copy)
    folder = tmp_path / "charte"
    folder.mkdir()
    (folder / "charte_ia_saint_aubin.md").write_text(CHARTER, encoding="utf-8")
    user = Cadre(replace(settings, index_dir=copy))
    user.ingest([folder])
    question = "À qui les services de Saint-Aubin-des-Prés transmettent-ils la liste de leurs outils d'IA ?"
    assert user.retrieve(question, k=3)[0].chunk.doc_id.startswith("perso-")

    def dense_rank(adapter: Path | None) -> int:
        dense = replace(user.hybrid, mode="dense", query_adapter=adapter)
        hits = HybridRetriever(user.index, user.embedder, dense).search(question, "fr", k=10)
        return next(rank for rank, hit in enumerate(hits) if hit.chunk.doc_id.startswith("perso-"))

    assert dense_rank(ADAPTER_FILE) <= dense_rank(None)
