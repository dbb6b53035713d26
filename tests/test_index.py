"""The index built from the real default corpus: counts, content, manifest checks, re-ingest and crash safety."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.api import Cadre
from assistant.indexing.index import open_index
from assistant.indexing.manifest import IndexUnavailable, NothingToIndex, read_manifest, write_manifest
from assistant.indexing.sentence_vectors import load_sentence_vectors, save_sentence_vectors, sentence_texts
from assistant.retrieval.context import whole_provision
from assistant.stats import edition_stats
from assistant.structure.sentences import sentences


@pytest.fixture(scope="session")
def stats(cadre):
    return {(s.doc_id, s.lang, s.version): s for s in edition_stats(cadre.index.chunks)}


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], capture_output=True, text=True, env=env, timeout=900, check=False
    )


def _edition(stats, doc_id, lang, version_start):
    return next(s for key, s in stats.items() if key[:2] == (doc_id, lang) and key[2].startswith(version_start))


def test_ai_act_editions_are_complete(stats):
    for lang, version in (("fr", "2024"), ("en", "2024")):
        counts = _edition(stats, "ai-act", lang, version).refs
        assert counts == {"art": 113, "annex": 13, "recital": 180}
    consolidated = _edition(stats, "ai-act", "en", "consolidated").refs
    assert consolidated == {"art": 119, "annex": 14, "recital": 0}


def test_gdpr_and_french_law_counts(stats, cadre):
    for lang in ("fr", "en"):
        assert _edition(stats, "gdpr", lang, "2016").refs == {"art": 99, "annex": 0, "recital": 173}
    crpa = {c.ref for c in cadre.index.chunks if c.doc_id == "crpa"}
    assert {"art:L311-3-1", "art:R311-3-1-1", "art:R311-3-1-2", "art:L312-1-3", "art:D312-1-4"} <= crpa
    assert _edition(stats, "crpa", "fr", "2026").refs["art"] == 476
    assert any(c.ref == "art:47" for c in cadre.index.chunks if c.doc_id == "loi-78-17")


def test_default_index_holds_one_rendition_of_each_text(cadre):
    files = {Path(s.path).name for s in cadre.index.manifest.sources}
    assert "AI_Act_2024-1689_OJ_FR_pdf-extraction.md" in files
    assert not {"AI_Act_2024-1689_FR_print.pdf", "RGPD_2016-679_FR_print.pdf"} & files


def test_every_chunk_carries_its_citation(cadre):
    for chunk in cadre.index.chunks:
        assert chunk.label and chunk.url.startswith(("https://", "file://"))
        assert chunk.authority in {"binding-eu", "binding-fr", "guidance", "report", "advocacy"}
    crpa = next(c for c in cadre.index.chunks if c.ref == "art:L311-3-1")
    assert crpa.url == "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033205535"
    assert crpa.label == "CRPA, article L. 311-3-1"


def test_consolidated_ai_act_is_the_amended_text(cadre):
    chunks = [c for c in cadre.index.chunks if c.doc_id == "ai-act" and c.version.startswith("consolidated")]
    article_4 = " ".join(c.text for c in chunks if c.ref == "art:4")
    assert "does not require providers or deployers to guarantee any specific level of AI literacy" in article_4
    article_10 = whole_provision(cadre.index, next(c for c in chunks if c.ref == "art:10"))
    assert "in accordance with paragraph (2), points (f) and (g) of this Article" not in article_10
    assert "\n\n4. " in article_10 and "\n\n6. " in article_10 and "\n\n5. " not in article_10


def test_stats_cli_prints_json_per_edition(cadre, settings):
    result = _cli("stats", "--json", "--index", str(settings.index_dir))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    gdpr = [r for r in rows if r["doc_id"] == "gdpr"]
    assert {r["lang"] for r in gdpr} == {"fr", "en"}
    assert all(r["refs"]["art"] == 99 for r in gdpr)


def test_unchanged_reingest_embeds_nothing(cadre):
    report = cadre.ingest()
    assert report.up_to_date
    forced = cadre.ingest(force=True)
    assert forced.embedded == 0
    assert forced.chunks == len(cadre.index.chunks)
    assert forced.reused == forced.chunks + len(cadre.index.sentence_vectors)


def test_each_sentence_of_each_passage_has_its_vector(cadre):
    index = cadre.index
    counts = [len(sentences(chunk)) for chunk in index.chunks]
    assert list(np.diff(index.sentence_offsets)) == counts
    assert len(index.sentence_vectors) == sum(counts) > 3 * len(index.chunks)
    article_5 = next(row for row, c in enumerate(index.chunks) if c.ref == "art:5" and c.lang == "fr")
    first, last = index.sentence_offsets[article_5], index.sentence_offsets[article_5 + 1]
    fresh = cadre.embedder.embed_passages(sentence_texts([index.chunks[article_5]])[0])
    assert np.allclose(index.sentence_vectors[first:last], fresh, atol=1e-4)


def test_sentence_vectors_out_of_step_with_the_passages_are_an_error(cadre, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(cadre.settings.index_dir, copy, ignore=shutil.ignore_patterns(".lock"))
    folder = copy / read_manifest(copy).generation
    vectors, offsets = load_sentence_vectors(folder)
    save_sentence_vectors(folder, vectors[:-1], offsets)
    with pytest.raises(IndexUnavailable, match=r"inconsistent.*cadre ingest --force"):
        open_index(copy, cadre.embedder.model_id)


def test_manifest_mismatch_is_a_clear_error(cadre, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(cadre.settings.index_dir, copy)
    manifest = read_manifest(copy)
    write_manifest(copy, replace(manifest, model="another-model"))
    with pytest.raises(IndexUnavailable, match=r"built with the model 'another-model'.*cadre ingest"):
        open_index(copy, cadre.embedder.model_id)
    write_manifest(copy, replace(manifest, schema=0))
    with pytest.raises(IndexUnavailable, match="schema 0"):
        open_index(copy, cadre.embedder.model_id)
    with pytest.raises(IndexUnavailable, match="no index"):
        open_index(tmp_path / "empty", cadre.embedder.model_id)


def test_an_index_this_version_cannot_read_is_rebuilt_on_start(cadre, tmp_path):
    """After an upgrade that changes the index format, `cadre chat` rebuilds instead of refusing to start."""
    copy = tmp_path / "index"
    shutil.copytree(cadre.settings.index_dir, copy, ignore=shutil.ignore_patterns(".lock"))
    write_manifest(copy, replace(read_manifest(copy), schema=0))
    upgraded = Cadre(replace(cadre.settings, index_dir=copy))
    report = upgraded.ensure_index()
    assert report is not None and report.chunks == len(cadre.index.chunks)
    assert open_index(copy, cadre.embedder.model_id).manifest.schema == read_manifest(cadre.settings.index_dir).schema
    assert upgraded.ensure_index() is None


# Recitals whose subject is one article, by reading them: 91 (deployers' duties), 96 (the fundamental rights
# impact assessment), 134 (marking deep fakes) of the AI Act; 71 (decisions based solely on automated processing)
# of the GDPR, whose long text is cut into several chunks.
EXPLAINED = {
    ("ai-act", "recital:91"): "art:26",
    ("ai-act", "recital:96"): "art:27",
    ("ai-act", "recital:134"): "art:50",
}


def test_recitals_link_to_the_article_they_explain_in_their_own_edition(cadre):
    chunks, links = cadre.index.chunks, cadre.index.recital_links
    linked = [(chunk, chunks[link]) for chunk, link in zip(chunks, links, strict=True) if link >= 0]
    assert {chunk.kind for chunk, _ in linked} == {"recital"}
    assert all(article.kind == "article" and article.edition_key == chunk.edition_key for chunk, article in linked)
    explained = [(chunk, article) for chunk, article in linked if (chunk.doc_id, chunk.ref) in EXPLAINED]
    assert {chunk.lang for chunk, _ in explained} == {"fr", "en"}
    assert all(article.ref == EXPLAINED[(chunk.doc_id, chunk.ref)] for chunk, article in explained)
    for lang in ("fr", "en"):
        profiling = [a.ref for c, a in linked if c.doc_id == "gdpr" and c.ref == "recital:71" and c.lang == lang]
        assert "art:22" in profiling


def _kill_ingest_when(condition, env: dict) -> None:
    process = subprocess.Popen([sys.executable, "-m", "assistant", "ingest", "--force"], env=env)
    deadline = time.monotonic() + 300
    while process.poll() is None and not condition() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the ingest ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_sigkill_during_ingest_leaves_previous_index_loadable(cadre, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(cadre.settings.index_dir, copy)
    before = read_manifest(copy)
    env = {**os.environ, "CADRE_INDEX_DIR": str(copy)}
    started = time.monotonic()
    moments = {
        "while reading the sources": lambda: time.monotonic() > started + 6,
        "while writing the new generation": lambda: any(p.name != before.generation for p in copy.glob("gen-*")),
    }
    for moment, condition in moments.items():
        started = time.monotonic()
        _kill_ingest_when(condition, env)
        assert read_manifest(copy).generation == before.generation, moment
        assert len(open_index(copy, cadre.embedder.model_id).chunks) == before.chunks, moment


def test_user_folder_with_bad_files_is_reported_and_keeps_the_index(cadre, settings, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(settings.index_dir, copy)
    user = Cadre(replace(settings, index_dir=copy, file_timeout_s=3.0))
    report = user.ingest([settings.corpus_dir / "_bad_inputs"])
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {
        "empty_zero_bytes.pdf",
        "html_disguised_as_pdf_etalab_guide.pdf",
        "image_only_no_text_RGPD_p1_p54.pdf",
        "large_repeated_text_5MB.html",
        "slow_per_glyph_text_AI_Act_2024-1689_FR_print_8.6pt.pdf",
        "truncated_30pct_RGPD_2016-679_FR_print.pdf",
    }
    added = [c for c in user.index.chunks if c.doc_id.startswith("perso-")]
    assert added and all(c.authority == "report" for c in added)
    assert len(user.index.chunks) == len(cadre.index.chunks) + len(added)


def test_a_missing_corpus_is_a_clear_error_and_keeps_the_index(cadre, settings, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(settings.index_dir, copy)
    before = read_manifest(copy)
    absent = tmp_path / "absent"
    with pytest.raises(NothingToIndex, match=f"none of the default sources was found in {absent}"):
        Cadre(replace(settings, index_dir=copy, corpus_dir=absent)).ingest(force=True)
    assert read_manifest(copy).generation == before.generation
    assert len(open_index(copy, cadre.embedder.model_id).chunks) == before.chunks
    run = _cli("ingest", "--force", env={**os.environ, "CADRE_INDEX_DIR": str(copy), "CADRE_CORPUS_DIR": str(absent)})
    assert run.returncode == 2 and run.stderr.strip().endswith(
        "set corpus_dir (CADRE_CORPUS_DIR) to the folder that holds them"
    )
    assert "Traceback" not in run.stderr and read_manifest(copy).generation == before.generation
