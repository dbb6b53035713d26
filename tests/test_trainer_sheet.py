"""Theme sheets and handouts over the real index: every quote verbatim, the 2026 amendment seen, exports readable."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document as WordDocument
from lxml import html

from assistant.trainer.export import handout_docx, handout_markdown, sheet_docx, sheet_html, sheet_markdown
from assistant.trainer.sheet import build_sheet
from assistant.trainer.themes import find_theme, list_themes

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def themes(cadre):
    return list_themes(cadre)


@pytest.fixture(scope="module")
def sheet(cadre, themes):
    return build_sheet(cadre, find_theme(themes, "deployeur-public-haut-risque"), TODAY)


@pytest.fixture(scope="module")
def indexed(cadre):
    return {c.id: c.text for c in cadre.index.chunks}


def test_catalogue_has_curated_crpa_and_chapter_themes(themes):
    by_id = {t.id: t for t in themes}
    assert {"deployeur-public-haut-risque", "chatbot-mairie", "algorithmes-publics-transparence"} <= set(by_id)
    assert [a.ref for a in by_id["crpa-algorithmes"].anchors] == [
        "art:L311-3-1",
        "art:R311-3-1-1",
        "art:R311-3-1-2",
        "art:L312-1-3",
        "art:D312-1-4",
    ]
    assert by_id["ria-xii"].title == "RIA — Chapitre XII : Sanctions"
    assert by_id["ria-iii-s3"].heading[1].startswith("SECTION 3 — Obligations incombant aux fournisseurs")
    assert by_id["rgpd-iv-s4"].title == "RGPD — Chapitre IV, section 4 : Délégué à la protection des données"
    # 13 chapters and 16 sections in the AI Act, 11 chapters and 15 sections in the GDPR.
    assert sum(t.id.startswith("ria-") for t in themes) == 29
    assert sum(t.id.startswith("rgpd-") for t in themes) == 26


def test_a_theme_is_found_by_id_or_title_and_anything_else_is_a_query(themes):
    assert find_theme(themes, "ria-xii").id == "ria-xii"
    assert find_theme(themes, "  ria — chapitre xii : sanctions ").id == "ria-xii"
    assert find_theme(themes, "deployeur public d'un systeme d'ia a haut risque").id == "deployeur-public-haut-risque"
    free = find_theme(themes, "vidéoprotection algorithmique")
    assert free.kind == "query" and free.query == "vidéoprotection algorithmique"


def test_every_quote_of_a_sheet_is_verbatim_in_its_indexed_chunk(sheet, indexed):
    quotes = list(sheet.quotes())
    assert len(quotes) > 20
    assert all(q.text and q.text in indexed[q.chunk.id] for q in quotes)


def test_sheet_sections_hold_the_theme_provisions(sheet):
    headings = [k.heading for k in sheet.provisions]
    assert headings[:2] == [
        "RIA, article 26 — Obligations incombant aux déployeurs de systèmes d’IA à haut risque",
        "RIA, article 27 — Analyse d’impact des systèmes d’IA à haut risque sur les droits fondamentaux",
    ]
    first = sheet.provisions[0].passages[0].quote
    assert first.text.startswith("1. Les déployeurs de systèmes d’IA à haut risque prennent des mesures techniques")
    assert first.page == 67 and first.url.endswith("#art_26")
    roles = {row.role: row for row in sheet.roles}
    assert {"Fournisseur", "Déployeur", "Organisme public / autorité publique"} <= set(roles)
    assert all("déployeur" in p.quote.text.lower() for p in roles["Déployeur"].passages)
    assert any(link.passage.quote.chunk.doc_id != "ai-act" for link in sheet.links)
    assert len(sheet.questions) == 5 and all(qa.answer.citations for qa in sheet.questions)


def test_sheet_dates_quote_article_113_as_amended(sheet):
    by_text = {line.quote.text: line for line in sheet.dates}
    annex_iii = (
        "(i) 2 December 2027 as regards AI systems classified as high-risk pursuant to Article 6(2) and Annex III; and"
    )
    assert by_text[annex_iii].status(TODAY) == "2 décembre 2027 : pas encore applicable"
    assert by_text[annex_iii].lead.text.startswith("(c) Chapter III, Sections 1, 2, and 3")
    assert by_text["It shall apply from 2 August 2026."].status(TODAY) == "2 août 2026 : déjà applicable"
    public = [line for line in sheet.dates if "public authorities" in line.quote.text]
    assert public and public[0].quote.text.endswith("by 2 August 2030.")
    assert all(line.quote.chunk.version.startswith("consolidated") for line in sheet.dates)


def test_sheet_word_file_holds_labels_and_quotes(sheet, tmp_path):
    document = WordDocument(str(sheet_docx(sheet, tmp_path / "fiche.docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for quote in sheet.quotes():
        assert quote.text in text and quote.chunk.label in text
    assert document.tables and document.tables[0].rows[0].cells[1].text == "Obligation (citation)"


def test_sheet_markdown_and_html_show_every_quote_with_its_link(sheet):
    markdown = sheet_markdown(sheet)
    assert markdown.startswith("# Fiche : Déployeur public d'un système d'IA à haut risque")
    page = html.fromstring(sheet_html(sheet))
    blockquotes = page.findall(".//blockquote")
    assert blockquotes and all(b.find(".//a").get("href").startswith("https://") for b in blockquotes)
    for quote in sheet.quotes():
        assert quote.url in markdown
        assert quote.text.split("\n")[0] in markdown


def test_handout_from_question_answer_pairs(sheet, tmp_path):
    pairs = [(qa.question, qa.answer) for qa in sheet.questions[:2]]
    text = handout_markdown(pairs)
    assert text.startswith("# Questions-réponses") and f"## 1. {pairs[0][0]}" in text
    document = WordDocument(str(handout_docx(pairs, tmp_path / "handout.docx")))
    body = "\n".join(p.text for p in document.paragraphs)
    for _, answer in pairs:
        for citation in answer.citations:
            assert citation.quote in body and citation.chunk.label in body and citation.quote in text
