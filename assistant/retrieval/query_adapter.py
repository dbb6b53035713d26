"""A linear map of the question's vector, learned from the development question sets, for the dense retriever.

The small multilingual model places an agent's everyday question near the recitals and guidance that paraphrase
its words, and far from the article that answers it. `evaluation.tune_adapter` learns a 384 × 384 map, kept close
to the identity, that moves the development questions' vectors next to their gold provisions' passages. The
passages' vectors are untouched: the index does not change with it. The dense retriever fuses the adapted vector's
ranking with the plain vector's (`retrieval/hybrid.py`), so a passage no training question reached, such as a
document a collectivité adds, still reaches the dense ranking through its plain similarity.

The map belongs to the embedding model it was learned for; with another model it is not used, and a warning says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
ADAPTER_FILE = Path(__file__).with_name("query_adapter.npz")


@dataclass(frozen=True)
class QueryAdapter:
    model_id: str
    matrix: np.ndarray

    def apply(self, vector: np.ndarray) -> np.ndarray:
        """The mapped vector, normalised like the passages' (the index ranks by inner product)."""
        mapped = self.matrix @ np.asarray(vector, dtype=np.float32)
        return mapped / np.linalg.norm(mapped)

    def save(self, path: Path = ADAPTER_FILE) -> None:
        np.savez(path, model=np.array(self.model_id), matrix=self.matrix.astype(np.float32))


@cache
def load_adapter(model_id: str, path: Path = ADAPTER_FILE) -> QueryAdapter | None:
    """The adapter learned for `model_id`, or None when the file is missing or belongs to another model."""
    if not path.is_file():
        log.warning("No query adapter at %s: the dense retriever uses the plain question vector", path)
        return None
    with np.load(path, allow_pickle=False) as stored:
        adapter = QueryAdapter(str(stored["model"]), stored["matrix"].astype(np.float32))
    if adapter.model_id != model_id:
        log.warning("The query adapter at %s was learned for %s, not %s: not used", path, adapter.model_id, model_id)
        return None
    return adapter
