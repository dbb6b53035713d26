"""Ingest benchmark: parsing speed, embedding speed, cold and unchanged re-ingest, index load, peak RSS.

Run: python -m evaluation.bench_ingest [--keep DIR]
The cold run starts from an empty cache (model folder rebuilt, every chunk embedded) in a
child process, so its wall time and peak RSS are those a new user sees.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.config import load_settings
from assistant.indexing.embedder import Embedder
from assistant.indexing.index import open_index
from assistant.sources.catalogue import load_catalogue
from assistant.sources.loading import load_edition
from assistant.structure.chunking import Chunker

EMBED_SAMPLE = 120


def _timed_ingest(env: dict[str, str], *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assistant", "ingest", *extra], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build in this folder instead of a temporary one")
    args = parser.parse_args()
    settings = load_settings()
    work = args.keep or Path(tempfile.mkdtemp(prefix="cadre-bench-"))
    env = {**os.environ, "CADRE_INDEX_DIR": str(work / "index"), "CADRE_CACHE_DIR": str(work / "cache")}

    editions = load_catalogue(settings.sources_file, settings.corpus_dir)
    paged = [e for e in editions if any(f.suffix == ".pdf" for f in e.files)]
    started = time.perf_counter()
    documents = [load_edition(e, settings) for e in paged]
    pdf_seconds = time.perf_counter() - started
    pages = sum(len(d.pages) for d in documents)

    cold = _timed_ingest(env)
    peak_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    unchanged = _timed_ingest(env)
    forced = _timed_ingest(env, "--force")

    bench_settings = load_settings(index_dir=work / "index", cache_dir=work / "cache")
    started = time.perf_counter()
    embedder = Embedder(bench_settings.cache_dir, batch_size=bench_settings.embed_batch_size)
    model_load = time.perf_counter() - started
    started = time.perf_counter()
    index = open_index(bench_settings.index_dir, embedder.model_id)
    index_load = time.perf_counter() - started

    chunker = Chunker(settings.chunk_max_chars, settings.chunk_overlap_chars)
    sample = [c.embed_text for c in chunker.chunks(documents[0])[:EMBED_SAMPLE]]
    started = time.perf_counter()
    embedder.embed_passages(sample)
    embed_rate = len(sample) / (time.perf_counter() - started)

    print(f"corpus: {len(index.manifest.sources)} files, {index.manifest.chunks} chunks in the default index")
    print(f"PDF parsing: {pages} pages in {pdf_seconds:.1f} s = {pages / pdf_seconds:.1f} pages/s ({len(paged)} PDFs)")
    print(f"embedding: {embed_rate:.1f} chunks/s (article-sized chunks, batch {settings.embed_batch_size}, 2 cores)")
    print(f"cold ingest (empty cache, model rebuilt, every chunk embedded): {cold:.1f} s   [target ≤ 600 s]")
    print(f"re-ingest, nothing changed (whole command): {unchanged:.1f} s   [target ≤ 15 s]")
    print(f"forced rebuild, all vectors from the cache: {forced:.1f} s")
    print(f"index load: {index_load:.2f} s (+ model load {model_load:.2f} s)   [target ≤ 2 s]")
    print(f"peak RSS of the cold ingest: {peak_rss:.0f} MB   [target ≤ 2048 MB]")
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
