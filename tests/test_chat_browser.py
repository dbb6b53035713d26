"""The chat in a real browser: Debian's Chromium, driven by Playwright, against the real app on a copy of the index.

Screenshots of each step go to test-artifacts/. The app runs in this process on a free loopback port;
the index is a copy, so that the upload steps leave the shared index/ untouched.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from docx import Document as WordDocument
from playwright.sync_api import Browser, Page, expect, sync_playwright
from support import free_port

from assistant.chat.app import ChatServer, create
from assistant.indexing.manifest import read_manifest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
QUESTION = "Quelles pratiques d'IA sont interdites ?"
GUIDE = "fr/pdf/etalab_guide_algorithmes_publics_print.pdf"
GUIDE_DOC = "perso-etalab-guide-algorithmes-publics-print"
# Counts the citation links of the answer being written, each time the chat changes: proof that it streams.
WATCH_STREAM = """() => {
  window.cadreLinks = [];
  new MutationObserver(() => {
    const answers = document.querySelectorAll('#cadre-chat .cadre-answer');
    const last = answers[answers.length - 1];
    if (last) window.cadreLinks.push(last.querySelectorAll('a.cite').length);
  }).observe(document.querySelector('#cadre-chat'), {subtree: true, childList: true, characterData: true});
}"""


@dataclass
class Running:
    chat: ChatServer
    url: str

    @property
    def settings(self):
        return self.chat.settings


def _shot(page: Page, name: str) -> None:
    """What the user sees in the window, once the side panel has finished sliding."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / f"chat-{name}.png"))


@pytest.fixture(scope="module")
def server(cadre, tmp_path_factory):
    folder = tmp_path_factory.mktemp("chat")
    shutil.copytree(cadre.settings.index_dir, folder / "index", ignore=shutil.ignore_patterns(".lock"))
    settings = replace(
        cadre.settings,
        index_dir=folder / "index",
        feedback_db=folder / "feedback.sqlite",
        upload_dir=folder / "uploads",
        auth="",
        users_file="",
    )
    chat = create(settings)
    port = free_port()
    chat.launch("127.0.0.1", port, block=False)
    assert chat.startup.ready.wait(180), chat.startup.message
    assert chat.startup.cadre is not None, chat.startup.message
    yield Running(chat, f"http://127.0.0.1:{port}/")
    chat.app.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser: Browser, server: Running, width: int = 1280, height: int = 800) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    page.goto(server.url)
    expect(page.locator("#cadre-status")).to_contain_text("Cadre est prêt", timeout=30_000)
    return page


def _ask(page: Page, question: str) -> None:
    page.get_by_label("Votre question").fill(question)
    page.get_by_role("button", name="Envoyer", exact=True).click()
    expect(page.get_by_role("button", name="Exporter (Markdown)")).to_be_enabled(timeout=30_000)


def _quote_of_first_citation(page: Page) -> str:
    first = page.locator("#cadre-chat .cadre-answer p").filter(has=page.locator("a.cite")).first.inner_text()
    return re.search(r"« (.*) » \[\d+\]", first, re.S).group(1)


def test_ask_read_source_rate_and_export(server, browser, tmp_path):
    page = _open(browser, server)
    _shot(page, "1-home")
    page.evaluate(WATCH_STREAM)
    _ask(page, QUESTION)
    links = page.locator("#cadre-chat a.cite")
    final = links.count()
    assert final >= 1
    seen = page.evaluate("window.cadreLinks")
    assert any(0 < n < final for n in seen), f"no partial answer was shown: {seen}"
    _shot(page, "2-answer")

    quote = _quote_of_first_citation(page)
    links.first.click()
    mark = page.locator("#cadre-source mark")
    expect(mark).to_be_visible()
    assert " ".join(mark.inner_text().split()) == " ".join(quote.split())
    expect(page.locator("#cadre-source h2")).to_be_focused()
    expect(page.locator("#cadre-source")).to_contain_text("Édition :")
    _shot(page, "3-source")

    page.get_by_text("Donner votre avis sur une réponse").click()
    page.get_by_label("Utile").check()
    page.get_by_label("Commentaire (facultatif)").fill("Très clair. Contact : agent.ia@mairie-exemple.fr")
    page.get_by_role("button", name="Envoyer l'avis").click()
    expect(page.locator("#cadre-rate-status")).to_contain_text("Merci")
    _shot(page, "4-feedback")
    with sqlite3.connect(server.settings.feedback_db) as db:
        rows = db.execute("SELECT rating, question, comment, citations FROM feedback").fetchall()
    assert [row[:3] for row in rows] == [("utile", QUESTION, "Très clair. Contact : [courriel masqué]")]
    assert quote in rows[0][3]

    with page.expect_download() as markdown:
        page.get_by_role("button", name="Exporter (Markdown)").click()
    content = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert f"## 1. {QUESTION}" in content
    assert f"« {quote} »" in content
    with page.expect_download() as word:
        page.get_by_role("button", name="Exporter (Word .docx)").click()
    assert word.value.suggested_filename.endswith(".docx")
    paragraphs = [p.text for p in WordDocument(word.value.path()).paragraphs]
    assert f"« {quote} »" in paragraphs
    page.context.close()


def test_upload_refuses_an_empty_file_then_answers_from_a_new_one(server, browser, cadre):
    page = _open(browser, server)
    page.get_by_role("tab", name="Ajouter des documents").click()
    picker = page.locator("#cadre-files input[type=file]")
    picker.set_input_files(str(server.settings.corpus_dir / "_bad_inputs" / "empty_zero_bytes.pdf"))
    expect(page.locator("#cadre-files")).to_contain_text(re.compile(r"empty_zero_bytes\s*\.pdf"))
    page.get_by_role("button", name="Ajouter à l'index").click()
    expect(page.locator("#cadre-added")).to_contain_text("empty_zero_bytes.pdf — fichier vide", timeout=60_000)
    _shot(page, "5-upload-refused")

    picker.set_input_files(str(server.settings.corpus_dir / GUIDE))
    expect(page.locator("#cadre-files")).to_contain_text(re.compile(r"etalab_guide_algorithmes_publics_print\s*\.pdf"))
    page.get_by_role("button", name="Ajouter à l'index").click()
    expect(page.locator("#cadre-added")).to_contain_text(
        "Ajouté : etalab_guide_algorithmes_publics_print.pdf", timeout=120_000
    )
    _shot(page, "6-upload-added")
    assert sorted(p.name for p in server.settings.upload_dir.iterdir()) == [
        "etalab_guide_algorithmes_publics_print.pdf"
    ]

    page.get_by_role("tab", name="Conversation").click()
    page.get_by_label("Documents à interroger").click()
    page.get_by_role("option", name="etalab_guide_algorithmes_publics_print (ajouté)").click()
    _ask(page, "Quelles obligations de transparence pour les algorithmes publics ?")
    page.locator("#cadre-chat a.cite").first.click()
    expect(page.locator("#cadre-source h2")).to_contain_text("etalab_guide_algorithmes_publics_print")
    expect(page.locator("#cadre-source mark")).to_be_visible()
    _shot(page, "7-answer-from-upload")
    labels = {c.label: c.doc_id for c in server.chat.startup.cadre.index.chunks if c.doc_id.startswith("perso-")}
    assert labels == {"etalab_guide_algorithmes_publics_print": GUIDE_DOC}
    shared = {s.edition_key.split("|")[0] for s in read_manifest(cadre.settings.index_dir).sources}
    assert GUIDE_DOC not in shared, "the shared index must stay untouched"
    page.context.close()


def test_phone_width_example_and_keyboard(server, browser):
    page = _open(browser, server, width=390, height=844)
    _shot(page, "8-phone-home")
    page.get_by_role("button", name=QUESTION).click()
    expect(page.get_by_role("button", name="Exporter (Markdown)")).to_be_enabled(timeout=30_000)
    expect(page.locator("#cadre-examples")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    link = page.locator("#cadre-chat a.cite").first
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#cadre-source mark")).to_be_visible()
    _shot(page, "9-phone-source")
    page.context.close()


def test_what_the_omnibus_changes_is_listed_under_the_answer(server, browser):
    """The list of amended provisions reads as notes under the answer, and its [n] opens the amending article."""
    page = _open(browser, server)
    _ask(page, "Que change le règlement omnibus pour les communes ?")
    notes = page.locator("#cadre-chat .cadre-notes li")
    expect(notes.filter(has_text="RIA, article 4 « Maîtrise de l’IA » — point 5")).to_have_count(1)
    expect(notes.filter(has_text="RIA, article 113 « Entrée en vigueur et application » — point 40")).to_have_count(1)
    _shot(page, "10-omnibus-changes")
    notes.filter(has_text="Dispositions du RIA modifiées").locator("a.cite").first.click()
    expect(page.locator("#cadre-source mark")).to_have_text("Regulation (EU) 2024/1689 is amended as follows:")
    expect(page.locator("#cadre-source")).to_contain_text("Omnibus IA, article 1er")
    page.context.close()
