"""Answers over the real index: verbatim citations, the verifier's repairs, refusal, law in force, follow-ups."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from functools import partial

from assistant.answering import national_measures, other_law, past_events, practical_steps, product_status
from assistant.answering.extractive import extractive_answer, opening
from assistant.answering.followup import rewrite
from assistant.answering.lead_in import lead_in
from assistant.answering.national_measures import NATIONAL_MEASURES
from assistant.answering.past_events import PAST_EVENTS
from assistant.answering.practical_steps import PRACTICAL_STEPS
from assistant.answering.product_status import PRODUCT_STATUS
from assistant.answering.publications import unheld_publication
from assistant.answering.qualifier import qualifier
from assistant.answering.refusal import REFUSAL, RefusalPolicy, coverage
from assistant.answering.unknown_text import unknown_text
from assistant.answering.verifier import verify
from assistant.api import Cadre
from assistant.cli import parser
from assistant.records import Answer, Citation
from assistant.retrieval.asked_fact import Fact, asked_fact, asks_when, gives, sets_scene
from assistant.retrieval.hybrid import HybridRetriever, Signals
from assistant.retrieval.references import foreign_act_asked
from assistant.structure.sentences import sentences

QUESTION = "Peut-on utiliser la reconnaissance faciale en temps réel dans l'espace public ?"


def test_every_citation_is_verbatim_in_its_indexed_chunk(cadre):
    answer = cadre.answer("Quelles obligations pour le déployeur d'un système d'IA à haut risque ?")
    assert not answer.refused and answer.citations
    indexed = {c.id: c.text for c in cadre.index.chunks}
    assert all(c.quote and c.quote in indexed[c.chunk.id] for c in answer.citations)
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert marks and marks <= {c.n for c in answer.citations}
    assert answer.engine == "extractive" and answer.latency_ms > 0


def test_binding_law_comes_first_and_the_point_opens_the_answer(cadre):
    answer = cadre.answer(QUESTION)
    assert answer.text.startswith(("Non", "Sous conditions", "Oui"))
    authorities = [c.chunk.authority.startswith("binding") for c in answer.citations]
    assert authorities == sorted(authorities, reverse=True)


def test_a_permission_or_duty_asked_anywhere_gets_the_direct_point(cadre):
    """The inverted verb need not start the question, nor the question the text: « la police municipale peut-elle »,
    or a scene first and « Doit-on… ? » after it. An open question (« dans quel délai… doit-elle ») gets none."""
    police = cadre.answer(
        "La police municipale peut-elle brancher la reconnaissance faciale en temps réel sur les caméras de la ville ?"
    )
    assert police.text.startswith("Non, en principe : RIA, article 5")
    scene = cadre.answer("Notre chatbot répond sur l'état civil. Doit-on dire aux gens qu'ils parlent à un robot ?")
    assert scene.text.startswith(("Oui", "Sous conditions"))
    for question in (
        "Dans quel délai la commune doit-elle répondre à une demande d'accès ?",
        "Concrètement, quelle amende risque-t-on ?",
        "Les habitants, que peuvent-ils demander ?",
        "Y a-t-il une limite légale à ces relances ?",
    ):
        assert opening(question, ["Les pratiques suivantes sont interdites:"]) == "", question


def test_a_list_item_is_read_with_the_sentence_that_introduces_it(cadre):
    """Article 5 § 1 c) (social scoring) says nothing of a ban by itself: « sont interdites » is in its lead-in,
    which may sit in an earlier chunk of the same paragraph."""
    item_chunk = next(
        c
        for c in cadre.index.chunks
        if c.doc_id == "ai-act" and c.ref == "art:5" and c.lang == "fr" and "c) la mise" in c.text
    )
    item = next(s for s in sentences(item_chunk) if s.text.startswith("c) "))
    lead = lead_in(item, cadre.index.provision_chunks(item_chunk))
    assert lead is not None and lead.text.endswith("interdites:")
    answer = cadre.answer("Peut-on noter nos habitants selon leur comportement pour attribuer les places en crèche ?")
    assert answer.text.startswith("Non")
    assert [c.quote for c in answer.citations[:2]] == [lead.text, item.text]


def test_sentences_close_in_meaning_to_the_question_are_the_ones_quoted(cadre):
    """« Faut-il un DPO ? » shares few words with the texts; by words alone the answer also quotes an impact
    assessment list and a French article on courts, by meaning it quotes only the articles on the DPO. The hits'
    scores are levelled, so that only the sentences choose."""
    question = "Faut-il un DPO dans une petite commune ?"
    found, signals = HybridRetriever(cadre.index, cadre.embedder, cadre.hybrid).search_with_signals(question, "fr")
    hits = [replace(hit, score=1.0) for hit in found]
    closeness = partial(cadre.index.sentence_closeness, query=signals.query)
    sentence = sentences(hits[0].chunk)[0]
    row = next(r for r, c in enumerate(cadre.index.chunks) if c.id == hits[0].chunk.id)
    stored = cadre.index.sentence_vectors[cadre.index.sentence_offsets[row]]
    assert math.isclose(closeness(sentence), float(stored @ signals.query), rel_tol=1e-6)

    def on_the_dpo(answer: Answer) -> list[bool]:
        return [
            (c.chunk.doc_id, c.chunk.ref) in {("gdpr", "art:37"), ("gdpr", "art:38"), ("gdpr", "art:39")}
            for c in answer.citations
        ]

    plain = extractive_answer(question, "fr", hits, cadre.index.provision_chunks)
    weighed = extractive_answer(question, "fr", hits, cadre.index.provision_chunks, closeness)
    assert all(on_the_dpo(weighed)) and not all(on_the_dpo(plain))


def test_a_passage_ranked_far_behind_the_first_is_not_quoted_for_a_middling_match(cadre):
    """The same hits, but one the answer quotes now scores half the best: its sentence must then match far better."""
    question = "Faut-il un DPO dans une petite commune ?"
    hits, signals = HybridRetriever(cadre.index, cadre.embedder, cadre.hybrid).search_with_signals(question, "fr")
    closeness = partial(cadre.index.sentence_closeness, query=signals.query)

    def quoted(ranked: list) -> set[tuple[str, str | None]]:
        answer = extractive_answer(question, "fr", ranked, cadre.index.provision_chunks, closeness)
        return {(c.chunk.doc_id, c.chunk.ref) for c in answer.citations}

    as_ranked = quoted(hits)
    at, behind = next((i, h) for i, h in enumerate(hits[1:], 1) if (h.chunk.doc_id, h.chunk.ref) in as_ranked)
    assert not any("reference" in h.retrievers for h in hits)
    weakened = [*hits[:at], replace(behind, score=hits[0].score / 2), *hits[at + 1 :]]
    assert (behind.chunk.doc_id, behind.chunk.ref) not in quoted(weakened)


def test_whether_a_commune_can_be_fined_is_answered_by_the_french_law(cadre):
    """GDPR Art. 83(7) leaves it to each State; the Loi Informatique et Libertés (Art. 20) spares only the State."""
    answer = cadre.answer("La CNIL peut-elle mettre une amende à une commune ?")
    french = [c for c in answer.citations if (c.chunk.doc_id, c.chunk.ref) == ("loi-78-17", "art:20")]
    assert any(
        c.quote.startswith("7° A l'exception des cas où le traitement est mis en œuvre par l'Etat") for c in french
    )


def test_a_list_opener_goes_on_with_the_case_that_names_a_commune(cadre):
    """GDPR Article 37(1) lists when a DPO is required; for a commune the case is point a), public authorities, and
    the commune meets it: the answer is yes, not « sous conditions »."""
    answer = cadre.answer("Faut-il un DPO dans une petite commune ?")
    assert answer.text.startswith("Oui, pour une autorité ou un organisme public : RGPD, article 37, § 1")
    opener, case = answer.citations[:2]
    assert opener.quote.endswith("délégué à la protection des données lorsque:")
    assert case.chunk.id == opener.chunk.id
    assert case.quote.startswith("a) le traitement est effectué par une autorité publique ou un organisme public")
    plain = cadre.answer("Faut-il un DPO ?")
    assert not any(c.quote.startswith("a) le traitement est effectué") for c in plain.citations[1:2]), "no asker named"
    assert not plain.text.startswith("Oui, pour une autorité")


def test_verifier_removes_invented_quotes_and_unsupported_sentences(cadre):
    real = cadre.answer(QUESTION)
    first = real.citations[0]
    forged = Citation(len(real.citations) + 1, first.chunk, "Les communes peuvent tout faire sans limite.")
    invented = "Les mairies sont dispensées de toute obligation jusqu'en 2040 [1]."
    misquoted = "Le texte dit « le déployeur est dispensé de tout contrôle humain » [1]."
    lines = f"{real.text}\n{invented}\n{misquoted}\nPhrase sans source."
    draft = replace(real, text=lines, citations=[*real.citations, forged])
    checked = verify(draft, {c.id: c for c in cadre.index.chunks})
    assert forged.quote not in [c.quote for c in checked.citations]
    assert "2040" not in checked.text and "Phrase sans source" not in checked.text
    assert "dispensé de tout contrôle" not in checked.text
    assert checked.text.startswith(real.text.split("\n")[0])
    assert any("retirée" in note for note in checked.notes)
    nothing = verify(Answer(text="Réponse sans source.", refused=False), {c.id: c for c in cadre.index.chunks})
    assert nothing.refused


def test_verifier_keeps_a_guidance_quote_whose_label_quotes_a_title(cadre):
    """Guide Etalab, « Qui est concerné … ? » : « … » [1] — the label's « » is not a quote to find in the passage."""
    chunk = next(
        c
        for c in cadre.index.chunks
        if c.doc_id == "guide-etalab-algorithmes"
        and (title := re.search(r"«\s*(.+?)\s*»", c.label))
        and title.group(1) not in c.text
    )
    quote = next(line for line in chunk.text.split("\n") if len(line) > 40 and "«" not in line)
    draft = Answer(text=f"{chunk.label} : « {quote} » [1]", refused=False, citations=[Citation(1, chunk, quote)])
    checked = verify(draft, {c.id: c for c in cadre.index.chunks})
    assert not checked.refused and checked.text == draft.text


def test_off_topic_question_is_refused_plainly(cadre):
    answer = cadre.answer("Quelle est la recette de la tarte Tatin ?")
    assert answer.refused and answer.text.startswith(REFUSAL)
    assert answer.citations == []


def test_a_low_dense_score_is_overruled_when_the_passages_hold_the_question_s_words(cadre):
    question = "Quelles sont les obligations des importateurs de systèmes d'IA à haut risque ?"
    hits = cadre.retrieve(question, k=8)
    assert coverage(question, "fr", hits) >= RefusalPolicy().coverage_enough
    weak = Signals(dense_top=RefusalPolicy().dense_min - 0.1)
    assert not RefusalPolicy().refuses(question, "fr", hits, weak)
    assert RefusalPolicy(coverage_enough=math.inf).refuses(question, "fr", hits, weak)
    off_topic = "Quelle est la recette de la tarte Tatin ?"
    assert RefusalPolicy().refuses(off_topic, "fr", cadre.retrieve(off_topic, k=8), weak)


def test_a_question_that_sets_a_scene_before_it_asks_has_a_lower_similarity_bar(cadre):
    """The seasonal staff and the tourist office are in no passage: they lower the question's similarity to the
    annex on recruitment, which answers it; the same words with no scene set would be judged by the usual bar."""
    question = (
        "Pour recruter les saisonniers de l'office de tourisme, la directrice veut un logiciel qui lit les CV et sort "
        "automatiquement un classement des candidats. Qu'est-ce que ça nous impose, à nous qui l'utilisons ?"
    )
    assert sets_scene(question) and not sets_scene("Qu'est-ce que ça nous impose ? Et à l'éditeur ?")
    hits = cadre.retrieve(question, k=8)
    policy = RefusalPolicy()
    between = Signals(dense_top=policy.dense_min - policy.scene_margin / 2)
    assert coverage(question, "fr", hits) < policy.coverage_enough
    assert not policy.refuses(question, "fr", hits, between)
    assert RefusalPolicy(scene_margin=0.0).refuses(question, "fr", hits, between)
    answer = cadre.answer(question)
    assert not answer.refused and any(c.chunk.ref in {"annex:III", "art:26"} for c in answer.citations)


def test_coverage_counts_the_topic_and_reads_everyday_words_through_the_lexicon(cadre):
    """« chatbot » is covered where the passage says « interagir directement avec des personnes physiques »;
    « quand » and the « faut » of « faut-il » ask, they are no part of the topic."""
    chatbot = "Doit-on dire aux usagers du chatbot qu'ils parlent à une IA ?"
    hits = cadre.retrieve(chatbot, k=8)
    assert coverage(chatbot, "fr", hits) > coverage(chatbot.replace("chatbot", "zorglub"), "fr", hits)
    elections = "C'est quand, les prochaines élections municipales ?"
    assert coverage(elections, "fr", cadre.retrieve(elections, k=8)) == 0.0
    asked = "Faut-il une analyse d'impact pour l'outil de tri des demandes ?"
    hits = cadre.retrieve(asked, k=8)
    assert coverage(asked, "fr", hits) == coverage(
        "Une analyse d'impact pour l'outil de tri des demandes ?", "fr", hits
    )


def test_the_words_that_name_the_asker_are_no_part_of_the_topic(cadre):
    """The GDPR says « autorité publique », never « mairie »: a commune's DPO question is on topic."""
    asked = "Faut-il un DPO dans une petite commune ?"
    hits = cadre.retrieve(asked, k=8)
    assert coverage(asked, "fr", hits) == coverage("Faut-il un DPO ?", "fr", hits) == 1.0
    assert not cadre.answer("Faut-il un DPO pour une mairie ?").refused


def test_a_text_the_corpus_never_mentions_is_named_in_the_refusal(cadre):
    answer = cadre.answer("Quelles obligations le règlement DORA impose-t-il à notre régie de transport ?")
    assert answer.refused and answer.text.startswith(REFUSAL)
    assert "« DORA » n'apparaît dans aucun des textes de référence." in answer.text
    english = cadre.answer("Does the Cyber Resilience Act apply to our city's parking sensors?")
    assert english.refused and "« Cyber Resilience Act »" in english.text


def test_an_act_the_corpus_mentions_but_does_not_hold_is_named_in_the_refusal(cadre):
    """The AI Act mentions the Digital Services Act; it does not say what the DSA requires of platforms."""
    assert cadre.index.mentions("règlement sur les services numériques")
    answer = cadre.answer("Que doivent faire les grandes plateformes selon le règlement sur les services numériques ?")
    assert answer.refused and answer.text.startswith(REFUSAL) and not answer.citations
    assert (
        "« règlement sur les services numériques » : ce texte ne fait pas partie des textes de référence,"
        in answer.text
    )
    assert foreign_act_asked("Que prévoit le code pénal pour un agent qui détourne un fichier ?") == "code pénal"
    for question in (
        "Le DSA change-t-il quelque chose aux obligations du RIA pour notre chatbot ?",
        "Que dit la directive sur la transparence des algorithmes publics ?",
        "Le règlement (UE) 2016/679 s'applique-t-il aux communes ?",
    ):
        assert foreign_act_asked(question) is None, question


def test_corpus_documents_services_and_known_terms_are_not_unknown_texts(cadre):
    """Names the texts spell out another way (RIA, AI Act, DPO) and names that are not texts (CCAS) pass."""
    assert cadre.index.mentions("CNIL") and not cadre.index.mentions("Data Act")
    assert not cadre.index.mentions("ria"), "a word inside another word (critères) is not a mention"
    for question in (
        "Doit-on respecter le RIA pour le chatbot de la mairie ?",
        "Does the AI Act apply to a chatbot run by a city?",
        "Faut-il un DPO certifié pour la commune ?",
        "Le CCAS peut-il noter les bénéficiaires avec une IA ?",
    ):
        assert unknown_text(question, cadre.index.mentions) is None, question


def _assert_refused_with(cadre, question: str, reason: str, lead: str = "") -> None:
    """Refused, saying why, with no citation: the nearest provisions are leads, never an answer."""
    answer = cadre.answer(question)
    assert answer.refused and not answer.citations
    assert answer.text.startswith(REFUSAL) and reason in answer.text and lead in answer.text


def test_a_question_about_rulings_sanctions_or_statistics_is_refused_with_why(cadre):
    _assert_refused_with(
        cadre, "Le tribunal administratif a-t-il déjà annulé une délibération qui s'appuyait sur une IA ?", PAST_EVENTS
    )
    for question in (
        "La CNIL a-t-elle déjà sanctionné un département ?",
        "Combien de communes utilisent un chatbot ?",
        "Has the supervisory authority already fined a city?",
        "Y a-t-il déjà eu des jugements annulant des places en crèche attribuées par un algorithme ?",
        "Quelle est la jurisprudence sur la mention explicite ?",
        "Quel budget moyen une intercommunalité consacre-t-elle à l'IA ?",
        "Quel pourcentage des départements a un chatbot ?",
        "Est-ce qu'un juge a déjà annulé une décision prise avec une IA ?",
        "Le modèle de questionnaire annoncé par le texte, il est sorti ?",
        "Les lignes directrices sur le haut risque ont-elles été publiées ?",
    ):
        assert past_events.reason(question), question
    for question in (
        "Quelles obligations du règlement IA s'appliquent déjà ?",
        "Le RIA a-t-il déjà été modifié ?",
        "Combien de personnes doivent vérifier une identification biométrique ?",
        "La Commission publiera-t-elle un modèle de questionnaire ?",
        "Les règles de l'algorithme sont-elles publiées en ligne ?",
    ):
        assert past_events.reason(question) is None, question


def test_a_question_about_the_french_measures_applying_the_ai_act_is_refused_with_why(cadre):
    """The corpus says that an authority must be designated (AI Act Article 70), not which one France chose; the
    CNIL's role under the GDPR is in the Loi Informatique et Libertés, so that question is answered."""
    question = "Quelle autorité française a été désignée pour contrôler l'application du règlement IA ?"
    # The article that requires the designation is offered as a lead.
    _assert_refused_with(cadre, question, NATIONAL_MEASURES, lead="RIA, article 70")
    for question in (
        "En France, c'est quelle autorité qui a été désignée pour contrôler les outils d'IA ?",
        "Le projet de loi français d'adaptation au règlement IA prévoit-il des amendes ?",
        "Which authority has France designated to enforce the AI Act?",
        "En France, quelle autorité viendra contrôler notre outil au titre du règlement IA ?",
        "Un texte national a-t-il fixé qui contrôle les outils d'IA ?",
        "Pour le règlement IA, quel montant d'amende est prévu en France pour une commune ?",
    ):
        assert national_measures.reason(question), question
    for question in (
        "Quelle autorité a été désignée en France pour contrôler l'application du RGPD ?",
        "Qui contrôle le respect du règlement IA ?",
        "Les États membres doivent-ils désigner une autorité de surveillance du marché pour l'IA ?",
    ):
        assert national_measures.reason(question) is None, question
    gdpr = cadre.answer("Quelle autorité a été désignée en France pour contrôler l'application du RGPD ?")
    assert not gdpr.refused


def test_a_subject_another_law_governs_is_refused_naming_that_law(cadre):
    """The CRPA's articles on public inquiries mention the préfet and a délibération; they do not say when a
    délibération goes to the préfecture, which the code général des collectivités territoriales does."""
    question = "Sous combien de jours le maire doit-il transmettre une délibération au préfet ?"
    _assert_refused_with(cadre, question, "relève du code général des collectivités territoriales")
    for question, law in (
        ("Au-delà de quel seuil un marché public d'IA doit-il faire l'objet d'une mise en concurrence ?", "commande"),
        ("Quelle rémunération prévoir pour le référent IA de la commune ?", "fonction publique"),
        ("Un agent qui vend le fichier des électeurs risque-t-il la prison ?", "code pénal"),
        ("Peut-on déposer à l'INPI le nom de notre chatbot ?", "propriété intellectuelle"),
        ("Qui est titulaire des droits sur une affiche générée par IA ?", "propriété intellectuelle"),
        ("Peut-on utiliser une IA pour vérifier les listes électorales ?", "électoral"),
        ("Quelle durée de conservation pour les images des caméras de vidéoprotection ?", "sécurité intérieure"),
        ("Le dispositif testé pendant les Jeux olympiques peut-il servir au carnaval ?", "jeux Olympiques"),
        ("Quelle durée d'utilité administrative pour les dossiers d'aide sociale ?", "patrimoine"),
        ("Faut-il une délibération pour acheter un chatbot, ou le maire peut-il décider seul ?", "compétences du"),
        ("Le conseil doit-il délibérer pour déployer une IA, ou le maire le décide-t-il seul ?", "compétences du"),
    ):
        assert law in (other_law.reason(question) or ""), question
    for question in (
        "Faut-il une analyse d'impact avant d'installer des caméras de vidéoprotection intelligentes ?",
        "Le RGPD prévoit-il des sanctions contre une commune ?",
        "Le fournisseur d'un grand modèle d'IA doit-il respecter le droit d'auteur ?",
        "Peut-on tenir compte des condamnations pénales des candidats dans l'outil de tri des CV ?",
        "Peut-on conserver indéfiniment des dossiers pour des archives historiques ?",
        "Que doit prévoir le contrat d'achat d'un outil d'IA sur les données personnelles ?",
        "Le préfet peut-il consulter notre registre des traitements ?",
    ):
        assert other_law.reason(question) is None, question


def test_what_an_unheld_publication_says_is_refused_unless_the_index_holds_its_publisher(cadre, tmp_path):
    """The AI Act tells the Commission to issue guidelines; it is not those guidelines. The guide Etalab is by the
    DINUM, as its catalogue title says, and a report a user adds is known by its file name."""
    question = "Que disent les lignes directrices de la Commission européenne sur la notation sociale ?"
    _assert_refused_with(cadre, question, "« lignes directrices de la Commission » : ce texte ne fait pas partie")
    assert unheld_publication("Le rapport du Sénat recommande-t-il un référent IA ?", cadre._publishes)
    for question in (
        "La Commission européenne publiera-t-elle des lignes directrices sur les pratiques interdites ?",
        "Que dit le guide de la DINUM sur l'inventaire des algorithmes ?",
        "Selon le guide Etalab, que faut-il publier ?",
    ):
        assert unheld_publication(question, cadre._publishes) is None, question
    copy = tmp_path / "index"
    shutil.copytree(cadre.settings.index_dir, copy)
    report = tmp_path / "rapport_Sénat_IA_collectivités.txt"
    report.write_text(
        "Recommandation 4. Désigner dans chaque intercommunalité un référent chargé des usages de l'intelligence "
        "artificielle, formé aux obligations du règlement européen et interlocuteur des communes membres.",
        encoding="utf-8",
    )
    user = Cadre(replace(cadre.settings, index_dir=copy))
    user.ingest([report])
    added = user.answer("Le rapport du Sénat recommande-t-il de désigner un référent IA dans chaque intercommunalité ?")
    assert not added.refused and any(c.chunk.doc_id.startswith("perso-") for c in added.citations)


def test_a_question_on_the_concrete_steps_of_a_procedure_is_refused_with_why(cadre):
    question = "Sur quel formulaire en ligne déclare-t-on une violation de données à la CNIL ?"
    # The article on notifying a breach is offered as a lead.
    _assert_refused_with(cadre, question, PRACTICAL_STEPS, lead="RGPD, article 33")
    for question in (
        "À quelle adresse envoie-t-on la demande d'avis à la CNIL ?",
        "Comment désactiver l'historique des conversations de l'assistant ?",
        "Où est-ce qu'on peut télécharger le modèle de questionnaire ?",
    ):
        assert practical_steps.reason(question), question
    for question in (
        "Quelles informations donner aux habitants qui remplissent le formulaire en ligne de l'outil d'IA ?",
        "Le fabricant bride les réglages de confidentialité : peut-on fonder le traitement sur le consentement ?",
        "Comment notifier une violation de données à la CNIL ?",
        "Quel lien entre l'analyse d'impact du RIA et celle du RGPD ?",
    ):
        assert practical_steps.reason(question) is None, question


def test_whether_a_product_was_found_compliant_is_refused_with_why(cadre):
    """No text lists compliant products; what the rules require of « notre outil » is the texts' own question."""
    question = "L'assistant de notre suite bureautique est-il reconnu conforme au RGPD et au règlement IA ?"
    _assert_refused_with(cadre, question, PRODUCT_STATUS)
    assert product_status.reason("Has this chatbot been certified compliant with the GDPR?")
    assert product_status.reason("Le CNFPT propose-t-il une formation à l'IA pour nos agents ?")
    assert product_status.reason("Cet assistant peut-il être mis gratuitement à la disposition des agents ?")
    for question in (
        "Notre outil est-il conforme au RGPD si les données restent en France ?",
        "Qui certifie la conformité d'un système d'IA à haut risque ?",
        "Des agents utilisent un chatbot gratuit trouvé en ligne : que risque-t-on ?",
        "Que propose le texte pour les petites communes ?",
    ):
        assert product_status.reason(question) is None, question


def test_the_fact_a_question_asks_for_is_recognised_in_questions_and_in_quotes():
    assert asked_fact("Combien de jours a-t-on pour répondre ?") is Fact.DURATION
    assert asked_fact("Dans quel délai faut-il notifier ?") is Fact.DURATION
    assert asked_fact("Quel est le plafond de l'amende ?") is Fact.AMOUNT
    assert asked_fact("How much can the fine be?") is Fact.AMOUNT
    assert asked_fact("Depuis quand cette obligation s'applique-t-elle ?") is Fact.DATE
    assert asked_fact("Quand on utilise un chatbot, faut-il prévenir les usagers ?") is None
    scene = "Le logiciel propose si la personne a droit à l'aide et pour quel montant. Est-ce une IA à haut risque ?"
    assert asked_fact(scene) is None, "the sentence that sets the scene asks nothing"
    assert asked_fact("On a reçu sa demande. Dans quel délai l'art. 12 impose-t-il de répondre ?") is Fact.DURATION
    assert gives(Fact.DURATION, "dans un délai d'un mois à compter de la réception")
    assert gives(Fact.DURATION, "72 heures au plus tard") and not gives(Fact.DURATION, "une durée raisonnable")
    assert gives(Fact.AMOUNT, "jusqu'à 35 000 000 EUR") and not gives(Fact.AMOUNT, "le montant de l'amende")
    assert gives(Fact.DATE, "à compter du 2 août 2026") and not gives(Fact.DATE, "à une date fixée par décret")


def test_an_asked_time_limit_is_quoted_and_a_missing_amount_is_refused(cadre):
    answer = cadre.answer("Dans quel délai faut-il signaler une fuite de données à la CNIL ?")
    assert not answer.refused and "72 heures" in answer.text
    priced = cadre.answer("Quel budget faut-il prévoir pour une analyse d'impact sur les droits fondamentaux ?")
    assert priced.refused and priced.text.startswith(REFUSAL)
    assert "ne donnent pas ce montant" in priced.text and "RIA, article 27" in priced.text


def test_amended_provision_is_flagged_with_the_text_in_force(cadre):
    answer = cadre.answer("Que dit l'article 4 du RIA sur la maîtrise de l'IA ?")
    assert any("2026/1744" in note and "article 4" in note for note in answer.notes)
    consolidated = [c for c in answer.citations if c.chunk.version.startswith("consolidated")]
    assert consolidated and consolidated[0].chunk.ref == "art:4" and consolidated[0].chunk.lang == "en"


def test_what_the_omnibus_changes_is_listed_point_by_point(cadre):
    """The point numbers come from OMNIBUS_NOTES.md in the shared corpus, read off the amending act by hand."""
    answer = cadre.answer("Que change le règlement omnibus pour les communes ?")
    header = next(i for i, n in enumerate(answer.notes) if n.startswith("Dispositions du RIA modifiées"))
    listed = answer.notes[header + 1 :]
    expected = {
        "RIA, article 4 « Maîtrise de l’IA » — point 5",
        "RIA, article 27 « Analyse d’impact des systèmes d’IA à haut risque sur les droits fondamentaux » — point 13",
        "RIA, article 113 « Entrée en vigueur et application » — point 40",
        "RIA, article 2 « Champ d’application » — points 2, 3",
        # The two headings the notes say the amending act changed: the 2024 French heading would be stale.
        "RIA, article 75 « Market surveillance and control of AI systems and mutual assistance » (intitulé modifié, "
        "en anglais) — point 31",
        "RIA, article 77 « Powers of authorities protecting fundamental rights and cooperation with market "
        "surveillance authorities » (intitulé modifié, en anglais) — point 34",
    }
    assert expected <= set(listed)
    assert sum("intitulé modifié" in n for n in listed) == 2
    assert any(n.startswith("RIA, article 75b (nouveau) ") and n.endswith("point 32") for n in listed)
    assert "RIA, annexe XIV (nouveau) — point 43" in listed
    assert not any(n.startswith(("RIA, article 26 ", "RIA, annexe III ")) for n in listed), "not amended"
    cited = int(re.search(r"\[(\d+)\]", answer.notes[header]).group(1))
    opening = next(c for c in answer.citations if c.n == cited)
    assert (opening.chunk.doc_id, opening.quote) == (
        "reg-2026-1744",
        "Regulation (EU) 2024/1689 is amended as follows:",
    )
    assert opening.quote in opening.chunk.text
    # « pour les communes » matched the CRPA's rules on communes' acts: the answer rests on the amending act instead.
    assert answer.citations[0] == opening and all(c.chunk.doc_id != "crpa" for c in answer.citations)
    in_english = cadre.answer("What does the Digital Omnibus change for deployers?")
    assert not in_english.refused and any(n.startswith("Dispositions du RIA modifiées") for n in in_english.notes)
    assert "RIA, article 1er « Subject matter » — point 1" in in_english.notes, "no stray quote from the source"
    assert "RIA, annexe XIV (nouveau) — point 43" in in_english.notes, "new in English too"
    assert any(n.startswith("RIA, article 4a (nouveau) « Processing of special") for n in in_english.notes)
    broad = cadre.answer("Que change l'omnibus pour les déployeurs ?")
    assert len(_amended_lines(broad)) == len(listed), "who asks is no topic: the whole list answers"
    other = cadre.answer(
        "Si on modifie nous-mêmes le logiciel de tri des demandes, qu'est-ce que ça change pour nous ?"
    )
    assert not any(n.startswith("Dispositions du RIA modifiées") for n in other.notes)


def test_the_omnibus_asked_about_another_text_says_it_does_not_amend_it(cadre):
    """The amending act's articles 1 to 3 each open by naming the regulation they amend; the GDPR is not one."""
    for question in ("L'omnibus a-t-il modifié le droit d'accès du RGPD ?", "Did the Digital Omnibus amend the GDPR?"):
        answer = cadre.answer(question)
        assert not answer.refused
        assert answer.text.startswith("Le règlement (UE) 2026/1744 ne modifie que les règlements cités ci-dessous")
        assert answer.text.splitlines()[0].endswith("« RGPD » n'en fait pas partie.")
        assert [(c.chunk.ref, c.quote) for c in answer.citations] == [
            ("art:1", "Regulation (EU) 2024/1689 is amended as follows:"),
            ("art:2", "Regulation (EU) 2018/1139 is amended as follows:"),
            ("art:3", "Regulation (EU) 2023/1230 is amended as follows:"),
        ]
        assert all(c.chunk.doc_id == "reg-2026-1744" and c.quote in c.chunk.text for c in answer.citations)
        assert not any(n.startswith("Dispositions du RIA modifiées") for n in answer.notes)
    both = cadre.answer("Que change l'omnibus au RIA et au RGPD ?")
    assert any(n.startswith("Dispositions du RIA modifiées") for n in both.notes), "the AI Act named: its list"


def _amended_lines(answer):
    header = next(i for i, n in enumerate(answer.notes) if n.startswith("Dispositions du RIA modifiées"))
    return answer.notes[header + 1 :]


def test_what_the_omnibus_changed_on_one_topic_lists_the_provisions_of_that_topic(cadre):
    """The point numbers come from OMNIBUS_NOTES.md: point 5 replaces Article 4, point 38 amends Article 99."""
    training = cadre.answer("Le règlement omnibus de 2026 a-t-il assoupli l'obligation de former le personnel à l'IA ?")
    assert training.citations[0].chunk.ref == "art:4", "the answer quotes the article on AI literacy first"
    lines = _amended_lines(training)
    assert "RIA, article 4 « Maîtrise de l’IA » — point 5" in lines and len(lines) <= 3
    assert any(n.startswith("RIA, article 4 a été modifié par le règlement (UE) 2026/1744") for n in training.notes)
    lay = cadre.answer(
        "Doit-on encore former les agents à l'IA ? Il paraît que l'Europe a assoupli cette règle en 2026."
    )
    assert lay.citations[0].chunk.ref == "art:4", "« assoupli… en 2026 » names the amending act: « 2026 » is no topic"
    assert "RIA, article 4 « Maîtrise de l’IA » — point 5" in _amended_lines(lay)
    sanctions = _amended_lines(cadre.answer("Le règlement omnibus change-t-il quelque chose aux sanctions ?"))
    assert "RIA, article 99 « Sanctions » — point 38" in sanctions
    assert not any(n.startswith("RIA, article 4 ") for n in sanctions)
    english = _amended_lines(cadre.answer("Did the Digital Omnibus change the penalties?"))
    assert "RIA, article 99 « Penalties » — point 38" in english and len(english) <= 3
    # A follow-up names the topic itself; the first question names the act.
    first = "Le règlement omnibus a-t-il modifié l'obligation de former les agents ?"
    follow_up = cadre.answer("et pour les sanctions ?", history=[first])
    assert "RIA, article 99 « Sanctions » — point 38" in _amended_lines(follow_up)


def test_when_questions_list_what_applies_at_the_given_date(cadre):
    answer = cadre.answer(
        "À partir de quand les règles sur l'IA à haut risque s'appliquent-elles ?", today=date(2026, 11, 27)
    )
    assert any(n.startswith("pas encore applicable au 27/11/2026") and "2 December 2027" in n for n in answer.notes)
    # Point (a) dates Chapters I and II (2 February 2025) and the prohibitions added in 2026 (2 December 2026).
    partly = "en partie applicable au 27/11/2026 (2 février 2025 : déjà applicable ; 2 décembre 2026 : pas encore"
    assert any(n.startswith(partly) and "2 February 2025" in n for n in answer.notes)
    later = cadre.answer(
        "À partir de quand les règles sur l'IA à haut risque s'appliquent-elles ?", today=date(2028, 1, 1)
    )
    assert any(n.startswith("déjà applicable") and "2 December 2027" in n for n in later.notes)
    first = answer.citations[0]
    assert (first.chunk.ref, first.chunk.version.startswith("consolidated")) == ("art:113", True), "dates in force"
    in_english = f"RIA, article 113 [{first.n}] : version en vigueur après le règlement (UE) 2026/1744, en anglais"
    assert any(n.startswith(in_english) for n in answer.notes)
    assert any(
        n.startswith(f"Dates d'application du RIA modifié (article 113, texte consolidé) [{first.n}]")
        for n in answer.notes
    )
    cited = [c.chunk.id for c in answer.citations]
    assert len(cited) == len(set(cited)), "the article that gives the dates is cited once"


def test_a_when_question_answered_from_the_gdpr_gets_no_ai_act_dates(cadre):
    """« Quand » also means « in which cases »: the AI Act's calendar is noise under a GDPR answer."""
    answer = cadre.answer(
        "Quand une mairie doit-elle réaliser une analyse d'impact relative à la protection des données ?",
        today=date(2026, 11, 27),
    )
    assert answer.citations[0].chunk.doc_id == "gdpr"
    assert not any("article 113" in note for note in answer.notes)
    assert all(c.chunk.ref != "art:113" for c in answer.citations)


def test_a_question_on_what_applies_already_gets_the_calendar_and_a_conjunction_does_not(cadre):
    """« S'appliquent déjà » asks about the calendar without « quand »; « quand on achète » is not a date asked."""
    assert asks_when("Quelles parties du règlement IA s'appliquent déjà, et lesquelles plus tard ?")
    assert asks_when("On nous avait annoncé 2026 pour les outils sensibles : est-ce toujours d'actualité ?")
    assert asks_when("Les obligations sur les outils sensibles ont été repoussées : c'est pour quand finalement ?")
    assert not asks_when("Quand on achète un outil d'IA, doit-on privilégier les logiciels libres ?")
    assert not asks_when("When must deployers carry out a fundamental rights impact assessment?")
    assert not asks_when("Quelles obligations s'appliquent aux chatbots ?")
    assert not asks_when("What obligations apply to providers of general-purpose AI models?")
    assert asks_when("When does the AI Act become applicable to high-risk systems?")
    answer = cadre.answer(
        "Pour une note au maire : quelles obligations du règlement IA s'appliquent déjà ?", today=date(2026, 11, 27)
    )
    assert any(n.startswith("déjà applicable au 27/11/2026") for n in answer.notes)


def test_follow_up_is_rewritten_with_the_conversation(cadre):
    assert rewrite("et pour un département ?", ["Une commune doit-elle publier ses algorithmes ?"]) == (
        "Une commune doit-elle publier ses algorithmes ? et pour un département ?"
    )
    assert rewrite("Qu'est-ce qu'un déployeur au sens du règlement sur l'IA ?", ["autre"]).startswith("Qu'est-ce")
    answer = cadre.answer("et pour un département ?", history=["Une commune doit-elle publier ses algorithmes ?"])
    assert answer.notes[0].startswith("Question comprise avec la conversation")


def test_ask_cli_json_shape(cadre, settings):
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", QUESTION, "--json", "--index", str(settings.index_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    record = json.loads(result.stdout)
    assert set(record) == {"answer", "refused", "citations", "notes", "engine", "latency_ms"}
    expected = {"n", "doc_id", "ref", "label", "lang", "version", "page", "url", "quote"}
    assert record["citations"] and all(set(c) == expected for c in record["citations"])


def test_ask_cli_shows_the_quote_of_a_source_only_the_notes_cite(cadre, capsys):
    """Article 4 as amended is cited by a note, not by the answer's sentences: its quote, in English, is printed."""
    args = parser().parse_args(["ask", "Doit-on former les agents à l'IA ?"])
    assert args.run(cadre, args) == 0
    out = capsys.readouterr().out
    in_force = next(c for c in cadre.answer("Doit-on former les agents à l'IA ?").citations if c.chunk.lang == "en")
    assert f"[{in_force.n}]" not in out.split("\nSources :")[0]
    assert f"    « {in_force.quote} […] »" in out and "AI literacy" in in_force.quote, "a long sentence is cut"


def test_a_communes_question_prefers_the_sentence_on_public_authorities(cadre):
    """Article 37 has a sentence for groups of companies and one for public authorities: a commune gets the latter,
    after the duty to designate itself (« désignent en tout état de cause »)."""
    answer = cadre.answer("Une commune doit-elle désigner un délégué à la protection des données ?")
    assert not answer.refused and answer.citations[0].chunk.ref == "art:37"
    assert "désignent en tout état de cause" in answer.citations[0].quote
    assert any("autorité publique" in c.quote for c in answer.citations if c.chunk.ref == "art:37")
    assert "groupe d'entreprises" not in answer.text
    # In everyday words (« nommer un DPO ») the question is the same one, and is answered from the same article.
    everyday = cadre.answer("Notre mairie doit-elle nommer un DPO ?")
    assert not everyday.refused and everyday.citations[0].chunk.ref == "art:37"


def test_a_permission_is_quoted_with_the_sentence_that_sets_its_condition(cadre):
    """GDPR Article 38(6) allows the DPO other tasks in one sentence and rules out a conflict of interests in the next:
    quoting the first alone would read as a plain yes to « le DGS peut-il aussi être le DPO ? »."""
    answer = cadre.answer("Le DGS peut-il aussi être le DPO de la commune ?")
    assert answer.text.startswith("Sous conditions : ")
    first, second = answer.citations[:2]
    assert (first.chunk.ref, second.chunk.ref) == ("art:38", "art:38")
    assert "peut exécuter d'autres missions" in first.quote and "conflit d'intérêts" in second.quote
    article = next(c for c in cadre.index.chunks if c.doc_id == "gdpr" and c.ref == "art:38" and c.paragraphs == "6")
    permission, condition = sentences(article)[:2]
    assert qualifier(permission) == condition
    assert qualifier(condition) is None, "a duty is no permission"
    ban = next(c for c in cadre.index.chunks if c.doc_id == "gdpr" and c.ref == "art:38" and c.paragraphs == "3-5")
    denied = next(s for s in sentences(ban) if "ne peut être relevé" in s.text)
    assert qualifier(denied) is None, "« ne peut » grants nothing"
