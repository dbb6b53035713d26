"""Text decoding: UTF-8 first, a confident detection otherwise, an error rather than mojibake."""

from __future__ import annotations

import codecs
import random

import pytest

from assistant.sources.base import LoadError
from assistant.sources.encoding import decode_bytes


@pytest.fixture(scope="module")
def extract(settings) -> str:
    return (settings.corpus_dir / "fr/legi/CRPA_extrait_algorithmes_publics.md").read_text(encoding="utf-8")


def test_utf8_with_and_without_bom(extract):
    assert decode_bytes(extract.encode("utf-8"), "extrait.md") == (extract, "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + extract.encode("utf-8"), "extrait.md") == (extract, "utf-8-sig")


def test_latin1_file_is_detected(settings, extract):
    data = (settings.corpus_dir / "_bad_inputs/latin1_CRPA_extrait_algorithmes_publics.txt").read_bytes()
    text, encoding = decode_bytes(data, "latin1.txt")
    assert encoding in {"cp1252", "latin_1", "iso8859_15"}
    assert "une décision individuelle prise sur le fondement d'un traitement algorithmique" in text
    assert "règles définissant les principaux traitements algorithmiques" in text
    # the file is the UTF-8 extract re-encoded, with the two characters Latin-1 lacks replaced
    assert text == extract.replace("œ", "oe").replace("—", "-")


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_refused(seed):
    data = random.Random(seed).randbytes(4096)
    with pytest.raises(LoadError, match="unknown text encoding"):
        decode_bytes(data, "noise.txt")


def test_binary_file_is_refused(settings):
    pdf = (settings.corpus_dir / "_bad_inputs/image_only_no_text_RGPD_p1_p54.pdf").read_bytes()
    with pytest.raises(LoadError, match="unknown text encoding"):
        decode_bytes(pdf[:20000], "scan.pdf")
