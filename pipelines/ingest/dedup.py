"""Near-duplicate documents: MinHash over word shingles with LSH; each is flagged against an earlier one."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


class NearDuplicateIndex:
    """Add documents in corpus order; `add` returns the most similar earlier doc_id at or above threshold, else None."""

    def __init__(self, threshold: float, shingle_words: int, num_perm: int, seed: int):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.shingle_words = shingle_words
        self.num_perm = num_perm
        self.seed = seed
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.hashes: dict[str, object] = {}
        self.order: dict[str, int] = {}

    def _minhash(self, text: str):
        from datasketch import MinHash

        words = [w.lower() for w in _WORD.findall(text)]
        k = self.shingle_words
        shingles = {" ".join(words[i:i + k]) for i in range(max(1, len(words) - k + 1))} if words else set()
        m = MinHash(num_perm=self.num_perm, seed=self.seed)
        m.update_batch([s.encode("utf-8") for s in sorted(shingles)])
        return m, bool(shingles)

    def add(self, doc_id: str, text: str) -> str | None:
        m, has_words = self._minhash(text)
        if not has_words:
            return None
        best, best_sim = None, -1.0
        for other in sorted(self.lsh.query(m), key=self.order.__getitem__):
            sim = m.jaccard(self.hashes[other])
            if sim >= self.threshold and sim > best_sim:
                best, best_sim = other, sim
        self.lsh.insert(doc_id, m)
        self.hashes[doc_id] = m
        self.order[doc_id] = len(self.order)
        return best
