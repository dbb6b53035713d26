"""Verbatim quotes and how well a sentence matches a topic: the one primitive every trainer output is built from."""

from __future__ import annotations

import math
from dataclasses import dataclass

from assistant.indexing.analysis import analyse
from assistant.records import Chunk
from assistant.structure.sentences import Sentence, sentences


@dataclass(frozen=True)
class Quote:
    """An exact slice of an indexed chunk, with what a reader needs to find it in the official text."""

    text: str
    chunk: Chunk
    cut: bool = False

    @property
    def label(self) -> str:
        return self.chunk.label

    @property
    def url(self) -> str:
        return self.chunk.url

    @property
    def page(self) -> int | None:
        return self.chunk.pages[0] if self.chunk.pages else None


def quote_of(sentence: Sentence) -> Quote:
    return Quote(sentence.text, sentence.chunk, sentence.cut)


def topic_terms(text: str) -> set[str]:
    return set(analyse(text, "fr"))


def relevance(sentence: Sentence, terms: set[str]) -> float:
    """Share of the topic's terms in the sentence, damped by its length so that long enumerations do not win."""
    found = set(analyse(sentence.text, sentence.chunk.lang))
    if not found or not terms:
        return 0.0
    return len(found & terms) / math.log(3 + len(found))


def best_sentences(chunks: list[Chunk], terms: set[str], n: int) -> list[Sentence]:
    """The n sentences of `chunks` closest to the topic; the first sentence of a provision breaks ties."""
    scored = [
        (relevance(s, terms) + (0.05 if i == 0 else 0.0), -k, -i, s)
        for k, chunk in enumerate(chunks)
        for i, s in enumerate(sentences(chunk))
    ]
    scored.sort(key=lambda x: x[:3], reverse=True)
    return [s for *_, s in scored[:n]]
