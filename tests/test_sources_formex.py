"""Formex 4: the consolidated AI Act (deleted spans dropped), the Omnibus amending act and its Annex XIV file."""

from __future__ import annotations

import pytest
from support import marker_text, markers_of

from assistant.records import Document, Marker
from assistant.sources import formex
from assistant.sources.base import LoadError

CONSOLIDATED = "AI_Act_2024-1689_consolidated_02024R1689-20260727_EN_formex.xml"
OMNIBUS = "AI_Act_amending_2026-1744_Omnibus_EN_formex.xml"
ANNEX_XIV = "AI_Act_amending_2026-1744_Omnibus_EN_formex_annexXIV.xml"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]

# Wording of the three spans the Omnibus deleted, present in the file between CLG.MDFO … DELETED and CLG.MDFC.
DELETED = (
    "in accordance with paragraph (2), points (f) and (g) of this Article",  # Art. 10(5)
    "on machinery, and amending Directive 95/16/EC",  # Annex I, Section A, point 1
    "A short summary of the grounds on which the AI system is considered to be not-high-risk",  # Annex VIII, B, 7
)


def _load(edition, doc_id: str, name: str) -> Document:
    ed = edition(doc_id, name)
    return formex.load(ed.files[0], ed)


@pytest.fixture(scope="module")
def consolidated(edition) -> Document:
    return _load(edition, "ai-act", CONSOLIDATED)


@pytest.fixture(scope="module")
def omnibus(edition) -> Document:
    return _load(edition, "reg-2026-1744", OMNIBUS)


@pytest.fixture(scope="module")
def annex_xiv(edition) -> Document:
    return _load(edition, "reg-2026-1744", ANNEX_XIV)


def _provision(doc: Document, kind: str, number: str) -> tuple[Marker, str]:
    """The marker and its text, up to the next marker."""
    marker = next(m for m in markers_of(doc, kind) if m.number == number)
    return marker, marker_text(doc, marker)


def test_consolidated_has_the_inserted_articles_and_annex_xiv(consolidated):
    inserted = {"4": ["4a"], "60": ["60a"], "75": ["75a", "75b", "75c", "75d"]}
    expected = [n for number in range(1, 114) for n in (str(number), *inserted.get(str(number), []))]
    articles = markers_of(consolidated, "article")
    assert [m.number for m in articles] == expected
    assert len(articles) == 119
    assert {"art_4a", "art_60a", "art_75d"} <= {m.anchor for m in articles}
    assert [m.number for m in markers_of(consolidated, "annex")] == ROMAN
    assert [m.anchor for m in markers_of(consolidated, "annex")] == [f"anx_{n}" for n in ROMAN]
    assert markers_of(consolidated, "recital") == []


def test_consolidated_drops_the_deleted_spans(consolidated, edition):
    raw = edition("ai-act", CONSOLIDATED).files[0].read_text(encoding="utf-8")
    for wording in DELETED:
        assert wording in raw
        assert wording not in consolidated.text
    _, article_10 = _provision(consolidated, "article", "10")
    assert "\n\n4. Data sets shall take into account" in article_10
    assert "\n\n5. " not in article_10
    assert "\n\n6. For the development of high-risk AI systems not using techniques" in article_10


def test_consolidated_annexes_keep_the_points_around_the_deleted_ones(consolidated):
    _, annex_i = _provision(consolidated, "annex", "I")
    assert "based on the New Legislative Framework\n\n2. Directive 2009/48/EC" in annex_i
    _, annex_viii = _provision(consolidated, "annex", "VIII")
    section_b = annex_viii[annex_viii.index("Section B") :]
    assert "\n\n6. The condition or conditions under Article 6(3)" in section_b
    assert "\n\n7. " not in section_b and "\n\n9. " not in section_b
    assert "\n\n8. " in section_b


def test_consolidated_article_4_is_the_amended_wording(consolidated):
    marker, text = _provision(consolidated, "article", "4")
    assert (marker.title, marker.anchor) == ("AI literacy", "art_4")
    assert text.startswith(
        "Article 4\n\nAI literacy\n\n1. Providers and deployers of AI systems shall take measures to support the "
        "development of AI literacy of their staff and other persons dealing with the operation and use of AI "
        "systems on their behalf"
    )
    assert "does not require providers or deployers to guarantee any specific level of AI literacy" in text
    assert "\n\n2. The Commission and the Member States shall support and facilitate" in text
    assert "\n\n3. The Board shall adopt recommendations" in text
    assert "to ensure, to their best extent, a sufficient level of AI literacy" not in text
    assert consolidated.page_at(consolidated.text.index("3. The Board shall adopt recommendations")) == 12


def test_consolidated_structure_and_inline_formatting(consolidated):
    marker, _ = _provision(consolidated, "article", "4a")
    assert marker.title == "Processing of special categories of personal data for bias detection and correction"
    _, article_5 = _provision(consolidated, "article", "5")
    assert "\n\n(a) the placing on the market, the putting into service or the use of an AI system that deploys" in (
        article_5
    )
    section = next(m for m in markers_of(consolidated, "part") if m.anchor == "cpt_III.sct_2")
    assert (section.number, section.title, section.level) == ("SECTION 2", "Requirements for high-risk AI systems", 2)
    assert "\n\n(1) ‘AI system’ means a machine-based system" in consolidated.text
    assert "administrative fines of up to EUR 35 000 000 or" in consolidated.text
    assert "floating point operations is greater than 10^25." in consolidated.text
    _, annex_xiv = _provision(consolidated, "annex", "XIV")
    assert "\n\nAIP 0102 | AI systems subject to point 2 of Section A of Annex I\n\n" in annex_xiv


def test_consolidated_footnotes_go_after_an_end_marker(consolidated):
    final, notes = markers_of(consolidated, "end")
    assert consolidated.text[final.offset :].startswith("This Regulation shall be binding in its entirety")
    assert notes.offset > markers_of(consolidated, "annex")[-1].offset
    assert consolidated.text[notes.offset :].startswith("(1) Regulation (EU) No 1025/2012")
    assert "Regulation (EU) No 1025/2012 of the European Parliament and of the Council (1) and without undue delay" in (
        consolidated.text
    )


def test_amended_provisions_reads_the_change_markers(edition):
    changes = formex.amended_provisions(edition("ai-act", CONSOLIDATED).files[0])
    assert changes["art:4"] == "replaced"
    assert changes["art:4a"] == "inserted"
    assert changes["art:10"] == "deleted, replaced"
    assert changes["annex:VIII"] == "deleted, replaced"
    assert changes["annex:XIV"] == "inserted"
    assert "art:9" not in changes and "annex:III" not in changes


def test_omnibus_has_47_recitals_and_its_own_4_articles(omnibus):
    recitals = markers_of(omnibus, "recital")
    assert [m.number for m in recitals] == [str(n) for n in range(1, 48)]
    assert recitals[26].anchor == "rct_27"
    articles = markers_of(omnibus, "article")
    assert [(m.number, m.title) for m in articles] == [
        ("1", "Amendments to Regulation (EU) 2024/1689"),
        ("2", "Amendments to Regulation (EU) 2018/1139"),
        ("3", "Amendments to Regulation (EU) 2023/1230"),
        ("4", "Entry into force and application"),
    ]
    _, article_1 = _provision(omnibus, "article", "1")
    for quoted in ("‘Article 4\n\nAI literacy", "‘Article 4a", "‘Article 60a", "‘Article 75a", "\n\nArticle 75d\n\n"):
        assert quoted in article_1
    assert "\n\n(5) Article 4 is replaced by the following:\n\n" in article_1


def test_omnibus_end_markers_signatures_and_footnotes(omnibus):
    enacting, final = markers_of(omnibus, "end")
    assert omnibus.text[enacting.offset :].startswith("HAVE ADOPTED THIS REGULATION:\n\nArticle 1")
    closing = omnibus.text[final.offset :]
    assert closing.startswith("This Regulation shall be binding in its entirety")
    assert "Done at Strasbourg, 8 July 2026.\n\nFor the European Parliament\n\nThe President\n\nR. METSOLA" in closing
    assert "\n\n(23) " in closing and "\n\n(24) " not in closing


def test_omnibus_pages(omnibus):
    assert sorted({n for _, n in omnibus.pages}) == [*range(1, 37), 39, 40, 41]
    recitals = {m.number: m for m in markers_of(omnibus, "recital")}
    assert omnibus.page_at(recitals["1"].offset) == 1
    # Page 4 starts inside recital (9): the recital is cited from page 3 where it begins.
    assert (omnibus.page_at(recitals["9"].offset), omnibus.page_at(recitals["10"].offset)) == (3, 4)
    assert omnibus.page_at(markers_of(omnibus, "article")[-1].offset) == 41


def test_annex_xiv_file(annex_xiv):
    (annex,) = annex_xiv.markers
    assert (annex.kind, annex.number, annex.anchor) == ("annex", "XIV", "anx_XIV")
    assert annex_xiv.text.startswith("‘Annex XIV\n\nThe list of codes, categories and corresponding types")
    assert annex_xiv.page_at(annex_xiv.text.index("AIP 0108 |")) == 36
    assert annex_xiv.page_at(annex_xiv.text.index("AIP 0109 |")) == 37


@pytest.mark.parametrize("name", [CONSOLIDATED, OMNIBUS, ANNEX_XIV])
def test_markers_are_in_text_order(edition, name):
    offsets = [m.offset for m in _load(edition, "ai-act" if name == CONSOLIDATED else "reg-2026-1744", name).markers]
    assert offsets == sorted(set(offsets))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"<ACT><TITLE>", "not well-formed XML"),
        (b"<html><body><p>Not Formex</p></body></html>", "not a Formex act"),
        (
            b'<ACT><P>kept <?CLG.MDFO ID="O1" IDREF="C1" ACTION="DELETED"?>gone</P>'
            b'<?CLG.MDFC ID="C1" IDREF="O1"?></ACT>',
            "does not close at the level where it opens",
        ),
    ],
)
def test_refuses_what_it_cannot_read(tmp_path, edition, content, reason):
    path = tmp_path / "act.xml"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        formex.load(path, edition("ai-act", CONSOLIDATED))
