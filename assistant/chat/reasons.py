"""French wording of the one-line English reasons the loaders give for a refused file."""

from __future__ import annotations

import re

from assistant.sources.loading import SUPPORTED

_FORMATS = ", ".join(SUPPORTED)
_REASONS: tuple[tuple[str, str], ...] = (
    (r"empty file", "fichier vide"),
    (
        r"no text layer",
        "PDF sans couche texte (scan ?) : faites une reconnaissance de caractères avant de l'ajouter",
    ),
    (
        r"file too large: (?P<size>[\d.]+) MB, the limit is (?P<limit>[\d.]+) MB",
        "fichier trop volumineux : {size} Mo, la limite est de {limit} Mo",
    ),
    (r"file too large", "fichier trop volumineux"),
    (r"not a PDF", "le contenu ne correspond pas à l'extension .pdf"),
    (r"truncated or damaged PDF", "PDF tronqué ou endommagé"),
    (
        r"time limit, at page (?P<page>\d+) of (?P<pages>\d+)",
        "analyse trop longue, abandonnée (à la page {page} sur {pages})",
    ),
    (r"time limit", "analyse trop longue, abandonnée"),
    (r"unknown text encoding", "encodage du texte inconnu : enregistrez le fichier en UTF-8"),
    (
        r"unsupported file type (?P<suffix>\.\w+)",
        "type de fichier non pris en charge ({suffix}) ; formats acceptés : " + _FORMATS,
    ),
    (r"unsupported file type \(no extension\)", "fichier sans extension ; formats acceptés : " + _FORMATS),
    (r"unsupported file type", "type de fichier non pris en charge ; formats acceptés : " + _FORMATS),
    (r"JSON of a shape", "JSON d'une forme inconnue (attendu : JSON LEGI ou JSON de dispositions)"),
    (r"not valid JSON|malformed .*JSON", "JSON invalide ou mal formé"),
    (r"no article in force", "aucun article en vigueur dans ce JSON LEGI"),
    (r"not a valid DOCX", "fichier DOCX invalide ou endommagé"),
    (r"DOCX file has no text", "le fichier DOCX ne contient pas de texte"),
    (r"not readable HTML", "page HTML illisible"),
    (r"no text in this HTML", "page HTML sans texte"),
    (r"not an EUR-Lex act|EUR-Lex page without", "page EUR-Lex sans texte d'acte reconnaissable"),
    (r"not well-formed XML", "XML mal formé"),
    (r"not a Formex|Formex", "XML qui n'est pas un acte Formex lisible"),
    (r"file not found|no such file", "fichier introuvable"),
    (r"cannot read the file", "fichier illisible"),
    (r"unsafe file name", "nom de fichier refusé"),
    (r"unexpected error", "erreur inattendue pendant l'analyse : signalez-la à l'administrateur"),
)
_COMPILED = tuple((re.compile(pattern), text) for pattern, text in _REASONS)


def _decimal_comma(value: str) -> str:
    return value.replace(".", ",") if re.fullmatch(r"\d+\.\d+", value) else value


def french_reason(reason: str) -> str:
    """A message an agent can act on; an unknown reason is kept, after a French lead-in."""
    for pattern, text in _COMPILED:
        match = pattern.search(reason)
        if match:
            return text.format(**{k: _decimal_comma(v) for k, v in match.groupdict().items()})
    return f"fichier refusé ({reason})"
