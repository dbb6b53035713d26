"""A quiz as Moodle XML: multichoice questions with exactly one right answer, true/false as Moodle's own type."""

from __future__ import annotations

from html import escape

from lxml import etree

from assistant.trainer.export.blocks import quoted, source_line
from assistant.trainer.quiz import TRUE, TRUEFALSE, QuizItem


def _text(parent: etree._Element, tag: str, html: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, format="html", **attributes)
    etree.SubElement(element, "text").text = html
    return element


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def _feedback(item: QuizItem) -> str:
    lead = _paragraphs(quoted(item.lead)) if item.lead else ""
    link = f'<a href="{escape(item.quote.url)}">{escape(item.quote.url)}</a>'
    return f"{lead}{_paragraphs(quoted(item.quote))}<p>{escape(source_line(item.quote))} — {link}</p>"


def _answer(question: etree._Element, text: str, right: bool, feedback: str) -> None:
    answer = _text(question, "answer", escape(text), fraction="100" if right else "0")
    _text(answer, "feedback", feedback)


def _question(quiz: etree._Element, number: int, item: QuizItem) -> None:
    kind = "truefalse" if item.type == TRUEFALSE else "multichoice"
    question = etree.SubElement(quiz, "question", type=kind)
    etree.SubElement(etree.SubElement(question, "name"), "text").text = f"Q{number} {item.kind}"
    _text(question, "questiontext", _paragraphs(item.question))
    _text(question, "generalfeedback", _feedback(item))
    etree.SubElement(question, "defaultgrade").text = "1"
    etree.SubElement(question, "penalty").text = "1" if kind == "truefalse" else "0.3333333"
    etree.SubElement(question, "hidden").text = "0"
    if kind == "truefalse":
        _answer(question, "true", item.answer == TRUE, "")
        _answer(question, "false", item.answer != TRUE, "")
        return
    etree.SubElement(question, "single").text = "true"
    etree.SubElement(question, "shuffleanswers").text = "true"
    etree.SubElement(question, "answernumbering").text = "abc"
    for choice in item.choices:
        _answer(question, choice, choice == item.answer, "")


def render(items: list[QuizItem], title: str) -> str:
    quiz = etree.Element("quiz")
    category = etree.SubElement(quiz, "question", type="category")
    etree.SubElement(etree.SubElement(category, "category"), "text").text = f"$course$/Cadre/{title}"
    for number, item in enumerate(items, 1):
        _question(quiz, number, item)
    return etree.tostring(quiz, encoding="UTF-8", xml_declaration=True, pretty_print=True).decode("utf-8")
