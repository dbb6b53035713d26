"""Quizzes over the real index: every answer proved by its cited passage, deterministic, and valid GIFT/Moodle XML.

GIFT is checked with pygiftparser (PyPI, a real GIFT parser), Moodle XML structurally with lxml.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from lxml import etree
from pygiftparser import parser as pygiftparser

from assistant.trainer.commands import run_quiz
from assistant.trainer.export import quiz_text
from assistant.trainer.facts import BLANK
from assistant.trainer.quiz import FALSE, MULTICHOICE, TRUE, TRUEFALSE, build_quiz
from assistant.trainer.themes import find_theme, list_themes

TODAY = date(2026, 11, 27)
THEMES = ("deployeur-public-haut-risque", "ria-xii", "crpa-algorithmes", "rgpd-iv-s3", "chatbot-mairie")
ENGLISH = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip
FRENCH = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")  # fmt: skip
_MONTHS = dict(zip(ENGLISH, FRENCH, strict=True))


def normalised(text: str) -> str:
    """Case, spaces and English month names aside: how an answer shown in French is found in an English quote."""
    text = " ".join(text.casefold().replace("\u00a0", " ").replace("\u202f", " ").split())
    return re.sub(r"\b(" + "|".join(_MONTHS) + r")\b", lambda m: _MONTHS[m.group()], text).replace("1er ", "1 ")


@pytest.fixture(scope="module")
def quizzes(cadre):
    themes = list_themes(cadre)
    return {theme: build_quiz(cadre, find_theme(themes, theme), n=10, seed=0, today=TODAY) for theme in THEMES}


def test_every_answer_is_found_in_its_cited_passage(cadre, quizzes):
    indexed = {c.id: c.text for c in cadre.index.chunks}
    for theme, items in quizzes.items():
        assert len(items) >= 8, theme
        for item in items:
            assert item.quote.text in indexed[item.quote.chunk.id]
            assert item.lead is None or item.lead.text in indexed[item.lead.chunk.id]
            assert item.evidence in item.quote.text
            assert item.stem.replace(BLANK, item.evidence) == item.quote.text
            assert item.answer in item.choices and len(set(item.choices)) == len(item.choices)
            if item.type == MULTICHOICE:
                assert normalised(item.answer) in normalised(item.quote.text)
                others = [c for c in item.choices if c != item.answer]
                assert len(others) >= 2 and all(normalised(c) != normalised(item.answer) for c in others)
            else:
                assert item.choices == (TRUE, FALSE)
                assert (item.answer == TRUE) == (item.shown == item.evidence)
                assert item.shown in item.statement


def test_distractors_are_values_of_the_same_kind(quizzes):
    amounts = [i for i in quizzes["ria-xii"] if i.kind == "montant"]
    assert amounts and all(c.endswith("EUR") for i in amounts for c in i.choices)
    assert any(i.evidence == "35 000 000 EUR" for i in amounts)
    dates = [i for i in quizzes["deployeur-public-haut-risque"] if i.kind == "date"]
    assert dates and all(re.fullmatch(r"\d{1,2} \w+ 20\d\d", c) for i in dates for c in i.choices)
    headcount = next(i for i in quizzes["crpa-algorithmes"] if i.kind == "effectif")
    assert headcount.evidence == "50 agents" and headcount.quote.chunk.label == "CRPA, article D. 312-1-4"
    roles = [i for i in quizzes["rgpd-iv-s3"] if i.kind == "obligation" and i.type == MULTICHOICE]
    assert roles and all(set(i.choices) <= {"responsable du traitement", "sous-traitant",
                                             "délégué à la protection des données"} for i in roles)  # fmt: skip


def test_same_seed_same_quiz_other_seed_other_quiz(cadre, quizzes):
    theme = find_theme(list_themes(cadre), "deployeur-public-haut-risque")
    again = build_quiz(cadre, theme, n=10, seed=0, today=TODAY)
    assert again == quizzes["deployeur-public-haut-risque"]
    assert build_quiz(cadre, theme, n=10, seed=1, today=TODAY) != again


def test_no_quiz_item_quotes_a_paragraph_the_omnibus_changed(cadre, quizzes):
    law = cadre.index.law_in_force
    for items in quizzes.values():
        assert all(law.amendment(item.quote.chunk, item.quote.text) is None for item in items)
    # Article 4 (AI literacy) was replaced as a whole: the chatbot theme anchors it, its quiz must not quote it.
    assert all(item.quote.chunk.label != "RIA, article 4" for item in quizzes["chatbot-mairie"])


def test_gift_export_parses_with_one_right_answer_each(quizzes):
    for items in quizzes.values():
        parsed = pygiftparser.parseFile(io.StringIO(quiz_text(items, "Quiz : test", "gift")))
        assert len(parsed) == len(items)
        for question, item in zip(parsed, items, strict=True):
            assert question.valid
            if item.type == TRUEFALSE:
                assert type(question.answers).__name__ == "TrueFalseSet"
                assert question.answers.answer == (item.answer == TRUE)
                continue
            right = [a for a in question.answers.answers if a.fraction == 100]
            assert len(question.answers.answers) == len(item.choices) and len(right) == 1
            assert re.sub(r"\\(.)", r"\1", right[0].answer) == item.answer


def test_moodle_xml_is_well_formed_with_exactly_one_right_answer(quizzes):
    items = quizzes["deployeur-public-haut-risque"]
    quiz = etree.fromstring(quiz_text(items, "Déployeur public", "moodle-xml").encode())
    assert quiz.tag == "quiz"
    questions = [q for q in quiz.findall("question") if q.get("type") != "category"]
    assert len(questions) == len(items)
    for question, item in zip(questions, items, strict=True):
        assert question.get("type") == item.type
        assert question.findtext("questiontext/text").strip() and question.findtext("name/text")
        answers = question.findall("answer")
        right = [a for a in answers if a.get("fraction") == "100"]
        assert len(right) == 1 and all(a.get("fraction") in {"0", "100"} for a in answers)
        if item.type == MULTICHOICE:
            assert len(answers) == len(item.choices) and question.findtext("single") == "true"
            assert item.answer in right[0].findtext("text")
        else:
            assert right[0].findtext("text") == ("true" if item.answer == TRUE else "false")
        assert item.quote.url in question.findtext("generalfeedback/text")


def test_json_and_markdown_exports_carry_the_proof(quizzes):
    items = quizzes["ria-xii"]
    record = json.loads(quiz_text(items, "Sanctions", "json"))
    assert [r["answer"] for r in record["items"]] == [i.answer for i in items]
    assert all(
        r["quote"]["text"] == i.quote.text and r["quote"]["url"] for r, i in zip(record["items"], items, strict=True)
    )
    markdown = quiz_text(items, "Sanctions", "md")
    assert markdown.count("## Question ") == len(items) and "## Corrigé" in markdown


def test_quiz_command_writes_the_chosen_format(cadre, tmp_path):
    out = tmp_path / "quiz.gift"
    assert run_quiz(cadre, "ria-xii", 4, "gift", out, seed=0) == 0
    assert out.read_text(encoding="utf-8").count("::Q") == 4
