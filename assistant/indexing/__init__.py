"""Embedding, the dense and lexical indexes, the chunk store, the manifest and the atomic build."""
