"""`cadre` subcommands: thin shells over `assistant.api`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict
from pathlib import Path

from assistant.api import Cadre
from assistant.config import load_settings
from assistant.indexing.build import IngestBusy, IngestReport
from assistant.indexing.manifest import IndexUnavailable
from assistant.sources.base import LoadError
from assistant.stats import edition_stats

log = logging.getLogger("cadre")


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def _print_report(report: IngestReport) -> None:
    if report.up_to_date:
        print(f"Index up to date ({report.chunks} chunks, {report.documents} editions); nothing to do.")
    else:
        rows = [("edition", "pages", "chunks")] + [(k, str(p), str(c)) for k, p, c in report.per_edition]
        print(_table(rows))
        print(
            f"\n{report.documents} editions, {report.pages} pages, {report.chunks} chunks "
            f"({report.embedded} embedded, {report.reused} from cache) in {report.seconds:.1f} s"
        )
    for warning in report.warnings:
        print(f"warning: {warning}")
    if report.skipped:
        print(f"\n{len(report.skipped)} file(s) skipped:")
        print(_table([("file", "reason")] + [(Path(s.path).name, s.reason) for s in report.skipped]))


def _ingest(cadre: Cadre, args: argparse.Namespace) -> int:
    report = cadre.ingest([Path(p) for p in args.paths], force=args.force)
    _print_report(report)
    return 0


def _stats(cadre: Cadre, args: argparse.Namespace) -> int:
    stats = edition_stats(cadre.index.chunks)
    if args.json:
        print(json.dumps([asdict(s) for s in stats], ensure_ascii=False, indent=1))
        return 0
    rows = [("doc_id", "lang", "version", "art", "annex", "recital", "chunks")]
    rows += [(s.doc_id, s.lang, s.version[:40], *(str(v) for v in s.refs.values()), str(s.chunks)) for s in stats]
    print(_table(rows))
    return 0


def _search(cadre: Cadre, args: argparse.Namespace) -> int:
    hits = cadre.retrieve(args.question, k=args.k, mode=args.mode)
    records = [
        {
            "rank": rank,
            "doc_id": h.chunk.doc_id,
            "ref": h.chunk.ref,
            "label": h.chunk.label,
            "lang": h.chunk.lang,
            "version": h.chunk.version,
            "score": round(h.score, 6),
            "page": h.chunk.pages[0] if h.chunk.pages else None,
            "url": h.chunk.url,
            "text": h.chunk.text,
        }
        for rank, h in enumerate(hits, 1)
    ]
    if args.json:
        print(json.dumps({"hits": records}, ensure_ascii=False, indent=1))
        return 0
    for record in records:
        page = f", p. {record['page']}" if record["page"] else ""
        print(f"{record['rank']:>2}. {record['label']} [{record['lang']}{page}] {record['url']}")
        print(f"    {' '.join(record['text'].split())[:240]}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="cadre", description="Cadre: the rules on AI for French local government.")
    main.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    commands = main.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--index", type=Path, help="index folder (default: index/, or CADRE_INDEX_DIR)")
        return sub

    ingest = command("ingest", "build or update the index from the default corpus and your own files")
    ingest.add_argument(
        "paths", nargs="*", help="files or folders of your own to add (PDF, HTML, Markdown, text, DOCX)"
    )
    ingest.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    ingest.set_defaults(run=_ingest)
    stats = command("stats", "counts per document edition")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(run=_stats)
    search = command("search", "the passages that best match a question")
    search.add_argument("question")
    search.add_argument("--k", type=int, default=10)
    search.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid")
    search.add_argument("--json", action="store_true")
    search.set_defaults(run=_search)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        cadre = Cadre(load_settings(index_dir=args.index))
        return args.run(cadre, args)
    except (IndexUnavailable, IngestBusy, LoadError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
