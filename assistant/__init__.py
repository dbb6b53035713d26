"""Cadre: answers French local-government staff about the rules on their use of AI, with checkable citations.

`assistant.answer`, `assistant.retrieve`, `assistant.ingest` and `assistant.Cadre` load lazily, so that importing a
record type or a loader does not load the embedding model's libraries.
"""

__all__ = ["Cadre", "answer", "ingest", "retrieve"]


def __getattr__(name: str):
    if name in __all__:
        from assistant import api

        return getattr(api, name)
    raise AttributeError(name)
