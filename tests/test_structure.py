"""Legal structure recognised from the PDF and Markdown renditions of the real corpus."""

from __future__ import annotations

import re
from itertools import pairwise

import pypdf
import pytest

from assistant.sources.loading import load_edition
from assistant.structure.chunking import Chunker
from assistant.structure.recognize import article_number


@pytest.fixture(scope="module")
def chunker(settings):
    return Chunker(settings.chunk_max_chars, settings.chunk_overlap_chars)


@pytest.fixture(scope="module")
def pdf_chunks(edition, settings, chunker):
    ed = edition("ai-act", "AI_Act_2024-1689_FR_print.pdf")
    return ed, chunker.chunks(load_edition(ed, settings))


@pytest.fixture(scope="module")
def md_chunks(edition, settings, chunker):
    ed = edition("ai-act", "AI_Act_2024-1689_OJ_FR_pdf-extraction.md")
    return ed, chunker.chunks(load_edition(ed, settings))


@pytest.fixture(scope="module")
def gdpr_pdf(edition, settings, chunker):
    ed = edition("gdpr", "RGPD_2016-679_FR_print.pdf")
    return ed, chunker.chunks(load_edition(ed, settings))


def _articles(chunks):
    return {c.ref: c.title for c in chunks if c.kind == "article"}


def test_article_numbers_take_their_ref_key_form():
    assert article_number("premier") == "1"
    assert article_number("L. 311-3-1") == "L311-3-1"
    assert article_number("4 a") == "4a"


def test_ai_act_pdf_has_every_article_annex_and_recital(pdf_chunks):
    _, chunks = pdf_chunks
    refs = {c.ref for c in chunks if c.ref}
    assert {f"art:{n}" for n in range(1, 114)} <= refs
    assert {f"recital:{n}" for n in range(1, 181)} <= refs
    assert sum(r.startswith("annex:") for r in refs) == 13
    assert "annex:XIII" in refs


def test_pdf_and_markdown_renditions_yield_the_same_articles(pdf_chunks, md_chunks):
    pdf_articles, md_articles = _articles(pdf_chunks[1]), _articles(md_chunks[1])
    assert len(pdf_articles) == 113
    assert pdf_articles.keys() == md_articles.keys()
    differing = [ref for ref in pdf_articles if pdf_articles[ref] != md_articles[ref]]
    assert differing == []


def test_article_5_in_french_is_about_prohibited_practices(md_chunks):
    first = next(c for c in md_chunks[1] if c.ref == "art:5")
    assert "Pratiques interdites" in first.text
    assert first.label.startswith("RIA, article 5")
    assert first.url.endswith("CELEX:32024R1689#art_5")
    assert first.heading_path[0].startswith("CHAPITRE II")


def test_gdpr_article_35_label_and_page_in_the_pdf(gdpr_pdf):
    ed, chunks = gdpr_pdf
    first = next(c for c in chunks if c.ref == "art:35")
    reader = pypdf.PdfReader(ed.files[0])
    printed_on = [
        number
        for number, page in enumerate(reader.pages, 1)
        if any(line.strip() == "Article 35" for line in page.extract_text().split("\n"))
    ]
    assert printed_on == [65]
    assert first.pages[0] == 65
    assert re.fullmatch(r"RGPD, article 35, §§ 1 à \d+", first.label)
    assert first.title == "Analyse d'impact relative à la protection des données"
    assert {c.ref for c in chunks if c.kind == "recital"} == {f"recital:{n}" for n in range(1, 174)}


def test_no_chunk_carries_running_headers_or_footers(pdf_chunks, md_chunks, gdpr_pdf):
    furniture = re.compile(r"JO L du 12\.7\.2024|localhost|\d+/144\b|Journal officiel de l'Union européenne L 119/\d+")
    for _, chunks in (pdf_chunks, md_chunks, gdpr_pdf):
        leaked = [c.label for c in chunks if furniture.search(c.text)]
        assert leaked == []


def test_chunks_are_exact_slices_within_the_size_limit(md_chunks, settings):
    _, chunks = md_chunks
    assert all(c.end - c.start == len(c.text) for c in chunks)
    assert max(len(c.text) for c in chunks) <= 2 * settings.chunk_max_chars
    assert len({c.id for c in chunks}) == len(chunks)


def test_hyphenated_line_ends_and_ligatures_are_rejoined(pdf_chunks):
    text = " ".join(c.text for c in pdf_chunks[1])
    assert "ﬁ" not in text and "ﬂ" not in text
    assert "intelli- gence" not in text and "intelli-\ngence" not in text


def test_an_amending_article_is_cited_by_its_points_not_by_the_paragraphs_it_inserts(edition, settings, chunker):
    ed = edition("reg-2026-1744", "AI_Act_amending_2026-1744_Omnibus_EN_formex.xml")
    article_1 = [c for c in chunker.chunks(load_edition(ed, settings)) if c.ref == "art:1"]
    spans = [re.fullmatch(r"Omnibus IA, article 1er, points? (\d+)(?: à (\d+))?", c.label) for c in article_1]
    assert all(spans), [c.label for c in article_1]
    bounds = [(int(m[1]), int(m[2] or m[1])) for m in spans]
    assert bounds[0][0] == 1 and bounds[-1][1] == 43
    assert all(first <= last for first, last in bounds)
    assert all(a[1] <= b[0] for a, b in pairwise(bounds))
    literacy = next(i for i, c in enumerate(article_1) if "(5) Article 4 is replaced by the following:" in c.text)
    assert bounds[literacy][0] <= 5 <= bounds[literacy][1]
    assert article_1[literacy].provision_label == "Omnibus IA, article 1er"


def test_the_ai_acts_own_amending_article_is_cited_by_its_points_in_french(md_chunks):
    """Article 108 amends Regulation (EU) 2018/1139 in six points, printed « 1) » to « 6) » in French."""
    labels = [c.label for c in md_chunks[1] if c.ref == "art:108"]
    assert len(labels) > 1 and all(re.fullmatch(r"RIA, article 108, points? \d( à \d)?", label) for label in labels)
    assert labels[0].startswith("RIA, article 108, point 1") and labels[-1].endswith("6")


def test_annexes_are_cited_by_points_within_their_section(md_chunks):
    """Annex VIII numbers its points afresh in Sections A, B and C: a chunk never runs from one into the next."""
    _, chunks = md_chunks
    assert all("§" not in c.label for c in chunks if c.kind == "annex")
    annex_viii = [c for c in chunks if c.ref == "annex:VIII"]
    for chunk in annex_viii:
        headings = re.findall(r"(?m)^Section [A-C]\b", chunk.text)
        assert len(headings) <= 1 and (not headings or chunk.text.startswith("Section")), chunk.label
    deployers = next(c for c in annex_viii if c.text.startswith("Section C"))
    assert deployers.label.startswith("RIA, annexe VIII, section C, point")
    assert deployers.provision_label == "RIA, annexe VIII"
