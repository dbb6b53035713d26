"""Deep links to the official text of a provision (EUR-Lex anchors, Légifrance article pages)."""

from __future__ import annotations

from assistant.records import Edition, Provision

EURLEX = "https://eur-lex.europa.eu/legal-content/{lang}/TXT/HTML/?uri=CELEX:{celex}#{anchor}"
LEGIFRANCE_ARTICLE = "https://www.legifrance.gouv.fr/codes/article_lc/{anchor}"
_EURLEX_PREFIX = {"article": "art_", "recital": "rct_", "annex": "anx_"}


def official_link(edition: Edition, provision: Provision) -> str:
    """The most precise official address we can build; the document's own address otherwise."""
    anchor = provision.anchor
    if anchor and anchor.startswith("LEGIARTI"):
        return LEGIFRANCE_ARTICLE.format(anchor=anchor)
    if edition.celex and provision.kind in _EURLEX_PREFIX:
        anchor = anchor or f"{_EURLEX_PREFIX[provision.kind]}{provision.number}"
        return EURLEX.format(lang=edition.lang.upper(), celex=edition.celex, anchor=anchor)
    return edition.official_url
