"""A conversation turn as plain data: what the page shows, exports and rates, kept in the session state."""

from __future__ import annotations

from assistant.cli import answer_record
from assistant.records import Answer, Chunk, Citation

LANGUAGES = {"fr": "français", "en": "anglais"}


def turn_record(question: str, answer: Answer) -> dict:
    """The answer's JSON form plus the question and each cited passage, so that no later step needs the index;
    the chunk id lets the trainer's handout find the passage again (`as_answer`)."""
    record = {"question": question, **answer_record(answer)}
    for citation, cited in zip(record["citations"], answer.citations, strict=True):
        citation["text"] = cited.chunk.text
        citation["chunk"] = cited.chunk.id
    return record


def as_answer(turn: dict, chunks: dict[str, Chunk]) -> Answer:
    """The turn as the Answer it was, its citations resolved in `chunks` (by id); a passage the index no longer
    holds (its upload was replaced) is left out rather than cited without its source."""
    citations = [Citation(c["n"], chunks[c["chunk"]], c["quote"]) for c in turn["citations"] if c["chunk"] in chunks]
    return Answer(turn["answer"], turn["refused"], citations, list(turn["notes"]), turn["engine"], turn["latency_ms"])


def edition_line(citation: dict) -> str:
    """« français, 2024-07-12 (JO L, texte initial), p. 53 »: how a source's edition is named everywhere."""
    parts = [LANGUAGES.get(citation["lang"], citation["lang"]), citation["version"]]
    if citation.get("page"):
        parts.append(f"p. {citation['page']}")
    return ", ".join(parts)


def find_citation(turns: list[dict], key: str) -> dict | None:
    """The citation that a link `#cite-<turn>-<n>` names, or None if the key is stale or malformed."""
    try:
        turn, n = (int(part) for part in key.removeprefix("cite-").split("-"))
    except ValueError:
        return None
    if not 0 <= turn < len(turns):
        return None
    return next((c for c in turns[turn]["citations"] if c["n"] == n), None)
