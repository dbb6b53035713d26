"""A real answer as the chat shows and exports it: linked markers, highlighted quotes, notes, Markdown and DOCX."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

import pytest
from docx import Document as WordDocument

from assistant.chat.export import to_docx, to_markdown
from assistant.chat.rendering import DISCLAIMER, answer_html, highlight, source_html
from assistant.chat.turns import find_citation, turn_record

QUESTION = "Quelles pratiques d'IA sont interdites ?"
WHEN = datetime(2026, 11, 27, 15, 42)


@pytest.fixture(scope="module")
def turn(cadre):
    return turn_record(QUESTION, cadre.answer(QUESTION))


def test_every_marker_links_to_its_citation(turn):
    html = answer_html(2, turn)
    markers = set(re.findall(r"\[(\d+)\]", turn["answer"] + " ".join(turn["notes"])))
    links = set(re.findall(r'href="#cite-2-(\d+)"', html))
    assert markers and links == markers
    assert "\n\n" not in html
    assert html.count('class="cadre-notes"') == (1 if turn["notes"] else 0)


def test_streaming_shows_the_first_lines_without_the_notes(turn):
    first = answer_html(0, turn, lines=1)
    assert first.count("<p>") == 1
    assert "cadre-notes" not in first


def test_source_panel_highlights_the_quote(turn):
    citation = find_citation([turn], "cite-0-1")
    html = source_html(citation)
    marked = re.search(r"<mark>(.*?)</mark>", html, re.S).group(1)
    assert " ".join(marked.split()) == " ".join(escape(citation["quote"], quote=False).split())
    assert f'href="{citation["url"]}"' in html
    assert find_citation([turn], "cite-0-99") is None
    assert find_citation([turn], "cite-x") is None


def test_highlight_escapes_and_tolerates_line_breaks():
    text = "Avant <b>.\n1. Le présent\narticle s'applique.\nAprès."
    assert highlight(text, "1. Le présent article s'applique.") == (
        "Avant &lt;b&gt;.\n<mark>1. Le présent\narticle s'applique.</mark>\nAprès."
    )
    assert highlight("autre texte", "citation absente").startswith("<mark>citation absente</mark>")


def test_markdown_export_has_quotes_sources_and_disclaimer(turn):
    markdown = to_markdown([turn, turn], WHEN)
    assert markdown.startswith("# Conversation avec Cadre\n\nExportée le 27/11/2026 à 15:42.")
    assert DISCLAIMER in markdown
    assert markdown.count(f"## 1. {QUESTION}") == 1 and markdown.count(f"## 2. {QUESTION}") == 1
    for citation in turn["citations"]:
        assert f"> « {citation['quote']} »" in markdown
        assert f"<{citation['url']}>" in markdown


def test_docx_export_opens_with_the_same_content(turn, tmp_path):
    path = to_docx([turn], WHEN, tmp_path / "conversation.docx")
    text = "\n".join(p.text for p in WordDocument(str(path)).paragraphs)
    assert QUESTION in text and DISCLAIMER in text
    for citation in turn["citations"]:
        assert f"« {citation['quote']} »" in text
