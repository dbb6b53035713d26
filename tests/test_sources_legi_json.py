"""The CRPA LEGI JSON: articles in force with their LEGIARTI ids, alinéas kept, headings as parts."""

from __future__ import annotations

import json

import pytest
from support import article_markers, marker_text

from assistant.records import Document, Marker
from assistant.sources import legi_json
from assistant.sources.base import LoadError

CRPA = "CRPA_LEGITEXT000031366350_socialgouv-legi-data_2026-05-28.json"


@pytest.fixture(scope="module")
def crpa(edition):
    return edition("crpa", CRPA)


@pytest.fixture(scope="module")
def doc(crpa) -> Document:
    return legi_json.load(crpa.files[0], crpa)


def test_keeps_every_article_in_force_on_the_code_date(doc, crpa):
    tree = json.loads(crpa.files[0].read_bytes())
    etats: dict[str, str] = {}

    def walk(node):
        if node["type"] == "article":
            etats[node["data"]["num"]] = node["data"]["etat"]
        for child in node.get("children") or ():
            walk(child)

    walk(tree)
    articles = article_markers(doc)
    assert len(etats) == 476
    assert sum(etat == "VIGUEUR" for etat in etats.values()) == 475
    assert {n for n, etat in etats.items() if etat == "VIGUEUR"} <= set(articles)
    # L115-2 is ABROGE_DIFF: in force from 2025-07-02 until a new version on 2029-01-01, so in force on 2026-05-28.
    assert etats["L115-2"] == "ABROGE_DIFF"
    assert articles["L115-2"].anchor == "LEGIARTI000051827051"
    assert len(articles) == 476


def test_an_article_whose_version_has_ended_is_left_out(crpa, tmp_path, edition):
    tree = json.loads(crpa.files[0].read_bytes())

    def end(node):
        if node["type"] == "article" and node["data"]["num"] == "L115-2":
            node["data"]["dateFin"] = 1767225600000  # 2026-01-01, before the code's version date
        for child in node.get("children") or ():
            end(child)

    end(tree)
    path = tmp_path / "crpa.json"
    path.write_text(json.dumps(tree), encoding="utf-8")
    doc = legi_json.load(path, crpa)
    articles = article_markers(doc)
    assert len(articles) == 475
    assert "L115-2" not in articles
    assert "L115-2" not in doc.text


def test_anchors_are_the_ids_of_the_versions_in_force(doc):
    articles = article_markers(doc)
    assert articles["L311-3-1"].anchor == "LEGIARTI000033205535"
    assert articles["L312-1-3"].anchor == "LEGIARTI000033205516"
    assert articles["R311-3-1-1"].anchor == "LEGIARTI000034195878"
    assert articles["R311-3-1-2"].anchor == "LEGIARTI000034195881"
    assert articles["D312-1-4"].anchor == "LEGIARTI000033740114"
    # L311-5 has four versions: the anchor is the one of 2026-05-28, not the first one (its cid LEGIARTI000031367708).
    assert articles["L311-5"].anchor == "LEGIARTI000054142426"
    assert articles["R*132-4"].anchor == "LEGIARTI000031370083"


def test_article_text_keeps_its_alineas(doc):
    articles = article_markers(doc)
    l311_3_1 = marker_text(doc, articles["L311-3-1"])
    assert l311_3_1.startswith("Article L311-3-1\n\nSous réserve de l'application du 2° de l'article L. 311-5, une")
    assert "s'il en fait la demande.\n\nLes conditions d'application du présent article" in l311_3_1
    r311 = marker_text(doc, articles["R311-3-1-2"])
    assert "les informations suivantes :\n\n1° Le degré et le mode de contribution" in r311
    assert r311.endswith("4° Les opérations effectuées par le traitement.")
    d312 = marker_text(doc, articles["D312-1-4"])
    assert d312 == (
        "Article D312-1-4\n\nLe seuil prévu à l'article L. 312-1-3 est fixé à 50 agents ou salariés "
        "exprimé en équivalents temps plein."
    )
    assert "\n\na) Les avis du Conseil d'Etat et des juridictions administratives ;" in marker_text(
        doc, articles["L311-5"]
    )


def test_tables_become_one_line_per_row(doc):
    r113_5 = marker_text(doc, article_markers(doc)["R113-5"])
    assert (
        "Livret de famille régulièrement tenu à jour. | Extrait de l'acte de mariage des parents. "
        "Extrait de l'acte de naissance des parents ou des enfants." in r113_5
    )


def test_sections_are_parts_at_their_depth(doc):
    parts = [m for m in doc.markers if m.kind == "part"]
    assert parts[0] == Marker("part", "", "Dispositions préliminaires", 0, 1)
    l311_3_1 = article_markers(doc)["L311-3-1"]
    path: dict[int, Marker] = {}
    for part in (m for m in parts if m.offset < l311_3_1.offset):
        path = {level: m for level, m in path.items() if level < part.level} | {part.level: part}
    assert [(m.level, m.number, m.title) for m in path.values()] == [
        (1, "Livre III", "L'ACCÈS AUX DOCUMENTS ADMINISTRATIFS ET LA RÉUTILISATION DES INFORMATIONS PUBLIQUES"),
        (2, "Titre Ier", "LE DROIT D'ACCÈS AUX DOCUMENTS ADMINISTRATIFS"),
        (3, "Chapitre Ier", "Communication des documents administratifs"),
        (4, "Section 1", "Etendue du droit à communication"),
    ]
    assert doc.text.startswith("Section 1 : Etendue du droit à communication\n\n", path[4].offset)
    assert {m.level for m in parts} == {1, 2, 3, 4, 5, 6}


def test_markers_are_in_text_order_and_articles_start_with_their_heading(doc):
    offsets = [m.offset for m in doc.markers]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    for marker in doc.markers:
        if marker.kind == "article":
            assert doc.text.startswith(f"Article {marker.number}\n\n", marker.offset)
    assert "<" not in doc.text and "affichCodeArticle" not in doc.text


def test_in_force_dates(crpa):
    dates = legi_json.in_force_since(crpa.files[0])
    assert len(dates) == 476
    assert dates["LEGIARTI000033205535"] == "2016-10-09"
    assert dates["LEGIARTI000033740114"] == "2017-01-01"
    assert dates["LEGIARTI000054142426"] == "2026-05-28"


def test_other_json_and_broken_files_are_refused(crpa, tmp_path):
    gdpr_shape = tmp_path / "other.json"
    gdpr_shape.write_text('{"articles": [], "recitals": []}', encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "code", "children": [', encoding="utf-8")
    with pytest.raises(LoadError, match="not a LEGI JSON tree file"):
        legi_json.load(gdpr_shape, crpa)
    with pytest.raises(LoadError, match="not valid JSON"):
        legi_json.load(broken, crpa)
    assert legi_json.accepts(json.loads(crpa.files[0].read_bytes()))
