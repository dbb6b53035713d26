"""What a sheet, a quiz and a Q&A handout show, in order, as blocks: the renderers only decide how it looks."""

from __future__ import annotations

from assistant.records import Answer
from assistant.trainer.export.blocks import DISCLAIMER, Block, Bullets, Cited, Heading, Table, Text
from assistant.trainer.quiz import TRUEFALSE, QuizItem
from assistant.trainer.quotes import Quote
from assistant.trainer.sheet import Passage, Sheet

AMENDED = "Modifié par le règlement (UE) 2026/1744 ; version en vigueur (en anglais, seule langue disponible) :"
VERBATIM = "Chaque citation est reproduite mot pour mot depuis les textes indexés ; vérifiez-la sur le lien officiel."
LETTERS = "ABCDEFGH"


def _passage(passage: Passage, prefix: str = "") -> list[Block]:
    blocks: list[Block] = [Cited(passage.quote, prefix)]
    if passage.current:
        blocks += [Text(AMENDED), Cited(passage.current)]
    return blocks


def _answer(answer: Answer) -> list[Block]:
    blocks: list[Block] = [Text(line) for line in answer.text.splitlines() if line.strip()]
    if answer.notes:
        blocks += [Text("À noter :", strong=True), Bullets(tuple(answer.notes))]
    if answer.citations:
        blocks.append(Text("Sources :", strong=True))
    for citation in answer.citations:
        blocks.append(Cited(Quote(citation.quote, citation.chunk), f"[{citation.n}]"))
    return blocks


def sheet_blocks(sheet: Sheet) -> list[Block]:
    blocks: list[Block] = [
        Heading(f"Fiche : {sheet.theme.title}", 0),
        Text(f"État du droit au {sheet.today:%d/%m/%Y}. {VERBATIM}"),
        Text(DISCLAIMER),
        Heading("Dispositions clés", 1),
    ]
    for provision in sheet.provisions:
        blocks.append(Heading(provision.heading, 2))
        for passage in provision.passages:
            blocks += _passage(passage)
    blocks.append(Heading("Obligations par rôle", 1))
    rows = tuple((row.role, p.quote) for row in sheet.roles for p in row.passages)
    blocks.append(Table(("Rôle", "Obligation (citation)", "Source"), rows) if rows else Text("Aucune."))
    if sheet.absent_roles:
        blocks.append(Text(f"Rôles que les dispositions du thème ne visent pas : {', '.join(sheet.absent_roles)}."))
    blocks.append(Heading("Dates d'application (RIA modifié par le règlement (UE) 2026/1744)", 1))
    shown_lead = None
    for line in sheet.dates:
        blocks.append(Text(line.status(sheet.today), strong=True))
        if line.lead and line.lead != shown_lead:
            blocks.append(Cited(line.lead))
        shown_lead = line.lead
        blocks.append(Cited(line.quote))
    if not sheet.dates:
        blocks.append(Text("Aucune date d'application du RIA ne concerne ce thème."))
    blocks.append(Heading("Dispositions liées dans les autres textes", 1))
    for link in sheet.links:
        blocks += [Heading(f"{link.source} → {link.passage.quote.label}", 2), Text(f"Lien : {link.how}.")]
        blocks += _passage(link.passage)
    if not sheet.links:
        blocks.append(Text("Aucune disposition liée trouvée."))
    blocks.append(Heading("Questions-réponses", 1))
    for qa in sheet.questions:
        blocks += [Heading(qa.question, 2), *_answer(qa.answer)]
    return blocks


def handout_blocks(pairs: list[tuple[str, Answer]], title: str = "Questions-réponses") -> list[Block]:
    blocks: list[Block] = [Heading(title, 0), Text(VERBATIM), Text(DISCLAIMER)]
    for number, (question, answer) in enumerate(pairs, 1):
        blocks += [Heading(f"{number}. {question}", 1), *_answer(answer)]
    return blocks


def _choices(item: QuizItem) -> tuple[str, ...]:
    return tuple(f"{LETTERS[i]}. {choice}" for i, choice in enumerate(item.choices))


def quiz_blocks(items: list[QuizItem], title: str) -> list[Block]:
    """The questions first, then the answer key with the passage that proves each answer."""
    blocks: list[Block] = [Heading(f"Quiz : {title}", 0), Text(DISCLAIMER)]
    for number, item in enumerate(items, 1):
        blocks += [Heading(f"Question {number}", 1), *(Text(line) for line in item.question.splitlines())]
        blocks.append(Bullets(_choices(item)))
    blocks.append(Heading("Corrigé", 1))
    for number, item in enumerate(items, 1):
        letter = LETTERS[item.choices.index(item.answer)]
        detail = f" (le texte dit : « {item.evidence} »)" if item.type == TRUEFALSE else ""
        blocks.append(Text(f"{number}. Réponse {letter} : {item.answer}{detail}", strong=True))
        blocks += [Cited(item.lead)] if item.lead else []
        blocks.append(Cited(item.quote))
    return blocks
