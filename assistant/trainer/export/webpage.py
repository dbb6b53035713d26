"""Blocks as a standalone HTML page, printable as it is."""

from __future__ import annotations

from html import escape

from assistant.trainer.export.blocks import Block, Bullets, Cited, Heading, Table, Text, quoted, source_line

_STYLE = (
    "body{font-family:sans-serif;max-width:52rem;margin:2rem auto;line-height:1.5}"
    "blockquote{margin:.5rem 0;padding:.25rem 1rem;border-left:4px solid #6a7fdb;background:#f4f6fd}"
    ".source{font-size:.9em;color:#444}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.4rem;"
    "vertical-align:top}"
)


def _source(quote_block: Cited) -> str:
    quote = quote_block.quote
    prefix = f"{quote_block.prefix} " if quote_block.prefix else ""
    link = f'<a href="{escape(quote.url)}">{escape(quote.url)}</a>'
    return f'<div class="source">{escape(prefix + source_line(quote))} — {link}</div>'


def _block(block: Block) -> str:
    match block:
        case Heading(text, level):
            return f"<h{level + 1}>{escape(text)}</h{level + 1}>"
        case Text(text, strong):
            return f"<p><strong>{escape(text)}</strong></p>" if strong else f"<p>{escape(text)}</p>"
        case Bullets(items):
            return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
        case Cited(quote):
            body = escape(quoted(quote)).replace("\n", "<br>")
            return f"<blockquote>{body}{_source(block)}</blockquote>"
        case Table(header, rows):
            head = "".join(f"<th>{escape(h)}</th>" for h in header)
            body = "".join(
                f"<tr><td>{escape(role)}</td><td>{escape(quoted(quote))}</td>"
                f'<td><a href="{escape(quote.url)}">{escape(source_line(quote))}</a></td></tr>'
                for role, quote in rows
            )
            return f"<table><tr>{head}</tr>{body}</table>"
    raise TypeError(f"unknown block {block!r}")


def render(blocks: list[Block], title: str) -> str:
    body = "\n".join(_block(block) for block in blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
        f"<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
