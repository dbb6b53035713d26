"""Law in force: the AI Act as amended by Regulation (EU) 2026/1744, and the dates its obligations apply.

The French editions of the AI Act are the 2024 text; the consolidated text exists only in
English. A cited paragraph is called amended when its 2024 wording is not found unchanged in the
consolidated text (`assistant.indexing.amendments`); the answer then quotes the consolidated
wording as it is, and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from assistant.indexing.amendments import CONSOLIDATED, DOC, POINT, LawInForce
from assistant.records import Chunk, Citation
from assistant.structure.dates import DATE, days_in, french_day
from assistant.structure.sentences import sentences

AMENDED_BY = "règlement (UE) 2026/1744"
AMENDED_SINCE = "27 juillet 2026"
IN_ENGLISH = "en anglais, seule langue disponible"


def _consolidated(chunks: list[Chunk], ref: str) -> list[Chunk]:
    return [c for c in chunks if c.doc_id == DOC and c.ref == ref and c.version.startswith(CONSOLIDATED)]


def amendment_notes(citations: list[Citation], law: LawInForce, lang: str) -> tuple[list[str], list[Citation]]:
    """Notes for cited AI Act paragraphs that the 2026 amendment changed, and the consolidated quotes to add (the
    sentence standing where the cited one stood); a consolidated quote cited as it is, in a language other than the
    question's, is said to be the only one."""
    notes: list[str] = []
    added: list[Citation] = []
    seen: set[tuple[str, str]] = set()
    # Of a paragraph cited twice, its point (« h) l'utilisation… ») is matched before its opening (« … interdites: »).
    for citation in sorted(citations, key=lambda c: POINT.match(c.quote) is None):
        chunk = citation.chunk
        if chunk.version.startswith(CONSOLIDATED):
            if chunk.doc_id == DOC and chunk.lang != lang and (chunk.ref or "", "") not in seen:
                seen.add((chunk.ref or "", ""))
                notes.append(f"{chunk.label} [{citation.n}] : version en vigueur après le {AMENDED_BY}, {IN_ENGLISH}.")
            continue
        amendment = law.amendment(chunk, citation.quote)
        if amendment is None or (chunk.ref or "", amendment.unit.name) in seen:
            continue
        seen.add((chunk.ref or "", amendment.unit.name))
        current = amendment.current
        name = chunk.provision_label + amendment.unit.where
        if current is None:
            notes.append(f"{name} a été supprimé par le {AMENDED_BY}, applicable depuis le {AMENDED_SINCE}.")
            continue
        added.append(Citation(len(citations) + len(added) + 1, current.chunk, current.text))
        notes.append(
            f"{name} a été modifié par le {AMENDED_BY}, applicable depuis le {AMENDED_SINCE} ; "
            f"version en vigueur citée en [{added[-1].n}], {IN_ENGLISH}."
        )
    return notes, added


def date_status(days: Sequence[date], today: date) -> str:
    """For each date a line gives, whether it has come: a line may date a rule and, later, its exception."""
    return " ; ".join(
        f"{french_day(day)} : {'déjà applicable' if day <= today else 'pas encore applicable'}" for day in days
    )


def _line_status(days: list[date], today: date) -> str:
    if all(day <= today for day in days):
        return f"déjà applicable au {today:%d/%m/%Y}"
    if all(day > today for day in days):
        return f"pas encore applicable au {today:%d/%m/%Y}"
    return f"en partie applicable au {today:%d/%m/%Y} ({date_status(days, today)})"


def application_dates(chunks: list[Chunk], today: date) -> tuple[list[str], Citation | None]:
    """What Article 113 as amended makes applicable, split into already applicable, still to come and, for a line
    that dates a rule and its exception apart (the 2026 prohibitions), partly applicable."""
    article = next(iter(_consolidated(chunks, "art:113")), None)
    if article is None:
        return [], None
    notes = []
    for line in article.text.split("\n"):
        if not DATE.search(line) or "enter into force" in line:
            continue
        notes.append(f"{_line_status(days_in(line), today)} — {line.strip()}")
    quote = next((s.text for s in sentences(article) if "shall apply from" in s.text), None)
    return notes, Citation(0, article, quote) if quote else None
