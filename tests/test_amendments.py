"""Law in force, paragraph by paragraph: what the 2026 amendment changed in the AI Act, and what answers say of it."""

from __future__ import annotations

from assistant.answering.in_force import amendment_notes
from assistant.records import Chunk, Citation


def _passage(cadre, ref: str, start: str, occurrence: int = 0) -> tuple[Chunk, str]:
    """A French 2024 AI Act sentence, as a citation quotes it: from `start` to the end of its line."""
    found = [
        (chunk, chunk.text[i:].split("\n")[0])
        for chunk in cadre.index.chunks
        if chunk.doc_id == "ai-act" and chunk.lang == "fr" and chunk.ref == ref
        for i in [chunk.text.find(start)]
        if i >= 0 and (i == 0 or chunk.text[i - 1] == "\n")
    ]
    return found[occurrence]


def test_only_the_paragraphs_the_omnibus_changed_are_outdated(cadre):
    law = cadre.index.law_in_force
    changed = law.amendment(*_passage(cadre, "art:27", "4. Si l’une des obligations"))
    assert changed and changed.unit.name == "4" and changed.unit.where == ", § 4"
    assert changed.current.text.startswith("4. ") and changed.current.chunk.version.startswith("consolidated")
    assert law.amendment(*_passage(cadre, "art:27", "1. Avant le déploiement")) is None
    point = law.amendment(*_passage(cadre, "art:3", "14) «composant de sécurité»"))
    assert point.unit.name == "14" and point.unit.where == ", point 14"
    assert law.amendment(*_passage(cadre, "art:3", "4) «déployeur»")) is None
    whole = law.amendment(*_passage(cadre, "art:4", "Les fournisseurs et les déployeurs"))
    assert whole is not None and whole.unit.where == ""
    assert whole.current.text.startswith("1. Providers and deployers of AI systems shall take measures to support")
    assert law.amendment(*_passage(cadre, "art:26", "1. Les déployeurs")) is None


def test_annex_points_are_compared_within_their_section(cadre):
    """Annex VIII numbers its points afresh in each section: point 7 of Section B was deleted and point 8 reworded,
    point 7 of Section A and the heading of Section C were not touched."""
    law = cadre.index.law_in_force
    deleted = law.amendment(*_passage(cadre, "annex:VIII", "7. un résumé succinct des motifs"))
    assert deleted and deleted.unit.where == ", section B, point 7" and deleted.current is None
    changed = law.amendment(*_passage(cadre, "annex:VIII", "8. le statut du système d'IA"))
    assert changed and changed.current.text.startswith("8. The status of the AI system")
    assert law.amendment(*_passage(cadre, "annex:VIII", "7. le statut du système d'IA")) is None
    assert (
        law.amendment(*_passage(cadre, "annex:VIII", "Section C - Informations à fournir par les déployeurs")) is None
    )


def test_the_current_wording_quoted_is_that_of_the_same_point(cadre):
    """Article 5(1) gained points (ba) and (bb): its point h) is quoted from the consolidated point (h), not from the
    paragraph's opening, and the second « i) » of the paragraph (under h) from the second "(i)"."""
    law = cadre.index.law_in_force
    point_h = law.amendment(*_passage(cadre, "art:5", "h) l’utilisation de systèmes d’identification biométrique"))
    assert point_h.unit.name == "1" and point_h.current.text.startswith("(h) the use of ‘real-time’ remote biometric")
    victims = law.amendment(*_passage(cadre, "art:5", "i) ", occurrence=1))
    assert victims.current.text.startswith("(i) the targeted search for specific victims")
    opening = law.amendment(*_passage(cadre, "art:5", "1. Les pratiques en matière d’IA suivantes sont interdites"))
    assert opening.current.text == "1. The following AI practices shall be prohibited:"


def test_notes_name_the_amended_paragraph_and_quote_its_current_point(cadre):
    """Article 27(1) and (2) read the same after the amendment: a citation of them gets no note. Article 5(1) changed:
    its point h) gets a note naming § 1 and the consolidated point (h), added once even when the paragraph's opening
    is cited too."""
    law = cadre.index.law_in_force
    unchanged = _passage(cadre, "art:27", "2. L’obligation établie au paragraphe 1")
    opening = _passage(cadre, "art:5", "1. Les pratiques en matière d’IA suivantes sont interdites")
    point_h = _passage(cadre, "art:5", "h) l’utilisation de systèmes d’identification biométrique")
    citations = [Citation(n, chunk, quote) for n, (chunk, quote) in enumerate((unchanged, opening, point_h), 1)]
    notes, added = amendment_notes(citations, law, "fr")
    assert notes == [
        "RIA, article 5, § 1 a été modifié par le règlement (UE) 2026/1744, applicable depuis le 27 juillet 2026 ; "
        "version en vigueur citée en [4], en anglais, seule langue disponible."
    ]
    assert [(c.n, c.chunk.lang, c.chunk.version.startswith("consolidated")) for c in added] == [(4, "en", True)]
    assert (
        added[0].quote.startswith("(h) the use of ‘real-time’ remote biometric")
        and added[0].quote in added[0].chunk.text
    )


def test_a_deleted_point_is_said_deleted(cadre):
    deleted = _passage(cadre, "annex:VIII", "7. un résumé succinct des motifs")
    notes, added = amendment_notes([Citation(1, *deleted)], cadre.index.law_in_force, "fr")
    assert notes == [
        "RIA, annexe VIII, section B, point 7 a été supprimé par le règlement (UE) 2026/1744, applicable depuis le "
        "27 juillet 2026."
    ]
    assert added == []


def test_an_answer_on_facial_recognition_quotes_the_point_in_force(cadre):
    answer = cadre.answer(
        "La police municipale peut-elle brancher la reconnaissance faciale en temps réel sur les caméras de la ville ?"
    )
    consolidated = [c for c in answer.citations if c.chunk.version.startswith("consolidated")]
    assert consolidated and consolidated[0].quote.startswith("(h) ")
    assert any(n.startswith("RIA, article 5, § 1 a été modifié") for n in answer.notes)
