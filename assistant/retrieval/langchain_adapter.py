"""Cadre's retrieval as a LangChain retriever, for deployments that compose their own chains."""

from __future__ import annotations

from dataclasses import asdict

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LangChainDocument
from langchain_core.retrievers import BaseRetriever

from assistant.api import Cadre
from assistant.retrieval.filters import Filters


class CadreRetriever(BaseRetriever):
    """Each hit becomes a LangChain document whose metadata carries the full citation of its chunk."""

    cadre: Cadre
    k: int = 10
    filters: Filters | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LangChainDocument]:
        documents = []
        for rank, hit in enumerate(self.cadre.retrieve(query, k=self.k, filters=self.filters), 1):
            metadata = {k: v for k, v in asdict(hit.chunk).items() if k != "text"}
            metadata.update(rank=rank, score=hit.score, retrievers=list(hit.retrievers))
            documents.append(LangChainDocument(page_content=hit.chunk.text, metadata=metadata))
        return documents
