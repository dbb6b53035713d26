"""The verifier every answer passes before it leaves, whichever engine wrote it.

It checks four things and repairs by removal, never by rewriting: each [n] names a listed
source; each citation's quote is found verbatim in the indexed text of its chunk; each « quote »
in the answer is found in a passage it cites; each sentence shares enough of its content words
with the passages it cites. What is left without support goes;
an answer left with nothing becomes a refusal.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.indexing.analysis import analyse
from assistant.records import Answer, Chunk, Citation

SUPPORT_THRESHOLD = 0.5
# How every engine writes a citation mark and a quotation: the LLM engine parses its replies with the same patterns.
MARK = re.compile(r"\[(\d+)\]")
QUOTED = re.compile(r"«\s*(.+?)\s*»", re.S)
_ELIDED = re.compile(r"\s*(\[…\]|…)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?\]])\s+(?=[A-ZÀ-Ý«])")


def split_sentences(text: str) -> list[str]:
    """Sentences of an answer: lines, then sentence ends that fall outside « quotes »."""
    result = []
    for line in text.split("\n"):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            before = line[: match.start()]
            if before.count("«") == before.count("»"):
                result.append(line[start : match.start()])
                start = match.end()
        result.append(line[start:])
    return [s for s in result if s.strip()]


def _support(sentence: str, cited: list[Citation], lang: str) -> float:
    """Share of the sentence's content words (outside its labels and marks) found in the cited passages."""
    words = set(analyse(MARK.sub(" ", sentence), lang))
    for citation in cited:
        words -= set(analyse(citation.chunk.label, "fr"))
    if not words:
        return 1.0
    source = set()
    for citation in cited:
        source |= set(analyse(citation.chunk.text, citation.chunk.lang))
    return len(words & source) / len(words)


def _quotes_hold(sentence: str, cited: list[Citation]) -> bool:
    """Every « quote » in the sentence is in one of the passages it cites (an elided end, « … […] », is allowed).

    The cited labels are set aside first: a guidance section's label quotes its title (Guide Etalab, « Qui … ? »)."""
    passages = [" ".join(c.chunk.text.split()) for c in cited]
    for citation in cited:
        sentence = sentence.replace(citation.chunk.label, " ")
    for quoted in QUOTED.findall(sentence):
        words = " ".join(_ELIDED.sub("", quoted).split())
        if words and not any(words in passage for passage in passages):
            return False
    return True


def verify(answer: Answer, indexed: dict[str, Chunk], lang: str = "fr") -> Answer:
    """The answer with only verified citations and supported sentences, renumbered; a refusal if nothing remains."""
    valid = {
        c.n: c for c in answer.citations if c.chunk.id in indexed and c.quote and c.quote in indexed[c.chunk.id].text
    }
    notes = list(answer.notes)
    dropped = len(answer.citations) - len(valid)
    if dropped:
        notes.append(f"{dropped} citation(s) retirée(s) : texte introuvable dans la source.")
    kept_sentences, used = [], []
    removed = 0
    for sentence in split_sentences(answer.text):
        marks = [int(n) for n in MARK.findall(sentence)]
        cited = [valid[n] for n in marks if n in valid]
        if not cited or not _quotes_hold(sentence, cited) or _support(sentence, cited, lang) < SUPPORT_THRESHOLD:
            removed += 1
            continue
        kept_sentences.append(sentence)
        used.extend(c.n for c in cited if c.n not in used)
    if removed:
        notes.append(f"{removed} phrase(s) retirée(s) : non étayée(s) par les passages cités.")
    renumber = {old: new for new, old in enumerate(used, 1)}
    text = "\n".join(MARK.sub(lambda m: f"[{renumber.get(int(m.group(1)), '?')}]", s) for s in kept_sentences)
    text = re.sub(r"\s*\[\?\]", "", text)
    citations = [replace(valid[old], n=new) for old, new in renumber.items()]
    return replace(answer, text=text, citations=citations, notes=notes, refused=answer.refused or not citations)
