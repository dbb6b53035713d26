"""Which chunks a search may return: by document, authority, language and version."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.records import Chunk

BINDING = ("binding-eu", "binding-fr")


@dataclass(frozen=True)
class Filters:
    doc_ids: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()

    def allows(self, chunk: Chunk) -> bool:
        return (
            (not self.doc_ids or chunk.doc_id in self.doc_ids)
            and (not self.authorities or chunk.authority in self.authorities)
            and (not self.langs or chunk.lang in self.langs)
            and (not self.versions or chunk.version in self.versions)
        )
