"""The anisotropy baseline: how far apart ordinary sentences are under the same encoder.

Contextual embeddings are all somewhat alike (Ethayarajh 2019), so the APD of mention contexts only means
something next to the APD of other sentences from the same documents. The run's pooled baseline is used by
groups with too few sentences of their own; the bundled reference sentences only when the run has too few.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from pipelines.elasticity.components import apd
from pipelines.elasticity.index import Baseline
from pipelines.elasticity.settings import ElasticityParams

REFERENCE_FILE = Path(__file__).with_name("reference_sentences.txt")
#: Shorter lines (headings, labels) say nothing about how the documents use language.
MIN_BASELINE_WORDS = 4


def is_baseline_sentence(text: str) -> bool:
    return len(str(text).split()) >= MIN_BASELINE_WORDS


def reference_sentences() -> list[str]:
    """The bundled reference sentences (comment lines start with '#')."""
    lines = REFERENCE_FILE.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def sample_baseline(sentences: pd.DataFrame, per_doc: int, seed: int) -> pd.DataFrame:
    """At most `per_doc` sentences per document, drawn at random (seeded) so long documents do not dominate."""
    if sentences.empty:
        return sentences.reset_index(drop=True)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(sentences))
    shuffled = sentences.iloc[order]
    kept = shuffled.groupby("doc_id", sort=False).head(per_doc)
    return kept.sort_index().reset_index(drop=True)


def pooled_baseline(
    embeddings: np.ndarray, params: ElasticityParams, encode: Callable[[list[str]], np.ndarray]
) -> Baseline:
    """APD of all baseline sentences of the run, or of the reference sentences when there are too few."""
    if len(embeddings) >= params.min_baseline:
        return Baseline("pooled", apd(embeddings))
    return Baseline("reference", apd(encode(reference_sentences())))
