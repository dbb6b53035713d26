"""The GDPR (EN) articles-and-recitals JSON: recitals once each, headings moved to the article they precede."""

from __future__ import annotations

import json

import pytest
from support import marker_text

from assistant.records import Document, Marker
from assistant.sources import provisions_json, regulation_json
from assistant.sources.base import LoadError

GDPR = "GDPR_2016-679_EN_ansvar-seed.json"


@pytest.fixture(scope="module")
def gdpr(edition):
    return edition("gdpr", GDPR)


@pytest.fixture(scope="module")
def doc(gdpr) -> Document:
    return regulation_json.load(gdpr.files[0], gdpr)


def _find(doc: Document, kind: str, number: str) -> Marker:
    return next(m for m in doc.markers if m.kind == kind and m.number == number)


def test_counts_and_order(doc):
    kinds = [m.kind for m in doc.markers]
    assert [m.number for m in doc.markers if m.kind == "recital"] == [str(n) for n in range(1, 174)]
    assert [m.number for m in doc.markers if m.kind == "article"] == [str(n) for n in range(1, 100)]
    assert kinds.index("part") == 173 and kinds.count("end") == 1 and kinds[-1] == "end"
    offsets = [m.offset for m in doc.markers]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)


def test_recitals(doc):
    first = _find(doc, "recital", "1")
    assert first.offset == 0 and first.anchor == "rct_1"
    assert marker_text(doc, first).startswith("(1) The protection of natural persons in relation to the processing")
    last = marker_text(doc, _find(doc, "recital", "173"))
    assert last.startswith("(173) This Regulation should apply to all matters concerning the protection")
    assert doc.text.count("(173) This Regulation should apply") == 1


def test_article_35(doc):
    marker = _find(doc, "article", "35")
    assert (marker.title, marker.anchor) == ("Data protection impact assessment", "art_35")
    text = marker_text(doc, marker)
    assert text.startswith("Article 35\n\nData protection impact assessment\n\n1. Where a type of processing")
    assert "\n\n(a) a systematic and extensive evaluation of personal aspects" in text


def test_titles_missing_from_the_json_come_from_the_text(doc):
    assert _find(doc, "article", "19").title == (
        "Notification obligation regarding rectification or erasure of personal data or restriction of processing"
    )
    assert _find(doc, "article", "12").title.startswith("Transparent information, communication and modalities")


def test_chapters_and_sections_precede_their_first_article(doc):
    chapters = [m for m in doc.markers if m.kind == "part" and m.level == 1]
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")
    assert [m.number for m in chapters] == [f"CHAPTER {n}" for n in numerals]
    first_articles = {}
    for marker in doc.markers:
        if marker.kind == "part" and marker.level == 1:
            chapter = marker
        elif marker.kind == "article":
            first_articles.setdefault(chapter.number, (marker.number, chapter.title))
    assert first_articles["CHAPTER I"] == ("1", "")
    assert first_articles["CHAPTER II"] == ("5", "Principles")
    assert first_articles["CHAPTER V"] == (
        "44",
        "Transfers of personal data to third countries or international organisations",
    )
    assert first_articles["CHAPTER XI"] == ("94", "Final provisions")
    section = next(m for m in doc.markers if m.kind == "part" and m.title.startswith("Data protection impact"))
    assert (section.number, section.level) == ("Section 3", 2)
    assert doc.text.startswith(
        "Section 3\n\nData protection impact assessment and prior consultation\n\nArticle 35", section.offset
    )
    assert marker_text(doc, _find(doc, "article", "4")).endswith("an agreement between two or more countries.")


def test_closing_formula_and_page_script(doc):
    end = next(m for m in doc.markers if m.kind == "end")
    assert doc.text.startswith("This Regulation shall be binding in its entirety", end.offset)
    assert marker_text(doc, _find(doc, "article", "99")).endswith("2. It shall apply from 25 May 2018.")
    assert "Done at Brussels, 27 April 2016." in doc.text[end.offset :]
    assert "$(document)" not in doc.text


def test_shape_recognition(gdpr, edition):
    data = json.loads(gdpr.files[0].read_bytes())
    assert regulation_json.accepts(data) and not provisions_json.accepts(data)
    law = edition("loi-78-17", "Loi_78-17_Informatique_et_Libertes_JORFTEXT000000886460_ansvar-seed.json")
    with pytest.raises(LoadError, match="not a EU regulation JSON"):
        regulation_json.load(law.files[0], law)
