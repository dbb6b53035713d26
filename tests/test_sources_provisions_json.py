"""Provisions JSON of French laws: one article per provision, lost alinéa breaks restored."""

from __future__ import annotations

import json

import pytest
from support import article_markers, marker_text

from assistant.records import Document
from assistant.sources import provisions_json
from assistant.sources.base import LoadError

LOI_78_17 = "Loi_78-17_Informatique_et_Libertes_JORFTEXT000000886460_ansvar-seed.json"
LOI_2016_1321 = "Loi_2016-1321_Republique_numerique_JORFTEXT000033202746_ansvar-seed_partial.json"
LOI_2018_493 = "Loi_2018-493_protection_donnees_JORFTEXT000037085952_ansvar-seed_partial.json"


def _load(edition, doc_id: str, filename: str) -> Document:
    found = edition(doc_id, filename)
    return provisions_json.load(found.files[0], found)


@pytest.fixture(scope="module")
def loi_78_17(edition) -> Document:
    return _load(edition, "loi-78-17", LOI_78_17)


def test_loi_78_17_has_its_133_articles_numbered_as_printed(loi_78_17):
    numbers = [m.number for m in loi_78_17.markers if m.kind == "article"]
    assert len(numbers) == 133 == len(set(numbers))
    assert numbers[:3] == ["1", "2", "3"] and numbers[-1] == "128"
    assert {"20-1", "22-1", "47", "119", "124-1", "124-5"} <= set(numbers)
    assert "37" not in numbers and "127" not in numbers
    assert all(m.kind == "article" and m.anchor is None for m in loi_78_17.markers)


def test_article_47_text_with_its_alineas_restored(loi_78_17):
    text = marker_text(loi_78_17, article_markers(loi_78_17)["47"])
    assert text.startswith(
        "Article 47\n\nAucune décision de justice impliquant une appréciation sur le comportement d'une personne"
    )
    assert (
        "cette personne.\n\nAucune décision produisant des effets juridiques à l'égard d'une personne ou l'affectant "
        "de manière significative ne peut être prise sur le seul fondement d'un traitement automatisé" in text
    )
    assert "y compris le profilage, à l'exception :\n\n1° Des cas mentionnés aux a et c du 2 de l'article 22" in text
    assert "s'il en fait la demande ;\n\n2° Des décisions administratives individuelles" in text
    assert "prises dans le respect de l'article L. 311-3-1 et du chapitre Ier" in text
    assert "à son égard.\n\nPar dérogation au 2° du présent article" in text


def test_breaks_restored_in_article_1_and_8(loi_78_17):
    articles = article_markers(loi_78_17)
    assert "libertés individuelles ou publiques.\n\nLes droits des personnes" in marker_text(loi_78_17, articles["1"])
    article_8 = marker_text(loi_78_17, articles["8"])
    assert "de la France.\n\nA ce titre :\n\na) Elle donne un avis sur les traitements" in article_8
    assert "aux articles 31 et 32 ;\n\nb) Elle établit et publie" in article_8
    assert "dans l'économie numérique.\n\nII. - Pour l'accomplissement de ses missions" in article_8


def test_restore_breaks_leaves_references_and_numbers_alone():
    kept = (
        "l'article L. 311-5 du code, la loi n° 78-17 et le règlement (UE) 2016/679 ;",
        "I.-Il est interdit de traiter",
        "II.B.-Le deuxième alinéa de l'article 226-16 du code pénal",
        "le 1er juillet 2020, au I. - du présent article",
    )
    for text in kept:
        assert provisions_json.restore_breaks(text) == text
    assert provisions_json.restore_breaks("du titre II.Cette liste") == "du titre II.\n\nCette liste"
    assert provisions_json.restore_breaks("avril 2016.III.-Pour les") == "avril 2016.\n\nIII.-Pour les"


def test_partial_laws(edition):
    loi_2016 = _load(edition, "loi-2016-1321", LOI_2016_1321)
    numbers_2016 = [m.number for m in loi_2016.markers]
    assert len(numbers_2016) == 26
    assert numbers_2016[:3] == ["1", "6", "8"] and "102-1" in numbers_2016
    loi_2018 = _load(edition, "loi-2018-493", LOI_2018_493)
    assert [m.number for m in loi_2018.markers] == ["7", "18", "21", "28", "31", "32", "35", "37"]
    assert loi_2018.text.startswith("Article 7\n\nI. A modifié les dispositions suivantes :")


def test_accepts_only_provisions(edition, loi_78_17):
    own = json.loads(edition("loi-78-17", LOI_78_17).files[0].read_bytes())
    crpa = edition("crpa", "CRPA_LEGITEXT000031366350_socialgouv-legi-data_2026-05-28.json")
    assert provisions_json.accepts(own)
    assert not provisions_json.accepts(json.loads(crpa.files[0].read_bytes()))
    with pytest.raises(LoadError, match="not a provisions JSON file"):
        provisions_json.load(crpa.files[0], crpa)
