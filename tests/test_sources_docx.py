"""DOCX: paragraphs and tables in reading order, heading styles as parts, non-DOCX refused."""

from __future__ import annotations

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from assistant.records import Marker
from assistant.sources import docx as docx_source
from assistant.sources.base import LoadError


@pytest.fixture(scope="module")
def note(edition):
    return edition("guide-etalab-algorithmes", "0-guide.md")


def test_headings_paragraphs_and_tables_in_order(tmp_path, note):
    source = docx.Document()
    source.add_heading("Note sur les algorithmes publics", level=1)
    source.add_paragraph("Toute décision  individuelle fondée sur un algorithme comporte une mention explicite.")
    source.add_heading("Inventaire", level=2)
    table = source.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Algorithme", "Finalité", "Service"), strict=True):
        cell.text = text
    merged = table.cell(1, 1).merge(table.cell(1, 2))
    table.cell(1, 0).text = "Calcul des aides"
    merged.text = "Attribution"
    source.styles.add_style("Titre 3", WD_STYLE_TYPE.PARAGRAPH)
    source.add_paragraph("Publication", style="Titre 3")
    source.add_paragraph("Le seuil est de 50 agents.")
    path = tmp_path / "note.docx"
    source.save(path)

    doc = docx_source.load(path, note)
    assert doc.text == (
        "Note sur les algorithmes publics\n\n"
        "Toute décision individuelle fondée sur un algorithme comporte une mention explicite.\n\n"
        "Inventaire\n\n"
        "Algorithme | Finalité | Service\n\n"
        "Calcul des aides | Attribution\n\n"
        "Publication\n\n"
        "Le seuil est de 50 agents."
    )
    assert doc.markers == (
        Marker("part", "", "Note sur les algorithmes publics", 0, 1),
        Marker("part", "", "Inventaire", doc.text.index("Inventaire"), 2),
        Marker("part", "", "Publication", doc.text.index("Publication"), 3),
    )
    assert doc.pages == ()


def test_text_file_named_docx_is_refused(tmp_path, note):
    path = tmp_path / "fake.docx"
    path.write_text("Ceci n'est pas un document Word.", encoding="utf-8")
    with pytest.raises(LoadError, match="not a valid DOCX file"):
        docx_source.load(path, note)


def test_docx_without_text_is_refused(tmp_path, note):
    path = tmp_path / "empty.docx"
    docx.Document().save(path)
    with pytest.raises(LoadError, match="no text"):
        docx_source.load(path, note)
