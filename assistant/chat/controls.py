"""What the search controls offer (documents, languages, engines) and the filters they mean."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.retrieval.filters import BINDING, Filters
from assistant.sources.catalogue import load_catalogue

if TYPE_CHECKING:
    from assistant.api import Cadre

ALL = "tous"
BINDING_ONLY = "contraignant"
DOC_PREFIX = "doc:"
LANGUAGE_CHOICES = [("Toutes", ""), ("Français", "fr"), ("Anglais", "en")]
BROAD_SCOPES = [("Tous les documents", ALL), ("Droit contraignant uniquement", BINDING_ONLY)]


def document_choices(cadre: Cadre) -> list[tuple[str, str]]:
    """« Tous », « Droit contraignant uniquement », then each document of the live index, catalogue first."""
    settings = cadre.settings
    names: dict[str, str] = {}
    for edition in load_catalogue(settings.sources_file, settings.corpus_dir):
        names.setdefault(edition.doc_id, edition.short)
    indexed: dict[str, str] = {}
    for source in cadre.index.manifest.sources:
        indexed.setdefault(source.doc_id, names.get(source.doc_id) or f"{Path(source.path).stem} (ajouté)")
    ordered = [d for d in names if d in indexed] + sorted(d for d in indexed if d not in names)
    return BROAD_SCOPES + [(indexed[d], f"{DOC_PREFIX}{d}") for d in ordered]


def search_filters(scope: str | None, lang: str | None) -> Filters:
    """A cleared control (None) means no restriction."""
    scope = scope or ALL
    langs = (lang,) if lang else ()
    if scope == BINDING_ONLY:
        return Filters(authorities=BINDING, langs=langs)
    if scope.startswith(DOC_PREFIX):
        return Filters(doc_ids=(scope.removeprefix(DOC_PREFIX),), langs=langs)
    return Filters(langs=langs)


def engines(settings: Settings) -> dict[str, str]:
    """The engines the page offers (key for `Cadre.answer(engine=…)` → label): the extractive one always,
    the language model only when the deployment configures one (`llm_url`)."""
    offered = {"extractive": "Par défaut (extractif)"}
    if settings.llm_url:
        offered["llm"] = f"Modèle de langage ({settings.llm_model})" if settings.llm_model else "Modèle de langage"
    return offered
