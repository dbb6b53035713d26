"""The few kinds of block a trainer document is made of, so that Markdown, Word and HTML render the same content."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.trainer.quotes import Quote

DISCLAIMER = "Cadre informe et ne constitue pas un conseil juridique."
_LANGUAGES = {"fr": "texte français", "en": "texte anglais"}


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True)
class Text:
    """A fixed label, or a line of an answer that Cadre verified."""

    text: str
    strong: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Cited:
    """A verbatim quote, shown between « » with where to find it; `prefix` numbers it ("[2]")."""

    quote: Quote
    prefix: str = ""


@dataclass(frozen=True)
class Table:
    """Rows of a label and a quote: the obligations-by-role table."""

    header: tuple[str, str, str]
    rows: tuple[tuple[str, Quote], ...]


Block = Heading | Text | Bullets | Cited | Table


def source_line(quote: Quote) -> str:
    """« RIA, article 26 — texte français, 2024-07-12 (JO L, texte initial), p. 67 »."""
    chunk = quote.chunk
    parts = [_LANGUAGES.get(chunk.lang, chunk.lang), chunk.version]
    if quote.page:
        parts.append(f"p. {quote.page}")
    return f"{chunk.label} — {', '.join(parts)}"


def quoted(quote: Quote) -> str:
    """The quote between guillemets, marked when it was cut at a word boundary."""
    return f"« {quote.text}{' […]' if quote.cut else ''} »"
