"""EUR-Lex HTML: the AI Act as the current EUR-Lex page, the RGPD as the older CONVEX XHTML of the OJ."""

from __future__ import annotations

import pytest
from support import marker_text, markers_of

from assistant.records import Document
from assistant.sources import eurlex_html
from assistant.sources.base import LoadError

AI_ACT = "AI_Act_2024-1689_OJ_EN_eurlex.html"
RGPD = "RGPD_2016-679_JO-L119_FR_eurlex.html"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


@pytest.fixture(scope="module")
def ai_act(edition) -> Document:
    ed = edition("ai-act", AI_ACT)
    return eurlex_html.load(ed.files[0], ed)


@pytest.fixture(scope="module")
def rgpd(edition) -> Document:
    ed = edition("gdpr", RGPD)
    return eurlex_html.load(ed.files[0], ed)


def test_ai_act_counts_articles_recitals_annexes_chapters_and_sections(ai_act):
    assert [m.number for m in markers_of(ai_act, "article")] == [str(n) for n in range(1, 114)]
    assert [m.number for m in markers_of(ai_act, "recital")] == [str(n) for n in range(1, 181)]
    assert [m.number for m in markers_of(ai_act, "annex")] == ROMAN
    assert [m.anchor for m in markers_of(ai_act, "annex")] == [f"anx_{n}" for n in ROMAN]
    assert len(markers_of(ai_act, "part", level=1)) == 13
    assert len(markers_of(ai_act, "part", level=2)) == 16
    assert ai_act.pages == ()


def test_ai_act_article_5_heading_title_points(ai_act):
    article = next(m for m in markers_of(ai_act, "article") if m.number == "5")
    assert (article.title, article.anchor) == ("Prohibited AI practices", "art_5")
    text = marker_text(ai_act, article)
    assert text.startswith("Article 5\n\nProhibited AI practices\n\n1. The following AI practices shall be prohibited:")
    assert "\n\n(a) the placing on the market, the putting into service or the use of an AI system that deploys" in text
    assert "\n\n(i) the targeted search for specific victims of abduction" in text


def test_ai_act_recital_27_starts_with_its_number(ai_act):
    recital = next(m for m in markers_of(ai_act, "recital") if m.number == "27")
    assert recital.anchor == "rct_27"
    assert marker_text(ai_act, recital).startswith(
        "(27) While the risk-based approach is the basis for a proportionate"
    )


def test_ai_act_chapters_and_sections_carry_label_title_and_anchor(ai_act):
    section = next(m for m in markers_of(ai_act, "part") if m.anchor == "cpt_III.sct_2")
    assert (section.number, section.title, section.level) == ("SECTION 2", "Requirements for high-risk AI systems", 2)
    chapter = next(m for m in markers_of(ai_act, "part") if m.anchor == "cpt_II")
    assert (chapter.number, chapter.title, chapter.level) == ("CHAPTER II", "PROHIBITED AI PRACTICES", 1)


def test_ai_act_end_markers_close_the_recitals_and_the_enacting_terms(ai_act):
    enacting, final = markers_of(ai_act, "end")
    assert markers_of(ai_act, "recital")[-1].offset < enacting.offset < markers_of(ai_act, "part")[0].offset
    assert marker_text(ai_act, enacting) == "HAVE ADOPTED THIS REGULATION:"
    assert markers_of(ai_act, "article")[-1].offset < final.offset < markers_of(ai_act, "annex")[0].offset
    closing = marker_text(ai_act, final)
    assert closing.startswith("This Regulation shall be binding in its entirety and directly applicable")
    assert "Done at Brussels, 13 June 2024." in closing
    assert "R. METSOLA" in closing
    assert "(1) OJ C 517, 22.12.2021, p. 56." in closing  # footnotes are kept, after the end marker


def test_ai_act_annex_rows_become_labelled_blocks(ai_act):
    annex = next(m for m in markers_of(ai_act, "annex") if m.number == "III")
    assert annex.title == "High-risk AI systems referred to in Article 6(2)"
    text = marker_text(ai_act, annex)
    assert text.startswith("ANNEX III\n\nHigh-risk AI systems referred to in Article 6(2)")
    assert "\n\n1. Biometrics, in so far as their use is permitted under relevant Union or national law:\n\n" in text
    assert "\n\n(a) remote biometric identification systems.\n\nThis shall not include AI systems" in text


def test_ai_act_inline_formatting_reads_as_printed(ai_act):
    assert "floating point operations is greater than 10^25." in ai_act.text
    assert "administrative fines of up to EUR 35 000 000 or" in ai_act.text
    assert "Having regard to the opinion of the European Central Bank (2)," in ai_act.text


@pytest.mark.parametrize("chrome", ["function(", "{", "generateTOC", "ISSN 1977-0677", "Expand all", "My EUR-Lex"])
def test_ai_act_page_chrome_and_scripts_stay_out(ai_act, edition, chrome):
    assert chrome in edition("ai-act", AI_ACT).files[0].read_text(encoding="utf-8")
    assert chrome not in ai_act.text


def test_rgpd_counts_articles_recitals_chapters_and_sections(rgpd):
    assert [m.number for m in markers_of(rgpd, "article")] == [str(n) for n in range(1, 100)]
    assert [m.number for m in markers_of(rgpd, "recital")] == [str(n) for n in range(1, 174)]
    assert [m.number for m in markers_of(rgpd, "part", level=1)] == [f"CHAPITRE {n}" for n in (*ROMAN[:10], "XI")]
    assert len(markers_of(rgpd, "part", level=2)) == 15
    assert markers_of(rgpd, "annex") == []


def test_rgpd_article_premier_is_number_1(rgpd):
    first = markers_of(rgpd, "article")[0]
    assert (first.number, first.title, first.anchor) == ("1", "Objet et objectifs", "art_1")
    assert marker_text(rgpd, first).startswith(
        "Article premier\n\nObjet et objectifs\n\n1. Le présent règlement établit"
    )


def test_rgpd_article_35_title_and_section(rgpd):
    article = next(m for m in markers_of(rgpd, "article") if m.number == "35")
    assert article.title == "Analyse d'impact relative à la protection des données"
    section = [m for m in markers_of(rgpd, "part") if m.offset < article.offset][-1]
    assert (section.number, section.anchor, section.level) == ("Section 3", "cpt_IV.sct_3", 2)


def test_rgpd_recital_27_and_points(rgpd):
    recital = next(m for m in markers_of(rgpd, "recital") if m.number == "27")
    assert marker_text(rgpd, recital) == (
        "(27) Le présent règlement ne s'applique pas aux données à caractère personnel des personnes décédées. "
        "Les États membres peuvent prévoir des règles relatives au traitement des données à caractère personnel "
        "des personnes décédées."
    )
    article = next(m for m in markers_of(rgpd, "article") if m.number == "6")
    assert "\n\na) la personne concernée a consenti au traitement de ses données" in marker_text(rgpd, article)


def test_rgpd_end_markers(rgpd):
    enacting, final = markers_of(rgpd, "end")
    assert marker_text(rgpd, enacting) == "ONT ADOPTÉ LE PRÉSENT RÈGLEMENT:"
    closing = marker_text(rgpd, final)
    assert closing.startswith("Le présent règlement est obligatoire dans tous ses éléments")
    assert "Fait à Bruxelles, le 27 avril 2016." in closing
    assert "generateTOC" not in rgpd.text and "function(" not in rgpd.text


@pytest.mark.parametrize("name", [AI_ACT, RGPD])
def test_markers_are_in_text_order(edition, name):
    ed = edition("ai-act" if name == AI_ACT else "gdpr", name)
    offsets = [m.offset for m in eurlex_html.load(ed.files[0], ed).markers]
    assert offsets == sorted(set(offsets))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"<html><body><p>A page saved from elsewhere</p></body></html>", "not an EUR-Lex act page"),
    ],
)
def test_refuses_what_is_not_an_eurlex_act(tmp_path, edition, content, reason):
    path = tmp_path / "page.html"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        eurlex_html.load(path, edition("ai-act", AI_ACT))
