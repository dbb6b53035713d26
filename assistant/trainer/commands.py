"""What `cadre fiche` and `cadre quiz` do, behind the thin handlers of `assistant.cli`."""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.api import Cadre
from assistant.trainer.export import quiz_text, sheet_docx, sheet_html, sheet_markdown
from assistant.trainer.quiz import build_quiz
from assistant.trainer.sheet import build_sheet
from assistant.trainer.themes import Theme, find_theme, list_themes


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"écrit : {out}", file=sys.stderr)


def _theme(cadre: Cadre, text: str | None) -> Theme:
    if not text or not text.strip():
        raise ValueError("give a THEME: an id or a title from `cadre fiche --list`, or free text")
    theme = find_theme(list_themes(cadre), text)
    if theme.kind == "query":
        print(f"« {theme.title} » n'est pas au catalogue : thème libre, cherché dans les textes.", file=sys.stderr)
    return theme


def run_fiche(cadre: Cadre, theme: str | None, listing: bool, fmt: str, out: Path | None) -> int:
    if listing:
        width = max(len(t.id) for t in list_themes(cadre))
        _write("".join(f"{t.id.ljust(width)}  {t.title}\n" for t in list_themes(cadre)), out)
        return 0
    sheet = build_sheet(cadre, _theme(cadre, theme))
    if fmt == "docx":
        if out is None:
            raise ValueError("--format docx writes a file: give --out FILE.docx")
        sheet_docx(sheet, out)
        print(f"écrit : {out}", file=sys.stderr)
    else:
        _write(sheet_html(sheet) if fmt == "html" else sheet_markdown(sheet), out)
    return 0


def run_quiz(cadre: Cadre, theme: str, n: int, fmt: str, out: Path | None, seed: int) -> int:
    if n < 1:
        raise ValueError("--n must be at least 1")
    chosen = _theme(cadre, theme)
    items = build_quiz(cadre, chosen, n=n, seed=seed)
    if len(items) < n:
        print(f"{len(items)} question(s) seulement : les textes du thème n'en fournissent pas plus.", file=sys.stderr)
    _write(quiz_text(items, chosen.title, fmt), out)
    return 0
