"""`cadre` subcommands: thin shells over `assistant.api`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.chat.feedback import FeedbackStore
from assistant.config import Settings, load_settings
from assistant.indexing.manifest import IndexUnavailable
from assistant.records import Answer, Citation
from assistant.sources.base import LoadError
from assistant.stats import edition_stats
from assistant.structure.sentences import sentences

if TYPE_CHECKING:
    from assistant.api import Cadre
    from assistant.indexing.build import IngestReport

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
            f"({report.embedded} vectors embedded, {report.reused} from cache) in {report.seconds:.1f} s"
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


def _citation_record(citation: Citation) -> dict:
    chunk = citation.chunk
    return {
        "n": citation.n,
        "doc_id": chunk.doc_id,
        "ref": chunk.ref,
        "label": chunk.label,
        "lang": chunk.lang,
        "version": chunk.version,
        "page": chunk.pages[0] if chunk.pages else None,
        "url": chunk.url,
        "quote": citation.quote,
    }


def answer_record(answer: Answer) -> dict:
    """The JSON form of an answer, shared by `cadre ask --json` and the evaluation harness."""
    return {
        "answer": answer.text,
        "refused": answer.refused,
        "citations": [_citation_record(c) for c in answer.citations],
        "notes": answer.notes,
        "engine": answer.engine,
        "latency_ms": round(answer.latency_ms, 1),
    }


def _ask(cadre: Cadre, args: argparse.Namespace) -> int:
    answer = cadre.answer(args.question, engine=args.engine)
    if args.json:
        print(json.dumps(answer_record(answer), ensure_ascii=False, indent=1))
        return 0
    print(answer.text)
    if answer.citations:
        print("\nSources :")
    for citation in answer.citations:
        chunk = citation.chunk
        page = f", p. {chunk.pages[0]}" if chunk.pages else ""
        print(f"[{citation.n}] {chunk.label} — {chunk.lang.upper()}, {chunk.version}{page}\n    {chunk.url}")
        # A source the notes cite (the version in force, the amending act) shows its quote here, the answer's own
        # sentences having shown theirs.
        if f"[{citation.n}]" not in answer.text:
            cut = any(s.cut for s in sentences(chunk) if s.text == citation.quote)
            print(f"    « {citation.quote}{' […]' if cut else ''} »")
    for note in answer.notes:
        print(f"Note : {note}")
    print("\nCadre informe et ne constitue pas un conseil juridique.")
    return 0


def _chat(settings: Settings, args: argparse.Namespace) -> int:
    """The page is served first; the model and the index load behind it (see `assistant.chat.startup`)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    from assistant.chat.app import create  # Gradio takes seconds to import: only this command pays for it

    log.info("starting the chat on http://%s:%d", args.host, args.port)
    create(settings).launch(args.host, args.port)
    return 0


def _feedback_export(settings: Settings, args: argparse.Namespace) -> int:
    store = FeedbackStore(settings.feedback_db)
    if args.out is None:
        count = store.export_csv(sys.stdout)
    else:
        with args.out.open("w", encoding="utf-8", newline="") as out:
            count = store.export_csv(out)
        print(f"{count} avis écrits dans {args.out}", file=sys.stderr)
    return 0


def _fiche(cadre: Cadre, args: argparse.Namespace) -> int:
    from assistant.trainer.commands import run_fiche

    return run_fiche(cadre, args.theme, args.list, args.format, args.out)


def _quiz(cadre: Cadre, args: argparse.Namespace) -> int:
    from assistant.trainer.commands import run_quiz

    return run_quiz(cadre, args.theme, args.n, args.format, args.out, args.seed)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="cadre", description="Cadre: the rules on AI for French local government.")
    main.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    main.set_defaults(settings_only=False)
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
    ask = command("ask", "a cited answer in French, or a plain refusal")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true")
    ask.add_argument(
        "--engine",
        choices=("extractive", "llm"),
        default="extractive",
        help="llm: the OpenAI-compatible endpoint of CADRE_LLM_URL, falling back to extractive when it fails",
    )
    ask.set_defaults(run=_ask)
    chat = command("chat", "the web chat (built on first start if there is no index)")
    chat.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    chat.add_argument("--port", type=int, default=7860)
    chat.set_defaults(run=_chat, settings_only=True)
    fiche = command("fiche", "a training sheet on a theme: key provisions, duties by role, dates, related texts, Q&A")
    fiche.add_argument("theme", nargs="?", help="a theme id or title (see --list), or free text")
    fiche.add_argument("--list", action="store_true", help="list the ready themes")
    fiche.add_argument("--format", choices=("md", "docx", "html"), default="md")
    fiche.add_argument("--out", type=Path, help="file to write (default: standard output; required for docx)")
    fiche.set_defaults(run=_fiche)
    quiz = command("quiz", "a quiz on a theme, each answer proved by a quoted passage")
    quiz.add_argument("theme", help="a theme id or title (see `cadre fiche --list`), or free text")
    quiz.add_argument("--n", type=int, default=10, help="number of questions (default 10)")
    quiz.add_argument("--format", choices=("md", "gift", "moodle-xml", "json"), default="md")
    quiz.add_argument("--out", type=Path, help="file to write (default: standard output)")
    quiz.add_argument("--seed", type=int, default=0, help="another seed gives another quiz on the same theme")
    quiz.set_defaults(run=_quiz)
    feedback = commands.add_parser("feedback", help="the ratings given in the chat")
    feedback_commands = feedback.add_subparsers(dest="action", required=True)
    export = feedback_commands.add_parser("export", help="every rating, redacted, as CSV")
    export.add_argument("--csv", action="store_true", required=True, help="CSV output (the only format)")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export.set_defaults(run=_feedback_export, index=None, settings_only=True)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = load_settings(index_dir=args.index)
        if args.settings_only:
            return args.run(settings, args)
        return _with_cadre(settings, args)
    except (IndexUnavailable, LoadError, ValueError) as exc:
        return _failed(exc)


def _failed(exc: Exception) -> int:
    print(f"error: {exc}", file=sys.stderr)
    return 2


def _with_cadre(settings: Settings, args: argparse.Namespace) -> int:
    """Commands that search or build import the model stack (seconds of torch) here, the others never do."""
    from assistant.api import Cadre
    from assistant.indexing.build import IngestBusy

    try:
        return args.run(Cadre(settings), args)
    except IngestBusy as exc:
        return _failed(exc)


if __name__ == "__main__":
    sys.exit(main())
