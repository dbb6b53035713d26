"""The loaders' reasons for the files of ../shared/corpus/_bad_inputs, as an agent reads them in the upload panel."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.chat.reasons import french_reason
from assistant.indexing.build import user_edition
from assistant.sources.base import LoadError
from assistant.sources.loading import load_file

EXPECTED = {
    "empty_zero_bytes.pdf": "fichier vide",
    "html_disguised_as_pdf_etalab_guide.pdf": "le contenu ne correspond pas à l'extension .pdf",
    "image_only_no_text_RGPD_p1_p54.pdf": (
        "PDF sans couche texte (scan ?) : faites une reconnaissance de caractères avant de l'ajouter"
    ),
    "large_repeated_text_5MB.html": "fichier trop volumineux : 5,0 Mo, la limite est de 5 Mo",
    "truncated_30pct_RGPD_2016-679_FR_print.pdf": "PDF tronqué ou endommagé",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_inputs_get_a_french_reason(name, settings):
    path = settings.corpus_dir / "_bad_inputs" / name
    with pytest.raises(LoadError) as refused:
        load_file(path, user_edition(path, settings), settings)
    assert french_reason(str(refused.value)) == EXPECTED[name]


def test_time_limit_names_the_page(settings):
    path = settings.corpus_dir / "_bad_inputs" / "slow_per_glyph_text_AI_Act_2024-1689_FR_print_8.6pt.pdf"
    hurried = replace(settings, file_timeout_s=0.5)
    with pytest.raises(LoadError) as refused:
        load_file(path, user_edition(path, hurried), hurried)
    assert french_reason(str(refused.value)).startswith("analyse trop longue, abandonnée (à la page ")
    assert french_reason(str(refused.value)).endswith(" sur 144)")


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("unknown text encoding", "encodage du texte inconnu : enregistrez le fichier en UTF-8"),
        ("not a valid DOCX file", "fichier DOCX invalide ou endommagé"),
        ("no such file or folder", "fichier introuvable"),
        ("a brand-new reason", "fichier refusé (a brand-new reason)"),
    ],
)
def test_other_reasons(reason, expected):
    assert french_reason(reason) == expected
