"""Near-duplicate documents: MinHash over word shingles (streamed, so memory is bounded) with LSH; each is
flagged against an earlier one."""

from __future__ import annotations

import re
from collections import deque

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_BATCH = 4096  # shingles hashed at a time
MAX_CANDIDATES = 256  # earlier documents compared with each new one (the first LSH proposes, in corpus order)


class NearDuplicateIndex:
    """Add documents in corpus order; `add` returns the most similar earlier doc_id at or above threshold, else None."""

    def __init__(self, threshold: float, shingle_words: int, num_perm: int, seed: int):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.shingle_words = shingle_words
        self.num_perm = num_perm
        self.seed = seed
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.hashes: dict[str, np.ndarray] = {}
        self.order: dict[str, int] = {}
        self._template = None  # permutations drawn once from the seed, shared by every signature

    def _shingles(self, text: str):
        """Word k-gram shingles in text order, streamed (MinHash is a minimum, so order and repeats do not
        matter): memory stays one window of words, whatever the length of the text."""
        k = self.shingle_words
        window: deque[str] = deque(maxlen=k)
        n = 0
        for match in _WORD.finditer(text):
            window.append(match.group().lower())
            n += 1
            if n >= k:
                yield " ".join(window)
        if 0 < n < k:
            yield " ".join(window)

    def _minhash(self, text: str):
        from datasketch import MinHash

        if self._template is None:
            self._template = MinHash(num_perm=self.num_perm, seed=self.seed)
        t = self._template
        m = MinHash(num_perm=self.num_perm, seed=self.seed, permutations=t.permutations, scheme=t.scheme)
        any_words = False
        batch: list[bytes] = []
        for shingle in self._shingles(text):
            batch.append(shingle.encode("utf-8"))
            if len(batch) >= _BATCH:
                m.update_batch(batch)
                batch, any_words = [], True
        if batch:
            m.update_batch(batch)
            any_words = True
        return m, any_words

    def add(self, doc_id: str, text: str) -> str | None:
        """The earlier document most similar to this one at or above the threshold (the earliest on a tie),
        among the first MAX_CANDIDATES earlier documents LSH proposes: a corpus of thousands of near-copies
        costs a bounded comparison per document, not one per earlier copy."""
        m, has_words = self._minhash(text)
        if not has_words:
            return None
        best = None
        candidates = sorted(self.lsh.query(m), key=self.order.__getitem__)[:MAX_CANDIDATES]
        if candidates:
            sims = (np.stack([self.hashes[c] for c in candidates]) == m.hashvalues).mean(axis=1)
            top = int(np.argmax(sims))  # the first maximum: the earliest of equally similar documents
            if sims[top] >= self.threshold:
                best = candidates[top]
        self.lsh.insert(doc_id, m)
        self.hashes[doc_id] = m.hashvalues  # only the signature is kept (1 KB a document at 128 permutations)
        self.order[doc_id] = len(self.order)
        return best
