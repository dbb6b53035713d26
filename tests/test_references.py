"""Provisions named in questions, as the ref keys that `structure` gives the real corpus."""

from __future__ import annotations

import pytest

from assistant.retrieval.references import Reference, find_references, mentioned_documents
from assistant.sources.loading import load_edition
from assistant.structure.provisions import provisions


def _refs(question: str) -> list[tuple[str | None, str, str | None]]:
    return [(r.doc_id, r.ref, r.paragraph) for r in find_references(question)]


CASES = [
    # a document named after the number, in French and English, with either apostrophe
    ("Que dit l'article 5 du RIA ?", [("ai-act", "art:5", None)]),
    ("Que dit l’article 5 de l’AI Act ?", [("ai-act", "art:5", None)]),
    ("ARTICLE 5 DU RIA", [("ai-act", "art:5", None)]),
    ("art. 22 RGPD", [("gdpr", "art:22", None)]),
    ("art 22 du règlement général sur la protection des données", [("gdpr", "art:22", None)]),
    ("art 22 du reglement general sur la protection des donnees", [("gdpr", "art:22", None)]),
    ("article 35 GDPR", [("gdpr", "art:35", None)]),
    ("l'article 5 du règlement (UE) 2024/1689", [("ai-act", "art:5", None)]),
    ("Article 5(1)(a) of Regulation (EU) 2024/1689", [("ai-act", "art:5", "1")]),
    ("l'article 10 du règlement sur l'intelligence artificielle", [("ai-act", "art:10", None)]),
    ("article 1 de l'Omnibus", [("reg-2026-1744", "art:1", None)]),
    ("article 3 du règlement 2026/1744", [("reg-2026-1744", "art:3", None)]),
    ("article premier de la loi Informatique et Libertés", [("loi-78-17", "art:1", None)]),
    ("article 47 de la loi de 1978", [("loi-78-17", "art:47", None)]),
    ("article 47 de la loi n° 78-17", [("loi-78-17", "art:47", None)]),
    ("l'article 10 de la loi du 6 janvier 1978", [("loi-78-17", "art:10", None)]),
    ("l'article 20-1 de la LIL", [("loi-78-17", "art:20-1", None)]),
    ("article 8 de la loi pour une République numérique", [("loi-2016-1321", "art:8", None)]),
    ("l'article 4 de la loi Lemaire", [("loi-2016-1321", "art:4", None)]),
    ("article 7 de la loi 2018-493", [("loi-2018-493", "art:7", None)]),
    # a document named before the number
    ("le RIA, en son article 5", [("ai-act", "art:5", None)]),
    ("RGPD art. 9", [("gdpr", "art:9", None)]),
    ("the AI Act's Article 5", [("ai-act", "art:5", None)]),
    ("loi informatique et libertés article 47", [("loi-78-17", "art:47", None)]),
    # no document named: the caller looks in each
    ("l'article 1er", [(None, "art:1", None)]),
    ("article 4 bis", [(None, "art:4a", None)]),
    ("Article 60a", [(None, "art:60a", None)]),
    ("considérant 27", [(None, "recital:27", None)]),
    ("recital 27", [(None, "recital:27", None)]),
    ("considérant (27)", [(None, "recital:27", None)]),
    ("Annex III", [(None, "annex:III", None)]),
    ("annexe 3", [(None, "annex:III", None)]),
    ("article 5 du présent règlement", [(None, "art:5", None)]),
    # paragraphs
    ("Article 26(1) AI Act", [("ai-act", "art:26", "1")]),
    ("Article 26 (1) of the AI Act", [("ai-act", "art:26", "1")]),
    ("article 26, paragraphe 1", [(None, "art:26", "1")]),
    ("article 26 § 1", [(None, "art:26", "1")]),
    ("article 26, alinéa 1", [(None, "art:26", "1")]),
    ("le paragraphe 2 de l'article 5 du RIA", [("ai-act", "art:5", "2")]),
    ("l'article 6, paragraphe 1, point e), du RGPD", [("gdpr", "art:6", "1")]),
    ("Article 6(1)(e) GDPR", [("gdpr", "art:6", "1")]),
    # code articles belong to the CRPA, with or without the word "article"
    ("l'article L. 311-3-1", [("crpa", "art:L311-3-1", None)]),
    ("L311-3-1", [("crpa", "art:L311-3-1", None)]),
    ("Que prévoit le L. 311-3-1 ?", [("crpa", "art:L311-3-1", None)]),
    ("article R. 311-3-1-2", [("crpa", "art:R311-3-1-2", None)]),
    ("D312-1-4", [("crpa", "art:D312-1-4", None)]),
    ("art. L.311-3-1 CRPA", [("crpa", "art:L311-3-1", None)]),
    ("deuxième alinéa de l'article L. 311-3-1", [("crpa", "art:L311-3-1", "2")]),
    # annexes
    ("annexe III du RIA", [("ai-act", "annex:III", None)]),
    ("Annex III to the AI Act", [("ai-act", "annex:III", None)]),
    ("l'annexe III, point 5, du RIA", [("ai-act", "annex:III", "5")]),
    ("Annex III, point 5(a) AI Act", [("ai-act", "annex:III", "5")]),
    ("annexe III, § 5, du RIA", [("ai-act", "annex:III", "5")]),
    # not references
    ("les 5 articles du RIA", []),
    ("un article de presse", []),
    ("applicable à partir du 1er janvier 2026", []),
    ("une amende de 35 000 000 EUR ou 7 %", []),
    ("règlement 2024/1689", []),
    ("point 5", []),
    ("en considérant 3 cas d'usage", []),
    ("Comment le RIA s'articule-t-il avec le RGPD ?", []),
    # references to acts outside the corpus are not pinned
    ("l'article 5 du code civil", []),
    ("l'article L. 1111-1 du CGCT", []),
    ("l'article 5 de la directive (UE) 2016/680", []),
    ("article 2 du décret n° 2017-330", []),
    ("L'article 5 de la loi du 7 juillet 2016 relative à la liberté de création", []),
]


@pytest.mark.parametrize(("question", "expected"), CASES)
def test_references_found_in_questions(question, expected):
    assert _refs(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("articles 13 à 15 du RIA", [("ai-act", f"art:{n}", None) for n in (13, 14, 15)]),
        ("articles 13-15", [(None, f"art:{n}", None) for n in (13, 14, 15)]),
        ("art. 13 a 15 RIA", [("ai-act", f"art:{n}", None) for n in (13, 14, 15)]),
        ("de l'article 13 à l'article 15", [(None, f"art:{n}", None) for n in (13, 14, 15)]),
        ("considérants 26 à 28 du RIA", [("ai-act", f"recital:{n}", None) for n in (26, 27, 28)]),
        ("annexes I à III", [(None, f"annex:{n}", None) for n in ("I", "II", "III")]),
        ("articles 124-1 à 124-5 de la LIL", [("loi-78-17", f"art:124-{n}", None) for n in range(1, 6)]),
        ("articles L. 311-3-1 à L. 311-3-2", [("crpa", "art:L311-3-1", None), ("crpa", "art:L311-3-2", None)]),
    ],
)
def test_ranges_expand_to_each_provision(question, expected):
    assert _refs(question) == expected


def test_a_range_of_more_than_ten_keeps_only_its_ends():
    assert _refs("articles 1 à 50 du RIA") == [("ai-act", "art:1", None), ("ai-act", "art:50", None)]
    assert len(find_references("articles 8 à 17 du RIA")) == 10


def test_hyphenated_numbers_that_do_not_increase_are_single_articles():
    assert _refs("articles 20-1 et 22-1 de la loi 78-17") == [
        ("loi-78-17", "art:20-1", None),
        ("loi-78-17", "art:22-1", None),
    ]


def test_a_singular_keyword_does_not_start_a_list_or_a_range():
    assert _refs("l'article 5 a 2 paragraphes") == [(None, "art:5", None)]
    assert _refs("l'article 5 a été modifié") == [(None, "art:5", None)]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("articles 5 et 6", [(None, "art:5", None), (None, "art:6", None)]),
        ("articles 5, 6 et 7 du RGPD", [("gdpr", f"art:{n}", None) for n in (5, 6, 7)]),
        ("Articles 13, 14, and 15 of the AI Act", [("ai-act", f"art:{n}", None) for n in (13, 14, 15)]),
        ("annexes III et IV du RIA", [("ai-act", "annex:III", None), ("ai-act", "annex:IV", None)]),
        ("recitals 26 and 27 of the GDPR", [("gdpr", "recital:26", None), ("gdpr", "recital:27", None)]),
        ("l'article 5 et l'article 6 du RIA", [("ai-act", "art:5", None), ("ai-act", "art:6", None)]),
        ("l'article 5 du RIA et l'article 22 du RGPD", [("ai-act", "art:5", None), ("gdpr", "art:22", None)]),
        ("l'article 22 du RGPD vs article 22 RIA", [("gdpr", "art:22", None), ("ai-act", "art:22", None)]),
        (
            "l'article 22 du RGPD et l'article L. 311-3-1 du CRPA",
            [("gdpr", "art:22", None), ("crpa", "art:L311-3-1", None)],
        ),
        (
            "article L. 311-3-1 et R. 311-3-1-2 du CRPA",
            [("crpa", "art:L311-3-1", None), ("crpa", "art:R311-3-1-2", None)],
        ),
        ("l'article 5 et l'annexe III du RIA", [("ai-act", "art:5", None), ("ai-act", "annex:III", None)]),
    ],
)
def test_several_references_in_one_question(question, expected):
    assert _refs(question) == expected


def test_the_only_document_named_applies_to_references_that_name_none():
    assert _refs("l'article 5 du RIA renvoie-t-il à l'article 9 ?") == [
        ("ai-act", "art:5", None),
        ("ai-act", "art:9", None),
    ]
    assert _refs("Que dit le RGPD sur les décisions automatisées (art. 22) ?") == [("gdpr", "art:22", None)]
    assert _refs("Le RGPD et le RIA : que dit l'article 22 ?") == [(None, "art:22", None)]


def test_the_same_reference_is_returned_once():
    assert find_references("article 5 du RIA ; encore l'article 5 du RIA") == [Reference("ai-act", "art:5")]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Le RIA et le RGPD", ["ai-act", "gdpr"]),
        ("AI Act, GDPR, AI Act", ["ai-act", "gdpr"]),
        ("la loi n° 78-17 du 6 janvier 1978 et le CRPA", ["loi-78-17", "crpa"]),
        ("règlement 2024/1689 modifié par le règlement 2026/1744", ["ai-act", "reg-2026-1744"]),
        ("le code des relations entre le public et l'administration", ["crpa"]),
        ("la loi pour une République numérique et la loi 2018-493", ["loi-2016-1321", "loi-2018-493"]),
        ("le guide Etalab sur les algorithmes publics", ["guide-etalab-algorithmes"]),
        ("le règlement (UE) 2016/679", ["gdpr"]),
        ("le règlement IA et l'Omnibus IA", ["ai-act", "reg-2026-1744"]),
        ("the Artificial Intelligence Act and the General Data Protection Regulation", ["ai-act", "gdpr"]),
        ("l'article L. 311-3-1", []),
        ("le code civil et la directive 2016/680", []),
        ("Après la réforme de 2026, faut-il encore s'inscrire ?", ["reg-2026-1744"]),
        ("On m'a dit que l'Europe avait assoupli cette obligation en 2026.", ["reg-2026-1744"]),
        ("Les obligations s'appliquent-elles en août 2026 ?", []),
    ],
)
def test_mentioned_documents(question, expected):
    assert mentioned_documents(question) == expected


RESOLVED = [
    ("ai-act", "AI_Act_2024-1689_consolidated_02024R1689-20260727_EN_formex.xml", "Article 4 bis et annexe III du RIA"),
    ("ai-act", "AI_Act_2024-1689_consolidated_02024R1689-20260727_EN_formex.xml", "Articles 75a, 75b and 60a AI Act"),
    ("ai-act", "AI_Act_2024-1689_OJ_EN_eurlex.html", "considérants 26 à 28 et article 5 du RIA"),
    ("crpa", "CRPA_LEGITEXT000031366350_socialgouv-legi-data_2026-05-28.json", "articles L. 311-3-1 et R. 311-3-1-2"),
    ("crpa", "CRPA_LEGITEXT000031366350_socialgouv-legi-data_2026-05-28.json", "D. 312-1-4 du CRPA"),
    (
        "loi-78-17",
        "Loi_78-17_Informatique_et_Libertes_JORFTEXT000000886460_ansvar-seed.json",
        "articles 124-1 à 124-5 LIL",
    ),
    (
        "loi-78-17",
        "Loi_78-17_Informatique_et_Libertes_JORFTEXT000000886460_ansvar-seed.json",
        "article premier de la LIL",
    ),
    ("reg-2026-1744", "AI_Act_amending_2026-1744_Omnibus_EN_formex.xml", "articles 1 à 4 de l'Omnibus"),
]


@pytest.mark.parametrize(("doc_id", "filename", "question"), RESOLVED)
def test_references_name_provisions_of_the_real_corpus(edition, settings, doc_id, filename, question):
    ed = edition(doc_id, filename)
    refs = {p.ref for p in provisions(load_edition(ed, settings))}
    found = find_references(question)
    assert found
    assert {r.doc_id for r in found} == {doc_id}
    assert {r.ref for r in found} <= refs
