"""Uploaded files land inside the upload folder whatever their name, and oversized or odd types are refused."""

from __future__ import annotations

import shutil

import pytest

from assistant.chat.reasons import french_reason
from assistant.chat.uploads import UnsafeName, safe_name, stage

GUIDE = "fr/pdf/etalab_guide_algorithmes_publics_print.pdf"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\System32\\evil.PDF", "evil.pdf"),
        ("/var/www/../../root/.ssh/id_rsa", "id_rsa"),
        (".bashrc", "bashrc"),
        ("note\x00.pdf", "note.pdf"),
        ("Délibération n°12 (2026).pdf", "Délibération n_12 _2026_.pdf"),
        ("rapport..final...docx", "rapport.final.docx"),
        ("ﬁche.md", "fiche.md"),
    ],
)
def test_names_lose_their_path_and_odd_characters(name, expected):
    assert safe_name(name) == expected


@pytest.mark.parametrize("name", ["..", "../..", "/", "...", "\\", "<>|"])
def test_names_with_nothing_left_are_refused(name):
    with pytest.raises(UnsafeName):
        safe_name(name)


def test_hostile_name_is_staged_inside_the_folder(tmp_path, settings):
    source = tmp_path / "in" / "passwd.pdf"
    source.parent.mkdir()
    shutil.copyfile(settings.corpus_dir / GUIDE, source)
    folder = tmp_path / "uploads"
    name = safe_name("../../etc/" + source.name)
    staged, refused = stage([source.with_name(name)], folder, 5.0)
    assert refused == []
    assert [p.parent.resolve() for p in staged] == [folder.resolve()]
    assert not (tmp_path / "etc").exists()


def test_same_file_is_reused_and_a_different_one_renamed(tmp_path, settings):
    guide = settings.corpus_dir / GUIDE
    other = settings.corpus_dir / "_bad_inputs" / "truncated_30pct_RGPD_2016-679_FR_print.pdf"
    first = tmp_path / "a" / "guide.pdf"
    second = tmp_path / "b" / "guide.pdf"
    for target, origin in ((first, guide), (second, other)):
        target.parent.mkdir()
        shutil.copyfile(origin, target)
    folder = tmp_path / "uploads"
    assert stage([first], folder, 5.0)[0] == [folder / "guide.pdf"]
    assert stage([first], folder, 5.0)[0] == [folder / "guide.pdf"]
    assert stage([second], folder, 5.0)[0] == [folder / "guide-2.pdf"]
    assert sorted(p.name for p in folder.iterdir()) == ["guide-2.pdf", "guide.pdf"]


def test_type_and_size_are_checked_before_copying(tmp_path, settings):
    guide = settings.corpus_dir / GUIDE  # 181,105 bytes
    script = tmp_path / "macro.exe"
    script.write_bytes(b"MZ")
    folder = tmp_path / "uploads"
    staged, refused = stage([guide, script], folder, 0.1)
    assert staged == []
    assert [(s.path, s.reason.split(";")[0]) for s in refused] == [
        ("etalab_guide_algorithmes_publics_print.pdf", "file too large: 0.2 MB, the limit is 0.1 MB (max_file_mb)"),
        ("macro.exe", "unsupported file type .exe"),
    ]
    assert [french_reason(s.reason).split(" ;")[0] for s in refused] == [
        "fichier trop volumineux : 0,2 Mo, la limite est de 0,1 Mo",
        "type de fichier non pris en charge (.exe)",
    ]
    assert not folder.exists() or not any(folder.iterdir())
