"""The trainer's tab in a real browser: a theme sheet quoting the index, and a handout of an answer of the chat.

Same launch as test_chat_browser (its fixtures and helpers): the app on a free loopback port over a copy of the
index, Debian's Chromium driven by Playwright, screenshots of each step in test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument
from playwright.sync_api import expect
from test_chat_browser import QUESTION, _ask, _open, _quote_of_first_citation, _shot, browser, server  # noqa: F401

THEME_TITLE = "Déployeur public d'un système d'IA à haut risque"
# The opening of article 26(1) of the AI Act, the sheet's first key provision.
ARTICLE_26 = (
    "Les déployeurs de systèmes d’IA à haut risque prennent des mesures techniques et organisationnelles "
    "appropriées afin de garantir qu’ils utilisent ces systèmes conformément aux notices d’utilisation"
)


def _flat(markdown: str) -> str:
    """The text of a Markdown file with its block-quote marks and line breaks gone, as a reader sees it."""
    return " ".join(" ".join(line.removeprefix(">").strip() for line in markdown.splitlines()).split())


def test_sheet_and_handout_from_the_trainer_tab(server, browser, cadre):  # noqa: F811
    assert any(ARTICLE_26 in c.text for c in cadre.index.chunks if c.label == "RIA, article 26" and c.lang == "fr")
    page = _open(browser, server)
    _ask(page, QUESTION)
    quote = _quote_of_first_citation(page)
    _shot(page, "trainer-1-answer")

    page.get_by_role("tab", name="Formateur").click()
    page.get_by_label("Thème de la fiche").click()
    page.get_by_role("option", name=THEME_TITLE).click()
    page.get_by_role("button", name="Générer la fiche").click()
    sheet = page.locator("#cadre-sheet")
    expect(sheet).to_contain_text(f"Fiche : {THEME_TITLE}", timeout=30_000)
    expect(sheet).to_contain_text(ARTICLE_26)
    expect(page.get_by_role("button", name="Fiche (Word .docx)")).to_be_enabled()
    _shot(page, "trainer-2-sheet")
    with page.expect_download() as sheet_file:
        page.get_by_role("button", name="Fiche (Markdown)").click()
    assert ARTICLE_26 in Path(sheet_file.value.path()).read_text(encoding="utf-8")

    page.get_by_label(f"1. {QUESTION}").check()
    expect(page.get_by_role("button", name="Support (Markdown)")).to_be_enabled(timeout=10_000)
    page.get_by_label(f"1. {QUESTION}").scroll_into_view_if_needed()
    _shot(page, "trainer-3-handout")
    with page.expect_download() as handout:
        page.get_by_role("button", name="Support (Markdown)").click()
    assert handout.value.suggested_filename == "support-de-cours.md"
    content = Path(handout.value.path()).read_text(encoding="utf-8")
    assert f"## 1. {QUESTION}" in content
    assert f"« {' '.join(quote.split())} »" in _flat(content)
    with page.expect_download() as word:
        page.get_by_role("button", name="Support (Word .docx)").click()
    paragraphs = [p.text for p in WordDocument(word.value.path()).paragraphs]
    assert f"1. {QUESTION}" in paragraphs
    page.context.close()
