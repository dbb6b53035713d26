"""A quiz on a theme: multiple-choice and true/false items built from the corpus's own sentences.

Each item blanks the answer in a verbatim quote, so the cited passage proves the answer by
construction; distractors are other values of the same kind found in the texts (other terms
defined nearby, the other actors of the same text, amounts or dates of other provisions).
The same theme and seed give the same quiz.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date

from assistant.api import Cadre
from assistant.records import Chunk
from assistant.retrieval.filters import Filters
from assistant.trainer.dates import TRANSITIONAL, application_lines
from assistant.trainer.facts import (
    BLANK,
    Fact,
    alike,
    corpus_values,
    date_facts,
    definition_facts,
    list_facts,
    obligation_facts,
    value_facts,
)
from assistant.trainer.quotes import Quote, topic_terms
from assistant.trainer.scope import ThemeContext, provisions
from assistant.trainer.themes import Theme
from assistant.trainer.values import in_french

MULTICHOICE = "multichoice"
TRUEFALSE = "truefalse"
TRUE, FALSE = "Vrai", "Faux"
DISTRACTORS = 3
# Distractors are drawn at random among this many of the most plausible, and each kind's facts among its
# most relevant (a share of the quiz's length), so that seeds vary the quiz without drifting off the theme.
PLAUSIBLE = 5
RELEVANT_SHARE = 0.6
LONG_ANSWER_WORDS = 3
# How far a quiz short of facts relaxes its variety: 0 strict, 1 a provision asked twice, 2 an answer given twice.
LEEWAYS = (0, 1, 2)
# No kind of question takes more than this share of a quiz while the theme's texts hold others.
KIND_SHARE = 0.4
WIDER_SCOPE_HITS = 20
# Kinds in the order a quiz cycles through them.
KINDS = ("obligation", "définition", "liste", "montant", "durée", "date", "pourcentage", "effectif")
_PROMPTS = {
    "définition": "quel terme est défini ainsi ?",
    "obligation": "quel acteur complète ce passage ?",
    "date": "quelle date complète ce passage ?",
    "liste": "quel élément figure dans cette énumération ?",
}
_VALUE_PROMPT = "quelle valeur complète ce passage ?"
CONSOLIDATED_NOTE = "version consolidée après le règlement (UE) 2026/1744, en anglais, seule langue disponible"


@dataclass(frozen=True)
class QuizItem:
    """One question. `stem` is the quote with the answer blanked: stem with `evidence` put back is the quote.

    For a true/false item, the statement is the stem filled with `shown`; it is true when `shown` is `evidence`.
    `answer` is the right choice as displayed (dates in French, where the quote may be English).
    """

    kind: str
    type: str
    prompt: str
    stem: str
    choices: tuple[str, ...]
    answer: str
    evidence: str
    quote: Quote
    shown: str = ""
    lead: Quote | None = None

    @property
    def statement(self) -> str:
        return self.stem.replace(BLANK, self.shown)

    @property
    def question(self) -> str:
        """The question as a learner reads it."""
        lead = f"{self.lead.text} " if self.lead else ""
        cut = " […]" if self.quote.cut else ""
        body = f"{self.statement}{cut}" if self.type == TRUEFALSE else f"« {lead}{self.stem}{cut} »"
        return f"{self.prompt}\n{body}"


def _display(fact: Fact, text: str) -> str:
    return in_french(text) if fact.kind == "date" else text


def _prompt(fact: Fact, true_false: bool) -> str:
    where = fact.quote.label + (f" ({CONSOLIDATED_NOTE})" if fact.kind == "date" else "")
    return f"{where} — {'vrai ou faux ?' if true_false else _PROMPTS.get(fact.kind, _VALUE_PROMPT)}"


def _item(fact: Fact, rng: random.Random, true_false: bool) -> QuizItem | None:
    answer = _display(fact, fact.answer)
    pool = [p for p in dict.fromkeys(_display(fact, p) for p in fact.pool) if p != answer]
    if not pool:
        return None
    if true_false or len(pool) < 2:
        shown = rng.choice([fact.answer, *pool[:1]]) if rng.random() < 0.5 else pool[0]
        shown = fact.answer if shown == fact.answer else _raw(fact, shown)
        verdict = TRUE if shown == fact.answer else FALSE
        return QuizItem(
            fact.kind, TRUEFALSE, _prompt(fact, True), fact.stem, (TRUE, FALSE), verdict, fact.answer,
            fact.quote, shown, fact.lead,
        )  # fmt: skip
    distractors = rng.sample(pool[:PLAUSIBLE], min(DISTRACTORS, len(pool)))
    choices = [answer, *distractors]
    rng.shuffle(choices)
    return QuizItem(
        fact.kind, MULTICHOICE, _prompt(fact, False), fact.stem, tuple(choices), answer, fact.answer, fact.quote,
        lead=fact.lead,
    )  # fmt: skip


def _raw(fact: Fact, shown: str) -> str:
    """A distractor as it would be printed in the quote's language (English dates stay English in a statement)."""
    return next((p for p in fact.pool if _display(fact, p) == shown), shown)


class QuizBuilder(ThemeContext):
    def _theme_chunks(self, wider: bool) -> list[Chunk]:
        found = [c for p in provisions(self.cadre, self.theme) for c in p.chunks]
        if wider:
            hits = self.cadre.retrieve(self.theme.query, k=WIDER_SCOPE_HITS, filters=Filters(langs=("fr",)))
            refs = {(h.chunk.edition_key, h.chunk.ref) for h in hits if h.chunk.ref}
            found += [c for c in self.chunks if (c.edition_key, c.ref) in refs and c not in found]
        return found

    def facts(self, theme_chunks: list[Chunk]) -> dict[str, list[Fact]]:
        """The theme's facts by kind, the most relevant first."""
        lines = application_lines(self.chunks, theme_chunks, self.today)
        dated = [c for c in self.chunks if lines and c.ref in (lines[0].quote.chunk.ref, TRANSITIONAL)]
        dated = [c for c in dated if c.version == lines[0].quote.chunk.version] if lines else []
        found = (
            obligation_facts(theme_chunks, self.law, self.terms)
            + definition_facts(self.chunks, theme_chunks, self.law)
            + value_facts(theme_chunks, corpus_values(self.chunks), self.law, self.terms)
            + date_facts(lines, dated)
            + list_facts(theme_chunks, self.chunks, self.law, self.terms)
        )
        by_kind: dict[str, list[Fact]] = {}
        for fact in sorted(found, key=lambda f: (-f.weight, f.quote.chunk.start, f.quote.text)):
            by_kind.setdefault(fact.kind, []).append(fact)
        return by_kind

    def build(self, n: int, seed: int) -> list[QuizItem]:
        """Items from the theme's own provisions first, then from what retrieval finds on its query."""
        rng = random.Random(seed)
        window = max(2, round(n * RELEVANT_SHARE))
        cap = max(2, math.ceil(n * KIND_SHARE))
        items: list[QuizItem] = []
        for wider in (False, True):
            by_kind = self.facts(self._theme_chunks(wider))
            for facts in by_kind.values():
                head = facts[:window]
                rng.shuffle(head)
                facts[:window] = head
            for leeway in LEEWAYS:
                _pick(by_kind, items, n, rng, leeway, cap)
            if len(items) == n:
                return items
        for leeway in LEEWAYS:
            _pick(by_kind, items, n, rng, leeway, n)
        return items


def _pick(
    by_kind: dict[str, list[Fact]], items: list[QuizItem], n: int, rng: random.Random, leeway: int, cap: int
) -> None:
    """One fact of each kind in turn, at most `cap` of a kind; never the same passage twice, the same provision
    only from leeway 1, the same answer only from leeway 2."""
    quoted = {item.quote.text for item in items}
    answers = {item.evidence for item in items}
    provisions = {_provision(item.quote) for item in items}
    progress = True
    while len(items) < n and progress:
        progress = False
        for kind in KINDS:
            if sum(item.kind == kind for item in items) >= cap:
                continue
            for fact in list(by_kind.get(kind, [])):
                same_answer = any(_same_answer(fact.answer, a) for a in answers)
                same_provision = _provision(fact.quote) in provisions
                blocked = (same_answer and leeway < 2) or (same_provision and leeway < 1)
                if len(items) == n or fact.quote.text in quoted or blocked:
                    continue
                by_kind[kind].remove(fact)
                item = _item(fact, rng, true_false=kind == "obligation" and len(items) % 2 == 1)
                if item is not None:
                    quoted.add(fact.quote.text)
                    answers.add(fact.answer)
                    provisions.add(_provision(fact.quote))
                    items.append(item)
                    progress = True
                    break


def _same_answer(a: str, b: str) -> bool:
    """ "déployeur" and "déployeurs" are one answer, and so are two list items that say the same thing;
    "six mois" and "trois mois" are not."""
    if topic_terms(a) == topic_terms(b):
        return True
    return min(len(a.split()), len(b.split())) > LONG_ANSWER_WORDS and alike(a, b)


def _provision(quote: Quote) -> tuple[str, str]:
    return (quote.chunk.edition_key, quote.chunk.ref or quote.chunk.id)


def build_quiz(cadre: Cadre, theme: Theme, n: int = 10, seed: int = 0, today: date | None = None) -> list[QuizItem]:
    """Up to n items on the theme (fewer when its texts hold fewer facts), the same for the same seed."""
    return QuizBuilder(cadre, theme, today or cadre.settings.today or date.today()).build(n, seed)
