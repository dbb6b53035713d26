"""The AI Act application dates that concern a theme, quoted from Article 113 as amended (and Article 111).

`application_dates` gives every dated line of Article 113 in the consolidated text, with whether it
already applies; a line concerns a theme when it names one of the theme's chapters, sections or
articles. Article 111 adds the transitional deadlines, among them the one for public authorities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.answering.in_force import application_dates, date_status
from assistant.indexing.amendments import DOC
from assistant.records import Chunk
from assistant.structure.dates import day_of, days_in
from assistant.structure.sentences import sentences
from assistant.trainer.quotes import Quote
from assistant.trainer.values import dates_in

TRANSITIONAL = "art:111"
_CHAPTERS = re.compile(r"Chapters? ([IVX]+)(?: and ([IVX]+))?(?:,? Sections? ((?:\d+(?:,? and |, )?)+))?")
_ARTICLES = re.compile(r"Articles? (\d+)(?: to (\d+))?")
_SUB_POINT = re.compile(r"\((?:i|ii|iii|iv)\) ")
_POINT = re.compile(r"^\((?!(?:i|ii|iii|iv)\))[a-z]\) ", re.M)
_FRENCH_CHAPTER = re.compile(r"^CHAPITRE ([IVX]+)")
_FRENCH_SECTION = re.compile(r"^SECTION (\d+)")
# What a dated line says that is not about what it dates: its exceptions, and the provisions it leaves aside.
_ASIDE = re.compile(r"with the exception of.*|Without prejudice to [^,]*(?:, point \([a-z]\))?,")
# Lines that date a chapter's obligations by their subject rather than by number: the sections concerned, the words.
_SUBJECTS = {"III": ({"1", "2", "3"}, ("high-risk", "Annex III")), "V": (None, ("general-purpose AI model",))}


@dataclass(frozen=True)
class Coverage:
    """The parts of the AI Act a theme covers: chapters with their sections (None: the whole chapter), articles."""

    chapters: dict[str, set[str] | None]
    articles: set[int]

    def __bool__(self) -> bool:
        return bool(self.chapters or self.articles)

    def named_in(self, line: str) -> bool:
        """Whether the line names a chapter, section or article of the theme (exceptions aside)."""
        line = _ASIDE.sub("", line)
        for match in _CHAPTERS.finditer(line):
            sections = set(re.findall(r"\d+", match.group(3) or ""))
            for chapter in filter(None, match.group(1, 2)):
                if self._covers(chapter, sections or None):
                    return True
        for match in _ARTICLES.finditer(line):
            first = int(match.group(1))
            if self.articles & set(range(first, int(match.group(2) or first) + 1)):
                return True
        return any(
            any(word in line for word in words) and self._covers(chapter, sections)
            for chapter, (sections, words) in _SUBJECTS.items()
        )

    def _covers(self, chapter: str, sections: set[str] | None) -> bool:
        if chapter not in self.chapters:
            return False
        mine = self.chapters[chapter]
        return mine is None or sections is None or bool(mine & sections)


def coverage(chunks: list[Chunk]) -> Coverage:
    """What the theme's AI Act passages cover, read from their French heading paths and ref keys."""
    chapters: dict[str, set[str] | None] = {}
    articles: set[int] = set()
    for chunk in chunks:
        if chunk.doc_id != DOC:
            continue
        if chunk.ref == "annex:III":
            chapters.setdefault("III", None)
        if chunk.ref and (number := re.fullmatch(r"art:(\d+)", chunk.ref)):
            articles.add(int(number.group(1)))
        path = chunk.heading_path
        chapter = _FRENCH_CHAPTER.match(path[0]) if path else None
        if chapter:
            section = _FRENCH_SECTION.match(path[1]) if len(path) > 1 else None
            known = chapters.get(chapter.group(1), set())
            chapters[chapter.group(1)] = None if section is None or known is None else known | {section.group(1)}
    return Coverage(chapters, articles)


@dataclass(frozen=True)
class DateLine:
    """A dated provision quoted verbatim; `lead` is the opening of its point when the line is an "(i)" under it."""

    days: tuple[date, ...]
    quote: Quote
    lead: Quote | None = None

    def status(self, today: date) -> str:
        return date_status(self.days, today)


def _article_113_lines(chunks: list[Chunk], today: date) -> tuple[Chunk | None, list[str]]:
    notes, citation = application_dates(chunks, today)
    if citation is None:
        return None, []
    lines = [note.partition(" — ")[2] for note in notes]
    return citation.chunk, [line for line in lines if line and line in citation.chunk.text]


def _lead(article: Chunk, line: str) -> Quote | None:
    """An "(i)" line only reads with the opening of its point: "(c) Chapter III … shall apply from:"."""
    if not _SUB_POINT.match(line):
        return None
    openings = list(_POINT.finditer(article.text, 0, article.text.index(line)))
    if not openings:
        return None
    start = openings[-1].start()
    return Quote(article.text[start : article.text.index("\n", start)], article)


def application_lines(chunks: list[Chunk], theme_chunks: list[Chunk], today: date) -> list[DateLine]:
    """The dated lines of Articles 113 and 111 (as amended) that concern the theme; none if it has no AI Act part."""
    covered = coverage(theme_chunks)
    article, lines = _article_113_lines(chunks, today)
    if not covered or article is None:
        return []
    found = []
    for line in lines:
        lead = _lead(article, line)
        general = not _POINT.match(line) and not lead
        if general or covered.named_in(line) or (lead and covered.named_in(lead.text)):
            found.append(DateLine(tuple(days_in(line)), Quote(line, article), lead))
    transitional = [c for c in chunks if c.doc_id == DOC and c.ref == TRANSITIONAL and c.version == article.version]
    for chunk in transitional:
        for sentence in sentences(chunk):
            deadlines = dates_in(sentence.text)
            if deadlines and covered.named_in(sentence.text):
                # "placed on the market before 2 August 2026 shall … comply … by 2 December 2026": the last date rules.
                found.append(DateLine((day_of(deadlines[-1].text),), Quote(sentence.text, chunk, sentence.cut)))
    return found
