"""Every broken or hostile file of ../shared/corpus/_bad_inputs gets a one-line reason, never an exception."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.indexing.build import user_edition
from assistant.sources.base import LoadError
from assistant.sources.loading import load_file

EXPECTED = {
    "empty_zero_bytes.pdf": "empty file",
    "html_disguised_as_pdf_etalab_guide.pdf": "not a PDF: the content is HTML",
    "image_only_no_text_RGPD_p1_p54.pdf": "no text layer",
    "large_repeated_text_5MB.html": "file too large",
    "slow_per_glyph_text_AI_Act_2024-1689_FR_print_8.6pt.pdf": "time limit",
    "truncated_30pct_RGPD_2016-679_FR_print.pdf": "truncated or damaged PDF",
}


@pytest.fixture(scope="module")
def bad_dir(settings):
    return settings.corpus_dir / "_bad_inputs"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_its_reason(name, bad_dir, settings):
    strict = replace(settings, file_timeout_s=3.0)
    path = bad_dir / name
    with pytest.raises(LoadError) as refused:
        load_file(path, user_edition(path, strict), strict)
    reason = str(refused.value)
    assert EXPECTED[name] in reason
    assert "\n" not in reason


def test_latin1_text_is_decoded_not_refused(bad_dir, settings):
    path = bad_dir / "latin1_CRPA_extrait_algorithmes_publics.txt"
    document = load_file(path, user_edition(path, settings), settings)
    assert "traitement algorithmique" in document.text
    assert "\ufffd" not in document.text


def test_every_bad_input_is_covered(bad_dir):
    names = {p.name for p in bad_dir.iterdir() if p.name != "README.md"}
    assert names == set(EXPECTED) | {"latin1_CRPA_extrait_algorithmes_publics.txt"}
