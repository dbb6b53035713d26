"""HTML for the chat: answers whose [n] markers are links to their source, and the source panel.

Everything that comes from the index or the user is escaped here; the links carry their target in
`href="#cite-<turn>-<n>"` because the chat's sanitiser strips data-* attributes.
"""

from __future__ import annotations

import re
from html import escape

from assistant.chat.turns import LANGUAGES

DISCLAIMER = "Cadre informe et ne constitue pas un conseil juridique."
_MARKER = re.compile(r"\[(\d+)\]")


def _text(text: str) -> str:
    """Escaped element content (quotes stay readable: apostrophes are everywhere in French)."""
    return escape(text, quote=False)


def _linked(text: str, turn: int, labels: dict[int, str]) -> str:
    """Escaped text where each [n] that names a citation of the turn becomes a keyboard-usable link."""
    out, last = [], 0
    for match in _MARKER.finditer(text):
        n = int(match.group(1))
        out.append(_text(text[last : match.start()]))
        if n in labels:
            title = escape(f"Afficher la source {n} : {labels[n]}")
            out.append(f'<a class="cite" href="#cite-{turn}-{n}" title="{title}" aria-label="{title}">[{n}]</a>')
        else:
            out.append(_text(match.group(0)))
        last = match.end()
    out.append(_text(text[last:]))
    return "".join(out)


def answer_html(turn_index: int, turn: dict, lines: int | None = None) -> str:
    """One HTML block (no blank line, so Markdown leaves it alone); `lines` limits it while streaming."""
    labels = {c["n"]: c["label"] for c in turn["citations"]}
    shown = turn["answer"].splitlines()
    complete = lines is None or lines >= len(shown)
    shown = shown if complete else shown[:lines]
    body = "".join(f"<p>{_linked(line, turn_index, labels)}</p>" for line in shown if line.strip())
    if complete and turn["notes"]:
        items = "".join(f"<li>{_linked(note, turn_index, labels)}</li>" for note in turn["notes"])
        body += f'<div class="cadre-notes" role="note"><strong>À noter</strong><ul>{items}</ul></div>'
    kind = "cadre-answer cadre-refusal" if turn["refused"] else "cadre-answer"
    return f'<div class="{kind}">{body}</div>'


def status_html(message: str) -> str:
    """A one-line message in the place of an answer (searching, waiting for the index)."""
    return f'<div class="cadre-answer"><p>{_text(message)}</p></div>'


def question_text(question: str) -> str:
    return _text(question)


def answer_lines(turn: dict) -> int:
    return len(turn["answer"].splitlines())


def _quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where the quote sits in the passage, tolerant of whitespace and line breaks that differ."""
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return match.span() if match else None


def highlight(text: str, quote: str) -> str:
    """The escaped passage with the quoted span in <mark>; the quote alone if it cannot be found in the passage."""
    span = _quote_span(text, quote)
    if span is None:
        return f"<mark>{_text(quote)}</mark>\n\n{_text(text)}"
    start, end = span
    return f"{_text(text[:start])}<mark>{_text(text[start:end])}</mark>{_text(text[end:])}"


def source_html(citation: dict) -> str:
    """The side panel: label, edition, page, passage with its quote highlighted, and the official address."""
    url = citation["url"]
    edition = f"{LANGUAGES.get(citation['lang'], citation['lang'])}, {citation['version']}"
    page = f"<p><strong>Page :</strong> {citation['page']}</p>" if citation.get("page") else ""
    if url.startswith(("https://", "http://")):
        link = (
            f'<p><a href="{escape(url)}" target="_blank" rel="noopener noreferrer">Consulter le texte officiel'
            '<span class="visually-hidden"> (nouvelle fenêtre)</span></a></p>'
        )
    else:
        link = "<p>Document ajouté localement : pas d'adresse officielle.</p>"
    return (
        f'<section class="cadre-source" aria-live="polite">'
        f'<h2 tabindex="-1">[{citation["n"]}] {_text(citation["label"])}</h2>'
        f"<p><strong>Édition :</strong> {_text(edition)}</p>{page}"
        # focusable, so that a keyboard can scroll a long passage
        f'<div class="cadre-passage" tabindex="0" role="region" aria-label="Passage cité">'
        f"{highlight(citation['text'], citation['quote'])}</div>"
        f"{link}</section>"
    )


EMPTY_SOURCE = (
    '<section class="cadre-source"><h2>Source</h2>'
    "<p>Choisissez un renvoi [1], [2]… dans une réponse pour afficher ici le passage cité.</p></section>"
)
