"""Blocks as Markdown: quotes as block quotes with their source line and link."""

from __future__ import annotations

from assistant.trainer.export.blocks import Block, Bullets, Cited, Heading, Table, Text, quoted, source_line


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _block(block: Block) -> list[str]:
    match block:
        case Heading(text, level):
            return [f"{'#' * (level + 1)} {text}", ""]
        case Text(text, strong):
            return [f"**{text}**" if strong else text, ""]
        case Bullets(items):
            return [*(f"- {item}" for item in items), ""]
        case Cited(quote, prefix):
            body = [f"> {line}" if line else ">" for line in quoted(quote).split("\n")]
            return [*body, ">", f"> — {prefix + ' ' if prefix else ''}{source_line(quote)}  ", f"> <{quote.url}>", ""]
        case Table(header, rows):
            lines = [f"| {' | '.join(header)} |", "|" + "---|" * len(header)]
            for role, quote in rows:
                source = f"[{_cell(source_line(quote))}]({quote.url})"
                lines.append(f"| {role} | {_cell(quoted(quote))} | {source} |")
            return [*lines, ""]
    raise TypeError(f"unknown block {block!r}")


def render(blocks: list[Block]) -> str:
    return "\n".join(line for block in blocks for line in _block(block)).rstrip() + "\n"
