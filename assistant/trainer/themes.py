"""The catalogue of ready themes a trainer picks from: the corpus's own structure plus a few cross-document topics.

Chapter and section themes come from the heading paths of the French editions, so the catalogue
follows the index (a new edition of the texts brings its own chapters); the curated themes name
their anchor provisions, because a topic like "chatbot d'accueil" cuts across documents.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.api import Cadre
from assistant.records import Chunk

# The French editions whose chapters become themes, with the short name trainers use for each document.
STRUCTURED = {"ai-act": "RIA", "gdpr": "RGPD"}
_HEADING = re.compile(r"^(?:CHAPITRE|SECTION|Section|Chapitre)\s+([IVXLC]+|\d+)\s+—\s+(.*)$")
_ACRONYMS = re.compile(r"\b(ia|ue|rgpd|pme)\b")


@dataclass(frozen=True)
class Anchor:
    """A provision a theme is about: its document and ref key (as the index writes it)."""

    doc_id: str
    ref: str


@dataclass(frozen=True)
class Theme:
    """`heading` themes cover every article under a heading path of `edition_key`; others cover their anchors,
    or, for a free-text theme, what retrieval finds for `query`. `questions` are asked in the sheet's Q&A.
    """

    id: str
    title: str
    kind: str
    query: str
    anchors: tuple[Anchor, ...] = ()
    edition_key: str = ""
    heading: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


def _anchors(doc_id: str, *refs: str) -> tuple[Anchor, ...]:
    return tuple(Anchor(doc_id, ref) for ref in refs)


CRPA_ALGORITHMS = Theme(
    id="crpa-algorithmes",
    title="CRPA — Décisions individuelles fondées sur un traitement algorithmique",
    kind="provisions",
    query="décision individuelle prise sur le fondement d'un traitement algorithmique : mention explicite, "
    "communication des règles, publication en ligne",
    anchors=_anchors("crpa", "art:L311-3-1", "art:R311-3-1-1", "art:R311-3-1-2", "art:L312-1-3", "art:D312-1-4"),
    questions=(
        "Que doit mentionner une décision individuelle prise sur le fondement d'un traitement algorithmique ?",
        "Quelles informations l'administration communique-t-elle à la personne qui fait l'objet d'une décision "
        "prise sur le fondement d'un traitement algorithmique ?",
        "Quelles administrations doivent publier en ligne les règles de leurs principaux traitements algorithmiques ?",
        "Quel est le seuil d'agents en dessous duquel une administration n'a pas à publier ses algorithmes ?",
        "Une décision administrative peut-elle être prise sur le seul fondement d'un traitement automatisé ?",
    ),
)

CURATED = (
    Theme(
        id="deployeur-public-haut-risque",
        title="Déployeur public d'un système d'IA à haut risque",
        kind="curated",
        query="obligations d'une autorité publique ou d'un organisme de droit public qui déploie un système d'IA "
        "à haut risque : services publics et prestations essentiels, analyse d'impact, enregistrement, explication",
        anchors=_anchors("ai-act", "art:26", "art:27", "art:6", "annex:III", "art:49", "art:86")
        + _anchors("gdpr", "art:35"),
        questions=(
            "Quelles sont les obligations des déployeurs de systèmes d'IA à haut risque selon l'article 26 du RIA ?",
            "Un organisme de droit public doit-il effectuer une analyse d'impact sur les droits fondamentaux "
            "avant de déployer un système d'IA à haut risque ?",
            "Les déployeurs doivent-ils informer les personnes physiques qu'elles sont soumises à l'utilisation "
            "d'un système d'IA à haut risque ?",
            "Quel lien entre l'analyse d'impact sur les droits fondamentaux du RIA et l'analyse d'impact relative "
            "à la protection des données du RGPD ?",
            "Une personne peut-elle obtenir une explication d'une décision prise sur la base d'un système d'IA "
            "à haut risque ?",
        ),
    ),
    Theme(
        id="chatbot-mairie",
        title="Chatbot d'accueil d'une mairie",
        kind="curated",
        query="agent conversationnel d'accueil : informer les personnes qu'elles interagissent avec un système d'IA",
        anchors=_anchors("ai-act", "art:50", "art:4") + _anchors("gdpr", "art:12", "art:13", "art:5", "art:22"),
        questions=(
            "Faut-il informer les usagers qu'ils dialoguent avec un système d'IA (article 50 du RIA) ?",
            "Quelles obligations de transparence pour les déployeurs d'un système d'IA qui génère du texte ?",
            "Quelles informations fournir aux personnes dont les données sont collectées par un chatbot ?",
            "Les agents qui utilisent un système d'IA doivent-ils être formés à la maîtrise de l'IA "
            "(article 4 du RIA) ?",
            "Une personne a-t-elle le droit de ne pas faire l'objet d'une décision fondée exclusivement sur un "
            "traitement automatisé ?",
        ),
    ),
    Theme(
        id="algorithmes-publics-transparence",
        title="Algorithmes publics et transparence",
        kind="curated",
        query="transparence des algorithmes publics : mention explicite, publication des règles, droit à explication",
        anchors=CRPA_ALGORITHMS.anchors
        + _anchors("loi-78-17", "art:47")
        + _anchors("gdpr", "art:22")
        + _anchors("ai-act", "art:86"),
        questions=(
            "Quelles obligations de transparence pour une administration qui utilise un algorithme pour prendre "
            "des décisions individuelles ?",
            "Que doit contenir la mention explicite d'une décision prise sur le fondement d'un traitement "
            "algorithmique ?",
            "Une décision administrative individuelle peut-elle être entièrement automatisée ?",
            "Quelles administrations doivent publier les règles de leurs principaux traitements algorithmiques ?",
            "Quel droit à l'explication pour une personne visée par une décision prise avec un système d'IA "
            "à haut risque ?",
        ),
    ),
)


def fold(text: str) -> str:
    """Lower case without accents or typographic apostrophes: how a trainer's typing is compared to titles."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).lower()
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def sentence_case(heading: str) -> str:
    """Headings printed in capitals read badly in a catalogue; acronyms keep their capitals."""
    if heading != heading.upper():
        return heading
    lowered = heading.lower()
    return _ACRONYMS.sub(lambda m: m.group().upper(), lowered[:1].upper() + lowered[1:])


def _heading_theme(short: str, edition_key: str, path: tuple[str, ...]) -> Theme | None:
    parts = [_HEADING.match(p) for p in path]
    if not all(parts):
        return None
    numbers = [m.group(1) for m in parts if m]
    names = [sentence_case(m.group(2).strip()) for m in parts if m]
    where = f"Chapitre {numbers[0]}" + (f", section {numbers[1]}" if len(numbers) > 1 else "")
    suffix = "-".join([numbers[0].lower(), *(f"s{n}" for n in numbers[1:])])
    return Theme(
        id=f"{short.lower()}-{suffix}",
        title=f"{short} — {where} : {names[-1]}",
        kind="heading",
        query=" ; ".join(names),
        edition_key=edition_key,
        heading=path,
    )


def _french_edition(chunks: list[Chunk], doc_id: str) -> str | None:
    keys = sorted({c.edition_key for c in chunks if c.doc_id == doc_id and c.lang == "fr"})
    return keys[0] if keys else None


def heading_themes(chunks: list[Chunk]) -> list[Theme]:
    """One theme per chapter of each structured document, and one per section inside a chapter, in text order."""
    themes: list[Theme] = []
    for doc_id, short in STRUCTURED.items():
        edition = _french_edition(chunks, doc_id)
        paths: dict[tuple[str, ...], None] = {}
        for chunk in sorted((c for c in chunks if c.edition_key == edition and c.kind == "article"), key=_start):
            for depth in range(1, len(chunk.heading_path) + 1):
                paths.setdefault(chunk.heading_path[:depth])
        themes.extend(t for path in paths if (t := _heading_theme(short, edition or "", path)) is not None)
    return themes


def _start(chunk: Chunk) -> int:
    return chunk.start


def _present(chunks: list[Chunk], theme: Theme) -> bool:
    refs = {(c.doc_id, c.ref) for c in chunks}
    return all((a.doc_id, a.ref) in refs for a in theme.anchors)


def list_themes(cadre: Cadre) -> list[Theme]:
    """Every ready theme the open index supports: curated first, then the CRPA, then chapters and sections."""
    chunks = cadre.index.chunks
    ready = [t for t in (*CURATED, CRPA_ALGORITHMS) if _present(chunks, t)]
    return ready + heading_themes(chunks)


def free_theme(text: str) -> Theme:
    return Theme(id="requete", title=text.strip(), kind="query", query=text.strip())


def find_theme(themes: list[Theme], text: str) -> Theme:
    """The catalogue theme named by id or title (accents and case aside), else a free-text theme on `text`."""
    wanted = fold(text)
    for theme in themes:
        if wanted in (theme.id, fold(theme.title)):
            return theme
    return free_theme(text)
