"""What the chat stores is masked: e-mail addresses, French phone numbers, social-security numbers (NIR)."""

from __future__ import annotations

import pytest

from assistant.chat.redaction import redact


@pytest.mark.parametrize(
    "email", ["jean.dupont@mairie-lyon.fr", "DPO+ia@ville.paris", "a_b-c@sub.domaine.gouv.fr", "élu@commune.bzh"]
)
def test_emails_are_masked(email):
    assert redact(f"Écrivez à {email}, merci.") == "Écrivez à [courriel masqué], merci."


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "01 23 45 67 89",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)1 23 45 67 89",
        "0033 1 23 45 67 89",
        "+33 6.12.34.56.78",
    ],
)
def test_french_phone_numbers_are_masked(phone):
    assert redact(f"Appelez le {phone} demain.") == "Appelez le [téléphone masqué] demain."


@pytest.mark.parametrize(
    "nir", ["1 85 05 78 006 084 36", "185057800608436", "2 69 05 2A 123 456 78", "2690549588157 80", "1850578006084"]
)
def test_social_security_numbers_are_masked(nir):
    assert redact(f"Son NIR est {nir}.") == "Son NIR est [NIR masqué]."


@pytest.mark.parametrize(
    "text",
    [
        "Quelles obligations fixe l'article 5 du règlement (UE) 2024/1689 ?",
        "Le RIA s'applique à partir du 2 août 2026 (article 113).",
        "La mairie de Lyon, 69001, a 12 345 agents.",
        "Le SIRET de la commune est 21690123100011.",
        "Article L311-3-1 du CRPA, loi n° 78-17 du 6 janvier 1978.",
    ],
)
def test_legal_references_dates_and_other_numbers_are_kept(text):
    assert redact(text) == text


def test_several_kinds_in_one_question():
    question = "M. Martin (martin@exemple.fr, 07 98 76 54 32, NIR 1 85 05 78 006 084 36) peut-il refuser ?"
    assert redact(question) == ("M. Martin ([courriel masqué], [téléphone masqué], NIR [NIR masqué]) peut-il refuser ?")
